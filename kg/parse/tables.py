"""Task-division tables in text, in every form they reach the parser.

A 任务分工表 copied from a web page or a PDF arrives as text. The readers write real cell
tables as tab-separated rows with merged cells already carried down; everything else is found
here: ``|`` rows (markdown), box drawing (``│`` between cells, ``─┼─`` rules, a cell wrapped
over several lines), rows whose cells are separated by spaces, one cell per line (the header
lines tell how many columns there are; a merged cell is left out of later rows and is carried
down from the row above), and rows glued together with no separator at all (``1推行…市发改委
2023年底前``). A header repeated on every page is skipped.

Columns are recognised by their headers (``kg/data/lexicon/table-headers.csv``); a column
whose header is not known is kept as ``other``. A row is fitted to the columns by the kind of
text in each cell (a number, agencies, people, a deadline, prose), so a row with a missing or
an extra cell still lands in the right columns. What a table does not let the parser read is
said in ``Table.notes``, which the parser turns into warnings.

This module only finds tables and cells; ``parse.document`` reads the cells as clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kg.lexicon.gazetteer import Gazetteer
from kg.parse.cells import (
    AGENCY_KEYS,
    LIST_SPLIT,
    Column,
    LineLike,
    Note,
    Row,
    Span,
    Table,
    agency_like,
    column_of,
    deadline_like,
    is_number,
    person_like,
)
from kg.parse.clauses import DEADLINE
from kg.parse.glued import find_glued_table
from kg.parse.kind_rows import read_by_kind
from kg.text.numerals import chinese_to_int
from kg.vocab import WarningKind

_BOX_BAR = "│┃║"
_BOX_RULE = re.compile(r"^[─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫+\-=|│┃║\s]+$")
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_BARS = re.compile(r"^[|｜\s]+$")
SUB_ITEM = re.compile(r"^(\d{1,2})[.、](?!\d)")
_NUMBER_PREFIX = re.compile(r"^(\d{1,3})[.、．]?\s*(?=[\u4e00-\u9fff“（])")


def find_table(
    lines: Sequence[LineLike], i: int, text: str, gaz: Gazetteer, stop: Callable[[str], bool]
) -> Table | None:
    """The table whose header starts at ``lines[i]``, or None.

    ``stop(line)`` says whether a line is a heading of the document (一、…), which ends a
    table whose last row has no end of its own (one cell per line).
    """
    line = lines[i]
    if "序号" in line.text or "编号" in line.text:
        glued = find_glued_table(lines, i, text, gaz)
        if glued is not None:
            return glued
    form = _form(line.text)
    cells = _split(line, form)
    if len(cells) >= 2:
        columns = _header(cells)
        while columns and i + 1 < len(lines):  # a two-row header: the lower row names the columns
            below = _split(lines[i + 1], form)
            lower = _header(below) if len(below) == len(cells) else None
            if lower is None:
                break
            columns, i = lower, i + 1
        if columns:
            return _SeparatedReader(lines, i, text, gaz, form, columns).read()
        if form != "space" or len(cells) > 2 or any(len(c[2]) > 1 for c in cells):
            return None  # 项 目 (one header word typeset with a space) may open a table below
    if column_of(line.text) is None or stop(line.text):
        return None
    bar_led = _bar_led_header(lines, i)
    if bar_led is not None:
        return _BarLedReader(lines, bar_led[1], text, gaz, bar_led[0], stop).read()
    head = _header_lines(lines, i, stop)
    j = 0
    while j < len(head) and _header_word(head[j].text) and not stop(head[j].text):
        j += 1
    while j > 0 and column_of(head[j - 1].text) is None:
        j -= 1  # 宏观调控 after the header is the first row's merged cell, not a header
    columns = _header([(x.start, x.end, x.text) for x in head[:j]])
    if not columns or j < 3:
        return None
    view, where = _without_bars(lines, i)  # 序号 / | / 项目 / | …: the bars part cells, no more
    reader = _LinesReader(view, 0, j, text, gaz, columns, stop)
    table = reader.read()
    if table is not None and table.columns[0].key != "number" and not _units_fit(table, text, gaz):
        by_kind = read_by_kind(view, j, columns, gaz, stop, reader._header_at)
        if by_kind is not None:
            title = f"table column {columns[0].header!r} is not read"  # it names the row now
            by_kind.notes[:0] = [n for n in table.notes if "is not read" in n[1] and n[1] != title]
            table = by_kind
    return _back(table, where, len(lines))


def _units_fit(table: Table, text: str, gaz: Gazetteer) -> bool:
    """Whether every unit cell of a table read a fixed number of lines per row names agencies
    (when one does not, merged cells left out have shifted the rows)."""
    return all(
        agency_like(text[s:e], gaz)
        for row in table.rows
        for key in AGENCY_KEYS
        if key not in row.carried
        for s, e in row.cells.get(key, [])
    )


def _header_lines(lines: Sequence[LineLike], i: int, stop: Callable[[str], bool]) -> list[LineLike]:
    """The lines from ``i`` on without bar lines, up to the first that cannot be a header
    word: as much of :func:`_without_bars` as a header needs. A line that names a column
    (责任单位：… on its own under every task) is tried as a table's header, and copying the
    rest of the document for each of them made parsing quadratic."""
    out: list[LineLike] = []
    for k in range(i, len(lines)):
        line = lines[k]
        if _BARS.match(line.text):
            continue
        out.append(line)
        if not _header_word(line.text) or stop(line.text):
            break
    return out


def _without_bars(lines: Sequence[LineLike], i: int) -> tuple[list[LineLike], list[int]]:
    """The lines from ``i`` on without those that are only | bars, and where each one was."""
    where = [k for k in range(i, len(lines)) if not _BARS.match(lines[k].text)]
    return [lines[k] for k in where], where


def _back(table: Table | None, where: list[int], total: int) -> Table | None:
    """A table read from a view without bar lines, its end an index of the lines again."""
    if table is not None:
        table.end = where[table.end] if table.end < len(where) else total
    return table


def _header_word(line: str) -> bool:
    """A line of a one-cell-per-line header: a known header, or a short label (进展情况)."""
    word = re.sub(r"\s", "", line)
    return column_of(line) is not None or (
        len(word) <= 6 and not re.search(r"[\d，。；、：]", word) and not is_number(word)
    )


def _form(line: str) -> str:
    if "\t" in line:
        return "tab"
    if any(ch in line for ch in _BOX_BAR):
        return "box"
    if "|" in line:
        return "pipe"
    return "space"


def _split(line: LineLike, form: str) -> list[tuple[int, int, str]]:
    """A line's cells with their offsets; the outer bars of a pipe or box row open no cell."""
    t = line.text
    if form == "space":
        return [(line.start + m.start(), line.start + m.end(), m.group()) for m in re.finditer(r"\S+", t)]
    bars = {"tab": "\t", "pipe": "|", "box": _BOX_BAR + "|"}[form]
    first = 1 if form != "tab" and t[:1] in bars else 0
    last = len(t) - 1 if form != "tab" and len(t) > first and t[-1] in bars else len(t)
    out, pos = [], first
    for k in [*(k for k in range(first, last) if t[k] in bars), last]:
        raw = t[pos:k]
        lead = len(raw) - len(raw.lstrip())
        word = raw.strip()
        out.append((line.start + pos + lead, line.start + pos + lead + len(word), word))
        pos = k + 1
    return out


