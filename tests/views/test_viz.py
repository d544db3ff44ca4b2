"""The map: what the graph says, drawn by kind and role, offline, and the same file every time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

import kg
from kg.cli import cli
from kg.graph import facts
from kg.ns import KG
from kg.views.page import script_json
from kg.views.viz import EDGES, KINDS, network, render_map

ROLE_PROPS = {"lead": KG.ledBy, "support": KG.supportedBy, "shared": KG.sharedBy}
REMOTE = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.I,
)


def expected(g: Graph) -> tuple[set[str], int]:
    """Nodes and edge count the map must show, read from the graph without kg's helpers."""
    tasks = set(g.subjects(RDF.type, KG.Task))
    structure = tasks | set(g.subjects(RDF.type, KG.Section)) | set(g.subjects(RDF.type, KG.PolicyDocument))
    agencies = {a for p in ROLE_PROPS.values() for a in g.objects(None, p)}
    places = set(g.objects(None, KG.mentionsPlace))
    parts = [(s, o) for s, o in g.subject_objects(DCTERMS.hasPart) if s in structure and o in structure]
    roles = [t for p in ROLE_PROPS.values() for t in g.subject_objects(p)]
    mentions = list(g.subject_objects(KG.mentionsPlace))
    return {str(n) for n in structure | agencies | places}, len(parts) + len(roles) + len(mentions)


def embedded(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-network-data">(.*?)</script>', html, re.S)
    assert m, "no embedded network data"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def net(seed_graph):
    return network(seed_graph)


def test_nodes_and_edges_are_those_of_the_graph(seed_graph, net):
    nodes, n_edges = expected(seed_graph)
    assert {n["iri"] for n in net["nodes"]} == nodes
    assert len(net["nodes"]) == len(nodes) == 85
    assert len(net["edges"]) == n_edges
    assert [n["id"] for n in net["nodes"]] == list(range(len(nodes)))
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in net["edges"])


def test_every_kind_has_its_shape_and_colour(net):
    groups = net["options"]["groups"]
    kinds = {n["kind"] for n in net["nodes"]}
    assert kinds == set(KINDS)
    for kind, (shape, colour, *_) in KINDS.items():
        assert groups[kind]["shape"] == shape
        assert groups[kind]["color"]["background"] == colour
    assert all(n["group"] == n["kind"] for n in net["nodes"])


def test_every_task_has_a_tooltip_with_its_title_and_clause(seed_graph, net):
    tasks = [n for n in net["nodes"] if n["kind"] == "task"]
    assert len(tasks) == 24
    for node in tasks:
        t = URIRef(node["iri"])
        assert str(seed_graph.value(t, DCTERMS.title)) in node["title"]
        for clause in seed_graph.objects(t, KG.clauseText):
            assert str(clause) in node["title"]
        assert "<" not in node["title"]  # plain text: vis-network would show HTML as raw text
    t33 = next(n for n in tasks if n["label"] == "3.3")
    assert t33["title"] == (
        "3.3 实施服务对外开放标准化建设\n（省市场监管局、省商务厅牵头，省政府有关部门和青岛市政府配合）"
    )


def test_agencies_are_sized_by_workload(seed_graph, net):
    loads = {w.iri: w for w in facts.workload(seed_graph)}
    agencies = [n for n in net["nodes"] if n["kind"] in ("agency", "collective")]
    assert [n["iri"] for n in agencies] == list(loads)  # workload order
    for n in agencies:
        assert (n["total"], n["lead"], n["support"], n["shared"]) == (
            loads[n["iri"]].total,
            loads[n["iri"]].lead,
            loads[n["iri"]].support,
            loads[n["iri"]].shared,
        )
    by_size = sorted(agencies, key=lambda n: n["size"])
    assert [n["total"] for n in by_size] == sorted(n["total"] for n in agencies)
    assert agencies[0]["label"] == "省市场监管局" and agencies[0]["total"] == 24


def test_edges_by_role_lead_solid_heavy_support_dashed_shared_dotted(seed_graph, net):
    by_role: dict[str, list[dict]] = {}
    for e in net["edges"]:
        by_role.setdefault(e["role"], []).append(e)
    for role, prop in ROLE_PROPS.items():
        assert len(by_role[role]) == len(list(seed_graph.subject_objects(prop)))
    lead, support, shared = by_role["lead"][0], by_role["support"][0], by_role["shared"][0]
    assert lead["dashes"] is False and lead["width"] > max(support["width"], shared["width"])
    assert support["dashes"] and shared["dashes"]
    assert shared["dashes"][0] < support["dashes"][0]  # dots, not dashes
    assert {e["color"] for e in by_role["lead"]} == {EDGES["lead"][2]}


def test_positions_are_given_and_physics_is_off(net):
    assert net["options"]["physics"]["enabled"] is False
    assert net["options"]["layout"]["improvedLayout"] is False
    points = [(n["x"], n["y"]) for n in net["nodes"]]
    assert all(isinstance(v, int) for p in points for v in p)
    assert len(set(points)) == len(points)


