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
