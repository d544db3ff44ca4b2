"""Questions in Chinese and English map to the named queries, and answer like them."""

from __future__ import annotations

import pytest

import kg
from kg.query.ask import command, forms, understand


@pytest.mark.parametrize(
    "question, query, params",
    [
        ("省商务厅牵头哪些任务?", "leads", {"agency": "省商务厅"}),
        ("省商务厅牵头哪些任务？", "leads", {"agency": "省商务厅"}),
        ("省商務廳牽頭哪些任務？", "leads", {"agency": "省商务厅"}),
        ("省商务厅 牵头 哪些任务", "leads", {"agency": "省商务厅"}),
        ("哪些任务由省商务厅牵头？", "leads", {"agency": "省商务厅"}),
        ("what does 省商务厅 lead?", "leads", {"agency": "省商务厅"}),
        ("What does Department of Commerce lead?", "leads", {"agency": "Department of Commerce"}),
        ("which tasks are led by 商务厅?", "leads", {"agency": "商务厅"}),
        ("省商务厅配合哪些任务？", "supports", {"agency": "省商务厅"}),
        ("what does 省商务厅 support?", "supports", {"agency": "省商务厅"}),
        ("省商务厅分工负责哪些任务？", "shares", {"agency": "省商务厅"}),
        ("省商务厅负责哪些任务？", "agency-tasks", {"agency": "省商务厅"}),
        ("what is 省商务厅 responsible for?", "agency-tasks", {"agency": "省商务厅"}),
        ("介绍一下省商务厅", "agency-profile", {"agency": "省商务厅"}),
        ("tell me about 省商务厅", "agency-profile", {"agency": "省商务厅"}),
        ("谁牵头3.3？", "task-detail", {"task": "3.3", "role": "lead"}),
        ("3.3由谁牵头？", "task-detail", {"task": "3.3", "role": "lead"}),
        ("３．３由谁牵头？", "task-detail", {"task": "3.3", "role": "lead"}),
        ("who leads task 3.3?", "task-detail", {"task": "3.3", "role": "lead"}),
        ("任务3.3由谁负责？", "task-detail", {"task": "3.3"}),
        ("who is responsible for task 3.3?", "task-detail", {"task": "3.3"}),
        ("哪些任务没有牵头单位？", "tasks-without-lead", {}),
        ("which tasks does nobody lead?", "tasks-without-lead", {}),
        ("哪些任务只有集体配合？", "collective-only-support", {}),
        ("谁的任务最多？", "workload", {}),
        ("who carries the most?", "workload", {}),
        ("省科技厅和谁共同牵头？", "co-leads", {"agency": "省科技厅"}),
        ("who co-leads with 省科技厅?", "co-leads", {"agency": "省科技厅"}),
        ("哪些部门共同牵头？", "co-leads", {}),
        ("which agencies lead together?", "co-leads", {}),
        ("青岛有哪些试点？", "places", {"place": "青岛"}),
        ("pilots in 青岛?", "places", {"place": "青岛"}),
        ("哪些城市是试点？", "places", {}),
        ("which cities are pilots, for what?", "places", {}),
        ("省市场监管局和谁合作？", "partners", {"agency": "省市场监管局"}),
        ("who does 省市场监管局 work with?", "partners", {"agency": "省市场监管局"}),
        ("省科技厅负责哪些目标？", "targets-by-agency", {"agency": "省科技厅"}),
        ("有哪些目标？", "targets-by-deadline", {}),
        ("what are the targets?", "targets-by-deadline", {}),
    ],
)
def test_questions_map_to_named_queries(question, query, params):
    assert understand(question) == (query, params)


def test_a_question_answers_like_the_query_it_maps_to(seed_graph):
    answer = kg.ask(seed_graph, "省商务厅牵头哪些任务？")
    assert answer.query == "leads" and answer.command == "kg query leads --param agency=省商务厅"
    assert [(r["path"], r["title"], r["coLeads"]) for r in answer.rows] == [
        ("3.3", "实施服务对外开放标准化建设", "省市场监管局")
    ]
    assert answer.rows == kg.query(seed_graph, "leads", {"agency": "省商务厅"}).rows


def test_the_same_question_in_english_gets_the_same_answer(seed_graph):
    pairs = [
        ("省市场监管局和谁合作？", "who does 省市场监管局 work with?"),
        ("哪些任务没有牵头单位？", "which tasks does nobody lead?"),
        ("青岛有哪些试点？", "pilots in Qingdao?"),
    ]
    for zh, en in pairs:
        assert kg.ask(seed_graph, zh).rows == kg.ask(seed_graph, en).rows


def test_who_leads_a_task_names_only_its_leads(seed_graph):
    rows = kg.ask(seed_graph, "who leads task 3.3?").rows
    assert [(r["role"], r["agency"]) for r in rows] == [("lead", "省市场监管局"), ("lead", "省商务厅")]


def test_pilots_in_a_city_include_its_zones(seed_graph):
    rows = kg.ask(seed_graph, "潍坊有哪些试点？").rows
    assert [(r["placeName"], r["path"]) for r in rows] == [
        ("潍坊市", "2.1"),
        ("潍坊高新技术产业开发区", "6.2"),
    ]


def test_an_unknown_agency_in_a_question_is_an_unknown_agency(seed_graph):
    with pytest.raises(kg.UnknownAgency):
        kg.ask(seed_graph, "火星探测局牵头哪些任务？")


def test_an_unknown_question_lists_every_form_understood():
    with pytest.raises(kg.UnknownQuestion) as e:
        understand("what is the weather?")
    message = str(e.value)
    assert message.startswith("I do not understand 'what is the weather?'. I understand questions like:")
    for zh, en in forms():
        assert f"{zh}  /  {en}" in message


def test_every_example_form_is_understood_and_answers(seed_graph):
    for example in (q for pair in forms() for q in pair):
        name, params = understand(example)
        assert kg.query(seed_graph, name, params).rows, example


def test_the_command_quotes_what_a_shell_would_split():
    assert (
        command("leads", {"agency": "Department of Commerce"})
        == "kg query leads --param 'agency=Department of Commerce'"
    )
    assert command("workload", {}) == "kg query workload"
