"""Read the graph back into plain records, in document order, for exports and views.

Exports, terminal tables and maps all need "every task with its agencies by role"; this is
the one place that walks the graph for it, so they agree with each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from kg.lexicon.words import LEVEL_PREFIXES
from kg.ns import KG
from kg.vocab import ROLE_KEYS, ROLE_OF_CONCEPT, ROLES


@dataclass
class TargetFacts:
    text: str
    object: str | None
    quantity: float | int | None
    min: float | int | None
    max: float | int | None
    unit: str
    comparator: str
    deadline_year: int | None


@dataclass
class TaskFacts:
    iri: str
    document: str
    path: str
    title: str
    text: str = ""
    clause: str = ""
    deadline: str | None = None
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    targets: list[TargetFacts] = field(default_factory=list)
    agencies: dict[str, list[str]] = field(default_factory=dict)  # role -> agency IRIs
    section: str = ""
    open: bool = False

    def to_export(self) -> dict:
        """The object ``kg export --format tasks-json`` prints for this task."""
        return {
            "document": self.document,
            "path": self.path,
            "title": self.title,
            "lead": self.lead,
            "support": self.support,
            "shared": self.shared,
            "open": self.open,
            "deadline": self.deadline,
            "places": self.places,
            "targets": [asdict(t) for t in self.targets],
        }


def in_language(term, lang: str | None) -> bool:
    """Whether ``term`` has the language tag ``lang`` (None: no tag). Tags compare without
    case, as BCP 47 says: pyoxigraph and SPARQL servers give ``zh-hans`` for ``zh-Hans``."""
    tag = getattr(term, "language", None)
    return (tag or "").lower() == (lang or "").lower()


def literal(g: Graph, s, p, lang: str | None = "zh-Hans") -> str | None:
    """One literal value, preferring ``lang``, deterministic when there are several."""
    values = sorted(g.objects(s, p), key=lambda o: (not in_language(o, lang), str(o)))
    return str(values[0]) if values else None


def short_name(g: Graph, agency) -> str:
    return literal(g, agency, KG.shortName) or literal(g, agency, SKOS.prefLabel) or str(agency)


def place_name(g: Graph, place) -> str:
    return literal(g, place, SKOS.prefLabel) or str(place)


# The level word a short name starts with, which its jurisdiction's name replaces: 省发展改革委
# of 江苏省 is 江苏省发展改革委, 市财政局 of 济南市 is 济南市财政局.
_LEVEL_WORDS = tuple(p for p, level in LEVEL_PREFIXES if level != "national")


def jurisdiction_name(g: Graph, agency) -> str:
    """The name of the government an agency belongs to (江苏省, 济南市), or "" when unknown."""
    place = g.value(URIRef(str(agency)), KG.jurisdiction)
    return place_name(g, place) if place is not None else ""


def without_level(short: str) -> str:
    """省科技厅 → 科技厅, 市科技局 → 科技局: the function a short name names, without whose it is."""
    level = next((w for w in _LEVEL_WORDS if short.startswith(w) and len(short) > len(w) + 1), "")
    return short[len(level) :]


def qualified_name(g: Graph, agency) -> str:
    """The short name that carries its place: 省发展改革委 → 江苏省发展改革委 (a form the resolver
    takes); a short name without a level word (青岛市政府, 国家发展改革委) is already unique."""
    short = short_name(g, agency)
    place = jurisdiction_name(g, agency)
    level = next((w for w in _LEVEL_WORDS if short.startswith(w)), None)
    if not place or level is None or short.startswith(place) or not place.endswith(level):
        return short
    return place + short[len(level) :]


def document_label(g: Graph, doc) -> str:
    """Its 文号, else the short label the graph gives it (issuer, year, first words of the title)."""
    return (
        literal(g, doc, DCTERMS.identifier)
        or literal(g, doc, RDFS.label)
        or literal(g, doc, DCTERMS.title)
        or literal(g, doc, KG.sourceFile)
        or str(doc)
    )


def _distinct_name(g: Graph, agency: URIRef) -> str:
    qualified = qualified_name(g, agency)
    return (
        qualified
        if qualified != short_name(g, agency)
        else (literal(g, agency, SKOS.prefLabel) or str(agency))
    )


def iris(nodes: Iterable[Node | None]) -> list[URIRef]:
    """The IRIs among ``nodes``: every node kg writes is an IRI, never a blank node or literal."""
    return [n for n in nodes if isinstance(n, URIRef)]


def number(value: Node | None) -> int:
    """An integer literal (kg:position) as an int; 0 when there is none."""
    return int(str(value)) if value is not None else 0


def documents(g: Graph) -> list[URIRef]:
    """Documents sorted by date, then identifier, then IRI."""
    docs = iris(g.subjects(RDF.type, KG.PolicyDocument))
    return sorted(
        docs, key=lambda d: (literal(g, d, DCTERMS.issued) or "", _natural(document_label(g, d)), str(d))
    )


def _natural(text: str) -> list:
    """〔2030〕2号 before 〔2030〕10号."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def ordered_parts(g: Graph, node) -> list[URIRef]:
    parts = iris(g.objects(node, DCTERMS.hasPart))
    return sorted(parts, key=lambda p: (number(g.value(p, KG.position)), str(p)))


