"""Results → terminal tables, JSON or CSV, the same way for every command that prints.

Chinese characters take two terminal columns, so widths are counted with wcwidth, not
``len``: a column of 省市场监管局 lines up with a column of 3.3. Long cells wrap inside their
column (after 、 or a space where possible) instead of pushing the table off the screen.
JSON is sorted and every record carries the same keys every time, so output diffs cleanly.

A result is anything with ``blocks()`` (a list of :class:`Fields` and :class:`Table`, for
the terminal and CSV) and ``to_json()`` (plain data).
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from wcwidth import wcwidth

from kg.choices import LANGS
from kg.errors import KgError
from kg.output import csv_text
from kg.vocab import ROLE, ROLES

FORMATS = ("table", "json", "csv")
WIDTH = 100  # fixed, not the terminal's, so the same command prints the same text everywhere
CELL = 40  # widest a table cell grows before it wraps
LIST_SEPARATOR = "、"
_BREAKS = frozenset("、，,；; ")
_NO_LINE_START = frozenset("、，。；：！？）》」』”’,.;:!?)]")


@dataclass
class Table:
    """Rows of one kind; ``columns`` are the row keys, in order."""

    columns: list[str]
    rows: list[dict[str, Any]]
    title: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # column -> heading, where they differ


@dataclass
class Fields:
    """Labelled values of one record (a task, an agency); a ``None`` label prints the value alone."""

    items: list[tuple[str | None, Any]]
    title: str | None = None


@dataclass(frozen=True)
class RoleCounts:
    """How many tasks an agency leads, shares and supports: a table prints it in its language
    (牵头 16 · 分工负责 8 · 配合 0, or lead 16 · shared 8 · support 0)."""

    counts: dict[str, int]
    tasks: int | None = None  # the tasks it is named in, where the summary gives them

    def text(self, lang: str = "zh") -> str:
        parts = [f"{role_label(k, lang)} {n}" for k, n in self.counts.items()]
        if self.tasks is not None:
            parts.append(f"{'任务' if lang == 'zh' else 'tasks'} {self.tasks}")
        return " · ".join(parts)


def role_label(key: str, lang: str = "zh") -> str:
    """lead → 牵头 (zh) or lead (en); anything that is not a role key stays as it is."""
    role = ROLE.get(key)
    return (role.zh if lang == "zh" else role.en) if role else key


class DataFrameRows:
    """``to_dataframe()`` for an answer: one of its tables as a pandas DataFrame, for notebooks.

    Every key of the rows is a column (the printed ones first, then the IRIs and the rest);
    values keep their Python types (a path stays the string "2.10"). pandas is optional: it
    is imported only here, and its absence is one clear error.
    """

    def blocks(self) -> list[Fields | Table]:
        raise NotImplementedError

    def to_dataframe(self, table: int | str = 0):
        """The ``table``-th table of the answer (or the one with that title) as a DataFrame."""
        try:
            pd = importlib.import_module("pandas")
        except ImportError:
            raise KgError("to_dataframe() needs pandas: pip install 'kg[notebook]'") from None
        tables = [b for b in self.blocks() if isinstance(b, Table)]
        chosen = (
            [t for t in tables if t.title == table]
            if isinstance(table, str)
            else (tables[table : table + 1] if -len(tables) <= table < len(tables) else [])
        )
        if not chosen:
            titles = ", ".join(repr(t.title) for t in tables)
            raise KgError(f"no table {table!r} in this answer (it has {len(tables)}: {titles})")
        t = chosen[0]
        extra = sorted({k for row in t.rows for k in row} - set(t.columns))
        columns = [*t.columns, *extra]  # what the table prints first, then the IRIs and the rest
        return pd.DataFrame([{c: row.get(c) for c in columns} for row in t.rows], columns=columns)


class Result(Protocol):
    def blocks(self) -> list[Fields | Table]: ...

    def to_json(self) -> Any: ...


def render(result: Result, format: str = "table", lang: str = "zh") -> str:
    """The text a command prints for ``result`` in ``format`` (table, json or csv).

    A table names roles in ``lang`` (牵头 / 配合 / 分工负责 by default, lead / support / shared
    with ``en``), in a ``role`` column, in role columns' headings and in counts; JSON and CSV
    keep the role keys (lead, support, shared), which are data.

    CSV holds one table, with every field of its rows: the result's first (its main list, such
    as the tasks of ``kg leads``); the other parts of a composite result are in the table and
    JSON forms.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    if format == "json":
        return dumps(result.to_json())
    blocks = result.blocks()
    if format == "csv":
        tables = [b for b in blocks if isinstance(b, Table)]
        return to_csv(tables[0]) if tables else ""
    if format == "table":
        return "\n\n".join(render_block(_in_language(b, lang)) for b in blocks) + "\n"
    raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def dumps(data: Any) -> str:
    """Stable JSON: keys sorted, Chinese as is, two-space indent, newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_csv(table: Table) -> str:
    """Every field of the rows, not only the columns a terminal has room for (IRIs, full names)."""
    columns = list(table.rows[0]) if table.rows else table.columns
    rows = [[_csv_cell(row.get(c)) for c in columns] for row in table.rows]
    return csv_text([columns, *rows])  # a field that begins like a formula is made text


def _in_language(block: Fields | Table, lang: str) -> Fields | Table:
    """The block with role keys as role names of ``lang``: cells of a ``role`` column, the
    headings of columns named lead / support / shared, and :class:`RoleCounts`."""
    if isinstance(block, Fields):
        items = [(label, v.text(lang) if isinstance(v, RoleCounts) else v) for label, v in block.items]
        return Fields(items, block.title)
    headers = {r.key: role_label(r.key, lang) for r in ROLES if r.key in block.columns}
    rows = block.rows
    if "role" in block.columns:
        rows = [
            {**r, "role": role_label(r["role"], lang) if isinstance(r.get("role"), str) else r.get("role")}
            for r in rows
        ]
    return Table(block.columns, rows, block.title, {**headers, **block.headers})


def render_block(block: Fields | Table) -> str:
    return render_fields(block) if isinstance(block, Fields) else render_table(block)


def render_table(table: Table, cell: int = CELL) -> str:
    """A table whose columns line up in a terminal, Chinese included."""
    heads = [table.headers.get(c, c) for c in table.columns]
    lines = [table.title] if table.title else []
    if not table.rows:
        return "\n".join([*lines, "(none)"])
    numeric = [all(_is_number(r.get(c)) for r in table.rows) for c in table.columns]
    cells = [[wrap(text(r.get(c)), cell) for c in table.columns[:-1]] for r in table.rows]
    widths = [
        max([width(h)] + [width(line) for row in cells for line in row[i]]) for i, h in enumerate(heads[:-1])
    ]
    last = max(cell, WIDTH - sum(widths) - 2 * len(widths))  # the last column takes what is left
    for row, r in zip(cells, table.rows):
        row.append(wrap(text(r.get(table.columns[-1])), last))
    widths.append(max([width(heads[-1])] + [width(line) for row in cells for line in row[-1]]))
    lines.append(_line([pad(h, w) for h, w in zip(heads, widths)]))
    lines.append(_line(["-" * w for w in widths]))
    for row in cells:
        for k in range(max(len(c) for c in row)):
            parts = [c[k] if k < len(c) else "" for c in row]
            lines.append(_line([pad(p, w, right=num) for p, w, num in zip(parts, widths, numeric)]))
    return "\n".join(lines)


def render_fields(fields: Fields, total: int = WIDTH) -> str:
    """``label  value`` lines with the values aligned and wrapped under each other."""
    lines = [fields.title] if fields.title else []
    labelled = [label for label, _ in fields.items if label is not None]
    indent = max((width(label) for label in labelled), default=0)
    for label, value in fields.items:
        if label is None:
            lines.extend(wrap(text(value), total))
            continue
        body = wrap(text(value), max(total - indent - 2, 20)) or [""]
        lines.append(_line([pad(label, indent), body[0]]))
        lines.extend(_line([" " * indent, more]) for more in body[1:])
    return "\n".join(lines)


def text(value: Any) -> str:
    """A value as a cell shows it: lists joined with 、, booleans as yes/no, None as nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(text(v) for v in value)
    return str(value)


