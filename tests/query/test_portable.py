"""Every named query runs unchanged on any SPARQL 1.1 engine: rdflib (``kg query``) and
pyoxigraph (a standard engine, reached the way ``kg query --endpoint`` reaches a server) give
the same rows, with and without parameters, on the bundled document and on the style fixtures.

The parameters are taken from each graph itself (its busiest agencies, a place within
another, a task, a due date), never from the expected answers, which come from rdflib.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

import kg
from kg.graph.remote import Remote
from kg.query import library as Q

FIXTURES = Path(__file__).parents[1] / "fixtures"
KGNS = Namespace("https://w3id.org/policy-kg/def#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
# "twins": the bundled document and a copy under another 文号, so that both named graphs
# describe the same agencies, as the documents of one province do in a corpus: an engine whose
# union default graph yields such a triple once per graph must not repeat rows or names
GRAPHS = ["bundled", "twins", "styles", "styles2", "styles3"]

# Queries whose ORDER BY leaves ties (rows equal on every key, different in the rest): their
# rows are compared as multisets; every other query's rows are compared in order.
PARTIAL_ORDER: set[str] = set()


@functools.cache
def documents(name: str) -> tuple[kg.Document, ...]:
    if name == "bundled":
        return (kg.parse(kg.bundled_document()),)
    if name == "twins":
        text = kg.bundled_document().read_text(encoding="utf-8")
        assert "〔2022〕6號" in text
        twin = kg.parse_text(text.replace("〔2022〕6號", "〔2022〕7號", 1), source="twin.txt")
        return (kg.parse(kg.bundled_document()), twin)
    return tuple(kg.parse(p) for p in sorted((FIXTURES / name).glob("*.txt")))


@functools.cache
def graph(name: str) -> Graph:
    return kg.to_graph(list(documents(name)))


@functools.cache
def store(name: str) -> pyoxigraph.Store:
    """The graph's TriG export (one named graph per document) in a fresh pyoxigraph store."""
    s = pyoxigraph.Store()
    s.load(kg.export(graph(name), format="trig").encode("utf-8"), pyoxigraph.RdfFormat.TRIG)
    return s


@dataclass
class StoreEndpoint(Remote):
    """A pyoxigraph store answering as a SPARQL server would, its default graph the union."""

    store: pyoxigraph.Store = field(default_factory=pyoxigraph.Store)
    sent: list[str] = field(default_factory=list)

    def select(self, query: str) -> dict[str, Any]:
        self.sent.append(query)
        result = self.store.query(query, use_default_graph_as_union=True)
        return json.loads(result.serialize(format=pyoxigraph.QueryResultsFormat.JSON))

    def construct(self, query: str) -> Graph:
        triples = self.store.query(query, use_default_graph_as_union=True)
        data = triples.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data.decode("utf-8"), format="nt")


