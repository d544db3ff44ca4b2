"""The question commands through the command line: exit codes, ``Error:`` lines, key output."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.graph.serialize import turtle

HOSTILE = '省商务厅" } UNION { ?s ?p ?o'
README = Path(__file__).parent.parent / "README.md"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, seed_graph) -> str:
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    path.write_text(turtle(seed_graph), encoding="utf-8")
    return str(path)


@pytest.fixture()
def run(graph_file):
    def invoke(*args: str):
        return CliRunner().invoke(cli, [*args, "--graph", graph_file])

    return invoke


def _error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize("name", ["省商务厅", "商务厅", "山东省商务厅", "省商務廳", "Department of Commerce"])
def test_leads_gives_the_same_answer_for_every_spelling(run, name):
    result = run("leads", name, "--format", "json")
    assert result.exit_code == 0, result.output
    tasks = json.loads(result.stdout)["tasks"]
    assert [(t["path"], t["role"], t["others"][:1]) for t in tasks] == [
        ("3.3", "lead", ["省市场监管局"]),
        ("3.2", "shared", ["省工业和信息化厅"]),
        ("5.1", "support", ["省农业农村厅"]),
    ]


def test_leads_prints_a_table(run):
    result = run("leads", "省商务厅")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "省商务厅 · 山东省商务厅 · Department of Commerce of Shandong Province"
    assert lines[1] == "牵头 1 · 分工负责 1 · 配合 1"
    rows = [line for line in lines if line.startswith("鲁政发")]
    assert [line.split()[1:4] for line in rows] == [
        ["3.3", "实施服务对外开放标准化建设", "牵头"],
        ["3.2", "实施扩大内需标准化建设", "分工负责"],
        ["5.1", "实施乡村振兴标准化建设", "配合"],
    ]


def test_leads_names_roles_in_english_with_lang_en_and_keeps_keys_in_json_and_csv(run):
    lines = run("leads", "省商务厅", "--lang", "en").stdout.splitlines()
    assert lines[1] == "lead 1 · shared 1 · support 1"
    assert [line.split()[3] for line in lines if line.startswith("鲁政发")] == ["lead", "shared", "support"]
    assert [t["role"] for t in json.loads(run("leads", "省商务厅", "--format", "json").stdout)["tasks"]] == [
        "lead",
        "shared",
        "support",
    ]
    assert "lead" in run("leads", "省商务厅", "--format", "csv").stdout.splitlines()[1].split(",")


def test_agencies_head_role_columns_in_the_language_of_the_table(run):
    assert run("agencies").stdout.splitlines()[0].split() == [
        "#",
        "agency",
        "kind",
        "牵头",
        "配合",
        "分工负责",
        "tasks",
    ]
    assert run("agencies", "--lang", "en").stdout.splitlines()[0].split()[3:6] == [
        "lead",
        "support",
        "shared",
    ]


def test_every_list_in_every_command_is_joined_by_one_separator(run):
    outputs = [
        run("query", "partners", "--param", "agency=省市场监管局", "--format", "csv").stdout,
        run("query", "co-leads", "--format", "csv").stdout,
        run("leads", "省商务厅", "--format", "csv").stdout,
        run("agency", "省市场监管局").stdout,
    ]
    assert all("、" in out for out in outputs)
    assert not any(re.search(r"\d, \d", out) for out in outputs)


def test_leads_as_csv(run):
    rows = list(csv.DictReader(io.StringIO(run("leads", "省商务厅", "--format", "csv").stdout)))
    assert [(r["path"], r["role"], r["others"]) for r in rows][2] == (
        "5.1",
        "support",
        "省农业农村厅、省市场监管局",
    )


def test_an_ambiguous_name_exits_1_with_the_candidates(run):
    line = _error_line(run("leads", "厅"))
    assert line.startswith("Error: '厅' is ambiguous, 19 agencies match: ") and "省商务厅" in line


def test_an_unknown_name_exits_1_with_the_closest_names(run):
    assert _error_line(run("agency", "火星探测局")).startswith(
        "Error: no agency called '火星探测局'; closest: "
    )


def test_a_hostile_name_is_an_unknown_agency_in_leads(run):
    line = _error_line(run("leads", HOSTILE))
    assert line.startswith("Error: no agency called '省商务厅\" } UNION { ?s ?p ?o'; closest: 省商务厅")


def test_a_hostile_parameter_is_an_unknown_agency_in_query(run):
    line = _error_line(run("query", "leads", "--param", f"agency={HOSTILE}"))
    assert line.startswith("Error: no agency called '省商务厅\" } UNION { ?s ?p ?o'")


def test_a_hostile_text_parameter_matches_nothing(run, tmp_path):
    f = tmp_path / "title.rq"
    f.write_text(
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "SELECT ?task WHERE { VALUES ?title { UNDEF } ?task dcterms:title ?t FILTER(STR(?t) = ?title) }\n",
        encoding="utf-8",
    )
    result = run("query", str(f), "--param", 'title=x" ) } UNION { ?task ?p ?o', "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["rows"] == []


def test_agency_profile_as_json(run):
    data = json.loads(run("agency", "省市场监管局", "--format", "json").stdout)
    assert sorted(data) == ["agency", "counts", "partners", "places", "targets", "tasks"]
    assert data["counts"] == {"lead": 16, "shared": 8, "support": 0, "tasks": 24}
    assert len(data["partners"]) == 39 and len(data["targets"]) == 8


def test_task_prints_the_clause_and_agencies(run):
    result = run("task", "3.3")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("3.3 实施服务对外开放标准化建设\n")
    assert "clause    省市场监管局、省商务厅牵头，省政府有关部门和青岛市政府配合" in out
    assert "source    line 17, column 1" in out
    assert re.search(r"^2\s+牵头\s+省商务厅\s+山东省商务厅\s+no$", out, re.M)


def test_an_unknown_task_exits_1(run):
    assert _error_line(run("task", "9.9")) == "Error: no task called '9.9'"


def test_agencies_as_csv_has_every_agency(run):
    rows = list(csv.DictReader(io.StringIO(run("agencies", "--format", "csv").stdout)))
    assert len(rows) == 40
    first = rows[0]
    assert [first[k] for k in ("name", "lead", "shared", "tasks")] == ["省市场监管局", "16", "8", "24"]
    assert [r["name"] for r in rows if r["collective"] == "true"] == ["省政府有关部门"]


def test_query_without_a_name_lists_the_library(run):
    result = run("query")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()[2:] if line[:1].strip()]
    assert names == sorted(q.name for q in kg.query_library().queries) and "tasks-without-lead" in names


def test_query_by_name_with_a_parameter(run):
    rows = json.loads(
        run("query", "task-detail", "--param", "task=3.3", "--param", "role=lead", "--format", "json").stdout
    )["rows"]
    assert [r["agency"] for r in rows] == ["省市场监管局", "省商务厅"]


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["query", "leads"],
            "Error: query leads needs --param agency=… (agency: The agency: 省商务厅, 商务厅,",
        ),
        (["query", "nope"], "Error: no query called 'nope'; named queries: "),
        (
            ["query", "leads", "--param", "who=x"],
            "Error: query leads has no parameter 'who' (it takes: agency)",
        ),
    ],
)
def test_query_errors_exit_1(run, args, message):
    assert _error_line(run(*args)).startswith(message)


def test_a_parameter_without_equals_is_a_usage_error(run):
    result = run("query", "leads", "--param", "agency")
    assert result.exit_code == 2 and "is not KEY=VALUE" in result.output


def test_ask_answers_and_shows_the_query_it_ran(run):
    result = run("ask", "省商务厅牵头哪些任务？", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "# kg query leads --param agency=省商务厅"
    data = json.loads(result.stdout)
    assert [r["path"] for r in data["rows"]] == ["3.3"] and data["query"] == "leads"


def test_ask_takes_an_unquoted_question(run):
    result = run("ask", "what", "does", "省商务厅", "lead?")
    assert result.exit_code == 0 and "实施服务对外开放标准化建设" in result.stdout


def test_an_unknown_question_exits_1_and_names_the_closest_forms(run):
    result = run("ask", "what does 省商务厅 supervise?")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: I do not understand 'what does 省商务厅 supervise?'")
    assert "省商务厅配合哪些任务？  /  what does 省商务厅 support?" in result.stderr


def test_output_goes_to_a_file_with_o(run, tmp_path):
    out = tmp_path / "commerce.json"
    result = run("leads", "省商务厅", "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["agency"]["name"] == "省商务厅"


@pytest.mark.parametrize("command", ["leads", "agency", "task", "agencies", "query", "ask"])
def test_every_command_help_has_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and f"Example: kg {command}" in result.output
    assert "--format [table|json|csv]" in result.output and "--graph" in result.output


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    """A folder holding ./kg-store, built from the bundled document as the quick start does."""
    folder = tmp_path_factory.mktemp("quickstart")
    kg.build(store=folder / "kg-store", out=folder / "kg-out")
    return folder


def test_without_options_the_store_here_answers_and_is_named(sample_store, graph_file, monkeypatch):
    monkeypatch.chdir(sample_store)
    result = CliRunner().invoke(cli, ["leads", "省商务厅", "--format", "json"])
    with_file = CliRunner().invoke(cli, ["leads", "省商务厅", "--format", "json", "--graph", graph_file])
    assert result.exit_code == 0 and result.stdout == with_file.stdout
    assert result.stderr == "# store kg-store: 1 document\n"
    assert with_file.stderr == f"# graph file {graph_file}: 1 document\n"


def test_kg_store_names_the_store_to_read(sample_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KG_STORE", str(sample_store / "kg-store"))
    result = CliRunner().invoke(cli, ["agencies", "--format", "csv"])
    assert result.exit_code == 0 and "省市场监管局" in result.stdout
    assert result.stderr == f"# store {sample_store / 'kg-store'}: 1 document\n"


def test_with_no_store_a_command_says_how_to_build_one(tmp_path, monkeypatch):
    """No hidden fallback: without a store the bundled document answers only with --sample."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["leads", "省商务厅"])
    line = _error_line(result)
    assert "no store at kg-store" in line and "kg build" in line and "--sample" in line
    sample = CliRunner().invoke(cli, ["leads", "省商务厅", "--sample", "--format", "json"])
    assert sample.exit_code == 0 and json.loads(sample.stdout)["counts"]["lead"] == 1
    assert sample.stderr.startswith("# the bundled sample")
    both = CliRunner().invoke(cli, ["leads", "省商务厅", "--sample", "--graph", "x.ttl"])
    assert both.exit_code == 1 and "not --graph and --sample" in both.stderr


def _readme_examples() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Asking questions", 1)[1].split("\n## ", 1)[0]
    return [
        (block.split("\n", 1)[0], block.split("\n", 1)[1].rstrip("\n"))
        for block in re.findall(r"```console\n\$ (.*?)```", section, re.S)
    ]


def test_the_readme_shows_five_questions_and_an_error():
    assert len(_readme_examples()) == 6


@pytest.mark.parametrize("command, expected", _readme_examples(), ids=lambda x: x[:30])
def test_the_readme_shows_real_output(command, expected, sample_store, monkeypatch):
    """Each README block is what the command prints after the quick start's `kg build` (a
    terminal shows standard error, such as the store line and `kg ask`'s query, first)."""
    monkeypatch.chdir(sample_store)
    line, _, head = command.partition(" | head -n ")
    result = CliRunner().invoke(cli, shlex.split(line)[1:])
    stdout = result.stdout.splitlines()
    shown = result.stderr.splitlines() + (stdout[: int(head)] if head else stdout)
    assert "\n".join(shown) == expected
