"""``kg serve``: a read-only SPARQL 1.1 endpoint over the store, with offline pages.

:func:`serve` runs it on 127.0.0.1 (uvicorn, a maintained ASGI server, in front of the
Starlette app of :mod:`kg.serve.app`); queries run in :mod:`kg.serve.endpoint`'s worker
processes over a pyoxigraph store whose named graphs are the documents.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from rdflib import Graph

from kg.errors import ServeError
from kg.graph.export import named_graphs
from kg.graph.load import Source, resolve_graph
from kg.graph.serialize import nquads
from kg.graph.store import Store
from kg.serve.app import create_app
from kg.serve.endpoint import Limits, QueryPool, StoreSource

HOST = "127.0.0.1"


def dataset_store(graph: Graph) -> ox.Store:
    """An in-memory pyoxigraph store with one named graph per document of ``graph``."""
    store = ox.Store()
    store.bulk_load(nquads(named_graphs(graph)).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


@dataclass
class Served:
    """What ``kg serve`` and ``kg push`` send: a pyoxigraph store (and its folder, when it is
    on disk, which the server's workers open read-only) and the line that names it."""

    store: ox.Store
    path: Path | None
    header: str


def serving_store(source: Source) -> Served:
    """The pyoxigraph store behind a command's graph source."""
    g = source.graph
    if isinstance(g, Store):
        return Served(g.inner, g.path, source.header)
    return Served(dataset_store(resolve_graph(g)), None, source.header)


def serve(
    store: ox.Store | str | Path,
    port: int = 8000,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    workers: int = 2,
    title: str = "kg",
) -> None:
    """Serve ``store`` (a pyoxigraph store, or an on-disk store's folder) on 127.0.0.1:``port``
    until interrupted."""
    _check_port(port)
    pool = QueryPool(StoreSource.of(store), Limits(timeout, max_rows), workers)
    try:
        uvicorn.run(create_app(pool, title), host=HOST, port=port, log_level="warning")
    finally:
        pool.close()


def _check_port(port: int) -> None:
    """A clear error before any worker starts, rather than uvicorn's log line."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as e:
            raise ServeError(f"cannot listen on {HOST}:{port}: {e.strerror}") from None


def store_summary(store: ox.Store) -> str:
    """How many named graphs and quads a store holds (a built store has, beside one graph per
    document, its citations and its dataset description)."""
    graphs = sum(1 for _ in store.named_graphs())
    return f"{graphs} named graph{'s' if graphs != 1 else ''}, {len(store)} quads"