def _most(counter: Counter) -> list[URIRef]:
    return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def examples(g: Graph) -> dict[str, list[str]]:
    """Values for each parameter, read off the graph: param type or name → values as typed."""
    agencies: list[str] = []
    for role in (KGNS.ledBy, KGNS.supportedBy, KGNS.sharedBy):
        busiest = _most(Counter(o for _, o in g.subject_objects(role)))
        if busiest and f"<{busiest[0]}>" not in agencies:
            agencies.append(f"<{busiest[0]}>")
    within = _most(Counter(o for _, o in g.subject_objects(KGNS.withinPlace)))
    mentioned = _most(Counter(o for _, o in g.subject_objects(KGNS.mentionsPlace)))
    tasks = _most(Counter(s for s, _ in g.subject_objects(KGNS.responsibility)))
    due = sorted({str(o) for o in g.objects(None, KGNS.dueDate)})
    years = sorted({int(str(o)) for o in g.objects(None, KGNS.deadlineYear)})
    sections = _most(
        Counter(
            s for s in g.subjects(RDF.type, KGNS.Section) for _ in g.transitive_objects(s, DCTERMS.hasPart)
        )
    )
    section_paths = [str(g.value(s, KGNS.path)) for s in sections[:1] if g.value(s, KGNS.path)]
    lead = agencies[0] if agencies else None
    return {
        "agency": agencies,
        "place": [f"<{p}>" for p in (within[:1] or mentioned[:1])],
        "task": [f"<{t}>" for t in tasks[:1]],
        "role": ["lead", "support"],
        "date": [due[len(due) // 2]] if due else ["2023-12-31"],
        "min": ["1", "2"],
        "year": [str(years[len(years) // 2])] if years else ["2025"],
        "section": section_paths or ["1"],
        "function": [lead.rsplit("/", 1)[-1].rstrip(">")] if lead else ["commerce"],
    }


def param_sets(q: Q.NamedQuery, values: dict[str, list[str]]) -> list[dict[str, str]]:
    """The unbound run (when nothing is required), then each value of each parameter with the
    required parameters at their first value."""
    for p in q.params:
        key = p.type if p.type != "text" else p.name
        if not values.get(key):
            pytest.fail(f"{q.name}: no example value for ?{p.name} ({p.type}) in this graph")

    def values_of(p: Q.Param) -> list[str]:
        return values[p.type if p.type != "text" else p.name]

    base = {p.name: values_of(p)[0] for p in q.params if p.required}
    out = [] if any(p.required for p in q.params) else [{}]
    for p in q.params:
        for v in values_of(p):
            candidate = {**base, p.name: v}
            if candidate not in out:
                out.append(candidate)
    return out


def _cases() -> list[tuple[str, str]]:
    return [(g, q.name) for g in GRAPHS for q in kg.query_library().queries]


def _plain(rows: list[dict[str, Any]], columns: list[str]) -> list[tuple]:
    return [tuple(r[c] for c in columns) for r in rows]


@pytest.mark.parametrize("fixture, name", _cases())
def test_every_named_query_gives_the_same_rows_on_rdflib_and_pyoxigraph(fixture, name):
    g = graph(fixture)
    q = Q.load_query(name)
    endpoint = StoreEndpoint("pyoxigraph:", store=store(fixture))
    answered = 0
    for params in param_sets(q, examples(g)):
        ours = kg.query(g, name, params)
        theirs = kg.remote_query(endpoint, name, params)
        assert theirs.columns == ours.columns, (name, params)
        mine, other = _plain(ours.rows, ours.columns), _plain(theirs.rows, theirs.columns)
        assert sorted(other, key=repr) == sorted(mine, key=repr), (name, params)
        if name not in PARTIAL_ORDER:
            assert other == mine, (name, params)
        answered += bool(mine)
    assert answered or not graph_has_answers(fixture, name)


def graph_has_answers(fixture: str, name: str) -> bool:
    """Whether some run of the query should find rows here: a fixture without deadlines or
    targets rightly answers the deadline and target queries with nothing."""
    g = graph(fixture)
    needs = {
        "tasks-due": KGNS.deadlineKind,
        "targets-due": KGNS.deadlineYear,
        "targets-by-deadline": KGNS.target,
        "targets-by-agency": KGNS.target,
        "cites": KGNS.citation,
        "places": KGNS.mentionsPlace,
        "collective-only-support": KGNS.supportedBy,
        "co-leads": KGNS.ledBy,
        "tasks-without-lead": KGNS.sharedBy,
    }
    return needs.get(name) is None or any(True for _ in g.subject_objects(needs[name]))


def test_the_bundled_document_answers_agency_tasks_with_its_three_tasks_on_both_engines():
    """The case of issue 9: a top-level binding reaches no subquery on a standard engine."""
    g = graph("bundled")
    params = {"agency": "省商务厅"}
    ours = kg.query(g, "agency-tasks", params)
    theirs = kg.remote_query(StoreEndpoint("pyoxigraph:", store=store("bundled")), "agency-tasks", params)
    assert [r["path"] for r in ours.rows] == [r["path"] for r in theirs.rows] == ["3.3", "3.2", "5.1"]


def test_a_literal_with_quotes_and_braces_stays_one_value_on_both_engines(tmp_path):
    g = graph("bundled")
    title = next(str(o) for o in g.objects(None, DCTERMS.title) if isinstance(o, Literal))
    f = tmp_path / "by-title.rq"
    f.write_text(
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "SELECT ?task WHERE { { SELECT ?task WHERE {\n"
        "  VALUES ?title { UNDEF }\n"
        "  ?task dcterms:title ?t . FILTER(STR(?t) = ?title) } } }\n",
        encoding="utf-8",
    )
    endpoint = StoreEndpoint("pyoxigraph:", store=store("bundled"))
    found = kg.query(g, str(f), {"title": title}).rows
    assert found and kg.remote_query(endpoint, str(f), {"title": title}).rows == found
    for hostile in (
        f'{title}" ) }} UNION {{ ?task ?p ?o',
        f"{title}' }} }} UNION {{ ?task ?p ?o }} #",
        f'{title}"""\\" }} UNDEF {{',
        "\n} } } SELECT * WHERE { ?task ?p ?o",
    ):
        assert kg.query(g, str(f), {"title": hostile}).rows == []
        assert kg.remote_query(endpoint, str(f), {"title": hostile}).rows == []
