"""The report page and the shared workload counts behind its chart."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from rdflib import RDF

import kg
from kg.build import build_views
from kg.cli import cli
from kg.graph import facts
from kg.ns import KG
from kg.views.report import headline_numbers
from kg.vocab import ROLE_KEYS

ROLE_PROPS = {"lead": KG.ledBy, "support": KG.supportedBy, "shared": KG.sharedBy}


@pytest.fixture(scope="module")
def page(seed_graph):
    return kg.report(seed_graph)


def test_workload_counts_each_role_triple_and_ranks_by_total_then_name(seed_graph):
    loads = facts.workload(seed_graph)
    assert [(w.name, w.lead, w.support, w.shared) for w in loads[:4]] == [
        ("省市场监管局", 16, 0, 8),
        ("省发展改革委", 5, 2, 2),
        ("省工业和信息化厅", 1, 3, 5),
        ("省政府有关部门", 0, 8, 1),
    ]
    assert loads == sorted(loads, key=lambda w: (-w.total, w.name, w.iri))
    for role, prop in ROLE_PROPS.items():
        assert sum(getattr(w, role) for w in loads) == len(list(seed_graph.subject_objects(prop)))
    assert {w.iri for w in loads} == {
        str(a) for p in ROLE_PROPS.values() for a in seed_graph.objects(None, p)
    }
    assert [w.collective for w in loads if w.name == "省政府有关部门"] == [True]


def test_agency_labels_disambiguate_equal_short_names(seed_graph):
    labels = facts.agency_labels(seed_graph, [w.iri for w in facts.workload(seed_graph)])
    assert labels["https://w3id.org/policy-kg/id/agency/370000/commerce"] == "省商务厅"


def test_sections_in_order(page):
    ids = re.findall(r'<h2 id="(\w+)"', page)
    assert ids == ["numbers", "workload", "matrix", "map", "targets", "warnings"]
    assert "<dt>文号 identifier</dt><dd>鲁政发〔2022〕6号</dd>" in page
    assert "<dt>成文日期 issued</dt><dd>2022-04-15</dd>" in page
    assert "<dt>发文机关 issuer</dt><dd>山东省人民政府</dd>" in page


def test_headline_numbers(seed_graph):
    numbers = {en: value for _, en, value in headline_numbers(seed_graph)}
    assert numbers["tasks"] == 24
    assert numbers["agencies named"] == len(facts.workload(seed_graph)) == 40
    assert numbers["lead roles"] == len(list(seed_graph.subject_objects(KG.ledBy)))
    assert numbers["tasks without a lead"] == 8
    assert numbers["quantified targets"] == len(set(seed_graph.subjects(RDF.type, KG.Target)))
    assert numbers["text warnings"] == 2


def test_workload_bars_match_the_counts(seed_graph, page):
    unit = float(re.search(r'id="kg-workload"[^>]*data-unit="([\d.]+)"', page).group(1))
    bars = re.findall(
        r'<g class="kg-bar" data-agency="([^"]+)" data-lead="(\d+)" '
        r'data-support="(\d+)" data-shared="(\d+)" data-total="(\d+)"(.*?)</g>',
        page,
        re.S,
    )
    loads = facts.workload(seed_graph)
    assert [b[0] for b in bars] == [w.iri for w in loads]
    for (_, lead, support, shared, total, body), w in zip(bars, loads):
        assert (int(lead), int(support), int(shared), int(total)) == (w.lead, w.support, w.shared, w.total)
        widths = {
            role: float(width)
            for role, width in re.findall(r'data-role="(\w+)" x="[\d.]+" y="\d+" width="([\d.]+)"', body)
        }
        for role in ROLE_KEYS:
            assert widths.get(role, 0) == pytest.approx(getattr(w, role) * unit, abs=0.01)


def test_targets_and_warnings(seed_graph, page):
    targets = re.search(r'<table class="kg-list" id="kg-targets">(.*?)</table>', page, re.S).group(1)
    assert targets.count("<tr>") == 1 + len(set(seed_graph.subjects(RDF.type, KG.Target)))
    assert '<td>原创技术标准</td><td class="num">100项</td><td>2025年</td>' in targets
    warnings = re.search(r'<table class="kg-list" id="kg-warnings">(.*?)</table>', page, re.S).group(1)
    assert "<td>6:44</td><td>damaged-text</td>" in warnings
    assert warnings.count("<tr>") == 3


def test_the_report_embeds_matrix_and_map(page, seed_graph):
    assert page.count('id="kg-matrix"') == 1 and page.count('id="kg-network"') == 1
    assert len(re.findall(r"^<script", page, re.M)) == 3  # data, vis-network, ours; all inline
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page)


def test_same_graph_same_report(seed_graph, page):
    assert kg.report(seed_graph) == page


def test_build_views_returns_pages_and_writes_nothing(seed_graph, tmp_path):
    views = build_views(seed_graph, tmp_path / "out")
    assert set(views) == {"map", "report"}
    assert views["map"][0] == tmp_path / "out" / "map.html"
    assert views["report"][0] == tmp_path / "out" / "report.html"
    assert views["report"][1] == kg.report(seed_graph)
    assert not (tmp_path / "out").exists()


def test_cli_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report"])
    assert result.exit_code == 0, result.output
    assert '<h2 id="workload">' in (tmp_path / "report.html").read_text(encoding="utf-8")
