#!/usr/bin/env python3
"""How kg build and kg's questions scale with a corpus: 100, 1,000 (and 10,000) documents.

    python benchmarks/corpus.py                          # 100 and 1,000 documents, --jobs 2
    python benchmarks/corpus.py --sizes 100 1000 10000 --jobs 2 [--seed 1] [--work DIR]
    python benchmarks/corpus.py --sizes 1000 --build-only     # build, yardsticks, rebuild only

For each size, on a corpus written by ``benchmarks/generate.py``, in one run:

- the build (``kg.build`` on the list of ``*.txt`` files, into a fresh store, in a fresh
  process): wall and CPU seconds, documents/s, triples/s (quads in the store / wall), peak
  memory and the store's size on disk;
- the yardsticks: parsing the documents alone (``kg.parse`` in ``--jobs`` processes) and
  bulk-loading the store's own quads (dumped to N-Quads) into a fresh on-disk pyoxigraph
  store alone, and the ratio build / (parse + load);
- the latency of ``kg leads 山东省商务厅``, ``kg agency 山东省商务厅``, ``kg agencies`` and
  ``kg query tasks-without-lead``,
  in-process (the store opened once; best of 3 after a warm-up) and as a whole command (best
  of 3);
- an incremental rebuild after one word of one document changed, against building that
  document alone into a fresh store;
- ``kg --help``.

Every measured step runs in its own process, so one step's imports and memory do not weigh
on the next. The machine's cores and load average are printed with the figures, because wall
times on a shared machine depend on what else runs; CPU seconds do much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
AGENCY = "山东省商务厅"
REPEAT = 3

# Each snippet runs in a fresh interpreter and prints one JSON line last. Wall time is taken
# inside (after `import kg`), and the whole process's wall time outside, by the caller.
BUILD = """
import json, resource, sys, time
import kg
paths = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l]
wall, cpu = time.perf_counter(), time.process_time()
result = kg.build(paths, store=sys.argv[2], jobs=int(sys.argv[3]))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu_self": cpu, "cpu_kids": kids.ru_utime + kids.ru_stime,
                  "rss_self": me.ru_maxrss, "rss_kids": kids.ru_maxrss,
                  "built": len(result.summaries) - len(result.unchanged),
                  "unchanged": len(result.unchanged)}))
"""

PARSE = """
import concurrent.futures, json, multiprocessing, resource, sys, time
import kg

def tasks(path):
    return len(kg.parse(path).tasks())

paths = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l]
jobs = int(sys.argv[2])
wall = time.perf_counter()
if jobs <= 1:
    n = sum(map(tasks, paths))
else:
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
        n = sum(pool.map(tasks, paths, chunksize=max(1, min(16, len(paths) // (jobs * 4) or 1))))
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = time.process_time() + kids.ru_utime + kids.ru_stime
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": cpu, "tasks": n}))
"""

# Opens the store once, counts and dumps its quads, and times the three questions in-process
# (none with a repeat count of 0).
PROBE = """
import json, sys, time
import pyoxigraph as ox
import kg
store = kg.Store.open(sys.argv[1])
quads = len(store.inner)
store.inner.dump(sys.argv[2], format=ox.RdfFormat.N_QUADS)
questions = {} if sys.argv[4] == "0" else {
    "leads": lambda: kg.leads(store, sys.argv[3]),
    "agency": lambda: kg.agency(store, sys.argv[3]),
    "agencies": lambda: kg.agencies(store),
    "tasks-without-lead": lambda: kg.query(store, "tasks-without-lead"),
}
out = {"quads": quads, "documents": store.documents(), "latency": {}, "errors": {}}
for name, ask in questions.items():
    try:
        ask()
        times = []
        for _ in range(int(sys.argv[4])):
            t = time.perf_counter()
            ask()
            times.append(time.perf_counter() - t)
        out["latency"][name] = min(times)
    except Exception as e:
        out["errors"][name] = f"{type(e).__name__}: {e}"
print(json.dumps(out, ensure_ascii=False))
"""

LOAD = """
import json, sys, time
import pyoxigraph as ox
wall, cpu = time.perf_counter(), time.process_time()
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"wall": wall, "cpu": cpu, "quads": len(store)}))
"""

# A word the generator's phrase bank writes in every document, and its replacement.
WORD, OTHER = "推进", "推动"


def run(args: list[str]) -> tuple[dict, float]:
    """Run a snippet (or command) and return its last JSON line and the process's wall time."""
    t = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])}… failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def snippet(code: str, *argv: object) -> tuple[dict, float]:
    return run([sys.executable, "-c", code, *map(str, argv)])


def command(kg: str, *argv: str) -> tuple[float | None, str]:
    """Best wall time of REPEAT runs of ``kg ARGV`` (None and its error when it fails)."""
    best = None
    for _ in range(REPEAT):
        t = time.perf_counter()
        done = subprocess.run([kg, *argv], capture_output=True, text=True)
        wall = time.perf_counter() - t
        if done.returncode != 0:
            return None, (done.stderr.strip() or done.stdout.strip()).splitlines()[-1]
        best = wall if best is None else min(best, wall)
    return best, ""


