"""``kg build``: documents → the store (and graph files and maps), with a summary a person
can check.

Each document is read, parsed and turned into quads by :func:`build_document`, a pure function
of its bytes (so it runs in a process pool or on a Dask cluster), then replaces its own named
graph in the store. The summary is computed from the document model, not from the graph, so
it states what the parser found; ``kg validate`` checks that the graph says the same.
"""

from __future__ import annotations

import concurrent.futures
import functools
import gc
import glob
import hashlib
import json
import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.engine import beside, dask_map
from kg.errors import GraphError, InputError, KgError, OptionError
from kg.graph.describe import describe_documents, describe_store
from kg.graph.load import DEFAULT_OUT, bundled_document
from kg.graph.rdf import Triple, bind_prefixes, document_triples, nquads_text
from kg.graph.serialize import quad_triples, term_triples, turtle_and_trig
from kg.graph.store import (
    RECORD,
    Store,
    build_record,
    citations_within,
    default_graph,
    default_store,
    link_store_citations,
)
from kg.ids import check_base
from kg.model import Document
from kg.ns import DEFAULT_BASE
from kg.output import check as check_outputs
from kg.output import shown, write_files
from kg.parse.document import parse_source
from kg.query.resolve import resolve_documents
from kg.text.read import MAX_BYTES, read_bytes, read_file_bytes
from kg.version import __version__
from kg.views.data import view_data
from kg.views.report import report
from kg.views.viz import network, render_map
from kg.vocab import LEAD, ROLE_KEYS, ROLES

Terms = tuple[Any, Any, Any]  # a triple as pyoxigraph terms: a document's writer's, or a store's
P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class DocumentSummary:
    """What one document yielded, for the terminal and for JSON."""

    document: str
    identifier: str | None
    title: str | None
    issuer: str | None
    date: str | None
    sections: int
    tasks: int
    agencies: int
    collectives: int
    responsibilities: dict[str, int]
    places: int
    targets: int
    tasks_without_lead: list[str]
    not_in_gazetteer: list[str]
    warnings: list[str]
    unassigned: int = 0

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        """What ``doc`` yielded, read from the model (a graph of its own, made for the one
        query of tasks without a lead, was a tenth of a document's build)."""
        tasks = doc.tasks()
        roles = Counter(r.role for t in tasks for r in t.responsibilities)
        used = {r.agency for t in tasks for r in t.responsibilities}
        agencies = [doc.agencies[k] for k in sorted(used)]
        issuer = doc.agencies[doc.issuer].full if doc.issuer in doc.agencies else doc.issuer_name
        return cls(
            document=doc.source,
            identifier=doc.identifier,
            title=doc.title,
            issuer=issuer,
            date=doc.date,
            sections=len(doc.sections),
            tasks=len(tasks),
            agencies=len(agencies),
            collectives=sum(1 for a in agencies if a.collective),
            responsibilities={role: roles.get(role, 0) for role in ROLE_KEYS},
            places=len({k for t in tasks for k in t.places}),
            targets=sum(len(s.targets) for s in doc.sections) + sum(len(t.targets) for t in tasks),
            tasks_without_lead=_without_lead(doc),
            not_in_gazetteer=sorted(a.short for a in agencies if not a.known and not a.collective),
            warnings=[_warning_line(w) for w in doc.warnings],
            unassigned=doc.unassigned,
        )

    def lines(self) -> list[str]:
        head = " ".join(x for x in (self.identifier, self.issuer, self.date) if x)
        r = self.responsibilities
        out = [
            f"{head or self.document}  [{self.document}]",
            f"  {self.title}" if self.title else None,
            f"  sections {self.sections} · tasks {self.tasks} · agencies {self.agencies}"
            f" ({self.collectives} collective) · places {self.places} · targets {self.targets}",
            f"  responsibilities: lead {r['lead']} · support {r['support']} · shared {r['shared']}",
            f"  tasks without a lead: {len(self.tasks_without_lead)}"
            + (f" ({', '.join(self.tasks_without_lead)})" if self.tasks_without_lead else ""),
            f"  agencies not in the gazetteer: {len(self.not_in_gazetteer)}"
            + (f" ({', '.join(self.not_in_gazetteer)})" if self.not_in_gazetteer else ""),
            f"  text in no task or section: {self.unassigned} characters",
            f"  warnings: {len(self.warnings)}",
            *(f"    {w}" for w in self.warnings[:12]),
            f"    … {len(self.warnings) - 12} more" if len(self.warnings) > 12 else None,
        ]
        return [line for line in out if line is not None]


