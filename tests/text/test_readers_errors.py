"""Files kg cannot read: one ``Error:`` line that names what the file is and what to do,
exit status 1, never a traceback; through the library (InputError) and the command line."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.errors import InputError

from . import badfiles, makers


def damaged_xml_docx(tmp_path) -> bytes:
    good = makers.to_docx("一、总体要求", tmp_path / "good.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    return out.getvalue()


def truncated_docx(tmp_path) -> bytes:
    return badfiles.truncated(makers.to_docx("一、总体要求", tmp_path / "good.docx").read_bytes())


CASES = {
    "scan.pdf": (lambda tmp: badfiles.scanned_pdf(), ["no text layer", "OCR", "tesseract"]),
    "locked.pdf": (lambda tmp: badfiles.encrypted_pdf(), ["encrypted PDF", "password"]),
    "old.doc": (lambda tmp: badfiles.old_word(), ["old binary Word file (.doc)", "save it as .docx"]),
    "cut.docx": (truncated_docx, ["damaged Word file", "save it again as .docx"]),
    "broken.docx": (damaged_xml_docx, ["damaged Word file", "word/document.xml", "save it again"]),
    "zip.docx": (lambda tmp: _zip_of({"readme.txt": "x"}), ["damaged Word file", "word/document.xml"]),
    "photo.txt": (lambda tmp: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ["PNG image", "OCR"]),
}


def _zip_of(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return out.getvalue()


@pytest.fixture(params=sorted(CASES))
def bad_file(request, tmp_path):
    make, words = CASES[request.param]
    path = tmp_path / request.param
    path.write_bytes(make(tmp_path))
    return path, words


def test_library_refuses_with_one_sentence_naming_the_file_and_what_to_do(bad_file):
    path, words = bad_file
    with pytest.raises(InputError) as e:
        kg.parse(path)
    message = str(e.value)
    assert message.startswith(f"{path.name}: ")
    assert "\n" not in message
    for word in words:
        assert word in message


def test_command_line_prints_one_error_line_and_exits_1(bad_file):
    path, words = bad_file
    for args in (["parse", str(path)], ["build", str(path), "-o", str(path.parent / "out")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
        assert words[0] in lines[0]
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
