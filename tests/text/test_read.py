"""Reading bytes: every encoding a government file arrives in, and refusing what is not text."""

from __future__ import annotations

import codecs

import pytest

from kg import InputError, decode, read_text

SAMPLE = "鲁政发〔2022〕6号\n一、总体要求\n（一）加强领导。（省商务厅牵头）\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16-le"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_every_encoding_decodes_to_the_same_text(data, encoding):
    src = decode(data, "x.txt")
    assert src.text == SAMPLE
    assert src.encoding == encoding


@pytest.mark.parametrize("data", [b"", b"   \n\n", codecs.BOM_UTF8, b"\x00\x00"])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError, match="empty"):
        decode(data, "empty.txt")


def test_binary_input_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary"):
        decode(png, "picture.png")


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)


def test_a_few_broken_bytes_in_utf8_become_replacement_characters():
    data = SAMPLE.encode("utf-8") * 10
    data = data + b"\xff" + data
    src = decode(data, "x.txt")
    assert src.encoding == "utf-8"
    assert src.replaced == 1
    assert "\ufffd" in src.text


TRADITIONAL = "魯政發〔2022〕6號\n一、總體要求\n（一）加強領導。（省商務廳牽頭）\n"


@pytest.mark.parametrize(
    "codec, encoding",
    [
        ("big5", "big5"),
        ("cp950", "big5"),
        ("utf-32", "utf-32-le"),
        ("utf-32-le", "utf-32-le"),
        ("utf-32-be", "utf-32-be"),
    ],
)
def test_big5_and_utf32_are_recognised_by_name(codec, encoding):
    src = decode(TRADITIONAL.encode(codec), "x.txt")
    assert (src.text, src.encoding) == (TRADITIONAL, encoding)


def test_the_bundled_document_in_big5_reads_as_itself(seed_path):
    text = seed_path.read_text("utf-8")
    data = text.encode("cp950", errors="replace")  # its pinyin tone marks are not in Big5
    assert decode(data, "seed-big5.txt").text == data.decode("cp950")


def test_a_decode_that_is_mostly_improbable_characters_is_refused_naming_what_was_tried():
    with pytest.raises(InputError) as e:
        decode(bytes(range(0x80, 0x100)) * 20, "junk.txt")
    assert "tried UTF-8, UTF-16, UTF-32, GB18030, Big5" in str(e.value)


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_fifo_or_device_is_refused_before_reading(tmp_path, special):
    import os

    path = tmp_path / "fifo" if special == "fifo" else special
    if special == "fifo":
        os.mkfifo(path)  # no writer: opening it must not block
    with pytest.raises(InputError, match="not a regular file"):
        read_text(path)


def test_a_file_over_the_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SAMPLE.encode() * 100)
    assert read_text(big, max_bytes=len(SAMPLE.encode()) * 100).text == SAMPLE * 100
    with pytest.raises(InputError, match="larger than the limit of 100 bytes"):
        read_text(big, max_bytes=100)


def test_dash_reads_standard_input(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SAMPLE.encode("gb18030"))))
    src = read_text("-")
    assert (src.text, src.name, src.encoding) == (SAMPLE, "-", "gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 200)))
    with pytest.raises(InputError, match="-: larger than the limit"):
        read_text("-", max_bytes=100)


def test_a_file_name_that_is_not_utf8_is_named_printably(tmp_path):
    import os

    path = tmp_path / os.fsdecode(b"\xb2\xe2.txt")
    path.write_bytes(SAMPLE.encode())
    assert read_text(path).name == "\\xb2\\xe2.txt"


def test_lone_surrogates_given_to_the_api_become_a_warning_not_a_crash():
    import kg

    doc = kg.parse_text(SAMPLE.replace("加强", "加\ud800强"), source="x\udcff.txt")
    assert any("became U+FFFD" in w.message and w.line == 3 for w in doc.warnings)
    assert doc.source == "x\\xff.txt"
    kg.to_graph([doc]).serialize(format="turtle").encode("utf-8")
