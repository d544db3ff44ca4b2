"""The canonical Turtle and TriG writers, and the quads a build stores: the same triples and
bytes whatever path wrote them, and files that parse back to the graph they came from."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, SKOS, VOID, XSD

import kg
from kg.graph.rdf import bind_prefixes, document_quads, document_triples, named_graphs, nquads_text
from kg.graph.serialize import _quote, quad_triples, trig, turtle, turtle_and_trig
from kg.ns import KG

ID = "https://w3id.org/policy-kg/id/"
AWKWARD = [
    "plain",
    "",
    'a "quoted" word',
    'ends with a quote"',
    "two\nlines",
    'two\nlines ending in a quote"',
    'two\nlines ending in an escaped quote\\"',
    'triple """ quotes\non two lines',
    "back\\slash",
    "carriage\rreturn",
    "carriage\r\nreturn and newline",
    "tab\there",
    "中文：（省商务厅牵头）",
]


RDFLIB_GETS_WRONG = 'two\nlines ending in an escaped quote\\"'


@pytest.mark.parametrize("text", [t for t in AWKWARD if t != RDFLIB_GETS_WRONG])
def test_a_lexical_form_is_quoted_as_rdflib_quotes_it(text):
    assert _quote(text) == Literal(text).n3()


def test_a_closing_quote_after_a_backslash_is_escaped_where_rdflib_leaves_it_open():
    assert Literal(RDFLIB_GETS_WRONG).n3().endswith('\\\\""""')  # the string would end early
    assert _quote(RDFLIB_GETS_WRONG).endswith('\\\\\\""""')


def _awkward_graph() -> Graph:
    g = Graph()
    bind_prefixes(g)
    s = URIRef(f"{ID}doc/x")
    g.add((s, RDF.type, KG.PolicyDocument))
    g.add((s, KG.citation, RDF.type))  # rdf:type as an object is rdf:type, not "a"
    for n, text in enumerate(AWKWARD):
        g.add((URIRef(f"{ID}doc/x/t{n}"), KG.text, Literal(text)))
        g.add((URIRef(f"{ID}doc/x/t{n}"), KG.text, Literal(text, lang="zh-Hans")))
    for value in (
        Literal(7),
        Literal(True),
        Literal("2024-01-31", datatype=XSD.date),
        Literal(Decimal("1.50"), datatype=XSD.decimal),
        Literal("x", datatype=URIRef("http://example.org/dt")),
    ):
        g.add((s, KG.quantity, value))
    g.add((URIRef(f"{ID}doc/x/task/1.2"), KG.inDocument, s))  # a local name with a dot: <…>
    return g


def _triples(data: str, fmt: ox.RdfFormat) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(data.encode("utf-8"), format=fmt)}


