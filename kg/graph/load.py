"""Graph sources: load graph files, and find the one graph a command reads.

Everything that chooses *which* graph answers lives here, below the query and view layers,
so that they never reach up into ``build``. There is no hidden state: a command reads the
store it is given (``--store``, ``$KG_STORE``, else ``./kg-store``), a graph file
(``--graph``) or the bundled sample (``--sample``), and says which.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import RDF, Dataset, Graph

from kg.errors import GraphError, InputError, OptionError
from kg.graph.rdf import to_graph
from kg.graph.remote import Remote
from kg.graph.store import Store, default_store
from kg.ns import DEFAULT_BASE, KG
from kg.output import shown
from kg.parse.document import parse
from kg.text.read import read_file_bytes

GRAPH_MAX_BYTES = 4 * 1024**3  # a graph file is kg's own output: no small limit, but no /dev/zero
DEFAULT_OUT = "kg-out"
_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".n3": "n3",
}

_NOT_RDF = {
    ".graphml": "a GraphML network",
    ".gexf": "a GEXF network",
    ".csv": "a CSV table",
    ".jsonl": "a JSON Lines table",
    ".xlsx": "a spreadsheet",
    ".html": "an HTML page",
}


def load_graph(path: str | Path) -> Graph:
    """Load a graph file; TriG and N-Quads load as the union of their named graphs.

    Nothing is fetched: a JSON-LD file whose ``@context`` (or ``@import``) names a remote
    document is refused, so loading a graph never reaches the network.
    """
    p = Path(path)
    fmt = _FORMATS.get(p.suffix.lower())
    if p.suffix.lower() in _NOT_RDF:
        raise GraphError(
            f"{shown(p)}: {_NOT_RDF[p.suffix.lower()]} export, not an RDF graph; read the "
            "Turtle, TriG, N-Triples, N-Quads or JSON-LD export instead"
        )
    if fmt is None:
        raise GraphError(f"{shown(p)}: unknown graph format (use .ttl, .trig, .nt, .nq, .jsonld or .rdf)")
    try:
        data = read_file_bytes(p, GRAPH_MAX_BYTES)
    except InputError as e:
        hint = (
            " (build a store with `kg build`, or write a graph with `kg build -o DIR`)"
            if "no such file" in str(e)
            else ""
        )
        raise GraphError(f"{e}{hint}") from None
    if fmt == "json-ld":
        _refuse_remote_context(p, data)
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset(default_union=True)
            ds.parse(data=data, format=fmt, publicID=p.absolute().as_uri())
            g = Graph()
            for prefix, ns in ds.namespaces():
                g.bind(prefix, ns)
            for triple in ds.triples((None, None, None)):
                g.add(triple)
            return g
        g = Graph()
        g.parse(data=data, format=fmt, publicID=p.absolute().as_uri())
        return g
    except Exception as e:  # rdflib raises many types for bad input
        raise GraphError(f"{shown(p)}: not a valid {fmt} graph ({_one_line(e)})") from None


def _one_line(e: Exception) -> str:
    """rdflib's parser messages span lines and quote whole documents: one short line of it."""
    text = " ".join(str(e).split()).split(" at ^ in:")[0]  # rdflib quotes the rest of the file
    text = text if len(text) <= 160 else text[:159] + "…"
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _refuse_remote_context(p: Path, data: bytes) -> None:
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise GraphError(f"{shown(p)}: not a valid json-ld graph ({_one_line(e)})") from None
    remote = _remote_contexts(doc)
    if remote:
        raise GraphError(
            f"{shown(p)}: its JSON-LD @context names a remote document ({remote[0]}); "
            "kg never fetches over the network: inline the context"
        )


def _remote_contexts(node: object, is_context: bool = False) -> list[str]:
    """Every IRI a JSON-LD processor would fetch: contexts given as strings, ``@import``, and
    the same inside the scoped contexts of term definitions."""
    found: list[str] = []
    if is_context:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                found.extend(_remote_contexts(item, True))
        elif isinstance(node, dict):
            if "@import" in node:
                found.extend(_remote_contexts(node["@import"], True))
            for term in node.values():
                if isinstance(term, dict) and "@context" in term:
                    found.extend(_remote_contexts(term["@context"], True))
    elif isinstance(node, list):
        for item in node:
            found.extend(_remote_contexts(item))
    elif isinstance(node, dict):
        for key, value in node.items():
            found.extend(_remote_contexts(value, key == "@context"))
    return found


BUNDLED = "000_f665156fb817bb2f.txt"


def bundled_document() -> Path:
    """The bundled first document (鲁政发〔2022〕6号), installed as package data."""
    return Path(str(resources.files("kg").joinpath(f"data/documents/{BUNDLED}")))


def sample_graph(base: str = DEFAULT_BASE) -> Graph:
    """The bundled document's graph, built in memory (``--sample``)."""
    return to_graph([parse(bundled_document())], base)


@dataclass
class Source:
    """The graph a command answers from, and the line that names it (which store or file,
    and how many documents it holds), printed before the answer."""

    graph: Graph | Remote | Store | Missing
    header: str


def open_source(
    graph: str | Path | None = None,
    store: str | Path | None = None,
    sample: bool = False,
) -> Source:
    """The one graph source of a command: ``--graph FILE``, ``--sample`` (the bundled
    document), or a store (``--store DIR``, else ``$KG_STORE``, else ``./kg-store``), in that
    order of the options given; two of them at once is an error.

    :raises GraphError: no store where one is expected (saying how to build one), a graph
        file that cannot be read.
    """
    given = [name for name, value in (("--graph", graph), ("--store", store), ("--sample", sample)) if value]
    if len(given) > 1:
        raise OptionError(f"give one of --graph, --store and --sample, not {' and '.join(given)}")
    if graph is not None:
        g = load_graph(graph)
        return Source(g, f"graph file {shown(graph)}: {_documents(g)}")
    if sample:
        g = sample_graph()
        return Source(g, f"the bundled sample ({BUNDLED}): {_documents(g)}")
    where = store or default_store()
    if store is None and not Store.exists(where):
        try:
            Store.open(where)
        except GraphError as e:
            return Source(Missing(str(e)), "")
    st = Store.open(where)
    return Source(st, st.header())


@dataclass
class Missing:
    """The default store, absent: a command that needs no graph (``kg export --format
    ontology``, ``kg ask --forms``) runs; one that reads it stops with this error."""

    error: str


def _documents(g: Graph) -> str:
    n = len(set(g.subjects(RDF.type, KG.PolicyDocument)))
    return f"{n} document{'s' if n != 1 else ''}"


GraphLike = Graph | Remote | Store | Missing | str | Path | None


def resolve_graph(graph: GraphLike = None) -> Graph:
    """The rdflib graph a library function walks: a graph as itself, a server's graph, a
    store's union (read from disk as asked), a graph file, or with None the default store
    (``$KG_STORE``, else ``./kg-store``)."""
    if isinstance(graph, Remote):
        return graph.fetch()
    if isinstance(graph, Graph):
        return graph
    if isinstance(graph, Store):
        return graph.graph()
    if isinstance(graph, Missing):
        raise GraphError(graph.error)
    if graph is not None:
        return load_graph(graph)
    return Store.open(default_store()).graph()


def as_graph(graph: GraphLike) -> Graph:
    """A graph given as itself, as a store, as a file, or as None (see :func:`resolve_graph`)."""
    return graph if isinstance(graph, Graph) else resolve_graph(graph)