def section_of(g: Graph, node: URIRef) -> URIRef | None:
    """The section a task belongs to, however deep it stands (its first parent at each step)."""
    seen: set[URIRef] = set()
    current: URIRef | None = node
    while current is not None and current not in seen:
        seen.add(current)
        if (current, RDF.type, KG.Section) in g:
            return current
        parents = sorted(iris(g.subjects(DCTERMS.hasPart, current)))
        current = parents[0] if parents else None
    return None


def task_iris(g: Graph, doc=None) -> list[URIRef]:
    """Tasks in document order (depth first), of one document or of all."""
    out: list[URIRef] = []

    def walk(node):
        for part in ordered_parts(g, node):
            if (part, RDF.type, KG.Task) in g:
                out.append(part)
            walk(part)

    for d in [doc] if doc is not None else documents(g):
        walk(d)
    return out


def _number(value) -> float | int | None:
    if value is None:
        return None
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def targets_of(g: Graph, holder) -> list[TargetFacts]:
    out = []
    for t in sorted(g.objects(holder, KG.target), key=_target_order):
        comparator = g.value(t, KG.comparator)
        year = g.value(t, KG.deadlineYear)
        out.append(
            TargetFacts(
                text=literal(g, t, RDFS.label) or "",
                object=literal(g, t, KG.object),
                quantity=_number(g.value(t, KG.quantity)),
                min=_number(g.value(t, KG.minQuantity)),
                max=_number(g.value(t, KG.maxQuantity)),
                unit=literal(g, t, KG.unit, None) or "",
                comparator=str(comparator).rsplit("#", 1)[-1] if comparator else "exactly",
                deadline_year=int(str(year)) if year is not None else None,
            )
        )
    return out


def _target_order(t) -> tuple:
    s = str(t)
    head, _, n = s.rpartition("/")
    return (head, int(n) if n.isdigit() else 0)


def responsibilities(g: Graph, task) -> list[tuple[str, URIRef, int, bool]]:
    """(role, agency, position, open) of a task, in clause order."""
    out = []
    for r in g.objects(task, KG.responsibility):
        role = g.value(r, KG.role)
        concept = ROLE_OF_CONCEPT.get(role) if isinstance(role, URIRef) else None
        agency = g.value(r, KG.agency)
        if concept and isinstance(agency, URIRef):
            pos = number(g.value(r, KG.position))
            is_open = str(g.value(r, KG.openList)).lower() == "true"
            out.append((concept.key, agency, pos, is_open))
    return sorted(out, key=lambda x: (x[2], x[0], str(x[1])))


