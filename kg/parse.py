"""Normalised text → document model: metadata, sections, numbered tasks, clauses, targets.

The parser never refuses a document. It reads the header (文号, title, 主送) and the closing
block (issuer, date, 抄送, 印发) from the ends, then the numbered structure of the body
following GB/T 9704 (一、 → （一） → 1. → （1） → ①), where levels may be skipped, numbering
may run on across sections and a document may start at any level. Whatever it does not
recognise stays as text of the part it stands in and becomes a warning.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import ids
from .clauses import ParsedClause, Segment, find_clauses, parse_clause, split_agencies
from .gazetteer import UNKNOWN, Gazetteer, gazetteer
from .model import Agency, Clause, Document, Responsibility, Section, Target, Task, TextWarning
from .normalize import NormalizedText, normalize
from .read import SourceText, decode, read_text
from .targets import find_targets

_CN = "一二三四五六七八九十百零〇"
# style, regex, GB/T 9704 rank (smaller is higher)
STYLES: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("chapter", re.compile(rf"^第([{_CN}\d]+)(?:章|部分|篇)[ 　]*"), 0),
    ("cn", re.compile(rf"^([{_CN}]+)、[ 　]*"), 1),
    ("article", re.compile(rf"^第([{_CN}\d]+)条[ 　]*"), 1.5),
    ("paren-cn", re.compile(rf"^（([{_CN}]+)）[ 　]*"), 2),
    ("num", re.compile(r"^(\d{1,3})(?:\.(?![\d.])|、)[ 　]*"), 3),
    ("paren-num", re.compile(r"^（(\d{1,3})）[ 　]*"), 4),
    ("num-paren", re.compile(r"^(\d{1,3})）[ 　]*"), 4.5),
    ("circled", re.compile(r"^([\u2460-\u2473\u3251-\u325f])[ 　]*"), 5),
)
SECTION_STYLES = ("chapter", "cn")
_WENHAO = re.compile(
    r"([\u4e00-\u9fff]{1,12}[〔\[（【]\s*\d{4}\s*[〕\]）】]\s*第?\s*\d+\s*号)"
)
_TITLE_END = re.compile(
    r"(意见|通知|方案|决定|办法|规划|要点|计划|规定|细则|措施|批复|函|报告|纲要|条例|公告|通告|"
    r"清单|分工|安排|指引|指南|若干政策|政策)$"
)
_CN_DATE = rf"[\d〇○{_CN}]"
_DATE = re.compile(
    rf"^({_CN_DATE}{{4}})年({_CN_DATE}{{1,3}})月({_CN_DATE}{{1,3}})日$"
)
_PRINTED = re.compile(
    rf"^(?P<printer>.*?)[ 　]*(?P<date>{_CN_DATE}{{4}}年{_CN_DATE}{{1,3}}月{_CN_DATE}{{1,3}}日)[ 　]*印发$"
)
_PUBLICITY = re.compile(r"^（此件[^）]{0,12}）$")
_TABLE_SPLIT = re.compile(r"\t|[|｜]")
_TABLE_COLUMNS = {
    "number": re.compile(r"^(序号|编号|序)$"),
    "task": re.compile(r"任务|内容|事项|举措|措施"),
    "lead": re.compile(r"牵头|主责"),
    "support": re.compile(r"配合|参与|协办|协同"),
    "shared": re.compile(r"责任单位|责任部门|负责单位|实施单位"),
    "deadline": re.compile(r"时限|时间|进度"),
}


@dataclass
class _Line:
    start: int  # normalised offset of the first non-blank character
    end: int
    text: str


@dataclass
class _Node:
    style: str | None
    number: int
    marker: str
    start: int  # heading start
    content: int  # after the marker
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    end: int = 0  # end of own text and children
    own_end: int = 0  # end of own text (before the first child)
    table_row: dict[str, tuple[int, int]] | None = None


def parse(path: str | Path) -> Document:
    """Parse a document file (any supported encoding) into the document model."""
    return parse_source(read_text(path))


def parse_text(text: str | bytes, source: str = "<text>") -> Document:
    """Parse a document given as text (or bytes, decoded as :func:`parse` would)."""
    if isinstance(text, bytes):
        return parse_source(decode(text, name=source))
    return parse_source(SourceText(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"),
                                   source, "utf-8"))


def parse_source(src: SourceText, gaz: Gazetteer | None = None) -> Document:
    """Parse decoded text: the stage between reading and RDF."""
    return _Parser(src, gaz or gazetteer()).run()


class _Parser:
    def __init__(self, src: SourceText, gaz: Gazetteer):
        self.src = src
        self.gaz = gaz
        self.nt: NormalizedText = normalize(src.text)
        self.text = self.nt.text
        self.lines = _lines(self.text)
        self.warnings: list[TextWarning] = list(self.nt.warnings)
        self.doc = Document(id="", source=src.name, checksum=src.checksum, encoding=src.encoding)
        if src.replaced:
            self.warn("encoding", f"{src.replaced} bytes could not be decoded as {src.encoding}")

    # ---- helpers ---------------------------------------------------------------------
    def warn(self, kind: str, message: str, start: int | None = None, end: int | None = None):
        span = self.nt.span(start, end if end is not None else start + 1) if start is not None \
            else None
        self.warnings.append(TextWarning(kind, message, span.line if span else None,
                                         span.column if span else None, span))

    def span(self, start: int, end: int):
        return self.nt.span(start, end)

    # ---- the run ---------------------------------------------------------------------
    def run(self) -> Document:
        body_from = self._header()
        body_to = self._closing(body_from)
        self._jurisdiction()
        self.doc.id = ids.document_id(self.doc.identifier, self.doc.jurisdiction, self.text)
        root = self._structure(self.lines[body_from:body_to])
        self._build(root)
        self._check_unled()
        self.doc.warnings = sorted(self.warnings, key=lambda w: (w.line or 0, w.column or 0))
        return self.doc

    # ---- header and closing ----------------------------------------------------------
    def _header(self) -> int:
        i = 0
        lines = self.lines
        limit = min(len(lines), 8)
        while i < limit:
            line = lines[i].text
            if _heading(line) or len(line) > 120 and "。" in line:
                break
            m = _WENHAO.search(line)
            if m and self.doc.identifier is None and len(line) < 60:
                self.doc.identifier = m.group(1).replace(" ", "")
                i += 1
                continue
            if line.endswith("文件") and len(line) <= 30 and self.doc.identifier is None:
                self.doc.issuer_name = self.doc.issuer_name or line[:-2].strip()
                i += 1
                continue
            if self.doc.title is None and i + 1 < limit and _looks_like_issuer(line) and \
                    lines[i + 1].text.startswith("关于"):
                self.doc.issuer_name = self.doc.issuer_name or line
                line = line + lines[i + 1].text  # 济南市人民政府 / 关于…的意见, a title on two lines
                i += 1
            if self.doc.title is None and "。" not in line and not line.endswith("：") and (
                "关于" in line or _TITLE_END.search(line)
            ) and len(line) < 100:
                title = line
                if not _TITLE_END.search(line) and i + 1 < limit and _TITLE_END.search(
                        lines[i + 1].text) and "。" not in lines[i + 1].text:
                    title += lines[i + 1].text
                    i += 1
                self.doc.title = title
                i += 1
                continue
            if line.endswith("：") and len(line) < 300 and "。" not in line:
                self.doc.recipients = _split_list(line[:-1])
                i += 1
                continue
            break
        return i

    def _closing(self, body_from: int) -> int:
        j = len(self.lines)
        while j > body_from:
            line = self.lines[j - 1].text
            m = _PRINTED.match(line)
            if m:
                self.doc.printer = m.group("printer").strip() or None
                self.doc.printed = _iso_date(m.group("date"))
            elif line.startswith("抄送：") or line.startswith("抄送:"):
                self.doc.copied_to = _split_list(line[3:])
            elif _PUBLICITY.match(line) or re.match(r"^（?联系人|^（?联系电话", line):
                pass
            elif _DATE.match(line):
                self.doc.date = _iso_date(line)
                if j - 2 >= body_from and _looks_like_issuer(self.lines[j - 2].text):
                    self.doc.issuer_name = self.lines[j - 2].text.split()[0]
                    j -= 1
            else:
                break
            j -= 1
        return j

    def _jurisdiction(self) -> None:
        doc, gaz = self.doc, self.gaz
        candidates = [doc.issuer_name]
        if doc.title and "关于" in doc.title:
            candidates.append(doc.title.split("关于")[0])
        jur = None
        for name in filter(None, candidates):
            jur = gaz.jurisdiction_of(name)
            if jur:
                doc.issuer_name = doc.issuer_name or name
                break
        if jur is None and doc.identifier:
            jur = gaz.jurisdiction_of_identifier(doc.identifier)
        if jur is None:
            self.warn("jurisdiction", "could not tell which government issued the document; "
                      "省/市 prefixes are left unresolved")
            jur = UNKNOWN
        doc.jurisdiction = jur
        self._add_parents(jur)
        if doc.issuer_name:
            issuer = gaz.resolve_agency(doc.issuer_name, jur)
            doc.issuer = self._add_agency(issuer, doc.issuer_name, None)

    # ---- structure -------------------------------------------------------------------
    def _structure(self, lines: list[_Line]) -> _Node:
        root = _Node(None, 0, "", lines[0].start if lines else 0,
                     lines[0].start if lines else 0)
        section_style = _section_style(lines)
        stack: list[_Node] = [root]
        last_number: dict[str, int] = {}
        table: dict[str, int] | None = None
        for line in lines:
            cells = _TABLE_SPLIT.split(line.text)
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
            h = _heading(line.text)
            if h is None:
                continue
            style, number, marker = h
            if not self._place_heading(stack, style, number, marker, line, section_style,
                                       last_number):
                continue
            last_number[style] = number
        end = lines[-1].end if lines else 0
        _close(root, end, self.text)
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
                while top > (2 if section_style else 1) and _rank(stack[top - 1].style) > _rank(
                        style) and number == 1:
                    top -= 1
                if number != 1 and number != last_number.get(style, 0) + 1 and len(stack) > 1:
                    self.warn("numbering", f"numbering {marker!r} does not fit here; kept as text",
                              line.start, line.end)
                    return False
                depth = top
        if depth < len(stack):
            prev = stack[depth]
            if number <= prev.number and not (section_style == style and depth == 1 and
                                              number == 1 and prev.number == 0):
                self.warn("numbering", f"numbering {marker!r} after {prev.marker!r}; kept as text",
                          line.start, line.end)
                return False
            if number > prev.number + 1:
                self.warn("numbering", f"numbering jumps from {prev.marker!r} to {marker!r}",
                          line.start, line.end)
        parent = stack[depth - 1]
        node = _Node(style, number, marker, line.start, line.start + len(marker), parent)
        parent.children.append(node)
        del stack[depth:]
        stack.append(node)
        return True

    def _table_row(self, line: _Line, stack: list[_Node], table: dict[str, int]) -> None:
        cells = _cells(line)
        number_col = table.get("number")
        number = len(stack[-1].children if stack[-1].table_row is None else
                     stack[-1].parent.children) + 1
        if number_col is not None and number_col < len(cells):
            with contextlib.suppress(ValueError):
                number = ids.chinese_to_int(cells[number_col][2])
        while len(stack) > 1 and stack[-1].table_row is not None:
            stack.pop()
        if len(stack) > 2 and stack[-1].style not in SECTION_STYLES:
            del stack[2:]
        parent = stack[-1]
        node = _Node("table", number, "", line.start, line.start, parent)
        node.table_row = {k: cells[i][:2] for k, i in table.items() if i < len(cells)}
        parent.children.append(node)
        stack.append(node)

    # ---- model -----------------------------------------------------------------------
    def _build(self, root: _Node) -> None:
        doc = self.doc
        sections = root.children if any(c.style in SECTION_STYLES for c in root.children) else []
        first = sections[0].start if sections else (root.children[0].start if root.children
                                                    else root.end)
        doc.preamble = _clean(self.text[root.content:first]) if root.children else _clean(
            self.text[root.content:root.end])
        if not sections:
            implicit = Section("0", None, 0, None, "", self.span(root.content, max(root.end,
                                                                               root.content + 1)))
            implicit.tasks = self._tasks(root.children, "")
            if root.children:
                doc.sections.append(implicit)
            paths = ids.unique_paths([t.path for t in implicit.tasks])
            for t, p in zip(implicit.tasks, paths):
                t.path = p
            return
        paths = ids.unique_paths([str(n.number) for n in sections])
        for node, path in zip(sections, paths):
            doc.sections.append(self._section(node, path))

    def _section(self, node: _Node, path: str) -> Section:
        own = self.text[node.content:node.own_end]
        title_line, _, rest = own.strip().partition("\n")
        title, after_title = _first_sentence(title_line)
        intro_text = _clean((after_title + "\n" + rest) if after_title else rest)
        section = Section(path, node.marker, node.number, title or None, intro_text,
                          self.span(node.start, node.end))
        section.targets = self._targets(node.content, node.own_end, None)
        section.tasks = self._tasks(node.children, path)
        if not section.tasks:
            own_task = self._task(node, path, own_only=True)
            if own_task.clauses:
                section.tasks = [own_task]
                section.targets = []
        return section

    def _tasks(self, nodes: list[_Node], prefix: str) -> list[Task]:
        paths = ids.unique_paths([f"{prefix}.{n.number}" if prefix else str(n.number)
                                  for n in nodes])
        return [self._task(n, p) for n, p in zip(nodes, paths)]

    def _task(self, node: _Node, path: str, own_only: bool = False) -> Task:
        if node.table_row is not None:
            return self._table_task(node, path)
        own_start, own_end = node.content, node.own_end
        raw = self.text[own_start:own_end]
        clauses, doubtful = find_clauses(raw, own_start, self.gaz)
        for d in doubtful:
            i = raw.find(d)
            self.warn("unrecognised-clause", f"could not read the clause （{d}）",
                      own_start + i, own_start + i + len(d))
        text = _clean(raw)
        title_source = _clean(_without(raw, own_start, clauses))
        title, _ = _first_sentence(title_source.split("\n", 1)[0])
        task = Task(path, node.marker, node.number, title, text, self.span(node.start, node.end))
        task.clauses = self._clauses(clauses)
        task.deadline = next((c.deadline for c in task.clauses if c.deadline), None)
        task.deadline_year = _year(task.deadline)
        task.places = self._places(own_start, own_end)
        task.targets = self._targets(own_start, own_end, task.deadline_year)
        if not own_only:
            task.children = self._tasks(node.children, path)
            _lift_closing_clause(task)
        return task

    def _table_task(self, node: _Node, path: str) -> Task:
        row = node.table_row or {}
        task_cell = row.get("task", (node.start, node.end))
        raw = self.text[task_cell[0]:task_cell[1]]
        title, _ = _first_sentence(_clean(raw))
        task = Task(path, str(node.number), node.number, title, _clean(raw),
                    self.span(node.start, node.end))
        parsed: list[ParsedClause] = []
        for role in ("lead", "support", "shared"):
            if role in row:
                s, e = row[role]
                names = split_agencies(self.text[s:e], s, self.gaz)
                if names:
                    pc = ParsedClause(s, e, self.text[s:e], [Segment(role, names, s, e)])
                    parsed.append(pc)
        inline, _ = find_clauses(raw, task_cell[0], self.gaz)
        parsed.extend(inline)
        if "deadline" in row:
            s, e = row["deadline"]
            if parsed:
                parsed[0].deadline = self.text[s:e].strip() or None
            else:
                dl = parse_clause(self.text[s:e], s, self.gaz)
                task.deadline = dl.deadline if dl else None
        task.clauses = self._clauses(parsed)
        task.deadline = task.deadline or next((c.deadline for c in task.clauses if c.deadline),
                                              None)
        task.deadline_year = _year(task.deadline)
        task.places = self._places(node.start, node.end)
        task.targets = self._targets(task_cell[0], task_cell[1], task.deadline_year)
        return task

    def _clauses(self, parsed: list[ParsedClause]) -> list[Clause]:
        out: list[Clause] = []
        seen: dict[tuple[str, str], bool] = {}
        position = 0
        for pc in parsed:
            clause = Clause(pc.text, self.span(pc.start, pc.end), deadline=pc.deadline,
                            own_line=self._own_line(pc.start, pc.end))
            for seg in pc.segments:
                for name in seg.names:
                    agency = self.gaz.resolve_agency(name.name, self.doc.jurisdiction)
                    # a spelling only when the clause wrote the whole name (not 济南 of 济南、烟台等市政府)
                    whole = self.text[name.start:name.end] == name.name
                    written = self.nt.written(name.start, name.end) if whole else ""
                    key = self._add_agency(agency, written, (name.start, name.end))
                    if (key, seg.role) in seen:
                        continue
                    seen[(key, seg.role)] = True
                    position += 1
                    clause.responsibilities.append(Responsibility(
                        key, seg.role, position, name.open, self.text[name.start:name.end],
                        self.span(name.start, name.end)))
            for other in ("lead", "support", "shared"):
                for r in clause.responsibilities:
                    if r.role != other and (r.agency, other) in seen and other == "lead" \
                            and r.role == "support":
                        self.warn("conflicting-roles",
                                  f"{self.doc.agencies[r.agency].short} both leads and supports",
                                  pc.start, pc.end)
            out.append(clause)
        return out

    def _own_line(self, start: int, end: int) -> bool:
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end == -1 else line_end
        return not self.text[line_start:start].strip() and self.text[end:line_end].strip() in ("", "。")

    def _add_agency(self, agency: Agency, written: str, where: tuple[int, int] | None) -> str:
        known = self.doc.agencies.get(agency.key)
        if known is None:
            known = self.doc.agencies[agency.key] = agency
            if not agency.known and not agency.collective:
                self.warn("unknown-agency", f"agency not in the gazetteer: {agency.short}",
                          *(where or (None, None)))
            self._add_parents(agency.jurisdiction)
            if agency.parent and agency.parent not in self.doc.agencies:
                government = self.gaz.government(agency.jurisdiction)
                if government is not None:
                    self._add_agency(government, "", None)
        if written and written not in (known.short, known.full) and written not in known.spellings:
            known.spellings.append(written)
        return known.key

    def _places(self, start: int, end: int) -> list[str]:
        keys: list[str] = []
        for row, _, _ in self.gaz.find_places(self.text[start:end], self.doc.jurisdiction):
            if row.key not in self.doc.places:
                self.doc.places[row.key] = row.to_place()
                self._add_parents(row.parent)
            if row.key not in keys:
                keys.append(row.key)
        return keys

    def _add_parents(self, code: str) -> None:
        while code and code not in self.doc.places:
            row = self.gaz.place(code)
            if row is None:
                return
            self.doc.places[code] = row.to_place()
            code = row.parent

    def _targets(self, start: int, end: int, default_year: int | None) -> list[Target]:
        out = []
        for f in find_targets(self.text[start:end], default_year):
            out.append(Target(f.text, f.unit, f.comparator, self.span(start + f.start,
                                                                      start + f.end),
                              f.object, _num(f.quantity), _num(f.min), _num(f.max),
                              f.deadline_year))
        return out

    def _check_unled(self) -> None:
        tasks = self.doc.tasks()
        if not any(t.clauses for t in tasks):
            if tasks:
                self.warn("no-clauses", "no responsibility clauses found in the document")
            else:
                self.warn("no-tasks", "no numbered tasks found in the document")
            return
        for section in self.doc.sections:
            for task in section.tasks:
                self._warn_unled(task)

    def _warn_unled(self, task: Task) -> None:
        """A leaf task with no agency, unless an item above it answers for it."""
        if task.responsibilities:
            return
        if not task.children:
            self.warn("no-clause", f"task {task.path} names no responsible agency",
                      *_offsets(self.nt, task))
        for child in task.children:
            self._warn_unled(child)


def _lift_closing_clause(task: Task) -> None:
    """①… ②… ③… then a clause on a line of its own: the clause answers for the whole item."""
    if not task.children or task.responsibilities:
        return
    *others, last = task.children
    if last.children or any(t.responsibilities for o in others for t in o.walk()):
        return
    if last.clauses and all(c.own_line for c in last.clauses):
        task.clauses, last.clauses = last.clauses, []
        task.deadline = task.deadline or next((c.deadline for c in task.clauses if c.deadline), None)
        task.deadline_year = task.deadline_year or _year(task.deadline)


def _offsets(nt: NormalizedText, task: Task) -> tuple[int, int] | tuple[None, None]:
    try:
        start = nt.offsets.index(task.span.start)
    except ValueError:
        return None, None
    return start, start + 1


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _year(deadline: str | None) -> int | None:
    if not deadline:
        return None
    m = re.search(r"(\d{4})年", deadline)
    return int(m.group(1)) if m else None


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\u3000")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\u3000"))
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _heading(text: str) -> tuple[str, int, str] | None:
    for style, pattern, _ in STYLES:
        m = pattern.match(text)
        if not m:
            continue
        try:
            number = ids.chinese_to_int(m.group(1))
        except ValueError:
            continue
        rest = text[m.end():]
        if not rest or rest[0] in "、，。；：）%" or number == 0:
            continue
        if style == "cn" and rest[0] in _CN:
            continue  # 一、二级 …
        if style == "num" and re.match(r"^\d", rest):
            continue
        return style, number, m.group(0).strip()
    return None


def _rank(style: str | None) -> float:
    return next((r for s, _, r in STYLES if s == style), -1.0)


def _section_style(lines: list[_Line]) -> str | None:
    """The style of top-level sections: 第一章 if any, else 一、 if it runs 一、二、…"""
    seen: dict[str, list[int]] = {}
    for line in lines:
        h = _heading(line.text)
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


def _cells(line: _Line) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for m in list(_TABLE_SPLIT.finditer(line.text)) + [None]:
        end = m.start() if m else len(line.text)
        raw = line.text[pos:end]
        lead = len(raw) - len(raw.lstrip())
        word = raw.strip()
        out.append((line.start + pos + lead, line.start + pos + lead + len(word), word))
        pos = m.end() if m else end
    return out


def _close(node: _Node, end: int, text: str) -> None:
    """Set where each node's own text and whole extent end (trailing blanks left out)."""
    for i, child in enumerate(node.children):
        nxt = node.children[i + 1].start if i + 1 < len(node.children) else end
        _close(child, nxt, text)
    node.own_end = _rstrip(text, node.content, node.children[0].start if node.children else end)
    node.end = max(_rstrip(text, node.content, end), node.own_end)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n\u3000":
        end -= 1
    return end


