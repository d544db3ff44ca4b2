"""Answers read straight off a store: ``kg leads`` and ``kg agencies`` (and the tasks, names
and targets ``kg agency`` starts from) as a few SPARQL queries run by pyoxigraph on the store's
indexes, their rows made into the records of :mod:`kg.query.records` without rdflib; and
``kg query`` on a store (:func:`run`), its terms made into values the same way.

Why: at 1,000 documents, drawing an agency's part of the store into an rdflib graph (a
CONSTRUCT of ~5,600 triples, parsed again) and asking which short names the whole store shares
(a GROUP BY over every agency) took a second; rdflib's import alone costs a command a few
hundred milliseconds. Here every query starts from bound terms (the agency, its tasks, the
names it meets), and which names are shared is looked up name by name in the index, so the
store answers from its indexes whatever its size.

Every document's graph repeats the description of each agency it names, and pyoxigraph 0.5
reads such a triple once per graph in the union (oxigraph#1919): each query here asks for
DISTINCT rows, so an agency named by 300 documents is read once.

The rules are those of the rdflib walk (:mod:`kg.graph.facts`, :mod:`kg.query.answers`):
which literal is an agency's name, how documents and their tasks are ordered, when a short
name must carry its place. ``tests/query/test_onstore.py`` holds the two paths to the same
rows on the bundled document and the style fixtures.
"""

from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from kg.errors import AmbiguousAgency, UnknownAgency
from kg.lexicon.words import LEVEL_PREFIXES
from kg.output import shown
from kg.query.matching import Entry, agency_entry, iri_text, name_key, resolve_name
from kg.query.records import ANSWER_ORDER, OTHERS, AgencyCount, AgencyInfo, AgencyList, Leads, TaskRow
from kg.vocab import KG_NAMESPACE, ROLES

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCTERMS = "http://purl.org/dc/terms/"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PREFIXES = f"""PREFIX kg: <{KG_NAMESPACE}>
PREFIX skos: <{_SKOS}>
PREFIX dcterms: <{_DCTERMS}>
PREFIX rdfs: <{_RDFS}>
"""
_TYPE, _SHORT, _PREF, _ALT = (
    f"{_RDF}type",
    f"{KG_NAMESPACE}shortName",
    f"{_SKOS}prefLabel",
    f"{_SKOS}altLabel",
)
_KIND, _JURISDICTION = f"{KG_NAMESPACE}kind", f"{KG_NAMESPACE}jurisdiction"
_COLLECTIVE = f"{KG_NAMESPACE}CollectiveAgency"
_ROLE_OF = {KG_NAMESPACE + r.key: r.key for r in ROLES}  # kg:lead → lead
_LEVEL_WORDS = tuple(p for p, level in LEVEL_PREFIXES if level != "national")  # as kg.graph.facts

# What kg.graph.store names (kept here so that opening a store to read it loads no rdflib;
# tests/query/test_onstore.py holds them equal).
STORE_ENV, DEFAULT_STORE, MARK = "KG_STORE", "kg-store", "kg-store"


# ---------------------------------------------------------------------------------------------
# The store, opened to read


@dataclass
class StoreReader:
    """A store opened read-only for a question, as :class:`kg.graph.store.Store` opens it, and
    the words that name it; ``inner`` is the pyoxigraph store."""

    inner: ox.Store
    path: Path
    name: str

    def documents(self) -> int:
        return documents(self.inner)

    def header(self) -> str:
        n = self.documents()
        return f"{self.name}: {n} document{'s' if n != 1 else ''}"


