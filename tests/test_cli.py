"""The command line: the same functions as the library, exit codes, and one-line errors."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def built(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    return tmp_path, result.output


def test_build_prints_the_summary_and_where_the_files_are(built):
    folder, output = built
    assert output.splitlines()[0] == "鲁政发〔2022〕6号 山东省人民政府 2022-04-15  [000_f665156fb817bb2f.txt]"
    assert "sections 7 · tasks 24 · agencies 40 (1 collective) · places 13 · targets 17" in output
    assert "responsibilities: lead 33 · support 47 · shared 41" in output
    assert "tasks without a lead: 8 (3.2, 5.4, 5.5, 6.1, 6.2, 6.4, 6.5, 6.6)" in output
    assert "agencies not in the gazetteer: 0" in output
    assert "line 6, column 44: damaged text '?!?'" in output
    assert "graph: kg-out/graph.ttl" in output
    assert (folder / "kg-out" / "graph.ttl").is_file()
    assert (folder / "kg-out" / "graph.trig").is_file()


def test_build_matches_the_library_function(built, tmp_path):
    folder, _ = built
    result = kg.build(out=tmp_path / "lib")
    lib = (tmp_path / "lib" / "graph.ttl").read_bytes()
    assert lib == (folder / "kg-out" / "graph.ttl").read_bytes()
    assert result.summaries[0].tasks == 24


def test_build_summary_as_json(runner, tmp_path):
    result = runner.invoke(cli, ["build", "-o", str(tmp_path / "o"), "--format", "json"])
    data = json.loads(result.output)
    assert data["documents"][0]["responsibilities"] == {"lead": 33, "support": 47, "shared": 41}
    assert data["files"]["graph"] == str(tmp_path / "o" / "graph.ttl")


def test_validate_accepts_a_built_graph(runner, built):
    folder, _ = built
    result = runner.invoke(cli, ["validate", str(folder / "kg-out" / "graph.ttl")])
    assert result.exit_code == 0
    assert result.output.endswith("conforms (0 violations)\n")


def test_validate_rejects_a_graph_that_breaks_the_shapes(runner, built):
    folder, _ = built
    ttl = (folder / "kg-out" / "graph.ttl").read_text(encoding="utf-8")
    broken = folder / "broken.ttl"
    broken.write_text(ttl.replace("kg:role kg:lead", "kg:role kg:support", 1), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "Error: the graph does not conform: " in result.output


def test_export_tasks_json(runner, built):
    folder, _ = built
    result = runner.invoke(
        cli, ["export", "--graph", str(folder / "kg-out" / "graph.ttl"), "--format", "tasks-json"]
    )
    tasks = json.loads(result.stdout)
    assert len(tasks) == 24
    t33 = next(t for t in tasks if t["path"] == "3.3")
    assert t33 == {
        "document": "鲁政发〔2022〕6号",
        "path": "3.3",
        "title": "实施服务对外开放标准化建设",
        "lead": ["省市场监管局", "省商务厅"],
        "support": ["省政府有关部门", "青岛市政府"],
        "shared": [],
        "open": False,
        "deadline": None,
        "places": ["青岛市"],
        "targets": [],
    }


@pytest.mark.parametrize("fmt", kg.EXPORT_FORMATS)
def test_every_export_format_is_deterministic(runner, built, fmt):
    folder, _ = built
    args = ["export", "--graph", str(folder / "kg-out" / "graph.ttl"), "--format", fmt]
    first, second = runner.invoke(cli, args), runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert first.output == second.output and len(first.output) > 1000


def test_parse_json_prints_the_document_tree(runner, seed_path):
    result = runner.invoke(cli, ["parse", str(seed_path), "--json"])
    tree = json.loads(result.output)
    assert tree["type"] == "document" and tree["identifier"] == "鲁政发〔2022〕6号"
    assert [s["path"] for s in tree["sections"]] == ["1", "2", "3", "4", "5", "6", "7"]
    assert kg.Document.from_dict(tree).tasks()[0].path == "2.1"


def test_parse_outline(runner, seed_path):
    result = runner.invoke(cli, ["parse", str(seed_path)])
    line = (
        "  3.3 实施服务对外开放标准化建设  [牵头：省市场监管局、省商务厅；配合：省政府有关部门、青岛市政府]"
    )
    assert line in result.output.splitlines()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (codecs.BOM_UTF8 + b"\n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "a PNG image, not a document"),
        (b"\x7fELF\x02\x01" + bytes(range(256)) * 8, "looks like a binary file"),
        ("一、总则\n本办法自发布之日起施行。\n".encode(), "no numbered tasks"),
        (
            "一、任务\n（一）加强领导。\n（二）完善机制。\n".encode("gb18030"),
            "2 numbered items but no responsibility clause",
        ),
    ],
    ids=["empty", "bom-only", "image", "binary", "no-tasks", "no-clauses"],
)
def test_bad_input_exits_1_with_one_clear_line_and_writes_nothing(runner, tmp_path, content, message):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(content)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(doc), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert message in result.output
    assert not out.exists()
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_missing_file_is_one_line(runner, tmp_path):
    result = runner.invoke(cli, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nope.txt'}: no such file\n"


def test_keep_going_skips_bad_documents(runner, tmp_path, seed_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(
        cli, ["build", str(seed_path), str(empty), "-o", str(tmp_path / "o"), "--keep-going"]
    )
    assert result.exit_code == 0
    assert "skipped: " + str(empty.name) in result.output or "empty.txt: the file is empty" in result.output


def test_usage_errors_exit_2(runner):
    result = runner.invoke(cli, ["export", "--format", "pdf"])
    assert result.exit_code == 2


def test_every_command_has_an_example_in_its_help(runner):
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name


def test_the_readme_shows_the_real_build_output(runner):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```console\n$ kg build\n", 1)[1].split("```", 1)[0]
    result = runner.invoke(cli, ["build"])
    assert result.output == shown


def test_build_graph_script_builds_the_bundled_document(tmp_path):
    import subprocess
    import sys

    script = Path(__file__).parent.parent / "build_graph.py"
    done = subprocess.run(
        [sys.executable, str(script), "-o", str(tmp_path / "g")], capture_output=True, text=True, check=True
    )
    assert "sections 7 · tasks 24" in done.stdout
    assert (tmp_path / "g" / "graph.ttl").read_bytes() == (
        kg.build(out=tmp_path / "h").files["graph"]
    ).read_bytes()
