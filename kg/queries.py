"""Researchers' questions answered from the graph: the functions behind ``kg leads``, ``kg agency``,
``kg task``, ``kg agencies`` and ``kg query``.

The first four read the graph through :mod:`kg.facts`, like the exports and maps, so every
view agrees; they return plain dataclasses in document order. ``query`` runs a file of the
SPARQL library (``kg/queries/*.rq``, also at the top of the repository as ``queries/``) or
any ``.rq`` file. Its parameters are bound as RDF terms through rdflib's ``initBindings``,
never pasted into the query text, so a value with quotes or braces is only a value.

Each library file opens with a comment saying what it answers, its parameters and an example.
A parameter line reads ``#   ?name  type, required|optional. help``; the type says how a value
typed on the command line becomes a term: ``agency``, ``place`` and ``task`` go through
:mod:`kg.resolve` (names → IRIs), ``role`` is lead/support/shared, ``text`` is a plain literal.
Any value written ``<…>`` is an IRI. In results, terms of the kg vocabulary (``kg:lead``,
``kg:bureau``) print as their local names and numbers as numbers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from . import facts
from .errors import QueryError
from .ns import KG
from .resolve import resolve_agency, resolve_place, resolve_task
from .tables import Fields, Table

ROLE_ORDER = ("lead", "shared", "support")
ROLE_WORDS = {"lead": KG.lead, "牵头": KG.lead, "support": KG.support, "配合": KG.support,
              "shared": KG.shared, "share": KG.shared, "分工负责": KG.shared, "负责": KG.shared}
PARAM_TYPES = ("agency", "place", "task", "role", "text")
# Whose names a row of ``kg leads`` shows beside a task, by the agency's own role in it.
_OTHERS = {"lead": ("lead",), "shared": ("shared",), "support": ("lead", "shared")}
_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.decimal, XSD.double, XSD.float,
            XSD.nonNegativeInteger, XSD.positiveInteger}

GraphLike = Graph | str | Path | None


# ---------------------------------------------------------------------------------------------
# Records


@dataclass
class AgencyInfo:
    """Who an agency is, as every answer about it starts."""

    iri: str
    name: str
    full_name: str
    english: str | None
    kind: str | None
    collective: bool

    @classmethod
    def of(cls, g: Graph, iri: URIRef) -> AgencyInfo:
        kind = g.value(iri, KG.kind)
        return cls(
            iri=str(iri),
            name=facts.short_name(g, iri),
            full_name=facts.literal(g, iri, SKOS.prefLabel) or facts.short_name(g, iri),
            english=_english(g, iri),
            kind=_local(kind) if kind is not None else None,
            collective=(iri, RDF.type, KG.CollectiveAgency) in g,
        )

    def heading(self) -> str:
        names = [self.name] + [n for n in (self.full_name, self.english) if n and n != self.name]
        return " · ".join(names) + (" (collective)" if self.collective else "")


@dataclass
class TaskRow:
    """One task an agency is named in: its role there and the other agencies that matter to it
    (co-leads of a task it leads, co-sharers of one it shares, the leads or sharers of one it
    supports)."""

    document: str
    path: str
    title: str
    role: str
    others: list[str]
    iri: str


TASK_COLUMNS = ["document", "path", "title", "role", "others"]
_OTHERS_NOTE = "others: its co-leads (lead), co-sharers (shared), the leads or sharers (support)"


@dataclass
class Leads:
    """``kg leads``: what an agency leads, shares and supports."""

    agency: AgencyInfo
    tasks: list[TaskRow]

    def counts(self) -> dict[str, int]:
        c = Counter(t.role for t in self.tasks)
        return {role: c.get(role, 0) for role in ROLE_ORDER}

    def to_json(self) -> dict:
        return {"agency": asdict(self.agency), "counts": self.counts(),
                "tasks": [asdict(t) for t in self.tasks]}

    def blocks(self) -> list[Fields | Table]:
        c = self.counts()
        summary = f"leads {c['lead']} · shares {c['shared']} · supports {c['support']}"
        return [Fields([(None, self.agency.heading()), (None, summary), (None, _OTHERS_NOTE)]),
                Table(TASK_COLUMNS, [asdict(t) for t in self.tasks])]


@dataclass
class Partner:
    name: str
    tasks: int
    paths: list[str]
    iri: str


@dataclass
class PlaceTasks:
    place: str
    paths: list[str]
    iri: str


@dataclass
class TargetRow:
    """A quantified target of a task the agency leads or shares."""

    document: str
    path: str
    role: str
    target: str
    object: str | None
    quantity: float | int | None
    min: float | int | None
    max: float | int | None
    unit: str
    comparator: str
    deadline_year: int | None


@dataclass
class AgencyProfile:
    """``kg agency``: counts by role, tasks, partners, places and the targets it answers for."""

    agency: AgencyInfo
    counts: dict[str, int]
    tasks: list[TaskRow]
    partners: list[Partner]
    places: list[PlaceTasks]
    targets: list[TargetRow]

    def to_json(self) -> dict:
        return {"agency": asdict(self.agency), "counts": self.counts,
                "tasks": [asdict(t) for t in self.tasks],
                "partners": [asdict(p) for p in self.partners],
                "places": [asdict(p) for p in self.places],
                "targets": [asdict(t) for t in self.targets]}

    def blocks(self) -> list[Fields | Table]:
        c = self.counts
        summary = (f"leads {c['lead']} · shares {c['shared']} · supports {c['support']}"
                   f" · tasks {c['tasks']}")
        return [
            Fields([(None, self.agency.heading()), (None, summary)]),
            Table(TASK_COLUMNS, [asdict(t) for t in self.tasks], title=f"Tasks ({len(self.tasks)})"),
            Table(["name", "tasks", "paths"], [asdict(p) for p in self.partners],
                  title=f"Partners, by tasks together ({len(self.partners)})",
                  headers={"name": "partner"}),
            Table(["place", "paths"], [asdict(p) for p in self.places],
                  title=f"Places its tasks name ({len(self.places)})"),
            Table(["path", "role", "target", "object", "deadline_year"],
                  [asdict(t) for t in self.targets],
                  title=f"Targets it answers for, as lead or sharer ({len(self.targets)})",
                  headers={"deadline_year": "deadline"}),
        ]


@dataclass
class AgencyCount:
    rank: int
    name: str
    label: str  # the short name, or the full name where two agencies share it (two 省商务厅)
    full_name: str
    kind: str | None
    collective: bool
    lead: int
    support: int
    shared: int
    tasks: int
    iri: str


@dataclass
class AgencyList:
    """``kg agencies``: every agency named in a task, heaviest first."""

    agencies: list[AgencyCount]

    def to_json(self) -> dict:
        return {"agencies": [asdict(a) for a in self.agencies]}

    def blocks(self) -> list[Fields | Table]:
        return [Table(["rank", "label", "kind", "lead", "support", "shared", "tasks"],
                      [asdict(a) for a in self.agencies], headers={"rank": "#", "label": "agency"})]


@dataclass
class TaskAgency:
    position: int
    role: str
    name: str
    full_name: str
    open: bool
    iri: str


@dataclass
class TaskDetail:
    """``kg task``: one task in full, with where it stands in the original text."""

    iri: str
    document: str
    path: str
    title: str
    section: str
    text: str
    clause: str
    deadline: str | None
    agencies: list[TaskAgency]
    places: list[str]
    targets: list[dict]
    source: dict | None

    def to_json(self) -> dict:
        return asdict(self)

    def blocks(self) -> list[Fields | Table]:
        s = self.source
        where = (f"line {s['line']}, column {s['column']} (characters {s['start']}–{s['end']})"
                 if s else "")
        return [
            Fields([("document", self.document), ("section", self.section),
                    ("clause", self.clause), ("places", self.places),
                    ("deadline", self.deadline), ("source", where), ("text", self.text)],
                   title=f"{self.path} {self.title}"),
            Table(["position", "role", "name", "full_name", "open"],
                  [asdict(a) for a in self.agencies],
                  title=f"Agencies ({len(self.agencies)})",
                  headers={"position": "#", "name": "agency", "full_name": "full name",
                           "open": "open list (等)"}),
            Table(["text", "object", "deadline_year"], self.targets,
                  title=f"Targets ({len(self.targets)})",
                  headers={"text": "target", "deadline_year": "deadline"}),
        ]


@dataclass
class QueryResult:
    """``kg query``: the rows of a SPARQL query, every row with every column."""

    query: str
    params: dict[str, str]
    columns: list[str]
    rows: list[dict[str, Any]]

    def to_json(self) -> dict:
        return {"query": self.query, "params": self.params, "columns": self.columns,
                "rows": self.rows}

    def blocks(self) -> list[Fields | Table]:
        return [Table(self.columns, self.rows)]


# ---------------------------------------------------------------------------------------------
# The commands' functions


def leads(graph: GraphLike, agency: str) -> Leads:
    """What ``agency`` (a name as :func:`~kg.resolve.resolve_agency` takes it) leads, shares and
    supports: leads first, then shares, then supports, each in document order."""
    g = _graph(graph)
    iri = resolve_agency(g, agency)
    return Leads(AgencyInfo.of(g, iri), _task_rows(facts.tasks(g), str(iri)))


def agency(graph: GraphLike, agency: str) -> AgencyProfile:
    """Everything about one agency: counts by role, its tasks, its partners ranked by tasks
    together, the places its tasks name and the targets it answers for (as lead or sharer)."""
    g = _graph(graph)
    iri = str(resolve_agency(g, agency))
    tasks = facts.tasks(g)
    multi = len({t.document for t in tasks}) > 1
    mine = [t for t in tasks if any(iri in t.agencies[r] for r in ROLE_ORDER)]
    rows = _task_rows(tasks, iri)
    roles = Counter(r.role for r in rows)
    counts = {**{role: roles.get(role, 0) for role in ROLE_ORDER}, "tasks": len(mine)}
    return AgencyProfile(AgencyInfo.of(g, URIRef(iri)), counts, rows, _partners(g, mine, iri, multi),
                         _places(g, mine, multi), _targets(mine, iri))


def task(graph: GraphLike, path: str, document: str | None = None) -> TaskDetail:
    """One task in full: title, text, clause, every agency with its role, places, targets and
    source span. ``document`` picks the document when several have the path."""
    g = _graph(graph)
    iri = resolve_task(g, path, document)
    f = facts.task_facts(g, iri)
    agencies = [TaskAgency(pos, role, facts.short_name(g, a),
                           facts.literal(g, a, SKOS.prefLabel) or facts.short_name(g, a),
                           is_open, str(a))
                for role, a, pos, is_open in facts.responsibilities(g, iri)]
    return TaskDetail(str(iri), f.document, f.path, f.title, _section_label(g, iri), f.text,
                      f.clause, f.deadline, agencies, f.places, [asdict(t) for t in f.targets],
                      _span(g, g.value(iri, KG.source)))


def agencies(graph: GraphLike) -> AgencyList:
    """Every agency named in a task with its lead, support and shared counts, ranked like the
    workload chart and the matrix (:func:`kg.facts.workload`): by lead + support + shared,
    then short name."""
    g = _graph(graph)
    loads = facts.workload(g)
    labels = facts.agency_labels(g, [w.iri for w in loads])
    rows = []
    for rank, w in enumerate(loads, 1):
        kind = g.value(URIRef(w.iri), KG.kind)
        rows.append(AgencyCount(rank, w.name, labels[w.iri], w.full_name,
                                _local(kind) if kind is not None else None, w.collective,
                                w.lead, w.support, w.shared, w.tasks, w.iri))
    return AgencyList(rows)


def query(graph: GraphLike, query: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a library query by name (``leads``) or a ``.rq`` file, with ``params`` bound as terms.

    :raises QueryError: unknown query, invalid SPARQL, unknown or missing parameter.
    :raises UnknownAgency: (and the other resolver errors) a name that matches nothing.
    """
    g = _graph(graph)
    q = load_query(query)
    bindings = bind(g, q, params or {})
    try:
        result = g.query(q.text, initBindings=bindings)
        rows = list(result) if result.type == "SELECT" else []  # rdflib evaluates lazily
    except Exception as e:  # rdflib raises parser and evaluation errors of many types
        raise QueryError(f"query {q.name} failed: {type(e).__name__}: {e}") from None
    return _result(q.name, bindings, result, rows)


