"""Word's XML as the reader sees it: automatic numbers, merged cells, what is not text."""

from __future__ import annotations

import io
import zipfile

import pytest

from kg.errors import InputError
from kg.text.readers.docx import read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str = "nothing") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suff}"/></w:lvl>'
    )


NUMBERING = (
    f'<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="1">'
    + lvl(0, "chineseCounting", "%1、")
    + lvl(1, "chineseCounting", "（%2）")
    + lvl(2, "decimal", "%3.")
    + lvl(3, "decimal", "（%4）")
    + lvl(4, "decimalEnclosedCircle", "%5")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    + lvl(0, "decimal", "%1.")
    + lvl(1, "decimal", "%1.%2")
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    "</w:numbering>"
)
STYLES = (
    f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading1">'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2">'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>'
)


def p(text: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num or style:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(body: str, numbering: str | None = NUMBERING, styles: str | None = STYLES) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>',
        )
        if numbering:
            z.writestr("word/numbering.xml", numbering)
        if styles:
            z.writestr("word/styles.xml", styles)
    return out.getvalue()


def text(body: str, **kw) -> list[str]:
    return read_docx(docx(body, **kw), "x.docx").text.splitlines()


def test_automatic_numbers_follow_the_levels_and_restart_under_a_new_heading():
    body = (
        p("总体要求", (1, 0))
        + p("指导思想", (1, 1))
        + p("基本原则", (1, 1))
        + p("重点任务", (1, 0))
        + p("优化服务", (1, 1))
        + p("推行网办", (1, 2))
        + p("压缩时限", (1, 2))
        + p("全程网办", (1, 3))
        + p("一次办", (1, 4))
        + p("加强监管", (1, 1))
    )
    assert text(body) == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "二、重点任务",
        "（一）优化服务",
        "1.推行网办",
        "2.压缩时限",
        "（1）全程网办",
        "①一次办",
        "（二）加强监管",
    ]


def test_numbers_given_by_the_paragraph_style():
    body = p("总体要求", style="Heading1") + p("指导思想", style="Heading2") + p("重点任务", style="Heading1")
    assert text(body) == ["一、总体要求", "（一）指导思想", "二、重点任务"]


def test_multilevel_decimal_numbers_and_a_start_override():
    body = p("甲", (2, 0)) + p("乙", (2, 1)) + p("丙", (2, 1)) + p("丁", (3, 0))
    assert text(body) == ["1.甲", "1.1乙", "1.2丙", "5.丁"]


def test_numbering_inside_a_table_cell_and_merged_cells():
    tc = "<w:tc><w:tcPr>{}</w:tcPr>{}</w:tc>"
    rows = [
        tc.format("", p("序号")) + tc.format("", p("工作任务")) + tc.format("", p("牵头单位")),
        tc.format("", p("1"))
        + tc.format("", p("推行网办", (2, 0)) + p("压缩时限", (2, 0)))
        + tc.format('<w:vMerge w:val="restart"/>', p("市发展改革委")),
        tc.format("", p("2")) + tc.format("", p("建设平台")) + tc.format("<w:vMerge/>", p("")),
        tc.format('<w:gridSpan w:val="3"/>', p("二、保障措施")),
    ]
    body = "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    assert text(body) == [
        "序号\t工作任务\t牵头单位",
        "1\t1.推行网办 2.压缩时限\t市发展改革委",
        "2\t建设平台\t市发展改革委",
        "二、保障措施",
    ]


def test_deleted_text_and_the_fallback_of_alternate_content_are_not_text():
    body = (
        "<w:p><w:r><w:t>市财政局</w:t></w:r><w:del><w:r><w:delText>市税务局</w:delText></w:r></w:del>"
        "<w:r><w:t>牵头</w:t></w:r></w:p>"
        "<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>框内文字</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>框内文字</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
    )
    assert text(body) == ["市财政局牵头", "框内文字"]


def test_a_document_without_numbering_or_styles_parts_is_read():
    assert text(p("一、总体要求", (1, 0)), numbering=None, styles=None) == ["一、总体要求"]


def test_paragraph_origins_count_body_paragraphs_empty_ones_too():
    found = read_docx(docx(p("甲") + p("") + p("乙")), "x.docx")
    assert found.origin(found.text.index("乙"), found.text.index("乙") + 1) == "paragraph 3"


@pytest.mark.parametrize("members", [{"word/other.xml": "<x/>"}, {"word/document.xml": "<w:document"}])
def test_a_package_without_a_readable_document_part_is_a_damaged_word_file(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    with pytest.raises(InputError, match="damaged Word file"):
        read_docx(out.getvalue(), "x.docx")
