"""``kg export``: the graph in the formats other systems read.

tasks-json is the flat view researchers load into spreadsheets and scripts; Turtle, TriG,
N-Triples, N-Quads and JSON-LD (with the published term context) feed semantic systems;
GraphML and GEXF feed network tools (Gephi, networkx, Cytoscape); CSV and JSON Lines have one
row per responsibility with the IRIs that join it back to the graph; ``ontology`` and
``shapes`` are the vocabulary and the SHACL shapes the data follows, so they travel with it,
and ``ontology-html`` is the page that documents them. The TriG and N-Quads of a store carry
its dataset description (``void``) as a named graph of their own.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import DCAT, SKOS, VOID

from kg.choices import EXPORT_FORMATS as FORMATS
from kg.choices import EXPORT_PAGES
from kg.errors import KgError
from kg.graph import facts
from kg.graph.describe import DATASET, STAMP, describe, description_graphs, stored_description
from kg.graph.jsonld import json_ld
from kg.graph.load import GraphLike, as_graph
from kg.graph.network import gexf, graphml
from kg.graph.rdf import bind_prefixes
from kg.graph.serialize import nquads, ntriples, trig, turtle
from kg.graph.store import CITATIONS, RECORD, Store
from kg.graph.tabular import COLUMNS, responsibility_rows
from kg.ids import Ids
from kg.ns import DEFAULT_BASE, KG
from kg.output import csv_text

# Written as themselves: they describe the data and need no graph.
_SHIPPED = {"ontology": "ontology.ttl", "shapes": "shapes.ttl"}


def export(graph: GraphLike | Path, format: str = "tasks-json") -> str:
    """Serialise a graph (or graph file) in one of :data:`FORMATS`."""
    if format in _SHIPPED:
        return resources.files("kg").joinpath(f"data/{_SHIPPED[format]}").read_text("utf-8")
    if format in EXPORT_PAGES:  # a page: the views layer, above this one, makes it
        raise KgError(f"the {format} page is made by kg.ontology_html(), not kg.export()")
    if format not in FORMATS:
        raise KgError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if format in ("nquads", "nt") and isinstance(graph, Store):
        return store_lines(graph, quads=format == "nquads")
    if format == "void" and isinstance(graph, Store) and description_graphs(graph):
        return turtle(stored_description(graph))
    g = as_graph(graph)
    own = stored_description(graph) if isinstance(graph, Store) and description_graphs(graph) else None
    writers = {
        "tasks-json": tasks_json,
        "turtle": turtle,
        "nt": ntriples,
        "trig": lambda g: trig(described(g, own)),
        "nquads": lambda g: nquads(described(g, own)),
        "json-ld": json_ld,
        "graphml": graphml,
        "gexf": gexf,
        "csv": responsibilities_csv,
        "jsonl": responsibilities_jsonl,
        "void": dataset_description,
    }
    return writers[format](g)


_TAG = re.compile(r'(?<!\\)"@zh-han([st]) ')


def store_lines(store: Store, quads: bool = True) -> str:
    """N-Quads (each document's named graph, and the description's) or N-Triples (the union
    of the documents' graphs) of a store, written by pyoxigraph and sorted, the lines the
    rdflib path gives, without the build records, the build time and the citations graph:
    the fast serialiser for a corpus."""
    data = (store.inner.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
    skip = tuple(f"<{p.value}>" for p in RECORD)
    own = tuple(f"<{g}> ." for g in description_graphs(store))
    stamp = f"> <{STAMP}> "

    def wanted(line: str) -> bool:
        if line.endswith(own):  # the description: its file checksums, never its build time
            return quads and stamp not in line
        return (
            bool(line.strip()) and not any(s in line for s in skip) and not line.endswith(f"{CITATIONS}> .")
        )

    kept = (
        _TAG.sub(lambda m: f'"@zh-Han{m[1]} ', line)  # pyoxigraph writes tags in lower case
        for line in data.splitlines()
        if wanted(line)
    )
    if quads:
        lines = sorted(kept)
    else:
        lines = sorted({line.rsplit(" <", 1)[0] + " ." for line in kept})
    return "\n".join(lines) + ("\n" if lines else "")


def tasks_json(g: Graph) -> str:
    """One object per task: document, path, title, lead, support, shared, places, targets."""
    return json.dumps([t.to_export() for t in facts.tasks(g)], ensure_ascii=False, indent=2) + "\n"


def dataset_description(g: Graph) -> str:
    """The VoID/DCAT description of the graph's documents (Turtle), as ``kg build`` would
    describe the same documents, without a build time."""
    ds = named_graphs(g)
    graphs = [(URIRef(str(c.identifier)), c) for c in ds.graphs() if len(c)]
    return turtle(_described_as_before(g, describe(graphs, _base(g))))


def _described_as_before(g: Graph, d: Graph) -> Graph:
    """``d`` with what a store's description said of each graph and ``g`` still holds (a
    TriG or N-Quads export read back): the file's checksum and the kg version that built it."""
    for graph in list(d.subjects(VOID.rootResource, None)):
        for p in (KG.fileChecksum, KG.builtWith):
            for o in g.objects(graph, p):
                d.add((graph, p, o))
    return d


