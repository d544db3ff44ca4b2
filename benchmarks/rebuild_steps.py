"""Where a one-document rebuild of a corpus store spends its time, step by step (issue 9).

```console
$ python benchmarks/generate.py /tmp/c1000 --docs 1000 --seed 1
$ kg build /tmp/c1000 --store /tmp/s1000 --jobs 2 --keep-going
$ python benchmarks/rebuild_steps.py /tmp/c1000 /tmp/s1000 [--repeat 3]
```

Each round changes one word of the first document (its next ``推进`` → ``推动``),
rebuilds the whole folder into the store in this process, and prints the CPU seconds
(``time.process_time``) and wall seconds of each step of :func:`kg.build`, then the same
document built alone into a fresh store. The steps are timed by wrapping the functions
``kg.build`` calls, so the figures include nothing but those calls.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import kg
import kg.graph.store as store_module
from kg.graph.store import Store

kb = importlib.import_module("kg.build")  # the module: `kg.build` is also the function

WORD, OTHER = "推进", "推动"
STEPS = ("open", "entries", "_write", "link_store_citations", "describe_store", "flush", "header")


def flip(path: Path) -> None:
    """One word of the document's body changed: its next WORD → OTHER, else the first OTHER back."""
    text = path.read_text("utf-8")
    start = text.find("\n一、") if "\n一、" in text else 0
    at = text.find(WORD, start)
    if at >= 0:
        path.write_text(text[:at] + OTHER + text[at + len(WORD) :], "utf-8")
    else:
        at = text.find(OTHER, start)
        path.write_text(text[:at] + WORD + text[at + len(OTHER) :], "utf-8")


def distinct(paths: list[Path]) -> list[Path]:
    """The documents whose first line (the 文号) no earlier one has (as ``corpus.py`` keeps
    them): a document kg refuses as a repeat would be parsed again on every round."""
    seen: set[str] = set()
    kept = []
    for p in paths:
        with p.open(encoding="utf-8") as f:
            first = f.readline().strip()
        if first not in seen:
            seen.add(first)
            kept.append(p)
    return kept


def timed(spent: dict[str, list[float]], name: str, f):
    @functools.wraps(f)
    def inner(*args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return f(*args, **kwargs)
        finally:
            spent[name][0] += time.process_time() - cpu
            spent[name][1] += time.perf_counter() - wall

    return inner


def rebuild(paths: list[Path], store: Path, jobs: int) -> dict[str, list[float]]:
    """One build of ``paths`` into ``store`` with each step timed."""
    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    saved = {
        "open": Store.open,
        "entries": Store.entries,
        "flush": Store.flush,
        "header": Store.header,
        "_write": kb._write,
        "link_store_citations": kb.link_store_citations,
        "describe_store": kb.describe_store,
    }
    Store.open = classmethod(timed(spent, "open", Store.open.__func__))  # type: ignore[method-assign]
    for name in ("entries", "flush", "header"):
        setattr(Store, name, timed(spent, name, saved[name]))
    for name in ("_write", "link_store_citations", "describe_store"):
        setattr(kb, name, timed(spent, name, saved[name]))
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        kg.build(paths, store=store, jobs=jobs)
    finally:
        spent["total"] = [time.process_time() - cpu, time.perf_counter() - wall]
        Store.open = saved["open"]  # type: ignore[method-assign]
        for name in ("entries", "flush", "header"):
            setattr(Store, name, saved[name])
        for name in ("_write", "link_store_citations", "describe_store"):
            setattr(kb, name, saved[name])
        close()
    return spent


def close() -> None:
    """Close the stores this process opened, as the end of a ``kg build`` process does."""
    store_module._OPEN.clear()
    gc.collect()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("store", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    paths = distinct(sorted(args.corpus.glob("*.txt")))
    first = paths[0]
    rows: dict[str, list[list[float]]] = defaultdict(list)
    for _ in range(args.repeat):
        flip(first)
        for name, figures in rebuild(paths, args.store, args.jobs).items():
            rows[name].append(figures)
        with tempfile.TemporaryDirectory() as tmp:
            cpu, wall = time.process_time(), time.perf_counter()
            kg.build([first], store=Path(tmp) / "s", jobs=args.jobs)
            close()
            rows["one document alone"].append([time.process_time() - cpu, time.perf_counter() - wall])
            shutil.rmtree(Path(tmp) / "s")
    print(f"{len(paths)} documents; CPU s / wall s of each step, best of {args.repeat} (per round)")
    for name in (*STEPS, "total", "one document alone"):
        if name in rows:
            best = min(rows[name])
            each = "  ".join(f"{c:.3f}" for c, _ in rows[name])
            print(f"  {name:22} {best[0]:7.3f} / {best[1]:7.3f}   {each}")
    total = min(c for c, _ in rows["total"])
    one = min(c for c, _ in rows["one document alone"])
    print(f"rebuild / one document alone, CPU: {total:.3f} / {one:.3f} = {total / one:.2f}×")


if __name__ == "__main__":
    main()
