"""``kg export``: the graph in the formats other systems read.

tasks-json is the flat view researchers load into spreadsheets and scripts; Turtle, TriG,
N-Triples and JSON-LD feed semantic systems; GraphML feeds network tools (Gephi, networkx);
CSV has one row per responsibility.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.errors import KgError
from kg.graph import facts
from kg.graph.load import load_graph
from kg.graph.rdf import bind_prefixes
from kg.graph.serialize import nquads, ntriples, trig, turtle
from kg.ns import KG

FORMATS = ("tasks-json", "turtle", "trig", "nt", "nquads", "json-ld", "graphml", "csv")


def export(graph: str | Path | Graph, format: str = "tasks-json") -> str:
    """Serialise a graph (or graph file) in one of :data:`FORMATS`."""
    g = graph if isinstance(graph, Graph) else load_graph(graph)
    if format == "tasks-json":
        return tasks_json(g)
    if format == "turtle":
        return turtle(g)
    if format == "nt":
        return ntriples(g)
    if format == "trig":
        return trig(named_graphs(g))
    if format == "nquads":
        return nquads(named_graphs(g))
    if format == "json-ld":
        return json_ld(g)
    if format == "graphml":
        return graphml(g)
    if format == "csv":
        return responsibilities_csv(g)
    raise KgError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")


def tasks_json(g: Graph) -> str:
    """One object per task: document, path, title, lead, support, shared, places, targets."""
    return json.dumps([t.to_export() for t in facts.tasks(g)], ensure_ascii=False, indent=2) + "\n"


def named_graphs(g: Graph) -> Dataset:
    """Split a union graph back into one named graph per document.

    A document's graph holds the nodes under its IRI and the agencies and places they name.
    """
    from kg.ids import Ids

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
                if (
                    isinstance(o, URIRef)
                    and (o, RDF.type, None) in g
                    and o not in mine
                    and ((o, RDF.type, KG.Agency) in g or (o, RDF.type, KG.Place) in g)
                ):
                    _closure(g, ctx, o)
    return ds


def _closure(g: Graph, ctx: Graph, node: URIRef) -> None:
    if (node, RDF.type, None) in ctx:
        return
    for p, o in g.predicate_objects(node):
        ctx.add((node, p, o))
        if isinstance(o, URIRef) and ((o, RDF.type, KG.Agency) in g or (o, RDF.type, KG.Place) in g):
            _closure(g, ctx, o)


def json_ld(g: Graph) -> str:
    ordered = Graph()
    bind_prefixes(ordered)
    for t in sorted(g, key=lambda t: tuple(str(x) for x in t)):
        ordered.add(t)
    context = {
        p: str(ns)
        for p, ns in ordered.namespaces()
        if p in ("kg", "dcterms", "skos", "org", "xsd", "rdfs", "eli")
    }
    return ordered.serialize(format="json-ld", context=context, indent=2, sort_keys=True)


def graphml(g: Graph) -> str:
    """Documents, sections, tasks, agencies and places as nodes; parts and roles as edges."""
    net = nx.MultiDiGraph()
    kinds = (
        (KG.PolicyDocument, "document"),
        (KG.Section, "section"),
        (KG.Task, "task"),
        (KG.Agency, "agency"),
        (KG.Place, "place"),
    )
    nodes: dict[str, dict[str, str]] = {}
    for cls, kind in kinds:
        for s in g.subjects(RDF.type, cls):
            label = (
                facts.literal(g, s, KG.shortName)
                or facts.literal(g, s, KG.path)
                or facts.literal(g, s, DCTERMS.identifier)
                or facts.place_name(g, s)
            )
            nodes.setdefault(str(s), {"kind": kind, "label": label})
            if kind == "task":
                nodes[str(s)]["title"] = facts.literal(g, s, DCTERMS.title) or ""
            if kind == "agency" and (s, RDF.type, KG.CollectiveAgency) in g:
                nodes[str(s)]["collective"] = "true"
    for iri in sorted(nodes):
        net.add_node(iri, **nodes[iri])
    edges = []
    for prop, kind in (
        (DCTERMS.hasPart, "part"),
        (KG.ledBy, "lead"),
        (KG.supportedBy, "support"),
        (KG.sharedBy, "shared"),
        (KG.mentionsPlace, "place"),
    ):
        for s, o in g.subject_objects(prop):
            if str(s) in nodes and str(o) in nodes:
                edges.append((str(s), str(o), kind))
    for s, o, kind in sorted(edges):
        net.add_edge(s, o, key=kind, role=kind)
    buf = io.BytesIO()
    nx.write_graphml(net, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def responsibilities_csv(g: Graph) -> str:
    """One row per (task, agency, role)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["document", "path", "title", "agency", "role", "position", "open"])
    for task in facts.task_iris(g):
        t = facts.task_facts(g, task)
        for role, agency, pos, is_open in facts.responsibilities(g, task):
            w.writerow(
                [
                    t.document,
                    t.path,
                    t.title,
                    facts.short_name(g, agency),
                    role,
                    pos,
                    "true" if is_open else "false",
                ]
            )
    return buf.getvalue()
