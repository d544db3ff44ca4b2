"""Numbered structure: the lines of a body → a tree of headings, items and table rows.

GB/T 9704 numbers 一、 → （一） → 1. → （1） → ①; real documents skip levels, run numbers on
across sections, start at any level, write full- or half-width markers, and put task-division
tables in the middle. Levels are assigned in the order styles first appear (a style seen before
closes back to its level), GB/T 9704 ranks settle a new style that could go either way, and a
number that does not continue its list is text, reported as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.lexicon.gazetteer import Gazetteer
from kg.parse.cells import Row, Table
from kg.parse.clauses import RUN_LABEL, mentions_role
from kg.parse.damaged import damaged_marker
from kg.parse.tables import continue_table, find_table
from kg.text.numerals import chinese_to_int
from kg.vocab import WarningKind

_CN = "一二三四五六七八九十百零〇"
# style, regex, GB/T 9704 rank (smaller is higher)
STYLES: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("chapter", re.compile(rf"^第([{_CN}\d]+)(?:章|部分|篇)[ 　]*"), 0),
    ("cn", re.compile(rf"^([{_CN}]+) ?、[ 　]*"), 1),  # 一 、 in a text typeset with spaces
    ("article", re.compile(rf"^第([{_CN}\d]+)条[ 　]*"), 1.5),
    ("paren-cn", re.compile(rf"^（([{_CN}]+)）[ 　]*"), 2),
    ("num", re.compile(r"^(\d{1,3}) ?(?:\.(?![\d.])|、)[ 　]*"), 3),
    ("decimal", re.compile(r"^(?:\d{1,3}\.)+(\d{1,3})(?![\d.%])[ 　]*(?=[\u4e00-\u9fff（])"), 3.5),
    ("paren-num", re.compile(r"^（(\d{1,3})）[ 　]*"), 4),
    ("num-paren", re.compile(r"^(\d{1,3})）[ 　]*"), 4.5),
    ("circled", re.compile(r"^([\u2460-\u2473\u3251-\u325f])[ 　]*"), 5),
)
SECTION_STYLES = ("chapter", "cn")


@dataclass
class Line:
    start: int  # normalised offset of the first non-blank character
    end: int
    text: str


@dataclass
class Node:
    style: str | None
    number: int
    marker: str
    start: int  # heading start
    content: int  # after the marker
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    end: int = 0  # end of own text and children
    own_end: int = 0  # end of own text (before the first child)
    table_row: dict[str, list[tuple[int, int]]] | None = None  # column → spans
    table_wrapped: tuple[str, ...] = ()  # columns whose spans are the lines of one wrapped cell
    table_breaks: dict[int, str] = field(default_factory=dict)  # see tables.Row.breaks


Warn = Callable[[WarningKind, str, int, int], None]


def build_tree(lines: list[Line], text: str, warn: Warn, gaz: Gazetteer | None = None) -> Node:
    """The root node of the body's numbered structure; ``warn(kind, message, start, end)``
    hears about numbers that do not fit. With a gazetteer, task-division tables in the text
    become rows (see :mod:`kg.parse.tables`)."""
    return _TreeBuilder(text, warn, gaz).build(lines)


class _TreeBuilder:
    def __init__(self, text: str, warn: Warn, gaz: Gazetteer | None):
        self.text = text
        self.warn = warn
        self.gaz = gaz

    def build(self, lines: list[Line]) -> Node:
        root = Node(None, 0, "", lines[0].start if lines else 0, lines[0].start if lines else 0)
        section_style = _section_style(lines)
        stack: list[Node] = [root]
        last_number: dict[str, int] = {}
        i = 0
        last_table: Table | None = None
        while i < len(lines):
            line = lines[i]
            table = None
            if self.gaz:
                table = find_table(lines, i, self.text, self.gaz, _ends_table)
                nested = False
                if table is None and last_table is not None:
                    table = continue_table(lines, i, self.text, self.gaz, _ends_table, last_table)
                    nested = table is not None  # rows after a heading inside the table go under it
            if table is not None:
                last_table = table
                for kind, message, start, end in table.notes:
                    self.warn(kind, message, start or line.start, end or line.end)
                for row in table.rows:
                    self._table_row(row, stack, nested)
                i = max(table.end, i + 1)
                continue
            i += 1
            h = heading(line.text) or self._damaged(line, stack)
            if h is None:
                if not re.fullmatch(r"[|｜\s]+", line.text):
                    last_table = None  # prose ends a table; a heading or a bar line inside it does not
                continue
            style, number, marker = h
            if style == "decimal1" and any(n.style == "num" for n in stack):
                # 11.121人才梯队项目 after item 10: item 11, whose title starts with a number
                first = int(marker.split(".")[0])
                if first == last_number.get("num", 0) + 1:
                    style, number, marker = "num", first, f"{first}."
            if not self._place_heading(stack, style, number, marker, line, section_style, last_number):
                continue
            last_number[style] = number
        end = lines[-1].end if lines else 0
        close(root, end, self.text)
        return root

    def _damaged(self, line: Line, stack: list[Node]) -> tuple[str, int, str] | None:
        """？。ǘ┩推进… after （一）: an item whose marker is mojibake, read as the item after
        the last one when it names a responsibility (see :mod:`kg.parse.damaged`)."""
        marker = damaged_marker(line.text)
        if marker is None or not mentions_role(line.text[len(marker) :]):
            return None
        last = stack[-1]
        if last.style in (None, "table", "table-item", *SECTION_STYLES, "chapter", "article"):
            self.warn(
                WarningKind.DAMAGED_TEXT,
                f"damaged item marker {marker!r}: no item before it to number it by; kept as text",
                line.start,
                line.end,
            )
            return None
        self.warn(
            WarningKind.DAMAGED_TEXT,
            f"damaged item marker {marker!r} read as the item after {last.marker!r} "
            f"(number {last.number + 1}, a guess)",
            line.start,
            line.end,
        )
        return last.style, last.number + 1, marker

    def _place_heading(self, stack, style, number, marker, line, section_style, last_number):
        if section_style and style == section_style:
            depth = 1
        elif section_style and len(stack) == 1:
            return False  # numbered text before the first section: preamble
        else:
            depth = next((i for i, n in enumerate(stack) if n.style == style), None)
            if depth is None:
                top = len(stack)
                while (
                    top > (2 if section_style else 1)
                    and _rank(stack[top - 1].style) > _rank(style)
                    and number == 1
                ):
                    top -= 1
                if number != 1 and number != last_number.get(style, 0) + 1 and len(stack) > 1:
                    self.warn(
                        WarningKind.NUMBERING,
                        f"numbering {marker!r} does not fit here; kept as text",
                        line.start,
                        line.end,
                    )
                    return False
                depth = top
        if depth < len(stack):
            prev = stack[depth]
            if number <= prev.number and not (
                section_style == style and depth == 1 and number == 1 and prev.number == 0
            ):
                self.warn(
                    WarningKind.NUMBERING,
                    f"numbering {marker!r} after {prev.marker!r}; kept as text",
                    line.start,
                    line.end,
                )
                return False
            if number > prev.number + 1:
                self.warn(
                    WarningKind.NUMBERING,
                    f"numbering jumps from {prev.marker!r} to {marker!r}",
                    line.start,
                    line.end,
                )
        parent = stack[depth - 1]
        node = Node(style, number, marker, line.start, line.start + len(marker), parent)
        parent.children.append(node)
        del stack[depth:]
        stack.append(node)
        return True

    def _table_row(self, row: Row, stack: list[Node], nested: bool = False) -> None:
        if row.sub is not None:
            self._sub_row(row, stack, nested)
            return
        while len(stack) > 1 and stack[-1].table_row is not None:
            stack.pop()
        if len(stack) > 2 and stack[-1].style not in SECTION_STYLES and not nested:
            del stack[2:]
        parent = stack[-1]
        node = Node("table", row.number or len(parent.children) + 1, "", row.start, row.start, parent)
        node.table_row = row.cells
        node.table_wrapped = tuple(row.wrapped)
        node.table_breaks = row.breaks
        parent.children.append(node)
        stack.append(node)

    def _sub_row(self, row: Row, stack: list[Node], nested: bool) -> None:
        """1 | 主要预期目标 | 1.地区生产总值… | …: the first sub-row opens its 序号's row (whose title
        is the 项目 cell), and every sub-row is an item under it, numbered as its cell is."""
        if "number" in row.cells:
            head = Row(row.start, row.start, row.number, {"number": row.cells["number"]})
            if row.cells.get("other"):
                head.cells["task"] = row.cells["other"][:1]
            self._table_row(head, stack, nested)
        while len(stack) > 1 and stack[-1].table_row is not None and stack[-1].number != row.number:
            stack.pop()
        parent = stack[-1]
        node = Node("table-item", row.sub or 1, "", row.start, row.start, parent)
        node.table_row = {k: v for k, v in row.cells.items() if k not in ("number", "other")}
        node.table_wrapped = tuple(row.wrapped)
        parent.children.append(node)


def _ends_table(line: str) -> bool:
    """A heading of the document's own outline ends a table that has no end of its own."""
    h = heading(line)
    return h is not None and h[0] in (*SECTION_STYLES, "paren-cn")