def open_reader(path: str | Path | None = None) -> StoreReader | None:
    """The store at ``path`` (else ``$KG_STORE``, else ``./kg-store``) opened read-only, or None
    where :meth:`kg.graph.store.Store.open` would refuse it (no store there, a path that is not
    UTF-8, a store that cannot be opened): the caller then opens it that way, for its error.
    None too once :mod:`kg.graph.store` is loaded: this process may hold the store open (a
    build just wrote it), and Store.open shares that handle, where a second one, read-only,
    would not see the files the writer has moved."""
    p = Path(path if path is not None else (os.environ.get(STORE_ENV) or DEFAULT_STORE))
    if "kg.graph.store" in sys.modules or not (p / MARK).is_file():
        return None
    try:
        os.fsencode(os.path.abspath(p)).decode("utf-8")
        inner = ox.Store.read_only(os.path.abspath(p))
    except (UnicodeDecodeError, OSError):
        return None
    return StoreReader(inner, p, f"store {shown(p)}")


def inner_store(graph: object) -> ox.Store | None:
    """The pyoxigraph store behind a :class:`kg.graph.store.Store`, a :class:`StoreReader`,
    or an rdflib graph that reads a store through oxrdflib (:meth:`kg.graph.store.Store.graph`)."""
    inner = getattr(graph, "inner", None)
    if not isinstance(inner, ox.Store):
        inner = getattr(getattr(graph, "store", None), "_inner", None)
    return inner if isinstance(inner, ox.Store) else None


# ---------------------------------------------------------------------------------------------
# Reading terms


Value = ox.NamedNode | ox.BlankNode | ox.Literal | None  # a term, None where unbound
Rows = list[tuple[Value, ...]]


def select(store: ox.Store, query: str) -> Rows:
    """The rows of a SELECT on the union of the store's graphs."""
    found = store.query(_PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(found, ox.QuerySolutions)
    width = len(found.variables)
    return [tuple(row[i] for i in range(width)) for row in found]


def values(name: str, iris: Iterable[str]) -> str:
    """A VALUES block binding ``?name`` to the IRIs (sorted, so a query's text is stable)."""
    return f"VALUES ?{name} {{ {' '.join(str(ox.NamedNode(i)) for i in sorted(set(iris)))} }}"


def _language(term: object) -> str:
    return (getattr(term, "language", None) or "").lower()


def pick(terms: Iterable[object], lang: str | None = "zh-Hans") -> str | None:
    """One value of several, as :func:`kg.graph.facts.literal` picks it: the ``lang`` one
    first, then by text."""
    want = (lang or "").lower()
    found = sorted((_language(t) != want, t.value) for t in terms)  # type: ignore[attr-defined]
    return found[0][1] if found else None


class Props:
    """Subjects → predicate → their objects: the few properties an answer reads of the
    agencies, tasks and documents it names, one query a predicate, made when a predicate is
    first asked for. (The store keeps a copy of an agency's names in every document's graph
    that names it: SPARQL's DISTINCT drops the copies in the engine, where walking the quads in
    Python would meet every one; and a join of VALUES ?p with ``?s ?p ?o`` scans the store.)"""

    def __init__(self, store: ox.Store, subjects: Iterable[str], predicates: Sequence[str] = ()):
        self.store, self.subjects = store, sorted(set(subjects))
        self.loaded: dict[str, dict[str, list]] = {}
        for p in predicates:
            self._load(p)

    def _load(self, p: str) -> dict[str, list]:
        found: dict[str, list] = {}
        if len(self.subjects) > _MANY:  # most of the store's agencies: read them all, keep these
            wanted = set(self.subjects)
            for s, o in select(self.store, f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{p}> ?o }}"):
                if s.value in wanted:  # type: ignore[union-attr]
                    found.setdefault(s.value, []).append(o)  # type: ignore[union-attr]
        elif self.subjects:
            query = f"SELECT DISTINCT ?s ?o WHERE {{ {values('s', self.subjects)} ?s <{p}> ?o }}"
            for s, o in select(self.store, query):
                found.setdefault(s.value, []).append(o)  # type: ignore[union-attr]
        self.loaded[p] = found
        return found

    def all(self, s: str, p: str) -> list:
        found = self.loaded.get(p)
        return (found if found is not None else self._load(p)).get(s, [])

    def one(self, s: str, p: str, lang: str | None = "zh-Hans") -> str | None:
        return pick(self.all(s, p), lang)

    def has_type(self, s: str, cls: str) -> bool:
        return any(t.value == cls for t in self.all(s, _TYPE))


