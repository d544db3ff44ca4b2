"""``kg query --endpoint URL``: a named query run on another SPARQL server.

Names in parameters (省商务厅, 青岛, 3.3) are resolved as locally, against the agencies,
places, tasks and documents the server holds (read with one CONSTRUCT), and the terms are
written into the query by :func:`kg.query.library.bound_text`, the function local queries
use too: the server runs the very text rdflib runs, in standard SPARQL 1.1, so it gives the
same rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, URIRef

from kg.graph.remote import Remote
from kg.query.library import QueryResult, bind, bound_text, load_query, result_rows

_RESOLVABLE = """PREFIX kg: <https://w3id.org/policy-kg/def#>
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?type { kg:Agency kg:Place kg:Task kg:PolicyDocument }
  ?s a ?type ; ?p ?o .
}"""


def remote_query(remote: Remote, query: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a library query by name, or a ``.rq`` file, on ``remote``."""
    q = load_query(query)
    # Without parameters nothing is resolved, but a required one is still reported missing.
    bindings = bind(remote.construct(_RESOLVABLE) if params else Graph(), q, params or {})
    data = remote.select(bound_text(q, bindings))
    if "boolean" in data:
        return QueryResult(
            q.name, {k: str(v) for k, v in bindings.items()}, ["answer"], [{"answer": bool(data["boolean"])}]
        )
    names = data["head"]["vars"]
    rows = [[_term(row[v]) if v in row else None for v in names] for row in data["results"]["bindings"]]
    return result_rows(q.name, bindings, names, rows)


def _term(binding: dict[str, str]):
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    return Literal(value, datatype=URIRef(datatype) if datatype else None)
