#!/usr/bin/env python3
"""How kg build grows with the input: time per task at 1k, 5k and 20k tasks, and a 10 MB document.

    python benchmarks/limits.py                 # 1000, 5000, 20000 tasks and 10 MB
    python benchmarks/limits.py --tasks 1000 2000 --bytes 0

Each document is built once, in a fresh process (so one size's memory does not slow the next),
with ``kg build`` into a temporary folder and a fresh store there (not ``./kg-store``, which would
hold the sizes built before and slow each build that follows). CPU seconds are printed beside
wall seconds and the load average because the machine may be shared; the growth rate is the CPU
time per task. Documents come from
``benchmarks/generate.py`` when it is there (realistic, varied clauses), else from repeating the
tasks of the bundled document.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"

BUILD = """
import json, resource, sys, time
import kg
wall, cpu = time.perf_counter(), time.process_time()
result = kg.build([sys.argv[1]], out=sys.argv[2], store=sys.argv[3], max_bytes=64 * 1024 * 1024)
child = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pages' child (kg.engine.beside)
print(json.dumps({"tasks": sum(s.tasks for s in result.summaries),
                  "wall": time.perf_counter() - wall,
                  "cpu": time.process_time() - cpu + child.ru_utime + child.ru_stime,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_mb": child.ru_maxrss / 1024}))
"""


def document(folder: Path, tasks: int | None = None, size: str | None = None) -> Path:
    """A document of about ``tasks`` tasks or ``size`` bytes, written under ``folder``."""
    out = folder / (f"tasks-{tasks}" if tasks else f"bytes-{size}")
    if GENERATE.exists():
        args = ["--tasks", str(tasks), "--one"] if tasks else ["--bytes", str(size)]
        subprocess.run([sys.executable, str(GENERATE), str(out), *args], check=True, capture_output=True)
        return next(p for p in sorted(out.iterdir()) if p.suffix == ".txt")
    return _repeated(out, tasks, _bytes(size) if size else None)


def _repeated(out: Path, tasks: int | None, size: int | None) -> Path:
    """The bundled document's tasks, renumbered, until the document has enough of them."""
    sys.path.insert(0, str(HERE.parent))
    import kg

    text = kg.bundled_document().read_text("utf-8")
    items = re.findall(r"^[（(][一二三四五六七八九十]+[）)](.*)$", text, flags=re.M)
    lines = ["鲁政发〔2022〕6号", "山东省人民政府关于贯彻落实《国家标准化发展纲要》的实施意见", ""]
    n = 0
    for section in range(1, 10**6):
        lines.append(f"{_numeral(section)}、第{section}部分")
        for k in range(1, 201):
            body = items[n % len(items)]
            lines.append(f"（{_numeral(k)}）{body}")
            n += 1
            if (tasks and n >= tasks) or (size and len("\n".join(lines).encode()) >= size):
                out.mkdir(parents=True, exist_ok=True)
                path = out / "doc.txt"
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                return path
    raise AssertionError("unreachable")


def _numeral(n: int) -> str:
    """1..999 in Chinese numerals as documents write them (十二, 二十, 一百零五)."""
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = digits[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (digits[ones] if ones else "")


def _bytes(size: str) -> int:
    units = {"K": 1024, "M": 1024 * 1024}
    return int(float(size[:-1]) * units[size[-1].upper()]) if size[-1].upper() in units else int(size)


def build(path: Path, folder: Path) -> dict:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            BUILD,
            str(path),
            str(folder / "out"),
            str(folder / f"store-{path.parent.name}"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return {**json.loads(run.stdout.strip().splitlines()[-1]), "load": os.getloadavg()[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, nargs="*", default=[1000, 5000, 20000])
    ap.add_argument("--bytes", default="10M", help="size of the large document (0: none)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = []
        for n in args.tasks:
            path = document(folder, tasks=n)
            rows.append((f"{n:,} tasks", path.stat().st_size, build(path, folder)))
        if args.bytes != "0":
            path = document(folder, size=args.bytes)
            rows.append((f"{args.bytes} document", path.stat().st_size, build(path, folder)))
    head = f"{'input':<16}{'bytes':>12}{'tasks':>8}{'wall s':>9}{'cpu s':>8}{'cpu ms/task':>13}"
    print(f"{head}{'peak MB':>9}{'child MB':>10}{'load':>7}")
    for label, size, r in rows:
        per = 1000 * r["cpu"] / r["tasks"] if r["tasks"] else float("nan")
        print(
            f"{label:<16}{size:>12,}{r['tasks']:>8,}{r['wall']:>9.1f}{r['cpu']:>8.1f}{per:>13.2f}"
            f"{r['rss_mb']:>9.0f}{r['child_mb']:>10.0f}{r['load']:>7.1f}"
        )
    print(f"{os.cpu_count()} cores; load: the 1-minute load average when each build ended")
    print("cpu s: the build's and its child's (the pages of a large build are made in a forked")
    print("child: kg.engine.beside); peak MB: the build's; child MB: the child's, most of it")
    print("pages it shares with the build (copy on write), so the two do not add up")


if __name__ == "__main__":
    main()