_MANY = 2000  # subjects past which a predicate is read for every subject of the store


def typed(store: ox.Store, cls: str) -> set[str]:
    """Every subject of type ``cls``."""
    return {row[0].value for row in select(store, f"SELECT DISTINCT ?s WHERE {{ ?s a <{cls}> }}")}  # type: ignore[union-attr]


class Names:
    """The names of a set of agencies and of their jurisdictions, with the rules of
    :mod:`kg.graph.facts` (short name, full name, the short name that carries its place)."""

    def __init__(self, store: ox.Store, agencies: Iterable[str]):
        self.store, self.props = store, Props(store, agencies)
        self._places: Props | None = None
        self._collectives: set[str] | None = None

    def short(self, a: str) -> str:
        return self.props.one(a, _SHORT) or self.props.one(a, _PREF) or a

    def full(self, a: str) -> str:
        return self.props.one(a, _PREF) or self.short(a)

    def jurisdiction(self, a: str) -> str:
        places = sorted(j.value for j in self.props.all(a, _JURISDICTION))
        if not places:
            return ""
        if self._places is None:
            every = {
                j.value
                for a in self.props.subjects
                for j in self.props.all(a, _JURISDICTION)
                if isinstance(j, ox.NamedNode)
            }
            self._places = Props(self.store, every)
        return self._places.one(places[0], _PREF) or places[0]

    def qualified(self, a: str) -> str:
        short, place = self.short(a), self.jurisdiction(a)
        level = next((w for w in _LEVEL_WORDS if short.startswith(w)), None)
        if not place or level is None or short.startswith(place) or not place.endswith(level):
            return short
        return place + short[len(level) :]

    def distinct(self, a: str) -> str:
        qualified = self.qualified(a)
        return qualified if qualified != self.short(a) else (self.props.one(a, _PREF) or a)

    def labels(self, agencies: Iterable[str], shared: frozenset[str] = frozenset()) -> dict[str, str]:
        """As :func:`kg.graph.facts.agency_labels`."""
        short = {a: self.short(a) for a in agencies}
        seen: dict[str, int] = defaultdict(int)
        for name in short.values():
            seen[name] += 1
        return {a: n if seen[n] == 1 and n not in shared else self.distinct(a) for a, n in short.items()}

    def collective(self, a: str) -> bool:
        if len(self.props.subjects) <= _MANY:
            return self.props.has_type(a, _COLLECTIVE)
        if self._collectives is None:  # the type of every node is a large part of the store
            self._collectives = typed(self.store, _COLLECTIVE)
        return a in self._collectives

    def entry(self, a: str) -> Entry:
        shorts = [t.value for t in self.props.all(a, _SHORT)]
        labels = [t.value for p in (_PREF, _ALT) for t in self.props.all(a, p)]
        return agency_entry(a, shorts, labels, self.props.one(a, _PREF), self.qualified(a))

    def info(self, a: str) -> AgencyInfo:
        kind = sorted(t.value for t in self.props.all(a, _KIND))
        english = sorted(t.value for t in self.props.all(a, _PREF) if _language(t) == "en")
        return AgencyInfo(
            iri=a,
            name=self.short(a),
            full_name=self.full(a),
            english=english[0] if english else None,
            kind=_local(kind[0]) if kind else None,
            collective=self.collective(a),
        )


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def shared_names(store: ox.Store, names: Iterable[str]) -> frozenset[str]:
    """Which of ``names`` the store's agencies share (two agencies of kg:Agency with that
    kg:shortName, in any of the forms kg writes: plain, zh-Hans, zh-Hant, en), looked up in the
    store's index, not by grouping every agency of the store. The index gives a name's holders
    one after another (each once for every document's graph that names it), so the lookup
    stops at the second agency."""
    short, kind, agency = ox.NamedNode(_SHORT), ox.NamedNode(_TYPE), ox.NamedNode(f"{KG_NAMESPACE}Agency")
    out = set()
    for name in sorted(set(names)):
        for term in [ox.Literal(name)] + [ox.Literal(name, language=t) for t in _TAGS]:
            seen: set[object] = set()
            agencies = 0
            for q in store.quads_for_pattern(None, short, term, None):
                if q.subject in seen:
                    continue
                seen.add(q.subject)
                agencies += next(store.quads_for_pattern(q.subject, kind, agency, None), None) is not None
                if agencies > 1:
                    break
            if agencies > 1:
                out.add(name)
                break
    return frozenset(out)


