"""The report page and the shared workload counts behind its chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, URIRef

import kg
from kg.build import build_views
from kg.cli import cli
from kg.graph import facts
from kg.ns import KG
from kg.query.library import tasks_without_lead
from kg.views.report import Limits, carriers, headline_numbers, without_lead
from kg.views.viz import network
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
    result = CliRunner().invoke(cli, ["report", "--sample"])
    assert result.exit_code == 0, result.output
    assert '<h2 id="workload">' in (tmp_path / "report.html").read_text(encoding="utf-8")


SMALL = Limits(matrix=100, chart=5, network=10, rows=1)


@pytest.fixture(scope="module")
def short_page(seed_graph):
    return kg.report(seed_graph, limits=SMALL)


def test_above_the_limits_each_section_says_what_it_left_out(seed_graph, short_page):
    ids = re.findall(r'<h2 id="(\w+)"', short_page)
    assert ids == ["numbers", "workload", "matrix", "map", "targets", "warnings"]
    assert "40 agencies, more than this chart's limit of 5: only the 5 with the most tasks" in short_page
    assert (
        short_page.count('<g class="kg-bar"') == 5 and "<code>kg agencies --format csv</code>" in short_page
    )
    assert "40 agencies × 24 tasks = 960 cells, more than this page's limit of 100 cells" in short_page
    assert 'class="kg-task"' not in short_page and "<code>kg matrix --format xlsx</code>" in short_page
    nodes = int(re.search(r'id="kg-network-limit" data-nodes="(\d+)"', short_page).group(1))
    assert nodes == len(network(seed_graph)["nodes"])  # counted without drawing the map
    assert f"The map has {nodes} nodes, more than this page's limit of 10" in short_page
    assert 'id="kg-network"' not in short_page and "<code>kg viz</code>" in short_page
    assert not re.search(r"^<script", short_page, re.M)  # no map: no vis-network either
    targets = len(set(seed_graph.subjects(RDF.type, KG.Target)))
    assert f"{targets} targets, more than this table's limit of 1 rows" in short_page
    assert "<code>kg query targets-by-deadline</code>" in short_page
    assert "2 warnings, more than this table's limit of 1 rows" in short_page
    for table in ("kg-targets", "kg-warnings"):
        body = re.search(rf'id="{table}">(.*?)</table>', short_page, re.S).group(1)
        assert body.count("<tr>") == 2  # header and one row


def test_below_the_limits_nothing_is_shortened(page):
    assert "kg-limit" not in page and 'id="kg-network"' in page


def test_a_map_given_by_the_caller_above_the_limit_is_left_out(seed_graph):
    net = network(seed_graph)
    html = kg.report(seed_graph, net=net, limits=Limits(network=len(net["nodes"]) - 1))
    assert 'id="kg-network"' not in html and f'data-nodes="{len(net["nodes"])}"' in html
    assert kg.report(seed_graph, net=net, limits=Limits(network=len(net["nodes"]))) == kg.report(seed_graph)


PROVINCES = {  # province: its capital; each writes its own agencies' names
    "山东省": "济南市",
    "江苏省": "南京市",
    "浙江省": "杭州市",
    "广东省": "广州市",
    "河南省": "郑州市",
    "河北省": "石家庄市",
    "湖北省": "武汉市",
    "湖南省": "长沙市",
    "安徽省": "合肥市",
    "福建省": "福州市",
    "江西省": "南昌市",
    "四川省": "成都市",
    "陕西省": "西安市",
    "山西省": "太原市",
    "辽宁省": "沈阳市",
    "吉林省": "长春市",
    "云南省": "昆明市",
    "贵州省": "贵阳市",
    "甘肃省": "兰州市",
    "海南省": "海口市",
}
PROVINCE_AGENCIES = [
    "省商务厅", "省财政厅", "省科技厅", "省教育厅", "省公安厅", "省民政厅", "省司法厅", "省交通运输厅",
    "省水利厅", "省农业农村厅", "省文化和旅游厅", "省卫生健康委", "省应急厅", "省审计厅", "省统计局",
    "省林业局", "省人力资源社会保障厅", "省生态环境厅", "省住房城乡建设厅", "省市场监管局",
]  # fmt: skip
CITY_AGENCIES = [a.replace("省", "市", 1).replace("厅", "局") for a in PROVINCE_AGENCIES]


def _synthetic(issuer: str, agencies: list[str], tasks: int) -> str:
    """A document of ``tasks`` tasks, each led by one of the issuer's agencies with two supporting."""
    lines = [f"{issuer}人民政府关于推进重点工作的实施意见", "", "一、重点任务"]
    for k in range(tasks):
        lead, a, b = (agencies[(k + j) % len(agencies)] for j in (0, 3, 7))
        lines.append(f"{k + 1}.推进第{k + 1}项重点工作。（{lead}牵头，{a}、{b}配合）")
    return "\n".join([*lines, "", f"{issuer}人民政府", "2023年1月1日", ""])