# ---------------------------------------------------------------------------------------------
# The query library


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file and what its opening comment declares."""

    name: str
    text: str
    summary: str  # the first sentence of the opening comment
    description: str  # its first paragraph
    params: tuple[Param, ...] = ()
    example: str | None = None
    declared: bool = False  # the comment has a "Parameters:" section


@dataclass
class QueryLibrary:
    """``kg query`` without a name: the named queries, their parameters and what they answer."""

    queries: list[NamedQuery] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"queries": [{"name": q.name, "description": q.description, "example": q.example,
                             "params": [asdict(p) for p in q.params]} for q in self.queries]}

    def blocks(self) -> list[Fields | Table]:
        rows = [{"name": q.name, "params": ", ".join(_param_usage(p) for p in q.params),
                 "summary": q.summary} for q in self.queries]
        return [Table(["name", "params", "summary"], rows, headers={"name": "query"})]


_PARAM_LINE = re.compile(r"^#\s+[?$](\w+)\s+(\w+),\s*(required|optional)\.?\s*(.*)$")


def library_path() -> Path:
    """The folder of the named queries, installed as package data."""
    return Path(str(resources.files("kg").joinpath("queries")))


def query_library() -> QueryLibrary:
    return QueryLibrary([load_query(p.stem) for p in sorted(library_path().glob("*.rq"))])


def load_query(query: str | Path) -> NamedQuery:
    """A named query of the library, or a ``.rq`` file (a path, or anything ending in .rq)."""
    name = str(query)
    named = library_path() / f"{name}.rq"
    if re.fullmatch(r"[\w-]+", name) and named.is_file():
        path = named
    elif name.endswith(".rq") or "/" in name:
        path = Path(name)
        if not path.is_file():
            raise QueryError(f"{name}: no such query file")
    else:
        known = sorted(p.stem for p in library_path().glob("*.rq"))
        raise QueryError(f"no query called {name!r}; named queries: {', '.join(known)}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read ({e})") from None
    return _parse_header(path.stem if path == named else str(path), text)


def bind(g: Graph, q: NamedQuery, params: Mapping[str, str]) -> dict[str, Any]:
    """The initBindings for ``params`` (name → value as typed): names resolved to IRIs where the
    query declares an agency, place or task; never text for the query string."""
    declared = {p.name: p for p in q.params}
    body = "\n".join(line for line in q.text.splitlines() if not line.lstrip().startswith("#"))
    out: dict[str, Any] = {}
    for key, value in params.items():
        if not re.fullmatch(r"\w+", key):
            raise QueryError(f"bad parameter name {key!r}: use letters, digits and _")
        if q.declared and key not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise QueryError(f"query {q.name} has no parameter {key!r} (it takes: {takes})")
        if not q.declared and not re.search(rf"[?$]{key}\b", body):
            raise QueryError(f"query {q.name} has no variable ?{key}")
        out[key] = _term(g, declared.get(key), value)
    missing = [p for p in q.params if p.required and p.name not in params]
    if missing:
        p = missing[0]
        raise QueryError(f"query {q.name} needs --param {p.name}=… ({p.type}: {p.help})")
    return out


def _parse_header(name: str, text: str) -> NamedQuery:
    comment: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment.append(line)
    summary_lines: list[str] = []
    for line in comment:
        body = line.lstrip("#").strip()
        if not body:
            break
        summary_lines.append(body)
    description = re.sub(rf"^{re.escape(Path(name).stem)}:\s*", "", " ".join(summary_lines))
    summary = re.split(r"(?<=\.)\s", description, maxsplit=1)[0]
    params = tuple(Param(m[1], m[2], m[3] == "required", m[4].strip())
                   for m in (_PARAM_LINE.match(line) for line in comment) if m)
    for p in params:
        if p.type not in PARAM_TYPES:
            raise QueryError(f"{name}: parameter ?{p.name} has unknown type {p.type!r} "
                             f"(use {', '.join(PARAM_TYPES)})")
    example = next((line.split(":", 1)[1].strip() for line in comment
                    if line.lstrip("# ").startswith("Example:")), None)
    declared = any(line.lstrip("# ").startswith("Parameters:") for line in comment)
    return NamedQuery(name, text, summary, description, params, example, declared)


def _param_usage(p: Param) -> str:
    return f"{p.name}={p.type}" if p.required else f"[{p.name}={p.type}]"


def _term(g: Graph, param: Param | None, value: str):
    kind = param.type if param else "text"
    if kind == "agency":
        return resolve_agency(g, value)
    if kind == "place":
        return resolve_place(g, value)
    if kind == "task":
        return resolve_task(g, value)
    if kind == "role":
        role = ROLE_WORDS.get(value.strip().lower())
        if role is None:
            raise QueryError(f"{value!r} is not a role: use lead, support or shared")
        return role
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        if not re.fullmatch(r"<[^<>\"{}|^`\\\s]+>", v):
            raise QueryError(f"{value!r} is not an IRI")
        return URIRef(v[1:-1])
    return Literal(value)


def _result(name: str, bindings: Mapping[str, Any], result, rows: list) -> QueryResult:
    params = {k: str(v) for k, v in bindings.items()}
    if result.type == "ASK":
        return QueryResult(name, params, ["answer"], [{"answer": bool(result.askAnswer)}])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        cols = ["subject", "predicate", "object"]
        triples = sorted(result.graph, key=lambda t: tuple(str(x) for x in t))
        return QueryResult(name, params, cols, [dict(zip(cols, map(_value, t))) for t in triples])
    cols = [str(v) for v in result.vars]
    return QueryResult(name, params, cols, [dict(zip(cols, map(_value, row))) for row in rows])


def _value(term) -> Any:
    """A term as plain data: numbers as numbers, kg terms by local name, the rest as text."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return _local(term) if str(term).startswith(str(KG._NS)) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.datatype == XSD.boolean:
            return str(term).strip().lower() in ("true", "1")
        if term.datatype in _NUMERIC:
            try:
                d = Decimal(str(term))
            except ArithmeticError:
                return str(term)
            return int(d) if d == d.to_integral_value() else float(d)
    return str(term)


