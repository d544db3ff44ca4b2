"""kg.output: every output set is written whole or not at all, wherever it is asked to go."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from kg import output
from kg.errors import OutputError
from kg.output import write_file, write_files

OLD = {
    "graph.ttl": "old graph\n",
    "graph.trig": "old trig\n",
    "map.html": "old map\n",
    "report.html": "old report\n",
}
NEW = {
    "graph.ttl": "new graph\n",
    "graph.trig": "new trig\n",
    "map.html": "new map\n",
    "report.html": "new report\n",
}


def snapshot(root: Path) -> dict[str, tuple[str, str | None]]:
    """Every entry under ``root``: its kind and, for a file, its content."""
    out: dict[str, tuple[str, str | None]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = os.fsdecode(p.relative_to(root))
            st = p.lstat()
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(p))
            elif stat.S_ISREG(st.st_mode):
                out[rel] = ("file", p.read_bytes().decode("utf-8", "replace"))
            else:
                out[rel] = (stat.filemode(st.st_mode)[0], None)
    return out


def contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


def test_a_set_is_written_and_replaces_the_old_one(tmp_path):
    out = tmp_path / "out" / "deeper"
    write_files({out / k: v for k, v in OLD.items()})
    write_files({out / k: v for k, v in NEW.items()})
    assert contents(out) == NEW


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    old = tmp_path / "kept.txt"
    old.write_text("x")
    old.chmod(0o640)
    write_file(old, "y")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    mask = os.umask(0o022)
    try:
        write_file(tmp_path / "new.txt", "z")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "where, says",
    [
        ("FILE/sub/graph.ttl", "FILE is a file, not a folder"),
        ("FILE/graph.ttl", "FILE is a file, not a folder"),
        ("DIR", "DIR: it is a folder"),
        ("/proc/kg-out/graph.ttl", "cannot write /proc/kg-out/graph.ttl: /proc:"),
        ("/sys/kg.csv", "cannot write /sys/kg.csv: /sys:"),
    ],
)
def test_a_bad_destination_is_one_line_and_changes_nothing(tmp_path, where, says):
    (tmp_path / "FILE").write_text("a file")
    (tmp_path / "DIR").mkdir()
    (tmp_path / "keep.ttl").write_text("old")
    before = snapshot(tmp_path)
    target = where if where.startswith("/") else str(tmp_path / where)
    with pytest.raises(OutputError) as e:
        write_files({Path(target): "new", tmp_path / "keep.ttl": "new"})
    assert says in str(e.value) and "\n" not in str(e.value)
    assert snapshot(tmp_path) == before


def test_a_file_name_that_is_not_utf8_is_written_and_named_in_messages(tmp_path):
    name = os.fsdecode(b"\xff\xfe-out")
    write_file(tmp_path / name / "graph.ttl", "g")
    assert (tmp_path / name / "graph.ttl").read_text() == "g"
    (tmp_path / "plain").write_text("a file")
    with pytest.raises(OutputError) as e:
        write_file(tmp_path / "plain" / name, "g")
    assert "\\xff\\xfe-out" in str(e.value)
    str(e.value).encode("utf-8")  # printable: no lone surrogate reaches the terminal


def test_text_that_utf8_cannot_encode_is_refused_before_writing(tmp_path):
    with pytest.raises(OutputError, match="UTF-8 cannot encode"):
        write_file(tmp_path / "x.txt", "bad \ud800 text")
    assert not list(tmp_path.iterdir())


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_file(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    dangling = tmp_path / "dangling.ttl"
    dangling.symlink_to(tmp_path / "made" / "here.ttl")
    write_file(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "made" / "here.ttl").read_text() == "made"


def test_a_fifo_with_a_reader_is_written_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    for _ in range(200):  # the reader must have the FIFO open before we write
        if any(os.path.realpath(f"/proc/self/fd/{fd}") == str(fifo) for fd in os.listdir("/proc/self/fd")):
            break
        threading.Event().wait(0.01)
    write_file(fifo, "through the pipe")
    reader.join(5)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_without_a_reader_is_refused_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="pipe: no such device or address"):
        write_file(fifo, "nobody reads")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_devices_are_written_in_place_never_replaced():
    write_file("/dev/null", "gone")
    with pytest.raises(OutputError, match="/dev/full: no space left on device"):
        write_file("/dev/full", "too much")
    for dev in ("/dev/null", "/dev/full"):
        assert stat.S_ISCHR(os.lstat(dev).st_mode)


def test_dash_is_standard_output(capfdbinary):
    write_file("-", "到标准输出\n")
    write_file("-", b"\x00bytes")
    assert capfdbinary.readouterr().out == "到标准输出\n".encode() + b"\x00bytes"


# ---- fault injection ---------------------------------------------------------------------


def _steps(tmp_path: Path) -> list[str]:
    """The write steps of replacing OLD by NEW (one new file among them)."""
    seen: list[str] = []
    folder = tmp_path / "probe"
    write_files({folder / k: v for k, v in list(OLD.items())[:-1]})
    original = output._step
    output._step = seen.append
    try:
        write_files({folder / k: v for k, v in NEW.items()})
    finally:
        output._step = original
    return seen


def test_the_steps_cover_every_temporary_backup_and_rename(tmp_path):
    steps = _steps(tmp_path)
    for name in NEW:
        for kind in ("temp", "write", "fsync", "written", "rename", "renamed"):
            assert any(s.startswith(kind + " ") and s.endswith(name) for s in steps), (kind, name)
    assert sum(s.startswith("backup ") for s in steps) == 3  # report.html is new


class Stop(Exception):
    pass


@pytest.mark.parametrize("failing", ["exception", "oserror"])
def test_a_write_stopped_at_any_step_leaves_the_old_set_and_no_temporary(tmp_path, monkeypatch, failing):
    steps = _steps(tmp_path)
    for i, step in enumerate(steps):
        folder = tmp_path / f"case{i}"
        write_files({folder / k: v for k, v in list(OLD.items())[:-1]})
        before = contents(folder)

        def stop(name: str, at: str = step) -> None:
            if name == at:
                raise Stop(name) if failing == "exception" else OSError(5, "Input/output error")

        monkeypatch.setattr(output, "_step", stop)
        with pytest.raises(Stop if failing == "exception" else OutputError):
            write_files({folder / k: v for k, v in NEW.items()})
        monkeypatch.setattr(output, "_step", lambda name: None)
        assert contents(folder) == before, step


def test_a_new_folder_is_removed_when_its_write_fails(tmp_path, monkeypatch):
    def stop(name: str) -> None:
        if name.startswith("rename "):
            raise Stop(name)

    monkeypatch.setattr(output, "_step", stop)
    with pytest.raises(Stop):
        write_files({tmp_path / "a" / "b" / k: v for k, v in NEW.items()})
    assert not list(tmp_path.iterdir())


SIGINT_SCRIPT = textwrap.dedent("""
    import json, os, signal, sys
    from pathlib import Path
    from kg import output
    old, new, steps, root = json.loads(sys.argv[1])
    for i, step in enumerate(steps):
        folder = Path(root) / f"case{i}"
        output.write_files({folder / k: v for k, v in old.items()})
        output._step = lambda name, at=step: name == at and os.kill(os.getpid(), signal.SIGINT)
        try:
            output.write_files({folder / k: v for k, v in new.items()})
            interrupted = False
        except KeyboardInterrupt:
            interrupted = True
        output._step = lambda name: None
        names = sorted(os.listdir(folder))
        print(json.dumps({"step": step, "interrupted": interrupted, "names": names,
                          "files": {n: (folder / n).read_text() for n in names}}))
