"""Researchers' questions answered from the graph: the functions behind ``kg leads``,
``kg agency``, ``kg task`` and ``kg agencies`` (``kg query`` is :mod:`kg.library`).

They read the graph through :mod:`kg.facts`, like the exports and maps, so every view agrees,
and return plain dataclasses in document order that :mod:`kg.tables` prints as a table, JSON
or CSV.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from decimal import Decimal

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from kg.graph import facts
from kg.graph.load import GraphLike, as_graph
from kg.ns import KG
from kg.query import onstore
from kg.query.library import local_name
from kg.query.records import (
    ANSWER_ORDER,
    OTHERS,
    TASK_COLUMNS,
    AgencyCount,
    AgencyInfo,
    AgencyList,
    Leads,
    TaskRow,
)
from kg.query.resolve import resolve_agency, resolve_task
from kg.query.tables import DataFrameRows, Fields, RoleCounts, Table

# ---------------------------------------------------------------------------------------------
# Records


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
class TargetRow(facts.TargetFacts):
    """A quantified target of a task the agency leads or shares: the target, and where it is."""

    document: str = ""
    path: str = ""
    role: str = ""


@dataclass
class AgencyProfile(DataFrameRows):
    """``kg agency``: counts by role, tasks, partners, places and the targets it answers for."""

    agency: AgencyInfo
    counts: dict[str, int]
    tasks: list[TaskRow]
    partners: list[Partner]
    places: list[PlaceTasks]
    targets: list[TargetRow]

    def to_json(self) -> dict:
        return {
            "agency": asdict(self.agency),
            "counts": self.counts,
            "tasks": [asdict(t) for t in self.tasks],
            "partners": [asdict(p) for p in self.partners],
            "places": [asdict(p) for p in self.places],
            "targets": [asdict(t) for t in self.targets],
        }

    def blocks(self) -> list[Fields | Table]:
        c = self.counts
        summary = RoleCounts({r: c[r] for r in ANSWER_ORDER}, c["tasks"])
        return [
            Fields([(None, self.agency.heading()), (None, summary)]),
            Table(TASK_COLUMNS, [asdict(t) for t in self.tasks], title=f"Tasks ({len(self.tasks)})"),
            Table(
                ["name", "tasks", "paths"],
                [asdict(p) for p in self.partners],
                title=f"Partners, by tasks together ({len(self.partners)})",
                headers={"name": "partner"},
            ),
            Table(
                ["place", "paths"],
                [asdict(p) for p in self.places],
                title=f"Places its tasks name ({len(self.places)})",
            ),
            Table(
                ["path", "role", "text", "object", "deadline_year"],
                [asdict(t) for t in self.targets],
                title=f"Targets it answers for, as lead or sharer ({len(self.targets)})",
                headers={"text": "target", "deadline_year": "deadline"},
            ),
        ]


@dataclass
class TaskAgency:
    position: int
    role: str
    name: str
    full_name: str
    open: bool
    iri: str


@dataclass
class TaskDetail(DataFrameRows):
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
        where = f"line {s['line']}, column {s['column']} (characters {s['start']}–{s['end']})" if s else ""
        return [
            Fields(
                [
                    ("document", self.document),
                    ("section", self.section),
                    ("clause", self.clause),
                    ("places", self.places),
                    ("deadline", self.deadline),
                    ("source", where),
                    ("text", self.text),
                ],
                title=f"{self.path} {self.title}",
            ),
            Table(
                ["position", "role", "name", "full_name", "open"],
                [asdict(a) for a in self.agencies],
                title=f"Agencies ({len(self.agencies)})",
                headers={
                    "position": "#",
                    "name": "agency",
                    "full_name": "full name",
                    "open": "open list (等)",
                },
            ),
            Table(
                ["text", "object", "deadline_year"],
                self.targets,
                title=f"Targets ({len(self.targets)})",
                headers={"text": "target", "deadline_year": "deadline"},
            ),
        ]


# ---------------------------------------------------------------------------------------------
# The commands' functions


def leads(graph: GraphLike, agency: str) -> Leads:
    """What ``agency`` (a name as :func:`~kg.resolve.resolve_agency` takes it) leads, shares and
    supports: leads first, then shares, then supports, each in document order. On a store it
    reads the store with pyoxigraph alone (:func:`kg.query.onstore.leads`)."""
    if onstore.inner_store(graph) is not None:
        return onstore.leads(graph, agency)
    g = as_graph(graph)
    if onstore.inner_store(g) is not None:  # the default store, or an rdflib graph reading a store
        return onstore.leads(g, agency)
    iri = resolve_agency(g, agency)
    return Leads(agency_info(g, iri), _task_rows(facts.tasks(g), str(iri), _names(g)))


def agency(graph: GraphLike, agency: str) -> AgencyProfile:
    """Everything about one agency: counts by role, its tasks, its partners ranked by tasks
    together, the places its tasks name and the targets it answers for (as lead or sharer).
    On a store it reads the store with pyoxigraph's queries (:func:`_profile_on_store`)."""
    if onstore.inner_store(graph) is not None:
        return _profile_on_store(graph, agency)
    g = as_graph(graph)
    if onstore.inner_store(g) is not None:  # the default store, or an rdflib graph reading a store
        return _profile_on_store(g, agency)
    iri = str(resolve_agency(g, agency))
    tasks = facts.tasks(g)
    multi = len(set(g.subjects(RDF.type, KG.PolicyDocument))) > 1
    mine = [t for t in tasks if any(iri in t.agencies[r] for r in ANSWER_ORDER)]
    names = _names(g)
    rows = _task_rows(tasks, iri, names)
    roles = Counter(r.role for r in rows)
    counts = {**{role: roles.get(role, 0) for role in ANSWER_ORDER}, "tasks": len(mine)}
    return AgencyProfile(
        agency_info(g, URIRef(iri)),
        counts,
        rows,
        _partners(g, mine, iri, multi, names),
        _places(g, mine, multi),
        _targets(mine, iri),
    )


