"""Exports that other tools open: JSON-LD (pyld, rdflib), GraphML and GEXF (networkx), CSV and
JSON Lines (pandas, json), the ontology and shapes; every RDF export reads back as the graph."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from pyld import jsonld
from rdflib import RDF, Graph, Literal, URIRef

import kg
from kg.cli import cli
from kg.graph.jsonld import CONTEXT_IRI, context
from kg.graph.tabular import COLUMNS
from kg.ns import KG

FIXTURES = Path(__file__).parent.parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent.parent


def _no_fetch(url, options=None):
    raise AssertionError(f"pyld tried to fetch {url}")


def _triples(g: Graph) -> set[str]:
    """Triples as N-Triples lines, language tags in lower case (they are case-insensitive in
    RDF, and pyld lower-cases them), so literals compare by their exact form otherwise."""
    out = set()
    for s, p, o in g:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add(f"{s.n3()} {p.n3()} {o.n3()} .")
    return out


@pytest.fixture(scope="module")
def two_documents(two_docs):
    """The bundled document and a style fixture in one graph."""
    return kg.to_graph(list(two_docs))


@pytest.fixture(scope="module")
def ten_tasks():
    """A section with ten tasks, so that one task has the path 1.10."""
    items = "\n".join(f"（{n}）第{n}项工作。（省商务厅牵头）" for n in "一二三四五六七八九十")
    text = f"山东省人民政府关于推进工作的实施意见\n一、重点任务\n{items}\n"
    return kg.to_graph([kg.parse_text(text, "ten.txt")])


def test_json_ld_expands_with_pyld_to_the_triples_of_the_turtle(two_documents):
    doc = json.loads(kg.export(two_documents, format="json-ld"))
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _no_fetch})
    expanded = Graph().parse(data=nquads, format="nt")
    turtle = Graph().parse(data=kg.export(two_documents, format="turtle"), format="turtle")
    assert len(turtle) > 3000
    assert _triples(expanded) == _triples(turtle)


def test_the_published_context_by_its_iri_gives_the_same_triples(two_documents):
    doc = json.loads(kg.export(two_documents, format="json-ld"))
    by_reference = copy.deepcopy(doc)
    by_reference["@context"] = CONTEXT_IRI
    published = json.loads((ROOT / "kg" / "data" / "context.jsonld").read_text(encoding="utf-8"))

    def loader(url, options=None):
        assert url == CONTEXT_IRI, url
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": published,
        }

    inline = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _no_fetch})
    referenced = jsonld.to_rdf(by_reference, {"format": "application/n-quads", "documentLoader": loader})
    assert sorted(inline.splitlines()) == sorted(referenced.splitlines())


def test_json_ld_keys_are_plain_terms_with_typed_values(seed_graph):
    nodes = json.loads(kg.export(seed_graph, format="json-ld"))["@graph"]
    t33 = next(n for n in nodes if n.get("type") == "Task" and n["path"] == "3.3")
    assert sorted(t33["ledBy"]) == sorted(str(a) for a in seed_graph.objects(URIRef(t33["id"]), KG.ledBy))
    assert t33["title"] == {"zh-Hans": "实施服务对外开放标准化建设"}
    assert isinstance(t33["position"], int)
    first = sorted(t33["responsibility"], key=lambda r: r["position"])[0]
    assert first["type"] == "Responsibility" and first["role"] == "lead"
    assert isinstance(first["openList"], bool) and isinstance(first["source"]["start"], int)
    agency = next(n for n in nodes if n["id"] == first["agency"])
    assert agency["shortName"] == "省市场监管局" and "en" in agency["prefLabel"]
    assert nodes[0]["type"] == "PolicyDocument"


def test_the_context_is_generated_from_the_ontology():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_context
    finally:
        sys.path.pop(0)
    ontology = Graph().parse(ROOT / "kg" / "data" / "ontology.ttl", format="turtle")
    shipped = resources.files("kg").joinpath("data", "context.jsonld").read_text("utf-8")
    assert make_context.render(ontology) == shipped, "run python scripts/make_context.py"
    terms = context()["@context"]
    for name in ("ledBy", "supportedBy", "sharedBy", "path", "Task", "Agency", "lead"):
        assert name in terms


_DIGESTS = """
import hashlib, sys
import kg
g = kg.to_graph([kg.parse(kg.bundled_document())])
for fmt in ("json-ld", "graphml", "gexf", "csv", "jsonl", "turtle", "trig", "void"):
    print(fmt, hashlib.sha256(kg.export(g, format=fmt).encode("utf-8")).hexdigest())