# ---------------------------------------------------------------------------------------------
# Helpers


def _graph(graph: GraphLike) -> Graph:
    if isinstance(graph, Graph):
        return graph
    from .build import resolve_graph

    return resolve_graph(graph)


def _task_rows(tasks: list[facts.TaskFacts], iri: str) -> list[TaskRow]:
    rows = []
    for role in ROLE_ORDER:
        for t in tasks:
            if iri not in t.agencies[role]:
                continue
            others = [name for r in _OTHERS[role]
                      for name, a in zip(getattr(t, r), t.agencies[r]) if a != iri]
            rows.append(TaskRow(t.document, t.path, t.title, role, others, t.iri))
    return rows


def _ref(t: facts.TaskFacts, multi: bool) -> str:
    return f"{t.document} {t.path}" if multi else t.path


def _partners(g: Graph, mine: list[facts.TaskFacts], iri: str, multi: bool) -> list[Partner]:
    together: dict[str, list[str]] = defaultdict(list)
    for t in mine:
        others = {a for r in ROLE_ORDER for a in t.agencies[r]} - {iri}
        for a in others:
            together[a].append(_ref(t, multi))
    rows = [Partner(facts.short_name(g, URIRef(a)), len(paths), paths, a)
            for a, paths in together.items()]
    return sorted(rows, key=lambda p: (-p.tasks, p.name, p.iri))


