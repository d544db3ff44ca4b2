"""kg.engine.beside: one piece of a large build in a forked child, the same answer as in-process,
errors raised with their type, and no child left behind on any way out."""

from __future__ import annotations

import importlib
import os
import signal
import time
from pathlib import Path

import pytest

import kg
from kg.engine import beside, can_fork
from kg.errors import InputError

pytestmark = pytest.mark.skipif(not can_fork(), reason="beside forks only on Linux")
build_module = importlib.import_module("kg.build")  # kg.build is also the function


def _wait_for(path: Path) -> int:
    for _ in range(500):
        if path.exists() and path.read_text():
            return int(path.read_text())
        time.sleep(0.02)
    raise AssertionError(f"the child never wrote {path}")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_work_runs_in_a_child_and_its_value_comes_back():
    with beside(lambda: (os.getpid(), "value")) as value:
        pid, text = value()
    assert text == "value"
    assert pid != os.getpid()
    assert _gone(pid)


def test_the_value_is_asked_for_once_and_kept():
    with beside(lambda: os.getpid()) as value:
        first = value()
        assert value() == first != os.getpid()


def test_an_error_in_the_child_is_raised_in_the_caller_with_its_type():
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            raise InputError("made in the child")
        return "done here"

    with beside(work) as value, pytest.raises(InputError, match="made in the child"):
        value()


def test_a_child_that_dies_is_replaced_by_the_work_done_here():
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return os.getpid()

    with beside(work) as value:
        assert value() == parent


def test_a_value_that_does_not_pickle_is_made_again_here():
    def work():
        pid = os.getpid()
        return pid, lambda: pid

    with beside(work) as value:
        pid, made = value()
    assert pid == os.getpid() == made()


def test_ctrl_c_reaches_the_caller_not_the_child(tmp_path):
    marker = tmp_path / "pid"

    def work() -> int:
        marker.write_text(str(os.getpid()))
        time.sleep(1)
        return os.getpid()

    with beside(work) as value:
        child = _wait_for(marker)
        os.kill(child, signal.SIGINT)
        assert value() == child


def test_the_child_is_killed_and_reaped_when_the_caller_leaves_early(tmp_path):
    marker = tmp_path / "pid"

    def work() -> None:
        marker.write_text(str(os.getpid()))
        time.sleep(60)

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="the caller failed"), beside(work):
        child = _wait_for(marker)
        raise RuntimeError("the caller failed")
    assert _gone(child)
    assert time.monotonic() - started < 30


def test_without_fork_the_work_is_done_here_only_when_asked_for():
    calls: list[int] = []

    def work() -> int:
        calls.append(os.getpid())
        return os.getpid()

    with beside(work, fork=False) as value:
        assert calls == []
        assert value() == os.getpid()
    assert calls == [os.getpid()]


def _build(tmp: Path, name: str, fork_from: int, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setattr(build_module, "FORK_TRIPLES", fork_from)
    out = tmp / name
    kg.build([kg.bundled_document()], out=out, store=tmp / f"{name}-store")
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_pages_made_in_a_child_are_the_bytes_made_in_process(tmp_path, monkeypatch):
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        forks.append(1)
        return real_fork()

    here = _build(tmp_path, "here", 10**12, monkeypatch)
    monkeypatch.setattr(os, "fork", counted)
    child = _build(tmp_path, "child", 0, monkeypatch)
    assert forks == [1]
    assert sorted(here) == ["graph.trig", "graph.ttl", "map.html", "report.html"]
    assert here == child