_TAGS = ("zh-hans", "zh-hant", "en")  # the language tags kg writes names with


# ---------------------------------------------------------------------------------------------
# Resolving a name


def resolve_agency(store: ox.Store, name: str) -> str:
    """:func:`kg.query.resolve.resolve_agency` on a store. A name typed exactly as an agency's
    short name, or as one of its stored labels (山东省商务厅), is looked up in the store's index,
    reading the names of those agencies only; any other name (a part, an abbreviation, a name
    that carries its place) is matched against every agency's names, read with one query."""
    key = name_key(name)
    if key and iri_text(name) is None:
        wanted = _labelled(store, key)
        if wanted:
            names = Names(store, wanted)
            agency = f"{KG_NAMESPACE}Agency"
            entries = [names.entry(a) for a in sorted(wanted) if names.props.has_type(a, agency)]
            if any(key in e.labels for e in entries):  # tiers 1 and 2 find these and only these
                return resolve_name(name, entries, UnknownAgency, AmbiguousAgency)
    everyone = typed(store, f"{KG_NAMESPACE}Agency")
    names = Names(store, everyone)
    entries = [names.entry(a) for a in sorted(everyone)]
    return resolve_name(name, entries, UnknownAgency, AmbiguousAgency)


def _labelled(store: ox.Store, key: str) -> set[str]:
    """The subjects with a name or label that is ``key``: Chinese labels are found by their
    terms in the store's index (as kg writes them: plain, zh-Hans, zh-Hant); a name with Latin
    letters, whose case may differ, by comparing every label in lower case."""
    if re.search(r"[a-z]", key):
        rows = select(
            store,
            "SELECT DISTINCT ?a WHERE { ?a kg:shortName|skos:prefLabel|skos:altLabel ?n "
            f"FILTER(LCASE(STR(?n)) = {ox.Literal(key)}) }}",
        )
        return {row[0].value for row in rows}  # type: ignore[union-attr]
    terms = " ".join(str(t) for t in [ox.Literal(key)] + [ox.Literal(key, language=t) for t in _TAGS])
    rows = select(
        store,
        f"SELECT DISTINCT ?a WHERE {{ VALUES ?n {{ {terms} }} "
        "?a kg:shortName|skos:prefLabel|skos:altLabel ?n }",
    )
    return {row[0].value for row in rows if isinstance(row[0], ox.NamedNode)}


# ---------------------------------------------------------------------------------------------
# kg leads


@dataclass
class StoreTask:
    iri: str
    document: str
    path: str
    title: str
    agencies: dict[str, list[str]]  # role → agency IRIs, in clause order


@dataclass
class AgencyTasks:
    """What the answers about one agency start from: its tasks in document order, the names
    of the agencies they name, what each is called (:func:`Names.labels`) and the rows of
    ``kg leads``."""

    iri: str
    tasks: list[StoreTask]
    names: Names
    labels: dict[str, str]
    rows: list[TaskRow]