SUMMARY_LIMIT = 10  # documents built: above this the summary gives totals (--format json: all)


def _totals(summaries: list[DocumentSummary]) -> list[str]:
    roles: Counter[str] = Counter()
    for s in summaries:
        roles.update(s.responsibilities)
    without = sum(1 for s in summaries if s.tasks_without_lead)
    return [
        f"built {len(summaries)} documents: tasks {sum(s.tasks for s in summaries)} · "
        f"responsibilities: lead {roles['lead']} · support {roles['support']} · shared {roles['shared']}",
        f"  documents with tasks without a lead: {without}",
        f"  warnings: {sum(len(s.warnings) for s in summaries)} (kg build --format json lists them)",
    ]


def _without_lead(doc: Document) -> list[str]:
    """The paths the named query ``tasks-without-lead`` gives on the document's own graph, in
    its order: a task with no 牵头 and a responsibility or no sub-task, by where it starts;
    tasks of one path are one node of the graph, so they are taken together
    (tests/graph/test_summary.py holds this equal to the query on every fixture)."""
    by_path: dict[str, list] = {}
    for t in doc.tasks():
        by_path.setdefault(t.path, []).append(t)
    rows: list[tuple[int, str]] = []
    for path, same in by_path.items():
        if any(r.role == LEAD.key for t in same for r in t.responsibilities):
            continue
        if any(t.responsibilities for t in same) or not any(t.children for t in same):
            rows.extend((start, path) for start in sorted({t.span.start for t in same}))
    return [path for _, path in sorted(rows)]


def _warning_line(w) -> str:
    where = f"line {w.line}, column {w.column}: " if w.line else ""
    return f"{where}{w.message}"


@dataclass
class BuildResult:
    """What a build made: the store it filled (``store``, a :class:`~kg.graph.store.Store`
    that every query function takes; ``dataset()`` reads it as an rdflib Dataset), what each
    document yielded, and the files written."""

    documents: list[Document]
    summaries: list[DocumentSummary]
    files: dict[str, Path] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    store: Store | None = None
    header: str = ""  # the store's line in the summary: where it is and how many documents

    def dataset(self) -> Dataset:
        """The store through rdflib's API: one named graph per document, the union of them as
        the default graph, read from disk as asked (nothing copied into memory)."""
        if self.store is None:
            raise GraphError("this build result names no store")
        return self.store.graph()

    def lines(self) -> list[str]:
        out: list[str] = []
        if len(self.summaries) <= SUMMARY_LIMIT:
            for s in self.summaries:
                out.extend(s.lines())
        else:
            out.extend(_totals(self.summaries))
        if self.unchanged:
            out.append(
                f"unchanged: {len(self.unchanged)} document{'s' if len(self.unchanged) != 1 else ''}"
                " (same bytes and kg version as in the store: not parsed again)"
            )
        out.extend(f"skipped: {s}" for s in self.skipped)
        if self.header:
            out.append(self.header)
        for name, path in self.files.items():
            out.append(f"{name}: {shown(path)}")
        return out


def _few_collections(f: Callable[P, R]) -> Callable[P, R]:
    """Run ``f`` with Python's cyclic collector paused: a build allocates millions of objects
    that live to its end (terms, triples, spans), and the collector would walk them again and
    again, about half the time of a 20,000-task build; the build itself makes little cyclic
    garbage, which is collected once it returns."""

    @functools.wraps(f)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was = gc.isenabled()
        gc.disable()
        try:
            return f(*args, **kwargs)
        finally:
            if was:
                gc.enable()

    return paused


