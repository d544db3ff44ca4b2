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
from kg.graph.store import RECORD, Store
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

_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
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


def describe_store(store: Store, created: str | None = None) -> Graph:
    """Replace the description of ``store`` by one of what it holds now, stamped with the
    build time (``created``, else now), and return it.

    Cheap at any size: the documents and file checksums come from the build records, the
    labels and dates from index lookups on the documents' own nodes, and each graph's count
    from the last description when its file is the one counted then (a graph is rebuilt
    only when its file or kg's version changes), else from the store, which counts a graph
    on its index.
    """
    inner = store.inner
    known = _known_counts(store)
    for old in description_graphs(store):
        inner.remove_graph(ox.NamedNode(old))
    entries = store.entries()
    if not entries:
        return Graph()
    record = len(RECORD)  # the build record's quads, in each document's graph, are not data
    todo = [g for g, e in entries.items() if known.get(g, ("", 0))[0] != f"{e.version} {e.checksum}"]
    counts = {g: n for g, (_, n) in known.items()}
    if len(todo) > COUNT_EACH:
        counts.update({row["g"].value: int(row["n"].value) - record for row in _select(inner, _COUNTS)})
    else:
        for g in todo:
            counts[g] = int(_select(inner, _COUNT_ONE.format(graph=g))[0]["n"].value) - record
    parts = _parts(store, entries, counts)
    stamp = created or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    base = _base_of(min(entries))
    d = description(parts.values(), base, created=stamp)
    name = ox.NamedNode(f"{base}{DATASET}")
    data = ox.parse(d.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    inner.extend([ox.Quad(t.subject, t.predicate, t.object, name) for t in data])
    return d


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


COUNT_EACH = 64  # graphs to count: above this, one GROUP BY over the store is faster


def _known_counts(store: Store) -> dict[str, tuple[str, int]]:
    """Each graph's count in the store's last description, with the kg version and file
    checksum it was counted for."""
    out: dict[str, tuple[str, int]] = {}
    for name in description_graphs(store):
        g = ox.NamedNode(name)
        for q in store.inner.quads_for_pattern(None, ox.NamedNode(str(VOID.triples)), None, g):
            if q.subject == g:
                continue
            checksum = next(store.inner.quads_for_pattern(q.subject, _CHECKSUM, None, g), None)
            version = next(store.inner.quads_for_pattern(q.subject, _BUILT_WITH, None, g), None)
            if checksum is not None and version is not None:
                key = f"{_text(version.object)} {_text(checksum.object)}"
                out[_text(q.subject)] = (key, int(_text(q.object)))
    return out


_CHECKSUM = ox.NamedNode(str(KG.fileChecksum))
_BUILT_WITH = ox.NamedNode(str(KG.builtWith))


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
