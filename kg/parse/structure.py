"""Numbered structure: the lines of a body → a tree of headings, items and table rows.

GB/T 9704 numbers 一、 → （一） → 1. → （1） → ①; real documents skip levels, run numbers on
across sections, start at any level, write full- or half-width markers, and put task-division
tables in the middle. Levels are assigned in the order styles first appear (a style seen before
closes back to its level), GB/T 9704 ranks settle a new style that could go either way, and a
number that does not continue its list is text, reported as a warning.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.lexicon.words import TABLE_HEADERS, alternation
from kg.text.numerals import chinese_to_int
from kg.vocab import WarningKind

_CN = "一二三四五六七八九十百零〇"
# style, regex, GB/T 9704 rank (smaller is higher)
STYLES: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("chapter", re.compile(rf"^第([{_CN}\d]+)(?:章|部分|篇)[ 　]*"), 0),
    ("cn", re.compile(rf"^([{_CN}]+)、[ 　]*"), 1),
    ("article", re.compile(rf"^第([{_CN}\d]+)条[ 　]*"), 1.5),
    ("paren-cn", re.compile(rf"^（([{_CN}]+)）[ 　]*"), 2),
    ("num", re.compile(r"^(\d{1,3})(?:\.(?![\d.])|、)[ 　]*"), 3),
    ("decimal", re.compile(r"^(?:\d{1,3}\.)+(\d{1,3})(?![\d.%])[ 　]*(?=[\u4e00-\u9fff（])"), 3.5),
    ("paren-num", re.compile(r"^（(\d{1,3})）[ 　]*"), 4),
    ("num-paren", re.compile(r"^(\d{1,3})）[ 　]*"), 4.5),
    ("circled", re.compile(r"^([\u2460-\u2473\u3251-\u325f])[ 　]*"), 5),
)
SECTION_STYLES = ("chapter", "cn")
_TABLE_SPLIT = re.compile(r"\t|[|｜]")
_TABLE_RULE = re.compile(r"^[|｜]?\s*:?-{3,}:?\s*(?:[|｜]\s*:?-{3,}:?\s*)*[|｜]?$")
# A header cell names a column when it contains one of the column's phrases (or, for a whole
# phrase such as 序号, is one); kg/data/lexicon/table-headers.csv lists them.
_TABLE_COLUMNS = {
    h.column: re.compile(f"^({alternation(h.phrases)})$" if h.whole else alternation(h.phrases))
    for h in TABLE_HEADERS
}


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
    table_row: dict[str, tuple[int, int]] | None = None


Warn = Callable[[WarningKind, str, int, int], None]


def build_tree(lines: list[Line], text: str, warn: Warn) -> Node:
    """The root node of the body's numbered structure; ``warn(kind, message, start, end)``
    hears about numbers that do not fit."""
    return _TreeBuilder(text, warn).build(lines)


class _TreeBuilder:
    def __init__(self, text: str, warn: Warn):
        self.text = text
        self.warn = warn

    def build(self, lines: list[Line]) -> Node:
        root = Node(None, 0, "", lines[0].start if lines else 0, lines[0].start if lines else 0)
        section_style = _section_style(lines)
        stack: list[Node] = [root]
        last_number: dict[str, int] = {}
        table: dict[str, int] | None = None
        for line in lines:
            if _TABLE_RULE.match(line.text):
                continue  # |---|---| under a markdown header
            cells = [c[2] for c in _cells(line)]
            if len(cells) >= 3:
                header = _table_header(cells)
                if header:
                    table = header
                    continue
                if table and len(cells) >= len(table) - 1:
                    self._table_row(line, stack, table)
                    continue
            elif table:
                table = None
            h = heading(line.text)
            if h is None:
                continue
            style, number, marker = h
            if not self._place_heading(stack, style, number, marker, line, section_style, last_number):
                continue
            last_number[style] = number
        end = lines[-1].end if lines else 0
        close(root, end, self.text)
        return root

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

    def _table_row(self, line: Line, stack: list[Node], table: dict[str, int]) -> None:
        cells = _cells(line)
        number_col = table.get("number")
        last = stack[-1]
        siblings = last.children if last.table_row is None or last.parent is None else last.parent.children
        number = len(siblings) + 1
        if number_col is not None and number_col < len(cells):
            with contextlib.suppress(ValueError):
                number = chinese_to_int(cells[number_col][2])
        while len(stack) > 1 and stack[-1].table_row is not None:
            stack.pop()
        if len(stack) > 2 and stack[-1].style not in SECTION_STYLES:
            del stack[2:]
        parent = stack[-1]
        node = Node("table", number, "", line.start, line.start, parent)
        node.table_row = {k: cells[i][:2] for k, i in table.items() if i < len(cells)}
        parent.children.append(node)
        stack.append(node)


def lines_of(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\u3000")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\u3000"))
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
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


def _table_header(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(c.strip() for c in cells):
        for key, pattern in _TABLE_COLUMNS.items():
            if key not in found and pattern.search(cell) and len(cell) <= 12:
                found[key] = i
                break
    if "task" in found and ({"lead", "shared"} & found.keys()):
        return found
    return None


def _cells(line: Line) -> list[tuple[int, int, str]]:
    """A table row's cells with their offsets; the outer | of a markdown row opens no cell."""
    text = line.text
    first = 1 if text.startswith(("|", "｜")) else 0
    last = len(text) - 1 if text.endswith(("|", "｜")) and len(text) > first else len(text)
    out = []
    pos = first
    for m in [*_TABLE_SPLIT.finditer(text, first, last), None]:
        end = m.start() if m else last
        raw = text[pos:end]
        lead = len(raw) - len(raw.lstrip())
        word = raw.strip()
        out.append((line.start + pos + lead, line.start + pos + lead + len(word), word))
        pos = m.end() if m else end
    return out


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