def disk_usage(folder: Path) -> int:
    """Bytes the folder takes on disk, as du counts them (allocated blocks)."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_blocks * 512
    return total


def distinct(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The documents whose first line (the 文号) no earlier document has. The generator may
    give two documents of one issuer the same number (沪府发〔2023〕24号 twice at 1,000), and
    kg, which names a document by its issuer and number, refuses to build both, even with
    --keep-going; the later ones are left out, and counted in the table."""
    seen: set[str] = set()
    kept, dropped = [], []
    for p in paths:
        with p.open(encoding="utf-8") as f:
            first = f.readline().strip()
        if first in seen:
            dropped.append(p.name)
        else:
            seen.add(first)
            kept.append(p)
    return kept, dropped


def change_one_word(path: Path) -> None:
    """Replace the first WORD of the document's body by OTHER (one word, one document)."""
    text = path.read_text("utf-8")
    at = text.find(WORD, text.find("\n一、") if "\n一、" in text else 0)
    if at < 0:
        raise RuntimeError(f"{path}: no {WORD!r} to change")
    path.write_text(text[:at] + OTHER + text[at + len(WORD) :], "utf-8")


def measure(n: int, work: Path, jobs: int, seed: int, kg: str, questions: bool = True) -> dict:
    corpus, store = work / f"corpus-{n}", work / f"store-{n}"
    for p in (corpus, store, work / f"one-{n}", work / f"load-{n}"):
        shutil.rmtree(p, ignore_errors=True)
    subprocess.run(
        [sys.executable, str(GENERATE), str(corpus), "--docs", str(n), "--seed", str(seed)],
        check=True,
        capture_output=True,
    )
    paths, dropped = distinct(sorted(corpus.glob("*.txt")))
    listing = work / f"list-{n}.txt"
    listing.write_text("".join(f"{p}\n" for p in paths), "utf-8")
    r: dict = {"n": len(paths), "asked": n, "dropped": dropped, "bytes": sum(p.stat().st_size for p in paths)}

    r["build"], r["build_process"] = snippet(BUILD, listing, store, jobs)
    r["store_bytes"] = disk_usage(store)
    nquads = work / f"dump-{n}.nq"
    r["probe"], _ = snippet(PROBE, store, nquads, AGENCY, REPEAT if questions else 0)
    r["nquads_bytes"] = nquads.stat().st_size
    r["parse"], _ = snippet(PARSE, listing, jobs)
    r["load"], _ = snippet(LOAD, nquads, work / f"load-{n}")
    nquads.unlink()
    shutil.rmtree(work / f"load-{n}")

    s = str(store)
    r["commands"] = (
        {
            "leads": command(kg, "leads", AGENCY, "--store", s),
            "agency": command(kg, "agency", AGENCY, "--store", s),
            "agencies": command(kg, "agencies", "--store", s),
            "tasks-without-lead": command(kg, "query", "tasks-without-lead", "--store", s),
        }
        if questions
        else {}
    )

    changed = paths[0]
    change_one_word(changed)
    r["rebuild"], r["rebuild_process"] = snippet(BUILD, listing, store, jobs)
    one = work / f"one-{n}.txt"
    one.write_text(f"{changed}\n", "utf-8")
    r["one"], r["one_process"] = snippet(BUILD, one, work / f"one-{n}", jobs)
    shutil.rmtree(work / f"one-{n}")
    shutil.rmtree(store)
    shutil.rmtree(corpus)
    return r


def mb(kib_or_bytes: float, kib: bool = False) -> str:
    return f"{kib_or_bytes / 1024 if kib else kib_or_bytes / 2**20:,.0f}"


def ms(seconds: float | None) -> str:
    return "failed" if seconds is None else f"{1000 * seconds:,.0f}"


