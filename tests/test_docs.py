"""The documentation keeps up with the code: docs/cli.md is regenerated from --help by cog, the
README's commands are the ones CI runs, and what kg and its tests import is declared."""

from __future__ import annotations

import ast
import configparser
import os
import re
import subprocess
import sys
from importlib.metadata import packages_distributions
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


DEBIAN = ("chromium", "fonts-noto-cjk", "tesseract-ocr", "tesseract-ocr-chi-sim")


def test_ci_runs_the_readme_test_command_and_installs_the_debian_packages_it_names():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in run
    assert "apt-get update" in run
    for package in DEBIAN:
        assert f"`{package}`" in readme and re.search(rf"\s{re.escape(package)}(\s|$)", run), package


def _ci_with(tmp_path: Path, failing: str | None) -> tuple[int, list[str]]:
    """Run .ci/run with stand-ins for apt-get, sudo and python3 that log each call and fail on
    ``failing`` (a python3 module such as "pip"): which steps ran, and the exit status."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "apt-get $*" >> {log}\n')
    (bin_dir / "sudo").write_text('#!/bin/sh\nexec "$@"\n')  # as a user, apt-get runs under sudo
    fail = f'[ "$2" = "{failing}" ] && exit 3\n' if failing else ""
    (bin_dir / "python3").write_text(f'#!/bin/sh\necho "python3 $*" >> {log}\n{fail}exit 0\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", str(ROOT / ".ci" / "run")], env=env, capture_output=True, text=True)
    calls = log.read_text().splitlines() if log.exists() else []
    return done.returncode, [c for c in calls if c.startswith("python3")]


def test_ci_fails_when_the_install_fails_and_runs_nothing_after_it(tmp_path):
    status, calls = _ci_with(tmp_path, failing="pip")
    assert status == 3
    assert calls == ["python3 -m pip install -e .[test]"]


def test_ci_fails_when_the_tests_fail_and_runs_no_check_after_them(tmp_path):
    status, calls = _ci_with(tmp_path, failing="pytest")
    assert status == 3
    assert calls == ["python3 -m pip install -e .[test]", "python3 -m pytest"]


def test_ci_runs_install_tests_and_every_check_in_order(tmp_path):
    status, calls = _ci_with(tmp_path, failing=None)
    assert status == 0
    assert calls == [
        "python3 -m pip install -e .[test]",
        "python3 -m pytest",
        "python3 -m ruff check .",
        "python3 -m ruff format --check .",
        "python3 -m mypy kg",
    ]


def _requirements(lines: str) -> set[str]:
    """The distributions a setup.cfg list names (``dask[distributed]`` names both)."""
    names = set()
    for line in lines.splitlines():
        found = re.match(r"\s*([A-Za-z0-9_.-]+)(?:\[([^\]]*)\])?", line)
        if found and found.group(1):
            names.add(found.group(1))
            names.update(x.strip() for x in (found.group(2) or "").split(",") if x.strip())
    return {_canonical(n) for n in names}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported(folder: Path) -> dict[str, str]:
    """Top-level modules imported anywhere under ``folder`` (not the standard library, not
    relative imports), each with one file that imports it."""
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "__future__":
                    out.setdefault(top, str(path.relative_to(ROOT)))
    return out


@pytest.mark.parametrize("folder", ["kg", "tests"])
def test_every_package_imported_is_declared_in_setup_cfg(folder):
    """A package that is only there because another one pulls it in breaks when that one
    stops pulling it in: what kg imports is in install_requires (or an extra, for an optional
    feature), and what the tests import is there or in the test extra."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    extras = {name: _requirements(v) for name, v in cfg["options.extras_require"].items()}
    declared = _requirements(cfg["options"]["install_requires"])
    declared |= (
        set().union(*extras.values())
        if folder == "tests"
        else set().union(*(v for k, v in extras.items() if k != "test"))
    )
    local = {p.stem for p in ROOT.rglob("*.py")} | {p.name for p in ROOT.iterdir() if p.is_dir()}
    dists = packages_distributions()
    missing = []
    for module, where in _imported(ROOT / folder).items():
        if module in dists:
            if module != "kg" and not {_canonical(d) for d in dists[module]} & declared:
                missing.append(f"{module} ({'/'.join(dists[module])}), imported in {where}")
        elif module not in local:
            missing.append(f"{module}, imported in {where}, is not installed")
    assert not missing, "declare in setup.cfg: " + "; ".join(missing)


def test_ci_runs_the_checks_the_readme_names_and_stops_at_the_first_failure():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    checks = ["python3 -m ruff check .", "python3 -m ruff format --check .", "python3 -m mypy kg"]
    assert all(c in readme and c in run.splitlines() for c in checks)
    assert "set -euo pipefail" in run