_MARK = (
    rf"(?:[{_CN}]{{1,3}}、|（[{_CN}]{{1,3}}）|\d{{1,2}}[.、](?!\d)|第[{_CN}]{{1,3}}[章条])"
    r"(?=[\u4e00-\u9fff“])"
)
# Where a heading or a clause label starts inside a line: items that lost their line breaks
# (a web page flattened to one line, ``（省发改委负责）（二）公共财政收入…``) are items again.
_GLUED = re.compile(rf"(?<=[。；）])(?={_MARK})|(?<=[ \t])(?={_MARK}|{RUN_LABEL.pattern})")


def lines_of(text: str) -> list[Line]:
    """The non-blank lines of a text, stripped, with their offsets; a line holding several
    items glued together is split before each item's number (never losing a character)."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        cuts = [0, *(m.start() for m in _GLUED.finditer(raw) if m.start() > 0), len(raw)]
        for a, b in zip(cuts, cuts[1:]):
            piece = raw[a:b]
            stripped = piece.strip(" \t\u3000")
            if stripped:
                lead = len(piece) - len(piece.lstrip(" \t\u3000"))
                out.append(Line(pos + a + lead, pos + a + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def heading(text: str) -> tuple[str, int, str] | None:
    for style, pattern, _ in STYLES:
        m = pattern.match(text)
        if not m:
            continue
        try:
            number = chinese_to_int(m.group(1))
        except ValueError:
            continue
        rest = text[m.end() :]
        if not rest or rest[0] in "、，。；：）%" or number == 0:
            continue
        if style == "cn" and rest[0] in _CN:
            continue  # 一、二级 …
        if style == "num" and re.match(r"^\d", rest):
            continue
        if style == "decimal":  # 2.1 and 2.1.3 are levels of their own
            style = f"decimal{m.group(0).count('.')}"
        return style, number, m.group(0).strip()
    return None


def _rank(style: str | None) -> float:
    if style and style.startswith("decimal"):
        return 3.5 + int(style[7:]) / 10
    return next((r for s, _, r in STYLES if s == style), -1.0)


def _section_style(lines: list[Line]) -> str | None:
    """The style of top-level sections: 第一章 if any, else 一、 if it runs 一、二、…"""
    seen: dict[str, list[int]] = {}
    for line in lines:
        h = heading(line.text)
        if h and h[0] in SECTION_STYLES:
            seen.setdefault(h[0], []).append(h[1])
    for style in SECTION_STYLES:
        numbers = seen.get(style, [])
        if numbers and (len(numbers) >= 2 or numbers[0] == 1):
            return style
    return None


def close(node: Node, end: int, text: str) -> None:
    """Set where each node's own text and whole extent end (trailing blanks left out)."""
    for i, child in enumerate(node.children):
        nxt = node.children[i + 1].start if i + 1 < len(node.children) else end
        close(child, nxt, text)
    node.own_end = _rstrip(text, node.content, node.children[0].start if node.children else end)
    node.end = max(_rstrip(text, node.content, end), node.own_end)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n\u3000":
        end -= 1
    return end