def task(graph: GraphLike, path: str, document: str | None = None) -> TaskDetail:
    """One task in full: title, text, clause, every agency with its role, places, targets and
    source span. ``document`` picks the document when several have the path."""
    g = as_graph(graph)
    iri = resolve_task(g, path, document)
    f = facts.task_facts(g, iri)
    agencies = [
        TaskAgency(
            pos,
            role,
            facts.short_name(g, a),
            facts.literal(g, a, SKOS.prefLabel) or facts.short_name(g, a),
            is_open,
            str(a),
        )
        for role, a, pos, is_open in facts.responsibilities(g, iri)
    ]
    return TaskDetail(
        str(iri),
        f.document,
        f.path,
        f.title,
        _section_label(g, iri),
        f.text,
        f.clause,
        f.deadline,
        agencies,
        f.places,
        [asdict(t) for t in f.targets],
        _span(g, g.value(iri, KG.source)),
    )


def agencies(graph: GraphLike) -> AgencyList:
    """Every agency named in a task with its lead, support and shared counts, ranked like the
    workload chart and the matrix (:func:`kg.facts.workload`): by lead + support + shared,
    then short name. On a store it reads the store with pyoxigraph alone."""
    if onstore.inner_store(graph) is not None:
        return onstore.agencies(graph)
    g = as_graph(graph)
    if onstore.inner_store(g) is not None:  # the default store, or an rdflib graph reading a store
        return onstore.agencies(g)
    loads = facts.workload(g)
    labels = facts.agency_labels(g, [w.iri for w in loads])
    rows = []
    for rank, w in enumerate(loads, 1):
        kind = g.value(URIRef(w.iri), KG.kind)
        rows.append(
            AgencyCount(
                rank,
                w.name,
                labels[w.iri],
                w.full_name,
                local_name(kind) if kind is not None else None,
                w.collective,
                w.lead,
                w.support,
                w.shared,
                w.tasks,
                w.iri,
                facts.jurisdiction_name(g, w.iri),
            )
        )
    return AgencyList(rows, multi_jurisdiction(g))


def _profile_on_store(graph: GraphLike, agency: str) -> AgencyProfile:
    """:func:`agency` on a store: its tasks and the names they need by the queries of
    :mod:`kg.query.onstore`, their places and targets by a few more, no graph drawn into
    memory."""
    store = onstore.inner_store(graph)
    assert store is not None
    found = onstore.agency_tasks(store, agency)
    iri, names, labels, rows = found.iri, found.names, found.labels, found.rows
    mine = [t for t in found.tasks if any(iri in t.agencies[r] for r in ANSWER_ORDER)]
    multi = onstore.documents(store) > 1
    ref = {t.iri: f"{t.document} {t.path}" if multi else t.path for t in mine}
    together: dict[str, list[str]] = defaultdict(list)
    for t in mine:
        for a in {a for r in ANSWER_ORDER for a in t.agencies[r]} - {iri}:
            together[a].append(ref[t.iri])
    partners = sorted(
        (Partner(labels.get(a, names.short(a)), len(paths), paths, a) for a, paths in together.items()),
        key=lambda p: (-p.tasks, p.name, p.iri),
    )
    held = onstore.Props(store, ref, (str(KG.mentionsPlace), str(KG.target)))
    named: dict[str, list[str]] = defaultdict(list)
    for t in mine:
        for place in sorted({p.value for p in held.all(t.iri, str(KG.mentionsPlace))}):
            named[place].append(ref[t.iri])
    place_names = onstore.Props(store, named, (str(SKOS.prefLabel),))
    places = [
        PlaceTasks(place_names.one(p, str(SKOS.prefLabel)) or p, paths, p)
        for p, paths in sorted(named.items())
    ]
    roles = Counter(r.role for r in rows)
    counts = {**{role: roles.get(role, 0) for role in ANSWER_ORDER}, "tasks": len(mine)}
    targets = _targets_on_store(store, mine, iri, held)
    return AgencyProfile(names.info(iri), counts, rows, partners, places, targets)


