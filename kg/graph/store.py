"""The store: a persistent pyoxigraph store on disk that *is* the graph of a corpus.

Each document is one named graph (``id:graph/DOC``); its own graph also holds the build
record kg needs to rebuild incrementally (the file it came from, the SHA-256 of its bytes, the
kg version that built it), so a document and its record are replaced, or removed, together,
in one transaction. Queries run on pyoxigraph with the union of the named graphs as the
default graph; code that walks the graph with rdflib's API reads the same store through
oxrdflib (:meth:`Store.graph`), so nothing is copied into memory.

Why pyoxigraph: it bulk-loads and answers joins one to two orders of magnitude faster than
rdflib's memory store, keeps the corpus on disk, and is the engine ``kg serve`` already runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, XSD

from kg.errors import GraphError
from kg.graph.rdf import bind_prefixes
from kg.ns import KG
from kg.output import shown
from kg.parse.citations import normalise_wenhao

DEFAULT_STORE = "kg-store"
STORE_ENV = "KG_STORE"
_SOURCE_PATH = ox.NamedNode(str(KG.sourcePath))
_FILE_CHECKSUM = ox.NamedNode(str(KG.fileChecksum))
_BUILT_WITH = ox.NamedNode(str(KG.builtWith))
_SUMMARY = ox.NamedNode(str(KG.buildSummary))
_MARK = "kg-store"  # a file kg writes in every store folder, so a folder is known to be one
# A file a build writes before it bulk-loads documents (their graphs, one a line) and deletes
# once their build records are in: a bulk load is not one transaction, so a store that still
# has it was stopped mid-load, and its graphs without a record are parts of documents.
_PENDING = "kg-pending"


# The stores this process has open, by real path: (store, writable). A store folder is locked
# by the process that writes it, so the process opens each once and shares it; a reader opened
# before a writer is replaced by the writer, which sees the same data.
_OPEN: dict[str, tuple[ox.Store, bool]] = {}


@dataclass(frozen=True)
class Entry:
    """One document of a store: its named graph and the build record beside it."""

    graph: str
    source: str  # the absolute path of the file it was built from
    checksum: str  # SHA-256 of that file's bytes
    version: str  # the kg version that built it
    summary: str = ""  # what the build found, as JSON (printed again when it is unchanged)


def default_store() -> Path:
    """The store a command reads when none is named: ``$KG_STORE``, else ``./kg-store``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


