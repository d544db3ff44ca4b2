"""Clause styles, leaders, deadlines and old agency names as real documents write them."""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal, namespace

import kg
from kg.ids import Ids
from kg.ns import KG

CITY = "济南市人民政府办公厅\n关于印发重点工作任务分工的通知\n一、重点任务\n"


def _roles(text: str) -> list[list[tuple[str, str]]]:
    return [[(r.role, r.written) for r in t.responsibilities] for t in kg.parse_text(text).tasks()]


@pytest.mark.parametrize(
    "item, want",
    [
        ("1.推进改革。（市发改委）", [("shared", "市发改委")]),
        ("1.推进改革。（市经委、环保局）", [("shared", "市经委"), ("shared", "环保局")]),
        (
            "1.推进改革。（市发改委牵头；市财政局配合；各区县落实）",
            [("lead", "市发改委"), ("support", "市财政局"), ("shared", "各区县")],
        ),
        (
            "1.推进改革。（责任领导：张三；牵头单位：市发改委；责任单位：市财政局）",
            [("lead", "市发改委"), ("shared", "市财政局")],
        ),
        ("1.推进改革。\n责任单位：区发改局区统计局", [("shared", "区发改局"), ("shared", "区统计局")]),
        ("1.推进改革。（县住建局、区工信局负责）", [("shared", "县住建局"), ("shared", "区工信局")]),
        (
            "1.推进改革。\n主办单位：市发改委\n协办单位：市财政局",
            [("lead", "市发改委"), ("support", "市财政局")],
        ),
    ],
)
def test_clause_styles_found_in_the_wild(item, want):
    assert _roles(CITY + item + "\n") == [want]


@pytest.mark.parametrize("dot", ["﹒", "．", "、", "."])
def test_numbering_with_other_dot_characters(dot):
    text = CITY + f"1{dot}推进改革。（市发改委负责）\n2{dot}扩大开放。（市商务局负责）\n"
    assert [t.path for t in kg.parse_text(text).tasks()] == ["1.1", "1.2"]


def test_a_number_that_begins_a_title_is_not_a_sub_number():
    items = "".join(f"{n}.第{n}项工作。（市人社局负责）\n" for n in range(1, 11))
    text = CITY + items + "11.121人才梯队项目。（市人社局负责）\n"
    assert [(t.path, t.title) for t in kg.parse_text(text).tasks()][-1] == ("1.11", "121人才梯队项目")


def test_bare_names_in_a_citys_own_table_are_its_bodies():
    text = CITY + "序号\t重点任务\t牵头单位\n1\t推进改革\t发改委、财政局\n"
    doc = kg.parse_text(text)
    names = [doc.agencies[r.agency].full for r in doc.tasks()[0].responsibilities]
    assert names == ["济南市发展和改革委员会", "济南市财政局"]


def test_leaders_are_persons_with_their_post_and_never_agencies():
    text = CITY + "1.推进改革。\n牵头负责领导：王丹\n分管领导：副市长李四\n牵头单位：市发改委\n"
    doc = kg.parse_text(text)
    (task,) = doc.tasks()
    assert [(p.name, p.post, p.role) for p in task.persons] == [
        ("王丹", None, "lead"),
        ("李四", "副市长", "responsible"),
    ]
    assert [r.written for r in task.responsibilities] == ["市发改委"]
    g = kg.to_graph([doc])
    people = set(g.subjects(RDF.type, namespace.FOAF.Person))
    assert {str(n) for p in people for n in g.objects(p, namespace.FOAF.name)} == {"王丹", "李四"}
    assert not people & set(g.subjects(RDF.type, KG.Agency))
    assert kg.validate(g).conforms


def test_a_heading_that_names_its_lead_or_leader_answers_for_its_items():
    text = (
        "某县人民政府\n关于重点工作的通知\n一、王丹县长牵头重点工作\n1.推进改革。\n责任单位：县发改局\n"
        "二、县示范区管委会牵头工作（2项）\n1.建设园区。\n2.招商引资。\n"
    )
    doc = kg.parse_text(text)
    tasks = {t.path: t for t in doc.tasks()}
    assert [(p.name, p.post, p.role) for p in tasks["1.1"].persons] == [("王丹", "县长", "lead")]
    assert [(r.role, r.written) for r in tasks["2.2"].responsibilities] == [("lead", "县示范区管委会")]


@pytest.mark.parametrize(
    "deadline, kind, end, datatype",
    [
        ("2023年底前完成", "date", "2023-12-31", "date"),
        ("2023年6月底前", "month", "2023-06", "gYearMonth"),
        ("2024年第一季度", "month", "2024-03", "gYearMonth"),
        ("持续推进", "ongoing", None, None),
        ("长期坚持", "ongoing", None, None),
        ("每年开展一次", "recurring", None, None),
    ],
)
def test_deadlines_are_values_in_the_graph(deadline, kind, end, datatype):
    text = CITY + f"1.推进改革。（市发改委牵头，{deadline}）\n"
    doc = kg.parse_text(text)
    (task,) = doc.tasks()
    assert (task.due.kind, task.due.end) == (kind, end)
    g = kg.to_graph([doc])
    (t,) = g.subjects(RDF.type, KG.Task)
    if end:
        assert g.value(t, KG.due) == Literal(end, datatype=namespace.XSD[datatype])
    kinds = {"date": KG.byDate, "month": KG.byDate, "ongoing": KG.ongoing, "recurring": KG.recurring}
    assert g.value(t, KG.deadlineKind) == kinds[kind]


def test_an_own_line_deadline_after_the_lead_line_is_read():
    text = CITY + "1.推进改革。\n牵头单位：市发改委\n完成时限：2023年6月底前\n"
    (task,) = kg.parse_text(text).tasks()
    assert task.deadline == "2023年6月底前"
    assert task.due.end == "2023-06"


@pytest.mark.parametrize(
    "written, short, successor",
    [
        ("省环保厅", "省环保厅", "省生态环境厅"),
        ("省工商局", "省工商局", "省市场监管局"),
        ("省质监局", "省质监局", "省市场监管局"),
        ("省食药监局", "省食药监局", "省市场监管局"),
        ("省国土资源厅", "省国土资源厅", "省自然资源厅"),
        ("省卫生计生委", "省卫生计生委", "省卫生健康委"),
        ("省劳动保障厅", "省劳动保障厅", "省人力资源社会保障厅"),
        ("省外经贸厅", "省外经贸厅", "省商务厅"),
    ],
)
def test_old_agency_names_resolve_to_the_body_of_their_time_linked_to_its_successor(
    written, short, successor
):
    doc = kg.parse_text(f"山东省人民政府\n关于印发方案的通知\n一、任务\n（一）推进改革。（{written}负责）\n")
    (r,) = doc.tasks()[0].responsibilities
    old = doc.agencies[r.agency]
    assert (old.short, doc.agencies[old.successor].short) == (short, successor)
    g = kg.to_graph([doc])
    assert (Ids().agency(old.key), KG.successor, Ids().agency(old.successor)) in g
    assert kg.validate(g).conforms


def test_a_name_kg_cannot_place_stays_an_agency_of_its_own_with_a_warning():
    doc = kg.parse_text(CITY + "1.推进改革。（市护城河指挥部负责）\n")
    (r,) = doc.tasks()[0].responsibilities
    assert doc.agencies[r.agency].short == "市护城河指挥部"
    assert any(w.kind == "unknown-agency" and "市护城河指挥部" in w.message for w in doc.warnings)
