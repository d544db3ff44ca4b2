"""Bytes → text: detect the encoding and refuse what is not a text document.

Government documents arrive as UTF-8 (with or without BOM), GBK/GB18030 from older
systems, or UTF-16 from Word's "Unicode text" export. Spans are counted on the decoded
text with the BOM removed and line ends folded to ``\\n``, so every encoding of the same
document yields the same offsets.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


@dataclass(frozen=True)
class SourceText:
    """A decoded document: its text, where it came from and how it was encoded."""

    text: str
    name: str
    encoding: str
    replaced: int = 0  # bytes that could not be decoded and became U+FFFD

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_text(path: str | Path) -> SourceText:
    """Read a document file; raise InputError with one clear sentence if it is not text."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a document")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror or e})") from None
    return decode(data, name=p.name)


def decode(data: bytes, name: str = "<bytes>") -> SourceText:
    """Decode document bytes, trying BOMs, UTF-16 without BOM, UTF-8, then GB18030."""
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise InputError(f"{name}: the file is empty")
    encoding, text, replaced = _guess(data, name)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise InputError(f"{name}: looks like a binary file, not a text document")
    return SourceText(text=text, name=name, encoding=encoding, replaced=replaced)


def _guess(data: bytes, name: str) -> tuple[str, str, int]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict_or_replace(data[len(bom) :], enc, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict_or_replace(data, utf16, name)
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
    try:
        return "gb18030", data.decode("gb18030"), 0
    except UnicodeDecodeError:
        pass
    return _detected(data, name)


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
    if best is None or best.encoding is None:
        raise InputError(f"{name}: cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)")
    return best.encoding, str(best), 0


def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef") / len(text)


def _ascii_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if " " <= ch <= "~" or ch in "\n\r\t") / len(text)