class Store:
    """A kg store: a pyoxigraph store (on disk, or in memory for a graph file or the sample)
    and the words that name it in a command's first line."""

    def __init__(self, inner: ox.Store, path: Path | None, name: str):
        self.inner, self.path, self.name = inner, path, name

    @classmethod
    def open(cls, path: str | Path, create: bool = False) -> Store:
        """The store in folder ``path``; ``create`` makes it when missing (``kg build``).

        :raises GraphError: no store there (and how to build one), or one that cannot be opened.
        """
        p = Path(path)
        if not create and not (p / _MARK).is_file():
            what = "is not a kg store" if p.exists() else "does not exist"
            raise GraphError(
                f"no store at {shown(p)} (the folder {what}): build one with `kg build DOC… "
                f"--store {shown(p)}`, or read a graph file with --graph FILE, or the bundled "
                "document with --sample"
            )
        try:
            os.fsencode(os.path.abspath(p)).decode("utf-8")
        except UnicodeDecodeError:
            raise GraphError(f"{shown(p)}: a store's path must be valid UTF-8 (pyoxigraph's rule)") from None
        if create:
            cls.check(p)
        key = os.path.realpath(p) if p.exists() else os.path.abspath(p)
        if (p / _PENDING).is_file():
            _complete(p, key)
        if key in _OPEN and (_OPEN[key][1] or not create):
            return cls(_OPEN[key][0], p, f"store {shown(p)}")
        try:
            if not create:  # a reader never locks the store, so `kg serve` and queries run side by side
                inner = ox.Store.read_only(os.path.abspath(p))
                _OPEN[os.path.realpath(p)] = (inner, False)
                return cls(inner, p, f"store {shown(p)}")
            p.mkdir(parents=True, exist_ok=True)
            inner = ox.Store(os.path.abspath(p))  # RocksDB locks by the path as given
            _OPEN[os.path.realpath(p)] = (inner, True)
            if create and not (p / _MARK).is_file():
                (p / _MARK).write_text("a kg store (pyoxigraph); read it with kg --store\n", "utf-8")
        except OSError as e:
            raise GraphError(f"cannot open the store at {shown(p)}: {e.strerror or e}") from None
        return cls(inner, p, f"store {shown(p)}")

    @staticmethod
    def exists(path: str | Path) -> bool:
        """Whether ``path`` holds a kg store."""
        return (Path(path) / _MARK).is_file()

    @staticmethod
    def check(path: str | Path) -> None:
        """Refuse, before any work, a place where a store cannot be made: a file, or a folder
        with other things in it."""
        p = Path(path)
        if Store.exists(p) or not p.exists():
            return
        if not p.is_dir():
            raise GraphError(f"{shown(p)}: not a folder, cannot hold a store")
        if any(p.iterdir()):
            raise GraphError(f"{shown(p)}: a folder that is not a kg store; name an empty or new folder")

    # -- reading ---------------------------------------------------------------------------

    def entries(self, whole: bool = True) -> dict[str, Entry]:
        """Every document's named graph → its build record (one scan of each record term,
        not four lookups a document: at 1,000 documents that was most of a no-op rebuild).
        ``whole`` false reads the checksum and kg version only, what tells whether a graph
        changed: the summaries are most of the records' bytes."""
        terms = (_FILE_CHECKSUM, _BUILT_WITH, _SOURCE_PATH, _SUMMARY)[: 4 if whole else 2]
        fields: dict[ox.NamedNode, dict[str, str]] = {p: {} for p in terms}
        for predicate, values in fields.items():
            for q in self.inner.quads_for_pattern(None, predicate, None, None):
                if q.subject == q.graph_name:
                    values[q.subject.value] = q.object.value  # type: ignore[union-attr]
        source, version, summary = fields.get(_SOURCE_PATH, {}), fields[_BUILT_WITH], fields.get(_SUMMARY, {})
        return {
            g: Entry(g, source.get(g, ""), checksum, version.get(g, ""), summary.get(g, ""))
            for g, checksum in fields[_FILE_CHECKSUM].items()
        }

    def documents(self) -> int:
        """How many documents the store holds (named graphs with a policy document)."""
        found = self.inner.query(
            f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH ?g {{ ?d a <{KG.PolicyDocument}> }} }}"
        )
        assert isinstance(found, ox.QuerySolutions)
        return int(next(iter(found))[0].value)

    def header(self) -> str:
        """The line a command prints first: which graph answers and how many documents it has."""
        n = self.documents()
        return f"{self.name}: {n} document{'s' if n != 1 else ''}"

    def graph(self) -> Dataset:
        """The store through rdflib's API (oxrdflib): the union of the named graphs as the
        default graph, SPARQL evaluated by pyoxigraph, triples read from disk as asked."""
        ds = Dataset(store=_UnionStore(store=self.inner), default_union=True)
        bind_prefixes(ds)
        return ds

    def named_graphs(self, graphs: Iterable[str] | None = None) -> list[tuple[str, list[ox.Quad]]]:
        """The quads of each named graph (all, or those named), sorted by graph IRI."""
        names = (
            sorted(g.value for g in self.inner.named_graphs() if isinstance(g, ox.NamedNode))
            if graphs is None
            else sorted(graphs)
        )
        return [(g, list(self.inner.quads_for_pattern(None, None, None, ox.NamedNode(g)))) for g in names]

    # -- writing ---------------------------------------------------------------------------

    def remove(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            self.inner.remove_graph(ox.NamedNode(graph))

    def put(self, graphs: list[str], nquads: list[bytes], records: list[ox.Quad], bulk: bool) -> None:
        """Add documents: ``nquads`` the quads of the named ``graphs`` (which the store must
        not hold), ``records`` their build records. Either one transaction (``bulk`` false:
        the quads are parsed in memory, a few documents), or a bulk load, which writes
        RocksDB's files directly, three times less CPU and a fifth of the memory of a
        transaction at 64 MB; then the records, in one transaction, and only after the
        quads. A bulk load is not atomic, so the graphs are first named in a pending file: a
        build stopped mid-load leaves it, and the next open of the store removes those graphs
        that have no record (:func:`_complete`), so that whole documents only are seen."""
        record = ox.serialize(records, format=ox.RdfFormat.N_QUADS) or b""
        if not bulk:
            self.inner.load(b"".join([*nquads, record]), format=ox.RdfFormat.N_QUADS)
            return
        assert self.path is not None
        pending = self.path / _PENDING
        with pending.open("w", encoding="utf-8") as f:
            f.write("".join(f"{g}\n" for g in graphs))
            f.flush()
            os.fsync(f.fileno())
        self.inner.bulk_load(b"".join(nquads), format=ox.RdfFormat.N_QUADS)
        self.inner.load(record, format=ox.RdfFormat.N_QUADS)
        self.inner.flush()
        pending.unlink()

    def flush(self) -> None:
        if self.path is not None:
            self.inner.flush()


def _complete(path: Path, key: str) -> None:
    """Take out of the store at ``path`` what a build stopped mid-load left: the graphs its
    pending file names that have no build record (part of a document each), then the file.
    Done by whoever opens the store next, reader or writer, unless a build holds it now (a
    running build removes the file itself)."""
    inner = _OPEN[key][0] if key in _OPEN and _OPEN[key][1] else None
    if inner is None:
        try:
            inner = ox.Store(os.path.abspath(path))
        except OSError:  # locked: a build is writing the store now
            return
    pending = path / _PENDING
    try:
        graphs = pending.read_text("utf-8").split()
    except FileNotFoundError:
        return
    for graph in graphs:
        g = ox.NamedNode(graph)
        if next(inner.quads_for_pattern(g, _FILE_CHECKSUM, None, g), None) is None:
            inner.remove_graph(g)
    inner.flush()
    pending.unlink()
    del inner


def _text(quad: ox.Quad | None) -> str:
    return quad.object.value if quad is not None and isinstance(quad.object, ox.Literal) else ""


def build_record(graph: str, source: str, checksum: str, version: str, summary: str) -> list[ox.Quad]:
    """The quads of a document's build record, in its own named graph."""
    g = ox.NamedNode(graph)
    return [
        ox.Quad(g, _SOURCE_PATH, ox.Literal(source), g),
        ox.Quad(g, _FILE_CHECKSUM, ox.Literal(checksum), g),
        ox.Quad(g, _BUILT_WITH, ox.Literal(version), g),
        ox.Quad(g, _SUMMARY, ox.Literal(summary), g),
    ]


class _UnionStore(OxigraphStore):
    """oxrdflib's store with each triple of the union read once: a triple that several
    documents' graphs hold (an agency's name) is one triple of the union, as in SPARQL."""

    def triples(self, triple_pattern, context=None) -> Iterator:
        inner = super().triples(triple_pattern, context)
        if context is not None and getattr(context, "identifier", None) != URIRef("urn:x-rdflib:default"):
            return inner
        return _distinct(inner)


def _distinct(found: Iterator) -> Iterator:
    seen: set = set()
    for triple, contexts in found:
        if triple not in seen:
            seen.add(triple)
            yield triple, contexts


CITATIONS = "/citations"  # the last segment of the graph of kg:cites between a store's documents
RECORD = frozenset({_SOURCE_PATH, _FILE_CHECKSUM, _BUILT_WITH, _SUMMARY})  # a build record's terms


def named_rdflib_graphs(store: Store, graphs: Iterable[str]) -> list[tuple[URIRef, Graph]]:
    """The named graphs given as rdflib graphs, without the store's build records: what
    ``graph.trig`` holds, one graph per document."""
    out = []
    for name, quads in store.named_graphs(graphs):
        data = ox.serialize(
            [ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.predicate not in RECORD],
            format=ox.RdfFormat.N_TRIPLES,
        )
        g = Graph()
        bind_prefixes(g)
        g.parse(data=data or b"", format="nt")
        out.append((URIRef(name), g))
    return out


_TYPE = ox.NamedNode(str(RDF.type))
_DOCUMENT = ox.NamedNode(str(KG.PolicyDocument))
_IDENTIFIER, _TITLE = ox.NamedNode(str(DCTERMS.identifier)), ox.NamedNode(str(DCTERMS.title))
_CITATION = ox.NamedNode(str(KG.citation))
_CITES = ox.NamedNode(str(KG.cites))


def store_citations(store: Store) -> tuple[list[str], set[tuple[str, str]]]:
    """The named graphs holding a document, and the ``kg:cites`` links between the documents
    by the rule of :func:`kg.graph.rdf.link_citations` (a citation is a document's title in
    《》, or ends with its 文号), found through an index of the names rather than by trying
    every pair of documents (which grows with the square of the corpus). The store is read
    by index scans, and the names (a lookup a document) only when some document cites."""
    inner = store.inner
    docs = {
        (q.subject, q.graph_name)
        for q in inner.quads_for_pattern(None, _TYPE, _DOCUMENT, None)
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.graph_name, ox.NamedNode)
    }
    refs: dict[str, set[str]] = {}
    for q in inner.quads_for_pattern(None, _CITATION, None, None):
        if (q.subject, q.graph_name) in docs and isinstance(q.object, ox.Literal):
            refs.setdefault(q.subject.value, set()).add(q.object.value)  # type: ignore[union-attr]
    graphs = sorted({g.value for _, g in docs})
    if not refs:  # names matter only to a citation
        return graphs, set()
    names: dict[str, set[str]] = {d.value: set() for d, _ in docs}
    for q in inner.quads_for_pattern(None, _IDENTIFIER, None, None):
        if (q.subject, q.graph_name) in docs and isinstance(q.object, ox.Literal):
            names[q.subject.value].add(normalise_wenhao(q.object.value))  # type: ignore[union-attr]
    if any(ref.startswith("《") for cited in refs.values() for ref in cited):  # a title is only 《…》
        for doc, g in docs:
            for q in inner.quads_for_pattern(doc, _TITLE, None, g):
                if isinstance(q.object, ox.Literal):
                    names[doc.value].add(f"《{q.object.value}》")
    exact: dict[str, set[str]] = {}
    ending: dict[str, set[str]] = {}
    for d, own in names.items():
        for n in own:
            exact.setdefault(n, set()).add(d)
            if not n.startswith("《"):
                ending.setdefault(n, set()).add(d)
    links: set[tuple[str, str]] = set()
    for d, cited in refs.items():
        for ref in cited:
            hits = set(exact.get(ref, ()))
            for k in range(len(ref) + 1):
                hits |= ending.get(ref[k:], set())
            links.update((d, other) for other in hits if other != d)
    return graphs, links


