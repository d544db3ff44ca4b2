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
from kg.errors import OptionError
from kg.graph import facts
from kg.ns import KG
from kg.views.page import script_json
from kg.views.viz import AGENCY_LIMIT, EDGES, KINDS, PAIRINGS, TASK_LIMIT, network, render_map

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
    result = CliRunner().invoke(cli, ["viz", "--sample", "--agency", "省商务厅", "-o", "commerce.html"])
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
    assert network(g)["view"] == "agencies"  # more than TASK_LIMIT tasks
    net = network(g, view="tasks")
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


GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list:
    """13 generated documents (356 tasks, about 900 nodes as a task map), parsed once."""
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(GENERATE), str(out), "--docs", "13"], check=True, capture_output=True)
    return [kg.parse(p) for p in sorted(out.glob("doc*.txt"))]


@pytest.fixture(scope="module")
def corpus_graph(corpus) -> Graph:
    return kg.to_graph(corpus)


def _tasks_of(g: Graph) -> dict[str, set[str]]:
    """Agency IRI → the tasks it has any role in, read from the graph's triples."""
    out: dict[str, set[str]] = {}
    for prop in ROLE_PROPS.values():
        for t, a in g.subject_objects(prop):
            out.setdefault(str(a), set()).add(str(t))
    return out


def test_the_seed_map_is_still_the_task_map_and_auto_changes_nothing(seed_graph):
    net = network(seed_graph)
    assert net["view"] == "tasks" and net["notice"] is None
    assert kg.viz(seed_graph) == kg.viz(seed_graph, view="tasks")
    assert 'id="kg-notice"' not in kg.viz(seed_graph) and ' data-view="' not in kg.viz(seed_graph)
    assert all("name" not in n for n in net["nodes"])  # no label culled on a small map


def test_above_the_task_limit_the_map_is_the_agency_network(corpus_graph):
    g = corpus_graph
    n_tasks = len(set(g.subjects(RDF.type, KG.Task)))
    assert n_tasks > TASK_LIMIT
    assert len(expected(g)[0]) > 800  # the task map this replaces
    net = network(g)
    loads = facts.workload(g)
    assert net["view"] == "agencies"
    assert len(loads) > AGENCY_LIMIT
    assert [n["iri"] for n in net["nodes"]] == [w.iri for w in loads[:AGENCY_LIMIT]]
    tasks = _tasks_of(g)
    for n in net["nodes"]:
        assert n["tasks"] == len(tasks[n["iri"]]) and n["kind"] in ("agency", "collective")
    by_size = sorted(net["nodes"], key=lambda n: n["size"])
    assert [n["tasks"] for n in by_size] == sorted(n["tasks"] for n in net["nodes"])
    iri = {n["id"]: n["iri"] for n in net["nodes"]}
    drawn = list(iri.values())
    shared = {
        (a, b): len(tasks[a] & tasks[b])
        for i, a in enumerate(drawn)
        for b in drawn[i + 1 :]
        if tasks[a] & tasks[b]
    }
    edges = {(iri[e["from"]], iri[e["to"]]): e["weight"] for e in net["edges"]}
    assert {tuple(sorted(k)): v for k, v in edges.items()} == {tuple(sorted(k)): v for k, v in shared.items()}
    assert {e["role"] for e in net["edges"]} <= set(PAIRINGS)
    assert len({e["role"] for e in net["edges"]}) > 1
    notice = net["notice"]
    assert f"{n_tasks:,} 项任务" in notice["zh"] and f"{n_tasks:,} tasks" in notice["en"]
    assert f"kg viz --agency {net['nodes'][0]['name']}" in notice["en"]
    assert f"of {len(loads):,}" in notice["en"]
    html = render_map(net)
    assert 'id="kg-notice"' in html and 'data-view="agencies"' in html
    assert len(embedded(html)["nodes"]) == AGENCY_LIMIT


