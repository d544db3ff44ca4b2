"""The dataset description: what a graph holds and how it was made, in VoID and DCAT.

A consumer (a triple store's catalogue, a data portal, a crawler) reads from it the title,
the documents and their named graphs, the number of triples, the vocabularies, the licence,
the kg version and, in a store and its exports, the SHA-256 of every source file
(``kg:fileChecksum``), without reading the data.

Determinism: the description is a function of the graph only. Its date (``dcterms:modified``)
is the newest issue date of the documents, never the clock; the build time is added only
when the caller passes ``created`` (the store and a ``void.ttl`` beside it may carry it, the
graph files never do, so two builds of the same input stay byte-identical).

A store keeps its description in its own named graph, ``<base>dataset`` (the dataset's IRI),
written by :func:`describe_store` at the end of every build from the build records and
per-graph counts the store answers itself, so it costs a few queries, not a walk over the
corpus. It repeats none of the documents' triples (a SPARQL union default graph is a bag: a
document's 文号 in two graphs would be joined twice) and links the documents only by VoID's
``void:rootResource``, which no query over documents follows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, PROV, SKOS, VOID
from rdflib.term import Node

from kg.graph.rdf import bind_prefixes
from kg.graph.serialize import language_tag
from kg.graph.store import RECORD, Entry, Store
from kg.ns import DEFAULT_BASE, KG

# Data read from official documents, which the Copyright Law of the PRC (Article 5) excludes
# from protection: offered as CC0 unless the caller says otherwise.
DEFAULT_LICENCE = URIRef("https://spdx.org/licenses/CC0-1.0")
VOCABULARIES = (
    URIRef(str(KG._NS)),
    URIRef(str(DCTERMS)),
    URIRef(str(SKOS)),
    URIRef(str(ORG)),
    URIRef(str(PROV)),
    URIRef(str(RDFS)),
)
SHAPES = URIRef("https://w3id.org/policy-kg/shapes")
DATASET = "dataset"  # the description's IRI (and its graph's name) under the documents' base
# What the description reads of each document: its label names its graph, its date dates the set.
DOCUMENT_TERMS = (RDFS.label, DCTERMS.issued)
STAMP = DCTERMS.created  # the build time: in the store's description, never in a graph file


@dataclass
class Part:
    """One document's named graph as the description states it."""

    graph: URIRef
    triples: int
    documents: dict[URIRef, list[tuple[URIRef, Node]]] = field(default_factory=dict)  # doc → facts
    file_checksum: str | None = None  # SHA-256 of the file's bytes: known to a store only
    built_with: str | None = None  # the kg version that built the graph: known to a store only


def _installed_version() -> str:
    """kg's version as installed (the package metadata ``kg.__version__`` is written from)."""
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:
        return "unknown"


def describe(
    graphs: list[tuple[URIRef, Graph]],
    base: str = DEFAULT_BASE,
    version: str | None = None,
    created: str | None = None,
    licence: URIRef = DEFAULT_LICENCE,
) -> Graph:
    """VoID + DCAT description of the named graphs (one per document).

    :param created: the build time (xsd:dateTime, ISO 8601), written only when given.
    """
    parts = []
    for iri, g in graphs:
        docs = {
            doc: [(p, o) for p in DOCUMENT_TERMS for o in g.objects(doc, p)]
            for doc in g.subjects(RDF.type, KG.PolicyDocument)
            if isinstance(doc, URIRef)
        }
        parts.append(Part(iri, len(g), docs))
    return description(parts, base, version, created, licence)


def _graph(base: str) -> Graph:
    d = Graph()
    bind_prefixes(d, base)
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("prov", PROV), ("owl", OWL)):
        d.bind(prefix, ns)
    return d


