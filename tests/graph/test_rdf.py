"""The graph: exact triples for a small document, determinism, named graphs, strict parsers."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pyoxigraph
import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

import kg
from kg.graph.serialize import trig, turtle
from kg.ns import KG

SMALL = (
    "鲁政发〔2023〕1号\n一、任务\n"
    "（一）建设平台。到2025年建成5个以上平台。（省商务厅牵头，济南、青岛等市政府配合）\n"
)
ID = "https://w3id.org/policy-kg/id/"


@pytest.fixture(scope="module")
def small():
    doc = kg.parse_text(SMALL, "small.txt")
    return doc, kg.to_graph([doc])


def test_exact_tree_of_a_small_document(small):
    doc, _ = small
    [task] = doc.tasks()
    assert (task.path, task.title) == ("1.1", "建设平台")
    assert [(r.role, r.agency, r.position, r.open, r.written) for r in task.responsibilities] == [
        ("lead", "370000/commerce", 1, False, "省商务厅"),
        ("support", "370100/government", 2, True, "济南"),
        ("support", "370200/government", 3, True, "青岛"),
    ]
    [target] = task.targets
    assert (target.object, target.quantity, target.unit, target.comparator, target.deadline_year) == (
        "平台",
        5,
        "个",
        "atLeast",
        2025,
    )


def test_exact_triples_of_a_task(small):
    doc, g = small
    task = URIRef(f"{ID}doc/{doc.id}/t/1.1")
    commerce = URIRef(f"{ID}agency/370000/commerce")
    jinan = URIRef(f"{ID}agency/370100/government")
    assert set(g.objects(task, KG.ledBy)) == {commerce}
    assert set(g.objects(task, KG.supportedBy)) == {jinan, URIRef(f"{ID}agency/370200/government")}
    r1 = URIRef(f"{task}/r/1")
    assert set(g.predicate_objects(r1)) == {
        (RDF.type, KG.Responsibility),
        (KG.agency, commerce),
        (KG.role, KG.lead),
        (KG.position, Literal(1)),
        (KG.openList, Literal(False)),
        (KG.source, URIRef(f"{ID}doc/{doc.id}/span/41-45")),
        (DCTERMS.source, URIRef(f"{ID}doc/{doc.id}/span/41-45")),
    }
    span = URIRef(f"{ID}doc/{doc.id}/span/41-45")
    assert g.value(span, KG.quote) == Literal("省商务厅")
    assert (commerce, KG.shortName, Literal("省商务厅")) in g
    assert (commerce, SKOS.prefLabel, Literal("山东省商务厅", lang="zh-Hans")) in g
    assert (jinan, KG.kind, KG.cityGovernment) in g
    assert (task, KG.mentionsPlace, URIRef(f"{ID}place/370100")) in g
    target = URIRef(f"{task}/target/1")
    assert g.value(target, KG.deadlineYear) == Literal("2025", datatype=rdflib.XSD.gYear)
    assert g.value(target, KG.comparator) == KG.atLeast


def test_no_blank_nodes(seed_graph):
    assert not any(isinstance(t, BNode) for triple in seed_graph for t in triple)


def test_the_bundled_document_conforms_to_the_shapes(seed_graph):
    assert kg.validate(seed_graph).conforms


def test_same_input_gives_byte_identical_turtle_in_fresh_processes(tmp_path):
    script = textwrap.dedent("""
        import sys, kg
        from kg.graph.serialize import turtle, trig
        doc = kg.parse(kg.bundled_document())
        sys.stdout.write(turtle(kg.to_graph([doc])) + trig(kg.to_dataset([doc])))
    """)
    outs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outs[0] == outs[1] and len(outs[0]) > 100_000


def test_turtle_and_trig_load_in_a_second_strict_parser(seed_doc):
    ttl = turtle(kg.to_graph([seed_doc]))
    store = pyoxigraph.Store()
    store.load(ttl.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(kg.to_graph([seed_doc]))
    named = pyoxigraph.Store()
    named.load(trig(kg.to_dataset([seed_doc])).encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    assert [str(g.value) for g in named.named_graphs()] == [f"{ID}graph/{seed_doc.id}"]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_other_encodings_give_the_same_graph(tmp_path, seed_path, seed_doc, encoding):
    text = kg.read_text(seed_path).text
    other = tmp_path / "doc.txt"
    other.write_bytes(text.encode(encoding))
    doc = kg.parse(other)
    doc.source = seed_doc.source
    assert turtle(kg.to_graph([doc])) == turtle(kg.to_graph([seed_doc]))


def test_documents_keep_their_own_named_graphs_and_share_agencies(seed_doc):
    other = kg.parse_text("鲁政办发〔2023〕9号\n一、任务\n（一）推进外贸。（省商务厅负责）\n", "other.txt")
    ds = kg.to_dataset([seed_doc, other])
    graphs = {str(c.identifier): c for c in ds.graphs() if len(c)}
    assert set(graphs) == {f"{ID}graph/{seed_doc.id}", f"{ID}graph/{other.id}"}
    commerce = URIRef(f"{ID}agency/370000/commerce")
    assert all((commerce, KG.shortName, Literal("省商务厅")) in g for g in graphs.values())
    union = kg.to_graph([seed_doc, other])
    assert len(set(union.subjects(KG.sharedBy, commerce))) == 2
    assert kg.validate(union).conforms


def test_the_base_iri_is_configurable(seed_doc):
    g = kg.to_graph([seed_doc], base="http://example.org/kg/")
    assert all(str(s).startswith("http://example.org/kg/") for s in g.subjects(RDF.type, KG.Task))


def test_a_consumer_without_a_reasoner_finds_standard_labels_and_types(seed_graph):
    g = seed_graph
    commerce = URIRef(f"{ID}agency/370000/commerce")
    assert (commerce, RDF.type, rdflib.namespace.ORG.Organization) in g
    for node in [*g.subjects(RDF.type, KG.Agency), *g.subjects(RDF.type, KG.Place)]:
        assert set(g.objects(node, RDFS.label)) == set(g.objects(node, SKOS.prefLabel)), node
    assert (KG.lead, RDF.type, SKOS.Concept) in g and (KG.lead, SKOS.inScheme, KG.roles) in g
    assert (KG.lead, RDFS.label, Literal("牵头", lang="zh-Hans")) in g
    assert (KG.support, SKOS.prefLabel, Literal("support", lang="en")) in g
    used = {o for p in (KG.role, KG.kind, KG.comparator) for o in g.objects(None, p)}
    assert all((c, SKOS.prefLabel, None) in g for c in used) and len(used) > 5


def test_every_fact_with_a_source_names_it_in_dcterms_and_entities_in_prov(seed_graph):
    g = seed_graph
    facts = list(g.subject_objects(KG.source))
    assert len(facts) > 100
    for fact, span in facts:
        assert (fact, DCTERMS.source, span) in g
        is_entity = any((fact, RDF.type, c) in g for c in (KG.Target, KG.PolicyDocument))
        assert ((fact, PROV.wasDerivedFrom, span) in g) == is_entity, fact
    target = next(g.subjects(RDF.type, KG.Target))
    assert g.value(target, PROV.wasDerivedFrom) == g.value(target, KG.source)


# A Guangdong document: 省委宣传部 has a 统一社会信用代码 in kg/data/agency-codes.csv, 省商务厅 none.
CODED = "粤府〔2023〕1号\n一、任务\n（一）加强宣传。（省委宣传部牵头，省商务厅配合）\n"
PUBLICITY = URIRef(ID + "agency/440000/publicity-department")
GD_COMMERCE = URIRef(ID + "agency/440000/commerce")
USCC = Literal("11440000006939561H", datatype=KG.USCC)


def test_an_agency_with_a_credit_code_carries_it_typed_in_both_writers():
    from rdflib.namespace import ORG

    from kg.graph.rdf import document_quads

    doc = kg.parse_text(CODED, "gd.txt")
    g = kg.to_graph([doc])
    assert list(g.objects(PUBLICITY, ORG.identifier)) == [USCC]
    assert list(g.objects(GD_COMMERCE, ORG.identifier)) == []
    _, quads = document_quads(doc)
    from_store = {
        (q.subject.value, q.object.value, q.object.datatype.value)
        for q in quads
        if q.predicate.value == str(ORG.identifier)
    }
    assert from_store == {(str(PUBLICITY), "11440000006939561H", str(KG.USCC))}


def test_the_credit_code_reads_back_from_turtle_and_json_ld_as_the_same_typed_literal():
    import json

    from pyld import jsonld
    from rdflib.namespace import ORG

    from kg.graph.jsonld import json_ld

    g = kg.to_graph([kg.parse_text(CODED, "gd.txt")])
    again = rdflib.Graph().parse(data=turtle(g), format="turtle")
    assert list(again.objects(PUBLICITY, ORG.identifier)) == [USCC]
    framed = json.loads(json_ld(g))
    [node] = [n for n in framed["@graph"] if n["id"] == str(PUBLICITY)]
    assert node["creditCode"] == "11440000006939561H"  # the context's term, typed kg:USCC
    nquads = jsonld.to_rdf(framed, {"format": "application/n-quads"})
    expanded = rdflib.Graph().parse(data=nquads, format="nt")
    assert list(expanded.objects(PUBLICITY, ORG.identifier)) == [USCC]


def test_the_documented_query_lists_the_agencies_with_a_credit_code():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "graph.md").read_text(encoding="utf-8")
    [query] = [q for q in re.findall(r"```sparql\n(.*?)```", text, re.S) if "kg:USCC" in q]
    g = kg.to_graph([kg.parse_text(CODED, "gd.txt")])
    rows = [tuple(str(v) for v in row) for row in g.query(query)]
    assert rows == [(str(PUBLICITY), "中共广东省委宣传部", "11440000006939561H", "440000")]
