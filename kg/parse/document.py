"""Normalised text → document model: sections, numbered tasks, clauses, places, targets.

The parser never refuses a document. ``metadata`` reads the header and closing block,
``structure`` the numbered tree of the body; this module turns that tree into the model,
reading each item's responsibility clauses (``clauses``), resolving agencies and places
(``gazetteer``) and finding quantified targets (``targets``). Whatever it does not recognise
stays as text of the part it stands in and becomes a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from kg import ids
from kg.lexicon.gazetteer import UNKNOWN, Gazetteer, gazetteer
from kg.lexicon.words import FIRST_LEADS, ROLE_PHRASES, alternation
from kg.model import (
    Agency,
    Clause,
    Document,
    Person,
    Responsibility,
    Section,
    Target,
    Task,
    TextWarning,
)
from kg.parse.cells import PERSON_NAME, agency_like, deadline_like, strip_post
from kg.parse.clauses import (
    ParsedClause,
    Segment,
    find_clauses,
    mentions_role,
    parse_cell,
    parse_clause,
    split_agencies,
)
from kg.parse.deadlines import read_due
from kg.parse.metadata import read_metadata
from kg.parse.structure import SECTION_STYLES, Line, Node, build_tree, lines_of
from kg.parse.targets import find_targets
from kg.text.brackets import outside_brackets
from kg.text.normalize import NormalizedText, normalize
from kg.text.read import MAX_BYTES, SourceText, from_text, read_bytes, read_text
from kg.vocab import ROLE_KEYS, WarningKind


def parse(path: str | Path, max_bytes: int = MAX_BYTES, ocr: bool = False) -> Document:
    """Parse a document file (any format and encoding kg reads; ``-`` is standard input) into
    the document model; ``ocr`` reads PDF pages that have no text layer with tesseract, where
    it is installed."""
    return parse_source(read_text(path, max_bytes, ocr=ocr))


def parse_text(text: str | bytes, source: str = "<text>") -> Document:
    """Parse a document given as text (or bytes, decoded as :func:`parse` would)."""
    if isinstance(text, bytes):
        return parse_source(read_bytes(text, name=source))
    return parse_source(from_text(text, source))


def parse_source(src: SourceText, gaz: Gazetteer | None = None) -> Document:
    """Parse decoded text: the stage between reading and RDF."""
    return _Parser(src, gaz or gazetteer()).run()


class _Parser:
    def __init__(self, src: SourceText, gaz: Gazetteer):
        self.src = src
        self.gaz = gaz
        self.nt: NormalizedText = normalize(src.text, self._carries_meaning)
        self.text = self.nt.text
        self.first_leads = bool(_FIRST_LEADS.search(self.text))
        self.assigned: list[tuple[int, int]] = []  # text that ended up in a task, section or preamble
        self.lines = lines_of(self.text)
        self.warnings: list[TextWarning] = list(self.nt.warnings)
        self.doc = Document(id="", source=src.name, checksum=src.checksum, encoding=src.encoding)
        if src.extracted is not None:  # spans say which page, paragraph or cell they are in
            self.nt.locate = src.extracted.origin
            self.warnings.extend(src.extracted.warnings)
        if src.replaced:
            where = self.text.find("\ufffd")
            self.warn(
                WarningKind.ENCODING,
                f"{src.replaced} bytes or characters could not be read as {src.encoding} and became U+FFFD",
                where if where >= 0 else None,
            )

    # ---- helpers ---------------------------------------------------------------------
    def _carries_meaning(self, line: str) -> bool:
        """A line no layout rule may remove: a role word, a deadline or a list of agencies."""
        return mentions_role(line) or deadline_like(line) or agency_like(line, self.gaz)

    def warn(self, kind: WarningKind, message: str, start: int | None = None, end: int | None = None) -> None:
        span = self.nt.span(start, end if end is not None else start + 1) if start is not None else None
        self.warnings.append(
            TextWarning(kind.value, message, span.line if span else None, span.column if span else None, span)
        )

    def span(self, start: int, end: int):
        return self.nt.span(start, end)

    # ---- the run ---------------------------------------------------------------------
    def run(self) -> Document:
        meta = read_metadata(self.lines)
        doc = self.doc
        doc.identifier, doc.title, doc.issuer_name, doc.date = (
            meta.identifier,
            meta.title,
            meta.issuer_name,
            meta.date,
        )
        doc.recipients, doc.copied_to, doc.printer, doc.printed = (
            meta.recipients,
            meta.copied_to,
            meta.printer,
            meta.printed,
        )
        (body_from, main_to), body_to, starts = meta.body, meta.end, meta.attachments
        for i in sorted(set(meta.notices)):
            line = self.lines[i]
            self.warn(
                WarningKind.REMOVED_TEXT, f"notice left out of the body: “{line.text}”", line.start, line.end
            )
        self._jurisdiction()
        self.doc.id = ids.document_id(self.doc.identifier, self.doc.jurisdiction, self.text)
        root = build_tree(self.lines[body_from:main_to], self.text, self.warn, self.gaz)
        if starts and not root.children:
            # a short notice whose tasks are all in its attachment: the attachment is the body
            root = build_tree(self.lines[body_from:body_to], self.text, self.warn, self.gaz)
            starts = []
        self._build(root)
        for n, (a, b) in enumerate(zip(starts, [*starts[1:], body_to]), 1):
            self._attachment(self.lines[a], self.lines[a + 1 : b], n)
        self._check_unled()
        if body_from < body_to:
            self.doc.unassigned = self._unassigned(self.lines[body_from].start, self.lines[body_to - 1].end)
        self.doc.warnings = sorted(self.warnings, key=lambda w: (w.line or 0, w.column or 0))
        return self.doc

    def _unassigned(self, start: int, end: int) -> int:
        """Characters of the body (blanks aside) that are in no task's, section's or preamble's
        text: a table column kg does not read, say. ``kg build`` prints the count."""
        mask = bytearray(end - start)
        for a, b in self.assigned:
            a, b = max(a, start), min(b, end)
            if a < b:
                mask[a - start : b - start] = b"\x01" * (b - a)
        return sum(1 for i, ch in enumerate(self.text[start:end]) if not mask[i] and not ch.isspace())

    @property
    def doc_year(self) -> int | None:
        """The year of the document, for a deadline that names a month only (12月底前)."""
        return int(self.doc.date[:4]) if self.doc.date else None

    def _jurisdiction(self) -> None:
        doc, gaz = self.doc, self.gaz
        # joint issuers (中共河北省委办公厅 河北省人民政府办公厅): the government answers for the place
        signers = sorted((doc.issuer_name or "").split(), key=lambda n: "人民政府" not in n)
        candidates = signers[:1]
        before_about = doc.title.split("关于")[0].split() if doc.title and "关于" in doc.title else []
        candidates.extend(before_about[-1:])  # 山东省人民政府关于…
        jur = None
        for name in filter(None, candidates):
            jur = gaz.jurisdiction_of(name)
            if jur:
                doc.issuer_name = doc.issuer_name or name
                break
        if jur is None and doc.identifier:
            jur = gaz.jurisdiction_of_identifier(doc.identifier)
        if jur is None:
            self.warn(
                WarningKind.JURISDICTION,
                "could not tell which government issued the document; 省/市 prefixes are left unresolved",
            )
            jur = UNKNOWN
        doc.jurisdiction = jur
        self._add_parents(jur)
        if doc.issuer_name:
            main = sorted(doc.issuer_name.split(), key=lambda n: "人民政府" not in n)[0]
            doc.issuer = self._add_agency(gaz.resolve_agency(main, jur), main, None)

    # ---- model -----------------------------------------------------------------------
    def _build(self, root: Node) -> None:
        doc = self.doc
        sections = root.children if any(c.style in SECTION_STYLES for c in root.children) else []
        first = sections[0].start if sections else (root.children[0].start if root.children else root.end)
        doc.preamble = (
            _clean(self.text[root.content : first])
            if root.children
            else _clean(self.text[root.content : root.end])
        )
        self.assigned.append((root.start, first if root.children else root.end))
        if not sections:
            implicit = Section(
                "0", None, 0, None, "", self.span(root.content, max(root.end, root.content + 1))
            )
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

    def _attachment(self, marker: Line, lines: list[Line], n: int) -> None:
        """附件1 after the signature (often the task-division table) becomes one more section,
        numbered on from the document's own sections."""
        sub = build_tree(lines, self.text, self.warn, self.gaz)
        node = Node("attachment", n, marker.text, marker.start, marker.end)
        self.assigned.append((marker.start, marker.end))
        node.children = sub.children
        for child in node.children:
            child.parent = node
        node.own_end = node.children[0].start if node.children else sub.end
        node.end = max(sub.end, node.own_end)
        number = max((int(s.path) for s in self.doc.sections if s.path.isdigit()), default=0) + 1
        self.doc.sections.append(self._section(node, str(number)))

    def _section(self, node: Node, path: str) -> Section:
        self.assigned.append((node.start, node.own_end))
        own = self.text[node.content : node.own_end]
        title_line, _, rest = own.strip().partition("\n")
        title, after_title = _first_sentence(title_line)
        intro_text = _clean((after_title + "\n" + rest) if after_title else rest)
        section = Section(
            path, node.marker, node.number, title or None, intro_text, self.span(node.start, node.end)
        )
        section.targets = self._targets(node.content, node.own_end, None)
        section.tasks = self._tasks(node.children, path)
        self._heading_roles(title, node.content, node.own_end, [t for t in section.walk() if not t.children])
        if not section.tasks:
            own_task = self._task(node, path, own_only=True)
            if own_task.clauses:
                section.tasks = [own_task]
                section.targets = []
        return section

    def _tasks(self, nodes: list[Node], prefix: str) -> list[Task]:
        paths = ids.unique_paths([f"{prefix}.{n.number}" if prefix else str(n.number) for n in nodes])
        return [self._task(n, p) for n, p in zip(nodes, paths)]

    def _task(self, node: Node, path: str, own_only: bool = False) -> Task:
        if node.table_row is not None:
            return self._table_task(node, path)
        own_start, own_end = node.content, node.own_end
        self.assigned.append((node.start, own_end))
        raw = self.text[own_start:own_end]
        clauses, doubtful = find_clauses(raw, own_start, self.gaz)
        for d in doubtful:
            i = raw.find(d)
            self.warn(
                WarningKind.UNRECOGNISED_CLAUSE,
                f"could not read the clause （{d}）",
                own_start + i,
                own_start + i + len(d),
            )
        text = _clean(raw)
        title_source = _clean(_without(raw, own_start, clauses))
        title, _ = _first_sentence(title_source.split("\n", 1)[0])
        task = Task(path, node.marker, node.number, title, text, self.span(node.start, node.end))
        task.clauses = self._clauses(clauses)
        task.persons = self._clause_persons(clauses)
        task.deadline = next((c.deadline for c in task.clauses if c.deadline), None)
        task.deadline_year = _year(task.deadline)
        task.due = read_due(task.deadline, self.doc_year)
        task.places = self._places(own_start, own_end, self._named_bodies(clauses))
        task.targets = self._targets(own_start, own_end, task.deadline_year)
        if not own_only:
            task.children = self._tasks(node.children, path)
            _lift_closing_clause(task)
            self._heading_roles(title, own_start, own_end, [t for t in task.walk() if not t.children])
        return task

    def _heading_roles(self, title: str, start: int, end: int, leaves: list[Task]) -> None:
        """一、县示范区管委会牵头工作 / 一、孟学农省长负责的工作: the agency or the leader a
        heading names answers for every item under it that does not name its own."""
        m = _HEADING_ROLE.match(title or "")
        at = self.text.find(m.group("who"), start, end) if m else -1
        if not m or at == -1 or not leaves:
            return
        who, word = m.group("who"), m.group("word")
        role = dict(ROLE_PHRASES.closing)[word]
        name, post = strip_post(who)
        if post and PERSON_NAME.match(name):
            for leaf in leaves:
                if all(p.name != name for p in leaf.persons):
                    span = self.span(at, at + len(who))
                    leaf.persons.append(Person(name, post, "lead" if role == "lead" else "responsible", span))
            return
        names = split_agencies(who, at, self.gaz)
        if not names or not all(self.gaz.looks_like_agency(n.name) for n in names):
            return
        for leaf in leaves:
            if any(r.role == "lead" for r in leaf.responsibilities):
                continue
            clause = ParsedClause(at, at + len(who) + len(word), who + word)
            clause.segments = [Segment(role, split_agencies(who, at, self.gaz), at, at + len(who))]
            leaf.clauses.extend(self._clauses([clause]))

    def _table_task(self, node: Node, path: str) -> Task:
        row = node.table_row or {}
        task_spans = row.get("task") or [(node.start, node.end)]
        self.assigned.extend(span for key, spans in row.items() if key != "other" for span in spans)
        raw, task_at = self._cell(task_spans, "task" in node.table_wrapped, node.table_breaks)
        title, _ = _first_sentence(_clean(raw))
        task = Task(path, str(node.number), node.number, title, _clean(raw), self.span(node.start, node.end))
        parsed: list[ParsedClause] = []
        for role in ROLE_KEYS:
            if row.get(role):
                text, at = self._cell(row[role], role in node.table_wrapped, node.table_breaks)
                cell = parse_cell(text, 0, role, self.gaz)
                if cell is not None:
                    parsed.append(_moved(cell, at))
                elif text.strip():
                    self._warn_at(
                        WarningKind.UNRECOGNISED_CELL, f"could not read the {role} cell “{text}”", at
                    )
        inline, _ = find_clauses(raw, 0, self.gaz)
        parsed.extend(_moved(c, task_at) for c in inline)
        if row.get("deadline"):
            text, at = self._cell(row["deadline"])
            if parsed:
                parsed[0].deadline = text.strip() or None
            else:
                dl = parse_clause(text, 0, self.gaz)
                task.deadline = dl.deadline if dl else (text.strip() or None)
        if row.get("persons"):
            text, at = self._cell(row["persons"], False, node.table_breaks)
            task.persons = self._persons(text, at, "responsible")
        task.clauses = self._clauses(parsed)
        task.persons.extend(self._clause_persons(parsed))
        task.deadline = task.deadline or next((c.deadline for c in task.clauses if c.deadline), None)
        task.deadline_year = _year(task.deadline)
        task.due = read_due(task.deadline, self.doc_year)
        task.places = self._places(node.start, node.end, self._named_bodies(parsed))
        task.targets = self._targets(task_spans[0][0], task_spans[-1][1], task.deadline_year)
        task.children = self._tasks(node.children, path)  # the sub-rows of a merged 序号
        return task

    def _clause_persons(self, parsed: list[ParsedClause]) -> list[Person]:
        return [
            p
            for pc in parsed
            for s, e, role in pc.persons
            for p in self._persons(self.text[s:e], list(range(s, e)), role)
        ]

    def _persons(self, text: str, at: list[int], role: str) -> list[Person]:
        """张三、副市长李四 → two persons; 钱 宇 (typeset with a space) is one; a name that is an
        agency is not a person."""
        pieces: list[tuple[int, int]] = []
        for m in re.finditer(r"[^、，；,;\s。]+", text):
            prev = pieces[-1] if pieces else None
            if prev and text[prev[1] : m.start()] == " " and min(prev[1] - prev[0], m.end() - m.start()) == 1:
                pieces[-1] = (prev[0], m.end())
            else:
                pieces.append((m.start(), m.end()))
        out = []
        for a, b in pieces:
            written = text[a:b].replace(" ", "")
            name, post = strip_post(written)
            if self.gaz.looks_like_agency(name) or not name:
                self._warn_at(WarningKind.UNRECOGNISED_PERSON, f"not read as a person: “{written}”", at[a:b])
                continue
            out.append(Person(name, post, role, self.span(at[a], at[b - 1] + 1)))
        return out

    def _cell(
        self, spans: list[tuple[int, int]], wrapped: bool = False, breaks: dict[int, str] | None = None
    ) -> tuple[str, list[int]]:
        """A cell's text (a wrapped cell's lines joined, other lines kept apart, or parted as
        the table's reader says in ``breaks``) and the offset of each character."""
        text, at = "", list[int]()
        for n, (s, e) in enumerate(spans):
            sep = (breaks or {}).get(s, "" if wrapped else "\n") if n else ""
            if sep:
                text, at = text + sep, [*at, s - 1]
            text, at = text + self.text[s:e], at + list(range(s, e))
        return text, at

    def _warn_at(self, kind: WarningKind, message: str, at: list[int]) -> None:
        self.warn(kind, message, *((at[0], at[-1] + 1) if at else (None, None)))

    def _clauses(self, parsed: list[ParsedClause]) -> list[Clause]:
        """Resolve every name of a task's clauses; one responsibility per agency and role."""
        out: list[Clause] = []
        seen: set[tuple[str, str]] = set()
        position = 0
        if self.first_leads:
            _first_name_leads(parsed)
        for pc in parsed:
            for start, end, written in pc.unparsed:
                # the clause was read, this part of it was not: say so rather than drop it
                self.warn(
                    WarningKind.UNRECOGNISED_CLAUSE,
                    f"could not read “{written}” in the clause “{pc.text}”",
                    start,
                    end,
                )
            clause = Clause(
                pc.text,
                self.span(pc.start, pc.end),
                deadline=pc.deadline,
                own_line=self._own_line(pc.start, pc.end),
            )
            for seg in pc.segments:
                for name in seg.names:
                    agency = self.gaz.resolve_agency(name.name, self.doc.jurisdiction)
                    # a spelling only when the clause wrote the whole name (not 济南 of 济南、烟台等市政府)
                    as_written = self.text[name.start : name.end]
                    compact = re.sub(r"\s", "", as_written)  # 市\n发\n改\n委: a cell's lines
                    whole = compact == name.name
                    written = re.sub(r"\s", "", self.nt.written(name.start, name.end)) if whole else ""
                    if not whole and name.name.endswith(as_written) and len(as_written) >= 2:
                        written = name.name  # 省住建厅 of 省发改委、住建厅: the level the list gives
                    elif not whole and name.name.startswith(compact) and self.gaz.is_place_name(compact):
                        written = compact  # 岳麓区 of 商务局、岳麓区: the district stands for its government
                    key = self._add_agency(agency, written, (name.start, name.end))
                    if (key, seg.role) in seen:
                        continue
                    if (
                        seg.role in ("lead", "support")
                        and (key, "support" if seg.role == "lead" else "lead") in seen
                    ):
                        self.warn(
                            WarningKind.CONFLICTING_ROLES,
                            f"{self.doc.agencies[key].short} both leads and supports the same task",
                            name.start,
                            name.end,
                        )
                    seen.add((key, seg.role))
                    position += 1
                    clause.responsibilities.append(
                        Responsibility(
                            key,
                            seg.role,
                            position,
                            name.open,
                            self.text[name.start : name.end],
                            self.span(name.start, name.end),
                        )
                    )
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
                self.warn(
                    WarningKind.UNKNOWN_AGENCY,
                    f"agency not in the gazetteer: {agency.short}",
                    *(where or (None, None)),
                )
            self._add_parents(agency.jurisdiction)
            successor = self.gaz.successor(agency, self.doc.jurisdiction or UNKNOWN)
            if successor is not None and successor.key not in self.doc.agencies:
                self._add_agency(successor, "", None)  # 市环保局 (abolished 2019) → 市生态环境局
            if agency.parent and agency.parent not in self.doc.agencies:
                government = self.gaz.government(agency.jurisdiction, self.doc.jurisdiction or UNKNOWN)
                if government is not None:
                    self._add_agency(government, "", None)
        if written and written not in (known.short, known.full) and written not in known.spellings:
            known.spellings.append(written)
        return known.key

    def _named_bodies(self, parsed: list[ParsedClause]) -> list[tuple[int, int]]:
        """Where clauses name bodies other than governments: 深圳市前海管理局 names a body, not
        the city (济南市政府 stands for its city, so governments are not listed)."""
        out = []
        for pc in parsed:
            for seg in pc.segments:
                for name in seg.names:
                    agency = self.gaz.resolve_agency(name.name, self.doc.jurisdiction)
                    if agency.kind not in ("government", "cityGovernment", "collective"):
                        out.append((name.start, name.end))
        return out

    def _places(self, start: int, end: int, skip: Sequence[tuple[int, int]] = ()) -> list[str]:
        keys: list[str] = []
        for row, a, b in self.gaz.find_places(self.text[start:end], self.doc.jurisdiction):
            if any(s <= start + a and start + b <= e for s, e in skip):
                continue
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
            out.append(
                Target(
                    f.text,
                    f.unit,
                    f.comparator,
                    self.span(start + f.start, start + f.end),
                    f.object,
                    _num(f.quantity),
                    _num(f.min),
                    _num(f.max),
                    f.deadline_year,
                )
            )
        return out

    def _check_unled(self) -> None:
        tasks = self.doc.tasks()
        if not any(t.clauses for t in tasks):
            if tasks:
                self.warn(WarningKind.NO_CLAUSE, "no responsibility clauses found in the document")
            else:
                self.warn(WarningKind.NO_TASKS, "no numbered tasks found in the document")
            return
        for section in self.doc.sections:
            for task in section.tasks:
                self._warn_unled(task)

    def _warn_unled(self, task: Task) -> None:
        """A leaf task with no agency, unless an item above it answers for it."""
        if task.responsibilities:
            return
        if not task.children:
            self.warn(
                WarningKind.NO_CLAUSE,
                f"task {task.path} names no responsible agency",
                *_offsets(self.nt, task),
            )
        for child in task.children:
            self._warn_unled(child)