def description(
    parts: Iterable[Part],
    base: str = DEFAULT_BASE,
    version: str | None = None,
    created: str | None = None,
    licence: URIRef = DEFAULT_LICENCE,
) -> Graph:
    """The description of named graphs already counted. The dataset's ``void:triples`` is
    the sum of theirs: the triples of graph.trig, where an agency named in two documents is
    described in each (their union as a set would take a pass over every triple)."""
    parts = list(parts)
    version = version or _installed_version()
    base = base if base.endswith(("/", "#")) else base + "/"
    d = _graph(base)
    ds = URIRef(f"{base}{DATASET}")
    software = URIRef(f"{base}software/kg/{version}")
    issued: list[str] = []
    documents = 0
    for part in sorted(parts, key=lambda p: str(p.graph)):
        d.add((ds, VOID.subset, part.graph))
        d.add((part.graph, RDF.type, VOID.Dataset))
        d.add((part.graph, VOID.triples, Literal(part.triples)))
        if part.file_checksum:
            d.add((part.graph, KG.fileChecksum, Literal(part.file_checksum)))
        if part.built_with:
            d.add((part.graph, KG.builtWith, Literal(part.built_with)))
        for doc, facts in sorted(part.documents.items()):
            documents += 1
            d.add((part.graph, VOID.rootResource, doc))
            for p, o in facts:
                if p == RDFS.label:
                    d.add((part.graph, RDFS.label, o))
                elif p == DCTERMS.issued:
                    issued.append(str(o))
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, RDF.type, DCAT.Dataset))
    plural = "s" if documents != 1 else ""
    d.add((ds, DCTERMS.title, Literal(f"Responsibilities in {documents} policy document{plural}", lang="en")))
    d.add((ds, DCTERMS.title, Literal(f"{documents} 份政策文件的职责分工", lang="zh-Hans")))
    d.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Who leads, supports or shares each task of the documents, with places, targets, "
                "deadlines and the source span of every statement; one named graph per document.",
                lang="en",
            ),
        )
    )
    d.add((ds, VOID.triples, Literal(sum(p.triples for p in parts))))
    d.add((ds, VOID.documents, Literal(documents)))
    d.add((ds, VOID.uriSpace, Literal(base)))
    d.add((ds, DCTERMS.license, licence))
    d.add((ds, DCTERMS.conformsTo, SHAPES))
    for vocabulary in VOCABULARIES:
        d.add((ds, VOID.vocabulary, vocabulary))
    if issued:
        d.add((ds, DCTERMS.modified, Literal(max(issued), datatype=XSD.date)))
    if created:
        d.add((ds, STAMP, Literal(created, datatype=XSD.dateTime)))
    d.add((ds, PROV.wasAttributedTo, software))
    d.add((software, RDF.type, PROV.SoftwareAgent))
    d.add((software, RDFS.label, Literal(f"kg {version}")))
    d.add((software, OWL.versionInfo, Literal(version)))
    return d


# -- a store's description ---------------------------------------------------------------

_COUNT_ONE = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
_TYPE, _DOCUMENT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.PolicyDocument))
_TERMS = [ox.NamedNode(str(t)) for t in DOCUMENT_TERMS]


def description_graphs(store: Store) -> list[str]:
    """The named graphs of ``store`` that hold its description (one, once it is built): each
    is named by the dataset it describes."""
    return sorted(
        q.graph_name.value
        for q in store.inner.quads_for_pattern(None, _TYPE, ox.NamedNode(str(DCAT.Dataset)))
        if isinstance(q.graph_name, ox.NamedNode) and q.subject == q.graph_name
    )


def stored_description(store: Store) -> Graph:
    """The description a store holds (with its build time and the files' checksums)."""
    names = description_graphs(store)
    d = _graph(names[0][: -len(DATASET)] if names else DEFAULT_BASE)
    for name in names:
        for q in store.inner.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            d.add((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)))
    return d


def _base_of(graph: str) -> str:
    """The base IRI a document's graph was named under (``<base>graph/ID``)."""
    return graph[: graph.rindex("/graph/") + 1] if "/graph/" in graph else DEFAULT_BASE