def _targets_on_store(store, mine: list[onstore.StoreTask], iri: str, held: onstore.Props) -> list[TargetRow]:
    """The targets of the tasks ``iri`` leads or shares, read as :func:`kg.graph.facts.targets_of`
    reads them."""
    every = {x.value for t in mine for x in held.all(t.iri, str(KG.target))}
    label, comparator, year, unit = str(RDFS.label), str(KG.comparator), str(KG.deadlineYear), str(KG.unit)
    amounts = {k: str(getattr(KG, k)) for k in ("quantity", "minQuantity", "maxQuantity")}
    props = onstore.Props(store, every, (label, comparator, year, unit, str(KG.object), *amounts.values()))

    def amount(x: str, key: str) -> float | int | None:
        found = props.all(x, amounts[key])
        if not found:
            return None
        d = Decimal(found[0].value)
        return int(d) if d == d.to_integral_value() else float(d)

    def order(x: str) -> tuple:
        head, _, n = x.rpartition("/")
        return (head, int(n) if n.isdigit() else 0)

    rows = []
    for t in mine:
        role = next((r for r in ("lead", "shared") if iri in t.agencies[r]), None)
        if role is None:
            continue
        for x in sorted({x.value for x in held.all(t.iri, str(KG.target))}, key=order):
            kind, when = props.all(x, comparator), props.all(x, year)
            rows.append(
                TargetRow(
                    text=props.one(x, label) or "",
                    object=props.one(x, str(KG.object)),
                    quantity=amount(x, "quantity"),
                    min=amount(x, "minQuantity"),
                    max=amount(x, "maxQuantity"),
                    unit=props.one(x, unit, None) or "",
                    comparator=kind[0].value.rsplit("#", 1)[-1] if kind else "exactly",
                    deadline_year=int(when[0].value) if when else None,
                    document=t.document,
                    path=t.path,
                    role=role,
                )
            )
    return rows


# ---------------------------------------------------------------------------------------------
# Helpers


def agency_info(g: Graph, iri: URIRef) -> AgencyInfo:
    """Who an agency is, read off the graph."""
    kind = g.value(iri, KG.kind)
    return AgencyInfo(
        iri=str(iri),
        name=facts.short_name(g, iri),
        full_name=facts.literal(g, iri, SKOS.prefLabel) or facts.short_name(g, iri),
        english=_english(g, iri),
        kind=local_name(kind) if kind is not None else None,
        collective=(iri, RDF.type, KG.CollectiveAgency) in g,
    )


def multi_jurisdiction(g: Graph) -> bool:
    """Whether the graph's documents were issued by more than one government."""
    return len({g.value(d, KG.jurisdiction) for d in g.subjects(RDF.type, KG.PolicyDocument)}) > 1


def _names(g: Graph) -> dict[str, str]:
    """What an answer calls each agency: its short name, or where two agencies of the graph
    share one (省发展改革委 of Shandong and of Jiangsu) the name that carries its place."""
    return facts.agency_labels(g, sorted(set(facts.iris(g.subjects(RDF.type, KG.Agency)))))


def _task_rows(tasks: list[facts.TaskFacts], iri: str, names: dict[str, str]) -> list[TaskRow]:
    rows = []
    for role in ANSWER_ORDER:
        for t in tasks:
            if iri not in t.agencies[role]:
                continue
            others = [
                names.get(a, name)
                for r in OTHERS[role]
                for name, a in zip(getattr(t, r), t.agencies[r])
                if a != iri
            ]
            rows.append(TaskRow(t.document, t.path, t.title, role, others, t.iri))
    return rows


def _ref(t: facts.TaskFacts, multi: bool) -> str:
    return f"{t.document} {t.path}" if multi else t.path


def _partners(
    g: Graph, mine: list[facts.TaskFacts], iri: str, multi: bool, names: dict[str, str]
) -> list[Partner]:
    together: dict[str, list[str]] = defaultdict(list)
    for t in mine:
        others = {a for r in ANSWER_ORDER for a in t.agencies[r]} - {iri}
        for a in others:
            together[a].append(_ref(t, multi))
    rows = [
        Partner(names.get(a, facts.short_name(g, URIRef(a))), len(paths), paths, a)
        for a, paths in together.items()
    ]
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
            rows.append(TargetRow(**asdict(x), document=t.document, path=t.path, role=role))
    return rows


def _section_label(g: Graph, node: URIRef) -> str:
    """The section a task belongs to, however deep: "3 建立服务和融入新发展格局标准引领体系"."""
    section = facts.section_of(g, node)
    if section is None:
        return ""
    path = facts.literal(g, section, KG.path, None) or ""
    return f"{path} {facts.literal(g, section, DCTERMS.title) or ''}".strip()


def _span(g: Graph, span) -> dict | None:
    if span is None:
        return None
    values = {k: g.value(span, getattr(KG, k)) for k in ("start", "end", "line", "column")}
    return {k: int(v) if v is not None else None for k, v in values.items()}


def _english(g: Graph, iri: URIRef) -> str | None:
    for label in sorted(g.objects(iri, SKOS.prefLabel), key=str):
        if facts.in_language(label, "en"):
            return str(label)
    return None
