"""The SPARQL query library behind ``kg query``: load a named query or a ``.rq`` file, bind
its parameters as RDF terms and run it.

The named queries are ``kg/sparql/*.rq`` (package data; ``queries/`` at the top of the
repository links there). Each opens with a comment saying what it answers, its parameters and
an example. A parameter line reads ``#   ?name  type, required|optional. help``; the type says
how a value typed on the command line becomes a term: ``agency``, ``place`` and ``task`` go
through :mod:`kg.resolve` (names → IRIs), ``role`` is lead/support/shared, ``date`` is an
xsd:date (2023-12-31), ``text`` is a plain literal, and any value written ``<…>`` is an IRI.

Each parameter of a named query has a placeholder, ``VALUES ?agency { UNDEF }``, inside the
innermost group that uses it, so the file alone runs on any SPARQL 1.1 engine and means
"any agency". :func:`bound_text` binds a parameter by writing the resolved term, in N-Triples
form, where that ``UNDEF`` stands: never the text the user typed, so a value with quotes or
braces is one literal. The same bound text runs locally (rdflib) and on a server
(``--endpoint``), so both give the same rows. In results, terms of the kg vocabulary
(``kg:lead``, ``kg:bureau``) print as their local names and numbers as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse

from kg.errors import QueryError
from kg.graph.load import GraphLike, as_graph
from kg.lexicon.words import ROLE_PHRASES
from kg.ns import KG
from kg.query import onstore
from kg.query.resolve import resolve_agency, resolve_place, resolve_task
from kg.query.tables import DataFrameRows, Fields, Table
from kg.vocab import ROLE, ROLE_KEYS

PARAM_TYPES = ("agency", "place", "task", "role", "date", "text")
_NUMERIC = {
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.short,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
}


@dataclass
class QueryResult(DataFrameRows):
    """``kg query``: the rows of a SPARQL query, every row with every column."""

    query: str
    params: dict[str, str]
    columns: list[str]
    rows: list[dict[str, Any]]

    def to_json(self) -> dict:
        return {"query": self.query, "params": self.params, "columns": self.columns, "rows": self.rows}

    def blocks(self) -> list[Fields | Table]:
        return [Table(self.columns, self.rows)]


def query(
    graph: GraphLike, query: str, params: Mapping[str, str] | None = None, allow_service: bool = False
) -> QueryResult:
    """Run a library query by name (``leads``) or a ``.rq`` file, with ``params`` bound as terms.

    A ``SERVICE`` clause would make the query engine fetch from another server, so it is
    refused unless ``allow_service``: kg reaches the network only when asked to.

    :raises QueryError: unknown query, invalid SPARQL, unknown or missing parameter, SERVICE.
    :raises UnknownAgency: (and the other resolver errors) a name that matches nothing.
    """
    g = as_graph(graph)
    q = load_query(query)
    if not allow_service:
        refuse_service(q)
    bindings = bind(g, q, params or {})
    text = bound_text(q, bindings)
    inner = onstore.inner_store(g)
    if inner is not None:  # a store: pyoxigraph runs the query and gives its rows, no rdflib terms
        try:
            # a named query the store answers by its own reads (the name of a .rq file given by
            # path holds a / or .rq, so only the library's query has this name)
            direct = onstore.ANSWERED.get(q.name) if text == q.text else None
            found = direct(inner) if direct is not None else onstore.run(inner, text)
        except (SyntaxError, ValueError, OSError) as e:
            raise QueryError(f"query {q.name} failed: {type(e).__name__}: {e}") from None
        return QueryResult(q.name, {k: str(v) for k, v in bindings.items()}, found.columns, found.rows)
    try:
        result = g.query(text)
        rows = list(result) if result.type == "SELECT" else []  # rdflib evaluates lazily
    except Exception as e:  # rdflib raises parser and evaluation errors of many types
        raise QueryError(f"query {q.name} failed: {type(e).__name__}: {e}") from None
    return _result(q.name, bindings, result, rows)


def refuse_service(q: NamedQuery) -> None:
    """Raise QueryError when the query holds a SERVICE clause (a federated, remote call)."""
    try:
        algebra = prepareQuery(q.text).algebra
    except Exception:  # a syntax error is reported, with its position, when the query runs
        return
    found: list[str] = []
    traverse(
        algebra,
        lambda node: (
            found.append(node.name) if getattr(node, "name", None) == "ServiceGraphPattern" else None
        ),
    )
    if found:
        raise QueryError(
            f"query {q.name} calls a remote endpoint (SERVICE); kg does not reach "
            "the network unless asked: pass --allow-service"
        )


def tasks_without_lead(graph: GraphLike) -> list[str]:
    """The paths of the tasks nobody leads, in document order: the one definition is the named
    query ``tasks-without-lead``, which the build summary and the report count too."""
    return [str(row["path"]) for row in query(graph, "tasks-without-lead").rows]


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A query file and what its opening comment declares."""

    name: str
    text: str
    summary: str  # the first sentence of the opening comment
    description: str  # its first paragraph
    params: tuple[Param, ...] = ()
    example: str | None = None
    declared: bool = False  # the comment has a "Parameters:" section


