"""Bytes → text: find the format, detect the encoding, refuse what is not a document.

Word, PDF, web pages and spreadsheets go to their reader (``kg.text.readers``); plain text is
decoded here.

Government documents arrive as UTF-8 (with or without BOM), GBK/GB18030 from older
systems, or UTF-16 from Word's "Unicode text" export. Spans are counted on the decoded
text with the BOM removed and line ends folded to ``\\n``, so every encoding of the same
document yields the same offsets.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from kg.choices import MAX_BYTES
from kg.errors import InputError
from kg.output import shown
from kg.text.readers import Extracted
from kg.text.readers.pdf import read_pdf
from kg.text.readers.sniff import BINARY, TEXT, sniff

STDIN = "-"
_SURROGATE = re.compile("[\ud800-\udfff]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_CONTROLS = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(32) if chr(c) not in _ALLOWED_CONTROLS) + "]"
)
# Legacy Chinese encodings tried in order when a file is not UTF-8: (name kg reports, codec).
_LEGACY = (("gb18030", "gb18030"), ("big5", "cp950"), ("big5", "big5hkscs"))
_TRIED = "UTF-8, UTF-16, UTF-32, GB18030, Big5"


@dataclass(frozen=True)
class SourceText:
    """A decoded document: its text, where it came from and how it was encoded."""

    text: str
    name: str
    encoding: str
    replaced: int = 0  # bytes (or lone surrogates of a str) that became U+FFFD
    extracted: Extracted | None = None  # what a reader found, for a file that is not plain text

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_text(path: str | Path, max_bytes: int = MAX_BYTES, ocr: bool = False) -> SourceText:
    """Read a document file (``-``: standard input) in any format kg reads; raise InputError
    with one clear sentence if it is not a regular file under ``max_bytes`` that kg can read.
    ``ocr``: read PDF pages without a text layer with tesseract (see :func:`read_bytes`)."""
    name = STDIN if os.fspath(path) == STDIN else shown(Path(path).name)
    return read_bytes(read_file_bytes(path, max_bytes), name=name, ocr=ocr)


def read_file_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file or of standard input, refusing more than ``max_bytes``.

    A FIFO, a device (``/dev/zero``) or a socket is refused before anything is read, so a
    pipe with no writer cannot hang kg and an endless device cannot fill its memory.
    """
    if os.fspath(path) == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        _check_size(STDIN, len(data), max_bytes)
        return data
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{shown(p)}: no such file") from None
    except OSError as e:
        raise InputError(f"{shown(p)}: cannot read ({e.strerror or e})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{shown(p)}: is a folder, not a document")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"{shown(p)}: is a {_kind(st.st_mode)}, not a regular file (use - to read a pipe)"
            )
        _check_size(shown(p), st.st_size, max_bytes)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes and (chunk := os.read(fd, min(1 << 20, max_bytes + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise InputError(f"{shown(p)}: cannot read ({e.strerror or e})") from None
    finally:
        os.close(fd)
    _check_size(shown(p), size, max_bytes)
    return b"".join(chunks)


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(f"{name}: larger than the limit of {max_bytes:,} bytes (raise it with --max-bytes)")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def from_text(text: str, name: str = "<text>") -> SourceText:
    """Text given as a string: line ends folded, BOM dropped, and any lone surrogate (which no
    file can hold) replaced by U+FFFD and counted, so that it becomes a warning, not a crash."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    clean, replaced = _SURROGATE.subn("\ufffd", text)
    return SourceText(clean, shown(name), "utf-8", replaced)


def read_bytes(data: bytes, name: str = "<bytes>", ocr: bool = False) -> SourceText:
    """A document in any format kg reads, as text; the format is found from the content
    (``kg.text.readers.sniff``), a reader extracts text from what is not plain text. ``ocr``:
    read PDF pages that have no text layer with tesseract (if installed)."""
    fmt = sniff(data, name)
    if fmt == "pdf":
        found = read_pdf(data, name, ocr=ocr)
        return SourceText(found.text, name, found.format, extracted=found)
    if fmt in BINARY:
        found = BINARY[fmt](data, name)
        return SourceText(found.text, name, found.format, extracted=found)
    src = decode(data, name=name)
    if fmt in TEXT:
        found = TEXT[fmt](src.text, name)
        return SourceText(found.text, name, src.encoding, src.replaced, extracted=found)
    return src


def decode(data: bytes, name: str = "<bytes>") -> SourceText:
    """Decode document bytes: BOMs, UTF-32/UTF-16 without BOM, UTF-8, GB18030, Big5, detection."""
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise InputError(f"{name}: the file is empty")
    encoding, text, replaced = _guess(data, name)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise InputError(f"{name}: looks like a binary file, not a text document")
    return SourceText(text=text, name=name, encoding=encoding, replaced=replaced)


def _guess(data: bytes, name: str) -> tuple[str, str, int]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict_or_replace(data[len(bom) :], enc, name)
    wide = _utf32_without_bom(data) or _utf16_without_bom(data)
    if wide:
        return _strict_or_replace(data, wide, name)
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not a text document")
    try:
        return "utf-8", data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    utf8 = data.decode("utf-8", errors="replace")
    bad = utf8.count("\ufffd")
    if bad and bad <= max(3, len(utf8) // 100) and _cjk_ratio(utf8) > 0.2:
        return "utf-8", utf8, bad  # a few damaged bytes in a UTF-8 file
    for enc, codec in _LEGACY:  # GB18030 decodes almost any bytes: keep only a probable text
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _improbable(text):
            return enc, text, 0
    return _detected(data, name)


def _improbable(text: str) -> bool:
    """Mojibake: Big5 read as GB18030 turns its punctuation into private-use characters, and a
    wrong single-byte guess yields C1 controls; a real document has almost none of either."""
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or "\x80" <= ch <= "\x9f" or ch == "\ufffd")
    wide = sum(1 for ch in text if ord(ch) > 0x7F)
    return odd > max(2, wide // 100)


def _utf32_without_bom(data: bytes) -> str | None:
    """UTF-32 text of the Basic Multilingual Plane has two zero bytes in every four."""
    if len(data) < 8 or len(data) % 4:
        return None
    quarter = len(data) // 4
    for high, enc in ((data[3::4], "utf-32-le"), (data[0::4], "utf-32-be")):
        if high.count(0) == quarter:
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                continue
            return enc
    return None


def _strict_or_replace(data: bytes, enc: str, name: str) -> tuple[str, str, int]:
    try:
        return enc, data.decode(enc), 0
    except UnicodeDecodeError:
        text = data.decode(enc, errors="replace")
        return enc, text, text.count("\ufffd")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has a zero byte in nearly every other position (ASCII and punctuation)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > len(zeros) * 0.1:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _cjk_ratio(text) + _ascii_ratio(text) > 0.9:
                return enc
    return None


def _detected(data: bytes, name: str) -> tuple[str, str, int]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or _improbable(str(best)):
        raise InputError(
            f"{name}: cannot tell the text encoding (tried {_TRIED} and detection; "
            "each gives mostly unmapped or improbable characters)"
        )
    return best.encoding, str(best), 0


def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef") / len(text)


def _ascii_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if " " <= ch <= "~" or ch in "\n\r\t") / len(text)
