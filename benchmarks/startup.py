#!/usr/bin/env python3
"""How long kg takes to start: ``kg --help``, ``import kg`` and the imports of a ``kg build``.

    python benchmarks/startup.py            # best of 5
    python benchmarks/startup.py --runs 9

Each figure is the wall time of a fresh process, the best of ``--runs`` (the least disturbed by
the other work of a shared machine), beside its CPU time (user + system, less sensitive to the
load). ``kg build`` imports are measured in two steps: one build of
the bundled document records the modules it has loaded at its end, then a fresh process imports
just those; that process's time, less a bare ``python -c pass``, is what a build pays for its
imports, beside the wall time of the whole one-document build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
KG = shutil.which("kg", path=str(Path(PYTHON).parent)) or shutil.which("kg")

# One build of the bundled document, then the names of the modules it loaded (kg's own left out:
# the import process imports them through kg.cli and kg.build).
MODULES_OF_A_BUILD = """
import json, sys
from kg.cli import cli
try:
    cli(["build", "-o", sys.argv[1]], prog_name="kg")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if "." not in m and not m.startswith("_"))))
"""


def best(argv: list[str], runs: int) -> tuple[float, float]:
    """The least wall time and the least CPU time (user + system), in seconds, of ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [PYTHON, "-c", MODULES_OF_A_BUILD, str(Path(tmp) / "out")],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp,
        ).stdout
        modules = json.loads(out.splitlines()[-1])
        imports = "import importlib, kg.cli, kg.build\n" + "".join(
            f"try:\n    importlib.import_module({m!r})\nexcept ImportError:\n    pass\n" for m in modules
        )
        rows = [
            ("python -c pass", [PYTHON, "-c", "pass"]),
            ("kg --help", [KG or "kg", "--help"]),
            ("python -m kg --help", [PYTHON, "-m", "kg", "--help"]),
            ('python -c "import kg"', [PYTHON, "-c", "import kg"]),
            ('python -c "import kg.cli"', [PYTHON, "-c", "import kg.cli"]),
            ("kg build: its imports", [PYTHON, "-c", imports]),
            ("kg build: one document", [PYTHON, "-m", "kg", "build", "-o", str(Path(tmp) / "b")]),
        ]
        figures = {label: best(argv, args.runs) for label, argv in rows}
    bare = figures["python -c pass"][0]
    print(
        f"best of {args.runs} runs, seconds; {len(modules)} top-level modules in a build;"
        f" load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'':<26} {'wall':>7} {'cpu':>7}  wall over python -c pass")
    for label, (wall, cpu) in figures.items():
        print(f"{label:<26} {wall:7.3f} {cpu:7.3f}  {wall - bare:+.3f}")


if __name__ == "__main__":
    main()