@dataclass(eq=False)
class Built:
    """What one document yields, as a worker returns it: a pure function of its bytes, so
    that it can run in another process or on another machine (``--engine dask``)."""

    source: str  # the path given, as given
    checksum: str
    graph: str | None = None
    document: str | None = None  # the document id
    nquads: bytes = b""
    triples: int = 0  # the quads of ``nquads`` (distinct): its graph's count in the description
    summary: DocumentSummary | None = None
    error: str | None = None
    model: Document | None = None  # only when built in this process
    terms: list[Triple] | None = None  # the triples of ``nquads`` as terms: only in this process


def build_document(
    data: bytes, source: str, base: str = DEFAULT_BASE, ocr: bool = False, keep_model: bool = False
) -> Built:
    """Read, parse and graph one document given as its bytes: the per-document work of a
    build, depending on nothing but the bytes, the base IRI and the gazetteer."""
    checksum = hashlib.sha256(data).hexdigest()
    try:
        doc = parse_source(read_bytes(data, name=Path(source).name, ocr=ocr))
        _require_clauses(doc)
    except KgError as e:
        return Built(source, checksum, error=str(e))
    graph, triples = document_triples(doc, base)
    nquads = nquads_text(graph, triples)
    summary = DocumentSummary.of(doc)
    if not keep_model:
        return Built(source, checksum, graph, doc.id, nquads, len(triples), summary)
    return Built(source, checksum, graph, doc.id, nquads, len(triples), summary, model=doc, terms=triples)