_HEADING_ROLE = re.compile(
    r"^(?P<who>[^，。；：]{2,40}?)(?P<word>牵头|负责)的?(?:重点|主要)?(?:工作|任务|事项)(?:（\d+项）)?$"
)
_FIRST_LEADS = re.compile(alternation(FIRST_LEADS))


def _first_name_leads(parsed: list[ParsedClause]) -> None:
    """The document says the agency listed first leads (首位单位为牵头单位，下同): the first
    name of a task's first 责任单位 list leads, unless the task names its lead itself."""
    segments = [seg for pc in parsed for seg in pc.segments]
    if any(seg.role == "lead" for seg in segments):
        return
    for pc in parsed:
        for i, seg in enumerate(pc.segments):
            if seg.role == "shared" and seg.names:
                first, rest = seg.names[0], seg.names[1:]
                pc.segments[i : i + 1] = [
                    Segment("lead", [first], seg.start, first.end),
                    *([Segment("shared", rest, rest[0].start, seg.end)] if rest else []),
                ]
                return


def _moved(pc: ParsedClause, at: list[int]) -> ParsedClause:
    """A clause read from a cell's joined text, its offsets put back into the document."""

    def start(i: int) -> int:
        return at[min(i, len(at) - 1)] if at else i

    def end(i: int) -> int:
        return at[i - 1] + 1 if at and i > 0 else start(i)

    pc.start, pc.end = start(pc.start), end(pc.end)
    pc.unparsed = [(start(s), end(e), text) for s, e, text in pc.unparsed]
    for seg in pc.segments:
        seg.start, seg.end = start(seg.start), end(seg.end)
        for n in seg.names:
            n.start, n.end = start(n.start), end(n.end)
    return pc


