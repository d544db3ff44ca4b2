#!/usr/bin/env python3
"""Check generated documents against the real parser: recall and precision of
(task path, role, agency short name) between ``kg parse DOC --json`` and answers.jsonl.

    python benchmarks/generate.py /tmp/gen --docs 30
    python benchmarks/check_generated.py /tmp/gen [--kg PATH/TO/kg] [--jobs 2] [--show 40]

It reads kg only through its command line and the JSON tree of docs/tree.md, so it keeps
working while the package moves. A miss is a responsibility the answers give and kg lacks;
an extra is one kg gives and the answers lack.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

Triple = tuple[str, str, str]


def parsed_triples(tree: dict) -> set[Triple]:
    """Every (path, role, short name) of the tree's tasks, sub-tasks included."""
    agencies = tree.get("agencies", {})
    out: set[Triple] = set()

    def walk(task: dict) -> None:
        for clause in task.get("clauses", []):
            for r in clause.get("responsibilities", []):
                short = agencies.get(r["agency"], {}).get("short") or r.get("written", "")
                out.add((task["path"], r["role"], short))
        for child in task.get("children", []):
            walk(child)

    for section in tree.get("sections", []):
        for task in section.get("tasks", []):
            walk(task)
        if section.get("clauses"):  # a flat 工作要点 section that is its own task
            walk(section)
    return out


def tree_paths(tree: dict) -> set[str]:
    """Every task path of the tree, sub-tasks included."""
    out: set[str] = set()

    def walk(task: dict) -> None:
        out.add(task["path"])
        for child in task.get("children", []):
            walk(child)

    for section in tree.get("sections", []):
        for task in section.get("tasks", []):
            walk(task)
    return out


def expected_triples(answer: dict) -> set[Triple]:
    return {
        (path, role, short)
        for path, roles in answer["tasks"].items()
        for role, names in roles.items()
        for short in names
    }


def parse(kg: str, doc: Path) -> tuple[dict | None, str]:
    proc = subprocess.run([kg, "parse", str(doc), "--json"], capture_output=True, text=True)
    if proc.returncode != 0:
        return None, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
    return json.loads(proc.stdout), ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="a folder written by generate.py")
    ap.add_argument("--kg", default="kg", help="the kg command to run (default: kg on PATH)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=30, help="misses and extras to print")
    a = ap.parse_args(argv)
    answers = [
        json.loads(line) for line in (a.folder / "answers.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    with ThreadPoolExecutor(a.jobs) as pool:
        results = list(pool.map(lambda ans: parse(a.kg, a.folder / ans["file"]), answers))
    hits = expected = found = 0
    misses: list[tuple[str, Triple]] = []
    extras: list[tuple[str, Triple]] = []
    paths: Counter[str] = Counter()
    for ans, (tree, error) in zip(answers, results):
        want = expected_triples(ans)
        if tree is None:
            print(f"{ans['file']}: kg failed: {error}")
            expected += len(want)
            continue
        got = parsed_triples(tree)
        hits += len(want & got)
        expected += len(want)
        found += len(got)
        misses += [(ans["file"], t) for t in sorted(want - got)]
        extras += [(ans["file"], t) for t in sorted(got - want)]
        have = tree_paths(tree)
        paths["expected"] += len(ans["tasks"])
        paths["found"] += len(have)
        paths["matched"] += len(have & set(ans["tasks"]))
    recall = hits / expected if expected else 1.0
    precision = hits / found if found else 1.0
    print(f"documents {len(answers)} · responsibilities expected {expected} · found {found} · matched {hits}")
    print(f"recall {recall:.4f} · precision {precision:.4f}")
    print(f"task paths expected {paths['expected']} · found {paths['found']} · matched {paths['matched']}")
    for label, rows in (("missed", misses), ("extra", extras)):
        if rows:
            print(f"{label} ({len(rows)}):")
            for file, (path, role, short) in rows[: a.show]:
                print(f"  {file} {path} {role} {short}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
