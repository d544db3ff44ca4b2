"""One-cell-per-line tables without a 序号: rows cut by the kind of text in each line.

A table such as 项目 / 分值 / 目标任务 / 监考单位 copied line by line from a web page has no
number to say where a row starts, and merged cells (the 监考单位 shared by two indicators, the
category 宏观调控 over a block of rows) are left out of the rows below their first one, so
counting lines per row goes wrong from the first merged cell on. Each line is instead put in
the first later column of the row that takes its kind (a number under 分值, a cell made only
of agency names under the unit column, prose under the task column); a line that fits no
later column starts the next row. When the column after the first holds numbers (分值), a
prose line followed by a number is the next row's title with its score, even where the row
before could still take prose; a prose line followed by such a title is a merged category cell.

Whatever this reading guesses is said in a note with its line: every category cell, and every
line that fits no column of its row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kg.lexicon.gazetteer import Gazetteer
from kg.parse.cells import (
    AGENCY_KEYS,
    Column,
    LineLike,
    Note,
    Row,
    Table,
    agency_like,
    deadline_like,
    person_like,
)
from kg.vocab import WarningKind

# a cell that is a figure: 3, 0.5, 18.4, 10000, 低于 4.1, ≥95%
_FIGURE = re.compile(
    r"^(?:[<>≤≥＜＞]|低于|高于|不低于|不高于|不超过|不少于|达到|约)?\s*\d+(?:\.\d+)?\s*(?:%|‰|个百分点)?$"
)
_NUM, _AGENCY, _PROSE = "number", "agency", "prose"


def is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell.strip()))


def read_by_kind(
    lines: Sequence[LineLike],
    j: int,
    columns: list[Column],
    gaz: Gazetteer,
    stop: Callable[[str], bool],
    header_at: Callable[[int], bool],
) -> Table | None:
    """The rows of the unnumbered one-cell-per-line table whose body starts at ``lines[j]``,
    or None when the table has no unit column to close its rows."""
    keys = [c.key for c in columns]
    if "number" in keys or not any(k in AGENCY_KEYS for k in keys) or len(keys) < 2:
        return None
    end = j
    while end < len(lines) and not stop(lines[end].text):
        end += 1
    body = list(range(j, end))
    kinds = {k: _kind(lines[k].text, gaz) for k in body}
    pairs = sum(1 for a, b in zip(body, body[1:]) if kinds[a] == _PROSE and kinds[b] == _NUM)
    scored = keys[1] == "other" and pairs >= 3  # 项目 / 分值 / …: a title is followed by its score
    notes: list[Note] = []
    rows: list[Row] = []
    row: dict[int, list[int]] = {}  # column → line indices of the row being read
    category: int | None = None
    at = -1  # the column the last line of the row went to

    def kind(k: int) -> str | None:
        return kinds.get(k) if k < end else None

    def flush() -> None:
        nonlocal row, at
        if row:
            rows.append(_row(row, keys, lines, rows, category))
            for key in rows[-1].carried:
                header = columns[keys.index(key)].header
                notes.append(
                    (
                        WarningKind.TABLE,
                        f"row {len(rows)} has no {header} cell: the one above taken as merged",
                        rows[-1].start,
                        rows[-1].end,
                    )
                )
        row, at = {}, -1

    k = j
    while k < end:
        if header_at(k):
            line = lines[k]
            notes.append((WarningKind.TABLE, "repeated table header skipped", line.start, line.end))
            k += len(keys)
            continue
        text = lines[k].text
        titled = scored and kinds[k] == _PROSE and kind(k + 1) == _NUM
        col = None if titled and row else _column(kinds[k], text, keys, at, gaz)
        merged = scored and kinds[k] == _PROSE and kind(k + 1) == _PROSE and kind(k + 2) == _NUM
        # inside a row such a line is the task cell, unless it is as short as a label (民生事业)
        merged = merged and (not row or col is None or len(text) <= 6)
        if col is not None and row and not merged or col == 0 and not merged:
            row.setdefault(col, []).append(k)
            at = col
            k += 1
            continue
        flush()
        if kinds[k] == _PROSE and (titled or not scored):
            row, at = {0: [k]}, 0
        elif merged:
            category = k
            line = lines[k]
            notes.append(
                (
                    WarningKind.TABLE,
                    f"“{text}” read as a merged category cell over the rows below it",
                    line.start,
                    line.end,
                )
            )
        elif rows:
            line = lines[k]
            notes.append(
                (
                    WarningKind.TABLE,
                    f"table cell “{text}” fits no column of its row; kept with the row above, unread",
                    line.start,
                    line.end,
                )
            )
            rows[-1].cells.setdefault("other", []).append((line.start, line.end))
            rows[-1].end = max(rows[-1].end, line.end)
        else:
            return None  # the body does not start with a row: not this kind of table
        k += 1
    flush()
    if not rows:
        return None
    return Table("lines", columns, rows, end, notes)


def _kind(text: str, gaz: Gazetteer) -> str:
    if is_figure(text):
        return _NUM
    return _AGENCY if agency_like(text, gaz) else _PROSE


def _column(kind: str, text: str, keys: list[str], at: int, gaz: Gazetteer) -> int | None:
    """The first column after ``at`` that takes a line of this kind."""
    for col in range(at + 1, len(keys)):
        key = keys[col]
        if col == 0:
            ok = kind == _PROSE
        elif key in AGENCY_KEYS:
            ok = kind == _AGENCY
        elif key == "persons":
            ok = person_like(text, gaz)
        elif key == "deadline":
            ok = deadline_like(text)
        else:
            ok = kind != _AGENCY
        if ok:
            return col
    return None


def _row(
    cells: dict[int, list[int]],
    keys: list[str],
    lines: Sequence[LineLike],
    rows: list[Row],
    category: int | None,
) -> Row:
    """A Row of the cells read: the first column (the item's name, 项目) leads the task text;
    unit, leader and deadline cells left out are carried down from the row above."""
    spans = {col: [(lines[k].start, lines[k].end) for k in ks] for col, ks in cells.items()}
    first = min(ks[0] for ks in cells.values())
    last = max(ks[-1] for ks in cells.values())
    row = Row(lines[first].start, lines[last].end, len(rows) + 1)
    for col, key in enumerate(keys):
        if col not in spans:
            continue
        target = "task" if col == 0 or key == "task" else key
        row.cells.setdefault(target, []).extend(spans[col])
    if category is not None:
        row.cells.setdefault("other", []).insert(0, (lines[category].start, lines[category].end))
    above = rows[-1] if rows else None
    for col, key in enumerate(keys):
        if col in spans or key not in (*AGENCY_KEYS, "persons", "deadline"):
            continue
        if above and above.cells.get(key):
            row.cells.setdefault(key, []).extend(above.cells[key])
            row.carried.append(key)
    return row
