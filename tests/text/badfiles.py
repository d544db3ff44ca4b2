"""Files kg must refuse with one clear line, made byte by byte: a PDF of one scanned image
(no text layer), a PDF encrypted with a password, an old binary Word file, damaged Word files."""

from __future__ import annotations

import zlib


def pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of the numbered objects 1…n (object 1 the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def scanned_pdf() -> bytes:
    """One A4 page that shows a grey image and has no text, as a scanner writes it."""
    pixels = zlib.compress(bytes(range(256)) * 64)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    content = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            b"<< /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            image,
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        ]
    )


def encrypted_pdf() -> bytes:
    """A PDF whose standard security handler needs a user password (RC4, revision 2)."""
    o = b"<" + b"7a" * 32 + b">"
    u = b"<" + b"c3" * 32 + b">"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O " + o + b" /U " + u + b" /P -44 >>",
        ],
        trailer=b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> "
        b"<0123456789abcdef0123456789abcdef>] ",
    )


def old_word() -> bytes:
    """The start of a Word 97–2003 file: the OLE2 signature, and the directory entry of its
    WordDocument stream (names are UTF-16)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    header = header.ljust(512, b"\x00")
    entry = "Root Entry".encode("utf-16-le").ljust(128, b"\x00")
    entry += "WordDocument".encode("utf-16-le").ljust(128, b"\x00")
    return header + entry.ljust(512, b"\x00")


def truncated(data: bytes) -> bytes:
    """A file cut off half way, as an interrupted download leaves it."""
    return data[: len(data) // 2]