def _places(g: Graph, mine: list[facts.TaskFacts], multi: bool) -> list[PlaceTasks]:
    named: dict[str, list[str]] = defaultdict(list)
    for t in mine:
        for p in sorted({str(p) for p in g.objects(URIRef(t.iri), KG.mentionsPlace)}):
            named[p].append(_ref(t, multi))
    return [PlaceTasks(facts.place_name(g, URIRef(p)), paths, p) for p, paths in sorted(named.items())]


def _targets(mine: list[facts.TaskFacts], iri: str) -> list[TargetRow]:
    rows = []
    for t in mine:
        role = next((r for r in ("lead", "shared") if iri in t.agencies[r]), None)
        if role is None:
            continue
        for x in t.targets:
            rows.append(TargetRow(t.document, t.path, role, x.text, x.object, x.quantity, x.min,
                                  x.max, x.unit, x.comparator, x.deadline_year))
    return rows


def _section_label(g: Graph, node: URIRef) -> str:
    """The section a task belongs to, however deep: "3 建立服务和融入新发展格局标准引领体系"."""
    seen = set()
    while node is not None and node not in seen and (node, RDF.type, KG.Section) not in g:
        seen.add(node)
        node = next(iter(sorted(g.subjects(DCTERMS.hasPart, node))), None)
    if node is None or (node, RDF.type, KG.Section) not in g:
        return ""
    path = facts.literal(g, node, KG.path, None) or ""
    return f"{path} {facts.literal(g, node, DCTERMS.title) or ''}".strip()


def _span(g: Graph, span) -> dict | None:
    if span is None:
        return None
    values = {k: g.value(span, getattr(KG, k)) for k in ("start", "end", "line", "column")}
    return {k: int(v) if v is not None else None for k, v in values.items()}


def _english(g: Graph, iri: URIRef) -> str | None:
    for label in sorted(g.objects(iri, SKOS.prefLabel), key=str):
        if getattr(label, "language", None) == "en":
            return str(label)
    return None


def _local(term) -> str:
    s = str(term)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]


__all__ = ["AgencyInfo", "AgencyList", "AgencyProfile", "Leads", "NamedQuery", "QueryLibrary",
           "QueryResult", "TaskDetail", "agencies", "agency", "bind", "leads", "library_path",
           "load_query", "query", "query_library", "task"]
