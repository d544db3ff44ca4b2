"""How the report and the matrix grow with a corpus: time, peak memory and bytes per view.

    python benchmarks/views.py --docs 100            # generate 100 documents, then measure
    python benchmarks/views.py /tmp/views1000        # a corpus generate.py wrote
    python benchmarks/views.py /tmp/views1000 --views report matrix.html --out /tmp/pages

The documents are parsed with ``kg.parse`` and joined with ``kg.to_graph`` once; then each
view is drawn in a forked child of that process, so every view starts from the same graph
and its peak memory is its own: the child's resident-set high-water mark
(``resource.getrusage``) less its resident set at the fork. Only kg's public functions are
called (``kg.report``, ``kg.matrix``), so the same script measures an older checkout:
``PYTHONPATH=/path/to/old/checkout python benchmarks/views.py …``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VIEWS = {
    "report": ("report.html", lambda g: __import__("kg").report(g)),
    "matrix.html": ("matrix.html", lambda g: __import__("kg").matrix(g, format="html")),
    "matrix.csv": ("matrix.csv", lambda g: __import__("kg").matrix(g, format="csv")),
    "matrix.xlsx": ("matrix.xlsx", lambda g: __import__("kg").matrix(g, format="xlsx")),
}


def _rss() -> int:
    """Resident set now, in bytes (Linux); 0 where /proc is missing."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _peak() -> int:
    """Resident-set high-water mark of this process, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def measure(name: str, graph, out: Path | None) -> dict:
    """Draw one view in a forked child; its wall and CPU seconds, peak memory and size."""
    filename, draw = VIEWS[name]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: draw, report, leave without cleaning up the parent's state
        os.close(read)
        start_rss = _rss()
        wall, cpu = time.perf_counter(), time.process_time()
        content = draw(graph)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        data = content.encode("utf-8") if isinstance(content, str) else content
        if out is not None:
            (out / filename).write_bytes(data)
        result = {"view": name, "wall": wall, "cpu": cpu, "peak": _peak() - start_rss, "bytes": len(data)}
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"view": name, "error": f"child ended with status {status}"}
    return json.loads(b"".join(chunks))


def load(corpus: Path) -> tuple[object, int, int, float]:
    """The graph of every .txt of ``corpus``; documents read, skipped and seconds taken."""
    import kg

    start = time.perf_counter()
    docs, skipped = [], 0
    for path in sorted(corpus.glob("*.txt")):
        try:
            docs.append(kg.parse(path))
        except kg.KgError:
            skipped += 1
    graph = kg.to_graph(docs)
    return graph, len(docs), skipped, time.perf_counter() - start


def _mb(n: int) -> str:
    return f"{n / 1e6:,.2f} MB"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="a folder of .txt documents (generate.py)")
    parser.add_argument("--docs", type=int, default=None, help="generate this many documents first")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--views", nargs="+", choices=list(VIEWS), default=["report", "matrix.html"])
    parser.add_argument("--out", type=Path, default=None, help="also write the pages here")
    args = parser.parse_args(argv)
    if args.corpus is None and args.docs is None:
        parser.error("give a corpus folder or --docs N")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp)
        if args.docs is not None:
            generate = [sys.executable, str(HERE / "generate.py"), str(corpus), "--docs", str(args.docs)]
            subprocess.run([*generate, "--seed", args.seed], check=True, stdout=subprocess.DEVNULL)
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
        graph, n, skipped, seconds = load(corpus)
        import kg

        print(f"kg {Path(kg.__file__).parent} · {corpus}")
        print(
            f"{n} document(s) ({skipped} skipped), {len(graph):,} triples, "
            f"parsed and joined in {seconds:.1f} s, process peak {_mb(_peak())}"
        )
        print(f"{'view':<12} {'wall s':>8} {'CPU s':>8} {'peak memory':>14} {'size':>14}")
        for name in args.views:
            r = measure(name, graph, args.out)
            if "error" in r:
                print(f"{name:<12} {r['error']}")
                continue
            print(f"{name:<12} {r['wall']:>8.2f} {r['cpu']:>8.2f} {_mb(r['peak']):>14} {_mb(r['bytes']):>14}")


if __name__ == "__main__":
    main()