@_few_collections
def build(
    docs: list[str | Path] | None = None,
    out: str | Path | None = None,
    store: str | Path | Store | None = None,
    base: str = DEFAULT_BASE,
    keep_going: bool = False,
    views: bool = True,
    max_bytes: int = MAX_BYTES,
    ocr: bool = False,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build documents (default: the bundled one) into the store, and with ``out`` also write
    graph.ttl, graph.trig and the maps of these documents there.

    ``docs`` are files, folders (read recursively), glob patterns or ``@list.txt`` files. A
    document whose bytes and kg version are those of its last build is not parsed again; a
    changed one replaces its own named graph only. A document with no numbered tasks or no
    responsibility clause is refused (the store is left as it was) unless ``keep_going``,
    which skips it and builds the rest. ``jobs`` parses in that many processes; ``engine``
    "dask" maps the documents over a Dask cluster (``scheduler`` its address, else a local
    one). ``progress(done, total)`` is called as documents finish.
    """
    check_base(base)
    sample = not docs
    if sample and out is None:
        out = DEFAULT_OUT
    files = output_files(Path(out), views) if out is not None else {}
    check_outputs(list(files.values()))  # a bad destination fails before any work
    paths = expand_inputs(docs) if docs else [bundled_document()]
    where = None if isinstance(store, Store) else Path(store or default_store())
    if where is not None:
        Store.check(where)  # before any work; a new store is made only once documents are built
    st: Store | None = store if isinstance(store, Store) else None
    if where is not None and Store.exists(where):
        st = Store.open(where, create=True)
    before = st.entries() if st is not None else {}
    by_source = {e.source: e for e in before.values()}
    version = __version__
    todo: list[tuple[str, bytes]] = []
    unchanged: list[Built] = []
    skipped: list[str] = []
    for path in paths:
        try:
            data = read_file_bytes(path, max_bytes)
        except KgError as e:
            if not keep_going:
                raise
            skipped.append(str(e))
            continue
        checksum = hashlib.sha256(data).hexdigest()
        known = by_source.get(_key(path))
        if known is not None and known.checksum == checksum and known.version == version:
            unchanged.append(Built(str(path), checksum, known.graph, summary=_summary(known.summary)))
        else:
            todo.append((str(path), data))
    order = {}  # Built → its place among the inputs, so the summary follows the command line
    rank = {_key(p): i for i, p in enumerate(paths)}
    for b in unchanged:
        order[b] = rank.get(_key(b.source), len(rank))
    good: list[Built] = []
    touched: set[str] = set()  # the graphs written or taken out: their description is made again
    seen: dict[str, str] = {b.graph: b.source for b in unchanged if b.graph}
    batch: list[Built] = []
    pending = 0
    for b in _run(todo, base, ocr, jobs, engine, scheduler, progress, keep_model=out is not None):
        order[b] = rank.get(_key(b.source), len(rank))
        problem = b.error
        if problem is None and b.graph in seen:
            problem = f"{shown(b.source)} and {shown(seen[b.graph])} are the same document ({b.document})"
        if problem is not None:
            if not keep_going:
                raise InputError(problem)
            skipped.append(problem)
            continue
        assert b.graph is not None
        seen[b.graph] = b.source
        if batch and pending + len(b.nquads) > BATCH_BYTES:  # the last batch is left for the end
            st, put = _prepare(st, where, batch, before, by_source, version, touched)
            put()
            for stored in batch:
                stored.terms = None  # kept for the last batch only: the others are read from their N-Quads
                if out is None:  # else the files of ``-o`` are written from them, faster than from disk
                    stored.nquads = b""
            batch, pending = [], 0
        good.append(b)
        batch.append(b)
        pending += len(b.nquads)
    if not good and not unchanged:
        raise InputError("no document could be built: " + "; ".join(skipped))
    st, put = _prepare(st, where, batch, before, by_source, version, touched)
    if st is None:  # every document unchanged, in a store given as a Store
        assert isinstance(store, Store)
        st = store
    done = st

    def finish() -> None:
        """The last batch into the store, then the store's citations and description."""
        put()
        link_store_citations(done)
        describe_store(done, changed=touched, counts={b.graph: b.triples for b in good if b.graph})
        done.flush()

    written: dict[str, Path] = {}
    if out is None:
        finish()
    else:
        graphs = [b.graph for b in [*good, *unchanged] if b.graph is not None]
        built = {b.graph: (b.nquads, b.terms) for b in good if b.graph is not None}
        for b in good:
            b.nquads, b.terms = b"", None  # held once, in ``built``
        written = write_outputs(st, sorted(set(graphs)), Path(out), views, built, finish)
    return BuildResult(
        [b.model for b in good if b.model is not None],
        [b.summary for b in sorted([*good, *unchanged], key=order.__getitem__) if b.summary is not None],
        written,
        skipped,
        unchanged=[b.source for b in unchanged],
        store=st,
        header=st.header(),
    )


def _summary(text: str) -> DocumentSummary | None:
    try:
        return DocumentSummary(**json.loads(text)) if text else None
    except (ValueError, TypeError):  # a record of another kg version: it is rebuilt anyway
        return None


BATCH_BYTES = 64 * 1024 * 1024  # N-Quads held before they go into the store in one step
BULK_BYTES = 4 * 1024 * 1024  # from this size a batch is bulk-loaded (Store.put), not one transaction


def _prepare(
    st: Store | None,
    where: Path | None,
    batch: list[Built],
    before: dict,
    by_source: dict,
    version: str,
    touched: set[str],
) -> tuple[Store | None, Callable[[], None]]:
    """The store a batch of built documents goes into (made now if it is new), and the
    function that puts them there: it drops the graphs they replace, then loads them, so
    that each document is there whole or, if the build stops between the steps, absent
    (and built again next time); until it is called the store is as it was. The files of
    ``-o`` are made beside the last batch's load (:func:`write_outputs`)."""
    if not batch:
        return st, lambda: None
    if st is None:
        assert where is not None
        st = Store.open(where, create=True)
    doomed: set[str] = set()
    records: list[ox.Quad] = []
    for b in batch:
        assert b.graph is not None
        old = by_source.get(_key(b.source))
        if old is not None:
            doomed.add(old.graph)  # its last build, under this graph or another (a new 文号)
        if b.graph in before:
            doomed.add(b.graph)  # the same document built from another file
        record = json.dumps(b.summary.__dict__ if b.summary else {}, ensure_ascii=False, sort_keys=True)
        records.extend(build_record(b.graph, _key(b.source), b.checksum, version, record))
    touched.update(doomed, (b.graph for b in batch if b.graph))
    nquads = [b.nquads for b in batch]
    bulk = st.path is not None and sum(map(len, nquads)) >= BULK_BYTES
    graphs = [b.graph for b in batch if b.graph]
    target = st

    def load() -> None:
        target.remove(sorted(doomed))
        target.put(graphs, nquads, records, bulk=bulk)

    return st, load


def expand_inputs(docs: list[str | Path]) -> list[Path]:
    """Files as given; a folder → the files under it (recursively, sorted, hidden ones left
    out); a pattern with ``*``, ``?`` or ``[`` → the files it matches; ``@list.txt`` → the
    paths in the list, one a line (relative to the list's folder).

    :raises InputError: a pattern that matches nothing, a list that cannot be read.
    """
    out: list[Path] = []
    for given in docs:
        text = os.fspath(given)
        if text.startswith("@") and not Path(text).exists():
            listed = Path(text[1:])
            try:
                lines = listed.read_text("utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as e:
                raise InputError(f"{shown(listed)}: cannot read the list of documents ({e})") from None
            names = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
            out.extend(expand_inputs([p if Path(p).is_absolute() else listed.parent / p for p in names]))
        elif Path(text).is_dir():
            found = sorted(
                p
                for p in Path(text).rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(text).parts)
            )
            if not found:
                raise InputError(f"{shown(text)}: is a folder with no documents in it")
            out.extend(found)
        elif any(c in text for c in "*?[") and not Path(text).exists():
            found = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not found:
                raise InputError(f"{shown(text)}: no file matches this pattern")
            out.extend(found)
        else:
            out.append(Path(text))
    seen: set[str] = set()
    unique = []
    for p in out:
        if _key(p) not in seen:
            seen.add(_key(p))
            unique.append(p)
    return unique


def _key(path: str | Path) -> str:
    """How a store's build record names a file: its absolute path (``-``: standard input)."""
    return os.fspath(path) if os.fspath(path) == "-" else os.path.abspath(path)


def _run(
    todo: list[tuple[str, bytes]],
    base: str,
    ocr: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    progress: Callable[[int, int], None] | None,
    keep_model: bool,
) -> Iterator[Built]:
    """Build the documents in this process, in ``jobs`` processes, or on a Dask cluster; the
    results come back in input order, each as soon as it (and those before it) is done."""
    total = len(todo)
    if engine == "dask":
        yield from dask_map(build_document, todo, base, ocr, scheduler, jobs, progress)
        return
    if engine != "local":
        raise OptionError(f"unknown engine {engine!r}: use local or dask")
    if jobs <= 1 or total <= 1:
        for done, (source, data) in enumerate(todo, 1):
            yield build_document(data, source, base, ocr, keep_model)
            if progress:
                progress(done, total)
        return
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    size = max(1, min(16, total // (jobs * 4) or 1))
    chunks = iter([todo[i : i + size] for i in range(0, total, size)])
    done = 0
    with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context) as pool:
        ahead: deque[concurrent.futures.Future[list[Built]]] = deque()
        for chunk in chunks:
            ahead.append(pool.submit(_build_chunk, chunk, base, ocr, keep_model))
            if len(ahead) >= jobs * AHEAD:
                break
        while ahead:
            results = ahead.popleft().result()
            for chunk in chunks:  # one more sent for the one taken
                ahead.append(pool.submit(_build_chunk, chunk, base, ocr, keep_model))
                break
            for b in results:
                done += 1
                yield b
                if progress:
                    progress(done, total)


AHEAD = 3  # chunks a worker may have built or be building before the store takes them


def _build_chunk(chunk: list[tuple[str, bytes]], base: str, ocr: bool, keep_model: bool) -> list[Built]:
    """Build a few documents in a worker. The workers run at most :data:`AHEAD` chunks
    ahead of the store: when the bulk load is the slower side, results that were all
    submitted at once (``pool.map``) piled up in the main process, 3.8 GB at 10,000
    documents."""
    out = [build_document(data, source, base, ocr, keep_model) for source, data in chunk]
    for b in out:
        b.terms = None  # pickling millions of terms back costs more than reading the N-Quads again
    return out


def write_outputs(
    st: Store,
    graphs: list[str],
    out_dir: Path,
    views: bool = True,
    built: dict[str, tuple[bytes, list[Terms] | None]] | None = None,
    finish: Callable[[], None] | None = None,
) -> dict[str, Path]:
    """graph.ttl (the union), graph.trig (one block a document, and one describing them) and
    the maps of ``graphs``, written as one all-or-nothing set.

    The files are written from the triples as pyoxigraph terms (no rdflib graph of them is
    made), and the maps read an in-memory pyoxigraph store of the union of just these
    documents: two million triples in rdflib's memory store took minutes and gigabytes. A
    graph in ``built`` (its N-Quads as this build stored them, and their terms when the
    build kept them) is taken from there, not read back: reading the N-Quads of a
    20,000-task document back as terms took 3 s, and from the store on disk four times as
    long. The other graphs are read from the store first.

    ``finish`` (a build's last load into the store, then its citations and description) runs
    in a thread while the files are made: pyoxigraph lets the thread go while it loads, and
    the files need the store only for the description of the documents, rendered last. From
    :data:`FORK_TRIPLES` triples the pages are made in a forked child (:func:`kg.engine.beside`),
    forked before the thread starts, so that the child holds no half-taken lock of it. The
    files are written only once ``finish`` has returned, and not if it fails."""
    built = built or {}
    stored: concurrent.futures.Future[None] | None = None
    try:
        texts = [(g, built[g][0]) for g in sorted(graphs) if g in built and built[g][0]]
        named = _named_triples(st, graphs, built)
        linked = citations_within(named)
        prefixes = Graph()
        bind_prefixes(prefixes)
        files = output_files(out_dir, views)
        from_text = {g for g, _ in texts}
        others = [t for g, triples in named if g not in from_text for t in triples]
        others.extend((t.subject, t.predicate, t.object) for t in linked)
        in_child = views and sum(len(triples) for _, triples in named) + len(linked) >= FORK_TRIPLES
        with (
            beside(functools.partial(_pages, texts, others, out_dir), fork=in_child) as pages,
            concurrent.futures.ThreadPoolExecutor(1) as pool,
        ):
            stored = pool.submit(finish) if finish is not None else None

            def described() -> Iterator[tuple[URIRef, Graph]]:
                if stored is not None:
                    stored.result()  # the store's error, raised here
                yield describe_documents(st, graphs)

            graph_ttl, graph_trig = turtle_and_trig(  # the subjects of one graph are rendered once for both
                prefixes,
                [(g, term_triples(triples)) for g, triples in named if triples],
                quad_triples(linked),
                described(),
            )
            contents: dict[Path, str | bytes] = {files["graph"]: graph_ttl, files["named graphs"]: graph_trig}
            if views:
                contents.update(pages())
    except BaseException as e:
        if finish is not None and stored is None:
            finish()  # the files failed before the store's load began: the store is finished all the same
        failed = stored.exception() if stored is not None else None
        if failed is not None and failed is not e:
            raise failed from e  # the store's load failed too: that is the error to report
        raise
    write_files(contents)
    return files


FORK_TRIPLES = 200_000  # from this many triples the pages are made in a child beside the files


def _pages(texts: list[tuple[str, bytes]], triples: list[Terms], out_dir: Path) -> dict[Path, str]:
    """map.html and report.html of the union of ``texts`` (graphs as their N-Quads,
    each line ending with its graph's name) and ``triples``, read from an in-memory
    pyoxigraph store (lenient: these triples were checked when they were parsed or stored).
    A graph's N-Quads become N-Triples by cutting its name from the end of each line (a
    line break in a literal is escaped, so one ends only a line): a tenth of the time of
    serialising its terms again."""
    memory = ox.Store()
    for graph, text in texts:
        lines = text.replace(f" <{graph}> .\n".encode(), b" .\n")
        memory.load(lines, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    if triples:
        data = ox.serialize([ox.Triple(*t) for t in triples], format=ox.RdfFormat.N_TRIPLES) or b""
        memory.load(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return dict(build_views(default_graph(memory), out_dir).values())


def _named_triples(
    st: Store, graphs: list[str], built: dict[str, tuple[bytes, list[Terms] | None]]
) -> list[tuple[str, list[Terms]]]:
    """Each graph's triples, without its build record, sorted by graph: the terms a build
    kept, else read from the N-Quads it stored, else from the store. ``built`` is emptied."""
    stored = dict(st.named_graphs([g for g in graphs if not any(built.get(g, (b"", None)))]))
    out = []
    for g in sorted(graphs):
        data, terms = built.pop(g, (b"", None))
        if terms is None:
            quads = ox.parse(data, format=ox.RdfFormat.N_QUADS) if data else stored[g]
            terms = [(q.subject, q.predicate, q.object) for q in quads if q.predicate not in RECORD]
        out.append((g, terms))
    return out


def _require_clauses(doc: Document) -> None:
    tasks = doc.tasks()
    if not tasks:
        raise InputError(
            f"{doc.source}: no numbered tasks found (一、 （一） 1. …); is this a policy document?"
        )
    if not any(t.responsibilities for t in tasks):
        raise InputError(
            f"{doc.source}: {len(tasks)} numbered items but no responsibility "
            f"clause ({', '.join(r.zh for r in ROLES)}, 责任单位 …)"
        )


def output_files(out_dir: Path, views: bool = True) -> dict[str, Path]:
    """What ``kg build`` writes into ``out_dir``, by name, known before any work."""
    files = {"graph": out_dir / "graph.ttl", "named graphs": out_dir / "graph.trig"}
    if views:
        files.update({"map": out_dir / "map.html", "report": out_dir / "report.html"})
    return files


def build_views(graph: Graph, out_dir: Path) -> dict[str, tuple[Path, str]]:
    """The pages ``kg build`` writes beside ``graph.ttl``; the caller writes them atomically."""
    data = view_data(graph)
    net = network(data)
    return {
        "map": (out_dir / "map.html", render_map(net)),
        "report": (out_dir / "report.html", report(data, net=net)),
    }


@dataclass
class RemoveResult:
    """What ``kg remove`` took out of the store."""

    removed: list[str]
    store: str

    def lines(self) -> list[str]:
        return [f"removed {name}" for name in self.removed] + [self.store]


def remove(names: list[str], store: str | Path | Store | None = None) -> RemoveResult:
    """Remove documents from the store, each named by its 文号, document id, file name or
    the path it was built from; its named graph and build record go in one step.

    :raises UnknownDocument: (and AmbiguousDocument) a name that matches no document, or
        several; nothing is removed then.
    """
    st = store if isinstance(store, Store) else Store.open(store or default_store(), create=True)
    entries = st.entries()
    by_path = {e.source: e.graph for e in entries.values()}
    graph = st.graph()
    doomed: dict[str, str] = {}
    for name in names:
        if _key(name) in by_path:
            doomed[by_path[_key(name)]] = name
            continue
        for doc in resolve_documents(graph, name):
            doc_id = str(doc).rsplit("/doc/", 1)[-1]
            iri = next((g for g in entries if g.rsplit("/graph/", 1)[-1] == doc_id), None)
            if iri is not None:
                doomed[iri] = name
    st.remove(sorted(doomed))
    link_store_citations(st)
    describe_store(st, changed=doomed)
    st.flush()
    return RemoveResult([f"{doomed[g]} ({g})" for g in sorted(doomed)], st.header())
