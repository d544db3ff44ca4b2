"""Part of a graph: some of its documents, or only one role's responsibilities.

Every command that lists tasks or agencies, and the matrix, report and map, take the same
``--document``, ``--jurisdiction`` and ``--role`` filters; they all work the same way because
the command answers from the graph this module cuts out, with the code it uses for the whole
graph. A document's part is everything reachable from the document node along outgoing
links (its sections, tasks, responsibilities, targets, source spans, and the agencies and
places they name with their own descriptions), so shared agencies come along whole and other
documents never do.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, BNode, Graph, URIRef

from kg.ns import KG
from kg.vocab import ROLE, ROLES

# Links that lead from one document to another; followed, a document would pull in the
# documents it cites.
_BETWEEN_DOCUMENTS = frozenset({KG.cites})


def documents_subgraph(g: Graph, docs: Iterable[URIRef]) -> Graph:
    """The triples of ``docs``: every node reachable from them, with all its outgoing triples."""
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True)
    seen: set = set()
    todo: list[URIRef | BNode] = list(docs)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in g.predicate_objects(node):
            out.add((node, p, o))
            if (
                isinstance(o, (URIRef, BNode))
                and o not in seen
                and p not in _BETWEEN_DOCUMENTS
                and p != RDF.type
            ):
                todo.append(o)
    return out


def role_subgraph(g: Graph, role: str) -> Graph:
    """``g`` without the responsibilities of the other roles (``--role lead``: only who leads)."""
    keep = ROLE[role]
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True)
    others = {r.concept for r in ROLES if r is not keep}
    dropped = {r for r in g.subjects(KG.role, None) if g.value(r, KG.role) in others}
    shortcuts = {r.task_property for r in ROLES if r is not keep}
    for s, p, o in g:
        if s in dropped or o in dropped or p in shortcuts:
            continue
        out.add((s, p, o))
    return out