def test_agency_neighbourhood(seed_graph):
    commerce = URIRef("https://w3id.org/policy-kg/id/agency/370000/commerce")
    sub = network(seed_graph, "省商务厅")
    tasks = {t for p in ROLE_PROPS.values() for t in seed_graph.subjects(p, commerce)}
    iris = {n["iri"] for n in sub["nodes"]}
    assert {n["iri"] for n in sub["nodes"] if n["kind"] == "task"} == {str(t) for t in tasks}
    assert {n["label"] for n in sub["nodes"] if n["kind"] == "task"} == {"3.2", "3.3", "5.1"}
    co = {str(a) for t in tasks for p in ROLE_PROPS.values() for a in seed_graph.objects(t, p)}
    assert {n["iri"] for n in sub["nodes"] if n["kind"] in ("agency", "collective")} == co
    assert str(commerce) in iris and sub["focus"] == str(commerce)
    assert all(e["from"] in range(len(sub["nodes"])) for e in sub["edges"])
    assert len(sub["nodes"]) < 85


def test_unknown_agency_is_an_error_not_a_traceback(seed_graph):
    with pytest.raises(kg.UnknownAgency):
        network(seed_graph, "火星探测局")
    result = CliRunner().invoke(cli, ["viz", "--agency", "火星探测局", "-o", "-"])
    assert result.exit_code == 1 and result.output.startswith("Error: ")


def test_embedded_data_is_sorted_ascii_json(seed_graph):
    html = kg.viz(seed_graph)
    raw = re.search(r'id="kg-network-data">(.*?)</script>', html, re.S).group(1)
    assert raw.isascii()
    assert raw == script_json(json.loads(raw))


def test_no_remote_script_or_style_and_vis_is_inlined(seed_graph):
    html = kg.viz(seed_graph)
    assert not REMOTE.search(html)
    assert "<script src" not in html and "<link" not in html
    assert "vis-network" in html and "sourceMappingURL" not in html
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html


def test_same_graph_same_file_also_after_a_round_trip_through_turtle(seed_graph, tmp_path):
    first = kg.viz(seed_graph)
    assert kg.viz(seed_graph) == first
    path = tmp_path / "graph.ttl"
    path.write_text(kg.export(seed_graph, format="turtle"), encoding="utf-8")
    assert kg.viz(kg.load_graph(path)) == first


def test_cli_viz_writes_one_utf8_file_and_no_lib_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["viz", "--agency", "省商务厅", "-o", "commerce.html"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["commerce.html"]
    html = (tmp_path / "commerce.html").read_text(encoding="utf-8")
    assert len(embedded(html)["nodes"]) < 85 and "省商务厅" in html


def test_builds_with_different_hash_seeds_give_identical_pages(tmp_path):
    outputs = []
    for seed in ("1", "4242"):
        cwd = tmp_path / seed
        cwd.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "kg.cli", "build", "-o", "out"],
            cwd=cwd,
            env=env,
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [sys.executable, "-m", "kg.cli", "matrix", "--format", "xlsx", "-o", "out/matrix.xlsx"],
            cwd=cwd,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(
            {name: (cwd / "out" / name).read_bytes() for name in ("map.html", "report.html", "matrix.xlsx")}
        )
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], name


def _synthetic_graph(tasks: int, agencies: int, per_task: int = 3) -> Graph:
    """A graph of the map's shape, built directly (the parser is benchmarked in scripts/)."""
    base = "https://w3id.org/policy-kg/id/"
    g = Graph()
    doc = URIRef(base + "doc/bench")
    g.add((doc, RDF.type, KG.PolicyDocument))
    g.add((doc, DCTERMS.identifier, Literal("基准〔2030〕1号")))
    agency_iris = [URIRef(f"{base}agency/370000/a{i}") for i in range(agencies)]
    for i, a in enumerate(agency_iris):
        g.add((a, RDF.type, KG.Agency))
        g.add((a, KG.shortName, Literal(f"省第{i}局")))
    for s in range(tasks // 20):
        section = URIRef(f"{base}doc/bench/s/{s + 1}")
        g.add((doc, DCTERMS.hasPart, section))
        g.add((section, RDF.type, KG.Section))
        g.add((section, KG.position, Literal(s + 1)))
        for t in range(20):
            task = URIRef(f"{base}doc/bench/t/{s + 1}.{t + 1}")
            g.add((section, DCTERMS.hasPart, task))
            g.add((task, RDF.type, KG.Task))
            g.add((task, KG.position, Literal(t + 1)))
            g.add((task, KG.path, Literal(f"{s + 1}.{t + 1}")))
            for k in range(per_task):
                a = agency_iris[((s * 20 + t) * 7 + k) % agencies]
                g.add((task, (KG.ledBy, KG.supportedBy, KG.sharedBy)[k % 3], a))
    return g


def test_the_map_of_a_5000_node_graph_is_written():
    g = _synthetic_graph(tasks=4800, agencies=200)
    net = network(g)
    assert len(net["nodes"]) >= 5000
    html = render_map(net)
    assert len(embedded(html)["nodes"]) == len(net["nodes"])
    assert net["options"]["interaction"]["hideEdgesOnDrag"] is True


def test_build_writes_map_and_report_beside_the_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = kg.build(out=tmp_path / "out")
    assert result.files["map"] == tmp_path / "out" / "map.html"
    assert result.files["report"] == tmp_path / "out" / "report.html"
    assert not (tmp_path / "lib").exists()
    assert Path(result.files["map"]).read_text(encoding="utf-8") == kg.viz(
        kg.load_graph(result.files["graph"])
    )


def test_an_empty_graph_gives_empty_pages_not_an_error():
    empty = Graph()
    assert embedded(kg.viz(empty))["nodes"] == []
    assert "<table" in kg.report(empty)
    assert kg.matrix(empty, format="csv").splitlines() == [
        "机构 agency,牵头,配合,分工负责,合计",
        "合计 total,0,0,0,0",
    ]