def agency_tasks(store: ox.Store, agency: str) -> AgencyTasks:
    """The agency ``agency`` names (:func:`resolve_agency`), its tasks by the index, their
    documents' outlines for document order, and the names of the agencies they name."""
    iri = resolve_agency(store, agency)
    tasks = tasks_of(store, iri)
    around = {a for t in tasks for role in ANSWER_ORDER for a in t.agencies[role]} | {iri}
    names = Names(store, around)
    typed = [a for a in sorted(around) if names.props.has_type(a, f"{KG_NAMESPACE}Agency")]
    labels = names.labels(typed, shared_names(store, {names.short(a) for a in typed}))
    rows = []
    for role in ANSWER_ORDER:
        for t in tasks:
            if iri in t.agencies[role]:
                others = [
                    labels.get(a, names.short(a)) for r in OTHERS[role] for a in t.agencies[r] if a != iri
                ]
                rows.append(TaskRow(t.document, t.path, t.title, role, others, t.iri))
    return AgencyTasks(iri, tasks, names, labels, rows)


def leads(graph: object, agency: str) -> Leads:
    """:func:`kg.query.answers.leads` on a store."""
    store = inner_store(graph)
    assert store is not None
    found = agency_tasks(store, agency)
    return Leads(found.names.info(found.iri), found.rows)


def documents(store: ox.Store) -> int:
    """How many documents the store holds (as :meth:`kg.graph.store.Store.documents`)."""
    doc = f"<{KG_NAMESPACE}PolicyDocument>"
    found = store.query(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH ?g {{ ?d a {doc} }} }}")
    assert isinstance(found, ox.QuerySolutions)
    return int(next(iter(found))[0].value)


def tasks_of(store: ox.Store, agency: str) -> list[StoreTask]:
    """The tasks ``agency`` has a role in, in document order (:func:`kg.graph.facts.tasks`)."""
    found = select(
        store,
        f"SELECT DISTINCT ?t ?doc WHERE {{ {values('a', [agency])} "
        "?t kg:ledBy|kg:supportedBy|kg:sharedBy ?a ; kg:inDocument ?doc . ?t a kg:Task }",
    )
    tasks = sorted({row[0].value for row in found})  # type: ignore[union-attr]
    docs = sorted({row[1].value for row in found})  # type: ignore[union-attr]
    if not tasks:
        return []
    order = _document_order(store, docs, tasks)
    props = Props(store, tasks, (f"{KG_NAMESPACE}path", f"{_DCTERMS}title"))
    roles = _responsibilities(store, tasks)
    labels = _document_labels(store, docs)
    out = []
    for _, doc, t in order:
        out.append(
            StoreTask(
                t,
                labels[doc],
                props.one(t, f"{KG_NAMESPACE}path", None) or "",
                props.one(t, f"{_DCTERMS}title") or "",
                roles.get(t, {r: [] for r in ANSWER_ORDER}),
            )
        )
    return out


def _responsibilities(store: ox.Store, tasks: list[str]) -> dict[str, dict[str, list[str]]]:
    """Task → role → agencies, in clause order (:func:`kg.graph.facts.responsibilities`)."""
    found = select(store, f"SELECT DISTINCT ?t ?r WHERE {{ {values('t', tasks)} ?t kg:responsibility ?r }}")
    named = [(t.value, r.value) for t, r in found if isinstance(r, ox.NamedNode)]  # type: ignore[union-attr]
    props = Props(store, {r for _, r in named}, (_ROLE, _AGENCY, _POSITION))
    items = []
    for t, r in named:
        role, agency = props.all(r, _ROLE), props.all(r, _AGENCY)
        if not role or not isinstance(role[0], ox.NamedNode) or role[0].value not in _ROLE_OF:
            continue
        if agency and isinstance(agency[0], ox.NamedNode):
            pos = props.all(r, _POSITION)
            items.append((t, int(pos[0].value) if pos else 0, _ROLE_OF[role[0].value], agency[0].value))
    out: dict[str, dict[str, list[str]]] = {}
    for t, _, role_key, a in sorted(items):
        out.setdefault(t, {r: [] for r in ANSWER_ORDER})[role_key].append(a)
    return out


_ROLE, _AGENCY, _POSITION = (f"{KG_NAMESPACE}{n}" for n in ("role", "agency", "position"))


