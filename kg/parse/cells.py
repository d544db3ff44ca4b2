"""The cells of a task-division table: its columns, rows and the kinds of text a cell holds.

The ground every table reader stands on (``parse.tables`` for the separated and per-line
forms, ``parse.glued`` for cells dumped with no separator, ``parse.kind_rows`` for unnumbered
one-cell-per-line tables): kept apart so that each reader depends on this module and none on
another reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from kg.lexicon.gazetteer import Gazetteer
from kg.lexicon.words import POSTS, TABLE_COLUMNS, ZONE_SUFFIXES, alternation
from kg.parse.clauses import DEADLINE
from kg.vocab import WarningKind

KEYS = ("number", "task", "lead", "support", "shared", "deadline", "persons", "other")
AGENCY_KEYS = ("lead", "support", "shared")
_NUMBER = re.compile(r"^(\d{1,3}|[一二三四五六七八九十]{1,3})[.、．]?[*★※]?$")
LIST_SPLIT = re.compile(r"[、，；,;\s]+")
_DEADLINE_WORDS = re.compile(r"\d{4}年|季度|月底|年底|上半年|下半年|持续|长期|每年|每季度|每月|常态化")
PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_ZONE = re.compile("^[\u4e00-\u9fff]{0,6}(?:" + alternation(ZONE_SUFFIXES) + ")$")


class LineLike(Protocol):
    start: int
    end: int
    text: str


Span = tuple[int, int]
Note = tuple[WarningKind, str, int, int]  # kind, message, start, end


@dataclass
class Column:
    key: str
    header: str


@dataclass
class Row:
    """One row: the spans of each column's text (several when a cell wraps or two columns
    share a key), and which keys were carried down from the row above."""

    start: int
    end: int
    number: int | None
    cells: dict[str, list[Span]] = field(default_factory=dict)
    carried: list[str] = field(default_factory=list)
    wrapped: list[str] = field(default_factory=list)  # keys whose spans are one cell's lines
    sub: int | None = None  # the item number a sub-row's task cell opens with (1.地区生产总值…)
    # what goes before a span (by its start) instead of a line break: "" where it goes on from
    # the span before (a page number left out between), "、" between glued names parted
    breaks: dict[int, str] = field(default_factory=dict)


@dataclass
class Table:
    form: str  # tab, pipe, box, space, lines
    columns: list[Column]
    rows: list[Row]
    end: int  # index of the first line after the table
    notes: list[Note] = field(default_factory=list)


def column_of(header: str) -> str | None:
    """The column a header names (牵头责任单位 → lead), None when it is no known header."""
    word = re.sub(r"\s|（[^）]*）|\([^)]*\)", "", header)
    if not word or len(word) > 12:
        return None
    whole = next((col for phrase, col, w in TABLE_COLUMNS if w and phrase == word), None)
    return whole or next((col for phrase, col, w in TABLE_COLUMNS if not w and phrase in word), None)


def posts() -> tuple[str, ...]:
    """Posts a leader is named with (副市长), longest first."""
    return POSTS


def is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell))


def agency_like(cell: str, gaz: Gazetteer) -> bool:
    """Whether a cell names units: agencies and collectives, and beside them districts and
    zones that stand for their governments (商务局、高新区、岳麓区)."""
    items = [x for x in LIST_SPLIT.split(re.sub(r"（[^）]*）", "", cell)) if x]
    bodies = [gaz.looks_like_agency(x) or x.startswith(("各", "有关")) for x in items]
    return (
        bool(items)
        and any(bodies)
        and all(body or gaz.is_place_name(x) or _ZONE.search(x) for body, x in zip(bodies, items))
    )


def person_like(cell: str, gaz: Gazetteer) -> bool:
    cell = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", cell)  # 钱 宇
    items = [x for x in LIST_SPLIT.split(cell) if x]
    return bool(items) and all(
        PERSON_NAME.match(strip_post(x)[0]) and not gaz.looks_like_agency(x) for x in items
    )


def strip_post(item: str) -> tuple[str, str | None]:
    """副市长张三, 张三副市长, 张三（副市长） → (张三, 副市长)."""
    m = re.match(r"^(.+?)（(.+)）$", item)
    if m:
        return m.group(1), m.group(2)
    for post in posts():
        if item.startswith(post) and len(item) > len(post) + 1:
            return item[len(post) :], post
        if item.endswith(post) and len(item) > len(post) + 1:
            return item[: -len(post)], post
    return item, None


def deadline_like(cell: str) -> bool:
    return len(cell) <= 30 and (bool(DEADLINE.match(cell)) or bool(_DEADLINE_WORDS.search(cell)))