def test_the_document_view_joins_documents_to_the_agencies_they_name(corpus_graph):
    g = corpus_graph
    net = network(g, view="documents")
    docs = [n for n in net["nodes"] if n["kind"] == "document"]
    assert {n["iri"] for n in docs} == {str(d) for d in facts.documents(g)}
    assert all(n["label"] for n in docs)  # documents keep their label first
    tasks = _tasks_of(g)
    iri = {n["id"]: n["iri"] for n in net["nodes"]}
    for e in net["edges"]:
        doc, agency = URIRef(iri[e["from"]]), iri[e["to"]]
        assert e["weight"] == len({str(t) for t in facts.task_iris(g, doc)} & tasks[agency]) > 0
        assert e["role"] in ROLE_PROPS
    assert "view documents" in net["notice"]["en"]


def test_every_view_can_be_asked_for_and_an_unknown_one_is_an_option_error(seed_graph, corpus_graph):
    assert network(seed_graph, view="agencies")["view"] == "agencies"
    assert "Drawn as asked" in network(seed_graph, view="agencies")["notice"]["en"]
    full = network(corpus_graph, view="tasks")
    assert {n["iri"] for n in full["nodes"]} == expected(corpus_graph)[0]
    with pytest.raises(OptionError):
        network(seed_graph, view="ring")


def test_an_agency_network_of_one_agency_holds_its_partners(corpus_graph):
    g = corpus_graph
    top = facts.workload(g)[0]
    net = network(g, top.iri, view="agencies")
    tasks = _tasks_of(g)
    assert net["focus"] == top.iri
    assert all(tasks[n["iri"]] & tasks[top.iri] for n in net["nodes"])
    assert len(net["nodes"]) == sum(1 for a in tasks if tasks[a] & tasks[top.iri])
    assert network(g, top.iri)["view"] == "tasks"  # one agency's tasks: the task map


def test_a_big_task_map_keeps_the_labels_that_fit_and_every_name(corpus_graph):
    net = network(corpus_graph, view="tasks")
    shown = [n for n in net["nodes"] if n["label"]]
    assert 0 < len(shown) < len(net["nodes"])
    assert all(n["name"] for n in net["nodes"])
    assert all(n["label"] for n in net["nodes"] if n["kind"] == "document")
    agencies = {a["iri"]: a["label"] for a in net["agencies"]}
    assert all(agencies[n["iri"]] == n["name"] for n in net["nodes"] if n["kind"] in ("agency", "collective"))


def test_corpus_maps_are_the_same_file_every_time(corpus_graph):
    for view in ("agencies", "documents", "jurisdictions"):
        assert kg.viz(corpus_graph, view=view) == kg.viz(corpus_graph, view=view)


def test_the_map_grows_no_faster_than_the_corpus(corpus):
    """map.html of twice the documents is at most about twice the size, in every view."""
    half, full = kg.to_graph(corpus[:6]), kg.to_graph(corpus)
    for view in ("auto", "tasks", "agencies", "documents", "jurisdictions"):
        small, big = (len(kg.viz(g, view=view).encode()) for g in (half, full))
        docs = len(corpus) / 6
        assert big <= small * docs * 1.1, view


@pytest.fixture(scope="module")
def seven_docs(corpus_docs) -> Graph:
    """conftest's corpus (7 documents: Shandong, Jiangsu, Guangdong); this module's
    ``corpus_graph`` is the generated one."""
    return kg.to_graph(corpus_docs)


def _places_of(g: Graph) -> dict[str, set[str]]:
    """Jurisdiction IRI → the tasks any agency of it has a role in, from the graph's triples."""
    out: dict[str, set[str]] = {}
    for prop in ROLE_PROPS.values():
        for t, a in g.subject_objects(prop):
            for place in g.objects(a, KG.jurisdiction):
                out.setdefault(str(place), set()).add(str(t))
    return out