def describe_store(
    store: Store,
    created: str | None = None,
    changed: Iterable[str] | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """Bring the description of ``store`` up to date with what it holds, stamped with the
    build time (``created``, else now); returns how many documents it describes.

    ``changed`` names the graphs a build or ``kg remove`` wrote or took out. Given, and the
    store's description is one of this kg version under the same base, only the parts of
    those graphs are written again, with any part whose file checksum or kg version is not
    its graph's record (a build stopped before it described), and the dataset's totals: one
    update whose cost follows the change, not the corpus (rewriting 7,000 quads through
    rdflib was most of a one-document rebuild at 1,000 documents). Otherwise the
    description is written anew. Either way the documents and checksums come from the build
    records, labels and dates from index lookups on the documents' own nodes, and each
    graph's count from ``counts`` (the distinct quads a build just wrote into it, less its
    record) or else from the store, which counts a graph on its index (a millisecond a
    document: at 10,000 documents the count was 25 of a build's 30 s of describing).
    """
    inner = store.inner
    entries = store.entries(whole=False)
    names = description_graphs(store)
    stamp = created or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if not entries:
        _update(inner, names, [], [])
        return 0
    base = _base_of(min(entries))
    name = ox.NamedNode(f"{base}{DATASET}")
    version = _installed_version()
    software = ox.NamedNode(f"{base}software/kg/{version}")
    old = None
    if changed is not None and names == [name.value] and _has(inner, name, _ATTRIBUTED, software, name):
        old = _described(inner, name)
    if old is None:
        stale = set(entries)
    else:
        stale = {g for g in changed or () if g in entries or g in old}
        stale |= {g for g in old if g not in entries}
        stale |= {g for g, e in entries.items() if g not in old or old[g].key != (e.version, e.checksum)}
    fresh = sorted(stale & entries.keys())
    known = counts or {}
    counts = {g: known[g] for g in fresh if g in known} | _counts(inner, [g for g in fresh if g not in known])
    added: list[ox.Quad] = []
    roots: set[tuple[ox.NamedNode, ox.NamedNode]] = set()
    dates: list[str] = []
    for g in fresh:
        added.extend(_part_quads(inner, name, g, counts.get(g, 0), entries[g], roots, dates))
    if old is None:
        documents, triples = len(roots), sum(counts.values())
        modified = max(dates, default=None)
        drop, gone = names, []
    else:
        drop = []
        gone = [
            q
            for g in sorted(stale & old.keys())
            for q in [ox.Quad(name, _SUBSET, ox.NamedNode(g), name), *_about(inner, ox.NamedNode(g), name)]
        ]
        gone.extend(q for p in _TOTALS for q in inner.quads_for_pattern(name, p, None, name))
        documents = _number(inner, name, _DOCUMENTS) - sum(q.predicate == _ROOT for q in gone) + len(roots)
        triples = _number(inner, name, _TRIPLES) - sum(old[g].triples for g in stale & old.keys())
        triples += sum(counts.values())
        modified = _modified(inner, name, stale, old, roots, dates)
    whole = old is None
    added.extend(_dataset_quads(name, base, software, version, documents, triples, modified, stamp, whole))
    same = set(gone) & set(added)
    _update(inner, drop, [q for q in gone if q not in same], [q for q in added if q not in same])
    return documents


def describe_documents(store: Store, graphs: Iterable[str]) -> tuple[URIRef, Graph]:
    """The description of some documents of the store (those ``kg build -o`` writes), named
    ``<base>dataset``, with their files' checksums and without a build time, so that the
    graph files of the same input stay byte-identical."""
    wanted = set(graphs)
    entries = {g: e for g, e in store.entries().items() if g in wanted}
    if not entries:
        return URIRef(f"{DEFAULT_BASE}{DATASET}"), Graph()
    record = len(RECORD)
    counts = {
        g: int(_select(store.inner, _COUNT_ONE.format(graph=g))[0]["n"].value) - record for g in entries
    }
    base = _base_of(min(entries))
    return URIRef(f"{base}{DATASET}"), description(_parts(store, entries, counts).values(), base)


def _parts(store: Store, entries: dict, counts: dict[str, int]) -> dict[str, Part]:
    """Each graph's part of the description: its count, file checksum, kg version and the
    labels and dates of its documents, read from the index."""
    inner = store.inner
    parts = {
        g: Part(URIRef(g), counts.get(g, 0), file_checksum=e.checksum or None, built_with=e.version or None)
        for g, e in entries.items()
    }
    for q in inner.quads_for_pattern(None, _TYPE, _DOCUMENT, None):
        part = parts.get(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else None
        if part is not None:
            part.documents[URIRef(_text(q.subject))] = [
                (URIRef(t.predicate.value), _rdflib(t.object))
                for term in _TERMS
                for t in inner.quads_for_pattern(q.subject, term, None, q.graph_name)
            ]
    return parts


def _counts(inner: ox.Store, graphs: list[str]) -> dict[str, int]:
    """The triples of each graph, less its build record: one count a graph (about 1 ms for
    a document of 2,700 quads), which is faster than one GROUP BY over the whole store
    (2.6 ms a graph at 10,000 documents) even when every graph is counted."""
    record = len(RECORD)  # the build record's quads, in each document's graph, are not data
    return {g: int(_select(inner, _COUNT_ONE.format(graph=g))[0]["n"].value) - record for g in graphs}


@dataclass(frozen=True)
class _Said:
    """What a store's description says of one graph: its count, and the kg version and
    file checksum it was counted for."""

    triples: int
    key: tuple[str, str] | None


def _described(inner: ox.Store, name: ox.NamedNode) -> dict[str, _Said]:
    """Each graph's part in the description ``name``, read by three scans of its index."""
    found: dict[ox.NamedNode, dict[str, str]] = {p: {} for p in (_TRIPLES, _CHECKSUM, _BUILT_WITH)}
    for p, values in found.items():
        for q in inner.quads_for_pattern(None, p, None, name):
            if q.subject != name:
                values[_text(q.subject)] = _text(q.object)
    version, checksum = found[_BUILT_WITH], found[_CHECKSUM]
    return {
        g: _Said(int(n), (version[g], checksum[g]) if g in version and g in checksum else None)
        for g, n in found[_TRIPLES].items()
    }


def _part_quads(
    inner: ox.Store,
    name: ox.NamedNode,
    graph: str,
    triples: int,
    entry: Entry,
    roots: set[tuple[ox.NamedNode, ox.NamedNode]],
    dates: list[str],
) -> list[ox.Quad]:
    """The quads of one graph's part of the description (as :func:`description` states a
    :class:`Part`); its documents go into ``roots``, their issue dates into ``dates``."""
    g = ox.NamedNode(graph)
    out = [
        ox.Quad(name, _SUBSET, g, name),
        ox.Quad(g, _TYPE, _VOID_DATASET, name),
        ox.Quad(g, _TRIPLES, ox.Literal(triples), name),
    ]
    if entry.checksum:
        out.append(ox.Quad(g, _CHECKSUM, ox.Literal(entry.checksum), name))
    if entry.version:
        out.append(ox.Quad(g, _BUILT_WITH, ox.Literal(entry.version), name))
    for q in inner.quads_for_pattern(None, _TYPE, _DOCUMENT, g):
        doc = q.subject
        if not isinstance(doc, ox.NamedNode):
            raise ValueError(f"not a term of a kg description: {doc}")
        roots.add((g, doc))
        out.append(ox.Quad(g, _ROOT, doc, name))
        out.extend(ox.Quad(g, _LABEL, t.object, name) for t in inner.quads_for_pattern(doc, _LABEL, None, g))
        dates.extend(_text(t.object) for t in inner.quads_for_pattern(doc, _ISSUED, None, g))
    return out


def _dataset_quads(
    name: ox.NamedNode,
    base: str,
    software: ox.NamedNode,
    version: str,
    documents: int,
    triples: int,
    modified: str | None,
    stamp: str,
    whole: bool,
) -> list[ox.Quad]:
    """What :func:`description` says of the dataset itself: its totals (those of
    :data:`_TOTALS`), and with ``whole`` what does not depend on the documents."""
    plural = "s" if documents != 1 else ""
    said = [
        (_TITLE, ox.Literal(f"Responsibilities in {documents} policy document{plural}", language="en")),
        (_TITLE, ox.Literal(f"{documents} 份政策文件的职责分工", language="zh-Hans")),
        (_TRIPLES, ox.Literal(triples)),
        (_DOCUMENTS, ox.Literal(documents)),
        (_STAMP, ox.Literal(stamp, datatype=ox.NamedNode(str(XSD.dateTime)))),
    ]
    if modified is not None:
        said.append((_MODIFIED, ox.Literal(modified, datatype=ox.NamedNode(str(XSD.date)))))
    out = [ox.Quad(name, p, o, name) for p, o in said]
    if whole:
        d = description([], base, version)  # the rest, as description() writes it, with no parts
        fixed = {p for p, _ in said} | {_SUBSET}
        for s, p, o in d:
            if _n(p) not in fixed and s in (URIRef(name.value), URIRef(software.value)):
                out.append(ox.Quad(_n(s), _n(p), _ox(o), name))
    return out


def _modified(
    inner: ox.Store,
    name: ox.NamedNode,
    stale: set[str],
    old: dict[str, _Said],
    roots: set[tuple[ox.NamedNode, ox.NamedNode]],
    dates: list[str],
) -> str | None:
    """The newest issue date of the documents once the stale parts are replaced: from the
    last description's and the new parts' dates, unless a part that goes may have held the
    newest; then from every described document's date (two index scans)."""
    said = next((_text(q.object) for q in inner.quads_for_pattern(name, _MODIFIED, None, name)), None)
    newest = max([d for d in (said, *dates) if d is not None], default=None)
    if said is None or not stale & old.keys() or (dates and max(dates) >= said):
        return newest
    kept = {
        (q.subject, q.object)
        for q in inner.quads_for_pattern(None, _ROOT, None, name)
        if _text(q.subject) not in stale
    }
    kept |= roots
    issued = inner.quads_for_pattern(None, _ISSUED, None, None)
    return max((_text(q.object) for q in issued if (q.graph_name, q.subject) in kept), default=None)


def _about(inner: ox.Store, subject: ox.NamedNode, name: ox.NamedNode) -> list[ox.Quad]:
    return list(inner.quads_for_pattern(subject, None, None, name))


def _has(inner: ox.Store, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode, g: ox.NamedNode) -> bool:
    return next(inner.quads_for_pattern(s, p, o, g), None) is not None


def _number(inner: ox.Store, subject: ox.NamedNode, predicate: ox.NamedNode) -> int:
    found = next(inner.quads_for_pattern(subject, predicate, None, subject), None)
    return int(_text(found.object)) if found is not None else 0


def _update(inner: ox.Store, drop: list[str], gone: list[ox.Quad], added: list[ox.Quad]) -> None:
    """Drop the graphs ``drop``, take out ``gone`` and add ``added``, in one transaction (a
    SPARQL update is one), so that a description is never seen half written."""
    steps = [f"DROP SILENT GRAPH <{g}>" for g in drop]
    for verb, quads in (("DELETE", gone), ("INSERT", added)):
        if quads:
            body = "\n".join(
                f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads
            )
            steps.append(f"{verb} DATA {{\n{body}\n}}")
    if steps:
        inner.update(" ;\n".join(steps))


def _n(term: Node) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _ox(term: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal of a description as pyoxigraph's term."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=_n(term.datatype or XSD.string))
    return _n(term)


_CHECKSUM = ox.NamedNode(str(KG.fileChecksum))
_BUILT_WITH = ox.NamedNode(str(KG.builtWith))
_SUBSET, _ROOT = ox.NamedNode(str(VOID.subset)), ox.NamedNode(str(VOID.rootResource))
_TRIPLES, _DOCUMENTS = ox.NamedNode(str(VOID.triples)), ox.NamedNode(str(VOID.documents))
_VOID_DATASET, _ATTRIBUTED = ox.NamedNode(str(VOID.Dataset)), ox.NamedNode(str(PROV.wasAttributedTo))
_LABEL, _ISSUED = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(DCTERMS.issued))
_TITLE, _MODIFIED = ox.NamedNode(str(DCTERMS.title)), ox.NamedNode(str(DCTERMS.modified))
_STAMP = ox.NamedNode(str(STAMP))
# The dataset's statements that follow its documents: replaced whenever a part is.
_TOTALS = (_TITLE, _TRIPLES, _DOCUMENTS, _MODIFIED, _STAMP)


def _select(inner: ox.Store, query: str) -> list:
    found = inner.query(query)
    assert isinstance(found, ox.QuerySolutions)
    return list(found)


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """A pyoxigraph term as the rdflib term kg writes (plain strings, ``zh-Hans`` tags)."""
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=language_tag(term.language))
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return URIRef(_text(term))


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """The IRI or lexical form of a term; a description holds no blank nodes or triple terms."""
    if isinstance(term, ox.Triple | ox.BlankNode):
        raise ValueError(f"not a term of a kg description: {term}")
    return term.value