def width(s: str) -> int:
    """Terminal columns ``s`` takes: 2 for a Chinese character, 1 for ASCII, 0 for a combining mark.
    (:func:`wrap` asks it of every line as the line grows: each character's width is looked up
    once, so a table of 10,000 rows is drawn in a fraction of a second.)"""
    if s.isascii() and s.isprintable():
        return len(s)
    return sum(map(_char_width, s))


@functools.cache
def _char_width(ch: str) -> int:
    return max(wcwidth(ch), 0)


def pad(s: str, columns: int, right: bool = False) -> str:
    fill = " " * max(columns - width(s), 0)
    return fill + s if right else s + fill


def wrap(s: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` terminal columns, broken after 、 , ; or a space when one is
    on the line, else between characters."""
    lines: list[str] = []
    for para in s.split("\n"):
        line = ""
        for ch in para:
            if line and width(line) + width(ch) > columns:
                if ch.isspace():  # the line is full exactly where a break is allowed
                    lines.append(line.rstrip())
                    line = ""
                    continue
                cut = _last_break(line, columns)
                if not cut and ch in _NO_LINE_START and len(line) > 1 and width(line[-1] + ch) <= columns:
                    cut = len(line) - 1  # carry a character over rather than start with 、
                head, line = (line[:cut], line[cut:]) if cut else (line, "")
                lines.append(head.rstrip())
                line = line.lstrip()
                if line and width(line) + width(ch) > columns:
                    lines.append(line)
                    line = ""
            line += ch
        lines.append(line)
    return lines


def _last_break(line: str, columns: int) -> int:
    """Index just after the last break character of ``line``, if breaking there keeps at least
    half the line (else 0: break between characters, as Chinese prose allows)."""
    for i in range(len(line), 0, -1):
        if line[i - 1] in _BREAKS:
            return i if width(line[:i]) * 2 >= columns else 0
    return 0


def _line(parts: Sequence[str]) -> str:
    return "  ".join(parts).rstrip()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _csv_cell(value: Any) -> object:
    if _is_number(value):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return text(value)