def _clean(text: str) -> str:
    return "\n".join(line.strip(" \t\u3000") for line in text.strip().split("\n")
                     if line.strip(" \t\u3000"))


def _without(raw: str, offset: int, clauses: list[ParsedClause]) -> str:
    out = raw
    for c in sorted(clauses, key=lambda c: -c.start):
        s, e = c.start - offset, c.end - offset
        out = out[:s] + out[e:]
    return out


def _first_sentence(line: str) -> tuple[str, str]:
    """Title = first sentence of the heading line; returns (title, the rest of the line)."""
    line = line.strip()
    depth = 0
    for i, ch in enumerate(line):
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth = max(0, depth - 1)
        elif ch in "。！？" and depth == 0:
            return line[:i].strip(), line[i + 1:].strip()
    return line.rstrip("；：;:，").strip(), ""


def _split_list(text: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text + "，"):
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，、。；":
            word = text[start:i].strip()
            if word:
                out.append(word)
            start = i + 1
    return out


def _iso_date(text: str) -> str | None:
    m = re.match(rf"({_CN_DATE}{{4}})年({_CN_DATE}{{1,3}})月({_CN_DATE}{{1,3}})日", text)
    if not m:
        return None
    try:
        y, mo, d = (ids.chinese_to_int(g) for g in m.groups())
    except ValueError:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _looks_like_issuer(line: str) -> bool:
    return len(line) <= 60 and "。" not in line and "，" not in line and bool(
        re.search(r"(政府|办公厅|办公室|委员会|委|厅|局|部|院|署|会|组|中心)$", line.split()[-1])
    ) and _heading(line) is None