def test_awkward_literals_and_iris_round_trip_through_turtle_and_trig():
    g = _awkward_graph()
    expected = _triples(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    assert _triples(turtle(g), ox.RdfFormat.TURTLE) == expected
    assert _triples(trig([(URIRef(f"{ID}graph/x"), g)]), ox.RdfFormat.TRIG) == expected
    back = Graph().parse(data=turtle(g), format="turtle")
    assert back.isomorphic(g)


def _as_quads(g: Graph, name: str) -> list[ox.Quad]:
    """``g`` read through pyoxigraph, as a store holds it (language tags in lower case)."""
    triples = ox.parse(g.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples]


def test_a_store_s_quads_are_written_as_the_same_bytes_as_their_rdflib_graph():
    g = _awkward_graph()
    quads = _as_quads(g, f"{ID}graph/x")
    assert turtle(g, quad_triples(quads)) == turtle(g)
    assert trig([(URIRef(f"{ID}graph/x"), list(quad_triples(quads)))], g) == trig(
        [(URIRef(f"{ID}graph/x"), g)]
    )
    assert "@zh-Hans" in turtle(g, quad_triples(quads))  # pyoxigraph's zh-hans, in its conventional case


def test_a_triple_two_graphs_hold_is_written_once_in_the_union():
    g = _awkward_graph()
    twice = _as_quads(g, f"{ID}graph/x") + _as_quads(g, f"{ID}graph/y")
    assert turtle(g, quad_triples(twice)) == turtle(g)


def test_both_files_written_at_once_are_the_bytes_of_turtle_and_trig_written_apart():
    g = _awkward_graph()
    other = Graph()
    bind_prefixes(other)
    for s, p, o in g:
        if str(s).endswith(("t0", "t1")):
            other.add((s, p, o))  # a subject of two graphs, the same statements in both
    other.add((URIRef(f"{ID}doc/x/t2"), SKOS.note, Literal("only in y")))  # more statements in y
    other.add((URIRef(f"{ID}doc/y"), RDF.type, KG.PolicyDocument))  # a subject only y has
    named = [
        (f"{ID}graph/y", _as_quads(other, f"{ID}graph/y")),
        (f"{ID}graph/x", _as_quads(g, f"{ID}graph/x")),
    ]
    linked = [
        ox.Triple(ox.NamedNode(f"{ID}doc/y"), ox.NamedNode(str(FOAF.knows)), ox.NamedNode(f"{ID}doc/x"))
    ]
    described = Graph()
    described.add((URIRef(f"{ID}doc/x"), VOID.triples, Literal(7)))  # a subject the graphs have too
    dataset = (URIRef(f"{ID}dataset"), described)
    ttl, trg = turtle_and_trig(
        g, [(name, quad_triples(q)) for name, q in named], quad_triples(linked), [dataset]
    )
    union = [t for _, q in named for t in quad_triples(q)] + list(quad_triples(linked))
    assert ttl == turtle(g, union)
    assert trg == trig([*((URIRef(name), list(quad_triples(q))) for name, q in named), dataset], g)
    assert "@prefix foaf:" in ttl and "@prefix foaf:" not in trg  # each file declares what it uses
    assert "@prefix void:" in trg and "@prefix void:" not in ttl
    assert "skos:note" in ttl and f"<{ID}doc/y>" in trg.split(f"<{ID}graph/y>")[1]


def test_the_writer_s_forms_of_terms():
    ttl = turtle(_awkward_graph())
    assert ttl.startswith("@prefix ")
    assert (
        'kg:quantity "1.50"^^xsd:decimal, "2024-01-31"^^xsd:date, 7, true, "x"^^<http://example.org/dt> .'
        in ttl
    )
    assert f"<{ID}doc/x/task/1.2>" in ttl
    assert f"<{ID}doc/x> a kg:PolicyDocument ;" in ttl  # rdf:type first, as "a"
    assert "kg:citation rdf:type" in ttl


def test_subjects_predicates_and_objects_are_sorted_and_output_is_stable():
    g = _awkward_graph()
    ttl = turtle(g)
    subjects = [line.split(" ")[0] for line in ttl.split("\n\n")[1:] if line.strip()]
    assert subjects == sorted(subjects, key=lambda s: s.strip("<>").replace("id:", ID))
    shuffled = Graph()
    bind_prefixes(shuffled)
    for t in sorted(g, key=str, reverse=True):
        shuffled.add(t)
    assert turtle(shuffled) == ttl


@pytest.fixture(scope="module")
def documents(seed_doc):
    small = kg.parse_text(
        "鲁政发〔2023〕1号\n一、任务\n（一）建设平台。到2025年建成5个以上平台。"
        "（省商务厅牵头，济南、青岛等市政府配合，2024年底前完成）\n"
        "（二）张三副省长负责。（省发改委负责）\n",
        "small.txt",
    )
    return [seed_doc, small]


def test_the_stored_quads_are_the_named_graph_s_triples_in_the_order_written(documents):
    for doc in documents:
        graph, quads = document_quads(doc)
        assert graph == f"{ID}graph/{doc.id}"
        assert {q.graph_name for q in quads} == {ox.NamedNode(graph)}
        assert len(set(quads)) == len(quads)  # each triple once
        ((_, g),) = named_graphs([doc])
        stored = {(q.subject, q.predicate, q.object) for q in quads}
        assert stored == _triples(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
        again = document_quads(doc)[1]
        assert again == quads


REAL = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "real").glob("*.txt"))


def test_the_n_quads_a_store_loads_are_pyoxigraph_s_own_serialisation_of_the_quads(documents):
    """nquads_text writes each line from the terms' text; a store must read exactly the
    bytes pyoxigraph's serialiser makes of document_quads, for real documents and for text
    with quotes, backslashes, tabs and carriage returns in its literals (the real
    documents' task texts run over several lines)."""
    item = "；".join(AWKWARD).replace("\n", " ")  # a line break would end the item
    awkward = kg.parse_text(f"鲁政发〔2023〕2号\n一、任务\n（一）{item}。（省商务厅牵头）\n", "awkward.txt")
    docs = [*documents, awkward, *(kg.parse(path) for path in REAL)]
    assert len(docs) > 30
    for doc in docs:
        graph, quads = document_quads(doc)
        same_graph, triples = document_triples(doc)
        assert same_graph == graph
        assert nquads_text(graph, triples) == ox.serialize(quads, format=ox.RdfFormat.N_QUADS), doc.source
