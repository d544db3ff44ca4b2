"""The graph as a network for Gephi, Cytoscape and networkx: GraphML and GEXF.

Nodes are documents, sections, tasks, agencies and places (id = IRI) with the attributes
network tools colour and filter by: kind, label, short name, full name, English name,
jurisdiction (GB/T 2260 code) and document. Edges are the parts (dcterms:hasPart), the roles
(lead, support, shared) and the places a task names; every edge has a unique id and a weight:
the number of times the text states it (an agency named twice with one role in one clause
weighs 2), 1 for parts and places.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from kg.graph.facts import in_language
from kg.ns import KG
from kg.vocab import ROLE_OF_CONCEPT

if TYPE_CHECKING:
    import networkx as nx

KINDS = (
    (KG.PolicyDocument, "document"),
    (KG.Section, "section"),
    (KG.Task, "task"),
    (KG.Agency, "agency"),
    (KG.Place, "place"),
)
EDGES = (
    (DCTERMS.hasPart, "part"),
    (KG.ledBy, "lead"),
    (KG.supportedBy, "support"),
    (KG.sharedBy, "shared"),
    (KG.mentionsPlace, "place"),
)
_ROLE_OF = {KG.lead: "lead", KG.support: "support", KG.shared: "shared"}
ATTRIBUTES = (
    "kind",
    "label",
    "short_name",
    "full_name",
    "english_name",
    "jurisdiction",
    "document",
    "collective",
)


def network(g: Graph) -> nx.MultiDiGraph:
    """The node-and-edge view of ``g``, deterministic in its order and edge ids."""
    import networkx as nx

    net = nx.MultiDiGraph()
    nodes: dict[str, dict[str, str]] = {}
    for cls, kind in KINDS:
        for s in g.subjects(RDF.type, cls):
            nodes.setdefault(str(s), _attributes(g, s, kind))
    for iri, docs in _documents_naming(g).items():
        if iri in nodes and not nodes[iri]["document"]:
            nodes[iri]["document"] = "; ".join(sorted(docs))
    for iri in sorted(nodes):
        net.add_node(iri, **nodes[iri])
    stated: Counter[tuple[str, str, str]] = Counter()
    for r in g.subjects(RDF.type, KG.Responsibility):
        task = next(iter(g.subjects(KG.responsibility, r)), None)
        value = g.value(r, KG.role)
        role = ROLE_OF_CONCEPT.get(value) if isinstance(value, URIRef) else None
        if task is not None and role is not None:
            stated[(str(task), str(g.value(r, KG.agency)), role.key)] += 1
    edges = sorted(
        (str(s), str(o), kind)
        for prop, kind in EDGES
        for s, o in g.subject_objects(prop)
        if str(s) in nodes and str(o) in nodes
    )
    for n, (source, target, kind) in enumerate(edges, 1):
        weight = stated.get((source, target, kind), 1)
        net.add_edge(source, target, key=f"e{n}", role=kind, weight=weight)
    return net


def _documents_naming(g: Graph) -> dict[str, set[str]]:
    """Agency or place IRI → the documents whose tasks name it."""
    out: dict[str, set[str]] = {}
    for prop, _ in EDGES[1:]:
        for task, o in g.subject_objects(prop):
            doc = g.value(task, KG.inDocument)
            if doc is not None:
                out.setdefault(str(o), set()).add(_text(g, doc, DCTERMS.identifier) or str(doc))
    return out


def _attributes(g: Graph, s: Node, kind: str) -> dict[str, str]:
    short = _text(g, s, KG.shortName)
    full = _text(g, s, SKOS.prefLabel, "zh-Hans")
    label = (
        short
        or _text(g, s, KG.path)
        or _text(g, s, DCTERMS.identifier)
        or full
        or _text(g, s, DCTERMS.title, "zh-Hans")
        or str(s)
    )
    doc = s if kind == "document" else g.value(s, KG.inDocument)
    where = g.value(s, KG.jurisdiction) if kind != "place" else s
    return {
        "kind": kind,
        "label": label,
        "short_name": short,
        "full_name": full or _text(g, s, DCTERMS.title, "zh-Hans"),
        "english_name": _text(g, s, SKOS.prefLabel, "en"),
        "jurisdiction": _text(g, where, KG.gbCode) if where is not None else "",
        "document": (_text(g, doc, DCTERMS.identifier) or str(doc)) if doc is not None else "",
        "collective": "true" if (s, RDF.type, KG.CollectiveAgency) in g else "false",
    }


def _text(g: Graph, s, p, lang: str | None = None) -> str:
    values = sorted(str(o) for o in g.objects(s, p) if lang is None or in_language(o, lang))
    return values[0] if values else ""


def graphml(g: Graph) -> str:
    """GraphML (edge id = its key) for networkx, Gephi, Cytoscape and yEd."""
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(network(g), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def gexf(g: Graph) -> str:
    """GEXF 1.2 (Gephi's own format) with the same nodes, edges, ids and weights.

    Its last-modified date is the newest issue date of the documents (networkx would stamp
    today's date, and the same graph must give the same bytes).
    """
    from networkx.readwrite.gexf import GEXFWriter

    net = network(g)
    for _, _, key, data in net.edges(keys=True, data=True):
        data["id"] = key
    writer = GEXFWriter(encoding="utf-8")
    writer.add_graph(net)
    meta = writer.xml.find("meta")
    dates = sorted(str(d) for d in g.objects(None, DCTERMS.issued))
    if meta is not None:
        if dates:
            meta.set("lastmodifieddate", dates[-1])
        else:
            del meta.attrib["lastmodifieddate"]
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue().decode("utf-8")
