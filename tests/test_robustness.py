"""Hostile and unlucky users: every command, every bad destination or input, one `Error:` line,
no traceback, and the disk as it was; interrupted builds leave the old set or the new one."""

from __future__ import annotations

import importlib
import io
import os
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg import output
from kg.cli import cli
from tests.test_output import snapshot

BAD_NAME = os.fsdecode(b"\xff\xfe")
BUILD = importlib.import_module("kg.build")  # the module; ``kg.build`` is the function


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("graph")
    here = os.getcwd()
    os.chdir(folder)  # the build marker goes there, not into the checkout
    try:
        kg.build(out=folder / "kg-out", views=False)
    finally:
        os.chdir(here)
    return folder / "kg-out" / "graph.ttl"


def commands(graph: Path) -> dict[str, list[str]]:
    """Every command that writes a file, without its -o."""
    g = ["--graph", str(graph)]
    return {
        "export": ["export", *g, "--format", "turtle"],
        "export-csv": ["export", *g, "--format", "csv"],
        "viz": ["viz", *g],
        "matrix-csv": ["matrix", *g, "--format", "csv"],
        "matrix-xlsx": ["matrix", *g, "--format", "xlsx"],
        "report": ["report", *g],
        "leads": ["leads", "省商务厅", *g],
        "agency": ["agency", "省商务厅", *g],
        "task": ["task", "3.3", *g],
        "agencies": ["agencies", *g],
        "query": ["query", "leads", "--param", "agency=省商务厅", *g],
        "ask": ["ask", "省商务厅牵头哪些任务？", *g],
    }


FILE_DESTINATIONS = [
    "FILE/sub/out.x",
    "FILE/out.x",
    f"FILE/{BAD_NAME}",
    "DIR",
    "/proc/kg-out/out.x",
    "/sys/out.x",
    "FIFO",
    "/dev/full",
]
FOLDER_DESTINATIONS = ["FILE", "FILE/sub", f"FILE/{BAD_NAME}", "/proc/kg-out", "/sys/kg-out"]


def hostile_folder(root: Path) -> None:
    (root / "FILE").write_text("a file in the way")
    (root / "DIR").mkdir()
    (root / "DIR" / "inside.txt").write_text("kept")
    os.mkfifo(root / "FIFO")  # nobody reads it


def assert_one_error_line(result) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and result.output.rstrip("\n").endswith(errors[0]), result.output


@pytest.mark.parametrize("where", FILE_DESTINATIONS)
def test_every_command_refuses_a_bad_destination_in_one_line_and_changes_nothing(graph_file, tmp_path, where):
    hostile_folder(tmp_path)
    os.chdir(tmp_path)
    before = snapshot(tmp_path)
    runner = CliRunner()
    for name, args in commands(graph_file).items():
        result = runner.invoke(cli, [*args, "-o", where])
        assert_one_error_line(result)
        assert snapshot(tmp_path) == before, name
    assert stat.S_ISFIFO((tmp_path / "FIFO").lstat().st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


@pytest.mark.parametrize("where", FOLDER_DESTINATIONS)
def test_build_refuses_a_bad_destination_before_any_work(tmp_path, monkeypatch, where):
    hostile_folder(tmp_path)
    os.chdir(tmp_path)
    before = snapshot(tmp_path)
    monkeypatch.setattr(BUILD, "build_document", lambda *a, **k: pytest.fail("parsed before checking -o"))
    result = CliRunner().invoke(cli, ["build", "-o", where])
    assert_one_error_line(result)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("make", [lambda p: p.write_text("x"), lambda p: (p.mkdir(), (p / "mine").touch())])
def test_a_store_path_that_cannot_hold_a_store_fails_the_build_before_any_work(tmp_path, monkeypatch, make):
    os.chdir(tmp_path)
    make(tmp_path / "kg-store")
    before = snapshot(tmp_path)
    monkeypatch.setattr(
        BUILD, "build_document", lambda *a, **k: pytest.fail("parsed before checking the store")
    )
    result = CliRunner().invoke(cli, ["build", "-o", "out"])
    assert_one_error_line(result)
    assert "kg-store: " in result.output and "store" in result.output.split("kg-store: ", 1)[1]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: os.mkfifo(p), "is a FIFO, not a regular file"),
        (lambda p: p.write_bytes(bytes(range(0x80, 0x100)) * 3), "cannot tell the text encoding"),
        (lambda p: p.write_bytes(b"x" * 2000), "larger than the limit of 1,000 bytes"),
        (lambda p: None, "no such file"),
    ],
)
def test_bad_inputs_are_one_line_for_build_and_parse(tmp_path, make, says):
    os.chdir(tmp_path)
    doc = tmp_path / "doc.txt"
    make(doc)
    before = snapshot(tmp_path)
    for command in ("build", "parse"):
        result = CliRunner().invoke(cli, [command, str(doc), "--max-bytes", "1000"])
        assert_one_error_line(result)
        assert says in result.output
    assert snapshot(tmp_path) == before


def test_a_device_as_input_is_refused_not_read():
    result = CliRunner().invoke(cli, ["parse", "/dev/zero"])
    assert_one_error_line(result)
    assert "/dev/zero: is a device" in result.output