@pytest.fixture(scope="module")
def synthetic_docs() -> list[kg.Document]:
    """40 documents of 50 tasks, each of its own province or city: 2,000 tasks, 800 agencies;
    the first 20 documents hold half the tasks and half the agencies."""
    texts = [
        _synthetic(place, agencies, 50)
        for pair in PROVINCES.items()
        for place, agencies in zip(pair, (PROVINCE_AGENCIES, CITY_AGENCIES))
    ]
    return [kg.parse_text(text, f"doc{i:02}.txt") for i, text in enumerate(texts)]


def test_the_report_grows_linearly_with_the_corpus(synthetic_docs):
    """Twice the tasks and twice the agencies: a full agencies × tasks table would be four
    times as large; the page, map included, at most about twice."""
    everything = Limits(network=10**9)  # the map embedded in both, so it cannot hide the growth
    half, whole = kg.to_graph(synthetic_docs[:20]), kg.to_graph(synthetic_docs)
    assert (len(facts.workload(half)), len(facts.workload(whole))) == (400, 800)
    small = kg.report(half, limits=everything)
    large = kg.report(whole, limits=everything)
    assert 'id="kg-matrix-limit"' in small and 'id="kg-network"' in large
    assert len(large.encode()) / len(small.encode()) < 2.5


def test_the_headline_count_of_tasks_without_a_lead_is_the_named_query(seed_graph, corpus_graph):
    styles = Path(__file__).parents[1] / "fixtures" / "styles"
    many = kg.to_graph([kg.parse(p) for p in sorted(styles.glob("*.txt"))])
    for g in (seed_graph, corpus_graph, many):
        assert without_lead(g) == len(tasks_without_lead(g))
    assert without_lead(many) > 0


@pytest.fixture(scope="module")
def corpus_page(corpus_graph):
    return kg.report(corpus_graph)


def _rows(page: str, table: str) -> list[list[str]]:
    body = re.search(rf'<table class="kg-list" id="{table}"[^>]*>(.*?)</table>', page, re.S).group(1)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr data-.*?</tr>", body)]


def test_a_corpus_report_opens_with_the_cross_document_findings(corpus_page):
    assert re.findall(r'<h2 id="(\w+)"', corpus_page)[:2] == ["across", "numbers"]
    assert corpus_page.index("跨文件发现 · Across documents") < corpus_page.index('<dl class="kg-meta">')
    assert corpus_page.index("</h1>") < corpus_page.index('<h2 id="across">')


