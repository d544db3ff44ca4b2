"""The dataset description (VoID + DCAT): counts that match the graphs, every source text's
checksum, the licence, the vocabularies and the kg version; no clock unless asked."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

import kg
from kg.cli import cli
from kg.graph.describe import DEFAULT_LICENCE, describe
from kg.graph.rdf import named_graphs
from kg.ns import KG

FIXTURES = Path(__file__).parent.parent / "fixtures"
DATASET = URIRef("https://w3id.org/policy-kg/id/dataset")


@pytest.fixture(scope="module")
def docs(two_docs):
    return list(two_docs)


def test_the_description_counts_what_the_named_graphs_hold(docs):
    graphs = named_graphs(docs)
    d = describe(graphs)
    assert (DATASET, RDF.type, VOID.Dataset) in d and (DATASET, RDF.type, DCAT.Dataset) in d
    assert d.value(DATASET, VOID.documents) == Literal(2)
    union = set()
    for iri, g in graphs:
        union |= set(g)
        assert (DATASET, VOID.subset, iri) in d
        assert d.value(iri, VOID.triples) == Literal(len(g))
    assert d.value(DATASET, VOID.triples) == Literal(len(union))
    assert {str(d.value(iri, KG.checksum)) for iri, _ in graphs} == {doc.checksum for doc in docs}
    assert {str(d.value(iri, KG.sourceFile)) for iri, _ in graphs} == {doc.source for doc in docs}


def test_the_description_names_licence_vocabulary_version_and_the_newest_document_date(docs):
    d = describe(named_graphs(docs))
    assert d.value(DATASET, DCTERMS.license) == DEFAULT_LICENCE
    assert (DATASET, VOID.vocabulary, URIRef("https://w3id.org/policy-kg/def#")) in d
    software = d.value(DATASET, URIRef("http://www.w3.org/ns/prov#wasAttributedTo"))
    assert str(software).endswith(f"/software/kg/{kg.__version__}")
    assert d.value(DATASET, DCTERMS.modified) == Literal(max(doc.date for doc in docs), datatype=XSD.date)
    assert d.value(DATASET, DCTERMS.created) is None
    stamped = describe(named_graphs(docs), created="2026-12-01T20:00:00Z")
    assert stamped.value(DATASET, DCTERMS.created) == Literal("2026-12-01T20:00:00Z", datatype=XSD.dateTime)


def test_kg_export_void_describes_the_graph_and_loads_in_pyoxigraph(tmp_path, docs):
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(kg.export(kg.to_graph(docs), format="turtle"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--graph", str(ttl), "--format", "void"])
    assert result.exit_code == 0, result.output
    d = Graph().parse(data=result.output, format="turtle")
    assert d.value(DATASET, VOID.documents) == Literal(2)
    assert len(d) == len(describe(named_graphs(docs)))
    store = pyoxigraph.Store()
    store.load(result.output.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(d)