"""


def test_exports_are_byte_identical_across_hash_seeds():
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.append(
            subprocess.run(
                [sys.executable, "-c", _DIGESTS], env=env, check=True, capture_output=True, text=True
            ).stdout
        )
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == 8


@pytest.mark.parametrize(
    "fmt,suffix",
    [
        ("turtle", ".ttl"),
        ("trig", ".trig"),
        ("nt", ".nt"),
        ("nquads", ".nq"),
        ("json-ld", ".jsonld"),
        ("json-ld", ".json-ld"),
    ],
)
def test_every_rdf_export_reads_back_as_the_graph(tmp_path, two_documents, fmt, suffix):
    path = tmp_path / f"out{suffix}"
    path.write_text(kg.export(two_documents, format=fmt), encoding="utf-8")
    assert _triples(kg.load_graph(path)) == _triples(two_documents)


def test_kg_validate_accepts_the_json_ld_kg_writes(tmp_path, seed_graph):
    path = tmp_path / "out.json-ld"
    runner = CliRunner()
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(kg.export(seed_graph, format="turtle"), encoding="utf-8")
    written = runner.invoke(cli, ["export", "--graph", str(ttl), "--format", "json-ld", "-o", str(path)])
    assert written.exit_code == 0, written.output
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("conforms (0 violations)\n")


def test_kg_validate_says_a_network_export_is_not_a_graph(tmp_path, seed_graph):
    path = tmp_path / "net.graphml"
    path.write_text(kg.export(seed_graph, format="graphml"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "a GraphML network export, not an RDF graph" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_the_network_with_unique_edge_ids(two_documents, fmt):
    text = kg.export(two_documents, format=fmt).encode("utf-8")
    if fmt == "graphml":
        net = nx.read_graphml(io.BytesIO(text), force_multigraph=True)
        ids = [key for _, _, key in net.edges(keys=True)]
    else:
        net = nx.read_gexf(io.BytesIO(text))
        ids = [data["id"] for _, _, data in net.edges(data=True)]
    leads = sum(1 for _ in two_documents.subject_objects(KG.ledBy))
    assert len(ids) == len(set(ids)) == net.number_of_edges() > leads
    roles = [d["role"] for *_, d in net.edges(data=True)]
    assert roles.count("lead") == leads
    assert all(d["weight"] >= 1 for *_, d in net.edges(data=True))
    agency = net.nodes["https://w3id.org/policy-kg/id/agency/370000/commerce"]
    assert agency["kind"] == "agency" and agency["short_name"] == "省商务厅"
    assert agency["full_name"] == "山东省商务厅" and agency["jurisdiction"] == "370000"
    assert agency["english_name"] and agency["document"] == "鲁政发〔2022〕6号"
    docs = {d["document"] for _, d in net.nodes(data=True) if d["kind"] == "task"}
    assert len(docs) == 2


def test_an_edge_weighs_the_times_the_text_states_it(seed_graph):
    g = Graph()
    g += seed_graph
    task = URIRef("https://w3id.org/policy-kg/id/doc/370000-2022-6-563b29/t/3.3")
    first = g.value(task, KG.responsibility)
    again = URIRef(f"{first}-again")
    g.add((task, KG.responsibility, again))
    for p, o in seed_graph.predicate_objects(first):
        g.add((again, p, o))
    net = nx.read_graphml(io.BytesIO(kg.export(g, format="graphml").encode()), force_multigraph=True)
    agency = str(g.value(first, KG.agency))
    weights = {(u, v): d["weight"] for u, v, d in net.edges(data=True) if d["role"] != "part"}
    assert weights[(str(task), agency)] == 2
    assert sorted(set(weights.values())) == [1, 2]
    assert (again, RDF.type, KG.Responsibility) in g


def test_pandas_reads_csv_paths_as_text_and_every_row_has_its_iris(ten_tasks):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(kg.export(ten_tasks, format="csv")))
    assert list(frame.columns) == list(COLUMNS)
    assert "§1.10" in list(frame["path"]) and "§1.1" in list(frame["path"])
    for iri in frame["responsibility_iri"]:
        assert (URIRef(iri), None, None) in ten_tasks
    assert set(frame["task_iri"]) == {str(t) for t in ten_tasks.subjects(KG.ledBy, None)}


def test_csv_has_one_row_per_responsibility_in_document_order(seed_graph):
    rows = list(csv.DictReader(io.StringIO(kg.export(seed_graph, format="csv"))))
    assert len(rows) == sum(1 for _ in seed_graph.subjects(None, KG.Responsibility))
    first = rows[0]
    assert (first["path"], first["agency"], first["role"]) == ("§2.1", "省科技厅", "lead")
    assert first["quote"] == "省科技廳" and "牵头" in first["clause"]


def test_json_lines_rows_keep_paths_as_json_strings(ten_tasks):
    lines = kg.export(ten_tasks, format="jsonl").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["path"] for r in rows] == [f"1.{n}" for n in range(1, 11)]
    assert all(r["task_iri"].endswith(f"/t/{r['path']}") for r in rows)
    assert rows[0]["open"] is False and rows[0]["position"] == 1


@pytest.mark.parametrize("fmt,name", [("ontology", "ontology.ttl"), ("shapes", "shapes.ttl")])
def test_export_ontology_and_shapes_travel_with_the_data(fmt, name):
    result = CliRunner().invoke(cli, ["export", "--format", fmt])
    assert result.exit_code == 0, result.output
    shipped = resources.files("kg").joinpath("data", name).read_text("utf-8")
    assert result.output.rstrip("\n") == shipped.rstrip("\n")
    assert len(Graph().parse(data=result.output, format="turtle")) > 100