def report(rows: list[dict], jobs: int, help_wall: float | None) -> None:
    print(f"\nbuild (kg.build on the *.txt files, --jobs {jobs}, fresh store, fresh process)")
    print(
        f"{'docs':>7}{'MB in':>7}{'wall s':>9}{'process s':>11}{'cpu s':>8}{'docs/s':>8}{'quads':>11}"
        f"{'triples/s':>11}{'main MB':>9}{'worker MB':>11}{'store MB':>10}"
    )
    for r in rows:
        b, q = r["build"], r["probe"]["quads"]
        print(
            f"{r['n']:>7,}{mb(r['bytes']):>7}{b['wall']:>9.1f}{r['build_process']:>11.1f}"
            f"{b['cpu_self'] + b['cpu_kids']:>8.1f}{r['n'] / b['wall']:>8.1f}{q:>11,}{q / b['wall']:>11,.0f}"
            f"{mb(b['rss_self'], kib=True):>9}{mb(b['rss_kids'], kib=True):>11}{mb(r['store_bytes']):>10}"
        )
    print(
        "  wall s: the kg.build call; process s: the whole process (interpreter, imports); cpu s:\n"
        "  the build process and its workers; main MB / worker MB: peak RSS of the build process\n"
        "  and of the largest single worker (RUSAGE_CHILDREN's maxrss is one child's, not a sum)."
    )
    for r in rows:
        if r["dropped"]:
            print(
                f"  of {r['asked']:,} generated, {len(r['dropped'])} left out (a 文号 seen before): "
                + ", ".join(r["dropped"])
            )

    print("\nyardsticks (same corpus, same quads) — target build / (parse + load) ≤ 1.5")
    print(
        f"{'docs':>7}{'parse s':>9}{'cpu s':>7}{'N-Quads MB':>12}{'load s':>8}{'cpu s':>7}{'sum s':>8}"
        f"{'build s':>9}{'ratio':>7}"
    )
    for r in rows:
        p, ld, b = r["parse"]["wall"], r["load"]["wall"], r["build"]["wall"]
        print(
            f"{r['n']:>7,}{p:>9.1f}{r['parse'].get('cpu', 0):>7.1f}{mb(r['nquads_bytes']):>12}{ld:>8.1f}"
            f"{r['load'].get('cpu', 0):>7.1f}{p + ld:>8.1f}{b:>9.1f}{b / (p + ld):>7.2f}"
        )
    print(
        f"  parse: kg.parse on each file in {jobs} processes; load: pyoxigraph bulk_load of the\n"
        "  store's quads (Store.dump to N-Quads) into a fresh on-disk store; cpu s: of that step's\n"
        "  processes (pyoxigraph's loader threads count in it)."
    )

    names = ("leads", "agency", "agencies", "tasks-without-lead")
    if all(r["commands"] for r in rows):  # not with --build-only
        print(f"\nquestions, ms (in-process: store opened once, best of {REPEAT} after a warm-up;", end=" ")
        print(f"command: the whole process, best of {REPEAT})")
        print(f"{'docs':>7}" + "".join(f"{n + ' in':>22}{'cmd':>8}" for n in names))
        errors = []
        for r in rows:
            cells = []
            for name in names:
                inproc = r["probe"]["latency"].get(name)
                wall, err = r["commands"][name]
                cells.append(f"{ms(inproc):>22}{ms(wall):>8}")
                if name in r["probe"]["errors"]:
                    errors.append(f"  {r['n']:,} docs, {name} in-process: {r['probe']['errors'][name]}")
                if err:
                    errors.append(f"  {r['n']:,} docs, kg {name}: {err}")
            print(f"{r['n']:>7,}" + "".join(cells))
        print(f"  kg leads / kg agency {AGENCY} · kg agencies · kg query tasks-without-lead, --store")
        if errors:
            print("\n".join(errors))

    print("\nincremental: one word of one document changed, the whole corpus rebuilt — target < 2×")
    print(f"{'docs':>7}{'rebuild s':>11}{'process s':>11}{'rebuilt':>9}", end="")
    print(f"{'one doc s':>11}{'process s':>11}{'ratio':>7}")
    for r in rows:
        rb, one = r["rebuild"], r["one"]
        print(
            f"{r['n']:>7,}{rb['wall']:>11.2f}{r['rebuild_process']:>11.2f}{rb['built']:>9}"
            f"{one['wall']:>11.2f}{r['one_process']:>11.2f}{rb['wall'] / one['wall']:>7.2f}"
        )
    print("  one doc: the changed document built alone into a fresh store (kg.build call; process: whole)")

    print(f"\nkg --help: {ms(help_wall)} ms (best of {REPEAT}, whole command)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, help="folder for corpora and stores (default: a temporary one)")
    ap.add_argument("--json", type=Path, help="also write the raw figures there, after each size")
    ap.add_argument(
        "--build-only", action="store_true", help="leave out the questions (build, yardsticks, rebuild)"
    )
    ap.add_argument("--kg", default=str(Path(sys.executable).with_name("kg")), help="the kg command")
    args = ap.parse_args()
    if not Path(args.kg).exists() and shutil.which(args.kg) is None:
        sys.exit(f"Error: no kg command at {args.kg} (give --kg PATH)")
    load = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start; "
        f"python {sys.version.split()[0]}; --jobs {args.jobs}, --seed {args.seed}"
    )
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        rows = []
        for n in args.sizes:
            rows.append(measure(n, Path(tmp), args.jobs, args.seed, args.kg, not args.build_only))
            if args.json:
                args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", "utf-8")
            print(f"  {n:,} documents measured (load average now {os.getloadavg()[0]:.2f})", flush=True)
        help_wall, _ = command(args.kg, "--help")
    report(rows, args.jobs, help_wall)
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
