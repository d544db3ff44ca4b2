"""The library functions and every file of the query library, against 鲁政发〔2022〕6号.

Every expected value below was read off the document by hand (its 24 responsibility clauses
are transcribed in ``CLAUSES``), never computed with the code under test.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from SPARQLWrapper import SPARQLWrapper

import kg
from kg.query import library as Q

DOC = "鲁政发〔2022〕6号"
ID = "https://w3id.org/policy-kg/id/"
C = "省政府有关部门"  # the one collective

# path: (title, lead, support, shared), agencies in clause order, transcribed from the document.
CLAUSES = {
    "2.1": (
        "开展关键技术领域标准攻关",
        ["省科技厅", "省市场监管局"],
        [C, "济南市政府", "烟台市政府", "潍坊市政府"],
        [],
    ),
    "2.2": (
        "推进科技成果向标准转化",
        ["省科技厅", "省市场监管局"],
        ["省工业和信息化厅", "省人力资源社会保障厅"],
        [],
    ),
    "2.3": ("完善标准必要专利制度", ["省市场监管局"], ["日照市政府", "济宁市政府"], []),
    "3.1": ("实施战略规划标准化建设", ["省发展改革委", "省自然资源厅", "省市场监管局"], [C], []),
    "3.2": (
        "实施扩大内需标准化建设",
        [],
        [],
        [
            "省工业和信息化厅",
            "省民政厅",
            "省住房城乡建设厅",
            "省交通运输厅",
            "省水利厅",
            "省商务厅",
            "省文化和旅游厅",
            "省卫生健康委",
            "省市场监管局",
            "省体育局",
            "省邮政管理局",
        ],
    ),
    "3.3": ("实施服务对外开放标准化建设", ["省市场监管局", "省商务厅"], [C, "青岛市政府"], []),
    "4.1": (
        "实施产业升级标准化建设",
        ["省发展改革委", "省工业和信息化厅", "省市场监管局"],
        [C, "聊城市政府", "滨州市政府"],
        [],
    ),
    "4.2": (
        "实施生态文明标准化建设",
        ["省生态环境厅", "省市场监管局"],
        ["省发展改革委", "省工业和信息化厅", "省自然资源厅", "省住房城乡建设厅", "省交通运输厅", "省能源局"],
        [],
    ),
    "4.3": (
        "实施海洋标准化建设",
        ["省海洋局", "省市场监管局"],
        ["省工业和信息化厅", "省生态环境厅", "省交通运输厅", "省农业农村厅", "省气象局"],
        [],
    ),
    "5.1": (
        "实施乡村振兴标准化建设",
        ["省农业农村厅", "省市场监管局"],
        [
            "省自然资源厅",
            "省住房城乡建设厅",
            "省生态环境厅",
            "省商务厅",
            "省发展改革委",
            "省畜牧局",
            "省气象局",
        ],
        [],
    ),
    "5.2": (
        "实施新型城镇化标准化建设",
        ["省发展改革委", "省住房城乡建设厅", "省市场监管局"],
        ["省民政厅", "省自然资源厅", "省交通运输厅", "省文化和旅游厅", "省大数据局"],
        [],
    ),
    "5.3": (
        "实施民生保障标准化建设",
        ["省发展改革委", "省市场监管局", "省民政厅"],
        ["省教育厅", "省人力资源社会保障厅", "省卫生健康委", "省退役军人厅", "省体育局", "省医保局"],
        [],
    ),
    "5.4": (
        "实施安全应急标准化建设",
        [],
        [],
        [
            "省工业和信息化厅",
            "省公安厅",
            "省住房城乡建设厅",
            "省交通运输厅",
            "省卫生健康委",
            "省应急厅",
            "省市场监管局",
            "省能源局",
        ],
    ),
    # "…省市场监管局等有关部门分工负责": the relevant departments share it too.
    "5.5": (
        "实施行政管理标准化建设",
        [],
        [],
        ["省政府办公厅", "省财政厅", "省司法厅", "省大数据局", "省市场监管局", C],
    ),
    "6.1": ("强化企业标准化主体创新", [], [], ["省工业和信息化厅", "省科技厅", "省市场监管局"]),
    "6.2": ("推动产业标准化集群创新", [], [], ["省发展改革委", "省工业和信息化厅", "省市场监管局"]),
    "6.3": ("深化标准化发展平台创新", ["省市场监管局", "省科技厅", "省发展改革委"], [C], []),
    "6.4": ("推进标准化服务业集聚创新", [], [], ["省发展改革委", "省市场监管局"]),
    "6.5": ("实施标准化人才引育创新", [], [], ["省人力资源社会保障厅", "省教育厅", "省市场监管局"]),
    "6.6": (
        "加强标准化制度集成创新",
        [],
        [],
        ["省工业和信息化厅", "省科技厅", "省人力资源社会保障厅", "省市场监管局", "省地方金融监管局"],
    ),
    "7.1": ("加强组织领导", ["省市场监管局"], [C], []),
    "7.2": ("深化省部共建", ["省市场监管局"], [], []),
    "7.3": ("强化评估指导", ["省市场监管局"], [C], []),
    "7.4": ("创新激励政策", ["省市场监管局", "省财政厅"], [C], []),
}
PATHS = list(CLAUSES)
WITHOUT_LEAD = ["3.2", "5.4", "5.5", "6.1", "6.2", "6.4", "6.5", "6.6"]

# (lead, support, shared) per agency, counted by hand from CLAUSES.
COUNTS = {
    "省市场监管局": (16, 0, 8),
    "省发展改革委": (5, 2, 2),
    "省工业和信息化厅": (1, 3, 5),
    C: (0, 8, 1),
    "省交通运输厅": (0, 3, 2),
    "省住房城乡建设厅": (1, 2, 2),
    "省科技厅": (3, 0, 2),
    "省人力资源社会保障厅": (0, 2, 2),
    "省自然资源厅": (1, 3, 0),
    "省卫生健康委": (0, 1, 2),
    "省商务厅": (1, 1, 1),
    "省民政厅": (1, 1, 1),
    "省生态环境厅": (1, 2, 0),
    "省体育局": (0, 1, 1),
    "省农业农村厅": (1, 1, 0),
    "省大数据局": (0, 1, 1),
    "省教育厅": (0, 1, 1),
    "省文化和旅游厅": (0, 1, 1),
    "省气象局": (0, 2, 0),
    "省能源局": (0, 1, 1),
    "省财政厅": (1, 0, 1),
    "省公安厅": (0, 0, 1),
    "省司法厅": (0, 0, 1),
    "省地方金融监管局": (0, 0, 1),
    "省应急厅": (0, 0, 1),
    "省政府办公厅": (0, 0, 1),
    "省水利厅": (0, 0, 1),
    "省海洋局": (1, 0, 0),
    "省邮政管理局": (0, 0, 1),
    "日照市政府": (0, 1, 0),
    "济南市政府": (0, 1, 0),
    "济宁市政府": (0, 1, 0),
    "滨州市政府": (0, 1, 0),
    "潍坊市政府": (0, 1, 0),
    "烟台市政府": (0, 1, 0),
    "省医保局": (0, 1, 0),
    "省畜牧局": (0, 1, 0),
    "省退役军人厅": (0, 1, 0),
    "聊城市政府": (0, 1, 0),
    "青岛市政府": (0, 1, 0),
}
SHARED_3_2_BUT_COMMERCE = [a for a in CLAUSES["3.2"][3] if a != "省商务厅"]


def test_the_transcription_agrees_with_the_summary_counts():
    """A check on the hand data itself: 33 leads, 47 supports, 41 shares; 40 agencies."""
    assert sum(len(c[1]) for c in CLAUSES.values()) == 33
    assert sum(len(c[2]) for c in CLAUSES.values()) == 47
    assert sum(len(c[3]) for c in CLAUSES.values()) == 41
    assert [sum(c[i] for c in COUNTS.values()) for i in range(3)] == [33, 47, 41]
    assert len(COUNTS) == 40


# --- kg leads ---------------------------------------------------------------------------------


def _rows(result):
    return [(t.path, t.title, t.role, t.others) for t in result.tasks]


COMMERCE_ROWS = [
    ("3.3", "实施服务对外开放标准化建设", "lead", ["省市场监管局"]),
    ("3.2", "实施扩大内需标准化建设", "shared", SHARED_3_2_BUT_COMMERCE),
    ("5.1", "实施乡村振兴标准化建设", "support", ["省农业农村厅", "省市场监管局"]),
]


@pytest.mark.parametrize("name", ["省商务厅", "商务厅", "山东省商务厅", "省商務廳", "Department of Commerce"])
def test_leads_of_commerce_are_3_3_shares_3_2_and_supports_5_1(seed_graph, name):
    result = kg.leads(seed_graph, name)
    assert _rows(result) == COMMERCE_ROWS
    assert {t.document for t in result.tasks} == {DOC}
    assert result.counts() == {"lead": 1, "shared": 1, "support": 1}
    assert (result.agency.name, result.agency.full_name) == ("省商务厅", "山东省商务厅")


def test_market_regulation_is_named_in_all_24_tasks(seed_graph):
    result = kg.leads(seed_graph, "省市场监管局")
    assert sorted(t.path for t in result.tasks) == sorted(PATHS)
    assert result.counts() == {"lead": 16, "shared": 8, "support": 0}
    assert [t.path for t in result.tasks if t.role == "shared"] == WITHOUT_LEAD


def test_a_supported_task_shows_who_leads_it(seed_graph):
    rows = _rows(kg.leads(seed_graph, C))
    assert [(p, others) for p, _, role, others in rows if role == "support"] == [
        ("2.1", ["省科技厅", "省市场监管局"]),
        ("3.1", ["省发展改革委", "省自然资源厅", "省市场监管局"]),
        ("3.3", ["省市场监管局", "省商务厅"]),
        ("4.1", ["省发展改革委", "省工业和信息化厅", "省市场监管局"]),
        ("6.3", ["省市场监管局", "省科技厅", "省发展改革委"]),
        ("7.1", ["省市场监管局"]),
        ("7.3", ["省市场监管局"]),
        ("7.4", ["省市场监管局", "省财政厅"]),
    ]
    assert [(p, role) for p, _, role, _ in rows if role != "support"] == [("5.5", "shared")]


def test_an_agency_named_in_no_task_leads_nothing(seed_graph):
    result = kg.leads(seed_graph, "山东省人民政府")  # the issuer
    assert result.tasks == [] and result.counts() == {"lead": 0, "shared": 0, "support": 0}


def test_leads_and_the_agency_tasks_query_agree_for_every_agency(seed_graph):
    for name in COUNTS:
        rows = kg.query(seed_graph, "agency-tasks", {"agency": name}).rows
        expected = [(t.path, t.role, "、".join(t.others)) for t in kg.leads(seed_graph, name).tasks]
        assert [(r["path"], r["role"], r["others"]) for r in rows] == expected, name


# --- kg agency ------------------------------------------------------------------------------


def test_the_profile_of_commerce(seed_graph):
    p = kg.agency(seed_graph, "省商务厅")
    assert p.counts == {"lead": 1, "shared": 1, "support": 1, "tasks": 3}
    assert _rows(p) == COMMERCE_ROWS
    assert [(x.name, x.tasks, x.paths) for x in p.partners[:2]] == [
        ("省市场监管局", 3, ["3.2", "3.3", "5.1"]),
        ("省住房城乡建设厅", 2, ["3.2", "5.1"]),
    ]
    once = {(x.name, tuple(x.paths)) for x in p.partners[2:]}
    in_3_2 = [a for a in SHARED_3_2_BUT_COMMERCE if a not in ("省市场监管局", "省住房城乡建设厅")]
    in_5_1 = ["省农业农村厅", "省自然资源厅", "省生态环境厅", "省发展改革委", "省畜牧局", "省气象局"]
    assert once == {(a, ("3.2",)) for a in in_3_2} | {(a, ("5.1",)) for a in in_5_1} | {
        (C, ("3.3",)),
        ("青岛市政府", ("3.3",)),
    }
    assert [x.name for x in p.partners[2:]] == sorted(x.name for x in p.partners[2:])
    assert [(x.place, x.paths) for x in p.places] == [("青岛市", ["3.3"])]
    assert p.targets == []


def test_market_regulation_works_with_every_other_agency(seed_graph):
    p = kg.agency(seed_graph, "省市场监管局")
    assert p.counts["tasks"] == 24
    # 省市场监管局 is in every task, so each partner's tasks together are all its tasks.
    assert {x.name: x.tasks for x in p.partners} == {
        a: sum(n) for a, n in COUNTS.items() if a != "省市场监管局"
    }
    assert len(p.places) == 13


def test_targets_an_agency_answers_for_are_those_of_tasks_it_leads_or_shares(seed_graph):
    p = kg.agency(seed_graph, "省科技厅")
    assert [(t.path, t.role, t.text) for t in p.targets] == [
        ("2.1", "lead", "3-5个"),
        ("2.2", "lead", "100名以上"),
        ("6.1", "shared", "10个"),
        ("6.1", "shared", "100个"),
        ("6.1", "shared", "200个"),
        ("6.3", "lead", "5个以上"),
        ("6.3", "lead", "3-5个"),
    ]
    assert [(t.min, t.max) for t in p.targets if t.comparator == "range"] == [(3, 5), (3, 5)]
    assert kg.agency(seed_graph, C).targets == []  # it shares 5.5, which sets no target


# --- kg task --------------------------------------------------------------------------------


def test_task_3_3_in_full(seed_graph, seed_path):
    t = kg.task(seed_graph, "3.3")
    assert (t.document, t.path, t.title) == (DOC, "3.3", "实施服务对外开放标准化建设")
    assert t.section == "3 建立服务和融入新发展格局标准引领体系"
    assert t.clause == "省市场监管局、省商务厅牵头，省政府有关部门和青岛市政府配合"
    assert t.text.startswith("实施服务对外开放标准化建设。加快现代农业")
    assert [(a.position, a.role, a.name, a.full_name) for a in t.agencies] == [
        (1, "lead", "省市场监管局", "山东省市场监督管理局"),
        (2, "lead", "省商务厅", "山东省商务厅"),
        (3, "support", C, "山东省政府有关部门"),
        (4, "support", "青岛市政府", "青岛市人民政府"),
    ]
    assert t.places == ["青岛市"] and t.targets == []
    original = kg.read_text(seed_path).text
    quoted = original[t.source["start"] : t.source["end"]]
    assert quoted.startswith("(三)實施服務對外開放標準化建設。")
    assert quoted.endswith("省政府有關(guān)部門和青島市政府配合)")
    assert (t.source["line"], t.source["column"]) == (17, 1)


def test_task_2_1_names_three_cities_from_an_open_list(seed_graph):
    t = kg.task(seed_graph, "2.1")
    assert [(a.name, a.open) for a in t.agencies if a.name.endswith("市政府")] == [
        ("济南市政府", True),
        ("烟台市政府", True),
        ("潍坊市政府", True),
    ]
    assert t.places == ["济南市", "烟台市", "潍坊市"]


def test_an_unknown_task_path_is_an_error(seed_graph):
    with pytest.raises(kg.UnknownTask):
        kg.task(seed_graph, "9.9")


# --- kg agencies ----------------------------------------------------------------------------


def test_agencies_are_ranked_by_their_load_with_collectives_marked(seed_graph):
    result = kg.agencies(seed_graph)
    got = {a.name: (a.lead, a.support, a.shared) for a in result.agencies}
    assert got == COUNTS
    assert [(a.rank, a.name) for a in result.agencies[:9]] == [
        (1, "省市场监管局"),
        (2, "省发展改革委"),
        (3, "省工业和信息化厅"),
        (4, C),
        (5, "省交通运输厅"),
        (6, "省住房城乡建设厅"),
        (7, "省科技厅"),
        (8, "省人力资源社会保障厅"),
        (9, "省自然资源厅"),
    ]
    assert [a.name for a in result.agencies if a.collective] == [C]
    assert next(a for a in result.agencies if a.name == C).kind == "collective"
    totals = [a.lead + a.support + a.shared for a in result.agencies]
    assert totals == sorted(totals, reverse=True)


# --- the query library ----------------------------------------------------------------------


def _q(graph, name, **params):
    return kg.query(graph, name, params).rows


def _cols(rows, *cols):
    return [tuple(r[c] for c in cols) for r in rows]


def test_query_leads(seed_graph):
    assert _q(seed_graph, "leads", agency="省商务厅") == [
        {"document": DOC, "path": "3.3", "title": "实施服务对外开放标准化建设", "coLeads": "省市场监管局"}
    ]
    assert _cols(_q(seed_graph, "leads", agency="省市场监管局"), "path", "coLeads") == [
        ("2.1", "省科技厅"),
        ("2.2", "省科技厅"),
        ("2.3", ""),
        ("3.1", "省发展改革委、省自然资源厅"),
        ("3.3", "省商务厅"),
        ("4.1", "省发展改革委、省工业和信息化厅"),
        ("4.2", "省生态环境厅"),
        ("4.3", "省海洋局"),
        ("5.1", "省农业农村厅"),
        ("5.2", "省发展改革委、省住房城乡建设厅"),
        ("5.3", "省发展改革委、省民政厅"),
        ("6.3", "省科技厅、省发展改革委"),
        ("7.1", ""),
        ("7.2", ""),
        ("7.3", ""),
        ("7.4", "省财政厅"),
    ]


def test_query_supports(seed_graph):
    assert _cols(_q(seed_graph, "supports", agency="省商务厅"), "path", "title", "answeredBy") == [
        ("5.1", "实施乡村振兴标准化建设", "省农业农村厅、省市场监管局")
    ]
    assert [r["path"] for r in _q(seed_graph, "supports", agency=C)] == [
        "2.1",
        "3.1",
        "3.3",
        "4.1",
        "6.3",
        "7.1",
        "7.3",
        "7.4",
    ]


def test_query_shares(seed_graph):
    assert _cols(_q(seed_graph, "shares", agency="省商务厅"), "path", "sharedWith") == [
        ("3.2", "、".join(SHARED_3_2_BUT_COMMERCE))
    ]
    assert _cols(_q(seed_graph, "shares", agency="省科技厅"), "path", "sharedWith") == [
        ("6.1", "省工业和信息化厅、省市场监管局"),
        ("6.6", "省工业和信息化厅、省人力资源社会保障厅、省市场监管局、省地方金融监管局"),
    ]


def test_query_agency_tasks(seed_graph):
    assert _cols(_q(seed_graph, "agency-tasks", agency="省商务厅"), "path", "role", "others") == [
        ("3.3", "lead", "省市场监管局"),
        ("3.2", "shared", "、".join(SHARED_3_2_BUT_COMMERCE)),
        ("5.1", "support", "省农业农村厅、省市场监管局"),
    ]


def test_query_agency_profile(seed_graph):
    assert _q(seed_graph, "agency-profile", agency="省商务厅") == [
        {
            "name": "省商务厅",
            "fullName": "山东省商务厅",
            "englishName": "Department of Commerce of Shandong Province",
            "kind": "department",
            "collective": False,
            "lead": 1,
            "support": 1,
            "shared": 1,
            "tasks": 3,
        }
    ]
    everyone = _q(seed_graph, "agency-profile")
    assert len(everyone) == 41  # the 40 named in tasks and the issuer
    assert _cols(everyone[-1:], "name", "tasks") == [("省政府", 0)]
    assert [r["name"] for r in everyone if r["collective"]] == [C]


def test_query_workload(seed_graph):
    rows = _q(seed_graph, "workload")
    assert {r["agency"]: (r["lead"], r["support"], r["shared"]) for r in rows} == COUNTS
    assert _cols(rows[:4], "agency", "kind", "lead", "support", "shared", "total") == [
        ("省市场监管局", "bureau", 16, 0, 8, 24),
        ("省发展改革委", "commission", 5, 2, 2, 9),
        ("省工业和信息化厅", "department", 1, 3, 5, 9),
        (C, "collective", 0, 8, 1, 9),
    ]
    assert [r["agency"] for r in rows] == [a.name for a in kg.agencies(seed_graph).agencies]


def test_query_partners(seed_graph):
    rows = _q(seed_graph, "partners", agency="省商务厅")
    assert len(rows) == 18
    assert _cols(rows[:2], "partner", "tasks", "paths") == [
        ("省市场监管局", 3, "3.2、3.3、5.1"),
        ("省住房城乡建设厅", 2, "3.2、5.1"),
    ]
    assert {r["tasks"] for r in rows[2:]} == {1}


def test_query_task_detail(seed_graph):
    rows = _q(seed_graph, "task-detail", task="3.3")
    assert _cols(rows, "role", "agency", "fullName", "position", "open") == [
        ("lead", "省市场监管局", "山东省市场监督管理局", 1, False),
        ("lead", "省商务厅", "山东省商务厅", 2, False),
        ("support", C, "山东省政府有关部门", 3, False),
        ("support", "青岛市政府", "青岛市人民政府", 4, False),
    ]
    for role in ("lead", "牵头"):
        assert _cols(_q(seed_graph, "task-detail", task="3.3", role=role), "agency") == [
            ("省市场监管局",),
            ("省商务厅",),
        ]
    assert _cols(_q(seed_graph, "task-detail", task="3.2", role="shared"), "agency") == [
        (a,) for a in CLAUSES["3.2"][3]
    ]


def test_query_tasks_without_lead(seed_graph):
    rows = _q(seed_graph, "tasks-without-lead")
    assert _cols(rows, "path", "title", "sharedBy") == [
        (p, CLAUSES[p][0], "、".join(CLAUSES[p][3])) for p in WITHOUT_LEAD
    ]


def test_query_collective_only_support(seed_graph):
    assert _cols(_q(seed_graph, "collective-only-support"), "path", "leads", "support") == [
        ("3.1", "省发展改革委、省自然资源厅、省市场监管局", C),
        ("6.3", "省市场监管局、省科技厅、省发展改革委", C),
        ("7.1", "省市场监管局", C),
        ("7.3", "省市场监管局", C),
        ("7.4", "省市场监管局、省财政厅", C),
    ]


def test_query_co_leads(seed_graph):
    rows = _q(seed_graph, "co-leads")
    assert {(frozenset((r["agency1"], r["agency2"])), r["tasks"], r["paths"]) for r in rows} == {
        (frozenset(p), n, paths)
        for p, n, paths in [
            (("省发展改革委", "省市场监管局"), 5, "3.1、4.1、5.2、5.3、6.3"),
            (("省科技厅", "省市场监管局"), 3, "2.1、2.2、6.3"),
            (("省自然资源厅", "省市场监管局"), 1, "3.1"),
            (("省发展改革委", "省自然资源厅"), 1, "3.1"),
            (("省商务厅", "省市场监管局"), 1, "3.3"),
            (("省发展改革委", "省工业和信息化厅"), 1, "4.1"),
            (("省工业和信息化厅", "省市场监管局"), 1, "4.1"),
            (("省生态环境厅", "省市场监管局"), 1, "4.2"),
            (("省海洋局", "省市场监管局"), 1, "4.3"),
            (("省农业农村厅", "省市场监管局"), 1, "5.1"),
            (("省发展改革委", "省住房城乡建设厅"), 1, "5.2"),
            (("省住房城乡建设厅", "省市场监管局"), 1, "5.2"),
            (("省发展改革委", "省民政厅"), 1, "5.3"),
            (("省市场监管局", "省民政厅"), 1, "5.3"),
            (("省科技厅", "省发展改革委"), 1, "6.3"),
            (("省市场监管局", "省财政厅"), 1, "7.4"),
        ]
    }
    assert [r["tasks"] for r in rows[:3]] == [5, 3, 1]
    assert _cols(_q(seed_graph, "co-leads", agency="省科技厅"), "agency1", "agency2", "tasks", "paths") == [
        ("省科技厅", "省市场监管局", 3, "2.1、2.2、6.3"),
        ("省科技厅", "省发展改革委", 1, "6.3"),
    ]


PLACES = [  # by GB/T 2260 code: (name, kind, task)
    ("济南市", "prefecture", "2.1"),
    ("青岛市", "prefecture", "3.3"),
    ("张店区", "county", "6.2"),
    ("烟台市", "prefecture", "2.1"),
    ("烟台市长岛海洋生态文明综合试验区", "zone", "6.2"),
    ("潍坊市", "prefecture", "2.1"),
    ("潍坊高新技术产业开发区", "zone", "6.2"),
    ("济宁市", "prefecture", "2.3"),
    ("日照市", "prefecture", "2.3"),
    ("兰山区", "county", "6.2"),
    ("聊城市", "prefecture", "4.1"),
    ("滨州市", "prefecture", "4.1"),
    ("邹平市", "county", "6.2"),
]


def test_query_places(seed_graph):
    assert _cols(_q(seed_graph, "places"), "placeName", "kind", "path") == PLACES
    assert _cols(_q(seed_graph, "places", place="潍坊"), "placeName", "path") == [
        ("潍坊市", "2.1"),
        ("潍坊高新技术产业开发区", "6.2"),
    ]
    assert _cols(_q(seed_graph, "places", place="淄博"), "placeName", "path") == [("张店区", "6.2")]
    assert _cols(_q(seed_graph, "places", place="Qingdao"), "placeName", "path", "title") == [
        ("青岛市", "3.3", "实施服务对外开放标准化建设")
    ]


DATED = [
    ("100项", "原创技术标准"),
    ("50项", "国际标准"),
    ("400项", "国家和行业标准"),
    ("100个", "国家级标准化试点示范项目"),
    ("5个", "国际和国家技术标准组织"),
    ("100个以上", "标准创新型企业"),
    ("20个", "省级技术标准创新中心"),
    ("50个", "共性技术标准创新平台"),
    ("60%以上", "共性关键技术和应用类科技计划项目形成标准研究成果的比率"),
]
UNDATED = [
    ("2.1", "3-5个"),
    ("2.2", "100名以上"),
    ("6.1", "10个"),
    ("6.1", "100个"),
    ("6.1", "200个"),
    ("6.2", "30个"),
    ("6.3", "5个以上"),
    ("6.3", "3-5个"),
]


def test_query_targets_by_deadline(seed_graph):
    rows = _q(seed_graph, "targets-by-deadline")
    assert _cols(rows[:9], "deadline", "path", "target", "object") == [("2025", "1", *t) for t in DATED]
    assert _cols(rows[9:], "deadline", "path", "target") == [(None, *t) for t in UNDATED]


def test_query_targets_by_agency(seed_graph):
    assert _cols(_q(seed_graph, "targets-by-agency", agency="省科技厅"), "role", "path", "target") == [
        ("lead", "2.1", "3-5个"),
        ("lead", "2.2", "100名以上"),
        ("shared", "6.1", "10个"),
        ("shared", "6.1", "100个"),
        ("shared", "6.1", "200个"),
        ("lead", "6.3", "5个以上"),
        ("lead", "6.3", "3-5个"),
    ]
    rows = _q(seed_graph, "targets-by-agency")
    counts = {}
    for r in rows:
        counts[r["agencyName"]] = counts.get(r["agencyName"], 0) + 1
    assert counts == {"省发展改革委": 3, "省工业和信息化厅": 4, "省市场监管局": 8, "省科技厅": 7}


def test_query_targets_due_keeps_the_dated_targets_up_to_the_year(seed_graph):
    assert _cols(_q(seed_graph, "targets-due", year="2025"), "deadline", "path", "target", "object") == [
        ("2025", "1", *t) for t in DATED
    ]
    assert _q(seed_graph, "targets-due", year="2024") == []


def test_query_tasks_lists_every_task_or_those_of_one_section(seed_graph, seed_tasks):
    assert [r["path"] for r in _q(seed_graph, "tasks")] == list(seed_tasks)
    assert _cols(_q(seed_graph, "tasks", section="3"), "path", "leads") == [
        ("3.1", "、".join(seed_tasks["3.1"]["lead"])),
        ("3.2", "、".join(seed_tasks["3.2"]["lead"])),
        ("3.3", "省市场监管局、省商务厅"),
    ]
    assert _q(seed_graph, "tasks", section="99") == []


def test_query_cites_keeps_what_the_bundled_document_cites(seed_graph):
    assert _cols(_q(seed_graph, "cites"), "document", "citation", "cited") == [
        ("鲁政发〔2022〕6号", "《国家标准化发展纲要》", None)
    ]


def test_query_agencies_across_documents_of_one_document(seed_graph):
    assert _q(seed_graph, "agencies-across-documents") == []
    rows = _q(seed_graph, "agencies-across-documents", min="1")
    drc = [r for r in rows if r["agency"] == "省发展改革委"]
    assert _cols(drc, "jurisdiction", "documents", "document", "lead", "support", "shared") == [
        ("山东省", 1, "鲁政发〔2022〕6号", 5, 2, 2)
    ]
    assert len(rows) == len(kg.agencies(seed_graph).agencies)


def test_query_function_across_jurisdictions_of_one_document(seed_graph):
    rows = _q(seed_graph, "function-across-jurisdictions", function="market-regulation", role="lead")
    assert len(rows) == 16 and {(r["jurisdiction"], r["agency"]) for r in rows} == {
        ("山东省", "省市场监管局")
    }


TESTED = {
    "cites",
    "agencies-across-documents",
    "function-across-jurisdictions",
    "tasks",
    "targets-due",
    "leads",
    "supports",
    "shares",
    "agency-tasks",
    "agency-profile",
    "workload",
    "partners",
    "task-detail",
    "tasks-without-lead",
    "collective-only-support",
    "co-leads",
    "places",
    "targets-by-deadline",
    "targets-by-agency",
    "tasks-due",
}


def test_query_tasks_due_before_a_date_compares_months_as_their_last_day():
    doc = kg.parse(Path(__file__).parents[1] / "fixtures" / "styles" / "fenggong_table.txt")
    graph = kg.to_graph([doc])
    due = _cols(_q(graph, "tasks-due", before="2023-09-30"), "due", "path", "deadline", "leads")
    assert due == [
        ("2023-06-30", "2.1", "2023年6月底前", "市市场监管局"),
        ("2023-06-30", "2.4", "2023年6月底前", "市城市管理局"),
        ("2023-09-30", "2.2", "2023年9月底前", "市住房城乡建设局"),
        ("2023-09-30", "2.8", "2023年9月底前", "市行政审批服务局"),
    ]
    every = _q(graph, "tasks-due")
    assert [r["kind"] for r in every[-2:]] == ["ongoing", "ongoing"]  # 长期坚持, with no date, last
    assert len(every) == 10
    with pytest.raises(kg.QueryError, match="not a date"):
        kg.query(graph, "tasks-due", {"before": "2023年底"})


def test_every_file_of_the_library_has_a_test_above():
    assert {q.name for q in kg.query_library().queries} == TESTED


@pytest.mark.parametrize("name", sorted(TESTED))
def test_every_file_opens_with_what_it_answers_its_parameters_and_an_example_that_runs(seed_graph, name):
    q = Q.load_query(name)
    assert q.text.startswith(f"# {name}: ")
    assert "# Parameters:" in q.text and q.summary
    words = shlex.split(q.example)
    assert words[:3] == ["kg", "query", name]
    params = dict(w.split("=", 1) for w in words[3:] if w != "--param")
    assert {p.name for p in q.params if p.required} <= set(params) <= {p.name for p in q.params}
    graph = kg.to_graph([kg.parse(EXAMPLE_DOCS[name])]) if name in EXAMPLE_DOCS else seed_graph
    assert kg.query(graph, name, params).rows


# The bundled document states no task deadline: the deadline query's example runs on a table.
EXAMPLE_DOCS = {"tasks-due": Path(__file__).parents[1] / "fixtures" / "styles" / "fenggong_table.txt"}


def test_the_queries_folder_at_the_top_is_the_library():
    from pathlib import Path

    top = Path(__file__).parents[2] / "queries"
    assert sorted(p.name for p in top.glob("*.rq")) == sorted(f"{n}.rq" for n in TESTED)


# --- parameters are bound, never pasted ------------------------------------------------------

HOSTILE = '省商务厅" } UNION { ?s ?p ?o'


def test_a_hostile_agency_parameter_is_an_unknown_agency(seed_graph):
    with pytest.raises(kg.UnknownAgency):
        kg.query(seed_graph, "leads", {"agency": HOSTILE})


def test_a_hostile_text_parameter_is_only_a_value(seed_graph, tmp_path):
    f = tmp_path / "by-title.rq"
    f.write_text(
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "SELECT ?task WHERE { VALUES ?title { UNDEF } ?task dcterms:title ?t . FILTER(STR(?t) = ?title) }\n",
        encoding="utf-8",
    )
    assert len(kg.query(seed_graph, str(f), {"title": "实施扩大内需标准化建设"}).rows) == 1
    hostile = '实施扩大内需标准化建设" ) } UNION { ?task ?p ?o'
    assert kg.query(seed_graph, str(f), {"title": hostile}).rows == []
    q = Q.load_query(str(f))
    term = Q.n_triples(Literal(hostile))
    assert Q.bound_text(q, {"title": Literal(hostile)}) == q.text.replace("UNDEF", term)


def test_bound_text_writes_each_term_in_n_triples_form_in_place_of_its_undef():
    q = Q.load_query("task-detail")
    task, lead = URIRef(f"{ID}task/x"), URIRef("https://w3id.org/policy-kg/def#lead")
    text = Q.bound_text(q, {"task": task, "role": lead})
    assert f"VALUES ?task {{ <{task}> }}" in text and f"VALUES ?role {{ <{lead}> }}" in text
    assert text.replace(f"<{task}>", "UNDEF").replace(f"{{ <{lead}> }}", "{ UNDEF }") == q.text
    assert Q.n_triples(Literal('a"b\\c\nd}')) == '"a\\"b\\\\c\\nd}"'
    assert Q.n_triples(Literal("2023-12-31", datatype=XSD.date)) == f'"2023-12-31"^^<{XSD.date}>'
    assert Q.n_triples(Literal("青岛", lang="zh")) == '"青岛"@zh'
    assert Q.bound_text(q, {}) == q.text  # unbound, the file runs as it is
    with pytest.raises(kg.QueryError, match="not an IRI"):
        Q.n_triples(URIRef("https://example.org/a> } UNION { ?s ?p ?o"))


def test_a_placeholder_in_a_comment_or_a_string_is_not_one():
    text = '# VALUES ?a { UNDEF }\nSELECT ?s WHERE { VALUES ?b { UNDEF } ?s ?p "VALUES ?c { UNDEF }" }'
    assert set(Q.placeholders(text)) == {"b"}


def test_a_file_without_placeholders_binds_result_columns_after_the_query_and_refuses_others(
    seed_graph, tmp_path
):
    f = tmp_path / "paths.rq"
    f.write_text(
        "PREFIX kg: <https://w3id.org/policy-kg/def#>\n"
        "SELECT ?task ?path WHERE { ?task kg:path ?path ; kg:ledBy ?agency }\n",
        encoding="utf-8",
    )
    rows = kg.query(seed_graph, str(f), {"path": "3.3"}).rows
    assert [r["path"] for r in rows] == ["3.3"] * 2  # 3.3 has two leads
    text = Q.bound_text(Q.load_query(str(f)), {"path": Literal("3.3")})
    assert text.rstrip().endswith('VALUES (?path) { ("3.3") }')
    refused = r"uses \?agency without returning it and has no `VALUES \?agency"
    with pytest.raises(kg.QueryError, match=refused):
        kg.query(seed_graph, str(f), {"agency": f"<{ID}agency/370000/commerce>"})


@pytest.mark.parametrize("name", sorted(TESTED))
def test_every_parameter_of_a_named_query_has_its_placeholder(name):
    q = Q.load_query(name)
    assert {p.name for p in q.params} <= set(Q.placeholders(q.text))
    assert "initBindings" not in q.text


@pytest.mark.parametrize("name", sorted(TESTED))
def test_clients_that_sniff_the_query_type_read_select_in_every_named_query(name):
    """SPARQLWrapper finds the form by the first keyword of the text, comments half dropped
    (``task`` reads as ASK, ``workload`` as LOAD): the "# SELECT" second line comes first."""
    q = Q.load_query(name)
    assert q.text.splitlines()[1].startswith("# SELECT ?")
    client = SPARQLWrapper("http://127.0.0.1:9/sparql")
    assert client._parseQueryType(q.text) == "SELECT"
    bound = Q.bound_text(q, {p.name: Literal("x") for p in q.params})
    assert client._parseQueryType(bound) == "SELECT"


def test_an_iri_parameter_is_bound_as_an_iri(seed_graph):
    rows = _q(seed_graph, "leads", agency=f"<{ID}agency/370000/commerce>")
    assert [r["path"] for r in rows] == ["3.3"]


@pytest.mark.parametrize(
    "name, params, message",
    [
        ("leads", {}, "query leads needs --param agency="),
        ("leads", {"who": "省商务厅"}, "query leads has no parameter 'who' (it takes: agency)"),
        (
            "workload",
            {"agency": "省商务厅"},
            "query workload has no parameter 'agency' (it takes: no parameters)",
        ),
        ("task-detail", {"task": "3.3", "role": "boss"}, "'boss' is not a role"),
        ("nope", {}, "no query called 'nope'; named queries: agencies-across-documents, agency-profile"),
        ("missing.rq", {}, "missing.rq: no such query file"),
    ],
)
def test_bad_queries_and_parameters_are_query_errors(seed_graph, name, params, message):
    with pytest.raises(kg.QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        kg.query(seed_graph, name, params)


def test_a_file_with_invalid_sparql_is_a_query_error(seed_graph, tmp_path):
    f = tmp_path / "bad.rq"
    f.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    with pytest.raises(kg.QueryError, match="failed"):
        kg.query(seed_graph, str(f))


def test_an_undeclared_parameter_of_a_file_must_be_one_of_its_variables(seed_graph, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    with pytest.raises(kg.QueryError, match=r"has no variable \?x"):
        kg.query(seed_graph, str(f), {"x": "1"})


def test_ask_and_construct_files_give_rows(seed_graph, tmp_path):
    ask = tmp_path / "ask.rq"
    ask.write_text('PREFIX kg: <https://w3id.org/policy-kg/def#>\nASK { ?t kg:path "3.3" }', encoding="utf-8")
    assert kg.query(seed_graph, str(ask)).rows == [{"answer": True}]
    construct = tmp_path / "c.rq"
    construct.write_text(
        "PREFIX kg: <https://w3id.org/policy-kg/def#>\n"
        'CONSTRUCT { ?t kg:path ?p } WHERE { ?t kg:path ?p FILTER(?p = "3.3") }',
        encoding="utf-8",
    )
    rows = kg.query(seed_graph, str(construct)).rows
    assert [(r["predicate"], r["object"]) for r in rows] == [("path", "3.3")]


# --- stable and portable ---------------------------------------------------------------------

_DUMP = textwrap.dedent("""
    import kg, shlex
    g = kg.to_graph([kg.parse(kg.bundled_document())])
    for q in kg.query_library().queries:
        words = shlex.split(q.example)
        params = dict(w.split("=", 1) for w in words[3:] if w != "--param")
        print(kg.render(kg.query(g, q.name, params), "json"))
        print(kg.render(kg.query(g, q.name), "json") if not any(p.required for p in q.params) else "")
    print(kg.render(kg.agency(g, "省市场监管局"), "json"))
    print(kg.render(kg.agencies(g), "json"))
