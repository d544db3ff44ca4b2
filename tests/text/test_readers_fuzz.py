"""Readers never fail on what they are given: tag soup, any merge pattern, any bytes.

The answer is text or one InputError, never another exception.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.errors import InputError
from kg.text.read import read_bytes
from kg.text.readers import Cell, TextBuilder, expand
from kg.text.readers.html import read_html

TAGS = ["p", "div", "table", "tr", "td", "th", "br", "span", "a", "nav", "li", "script", "caption"]
ATTRS = [
    "",
    ' class="nav"',
    ' class="TRS_Editor"',
    ' colspan="2"',
    ' rowspan="0"',
    ' rowspan="x"',
    ' id="footer"',
    ' class="share"',
]
WORDS = ["市发展改革委牵头", "一、总体要求", "（一）", "附件下载：", "版权所有", "1", "\n", " ", "分享到"]

pieces = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.sampled_from(WORDS),
)


@given(st.lists(pieces, max_size=60))
def test_tag_soup_is_text_or_one_input_error(soup):
    try:
        found = read_html("".join(soup), "soup.html")
    except InputError:
        return
    assert found.text.endswith("\n")
    for start, end, _ in found.origins:
        assert 0 <= start < end <= len(found.text)


spans = st.tuples(st.integers(0, 3), st.integers(0, 3))


@given(st.lists(st.lists(spans, min_size=1, max_size=4), min_size=1, max_size=5))
def test_any_merge_pattern_gives_a_grid_whose_rows_are_lines(shape):
    rows = [
        [(Cell(f"r{r}c{c}", (("row", str(r)), ("cell", str(c)))), cs, rs) for c, (cs, rs) in enumerate(row)]
        for r, row in enumerate(shape)
    ]
    out = TextBuilder("html")
    out.add_table(expand(rows))
    found = out.result()
    assert found.text.count("\n") <= len(shape)


MAGIC = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"PK\x05\x06" + b"\x00" * 18,
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><body>",
    b"\xef\xbb\xbf",
    b"{\\rtf1",
]


@given(
    st.sampled_from(MAGIC),
    st.binary(max_size=300),
    st.sampled_from(["x.txt", "x.pdf", "x.docx", "x.xlsx", "x.html", "x.csv", "x"]),
)
def test_any_bytes_are_text_or_one_input_error(magic, data, name):
    try:
        read_bytes(magic + data, name)
    except InputError as e:
        assert "\n" not in str(e)
