"""Graph sources: load graph files, find the graph a command reads, remember the last build.

Everything that chooses *which* graph answers lives here, below the query and view layers,
so that they never reach up into ``build``.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import GraphError, InputError
from kg.graph.rdf import to_graph
from kg.graph.remote import Remote
from kg.ns import DEFAULT_BASE
from kg.output import shown, write_file
from kg.parse.document import parse
from kg.text.read import read_file_bytes

GRAPH_MAX_BYTES = 4 * 1024**3  # a graph file is kg's own output: no small limit, but no /dev/zero
LAST_BUILD = ".kg-last-build"
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
        hint = " (run `kg build` first)" if "no such file" in str(e) else ""
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


def build_marker(graph_path: Path, cwd: Path | None = None) -> tuple[Path, bytes]:
    """The file that records where the last build in this folder wrote its graph, and its
    content: ``kg build`` writes it in the same set as the graph, so the two always agree."""
    return (cwd or Path.cwd()) / LAST_BUILD, os.fsencode(os.path.abspath(graph_path)) + b"\n"


def remember_build(graph_path: Path, cwd: Path | None = None) -> None:
    """Record where the last build in this folder wrote its graph."""
    write_file(*build_marker(graph_path, cwd))


def last_build(cwd: Path | None = None) -> Path | None:
    """The graph of the last ``kg build`` run in this folder, if it still exists."""
    here = cwd or Path.cwd()
    marker = here / LAST_BUILD
    if marker.is_file():
        try:
            p = Path(os.fsdecode(marker.read_bytes().strip()))
        except OSError as e:
            raise GraphError(f"{shown(marker)}: cannot read the last build ({e.strerror or e})") from None
        if p.is_file():
            return p
    default = here / DEFAULT_OUT / "graph.ttl"
    return default if default.is_file() else None


BUNDLED = "000_f665156fb817bb2f.txt"


def bundled_document() -> Path:
    """The bundled first document (鲁政发〔2022〕6号), installed as package data."""
    return Path(str(resources.files("kg").joinpath(f"data/documents/{BUNDLED}")))


def resolve_graph(graph: str | Path | Graph | Remote | None = None, base: str = DEFAULT_BASE):
    """The graph a command works on: the file given, else the last build in this folder,
    else the bundled document's graph built in memory."""
    if isinstance(graph, Remote):
        return graph.fetch()
    if isinstance(graph, Graph):
        return graph
    if graph is not None:
        return load_graph(graph)
    last = last_build()
    if last is not None:
        return load_graph(last)
    return to_graph([parse(bundled_document())], base)


GraphLike = Graph | Remote | str | Path | None


def as_graph(graph: GraphLike) -> Graph:
    """A graph given as itself, as a file, or as None (see :func:`resolve_graph`)."""
    return graph if isinstance(graph, Graph) else resolve_graph(graph)