def _base(g: Graph) -> str:
    """The base IRI the documents of ``g`` were built under."""
    docs = facts.documents(g)
    return str(docs[0]).rsplit("doc/", 1)[0] if docs else DEFAULT_BASE


def described(g: Graph, stored: Graph | None = None) -> Dataset:
    """The graph split into one named graph per document (:func:`named_graphs`), with the
    store's description (``stored``, VoID + DCAT, without the build time) in a named graph
    of its own, ``<base>dataset``. A graph read from such an export keeps a description,
    made again for the documents it holds; a graph that never had one gets none (``kg
    export --format void`` writes it), so that a TriG export of documents holds only them."""
    ds = named_graphs(g)
    graphs = [(URIRef(str(c.identifier)), c) for c in ds.graphs() if len(c)]
    base = _base(g)
    if not graphs or (stored is None and (URIRef(f"{base}{DATASET}"), RDF.type, DCAT.Dataset) not in g):
        return ds
    d = _described_as_before(g, describe(graphs, base)) if stored is None else stored
    d.remove((None, STAMP, None))
    for prefix, ns in d.namespaces():
        ds.bind(prefix, ns, override=False)
    own = ds.graph(URIRef(f"{base}{DATASET}"))
    own += d
    return ds


def named_graphs(g: Graph) -> Dataset:
    """Split a union graph back into one named graph per document.

    A document's graph holds the nodes under its IRI and the agencies, places and concepts
    they name.
    """
    ds = Dataset()
    bind_prefixes(ds)
    for doc in facts.documents(g):
        prefix = str(doc) + "/"
        doc_id = str(doc).rsplit("/doc/", 1)[-1]
        base = str(doc).rsplit("doc/", 1)[0]
        ctx = ds.graph(Ids(base).graph(doc_id))
        mine = {s for s in g.subjects() if isinstance(s, URIRef) and (s == doc or str(s).startswith(prefix))}
        for s in sorted(mine):
            for p, o in g.predicate_objects(s):
                ctx.add((s, p, o))
                if isinstance(o, URIRef) and o not in mine and _shared(g, o):
                    _closure(g, ctx, o)
    return ds


def _closure(g: Graph, ctx: Graph, node: URIRef) -> None:
    if (node, RDF.type, None) in ctx:
        return
    for p, o in g.predicate_objects(node):
        ctx.add((node, p, o))
        if isinstance(o, URIRef) and _shared(g, o):
            _closure(g, ctx, o)


def _shared(g: Graph, node: URIRef) -> bool:
    """Agencies, places and concepts: described in every document graph that names them."""
    return any((node, RDF.type, cls) in g for cls in (KG.Agency, KG.Place, SKOS.Concept))


def csv_path(path: str) -> str:
    """A number path as CSV writes it: ``§2.10``, so that pandas and spreadsheets, which read
    a bare 2.10 as the number 2.1, keep it as text. JSON keeps the bare path."""
    return f"§{path}"


def responsibilities_csv(g: Graph) -> str:
    """One row per (task, agency, role), with the IRIs of the responsibility, task and agency;
    texts a spreadsheet would run as formulas are made text."""
    rows: list[list[object]] = [list(COLUMNS)]
    for row in responsibility_rows(g):
        values = asdict(row)
        values["path"] = csv_path(row.path)
        values["open"] = "true" if row.open else "false"
        rows.append([values[c] for c in COLUMNS])
    return csv_text(rows)


def responsibilities_jsonl(g: Graph) -> str:
    """JSON Lines: the CSV's rows as one JSON object per line (paths as strings)."""
    return "".join(
        json.dumps({c: getattr(row, c) for c in COLUMNS}, ensure_ascii=False) + "\n"
        for row in responsibility_rows(g)
    )