def test_who_carries_the_most_across_documents(corpus_graph, corpus_page):
    docs: dict[str, set] = {}
    for task in corpus_graph.subjects(RDF.type, KG.Task):
        for r in corpus_graph.objects(task, KG.responsibility):
            for a in corpus_graph.objects(r, KG.agency):
                docs.setdefault(str(a), set()).add(corpus_graph.value(task, KG.inDocument))
    expected = sorted(
        (-len(docs[a.iri]), -(a.lead + a.support + a.shared), a.label, a.lead, a.support, a.shared)
        for a in kg.agencies(corpus_graph).agencies
        if len(docs.get(a.iri, ())) >= 2
    )[:10]
    rows = _rows(corpus_page, "kg-across-carriers")
    assert rows and len(rows) == len(expected)
    assert [(r[0], int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5])) for r in rows] == [
        (label, -n, lead, support, shared, lead + support + shared)
        for n, _, label, lead, support, shared in expected
    ]
    assert rows[0][0] == "济南市市场监管局"  # its short name 市市场监管局 is another city's too


def test_carriers_equal_the_named_query_agencies_across_documents(corpus_graph):
    summed: dict[tuple[str, str], list[int]] = {}
    for row in kg.query(corpus_graph, "agencies-across-documents").rows:
        key = (str(row["agency"]), str(row["jurisdiction"] or ""))
        total = summed.setdefault(key, [int(row["documents"]), 0, 0, 0])
        for i, role in enumerate(("lead", "support", "shared"), 1):
            total[i] += int(row[role])
    mine = {
        (facts.short_name(corpus_graph, URIRef(c["iri"])), facts.jurisdiction_name(corpus_graph, c["iri"])): [
            c["documents"],
            c["lead"],
            c["support"],
            c["shared"],
        ]
        for c in carriers(corpus_graph)
    }
    assert summed and mine == summed


def test_tasks_nobody_leads_per_document(corpus_graph, corpus_page):
    by_document: dict[str, list[str]] = {}
    for row in kg.query(corpus_graph, "tasks-without-lead").rows:
        by_document.setdefault(str(row["document"]), []).append(str(row["path"]))
    rows = _rows(corpus_page, "kg-across-leaderless")
    documents = facts.documents(corpus_graph)
    assert [r[0] for r in rows] == [facts.document_label(corpus_graph, d) for d in documents]
    for document, count, paths in rows:
        expected = by_document.get(document, [])
        assert int(count) == len(expected)
        assert paths == ("、".join(expected) if expected else "无 none")
    assert sum(int(r[1]) for r in rows) == without_lead(corpus_graph)


def test_a_long_list_of_leaderless_tasks_ends_with_the_command_that_prints_it(corpus_graph, monkeypatch):
    monkeypatch.setattr("kg.views.report.PATHS_LIMIT", 2)
    rows = _rows(kg.report(corpus_graph), "kg-across-leaderless")
    first = kg.query(corpus_graph, "tasks-without-lead").rows
    seed = [str(r["path"]) for r in first if r["document"] == "鲁政发〔2022〕6号"]
    assert rows[0][2] == (
        f"{seed[0]}、{seed[1]}、… <code>kg query tasks-without-lead --document 鲁政发〔2022〕6号</code>"
    )


def test_agencies_that_only_support(corpus_graph, corpus_page):
    only = [a for a in kg.agencies(corpus_graph).agencies if a.support and not a.lead and not a.shared]
    rows = _rows(corpus_page, "kg-across-supporters")
    assert [(r[0], int(r[1])) for r in rows] == [(a.label, a.support) for a in only[:10]]
    assert [int(r[1]) for r in rows] == sorted((int(r[1]) for r in rows), reverse=True)
    assert f'id="kg-across-supporters" data-total="{len(only)}"' in corpus_page
    assert f"{len(only)} agencies only support; the 10 busiest are listed." in corpus_page


def test_a_corpus_report_is_deterministic(corpus_graph, corpus_page):
    assert kg.report(corpus_graph) == corpus_page


def test_a_one_document_report_has_no_cross_document_section(page):
    assert 'id="across"' not in page and "跨文件发现" not in page and "kg-across" not in page
