"""PDF with a text layer → text in reading order, tables as rows.

pdfplumber (on pdfminer.six), not pypdfium2: it gives each character with its position and
finds ruled tables (``find_tables``), which is what a task-division table in a PDF is;
pypdfium2 reads text faster but has no notion of tables, so we would write the table finder.
Page numbers and running headers are left in the text: the normaliser already removes page
furniture (and warns about it), and doing it twice would hide what it removed.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import Any

from kg.errors import InputError
from kg.model import TextWarning
from kg.text.normalize import page_furniture
from kg.text.readers import Cell, Extracted, TextBuilder
from kg.text.readers.ocr import available as ocr_available
from kg.text.readers.ocr import page_lines as ocr_page_lines
from kg.vocab import WarningKind

_OCR_HINT = (
    "kg reads PDFs that carry text; run OCR on it first (for example ocrmypdf -l chi_sim, "
    "with Debian's tesseract-ocr and tesseract-ocr-chi-sim) and give kg the result"
)


_TERMINAL = "。！？；：”」』）…!?;:)"
_ANNOTATION_END = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]$")  # 領(lǐng)
# A line that opens with a heading number starts a paragraph, whatever the line above it.
_CN = "一二三四五六七八九十"
_HEADING = re.compile(rf"^(?:[(（]?[{_CN}]+[)）、]|[(（]?\d{{1,3}}[)）.、．]|第[{_CN}\d]+[章条])")


@dataclass
class _Line:
    """A line of text on a page, with its left and right edge and its font size."""

    text: str
    x0: float
    x1: float
    size: float
    first: float  # width of the line's first unbreakable piece (a Chinese character, a word)
    top: float = 0.0
    bottom: float = 0.0


def _first_unit(chars: list[dict[str, Any]]) -> float:
    """How wide the start of a line is up to where a line could break: one Chinese
    character, or a run of Latin letters and digits (a word, a number, converter pinyin)."""
    if not chars:
        return 0.0
    end = chars[0]["x1"]
    if ord(chars[0]["text"][:1] or " ") >= 0x2E80:
        return end - chars[0]["x0"]
    for ch in chars[1:]:
        if ch["text"].isspace() or ord(ch["text"][:1] or " ") >= 0x2E80:
            break
        end = ch["x1"]
    return end - chars[0]["x0"]


def read_pdf(data: bytes, name: str, ocr: bool = False) -> Extracted:
    """The text of a PDF; InputError for an encrypted, damaged or scanned (image-only) one.
    With ``ocr``, pages without a text layer are read by tesseract (see ``ocr.py``)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font quirks are not the user's
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _encrypted(name) from None
    except PDFSyntaxError as e:
        raise InputError(
            f"{name}: a damaged PDF ({e}); open it in a PDF viewer and save or print it again as PDF"
        ) from None
    except Exception as e:  # pdfplumber wraps pdfminer's errors in its own class
        cause = e.__cause__ or e.__context__ or e
        if (
            isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError))
            or "password" in str(e).lower()
            or "encrypt" in str(e).lower()
        ):
            raise _encrypted(name) from None
        raise InputError(
            f"{name}: a damaged PDF ({e or type(e).__name__}); open it in a PDF "
            "viewer and save or print it again as PDF"
        ) from None
    if ocr and (why := ocr_available()):
        raise InputError(f"{name}: {why}")
    with pdf:
        out = TextBuilder("pdf")
        pages = []
        number = 0
        try:
            for number, page in enumerate(pdf.pages, 1):
                if ocr and not page.chars:
                    pages.append(_ocr_page(page))
                    out.warnings.append(
                        TextWarning(
                            WarningKind.OCR.value,
                            f"page {number} has no text layer and was read by "
                            "OCR (tesseract, chi_sim): check its text against the page",
                            line=out.line,
                        )
                    )
                else:
                    pages.append(_page(page, number))
        except Exception as e:
            cause = e.__cause__ or e
            if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise _encrypted(name) from None
            raise InputError(
                f"{name}: a damaged PDF (page {number}: {e}); open it in a PDF "
                "viewer and save or print it again as PDF"
            ) from None
    _write(_join_pages(pages), out)
    result = out.result()
    if not result.text.strip():
        raise InputError(
            f"{name}: a PDF with no text layer ({len(pages)} page"
            f"{'s' if len(pages) != 1 else ''} of images, a scan?); {_OCR_HINT}"
            + ("" if ocr else " (or give kg --ocr if tesseract-ocr-chi-sim is installed)")
        )
    return result


def _encrypted(name: str) -> InputError:
    return InputError(
        f"{name}: an encrypted PDF that needs a password to open; open it with the "
        "password and save or print it again as a PDF without protection"
    )