def citations_within(named: Iterable[tuple[str, Iterable[tuple[Any, Any, Any]]]]) -> list[ox.Triple]:
    """The ``kg:cites`` links between the documents of ``named`` (graphs given as their
    triples: subject, predicate and object), by the rule :func:`store_citations` applies to
    a store, found in a small in-memory store of just their types, names and citations: the
    links the citations graph of a store holding them has between them (the rule links two
    documents by their own names alone), known before the store has them."""
    memory = ox.Store()
    for graph, triples in named:
        g = ox.NamedNode(graph)
        memory.extend(
            ox.Quad(s, p, o, g) for s, p, o in triples if p in _NAMING or (p == _TYPE and o == _DOCUMENT)
        )
    _, links = store_citations(Store(memory, None, "the documents written"))
    return sorted((ox.Triple(ox.NamedNode(a), _CITES, ox.NamedNode(b)) for a, b in links), key=str)


_NAMING = frozenset({_CITATION, _IDENTIFIER, _TITLE})


def default_graph(inner: ox.Store) -> Graph:
    """The default graph of a pyoxigraph store through rdflib's API: a union made once, so
    each triple is read once, without the filter a union of named graphs needs."""
    g = Graph(store=_DefaultGraphStore(inner), identifier=DATASET_DEFAULT_GRAPH_ID)
    bind_prefixes(g)
    return g