def _header(cells: list[tuple[int, int, str]]) -> list[Column] | None:
    """Columns when the cells read as a header: a task column and someone answering for it,
    and most headers known."""
    keys = [column_of(c[2]) for c in cells]
    known = [k for k in keys if k]
    if "task" not in known or not ({*AGENCY_KEYS, "persons"} & set(known)):
        return None
    if len(known) < max(2, (len(keys) + 1) // 2) or any(
        len(re.sub(r"（[^）]*）", "", c[2])) > 12 for c in cells
    ):
        return None
    return [Column(k or "other", c[2]) for k, c in zip(keys, cells)]


# ---- fitting cells to columns ------------------------------------------------------------
def _fit_score(cell: str, key: str, gaz: Gazetteer) -> float:
    if not cell:
        return 0.0
    if key == "number":
        return 4.0 if is_number(cell) else -6.0
    if key in AGENCY_KEYS:
        return 3.0 if agency_like(cell, gaz) else -3.0
    if key == "persons":
        return 3.0 if person_like(cell, gaz) else -3.0
    if key == "deadline":
        return 3.0 if deadline_like(cell) else -2.0
    if is_number(cell):
        return -3.0 if key == "task" else 0.2
    if key == "task":
        return -2.0 if agency_like(cell, gaz) else (2.0 if len(cell) >= 6 else 0.5)
    return 0.3