def test_the_jurisdiction_view_counts_the_tasks_of_each_government_and_of_two(seven_docs):
    g = seven_docs
    net = network(g, view="jurisdictions")
    places = _places_of(g)
    assert net["view"] == "jurisdictions" and {n["kind"] for n in net["nodes"]} == {"place"}
    assert {n["iri"]: n["tasks"] for n in net["nodes"]} == {p: len(t) for p, t in places.items()}
    assert {"山东省", "江苏省", "广东省"} <= {n["name"] for n in net["nodes"]}
    labels = {n["iri"]: str(g.value(URIRef(n["iri"]), KG.jurisdiction) or "") for n in net["nodes"]}
    assert all(not v for v in labels.values())  # the nodes are places, not agencies
    by_size = sorted(net["nodes"], key=lambda n: n["size"])
    assert [n["tasks"] for n in by_size] == sorted(n["tasks"] for n in net["nodes"])
    iri = {n["id"]: n["iri"] for n in net["nodes"]}
    edges = {tuple(sorted((iri[e["from"]], iri[e["to"]]))): e["weight"] for e in net["edges"]}
    ps = sorted(places)
    shared = {(a, b): len(places[a] & places[b]) for i, a in enumerate(ps) for b in ps[i + 1 :]}
    shared = {k: v for k, v in shared.items() if v}
    assert edges == shared and shared  # a province plan names its city governments
    province = next(n for n in net["nodes"] if n["name"] == "山东省")
    assert any(province["id"] in (e["from"], e["to"]) for e in net["edges"])
    notice = net["notice"]
    top = net["nodes"][0]["name"]
    assert "辖区图" in notice["zh"] and "Jurisdiction view" in notice["en"]
    for text in notice.values():
        assert f"kg viz --jurisdiction {top}" in text and "kg viz --view agencies" in text
    html = render_map(net)
    assert 'data-view="jurisdictions"' in html and len(embedded(html)["nodes"]) == len(places)
    assert kg.viz(g, view="jurisdictions") == html


def test_the_jurisdiction_view_of_one_agency_counts_only_its_tasks(seven_docs):
    g = seven_docs
    top = facts.workload(g)[0]
    net = network(g, top.iri, view="jurisdictions")
    mine = _tasks_of(g)[top.iri]
    places = {p: t & mine for p, t in _places_of(g).items() if t & mine}
    assert {n["iri"]: n["tasks"] for n in net["nodes"]} == {p: len(t) for p, t in places.items()}
    assert net["focus"] == top.iri


def test_the_cli_draws_the_jurisdiction_view_and_refuses_an_unknown_one(seven_docs, tmp_path):
    path = tmp_path / "g.ttl"
    seven_docs.serialize(path, format="turtle")
    out = tmp_path / "map.html"
    ok = CliRunner().invoke(cli, ["viz", "--graph", str(path), "--view", "jurisdictions", "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert 'data-view="jurisdictions"' in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(cli, ["viz", "--graph", str(path), "--view", "provinces", "-o", str(out)])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    with pytest.raises(OptionError):
        network(seven_docs, view="provinces")


def test_the_jurisdiction_view_is_the_same_file_whatever_the_hash_seed(seven_docs, tmp_path):
    path = tmp_path / "g.ttl"
    seven_docs.serialize(path, format="turtle")
    pages = []
    for seed in ("1", "4242"):
        out = tmp_path / f"{seed}.html"
        cmd = [
            sys.executable,
            "-m",
            "kg.cli",
            "viz",
            "--graph",
            str(path),
            "--view",
            "jurisdictions",
            "-o",
            str(out),
        ]
        subprocess.run(cmd, env={**os.environ, "PYTHONHASHSEED": seed}, check=True, capture_output=True)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] and b'data-view="jurisdictions"' in pages[0]


def test_tasks_whose_agencies_have_no_jurisdiction_are_counted_in_the_notice(seven_docs):
    g = Graph()
    for t in seven_docs:
        g.add(t)
    agencies = {a for p in ROLE_PROPS.values() for a in g.objects(None, p)}
    guangdong = {a for a in agencies if str(g.value(a, KG.jurisdiction) or "").endswith("/440000")}
    for a in guangdong:
        g.remove((a, KG.jurisdiction, None))
    tasks = _tasks_of(seven_docs)
    placed = {t for a, ts in tasks.items() if URIRef(a) not in guangdong for t in ts}
    lost = {t for a in guangdong for t in tasks[str(a)]} - placed
    net = network(g, view="jurisdictions")
    assert guangdong and lost and "广东省" not in {n["name"] for n in net["nodes"]}
    assert f"{len(lost):,} tasks name no agency of a known jurisdiction" in net["notice"]["en"]
    assert f"{len(lost):,} 项任务的机构没有已知辖区" in net["notice"]["zh"]
