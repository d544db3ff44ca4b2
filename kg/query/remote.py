"""``kg query --endpoint URL``: a named query run on another SPARQL server.

Names in parameters (省商务厅, 青岛, 3.3) are resolved as locally, against the agencies,
places, tasks and documents the server holds (read with one CONSTRUCT), and the terms are
sent in a ``VALUES`` block after the query, which every SPARQL 1.1 engine runs. Such a block
joins the query's *results*, so it is only sent for variables the query returns; a query that
binds a parameter inside (rdflib's ``initBindings`` style) is refused rather than answered
wrongly, until its parameters take the portable form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from kg.errors import QueryError
from kg.graph.remote import Remote
from kg.query.library import QueryResult, bind, load_query, result_rows

_RESOLVABLE = """PREFIX kg: <https://w3id.org/policy-kg/def#>
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?type { kg:Agency kg:Place kg:Task kg:PolicyDocument }
  ?s a ?type ; ?p ?o .
}"""


def remote_query(remote: Remote, query: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a library query by name, or a ``.rq`` file, on ``remote``."""
    q = load_query(query)
    bindings: dict[str, Any] = {}
    text = q.text
    if params:
        bindings = bind(remote.construct(_RESOLVABLE), q, params)
        text = q.text + "\n" + values_block(bindings, _projected(q.text))
    data = remote.select(text)
    if "boolean" in data:
        return QueryResult(
            q.name, {k: str(v) for k, v in bindings.items()}, ["answer"], [{"answer": bool(data["boolean"])}]
        )
    names = data["head"]["vars"]
    rows = [[_term(row[v]) if v in row else None for v in names] for row in data["results"]["bindings"]]
    return result_rows(q.name, bindings, names, rows)


def values_block(bindings: Mapping[str, Any], projected: set[str]) -> str:
    """``VALUES (?a ?b) { (<…> "…") }`` for the bindings; every one must be a result column."""
    inside = sorted(set(bindings) - projected)
    if inside:
        raise QueryError(
            f"this query binds ?{', ?'.join(inside)} inside its body, which a remote "
            "server cannot be told portably; run it on the local store"
        )
    names = sorted(bindings)
    terms = " ".join(bindings[n].n3() for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


def _projected(text: str) -> set[str]:
    try:
        algebra = prepareQuery(text).algebra
    except Exception as e:  # rdflib's parser raises many types
        raise QueryError(f"not a SPARQL query: {e}") from None
    return {str(v) for v in algebra.get("PV") or []}


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
