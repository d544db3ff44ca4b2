"""The documentation keeps up with the code: docs/cli.md is regenerated from --help by cog."""

from __future__ import annotations

from pathlib import Path

import pytest
from cogapp import Cog

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current():
    cog = Cog()
    status = cog.main(["cog", "--check", str(ROOT / "docs" / "cli.md")])
    assert status == 0, "docs/cli.md is out of date: run `cog -r docs/cli.md`"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented(name):
    assert f"## kg {name}\n" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_of_a_fresh_machine():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 -m pip install . && kg build" in readme
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in readme


def test_ci_runs_the_readme_test_command():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in run
    assert "apt-get update" in run and "chromium" in run and "fonts-noto-cjk" in run


def test_ci_runs_the_checks_the_readme_names_and_stops_at_the_first_failure():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    checks = ["python3 -m ruff check .", "python3 -m ruff format --check .", "python3 -m mypy kg"]
    assert all(c in readme and c in run.splitlines() for c in checks)
    assert "set -euo pipefail" in run