def task_facts(g: Graph, task, doc=None) -> TaskFacts:
    doc = doc if doc is not None else g.value(task, KG.inDocument)
    facts = TaskFacts(
        iri=str(task),
        document=document_label(g, doc) if doc is not None else "",
        path=literal(g, task, KG.path, None) or "",
        title=literal(g, task, DCTERMS.title) or "",
        text=literal(g, task, KG.text) or "",
        clause="；".join(sorted(str(c) for c in g.objects(task, KG.clauseText))),
        deadline=literal(g, task, KG.deadlineText),
    )
    facts.agencies = {role: [] for role in ROLE_KEYS}
    for role, agency, _, is_open in responsibilities(g, task):
        getattr(facts, role).append(short_name(g, agency))
        facts.agencies[role].append(str(agency))
        facts.open = facts.open or is_open
    places = sorted(set(g.objects(task, KG.mentionsPlace)), key=lambda p: str(p))
    facts.places = [place_name(g, p) for p in places]
    facts.targets = targets_of(g, task)
    return facts


def tasks(g: Graph) -> list[TaskFacts]:
    """Every task of every document, in document order."""
    out = []
    for doc in documents(g):
        for t in task_iris(g, doc):
            out.append(task_facts(g, t, doc))
    return out


@dataclass
class Workload:
    """One agency's load across the graph: how many tasks it leads, supports and shares."""

    iri: str
    name: str  # kg:shortName, as documents write it
    full_name: str  # skos:prefLabel @zh-Hans (the official name where the gazetteer knows it)
    collective: bool
    lead: int
    support: int
    shared: int
    tasks: int  # distinct tasks it has any role in

    @property
    def total(self) -> int:
        return self.lead + self.support + self.shared


def workload(g: Graph) -> list[Workload]:
    """Every agency with at least one role, heaviest first.

    Counts come from ``kg:ledBy`` / ``kg:supportedBy`` / ``kg:sharedBy`` (one triple per task,
    agency and role), so an agency named twice in one clause counts once per role.
    Ranking rule, shared by ``kg agencies``, the workload chart and the matrix rows:
    total (lead + support + shared) descending, then short name, then IRI.
    """
    counts: dict[URIRef, dict[str, set]] = {}
    for role in ROLES:
        for task, agency in g.subject_objects(role.task_property):
            if (task, RDF.type, KG.Task) in g and isinstance(agency, URIRef):
                counts.setdefault(agency, {r: set() for r in ROLE_KEYS})[role.key].add(task)
    out = [
        Workload(
            iri=str(a),
            name=short_name(g, a),
            full_name=literal(g, a, SKOS.prefLabel) or short_name(g, a),
            collective=(a, RDF.type, KG.CollectiveAgency) in g,
            lead=len(c["lead"]),
            support=len(c["support"]),
            shared=len(c["shared"]),
            tasks=len(c["lead"] | c["support"] | c["shared"]),
        )
        for a, c in counts.items()
    ]
    return sorted(out, key=lambda w: (-w.total, w.name, w.iri))


def agency_labels(g: Graph, agencies, shared: frozenset[str] = frozenset()) -> dict[str, str]:
    """A display name per agency IRI: the short name, or where two agencies of the set share a
    short name (省商务厅 of two provinces) the name that carries its place (江苏省商务厅), else the
    full name. ``shared``: short names known to be shared beyond the set (in a store, when
    ``g`` holds only the part an answer reads)."""
    short = {str(a): short_name(g, URIRef(str(a))) for a in agencies}
    seen: dict[str, int] = {}
    for name in short.values():
        seen[name] = seen.get(name, 0) + 1
    return {
        iri: name if seen[name] == 1 and name not in shared else _distinct_name(g, URIRef(iri))
        for iri, name in short.items()
    }
