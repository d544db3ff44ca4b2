"""Keyword soup: the parser never raises, and whatever graph it builds passes the SHACL shapes."""

from __future__ import annotations

import pyoxigraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.graph.serialize import turtle

MARKERS = [
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2.",
    "3、",
    "１．",
    "（1）",
    "(2)",
    "1）",
    "①",
    "②",
    "第一章",
    "第二条",
    "十一、",
    "",
]
WORDS = [
    "推进标准化建设。",
    "（省科技厅牵头）",
    "（省发展改革委、省财政厅牵头，省政府有关部门配合）",
    "责任单位：省商务厅、省体育局",
    "牵头单位：省教育厅；配合单位：",
    "按职责分工负责",
    "等",
    "和",
    "、",
    "（各市政府负责）",
    "济南、烟台、潍坊等市政府",
    "各区、县级市人民政府",
    "领导小组各成员单位",
    "到2025年，",
    "培育100个以上企业",
    "3-5个",
    "达到60%以上",
    "（2023年底前完成）",
    "發(fā)展",
    "?!?",
    "???",
    "\ufffd",
    "鲁政发〔2022〕6号",
    "山东省人民政府",
    "2022年4月15日",
    "抄送：省委各部门。",
    "（",
    "）",
    "：",
    "；",
    "STES（科学、技术）",
    "中华人民共和国",
    "\t",
    "|",
    "x",
    " ",
]

line = st.tuples(st.sampled_from(MARKERS), st.lists(st.sampled_from(WORDS), max_size=6)).map(
    lambda t: t[0] + "".join(t[1])
)
document = st.lists(line, min_size=0, max_size=14).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_parser_never_raises_on_keyword_soup(text):
    doc = kg.parse_text(text, "fuzz.txt")
    for task in doc.tasks():
        assert task.path
        for r in task.responsibilities:
            assert r.agency in doc.agencies
            assert r.role in ("lead", "support", "shared")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_any_graph_the_parser_builds_conforms_to_the_shapes(text):
    doc = kg.parse_text(text, "fuzz.txt")
    graph = kg.to_graph([doc])
    assert kg.validate(graph).conforms
    store = pyoxigraph.Store()  # and its Turtle is read back by a second, strict parser
    store.load(turtle(graph).encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_raises_on_arbitrary_text(text):
    kg.parse_text(text, "any.txt")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_bytes_either_parse_or_raise_input_error(data):
    try:
        kg.parse_text(data, "any.bin")
    except kg.InputError as e:
        assert str(e).startswith("any.bin: ")
