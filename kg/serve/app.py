"""The ``kg serve`` web app (Starlette, run by uvicorn): the SPARQL endpoint and its pages.

``/sparql`` speaks the SPARQL 1.1 Protocol (GET, POST form, POST ``application/sparql-query``)
and refuses updates with 403. ``/`` is the query editor (YASGUI, vendored from its npm
package, served from here: the page fetches nothing from elsewhere) with the named queries
of ``kg query`` as examples; ``/agency``, ``/task`` and ``/document`` show one node each
(``?iri=…``), the task with the words of its source that name each agency highlighted.
Pages are filled by SPARQL queries through the same worker pool, under the same limits.
"""

from __future__ import annotations

import json
from importlib import resources
from urllib.parse import parse_qs, quote

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.query.library import query_library
from kg.serve.endpoint import EndpointError, QueryPool, QueryRequest
from kg.views.page import render
from kg.vocab import ROLES

FORM = "application/x-www-form-urlencoded"
PREFIXES = """PREFIX kg: <https://w3id.org/policy-kg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ROLE_COLOURS = {r.key: r.colour for r in ROLES}
STATIC = {"yasgui.min.js": "text/javascript; charset=utf-8", "yasgui.min.css": "text/css; charset=utf-8"}


def create_app(pool: QueryPool, title: str = "kg") -> Starlette:
    """The app over ``pool``; the caller owns the pool (and closes it)."""

    async def sparql(request: Request) -> Response:
        try:
            query, default_graphs, named_graphs = await _protocol_request(request)
            req = QueryRequest(query, request.headers.get("accept", ""), default_graphs, named_graphs)
            result = await anyio.to_thread.run_sync(pool.run, req)
        except EndpointError as e:
            return PlainTextResponse(e.message + "\n", status_code=e.status)
        return Response(result.body, media_type=result.media_type)

    async def select(query: str) -> list[dict[str, str]]:
        req = QueryRequest(PREFIXES + query, "application/sparql-results+json")
        result = await anyio.to_thread.run_sync(pool.run, req)
        data = json.loads(result.body)
        return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]

    async def index(request: Request) -> Response:
        docs = await select("""SELECT ?doc ?label ?issued (COUNT(?task) AS ?tasks) WHERE {
            ?doc a kg:PolicyDocument ; rdfs:label ?label .
            OPTIONAL { ?doc dcterms:issued ?issued }
            OPTIONAL { ?task kg:inDocument ?doc ; a kg:Task }
        } GROUP BY ?doc ?label ?issued ORDER BY ?label""")
        examples = [{"name": q.name, "summary": q.summary, "text": q.text} for q in query_library().queries]
        return HTMLResponse(render("serve_index.html", title=title, docs=docs, link=_link, examples=examples))

    async def agency(request: Request) -> Response:
        iri = _iri(request)
        about = await select(f"""SELECT ?short ?full ?en ?kind WHERE {{
            VALUES ?a {{ {iri} }}
            ?a kg:shortName ?short .
            OPTIONAL {{ ?a skos:prefLabel ?full FILTER(LANGMATCHES(LANG(?full), "zh-Hans")) }}
            OPTIONAL {{ ?a skos:prefLabel ?en FILTER(LANGMATCHES(LANG(?en), "en")) }}
            OPTIONAL {{ ?a kg:kind/skos:prefLabel ?kind FILTER(LANGMATCHES(LANG(?kind), "zh-Hans")) }}
        }} LIMIT 1""")
        if not about:
            return _not_found(iri)
        tasks = await select(f"""SELECT ?task ?path ?title ?role ?roleName ?doc ?docLabel WHERE {{
            VALUES ?a {{ {iri} }}
            ?task kg:responsibility ?r ; kg:path ?path ; kg:inDocument ?doc ;
                  kg:source/kg:start ?start .
            ?r kg:agency ?a ; kg:role ?roleIri .
            ?roleIri skos:prefLabel ?roleName FILTER(LANGMATCHES(LANG(?roleName), "zh-Hans"))
            BIND(STRAFTER(STR(?roleIri), "#") AS ?role)
            OPTIONAL {{ ?task dcterms:title ?title }}
            ?doc rdfs:label ?docLabel .
        }} ORDER BY ?docLabel ?start""")
        return HTMLResponse(
            render(
                "serve_agency.html",
                title=title,
                iri=iri[1:-1],
                about=about[0],
                tasks=tasks,
                link=_link,
                colours=ROLE_COLOURS,
            )
        )

    async def task(request: Request) -> Response:
        iri = _iri(request)
        about = await select(f"""SELECT ?path ?title ?doc ?docLabel ?quote ?start ?clause WHERE {{
            VALUES ?t {{ {iri} }}
            ?t a kg:Task ; kg:path ?path ; kg:inDocument ?doc ;
               kg:source [ kg:quote ?quote ; kg:start ?start ] .
            ?doc rdfs:label ?docLabel .
            OPTIONAL {{ ?t dcterms:title ?title }}
            OPTIONAL {{ ?t kg:clauseText ?clause }}
        }} LIMIT 1""")
        if not about:
            return _not_found(iri)
        who = await select(f"""SELECT ?agency ?short ?role ?start ?end WHERE {{
            VALUES ?t {{ {iri} }}
            ?t kg:responsibility ?r .
            ?r kg:agency ?agency ; kg:role ?roleIri ; kg:source [ kg:start ?start ; kg:end ?end ] .
            ?agency kg:shortName ?short .
            BIND(STRAFTER(STR(?roleIri), "#") AS ?role)
        }} ORDER BY ?start""")
        pieces = _highlight(about[0]["quote"], int(about[0]["start"]), who)
        return HTMLResponse(
            render(
                "serve_task.html",
                title=title,
                iri=iri[1:-1],
                about=about[0],
                who=who,
                pieces=pieces,
                link=_link,
                colours=ROLE_COLOURS,
            )
        )

    async def document(request: Request) -> Response:
        iri = _iri(request)
        about = await select(f"""SELECT ?label ?identifier ?issued ?title WHERE {{
            VALUES ?d {{ {iri} }}
            ?d a kg:PolicyDocument ; rdfs:label ?label .
            OPTIONAL {{ ?d dcterms:identifier ?identifier }}
            OPTIONAL {{ ?d dcterms:issued ?issued }}
            OPTIONAL {{ ?d dcterms:title ?title }}
        }} LIMIT 1""")
        if not about:
            return _not_found(iri)
        tasks = await select(f"""SELECT ?task ?path ?title
                (GROUP_CONCAT(?lead; separator="、") AS ?leads) WHERE {{
            VALUES ?d {{ {iri} }}
            ?task a kg:Task ; kg:inDocument ?d ; kg:path ?path ; kg:source/kg:start ?start .
            OPTIONAL {{ ?task dcterms:title ?title }}
            OPTIONAL {{ ?task kg:ledBy/kg:shortName ?lead }}
        }} GROUP BY ?task ?path ?title ?start ORDER BY ?start""")
        return HTMLResponse(
            render("serve_document.html", title=title, iri=iri[1:-1], about=about[0], tasks=tasks, link=_link)
        )

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return PlainTextResponse("not found\n", status_code=404)
        body = resources.files("kg").joinpath(f"serve/static/{name}").read_bytes()
        return Response(body, media_type=STATIC[name])

    def page(handler):
        async def wrapped(request: Request) -> Response:
            try:
                return await handler(request)
            except EndpointError as e:
                return PlainTextResponse(e.message + "\n", status_code=e.status)

        return wrapped

    return Starlette(
        routes=[
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/", page(index)),
            Route("/agency", page(agency)),
            Route("/task", page(task)),
            Route("/document", page(document)),
            Route("/static/{name}", static),
        ]
    )


async def _protocol_request(request: Request) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """query, default-graph-uri and named-graph-uri from a GET or POST (SPARQL 1.1 Protocol)."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method == "POST":
        body = (await request.body()).decode("utf-8", errors="replace")
        if media == FORM:
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/sparql-update":
            raise EndpointError(403, "updates are refused: this endpoint is read-only")
        else:
            raise EndpointError(
                415, f"unsupported content type {media or '(none)'}: send {FORM} or application/sparql-query"
            )
    if "update" in params:
        raise EndpointError(403, "updates are refused: this endpoint is read-only")
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise EndpointError(400, "give exactly one query (the query parameter)")
    return (queries[0], tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])))


def _iri(request: Request) -> str:
    """The ``iri`` parameter as a SPARQL IRI term (pyoxigraph checks that it is one)."""
    value = request.query_params.get("iri", "")
    try:
        return str(ox.NamedNode(value))
    except ValueError:
        raise EndpointError(400, f"not an IRI: {value!r}") from None


def _link(kind: str, iri: str) -> str:
    return f"/{kind}?iri={quote(iri, safe='')}"


def _not_found(iri: str) -> Response:
    return PlainTextResponse(f"nothing is known about {iri}\n", status_code=404)


def _highlight(quote_text: str, start: int, who: list[dict[str, str]]) -> list[dict[str, str]]:
    """The task's original text cut into plain pieces and the agencies' spans, marked by role."""
    marks = sorted({(int(w["start"]) - start, int(w["end"]) - start, w["role"]) for w in who})
    pieces: list[dict[str, str]] = []
    at = 0
    for s, e, role in marks:
        if s < at or e > len(quote_text) or s < 0:
            continue
        if s > at:
            pieces.append({"text": quote_text[at:s], "role": ""})
        pieces.append({"text": quote_text[s:e], "role": role})
        at = e
    if at < len(quote_text):
        pieces.append({"text": quote_text[at:], "role": ""})
    return pieces