def _document_labels(store: ox.Store, docs: list[str]) -> dict[str, str]:
    """Each document's label (:func:`kg.graph.facts.document_label`)."""
    props = Props(store, docs, _LABELS)
    return {d: _document_label(props, d) for d in docs}


_ISSUED = f"{_DCTERMS}issued"
_LABELS = (f"{_DCTERMS}identifier", f"{_RDFS}label", f"{_DCTERMS}title", f"{KG_NAMESPACE}sourceFile")


def _document_label(props: Props, d: str) -> str:
    return next((v for v in (props.one(d, p) for p in _LABELS) if v), d)


def _natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _document_order(store: ox.Store, docs: list[str], tasks: list[str]) -> list[tuple]:
    """(key, document, task) for each time a walk of the documents' outlines, depth first by
    kg:position, meets one of ``tasks`` (:func:`kg.graph.facts.task_iris`), sorted."""
    document = f"{KG_NAMESPACE}PolicyDocument"
    props = Props(store, docs, (_TYPE, _ISSUED, *_LABELS))
    rank = {
        d: i
        for i, d in enumerate(
            sorted(
                (d for d in docs if props.has_type(d, document)),
                key=lambda d: (props.one(d, _ISSUED) or "", _natural(_document_label(props, d)), d),
            )
        )
    }
    parents: dict[str, set[str]] = defaultdict(set)
    position: dict[str, int] = {}
    level, seen = set(tasks), set(tasks)
    while level:  # up the outline, one level a query, to the documents
        props = Props(store, level, (_POSITION,))
        position.update({c: int(p[0].value) for c in level if (p := props.all(c, _POSITION))})
        above = select(
            store,
            f"SELECT DISTINCT ?parent ?child WHERE {{ {values('child', level)} "
            "?parent dcterms:hasPart ?child }",
        )
        for parent, child in above:
            parents[child.value].add(parent.value)  # type: ignore[union-attr]
        level = {parent.value for parent, _ in above} - seen  # type: ignore[union-attr]
        seen |= level

    def chains(node: str, seen: frozenset[str]) -> list[tuple[str, tuple]]:
        out = [(node, ())] if node in rank else []
        for parent in sorted(parents.get(node, ())):
            if parent not in seen:
                step = ((position.get(node, 0), node),)
                out.extend((doc, chain + step) for doc, chain in chains(parent, seen | {node}))
        return out

    found = []
    for t in tasks:
        for doc, chain in chains(t, frozenset()):
            if chain:
                found.append(((rank[doc], chain), doc, t))
    return sorted(found)


# ---------------------------------------------------------------------------------------------
# kg agencies


def agencies(graph: object) -> AgencyList:
    """:func:`kg.query.answers.agencies` on a store: the counts by one aggregate query, the
    names of the agencies counted by another."""
    store = inner_store(graph)
    assert store is not None
    counts = select(
        store,
        """SELECT ?a (COUNT(DISTINCT ?l) AS ?lead) (COUNT(DISTINCT ?s) AS ?support)
        (COUNT(DISTINCT ?h) AS ?shared) (COUNT(DISTINCT ?t) AS ?tasks) WHERE {
          { ?t kg:ledBy ?a BIND(?t AS ?l) } UNION { ?t kg:supportedBy ?a BIND(?t AS ?s) }
          UNION { ?t kg:sharedBy ?a BIND(?t AS ?h) }
          ?t a kg:Task FILTER(isIRI(?a)) } GROUP BY ?a""",
    )
    names = Names(store, [row[0].value for row in counts])  # type: ignore[union-attr]
    loads = []
    for a, lead, support, shared, n in counts:
        iri = a.value  # type: ignore[union-attr]
        c = (int(lead.value), int(support.value), int(shared.value))  # type: ignore[union-attr]
        loads.append((-sum(c), names.short(iri), iri, c, int(n.value)))  # type: ignore[union-attr]
    loads.sort()
    labels = names.labels([w[2] for w in loads])
    rows = []
    for rank, (_, short, iri, (lead_n, support_n, shared_n), n_tasks) in enumerate(loads, 1):
        info = names.info(iri)
        rows.append(
            AgencyCount(
                rank,
                short,
                labels[iri],
                names.full(iri),
                info.kind,
                info.collective,
                lead_n,
                support_n,
                shared_n,
                n_tasks,
                iri,
                names.jurisdiction(iri),
            )
        )
    return AgencyList(rows, multi_jurisdiction(store))