def fit(cells: list[str], keys: list[str], gaz: Gazetteer) -> list[list[int]]:
    """Which cells go to each column, in order: cells are never reordered; a column may get
    none (a merged cell left out) and a prose column may take several (text split on spaces)."""
    n, m = len(cells), len(keys)
    if n == m:
        return [[i] for i in range(n)]
    neg = float("-inf")
    # best[i][j][a]: cells[:i] placed in keys[:j]; a=1 when cell i-1 went to column j-1
    best = [[[neg, neg] for _ in range(m + 1)] for _ in range(n + 1)]
    back: dict[tuple[int, int, int], tuple[int, int, int, str]] = {}
    best[0][0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for a in (0, 1):
                here = best[i][j][a]
                if here == neg:
                    continue
                moves = []
                if j < m:
                    moves.append((i, j + 1, 0, here - (0.2 if keys[j] == "number" else 1.0), "skip"))
                if i < n and j < m:
                    moves.append((i + 1, j + 1, 1, here + _fit_score(cells[i], keys[j], gaz), "take"))
                if i < n and a == 1 and keys[j - 1] in ("task", "other", *AGENCY_KEYS):
                    s = _fit_score(cells[i], keys[j - 1], gaz)
                    moves.append((i + 1, j, 1, here + min(s, 1.0) - 0.5, "join"))
                for ni, nj, na, score, how in moves:
                    if score > best[ni][nj][na]:
                        best[ni][nj][na] = score
                        back[(ni, nj, na)] = (i, j, a, how)
    state = (n, m, 0 if best[n][m][0] >= best[n][m][1] else 1)
    out: list[list[int]] = [[] for _ in range(m)]
    while state != (0, 0, 0):
        i, j, a, how = back[state]
        if how == "take":
            out[j].insert(0, i)
        elif how == "join":
            out[j - 1].insert(0, i)
        state = (i, j, a)
    return out


def fit_rows(cells: list[str], keys: list[str], gaz: Gazetteer) -> list[list[int]]:
    """Lines between two row numbers cut into rows: each row's cells in column order, a new
    row (a sub-row sharing the number) where a cell fits an earlier column than the one before.
    Returns the cell indices of each row."""
    n, m = len(cells), len(keys)
    if n <= m:
        return [list(range(n))] if n else []
    neg = float("-inf")
    # best[i][j]: cells[:i] placed, the current row's last cell in column j-1 (0: none yet)
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    best[0][0] = 0.0
    for i in range(n):
        for j in range(m + 1):
            if best[i][j] == neg:
                continue
            item = bool(SUB_ITEM.match(cells[i]))
            for col in range(m):
                fit_here = _fit_score(cells[i], keys[col], gaz) + (
                    1.0 if item and keys[col] == "task" else 0.0
                )
                if col >= j:  # the same row, columns j..col-1 left out
                    score = best[i][j] + fit_here - (col - j) * (0.2 if j == 0 else 1.0)
                    new = False
                elif j > 0:  # a new row that starts at column col
                    score = best[i][j] + fit_here - 2.0 - col * 0.5
                    new = True
                else:
                    continue
                if score > best[i + 1][col + 1]:
                    best[i + 1][col + 1] = score
                    back[(i + 1, col + 1)] = (i, j, new)
            if j > 0 and keys[j - 1] in ("task", "other", *AGENCY_KEYS) and not item:  # a cell that goes on
                score = best[i][j] + min(_fit_score(cells[i], keys[j - 1], gaz), 1.0) - 0.5
                if score > best[i + 1][j]:
                    best[i + 1][j] = score
                    back[(i + 1, j)] = (i, j, False)
    j = max(range(m + 1), key=lambda c: best[n][c])
    rows: list[list[int]] = [[]]
    i = n
    while i > 0:
        pi, pj, new = back[(i, j)]
        rows[0].insert(0, i - 1)
        if new:
            rows.insert(0, [])
        i, j = pi, pj
    return [r for r in rows if r]


def peel(
    cell: tuple[int, int, str], keys: list[str], gaz: Gazetteer, first: bool
) -> list[tuple[int, int, str]]:
    """A glued cell split where its kinds of text meet: a number before the task, agencies
    and a deadline after it (1推行企业开办“一日办结”市市场监管局2023年6月底前)."""
    start, end, t = cell
    out: list[tuple[int, int, str]] = []
    if first and "number" in keys and (m := _NUMBER_PREFIX.match(t)):
        out.append((start, start + len(m.group(1)), m.group(1)))
        start, t = start + m.end(), t[m.end() :]
    tail: list[tuple[int, int, str]] = []
    if "deadline" in keys:
        k = next((k for k in range(max(0, len(t) - 24), len(t) - 3) if DEADLINE.match(t[k:])), None)
        if k is not None and k > 0:
            tail.insert(0, (start + k, start + len(t), t[k:]))
            t = t[:k]
    if any(k in keys for k in AGENCY_KEYS):
        k = agency_tail(t, gaz)
        if k is not None and k > 0:
            tail.insert(0, (start + k, start + len(t), t[k:]))
            t = t[:k]
    return [*out, (start, start + len(t), t), *tail]


def agency_tail(t: str, gaz: Gazetteer) -> int | None:
    """Where a run of agencies glued to the end of a text starts (…显著提升。市发改委市财政局)."""
    for k in range(max(1, len(t) - 60), len(t) - 2):
        if t[k - 1] not in "。；）”" and t[k] not in "省市区县" or not "\u4e00" <= t[k] <= "\u9fff":
            continue
        tail = t[k:]
        if agency_like(tail, gaz) and all(
            gaz.is_level_body(x) or t[k - 1] in "。；）”" for x in LIST_SPLIT.split(tail) if x
        ):
            return k
    return None


# ---- the readers of each form ------------------------------------------------------------
class _Reader:
    def __init__(self, lines: Sequence[LineLike], text: str, gaz: Gazetteer, columns: list[Column]):
        self.lines = lines
        self.text = text
        self.gaz = gaz
        self.columns = columns
        self.keys = [c.key for c in columns]
        self.rows: list[Row] = []
        self.notes: list[Note] = []
        for c in columns:
            if c.key == "other":
                self.notes.append((WarningKind.TABLE, f"table column {c.header!r} is not read", 0, 0))

    def expected_number(self) -> int:
        last = self.rows[-1].number if self.rows else 0
        return (last or len(self.rows)) + 1

    def add_row(
        self, cells: list[tuple[int, int, str]], carry: bool, fitted: list[int] | None = None
    ) -> None:
        """Fit cells to the columns and add the row; ``carry`` lets a missing cell take the
        one above it (the forms that leave merged cells out)."""
        if fitted is not None:
            cells = [c for c in cells if c[2]]
        elif len(cells) < len(self.keys):
            peeled = []
            for n, c in enumerate(cells):
                peeled.extend(peel(c, self.keys, self.gaz, n == 0) if c[2] else [c])
            cells = [c for c in peeled if c[2] or len(peeled) <= len(self.keys)]
        if not cells:
            return
        placed = fit([c[2] for c in cells], self.keys, self.gaz)
        row = Row(cells[0][0], cells[-1][1], None)
        above = self.rows[-1] if self.rows else None
        for key, idx in zip(self.keys, placed):
            spans = [(cells[i][0], cells[i][1]) for i in idx if cells[i][2]]
            if not idx and key != "number":
                if carry and above and above.cells.get(key):
                    row.cells.setdefault(key, []).extend(above.cells[key])
                    row.carried.append(key)
                continue
            if spans:
                row.cells.setdefault(key, []).extend(spans)
        number = row.cells.get("number")
        if number:
            s, e = number[0]
            row.number = _int(re.sub(r"[.、．*★※]", "", self.text[s:e]))
        if row.number is None:
            row.number = self.expected_number()
        self.rows.append(row)

    def is_header_again(self, cells: list[str]) -> bool:
        return [c.strip() for c in cells] == [c.header for c in self.columns]


class _SeparatedReader(_Reader):
    """Rows on one line each, cells separated by tabs, bars or spaces; box rows may wrap."""

    def __init__(self, lines, i, text, gaz, form, columns):
        super().__init__(lines, text, gaz, columns)
        self.i = i
        self.form = form

    def read(self) -> Table:
        j = self.i + 1
        number_col = self.keys.index("number") if "number" in self.keys else None
        while j < len(self.lines):
            line = self.lines[j]
            if _MD_RULE.match(line.text) or self.form == "box" and _BOX_RULE.match(line.text):
                j += 1
                continue
            form = self.form if self.form != "space" or _form(line.text) == "space" else ""
            cells = _split(line, form) if form else []
            if self.is_header_again([c[2] for c in cells]):
                self.notes.append((WarningKind.TABLE, "repeated table header skipped", line.start, line.end))
                j += 1
                continue
            if self.form == "space" and not self._space_row(cells):
                break
            if self.form != "space" and len(cells) < 2:
                if not self._glued_row(line):
                    break
                j += 1
                continue
            if (
                self.form == "box"
                and self.rows
                and number_col is not None
                and number_col < len(cells)
                and not cells[number_col][2]
            ):
                self._continue_row(cells)  # a wrapped cell: the line goes on the row above
            else:
                self.add_row(cells, carry=self.form in ("space", "box"))
            j += 1
        return Table(self.form, self.columns, self.rows, j, self.notes)

    def _space_row(self, cells: list[tuple[int, int, str]]) -> bool:
        if "number" in self.keys:
            return bool(cells) and _int(cells[0][2].rstrip(".、．")) == self.expected_number()
        return len(cells) >= 2

    def _glued_row(self, line: LineLike) -> bool:
        m = _NUMBER_PREFIX.match(line.text)
        if not m or "number" not in self.keys or _int(m.group(1)) != self.expected_number():
            return False
        self.add_row([(line.start, line.end, line.text)], carry=False)
        return True

    def _continue_row(self, cells: list[tuple[int, int, str]]) -> None:
        row = self.rows[-1]
        for key, (s, e, word) in zip(self.keys, cells):
            if word:
                if key in row.carried:
                    row.carried.remove(key)
                    row.cells[key] = []
                row.cells.setdefault(key, []).append((s, e))
                row.end = max(row.end, e)
                if len(row.cells[key]) > 1 and key not in row.wrapped:
                    row.wrapped.append(key)


class _LinesReader(_Reader):
    """One cell per line: a row starts at its number (or every len(columns) lines); the lines
    up to the next number are fitted to the columns, and may hold sub-rows that share the
    number (a merged 序号)."""

    def __init__(self, lines, i, j, text, gaz, columns, stop, first=1):
        super().__init__(lines, text, gaz, columns)
        self.header_from = i
        self.j = j
        self.stop = stop
        self.first = first

    def expected_number(self) -> int:
        return super().expected_number() if self.rows else self.first

    def read(self) -> Table | None:
        numbered = self.keys[0] == "number"
        width = len(self.keys)
        j = self.j
        while j < len(self.lines):
            if self._header_at(j):
                line = self.lines[j]
                self.notes.append((WarningKind.TABLE, "repeated table header skipped", line.start, line.end))
                j += width
                continue
            if numbered and row_number(self.lines[j].text) != self.expected_number():
                break
            k = j + 1
            subs = False  # the block's task cells are numbered items (1.… 2.…) of one merged 序号
            while k < len(self.lines) and k - j < (20 if subs else 3) * width:
                t = self.lines[k].text
                subs = subs or bool(SUB_ITEM.match(t))
                if numbered and row_number(t) == self.expected_number() + 1:
                    break
                if self._header_at(k) or self.stop(t) or not numbered and k - j >= width:
                    break
                k += 1
            ends = k < len(self.lines) and (row_number(self.lines[k].text) or self.stop(self.lines[k].text))
            last = not (numbered and ends)
            if numbered and last and k - j > width and not subs:
                k = j + width  # the last row: no more lines than columns
            cells = [(x.start, x.end, x.text) for x in self.lines[j:k] if not _BARS.match(x.text)]
            block = row_number(self.lines[j].text) if numbered else None
            for row in fit_rows([c[2] for c in cells], self.keys, self.gaz):
                self.add_row([cells[i] for i in row], carry=True, fitted=row)
                if block is not None:
                    self.rows[-1].number = block  # a sub-row shares its block's 序号
                task = self.rows[-1].cells.get("task") or []
                m = SUB_ITEM.match(self.text[task[0][0] : task[0][1]]) if subs and task else None
                if m:  # the item number is the path, not the title
                    self.rows[-1].sub = int(m.group(1))
                    task[0] = (task[0][0] + m.end(), task[0][1])
            j = k
        if not self.rows and not (j < len(self.lines) and self.stop(self.lines[j].text)):
            return None  # a header with no rows, unless a heading inside the table comes first
        return Table("lines", self.columns, self.rows, j, self.notes)

    def _header_at(self, j: int) -> bool:
        words = [x.text for x in self.lines[j : j + len(self.columns)]]
        return self.is_header_again(words)


_BAR_LED = re.compile(r"^[|｜][ \t]*(?=\S)")


def _bar_led_header(lines: Sequence[LineLike], i: int) -> tuple[list[Column], int] | None:
    """牵头单位 / | 目标任务 / | 责任单位 / |: a header whose cells after the first open with a
    bar, on lines of their own, and a lone bar ends the row. Returns the columns and the index
    of the first line after the header."""
    cells = [(lines[i].start, lines[i].end, lines[i].text.strip())]
    k = i + 1
    while k < len(lines) and (m := _BAR_LED.match(lines[k].text)):
        cells.append((lines[k].start + m.end(), lines[k].end, lines[k].text[m.end() :].strip()))
        k += 1
    if len(cells) < 2 or k >= len(lines) or not _BARS.match(lines[k].text):
        return None
    columns = _header(cells)
    return (columns, k + 1) if columns else None


class _BarLedReader(_Reader):
    """A web table whose cells were each put on lines of their own: a cell after the first
    opens with a bar, a lone bar ends the row. The lines of one cell are one cell (市政 / 府办 /
    公厅 is 市政府办公厅); a row with fewer cells left its merged cells out, which the cells above
    stand for."""

    def __init__(self, lines, j, text, gaz, columns, stop):
        super().__init__(lines, text, gaz, columns)
        self.j = j
        self.stop = stop

    def read(self) -> Table | None:
        j, block = self.j, list[list[LineLike]]()
        while j < len(self.lines):
            line = self.lines[j]
            if _BARS.match(line.text):
                if block:
                    self._add(block)
                block, j = [], j + 1
                continue
            if not line.text.strip() or self.stop(line.text) and not block:
                break
            if _BAR_LED.match(line.text) or not block:
                block.append([line])
            else:
                block[-1].append(line)
            j += 1
        if not self.rows:
            return None
        if block:
            self.notes.append(
                (
                    WarningKind.TABLE,
                    "table row with no closing bar left out",
                    block[0][0].start,
                    block[-1][-1].end,
                )
            )
        return Table("bar-led", self.columns, self.rows, j, self.notes)

    def _add(self, block: list[list[LineLike]]) -> None:
        spans: list[list[Span]] = []
        for cell in block:
            m = _BAR_LED.match(cell[0].text)
            first = (cell[0].start + (m.end() if m else 0), cell[0].end)
            spans.append([first, *((x.start, x.end) for x in cell[1:])])
        words = ["".join(self.text[s:e].strip() for s, e in cell) for cell in spans]
        placed = fit(words, self.keys, self.gaz)
        row = Row(spans[0][0][0], spans[-1][-1][1], None)
        above = self.rows[-1] if self.rows else None
        for key, idx in zip(self.keys, placed):
            if not idx:
                if key != "number" and above and above.cells.get(key):
                    row.cells[key] = list(above.cells[key])
                    row.carried.append(key)
                    if key in above.wrapped:
                        row.wrapped.append(key)
                continue
            row.cells[key] = [span for i in idx for span in spans[i]]
            if any(len(spans[i]) > 1 for i in idx):
                row.wrapped.append(key)
        row.number = self.expected_number()
        self.rows.append(row)


def row_number(line: str) -> int | None:
    """The 序号 a line of a one-cell-per-line table stands for: 1, 12, 1* (a marked row)."""
    m = re.match(r"^(\d{1,3})[.、．]?[*★※]?$", line)
    return int(m.group(1)) if m else None


def continue_table(
    lines: Sequence[LineLike], i: int, text: str, gaz: Gazetteer, stop: Callable[[str], bool], table: Table
) -> Table | None:
    """The rows of a one-cell-per-line table that go on after a heading inside it
    (（一）王宏副市长牵头重点工作 between rows 1 and 2)."""
    if table.form != "lines" or table.columns[0].key != "number":
        return None
    view, where = _without_bars(lines, i)
    nxt = (table.rows[-1].number or 0) + 1 if table.rows else 1
    if not view or row_number(view[0].text) not in (nxt, 1):
        return None
    out = _LinesReader(view, 0, 0, text, gaz, table.columns, stop, first=row_number(view[0].text) or 1)
    out.notes = []
    return _back(out.read(), where, len(lines))


def _int(word: str) -> int | None:
    try:
        return chinese_to_int(word)
    except ValueError:
        return None