""")


def test_answers_are_identical_whatever_the_hash_seed():
    """rdflib iterates sets, whose order changes with PYTHONHASHSEED; answers must not."""
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DUMP], env=env, capture_output=True, text=True, check=True
        )
        outs.append(done.stdout)
    assert outs[0] == outs[1] and len(outs[0]) > 10000


def test_queries_without_required_parameters_give_the_same_rows_in_oxigraph(seed_graph):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    from kg.graph.serialize import turtle

    store = pyoxigraph.Store()
    store.load(turtle(seed_graph).encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)

    def norm(value) -> str:
        if value is None:
            return ""
        s = value.value if hasattr(value, "value") else str(value)
        s = s.rsplit("#", 1)[-1] if s.startswith("https://w3id.org/policy-kg/def#") else s
        return "、".join(sorted(s.split("、")))  # GROUP_CONCAT order is the engine's

    for q in kg.query_library().queries:
        if any(p.required for p in q.params):
            continue
        theirs = store.query(q.text)
        their_rows = [tuple(norm(r[v]) for v in theirs.variables) for r in theirs]
        ours = kg.query(seed_graph, q.name)
        our_rows = [
            tuple(
                norm(json.dumps(r[c]) if isinstance(r[c], bool) else r[c] if r[c] is None else str(r[c]))
                for c in ours.columns
            )
            for r in ours.rows
        ]
        assert their_rows == our_rows, q.name
