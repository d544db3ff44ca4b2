"""SPARQL 1.1 Protocol queries over a pyoxigraph store: read-only, time- and row-limited.

pyoxigraph cannot cancel a running query, so queries run in worker processes: a query past
its time limit is stopped by ending its worker, and a fresh worker takes its place. Workers
are started with ``spawn`` (no state is inherited from the server's threads); each opens the
store itself: an on-disk store read-only by its folder, an in-memory store from an N-Quads
copy.

The default graph of a query is the union of the named graphs (one per document), as a
reader of ``graph.trig`` expects, and as a set: pyoxigraph's union default graph repeats a
triple once per graph that holds it (an agency described in two documents would be counted
twice), so a worker over an in-memory copy writes the distinct triples of all named graphs
into its default graph. ``default-graph-uri`` and ``named-graph-uri`` choose graphs as the
protocol says. Updates are refused, and so is ``SERVICE``: pyoxigraph would
fetch from the network on the server's behalf.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

# Result formats by media type; the first of each list is the default.
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class EndpointError(Exception):
    """A query the endpoint will not answer, with the HTTP status that says why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class StoreSource:
    """How a worker opens the store: a folder (read-only) or N-Quads bytes (in memory)."""

    path: str | None = None
    nquads: bytes | None = None

    @classmethod
    def of(cls, store: ox.Store | str | Path) -> StoreSource:
        if isinstance(store, (str, Path)):
            return cls(path=str(store))
        return cls(nquads=store.dump(format=ox.RdfFormat.N_QUADS))

    @property
    def union_in_default_graph(self) -> bool:
        """Whether :meth:`open` puts the union of the named graphs in the default graph."""
        return self.path is None

    def open(self) -> ox.Store:
        if self.path is not None:
            return ox.Store.read_only(self.path)
        store = ox.Store()
        if self.nquads:
            store.bulk_load(self.nquads, format=ox.RdfFormat.N_QUADS)
        union = {
            (q.subject, q.predicate, q.object) for q in store if not isinstance(q.graph_name, ox.DefaultGraph)
        }
        store.extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in union)
        return store


@dataclass(frozen=True)
class QueryRequest:
    """One protocol request, as the app read it from HTTP."""

    query: str
    accept: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryResponse:
    media_type: str
    body: bytes


@dataclass
class Limits:
    timeout: float = 10.0  # seconds per query
    max_rows: int = 10_000  # solutions (or triples) per result


def check_query(text: str) -> None:
    """Refuse what a read-only endpoint must not run: SERVICE (and anything that is not a
    query), found by rdflib's SPARQL parser rather than by searching the text."""
    try:
        parsed = parseQuery(text)
    except ParseException as e:
        raise EndpointError(400, f"not a SPARQL query: {e}") from None

    def has_service(node: Any) -> bool:
        if isinstance(node, CompValue):
            return node.name == "ServiceGraphPattern" or any(has_service(v) for v in node.values())
        if isinstance(node, (list, tuple, ParseResults)):
            return any(has_service(v) for v in node)
        return False

    if has_service(parsed):
        raise EndpointError(403, "SERVICE is refused: this endpoint queries its own store only")


def negotiate(accept: str, offered: dict[str, Any]) -> str:
    """The offered media type the Accept header prefers (the first offered when none fits)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.lower()))
    for q, _, media in sorted(ranked):
        if q == 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(offered))
    return next(iter(offered))


def execute(
    store: ox.Store, request: QueryRequest, max_rows: int, union_in_default_graph: bool = True
) -> QueryResponse:
    """Run one query on ``store`` (in a worker) and serialise its result."""
    kwargs: dict[str, Any] = {}
    if not request.default_graphs and not union_in_default_graph:
        kwargs["use_default_graph_as_union"] = True
    if request.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
    if request.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    try:
        result = store.query(request.query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            media = negotiate(request.accept, SOLUTION_TYPES)
            return QueryResponse(media, result.serialize(format=SOLUTION_TYPES[media]) or b"")
        count = sum(1 for _ in zip(result, range(max_rows + 1)))
        if count > max_rows:
            raise EndpointError(
                400,
                f"the result has more than {max_rows} rows: add LIMIT, or "
                "start kg serve with a higher --max-rows",
            )
        result = store.query(request.query, **kwargs)
        if isinstance(result, ox.QuerySolutions):
            media = negotiate(request.accept, SOLUTION_TYPES)
            return QueryResponse(media, result.serialize(format=SOLUTION_TYPES[media]) or b"")
        media = negotiate(request.accept, GRAPH_TYPES)
        triples = list(result) if isinstance(result, ox.QueryTriples) else []
        return QueryResponse(media, ox.serialize(triples, format=GRAPH_TYPES[media]) or b"")
    except SyntaxError as e:
        raise EndpointError(400, f"query syntax: {e}") from None
    except (OSError, ValueError, TypeError) as e:
        raise EndpointError(400, f"query failed: {e}") from None


def _worker(conn: Connection, source: StoreSource, max_rows: int) -> None:
    store = source.open()
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", execute(store, request, max_rows, source.union_in_default_graph)))
        except EndpointError as e:
            conn.send(("error", (e.status, e.message)))


@dataclass
class _Worker:
    process: Any
    conn: Connection


@dataclass
class QueryPool:
    """Worker processes that answer queries; one that overruns the time limit is replaced."""

    source: StoreSource
    limits: Limits = field(default_factory=Limits)
    size: int = 2

    def __post_init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for worker in [self._spawn() for _ in range(self.size)]:  # they start side by side
            self._idle.put(self._ready(worker))

    def _start(self) -> _Worker:
        return self._ready(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker, args=(child, self.source, self.limits.max_rows), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _ready(self, worker: _Worker) -> _Worker:
        if not worker.conn.poll(120) or worker.conn.recv()[0] != "ready":
            worker.process.kill()
            raise EndpointError(500, "the query worker could not open the store")
        with self._lock:
            self._all.append(worker)
        return worker

    def run(self, request: QueryRequest) -> QueryResponse:
        """Answer ``request`` or raise :class:`EndpointError` (503 past the time limit)."""
        check_query(request.query)
        worker = self._idle.get()
        keep = True  # whether the worker goes back to the pool afterwards
        try:
            worker.conn.send(request)
            if not worker.conn.poll(self.limits.timeout):
                keep = False
                self._replace(worker)
                raise EndpointError(
                    503,
                    f"the query was stopped after {self.limits.timeout:g} s "
                    "(the time limit; kg serve --timeout)",
                )
            status, payload = worker.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionError):
            keep = False
            self._replace(worker)
            raise EndpointError(500, "the query worker stopped; it has been restarted") from None
        finally:
            if keep:
                self._idle.put(worker)
        if status == "error":
            raise EndpointError(*payload)
        return payload

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._all.remove(worker)
        self._idle.put(self._start())

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
        for w in workers:
            w.process.kill()
            w.process.join(5)