def multi_jurisdiction(store: ox.Store) -> bool:
    """Whether the store's documents were issued by more than one government."""
    found = select(
        store, "SELECT DISTINCT ?d ?j WHERE { ?d a kg:PolicyDocument OPTIONAL { ?d kg:jurisdiction ?j } }"
    )
    first: dict[str, str | None] = {}
    for d, j in sorted(found, key=lambda row: (row[0].value, row[1].value if row[1] is not None else "")):  # type: ignore[union-attr]
        first.setdefault(d.value, j.value if j is not None else None)  # type: ignore[union-attr]
    return len(set(first.values())) > 1


# ---------------------------------------------------------------------------------------------
# kg query tasks-without-lead

# Read by scans of whole predicates joined in the engine (subqueries, each its own scan),
# not by a lookup per task: at 1,000 documents the named query's lookups, ten for each of
# ~10,000 tasks and their responsibilities, took 12 s; these scans take a tenth of that.
_UNLED_TASKS = """SELECT ?task ?path ?start ?doc ?title WHERE {
  ?task a kg:Task .
  MINUS { ?task kg:ledBy ?anyLead }
  MINUS { ?task dcterms:hasPart ?child MINUS { ?task kg:responsibility ?anyone } }
  { SELECT ?task ?path WHERE { ?task kg:path ?path } }
  { SELECT ?task ?src WHERE { ?task kg:source ?src } }
  { SELECT ?src ?start WHERE { ?src kg:start ?start } }
  { SELECT ?task ?doc WHERE { ?task kg:inDocument ?doc } }
  OPTIONAL { SELECT ?task ?title WHERE { ?task dcterms:title ?title } }
}"""
_SHARED = """SELECT ?task ?pos ?co WHERE {
  { SELECT ?r WHERE { ?r kg:role kg:shared } }
  { SELECT ?r ?co WHERE { ?r kg:agency ?co } }
  { SELECT ?r ?pos WHERE { ?r kg:position ?pos } }
  { SELECT ?task ?r WHERE { ?task kg:responsibility ?r } }
}"""


def tasks_without_lead(store: ox.Store) -> Answer:
    """The rows of the named query ``tasks-without-lead`` (kg/sparql/tasks-without-lead.rq),
    read by a few scans and joined here: the same rows in the same order, its ties (two short
    names of one agency, two titles of one task) broken as its ORDER BY breaks them."""
    tasks: dict[Value, set[tuple[Value, ...]]] = defaultdict(set)
    for task, path, start, doc, title in select(store, _UNLED_TASKS):
        tasks[task].add((path, start, doc, title))
    shared: dict[Value, set[tuple[Value, Value]]] = defaultdict(set)
    for task, pos, co in select(store, _SHARED):
        if task in tasks:
            shared[task].add((pos, co))
    names: dict[Value, set[Value]] = defaultdict(set)
    wanted = {co for found in shared.values() for _, co in found}
    for co, other in select(store, "SELECT DISTINCT ?co ?other WHERE { ?co kg:shortName ?other }"):
        if co in wanted:
            names[co].add(other)
    labels = _labels_of(store, {doc for found in tasks.values() for _, _, doc, _ in found})
    groups: dict[tuple, set[tuple]] = defaultdict(set)
    for task, found in tasks.items():
        # the OPTIONAL of the query: the task's shared agencies that have a short name, else none
        items = {(pos, co, other) for pos, co in shared.get(task, ()) for other in names.get(co, ())}
        for path, start, doc, title in found:
            for document in labels[doc]:
                group = groups[(document, start, path, title)]
                group.update((task, *item) for item in items or [(None, None, None)])
    rows = []
    for key in sorted(groups, key=lambda k: tuple(map(_order, k))):
        document, _, path, title = key
        ordered = sorted(groups[key], key=lambda i: (_order(i[1]), _order(i[3])))
        rows.append(
            {
                "document": term_value(document),
                "path": term_value(path),
                "title": term_value(title),
                "sharedBy": "、".join(other.value if other is not None else "" for *_, other in ordered),
            }
        )
    return Answer("SELECT", ["document", "path", "title", "sharedBy"], rows)