@dataclass
class QueryLibrary(DataFrameRows):
    """``kg query`` without a name: the named queries, their parameters and what they answer."""

    queries: list[NamedQuery] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "queries": [
                {
                    "name": q.name,
                    "description": q.description,
                    "example": q.example,
                    "params": [asdict(p) for p in q.params],
                }
                for q in self.queries
            ]
        }

    def blocks(self) -> list[Fields | Table]:
        rows = [
            {"name": q.name, "params": ", ".join(_param_usage(p) for p in q.params), "summary": q.summary}
            for q in self.queries
        ]
        return [Table(["name", "params", "summary"], rows, headers={"name": "query"})]


_PARAM_LINE = re.compile(r"^#\s+[?$](\w+)\s+(\w+),\s*(required|optional)\.?\s*(.*)$")


def library_path() -> Path:
    """The folder of the named queries, installed as package data."""
    return Path(str(resources.files("kg").joinpath("sparql")))


def query_library() -> QueryLibrary:
    return QueryLibrary(
        [load_query(p.stem) for p in sorted(library_path().glob("*.rq"), key=lambda p: p.stem)]
    )


def load_query(query: str | Path) -> NamedQuery:
    """A named query of the library, or a ``.rq`` file (a path, or anything ending in .rq)."""
    name = str(query)
    named = library_path() / f"{name}.rq"
    if re.fullmatch(r"[\w-]+", name) and named.is_file():
        path = named
    elif name.endswith(".rq") or "/" in name:
        path = Path(name)
        if not path.is_file():
            raise QueryError(f"{name}: no such query file")
    else:
        known = sorted(p.stem for p in library_path().glob("*.rq"))
        raise QueryError(f"no query called {name!r}; named queries: {', '.join(known)}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read ({e})") from None
    return _parse_header(path.stem if path == named else str(path), text)


def bind(g: Graph, q: NamedQuery, params: Mapping[str, str]) -> dict[str, Any]:
    """The terms for ``params`` (name → value as typed): names resolved to IRIs where the
    query declares an agency, place or task; :func:`bound_text` writes them into the query."""
    declared = {p.name: p for p in q.params}
    body = "\n".join(line for line in q.text.splitlines() if not line.lstrip().startswith("#"))
    out: dict[str, Any] = {}
    for key, value in params.items():
        if not re.fullmatch(r"\w+", key):
            raise QueryError(f"bad parameter name {key!r}: use letters, digits and _")
        if q.declared and key not in declared:
            takes = ", ".join(declared) or "no parameters"
            raise QueryError(f"query {q.name} has no parameter {key!r} (it takes: {takes})")
        if not q.declared and not re.search(rf"[?$]{key}\b", body):
            raise QueryError(f"query {q.name} has no variable ?{key}")
        out[key] = _term(g, declared.get(key), value)
    missing = [p for p in q.params if p.required and p.name not in params]
    if missing:
        p = missing[0]
        raise QueryError(f"query {q.name} needs --param {p.name}=… ({p.type}: {p.help})")
    return out


