"""One reader per input format; each gives the same thing: text the parser reads as it reads a
``.txt``, and where each part of that text came from.

Guarantees to the next stage (the normaliser and the parser):

1. Paragraphs are lines; a heading's automatic number is written out as the reader saw it.
2. A table of real cells is written as tab-separated rows, one line per row, newlines inside
   a cell folded to a space, merged cells copied into every cell they cover (down and across),
   and a header row that a page repeats written once (each repeat dropped with a warning).
   A row that is one cell across the whole table (a group title) is written as a plain line.
3. The origin map gives, for character ranges of the text, the page, paragraph or table cell
   they came from (``page 3``, ``paragraph 12``, ``table 2 row 4 cell 3``).
4. Whatever the reader leaves out that holds text (navigation, footers, repeated headers) is a
   warning saying what it was; a reader never drops text silently.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.lexicon.words import DEADLINE_LABELS, ROLE_PHRASES, alternation
from kg.model import TextWarning
from kg.vocab import WarningKind

# A component of an origin: ("page", "3"), ("table", "2"), ("sheet", "任务分工") …
Part = tuple[str, str]
Origin = tuple[Part, ...]

# What may assign a task (kg/data/lexicon: role phrases, role labels, deadline labels).
_ROLE_WORDS = re.compile(
    alternation(
        sorted(
            {p for p, _ in ROLE_PHRASES.closing}
            | set(ROLE_PHRASES.label)
            | set(ROLE_PHRASES.mark)
            | set(DEADLINE_LABELS),
            key=len,
            reverse=True,
        )
    )
)


@dataclass
class Extracted:
    """What a reader found in a file: text, the format it came in, origins and warnings."""

    text: str
    format: str  # docx, html, pdf, xlsx, csv
    origins: list[tuple[int, int, Origin]] = field(default_factory=list)
    warnings: list[TextWarning] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def origin(self, start: int, end: int) -> str | None:
        """Where text [start, end) came from: ``table 1 row 3`` for a span over a whole row,
        ``paragraph 4–6`` for one over three paragraphs; None where the text has no origin."""
        first = self._at(start)
        last = self._at(max(start, end - 1))
        if first is None or last is None:
            known = first if first is not None else last
            return describe(known) if known else None
        parts: list[str] = []
        for (name, a), (name_b, b) in zip(first, last):
            if name != name_b:
                break
            if a != b:
                if name != "cell":  # a span over several cells of a row is in that row
                    parts.append(f"{name} {a}–{b}")
                break
            parts.append(f"{name} {a}")
        return " ".join(parts) or describe(first)

    def _at(self, pos: int) -> Origin | None:
        if len(self._starts) != len(self.origins):
            self._starts = [s for s, _, _ in self.origins]
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.origins[i][0] <= pos < self.origins[i][1]:
            return self.origins[i][2]
        return None


def describe(origin: Origin) -> str:
    return " ".join(f"{name} {value}" for name, value in origin)


def holds_role_words(text: str) -> bool:
    """Text that may assign a task: dropping it must say so loudly."""
    return _ROLE_WORDS.search(text) is not None


def excerpt(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def dropped(kind: WarningKind, what: str, text: str, line: int | None) -> TextWarning:
    """The warning for text a reader leaves out: what it was and the text itself."""
    loud = " (it holds role words: check it)" if holds_role_words(text) else ""
    return TextWarning(kind.value, f"left out {what}{loud}: “{excerpt(text)}”", line=line)


class TextBuilder:
    """Accumulates the extracted text line by line, with the origin of each line and cell."""

    def __init__(self, fmt: str) -> None:
        self.format = fmt
        self.parts: list[str] = []
        self.length = 0
        self.lines = 0
        self.origins: list[tuple[int, int, Origin]] = []
        self.warnings: list[TextWarning] = []
        self.tables = 0

    @property
    def line(self) -> int:
        """1-based number of the next line to be written."""
        return self.lines + 1

    def add_line(self, text: str, origin: Origin) -> None:
        text = _one_line(text)
        if not text:
            return
        self._put(text, origin)
        self._put("\n", None)
        self.lines += 1

    def add_paragraph(self, parts: Sequence[tuple[str, Origin]]) -> None:
        """One line made of pieces from different places (a paragraph a page break cut)."""
        parts = [(_one_line(t), o) for t, o in parts]
        parts = [(t, o) for t, o in parts if t]
        if not parts:
            return
        for i, (text, origin) in enumerate(parts):
            if (
                i
                and text[0].isascii()
                and text[0].isalnum()
                and parts[i - 1][0][-1].isalnum()
                and parts[i - 1][0][-1].isascii()
            ):
                self._put(" ", None)  # words of a Latin text wrapped at a space
            self._put(text, origin)
        self._put("\n", None)
        self.lines += 1

    def add_blank(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._put("\n", None)
            self.lines += 1

    def add_table(self, grid: Sequence[Sequence[Cell | None]], origin: Origin = ()) -> None:
        """Write a table whose merged cells are already expanded (see :func:`expand`)."""
        self.tables += 1
        where: Origin = (*origin, ("table", str(self.tables)))
        rows = [r for r in grid if any(c is not None and c.text.strip() for c in r)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        if _is_label_table(rows):
            self._label_lines(rows, where)
            return
        header = _row_key(rows[0])
        for n, row in enumerate(rows):
            texts = [_one_line(c.text).replace("\t", " ") if c is not None else "" for c in row]
            if n and _row_key(row) == header and len(rows[0]) > 1:
                self.warnings.append(
                    TextWarning(
                        WarningKind.TABLE_HEADER_REPEAT.value,
                        f"left out table {self.tables}'s header row repeated on a later page: "
                        f"“{excerpt(' | '.join(texts))}”",
                        line=self.line,
                    )
                )
                continue
            first = row[0]
            if width > 1 and len(row) == width and first is not None and all(c is first for c in row):
                self.add_line(texts[0], (*where, *first.origin))  # a title across the table
                continue
            for i, (cell, text) in enumerate(zip(row, texts)):
                if i:
                    self._put("\t", None)
                if text and cell is not None:
                    self._put(text, (*where, *cell.origin))
            self._put("\n", None)
            self.lines += 1

    def _label_lines(self, rows: Sequence[Sequence[Cell | None]], where: Origin) -> None:
        """A table of ``label：value`` pairs (the metadata block a government site shows above
        a document: 索引号, 发文机关, 发文字号 …) as one ``label：value`` line per pair."""
        for row in rows:
            cells = _distinct(row)
            for label, value in zip(cells[0::2], cells[1::2]):
                if not value.text.strip():
                    continue
                key = re.sub(r"[\s\u3000]+", "", label.text)
                self.add_paragraph(
                    [(key, (*where, *label.origin)), (_one_line(value.text), (*where, *value.origin))]
                )

    def _put(self, text: str, origin: Origin | None) -> None:
        if origin is not None and text:
            self.origins.append((self.length, self.length + len(text), origin))
        self.parts.append(text)
        self.length += len(text)

    def result(self) -> Extracted:
        return Extracted("".join(self.parts), self.format, self.origins, self.warnings)


@dataclass
class Cell:
    """A table cell as the file holds it: its text and where it is in its table."""

    text: str
    origin: Origin  # (("row", "2"), ("cell", "3")), relative to its table


def expand(rows: Sequence[Sequence[tuple[Cell, int, int]]]) -> list[list[Cell | None]]:
    """A grid from rows of (cell, colspan, rowspan): a merged cell's text stands in every
    position it covers, so a lead written once for three rows is the lead of each of them.

    A rowspan of 0 means "to the end of the table" (HTML); positions nobody covers are None.
    """
    grid: list[list[Cell | None]] = []
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still to cover)
    total = len(rows)
    for r, row in enumerate(rows):
        out: list[Cell | None] = []
        col = 0
        cells = list(row)
        while cells or any(c >= col for c in pending):
            if col in pending:
                cell, left = pending.pop(col)
                out.append(cell)
                if left > 1:
                    pending[col] = (cell, left - 1)
                col += 1
                continue
            if not cells:
                out.append(None)
                col += 1
                continue
            cell, colspan, rowspan = cells.pop(0)
            rowspan = total - r if rowspan == 0 else rowspan
            for k in range(max(colspan, 1)):
                out.append(cell)
                if rowspan > 1:
                    pending[col + k] = (cell, rowspan - 1)
            col += max(colspan, 1)
        grid.append(out)
    return grid


_LABEL = re.compile(r"^[^：:]{1,12}[：:]$")


def _distinct(row: Sequence[Cell | None]) -> list[Cell]:
    """The cells of a row, a merged cell once."""
    out: list[Cell] = []
    for cell in row:
        if cell is not None and not any(cell is seen for seen in out):
            out.append(cell)
    return out


def _is_label_table(rows: Sequence[Sequence[Cell | None]]) -> bool:
    """Every row is label：value pairs: its odd cells are short labels ending in a colon."""
    for row in rows:
        cells = _distinct(row)
        pairs = [
            (a, b)
            for a, b in zip(cells[0::2], cells[1::2] + [Cell("", ())])
            if a.text.strip() or b.text.strip()
        ]
        if not pairs or not all(_LABEL.match(re.sub(r"\s+", "", a.text)) for a, _ in pairs):
            return False
        if any(_LABEL.match(re.sub(r"\s+", "", c.text)) for c in cells[1::2] if c.text.strip()):
            return False
    return True


def _one_line(text: str) -> str:
    """A cell or paragraph on one line: inner line breaks and tabs of a cell become spaces."""
    return " ".join(
        part.strip() for part in re.split(r"[\r\n\v\f\u2028\u2029]+", text) if part.strip()
    ).strip()


def _row_key(row: Sequence[Cell | None]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", c.text) if c is not None else "" for c in row)
