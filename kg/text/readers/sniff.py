"""Which format a file is, from its first bytes and (for zip packages) its members; the suffix
only breaks ties that the content cannot (CSV and plain text look alike).

Formats kg cannot read get one sentence naming what the file is and what to do with it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from kg.errors import InputError
from kg.text.readers import Extracted
from kg.text.readers.docx import read_docx
from kg.text.readers.html import read_html
from kg.text.readers.sheet import read_csv, read_xlsx

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Readers of bytes (binary formats; PDF has options of its own, kg.text.read calls it) and of
# decoded text (formats that are text with a syntax).
BINARY: dict[str, Callable[[bytes, str], Extracted]] = {
    "docx": read_docx,
    "xlsx": read_xlsx,
}
TEXT: dict[str, Callable[[str, str], Extracted]] = {"html": read_html, "csv": read_csv}
_MARKUP = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
_TAG = re.compile(rb"<(?:p|div|table|br|span|body|html)\b[^>]*>", re.I)
_IMAGES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)


def sniff(data: bytes, name: str) -> str:
    """The format of ``data``: pdf, docx, xlsx, html, csv or text; InputError for a file kg
    does not read (old Word, images, archives …), saying what it is and what to do."""
    head = data[:2048]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip(data, name, suffix)
    if head.startswith(OLE2):
        raise InputError(_ole2(data, name))
    if head.startswith(b"{\\rtf"):
        raise InputError(
            f"{name}: a Rich Text (RTF) file; open it in Word or LibreOffice and "
            "save it as .docx, which kg reads"
        )
    for magic, what in _IMAGES:
        if head.startswith(magic):
            raise InputError(
                f"{name}: {what}, not a document; kg reads text, so run OCR on it "
                "first (for example tesseract -l chi_sim) and give kg the text"
            )
    if head.lower().lstrip(b"\xef\xbb\xbf").startswith(b"mime-version:") or suffix in ("mht", "mhtml"):
        raise InputError(
            f"{name}: a web archive (.mht); open it in a browser and save the page "
            "as HTML (web page, HTML only), which kg reads"
        )
    markup = _ascii_head(head)
    if _MARKUP.match(markup.lstrip()) or (
        suffix in ("html", "htm", "xhtml", "shtml") and _TAG.search(markup)
    ):
        return "html"
    if suffix == "csv":
        return "csv"
    return "text"


def _ascii_head(head: bytes) -> bytes:
    """The start of the file with a BOM and UTF-16 zero bytes gone, enough to see markup."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head.count(b"\x00") > len(head) // 4:
        head = head.replace(b"\x00", b"")
    return head


def _zip(data: bytes, name: str, suffix: str) -> str:
    what = {"docx": "Word", "xlsx": "Excel"}.get(suffix)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = set(z.namelist())
            mimetype = z.read("mimetype").decode("ascii", "replace") if "mimetype" in members else ""
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        if what:
            raise InputError(
                f"{name}: a damaged {what} file (its zip structure cannot be read: "
                f"{e}); open it in {what} or LibreOffice and save it again as "
                f".{suffix}"
            ) from None
        raise InputError(f"{name}: a damaged zip archive ({e}), not a document kg reads") from None
    if "word/document.xml" in members:
        return "docx"
    if "xl/workbook.xml" in members:
        return "xlsx"
    if "opendocument" in mimetype:
        kind = "text document (.odt)" if "text" in mimetype else "file"
        raise InputError(
            f"{name}: an OpenDocument {kind}; open it in LibreOffice and save it "
            "as .docx (or .xlsx for a spreadsheet), which kg reads"
        )
    if "ppt/presentation.xml" in members:
        raise InputError(
            f"{name}: a PowerPoint file; kg reads .docx, .pdf, .html, .xlsx, .csv "
            "and .txt: export the slides as PDF"
        )
    if what:
        raise InputError(
            f"{name}: a damaged {what} file (a zip archive without "
            f"{'word/document.xml' if what == 'Word' else 'xl/workbook.xml'}); open "
            f"it in {what} or LibreOffice and save it again as .{suffix}"
        )
    raise InputError(f"{name}: a zip archive, not a document; unpack it and give kg the documents inside")


def _ole2(data: bytes, name: str) -> str:
    """What an OLE2 compound file (the container of old Office formats) holds."""

    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return (
            f"{name}: a password-protected Office file; open it with its password, remove "
            "the protection and save it again as .docx or .xlsx"
        )
    if has("WordDocument"):
        return (
            f"{name}: an old binary Word file (.doc); kg reads .docx: open it in Word or "
            "LibreOffice and save it as .docx (or run: libreoffice --headless "
            "--convert-to docx FILE)"
        )
    if has("Workbook") or has("Book"):
        return (
            f"{name}: an old binary Excel file (.xls); open it in Excel or LibreOffice and "
            "save it as .xlsx, which kg reads"
        )
    if has("PowerPoint Document"):
        return f"{name}: an old PowerPoint file (.ppt); export the slides as PDF, which kg reads"
    return (
        f"{name}: an old Microsoft Office file (OLE2); open it in its program and save it "
        "in a current format (.docx, .xlsx or PDF)"
    )