def _lift_closing_clause(task: Task) -> None:
    """①… ②… ③… then a clause on a line of its own: the clause answers for the whole item
    (a single item under a heading answers for itself)."""
    if len(task.children) < 2 or task.responsibilities:
        return
    if not all(c.marker and "\u2460" <= c.marker[0] <= "\u2473" for c in task.children):
        return  # 1. 2. then 协同单位：… belongs to item 2
    *others, last = task.children
    if last.children or any(t.responsibilities for o in others for t in o.walk()):
        return
    if last.clauses and all(c.own_line for c in last.clauses):
        task.clauses, last.clauses = last.clauses, []
        task.deadline = task.deadline or next((c.deadline for c in task.clauses if c.deadline), None)
        task.deadline_year = task.deadline_year or _year(task.deadline)
        task.due = task.due or read_due(task.deadline)


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


def _clean(text: str) -> str:
    return "\n".join(line.strip(" \t\u3000") for line in text.strip().split("\n") if line.strip(" \t\u3000"))


def _without(raw: str, offset: int, clauses: list[ParsedClause]) -> str:
    out = raw
    for c in sorted(clauses, key=lambda c: -c.start):
        s, e = c.start - offset, c.end - offset
        out = out[:s] + out[e:]
    return out


def _first_sentence(line: str) -> tuple[str, str]:
    """Title = first sentence of the heading line; returns (title, the rest of the line)."""
    line = line.strip()
    for i, ch in outside_brackets(line):
        if ch in "。！？":
            return _squeeze(line[:i]), line[i + 1 :].strip()
    return _squeeze(line.rstrip("；：;:，")), ""


def _squeeze(title: str) -> str:
    """总　则 → 总则: spaces that justify a short heading are not part of it."""
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", "", title.strip())
