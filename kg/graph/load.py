"""Graph sources: load graph files, find the graph a command reads, remember the last build.

Everything that chooses *which* graph answers lives here, below the query and view layers,
so that they never reach up into ``build``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import GraphError
from kg.graph.rdf import to_graph
from kg.graph.remote import Remote
from kg.ns import DEFAULT_BASE
from kg.output import write_file
from kg.parse.document import parse

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
    """Load a graph file; TriG and N-Quads load as the union of their named graphs."""
    p = Path(path)
    if not p.is_file():
        raise GraphError(f"{p}: no such graph file (run `kg build` first)")
    fmt = _FORMATS.get(p.suffix.lower())
    if p.suffix.lower() in _NOT_RDF:
        raise GraphError(
            f"{p}: {_NOT_RDF[p.suffix.lower()]} export, not an RDF graph; read the "
            "Turtle, TriG, N-Triples, N-Quads or JSON-LD export instead"
        )
    if fmt is None:
        raise GraphError(f"{p}: unknown graph format (use .ttl, .trig, .nt, .nq, .jsonld or .rdf)")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset(default_union=True)
            ds.parse(p, format=fmt)
            g = Graph()
            for prefix, ns in ds.namespaces():
                g.bind(prefix, ns)
            for triple in ds.triples((None, None, None)):
                g.add(triple)
            return g
        g = Graph()
        g.parse(p, format=fmt)
        return g
    except Exception as e:  # rdflib raises many types for bad input
        raise GraphError(f"{p}: not a valid {fmt} graph ({type(e).__name__}: {e})") from None


def remember_build(graph_path: Path, cwd: Path | None = None) -> None:
    """Record where the last build in this folder wrote its graph."""
    write_file((cwd or Path.cwd()) / LAST_BUILD, str(graph_path.resolve()) + "\n")


def last_build(cwd: Path | None = None) -> Path | None:
    """The graph of the last ``kg build`` run in this folder, if it still exists."""
    here = cwd or Path.cwd()
    marker = here / LAST_BUILD
    if marker.is_file():
        p = Path(marker.read_text(encoding="utf-8").strip())
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