# the literals a store matches by their text: strings, with or without a language
_BY_TEXT = frozenset({ox.NamedNode(str(XSD.string)), ox.NamedNode(str(RDF.langString))})


class _DefaultGraphStore(OxigraphStore):
    """oxrdflib's store over the default graph, each term converted once: the views ask
    hundreds of thousands of small questions of a large document, and converting the same
    IRIs between rdflib and pyoxigraph again for each (and making a Graph for the context
    of every triple) was most of their time. The terms are those oxrdflib makes. A
    subject's triples are read once, when it is first asked about, and its next questions
    are answered from them (matched by term: a typed literal in a question is asked of the
    store, which matches it by value)."""

    def __init__(self, inner: ox.Store) -> None:
        super().__init__(store=inner)
        self._to: dict = {}
        self._from: dict = {}
        self._subjects: dict = {}  # subject → {predicate: [objects]}, each read once
        self._contexts = (Graph(identifier=DATASET_DEFAULT_GRAPH_ID, store=self),)

    def triples(self, triple_pattern, context=None) -> Iterator:
        if context is not None and getattr(context, "identifier", None) != DATASET_DEFAULT_GRAPH_ID:
            return super().triples(triple_pattern, context)
        to, term = self._to, self._term
        pattern: list = []
        for t in triple_pattern:
            found = None if t is None else to.get(t)
            if t is not None and found is None:
                found = to[t] = _to_ox(t)
            pattern.append(found)
        s, p, o = pattern
        contexts = self._contexts
        if s is None or (isinstance(o, ox.Literal) and o.datatype not in _BY_TEXT):
            # the store matches a typed literal by its value ("01"^^xsd:integer is 1), not its text
            return (
                ((term(q.subject), term(q.predicate), term(q.object)), iter(contexts))
                for q in self._inner.quads_for_pattern(s, p, o, ox.DefaultGraph())
            )
        described = self._subjects.get(s)
        if described is None:
            described = self._subjects[s] = self._describe(s)
        subject = term(s)
        if p is not None:
            objects = described.get(p, ())
            if o is not None:
                objects = [o] if o in objects else ()
            predicate = term(p)
            return (((subject, predicate, term(x)), iter(contexts)) for x in objects)
        return (
            ((subject, term(q), term(x)), iter(contexts))
            for q, objects in described.items()
            for x in objects
            if o is None or x == o
        )

    def _describe(self, s) -> dict:
        """A subject's objects by predicate, in the store's order, read in one index scan:
        the views ask a node for one predicate after another (140,000 questions of a
        5,000-task document), and for a few predicates of each node."""
        out: dict = {}
        for q in self._inner.quads_for_pattern(s, None, None, ox.DefaultGraph()):
            out.setdefault(q.predicate, []).append(q.object)
        return out

    # what is written through the adapter clears what it has read (the views write nothing)
    def add(self, triple, context, quoted=False) -> None:
        self._subjects.clear()
        super().add(triple, context, quoted)

    def addN(self, quads) -> None:  # noqa: N802 (rdflib's name)
        self._subjects.clear()
        super().addN(quads)

    def remove(self, triple, context=None) -> None:
        self._subjects.clear()
        super().remove(triple, context)

    def update(self, *args, **kwargs) -> None:
        self._subjects.clear()
        super().update(*args, **kwargs)

    def remove_graph(self, graph) -> None:
        self._subjects.clear()
        super().remove_graph(graph)

    def _term(self, t):
        found = self._from.get(t)
        if found is None:
            found = self._from[t] = _from_ox(t)
        return found


