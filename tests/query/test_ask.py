"""Questions in Chinese and English map to the named queries, and answer like them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.query.ask import closest_forms, command, forms, understand

# Natural questions in Chinese and English, each with the query and parameters it should run;
# written before the forms that answer them, so they are the users' words, not the patterns'.
QUESTIONS = json.loads((Path(__file__).parent / "ask_questions.json").read_text(encoding="utf-8"))


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


def test_an_unknown_question_names_the_two_closest_forms():
    with pytest.raises(kg.UnknownQuestion) as e:
        understand("who supervises 3.3?")
    message = str(e.value)
    assert message.startswith(
        "I do not understand 'who supervises 3.3?'. The closest questions I understand:"
    )
    assert "  3.3由哪些单位配合？  /  who supports 3.3?" in message
    assert message.count("  /  ") == 2


def test_the_closest_forms_are_compared_in_the_questions_own_script():
    assert closest_forms("省商务厅的职责") == [
        ("省商务厅负责哪些任务？", "what is 省商务厅 responsible for?"),
        ("介绍一下省商务厅", "tell me about 省商务厅"),
    ]


def test_nine_in_ten_natural_questions_map_to_their_expected_query():
    assert len(QUESTIONS) == 60
    got = []
    for q in QUESTIONS:
        try:
            got.append(understand(q["question"]) == (q["query"], q["params"]))
        except kg.UnknownQuestion:
            got.append(False)
    assert sum(got) >= 0.9 * len(QUESTIONS), [q["question"] for q, ok in zip(QUESTIONS, got) if not ok]


def test_every_natural_question_that_is_understood_answers_on_the_bundled_graph(seed_graph):
    for q in QUESTIONS:
        answer = kg.ask(seed_graph, q["question"])
        assert answer.query == q["query"], q["question"]


@pytest.mark.parametrize(
    "question, query, params",
    [
        ("济南市有哪些任务？", "places", {"place": "济南市"}),
        ("省商务厅有哪些任务？", "agency-tasks", {"agency": "省商务厅"}),
        ("省发展改革委的任务有哪些", "agency-tasks", {"agency": "省发展改革委"}),
        ("tasks in section 5", "tasks", {"section": "5"}),
        ("tasks in 潍坊", "places", {"place": "潍坊"}),
        ("第十部分有哪些任务", "tasks", {"section": "10"}),
        ("What does THE Department of Finance share?", "shares", {"agency": "Department of Finance"}),
    ],
)
def test_a_name_is_read_as_a_place_or_an_agency_by_how_it_ends(question, query, params):
    assert understand(question) == (query, params)


def test_an_english_name_with_its_article_answers_like_the_chinese_name(seed_graph):
    assert (
        kg.ask(seed_graph, "what does the Department of Finance share?").rows
        == kg.ask(seed_graph, "省财政厅分工负责哪些任务？").rows
    )
    assert kg.ask(seed_graph, "what does the Department of Finance share?").rows


def test_who_supports_a_task_names_only_its_supporters(seed_graph):
    rows = kg.ask(seed_graph, "3.3由哪些单位配合？").rows
    assert [(r["role"], r["agency"]) for r in rows] == [
        ("support", "省政府有关部门"),
        ("support", "青岛市政府"),
    ]


def test_tasks_in_a_section_are_the_tasks_within_it(seed_graph, seed_tasks):
    rows = kg.ask(seed_graph, "第五部分有哪些任务？").rows
    assert [r["path"] for r in rows] == ["5.1", "5.2", "5.3", "5.4", "5.5"]
    assert rows[0]["leads"] == "省农业农村厅、省市场监管局"
    every = kg.ask(seed_graph, "list all tasks").rows
    assert [r["path"] for r in every] == list(seed_tasks)


def test_targets_due_by_a_year_are_those_with_that_deadline_or_earlier(seed_graph):
    due = kg.ask(seed_graph, "2025年要完成哪些目标").rows
    dated = [r for r in kg.query(seed_graph, "targets-by-deadline").rows if r["deadline"] is not None]
    assert due and len(due) == len([r for r in dated if int(r["deadline"]) <= 2025])
    assert kg.ask(seed_graph, "what targets are due by 2024?").rows == []


def test_kg_ask_forms_lists_every_form_and_the_query_it_runs():
    result = CliRunner().invoke(cli, ["ask", "--forms", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)["forms"]
    assert [(r["zh"], r["en"]) for r in rows] == forms()
    assert {
        "query": "targets-due",
        "zh": "2025年要完成哪些目标？",
        "en": "what targets are due by 2025?",
    } in rows


def test_kg_ask_prints_the_query_it_ran(seed_graph, tmp_path):
    graph = tmp_path / "graph.ttl"
    seed_graph.serialize(graph, format="turtle")
    result = CliRunner().invoke(cli, ["ask", "--graph", str(graph), "who", "supports", "3.3?"])
    assert result.exit_code == 0, result.output
    assert "# kg query task-detail --param task=3.3 --param role=support" in result.output


def test_every_example_form_is_understood_and_answers(seed_graph, corpus_graph):
    """On the bundled document, or for a question about several documents on the corpus."""
    for example in (q for pair in forms() for q in pair):
        name, params = understand(example)
        graph = corpus_graph if name == "agencies-across-documents" else seed_graph
        assert kg.query(graph, name, params).rows, example


def test_the_command_quotes_what_a_shell_would_split():
    assert (
        command("leads", {"agency": "Department of Commerce"})
        == "kg query leads --param 'agency=Department of Commerce'"
    )
    assert command("workload", {}) == "kg query workload"
