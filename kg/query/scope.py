"""``--document``, ``--jurisdiction`` and ``--role``: the part of the graph a command answers from.

Each filter is typed as people type it (a 文号, a file name, 江苏省 or 320000, 牵头 or lead)
and resolved here; the command then runs unchanged on the part of the graph that
:mod:`kg.graph.select` cuts out. So ``kg leads 省发展改革委 --jurisdiction 江苏省`` resolves the
short name among Jiangsu's documents, where it names one agency, and ``kg matrix --role lead``
draws only the leads.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.errors import NoDocumentIn, QueryError
from kg.graph.facts import documents, literal, place_name
from kg.graph.load import GraphLike, as_graph
from kg.graph.select import documents_subgraph, role_subgraph
from kg.lexicon.words import ROLE_PHRASES
from kg.ns import KG
from kg.query.resolve import resolve_documents, resolve_jurisdiction
from kg.vocab import ROLE_CHOICES


def select(
    graph: GraphLike,
    document: str | None = None,
    jurisdiction: str | None = None,
    role: str | None = None,
) -> Graph:
    """The part of ``graph`` a filtered command answers from (the whole graph without filters).

    :raises UnknownDocument: (and AmbiguousDocument) ``document`` names no document, or
        several; :class:`~kg.errors.NoDocumentIn` when none of the graph is in ``jurisdiction``.
    :raises UnknownJurisdiction: ``jurisdiction`` names no place the gazetteer knows.
    :raises QueryError: ``role`` is not a role.
    """
    g = as_graph(graph)
    if document is None and jurisdiction is None and role is None:
        return g
    docs = documents(g)
    if document is not None:
        docs = [d for d in docs if d in set(resolve_documents(g, document))]
    if jurisdiction is not None:
        code = resolve_jurisdiction(jurisdiction)
        docs = [d for d in docs if within(document_code(g, d), code)]
        if not docs:
            places = {g.value(d, KG.jurisdiction) for d in documents(g)}
            raise NoDocumentIn(
                f"{jurisdiction} ({code})", sorted(place_name(g, p) for p in places if p is not None)
            )
    part = documents_subgraph(g, docs) if document is not None or jurisdiction is not None else g
    return role_subgraph(part, role_key(role)) if role is not None else part


def role_key(role: str) -> str:
    """牵头 / lead / 配合 / support / 分工负责 / shared → the role key."""
    key = ROLE_PHRASES.query.get(role.strip().lower())
    if key is None:
        raise QueryError(f"{role!r} is not a role: use {ROLE_CHOICES}")
    return key


def document_code(g: Graph, doc: URIRef) -> str:
    """The GB/T 2260 code of the government that issued ``doc`` ("" when nothing says)."""
    place = g.value(doc, KG.jurisdiction)
    return (literal(g, place, KG.gbCode, None) or "") if place is not None else ""


def within(code: str, area: str) -> bool:
    """Whether the place ``code`` is ``area`` or inside it, by the GB/T 2260 digits: 370102
    (历下区) is within 370100 (济南市) and 370000 (山东省)."""
    if not code or not area:
        return False
    if area.endswith("0000"):
        return code[:2] == area[:2]
    if area.endswith("00"):
        return code[:4] == area[:4]
    return code == area