def _labels_of(store: ox.Store, docs: set[Value]) -> dict[Value, set[Value]]:
    """Each document's names as the query binds ``?document``: its identifiers, else its
    labels, else its IRI as a string."""
    named = [d.value for d in docs if isinstance(d, ox.NamedNode)]
    props = Props(store, named, (f"{_DCTERMS}identifier", f"{_RDFS}label"))
    out: dict[Value, set[Value]] = {}
    for d in docs:
        if d is not None:  # the query binds ?doc
            found = props.all(d.value, f"{_DCTERMS}identifier") or props.all(d.value, f"{_RDFS}label")
            out[d] = set(found) if found else {ox.Literal(d.value)}
    return out


def _order(term: object) -> tuple:
    """A term's place in an ORDER BY: unbound first, then blank nodes, IRIs and literals;
    numbers by value."""
    if term is None:
        return (0,)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else ""
        if datatype in _NUMERIC:
            try:
                return (3, 0, Decimal(term.value), "")
            except ArithmeticError:
                pass
        return (3, 1, term.value, term.language or datatype)
    return (1 if isinstance(term, ox.BlankNode) else 2, getattr(term, "value", str(term)))


# The named queries (kg/sparql) that a store answers with its own reads, without parameters:
# the same rows as the query gives (tests/query/test_onstore.py).
ANSWERED = {"tasks-without-lead": tasks_without_lead}


# ---------------------------------------------------------------------------------------------
# kg query

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = frozenset(
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "decimal",
        "double",
        "float",
        "nonNegativeInteger",
        "positiveInteger",
    )
)


@dataclass
class Answer:
    """A query's result as plain data: its form, its columns and its rows."""

    form: str  # SELECT, ASK or CONSTRUCT
    columns: list[str]
    rows: list[dict]


def run(store: ox.Store, text: str) -> Answer:
    """Run a (bound) query on the union of the store's graphs, its terms as
    :func:`kg.query.library.query` gives them: numbers as numbers, kg terms by local name.

    :raises SyntaxError, ValueError, OSError: pyoxigraph's errors, for the caller to word.
    """
    found = store.query(text, use_default_graph_as_union=True)
    if isinstance(found, ox.QueryBoolean):
        return Answer("ASK", ["answer"], [{"answer": bool(found)}])
    if isinstance(found, ox.QueryTriples):
        cols = ["subject", "predicate", "object"]
        triples = sorted(
            dict.fromkeys(found), key=lambda t: (t.subject.value, t.predicate.value, t.object.value)
        )
        return Answer(
            "CONSTRUCT",
            cols,
            [dict(zip(cols, map(term_value, (t.subject, t.predicate, t.object)))) for t in triples],
        )
    cols = [v.value for v in found.variables]
    return Answer("SELECT", cols, [{c: term_value(row[i]) for i, c in enumerate(cols)} for row in found])


def _text(term: object) -> str:
    return getattr(term, "value", None) or str(term)


def term_value(term: object) -> object:
    """A pyoxigraph term as plain data, as :func:`kg.query.library._value` makes an rdflib one."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return _local(term.value) if term.value.startswith(KG_NAMESPACE) else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else ""
        if datatype == _XSD + "boolean":
            return term.value.strip().lower() in ("true", "1")
        if datatype in _NUMERIC:
            try:
                d = Decimal(term.value)
            except ArithmeticError:
                return term.value
            return int(d) if d == d.to_integral_value() else float(d)
        return term.value
    return str(term)
