"""The ontology's documentation page: generated from ontology.ttl and shapes.ttl, every term
with its labels, the alignments and the shapes; the same bytes each time, nothing to fetch."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

import kg
from kg.cli import cli
from kg.views.ontology import ONTOLOGY, ontology_graph, ontology_html


@pytest.fixture(scope="module")
def page() -> str:
    return ontology_html()


def test_every_term_is_on_the_page_with_its_chinese_and_english_labels(page):
    g = ontology_graph()
    terms = sorted(t for t in g.subjects(RDFS.isDefinedBy, ONTOLOGY) if isinstance(t, URIRef))
    assert len(terms) > 80
    for t in terms:
        anchor = str(t).rsplit("#", 1)[-1]
        assert f'id="{anchor}"' in page, anchor
        for label in g.objects(t, RDFS.label):
            assert isinstance(label, Literal) and str(label) in page, (anchor, label)


def test_the_alignments_are_every_subclass_or_subproperty_of_an_outside_term(page):
    g = ontology_graph()
    own = set(g.subjects(RDFS.isDefinedBy, ONTOLOGY))
    outside = [
        (s, o)
        for s in own
        for p in (RDFS.subClassOf, RDFS.subPropertyOf)
        for o in g.objects(s, p)
        if o not in own
    ]
    table = page.split('id="kg-alignments"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr data-vocabulary=") == len(outside) > 20
    assert {"org", "eli", "prov", "skos", "dcterms"} <= set(re.findall(r'data-vocabulary="(\w+)"', table))


def test_the_shapes_summary_states_each_constraint_without_blank_node_ids(page):
    assert 'id="shape-PolicyDocumentShape"' in page
    section = page.split('id="shape-PolicyDocumentShape"', 1)[1].split("</section>", 1)[0]
    assert "kg:checksum" in section and "matches ^[0-9a-f]{64}$" in section
    assert not re.search(r"\bn[0-9a-f]{32,}", page)  # rdflib's blank node ids never show


def test_the_page_is_deterministic_offline_and_written_by_kg_export(page, tmp_path):
    assert ontology_html() == page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page) and "@import" not in page
    assert "<style>" in page and "<script" not in page
    out = tmp_path / "ontology.html"
    result = CliRunner().invoke(cli, ["export", "--format", "ontology-html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == page


def test_a_class_lists_its_properties_and_narrower_classes(page):
    g = ontology_graph()
    agency = URIRef("https://w3id.org/policy-kg/def#Agency")
    assert (agency, RDF.type, OWL.Class) in g
    section = page.split('id="Agency"', 1)[1].split("</section>", 1)[0]
    assert 'href="#CollectiveAgency"' in section  # narrower
    for p in g.subjects(RDFS.domain, agency):
        assert f'href="#{str(p).rsplit("#", 1)[-1]}"' in section


def test_kg_export_of_the_page_alone_says_where_it_is_made():
    with pytest.raises(kg.KgError, match="ontology_html"):
        kg.export(Graph(), format="ontology-html")


def test_the_page_is_the_same_bytes_whatever_the_hash_seed(page):
    code = "import hashlib, kg; print(hashlib.sha256(kg.ontology_html().encode()).hexdigest())"
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert digests == {hashlib.sha256(page.encode()).hexdigest() + "\n"}