def test_a_graph_file_that_does_not_parse_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix x: <http://x/> .\nx:a x:b "open string .\nx:c x:d x:e .\n')
    for args in (
        ["validate", str(bad)],
        ["export", "--graph", str(bad)],
        ["leads", "x", "--graph", str(bad)],
    ):
        result = CliRunner().invoke(cli, args)
        assert_one_error_line(result)
        assert "bad.ttl: not a valid turtle graph (BadSyntax" in result.output


@pytest.mark.parametrize(
    "base", ["not an iri { }", "http://x/> <http://evil/", "https://x/no-end", "relative/"]
)
def test_a_base_that_is_not_an_absolute_iri_ending_in_a_slash_or_hash_is_refused(tmp_path, base):
    os.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--base", base])
    assert_one_error_line(result)
    assert "is not an absolute IRI ending in / or #" in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("iri", ["http://x/> <http://evil/", "not an iri { }", "relative/x"])
def test_the_shapes_refuse_a_node_iri_that_is_not_a_valid_absolute_iri(seed_graph, iri):
    from rdflib import RDF, Graph, URIRef

    from kg.graph.validate import check

    g = Graph()
    g += seed_graph
    g.add((URIRef(iri), RDF.type, kg.KG.Agency))
    result = check(g)
    assert not result.conforms
    assert f"{iri} is not a valid absolute IRI" in result.report


def test_dash_writes_every_output_to_standard_output(graph_file, tmp_path):
    os.chdir(tmp_path)
    runner = CliRunner()
    for name, args in commands(graph_file).items():
        result = runner.invoke(cli, [*args, "-o", "-"])
        assert result.exit_code == 0, (name, result.output)
        assert "wrote" not in result.output and result.stdout_bytes, name
    assert not list(tmp_path.iterdir())


def test_a_symlinked_output_is_written_through(graph_file, tmp_path):
    os.chdir(tmp_path)
    (tmp_path / "real.html").write_text("old")
    (tmp_path / "link.html").symlink_to("real.html")
    assert CliRunner().invoke(cli, ["viz", "--graph", str(graph_file), "-o", "link.html"]).exit_code == 0
    assert (tmp_path / "link.html").is_symlink()
    assert (tmp_path / "real.html").read_text().startswith("<!DOCTYPE html>")


# ---- formula injection -------------------------------------------------------------------

INJECTED = """鲁政发〔2022〕6号
山东省人民政府关于测试的实施意见
一、总体要求
（一）加强领导。（=1+1局牵头，@A1局配合）
（二）做好宣传。（省商务厅牵头）
"""


@pytest.fixture(scope="module")
def injected_graph():
    return kg.to_graph([kg.parse_text(INJECTED, source="injected.txt")])


def test_an_agency_that_begins_like_a_formula_is_text_in_every_csv(injected_graph):
    texts = [
        kg.matrix(injected_graph, format="csv"),
        kg.export(injected_graph, format="csv"),
        kg.render(kg.agencies(injected_graph), "csv"),
    ]
    for text in texts:
        assert "'=1+1局" in text and "'@A1局" in text
        assert "\n=" not in text and ",=" not in text and ",@" not in text


def test_an_agency_that_begins_like_a_formula_is_a_text_cell_in_the_xlsx(injected_graph):
    from openpyxl import load_workbook

    data = kg.matrix(injected_graph, format="xlsx")
    ws = load_workbook(io.BytesIO(data)).active
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells["=1+1局"] == "s" and cells["@A1局"] == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere in the sheet


# ---- interrupted builds ------------------------------------------------------------------


def test_a_build_stopped_at_any_write_step_leaves_the_old_set(tmp_path, tmp_path_factory, monkeypatch):
    """Every temporary, backup and rename of a real build, stopped with an exception."""
    os.chdir(tmp_path)
    out = tmp_path / "kg-out"
    store = tmp_path_factory.mktemp("elsewhere") / "kg-store"
    kg.build(out=out, views=False, store=store)
    steps: list[str] = []
    monkeypatch.setattr(output, "_step", steps.append)
    kg.build(out=out, views=False, store=store)  # the steps of replacing a set
    assert len(steps) >= 10 and sum(s.startswith("backup ") for s in steps) == 2
    for p in out.iterdir():
        p.write_text("old " + p.name)
    before = snapshot(tmp_path)

    class Stop(Exception):
        pass

    for step in steps:

        def stop(name: str, at: str = step) -> None:
            if name == at:
                raise Stop(name)

        monkeypatch.setattr(output, "_step", stop)
        with pytest.raises(Stop):
            kg.build(out=out, views=False, store=store)
        assert snapshot(tmp_path) == before, step


def test_a_build_into_a_folder_whose_name_is_not_utf8_is_written_and_a_store_there_refused_in_one_line(
    tmp_path,
):
    os.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "-o", BAD_NAME])
    assert result.exit_code == 0, result.output
    assert "\\xff\\xfe/graph.ttl" in result.output
    assert CliRunner().invoke(cli, ["leads", "省商务厅", "--graph", BAD_NAME + "/graph.ttl"]).exit_code == 0
    before = snapshot(tmp_path)
    refused = CliRunner().invoke(cli, ["build", "--store", BAD_NAME + "-store"])
    assert_one_error_line(refused)
    assert "\\xff\\xfe-store: a store's path must be valid UTF-8" in refused.output
    assert snapshot(tmp_path) == before