def _page(page: Any, number: int) -> list[tuple[str, Any]]:
    """One page as ("line", text) and ("table", grid) items, from top to bottom."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, int, tuple[str, Any]]] = []
    for line in page.extract_text_lines(keep_blank_chars=True, x_tolerance=1.5):
        mid_x = (line["x0"] + line["x1"]) / 2
        mid_y = (line["top"] + line["bottom"]) / 2
        if any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes):
            continue
        size = max((c["size"] for c in line["chars"]), default=10.0)
        found = _Line(
            line["text"],
            line["x0"],
            line["x1"],
            size,
            _first_unit(line["chars"]),
            line["top"],
            line["bottom"],
        )
        items.append((line["top"], 0, ("line", found)))
    for table in tables:
        items.append((table.bbox[1], 1, ("table", _grid(table, number))))
    items.sort(key=lambda item: (item[0], item[1]))
    return [item for _, _, item in items]


def _ocr_page(page: Any) -> list[tuple[str, Any]]:
    return [
        ("line", _Line(text, x0, x1, size, size, top, top + size))
        for text, x0, x1, size, top in ocr_page_lines(page)
    ]


def _join_pages(pages: list[list[tuple[str, Any]]]) -> list[tuple[int, str, Any]]:
    """Items of every page; a table that goes on at the top of the next page (with the same
    columns, only page furniture between) is one table, so its repeated header shows once."""
    out: list[tuple[int, str, Any]] = []
    for number, items in enumerate(pages, 1):
        for k, (kind, item) in enumerate(items):
            if kind == "table" and not any(x[0] == "table" for x in items[:k]):
                last = max((i for i, x in enumerate(out) if x[1] == "table"), default=None)
                between = out[last + 1 :] if last is not None else []
                if (
                    last is not None
                    and out[last][0] == number - 1
                    and len(between) + k <= 4
                    and all(x[1] == "line" and len(x[2].text.strip()) <= 20 for x in between)
                    and all(len(x[1].text.strip()) <= 20 for x in items[:k])
                    and len(out[last][2][0]) == len(item[0])
                ):
                    out[last] = (number, "table", out[last][2] + item)
                    continue
            out.append((number, kind, item))
    return out


def _write(items: list[tuple[int, str, Any]], out: TextBuilder) -> None:
    """Lines and tables into the text. A line that stops mid-sentence so near the right margin
    that the next line's first character or word would not have fitted goes on in that next
    line, if it starts at the left margin right below it (not after the space that separates
    blocks) or at the top of the next page: the two are one paragraph. Page furniture (as the
    normaliser judges it) found inside such a paragraph is written after it, for the normaliser
    to remove."""
    lines = [item for _, kind, item in items if kind == "line"]
    furniture = iter(page_furniture([line.text.strip() for line in lines]))
    right: dict[int, float] = {}
    left: dict[int, float] = {}
    flags: list[bool] = []
    for page, kind, item in items:
        if kind == "line":
            flags.append(next(furniture))
            if not flags[-1] and item.text.strip():
                right[page] = max(right.get(page, 0.0), item.x1)
                left[page] = min(left.get(page, item.x0), item.x0)
    paragraph: list[tuple[int, _Line]] = []
    held: list[tuple[int, _Line]] = []

    def flush() -> None:
        out.add_paragraph([(line.text, (("page", str(p)),)) for p, line in paragraph])
        for p, line in held:
            out.add_line(line.text, (("page", str(p)),))
        paragraph.clear()
        held.clear()

    flag = iter(flags)
    for page, kind, item in items:
        if kind == "table":
            flush()
            out.add_table(item)
            continue
        if next(flag):
            if paragraph:
                held.append((page, item))
            else:
                out.add_line(item.text, (("page", str(page)),))
            continue
        if paragraph and _goes_on(paragraph[-1], (page, item), right, left):
            paragraph.append((page, item))
        else:
            flush()
            paragraph.append((page, item))
    flush()


def _goes_on(
    prev: tuple[int, _Line], nxt: tuple[int, _Line], right: dict[int, float], left: dict[int, float]
) -> bool:
    (p, a), (q, b) = prev, nxt
    text = a.text.rstrip()
    ends = bool(text) and text[-1] in _TERMINAL and not _ANNOTATION_END.search(text)
    room = right[p] - a.x1  # the next line's first piece would not have fitted here
    close = q != p or b.top - a.bottom <= 0.8 * a.size  # not the space between two blocks
    return (
        close
        and bool(text)
        and not ends
        and room < b.first + a.size
        and b.x0 <= left[q] + 0.5 * b.size
        and q - p in (0, 1)
        and not _HEADING.match(b.text.lstrip())
    )


def _grid(table: Any, page: int) -> list[list[Cell | None]]:
    """A pdfplumber table as a grid: a merged cell's text stands in every position it covers
    (pdfplumber gives None for the positions a merged cell covers beyond its first)."""
    texts = table.extract()
    rows, columns = table.rows, table.columns
    found: dict[tuple[float, ...], Cell] = {}
    for r, (row, line) in enumerate(zip(rows, texts), 1):
        for c, (box, text) in enumerate(zip(row.cells, line), 1):
            if box is not None and text is not None:
                found[tuple(box)] = Cell(text, (("page", str(page)), ("row", str(r)), ("cell", str(c))))
    grid: list[list[Cell | None]] = []
    for row in rows:
        out: list[Cell | None] = []
        _, top, _, bottom = row.bbox
        for column in columns:
            x0, _, x1, _ = column.bbox
            x, y = (x0 + x1) / 2, (top + bottom) / 2
            out.append(
                next((cell for (a, b, c, d), cell in found.items() if a <= x <= c and b <= y <= d), None)
            )
        grid.append(out)
    return grid
