#!/usr/bin/env python3
"""How big the map is and how long chromium takes to draw it, for generated corpora.

    python benchmarks/maps.py                       # 100 and 1,000 documents
    python benchmarks/maps.py --docs 100 --views auto tasks agencies documents

For each corpus (``generate.py``, seed 1) the documents are parsed and joined into one graph
(``kg.parse`` + ``kg.to_graph``, not timed here: see limits.py), then each view of
``kg.viz`` is written and opened offline in headless chromium. Printed per view: nodes,
edges, labels drawn, the file's size, the seconds kg takes to build the page (CPU) and the
milliseconds from navigation start to vis-network's first drawing (``window.kgDrawnAt``).
Figures, not assertions: run it on a quiet machine and compare runs on the same one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import kg
from kg.views.viz import VIEWS

HERE = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def corpus_graph(work: Path, docs: int):
    folder = work / f"docs{docs}"
    if not (folder / "answers.jsonl").is_file():
        generate = [sys.executable, str(HERE / "generate.py"), str(folder), "--docs", str(docs)]
        subprocess.run(generate, check=True)
    paths = sorted(folder.glob("doc*.txt"))[:docs]
    start = time.process_time()
    graph = kg.to_graph([kg.parse(p) for p in paths])
    print(f"{docs} documents parsed and joined in {time.process_time() - start:.1f} s CPU", flush=True)
    return graph


def draw_ms(browser, path: Path, timeout_ms: int) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page.goto(path.as_uri(), timeout=timeout_ms)
    page.wait_for_selector("body[data-kg-drawn='1']", state="attached", timeout=timeout_ms)
    ms = float(page.evaluate("() => window.kgDrawnAt"))
    context.close()
    return ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--views", nargs="+", default=["auto", "tasks"], choices=VIEWS)
    ap.add_argument("--work", type=Path, default=None, help="corpora and pages (default: temporary)")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--timeout", type=float, default=600, help="seconds chromium may take per page")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
            for docs in args.docs:
                graph = corpus_graph(work, docs)
                for view in args.views:
                    start = time.process_time()
                    html = kg.viz(graph, view=view)
                    build = time.process_time() - start
                    path = work / f"map{docs}-{view}.html"
                    path.write_text(html, encoding="utf-8")
                    data = json.loads(html.split('id="kg-network-data">', 1)[1].split("</script>", 1)[0])
                    shown = "tasks"
                    if 'data-view="' in html:
                        shown = html.split('data-view="', 1)[1].split('"', 1)[0]
                    ms = draw_ms(browser, path, int(args.timeout * 1000))
                    rows.append(
                        (
                            docs,
                            f"{view} → {shown}",
                            len(data["nodes"]),
                            len(data["edges"]),
                            sum(1 for n in data["nodes"] if n["label"]),
                            len(html.encode()) / 1e6,
                            build,
                            ms,
                        )
                    )
                    print("  ".join(str(x) for x in rows[-1]), flush=True)
            browser.close()
    print()
    print("| documents | view | nodes | edges | labels | map.html MB | kg s (CPU) | chromium draw ms |")
    print("|---|---|---|---|---|---|---|---|")
    for d, v, n, e, lab, mb, s, ms in rows:
        print(f"| {d:,} | {v} | {n:,} | {e:,} | {lab:,} | {mb:.2f} | {s:.1f} | {ms:,.0f} |")


if __name__ == "__main__":
    main()