# What the query lexer steps over: strings (long ones first), IRIs and comments. A placeholder
# inside one of them is text, not a placeholder.
_OPAQUE = re.compile(
    "|".join(
        (
            r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings
            r"'''(?:[^'\\]|\\.|'(?!''))*'''",
            r'"(?:[^"\\\n\r]|\\.)*"',  # strings
            r"'(?:[^'\\\n\r]|\\.)*'",
            r'<[^<>"{}|^`\\\x00-\x20]*>',  # IRIs
            r"#[^\n\r]*",  # comments
        )
    )
)
_PLACEHOLDER = re.compile(r"\bVALUES\s+[?$](\w+)\s*\{\s*(UNDEF)\s*\}", re.IGNORECASE)
_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def placeholders(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each variable with a ``VALUES ?name { UNDEF }`` placeholder → the spans of its UNDEFs."""
    code = _OPAQUE.sub(lambda m: " " * len(m[0]), text)
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _PLACEHOLDER.finditer(code):
        out.setdefault(m[1], []).append(m.span(2))
    return out


def bound_text(q: NamedQuery, bindings: Mapping[str, Any]) -> str:
    """The query text with ``bindings`` (name → resolved term) written in: the one text that
    runs, locally and on a server.

    A parameter with placeholders gets its term, in N-Triples form, in place of each UNDEF. A
    parameter without one (a ``.rq`` file of the user's) is joined by a ``VALUES`` block after
    the query, which every engine applies to the results only: it is sent for result columns,
    and any other variable is refused rather than answered wrongly.

    :raises QueryError: a variable that has no placeholder and is not a result column.
    """
    spots = placeholders(q.text)
    edits = sorted((span, n_triples(bindings[name])) for name in bindings for span in spots.get(name, []))
    text = q.text
    for (start, end), term in reversed(edits):
        text = text[:start] + term + text[end:]
    rest = sorted(name for name in bindings if name not in spots)
    if not rest:
        return text
    inside = [name for name in rest if name not in _projected(q)]
    if inside:
        raise QueryError(
            f"query {q.name} uses ?{', ?'.join(inside)} without returning it and has no "
            f"`VALUES ?{inside[0]} {{ UNDEF }}` placeholder where it is used: add one there, "
            "so that every SPARQL engine binds it alike"
        )
    terms = " ".join(n_triples(bindings[n]) for n in rest)
    return f"{text.rstrip()}\nVALUES ({' '.join('?' + n for n in rest)}) {{ ({terms}) }}\n"


def n_triples(term: Any) -> str:
    """A term in N-Triples form, which SPARQL reads as one term whatever its text holds."""
    if isinstance(term, URIRef):
        if not _IRI.fullmatch(str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: not an IRI (spaces, quotes or braces)")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + re.sub(r'[\\"\n\r]', lambda m: _ESCAPES[m[0]], str(term)) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{URIRef(term.datatype).n3()}"
        return text
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals are parameters")


def _projected(q: NamedQuery) -> set[str]:
    try:
        algebra = prepareQuery(q.text).algebra
    except Exception as e:  # rdflib's parser raises many types
        raise QueryError(f"query {q.name} failed: {type(e).__name__}: {e}") from None
    return {str(v) for v in algebra.get("PV") or []}


# The second line of a named query's header names its form and columns ("# SELECT ?a ?b"):
# clients that sniff the query type from the text (SPARQLWrapper drops only every other
# comment line, then takes the first keyword it finds) read SELECT there, not "ask" in "task".
_FORM_LINE = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")


def _parse_header(name: str, text: str) -> NamedQuery:
    comment: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment.append(line)
    summary_lines: list[str] = []
    for line in comment:
        body = line.lstrip("#").strip()
        if not body:
            break
        if not _FORM_LINE.match(body):
            summary_lines.append(body)
    description = re.sub(rf"^{re.escape(Path(name).stem)}:\s*", "", " ".join(summary_lines))
    summary = re.split(r"(?<=\.)\s", description, maxsplit=1)[0]
    params = tuple(
        Param(m[1], m[2], m[3] == "required", m[4].strip())
        for m in (_PARAM_LINE.match(line) for line in comment)
        if m
    )
    for p in params:
        if p.type not in PARAM_TYPES:
            raise QueryError(
                f"{name}: parameter ?{p.name} has unknown type {p.type!r} (use {', '.join(PARAM_TYPES)})"
            )
    example = next(
        (line.split(":", 1)[1].strip() for line in comment if line.lstrip("# ").startswith("Example:")), None
    )
    declared = any(line.lstrip("# ").startswith("Parameters:") for line in comment)
    return NamedQuery(name, text, summary, description, params, example, declared)


def _param_usage(p: Param) -> str:
    return f"{p.name}={p.type}" if p.required else f"[{p.name}={p.type}]"


def _term(g: Graph, param: Param | None, value: str):
    kind = param.type if param else "text"
    if kind == "agency":
        return resolve_agency(g, value)
    if kind == "place":
        return resolve_place(g, value)
    if kind == "task":
        return resolve_task(g, value)
    if kind == "role":
        key = ROLE_PHRASES.query.get(value.strip().lower())
        if key is None:
            raise QueryError(f"{value!r} is not a role: use {', '.join(ROLE_KEYS)}")
        return ROLE[key].concept
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise QueryError(f"{value!r} is not a date: write it YYYY-MM-DD (2023-12-31)")
        return Literal(value.strip(), datatype=XSD.date)
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        if not re.fullmatch(r"<[^<>\"{}|^`\\\s]+>", v):
            raise QueryError(f"{value!r} is not an IRI")
        return URIRef(v[1:-1])
    return Literal(value)


def _result(name: str, bindings: Mapping[str, Any], result, rows: list) -> QueryResult:
    params = {k: str(v) for k, v in bindings.items()}
    if result.type == "ASK":
        return QueryResult(name, params, ["answer"], [{"answer": bool(result.askAnswer)}])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        cols = ["subject", "predicate", "object"]
        triples = sorted(result.graph, key=lambda t: tuple(str(x) for x in t))
        return QueryResult(name, params, cols, [dict(zip(cols, map(_value, t))) for t in triples])
    return result_rows(name, bindings, [str(v) for v in result.vars], rows)


def result_rows(name: str, bindings: Mapping[str, Any], cols: list[str], rows: list) -> QueryResult:
    """A SELECT result from its columns and rows of terms (rdflib's, or a remote server's)."""
    params = {k: str(v) for k, v in bindings.items()}
    return QueryResult(name, params, cols, [dict(zip(cols, map(_value, row))) for row in rows])


def _value(term) -> Any:
    """A term as plain data: numbers as numbers, kg terms by local name, the rest as text."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return local_name(term) if str(term).startswith(str(KG._NS)) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.datatype == XSD.boolean:
            return str(term).strip().lower() in ("true", "1")
        if term.datatype in _NUMERIC:
            try:
                d = Decimal(str(term))
            except ArithmeticError:
                return str(term)
            return int(d) if d == d.to_integral_value() else float(d)
    return str(term)


def local_name(term) -> str:
    """kg:lead → lead; an IRI's last segment."""
    s = str(term)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]