""")


def test_sigint_at_any_step_leaves_the_old_or_the_new_set_and_no_temporary(tmp_path):
    steps = _steps(tmp_path)
    old = dict(list(OLD.items())[:-1])
    run = subprocess.run(
        [sys.executable, "-c", SIGINT_SCRIPT, json.dumps([old, NEW, steps, str(tmp_path / "sig")])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == len(steps)
    outcomes = set()
    for r in results:
        assert r["interrupted"], r["step"]  # Ctrl-C is never swallowed, only held back
        assert r["files"] in (old, NEW), r
        outcomes.add("new" if r["files"] == NEW else "old")
    assert outcomes == {"old", "new"}  # before the commit: old; once it started: new


# ---- spreadsheets ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1局", "+86", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_a_text_that_begins_like_a_formula_is_made_text(value):
    assert output.spreadsheet_text(value) == "'" + value
    assert output.csv_text([[value, 3, -2]]).startswith("'")


def test_plain_texts_and_numbers_are_left_alone():
    assert output.csv_text([["省商务厅", -2, 1.5, "a=b"]]) == "省商务厅,-2,1.5,a=b\n"


def test_an_xlsx_cell_that_begins_like_a_formula_holds_the_text(tmp_path):
    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    output.set_cell(wb.active.cell(1, 1), "=1+1局")
    output.set_cell(wb.active.cell(1, 2), 5)
    wb.save(tmp_path / "x.xlsx")
    ws = load_workbook(tmp_path / "x.xlsx").active
    assert ws.cell(1, 1).value == "=1+1局" and ws.cell(1, 1).data_type == "s"
    assert ws.cell(1, 2).value == 5