def _to_ox(term) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as pyoxigraph's term (kg graphs have no blank nodes)."""
    if isinstance(term, Literal):
        dt = ox.NamedNode(term.datatype) if term.datatype else None
        return ox.Literal(term, language=term.language, datatype=dt)
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    raise ValueError(f"kg graphs have no blank nodes: {term!r}")


def _from_ox(term) -> URIRef | Literal:
    """A pyoxigraph term as rdflib's, as oxrdflib converts it (plain strings keep xsd:string)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"kg graphs have no blank nodes: {term!r}")


def link_store_citations(store: Store) -> int:
    """Bring the store's citations graph up to date: ``kg:cites`` between the documents it
    holds (:func:`store_citations`), named beside the documents' graphs (under the base IRI
    they were built with). Only the links that changed are written, so a rebuild of one
    document costs one query over the documents' names, not a rewrite. Returns how many
    links it holds."""
    graphs, links = store_citations(store)
    name = graphs[0].rsplit("/", 1)[0] + CITATIONS if graphs else None
    cites = _CITES
    have: set[tuple[str, str]] = set()
    for old in [g for g in store.inner.named_graphs() if isinstance(g, ox.NamedNode)]:
        if not old.value.endswith(CITATIONS):
            continue
        if old.value != name:
            store.inner.remove_graph(old)
            continue
        for q in store.inner.quads_for_pattern(None, None, None, old):
            a, b = q.subject, q.object
            if q.predicate == cites and isinstance(a, ox.NamedNode) and isinstance(b, ox.NamedNode):
                have.add((a.value, b.value))
            else:
                store.inner.remove(q)
    if name is None:
        return 0
    g = ox.NamedNode(name)
    for s, o in sorted(have - links):
        store.inner.remove(ox.Quad(ox.NamedNode(s), cites, ox.NamedNode(o), g))
    store.inner.extend([ox.Quad(ox.NamedNode(s), cites, ox.NamedNode(o), g) for s, o in sorted(links - have)])
    return len(links)


def on_store(g: Graph) -> bool:
    """Whether ``g`` reads a store through oxrdflib (where a triple read costs a disk lookup,
    and an answer is faster drawn into memory with one query first)."""
    return isinstance(getattr(g, "store", None), OxigraphStore)


def construct(g: Graph, query: str) -> Graph:
    """The triples of a CONSTRUCT query run by pyoxigraph on the store behind ``g``, as a
    small in-memory rdflib graph that the answer code walks as it walks any graph."""
    inner = g.store._inner  # type: ignore[attr-defined]
    found = inner.query(query, use_default_graph_as_union=True)
    assert isinstance(found, ox.QueryTriples)
    data = ox.serialize(list(found), format=ox.RdfFormat.N_TRIPLES) or b""
    out = Graph()
    bind_prefixes(out)
    out.parse(data=data, format="nt")
    return out
