"""Screenshots for the README: the map and the report of the bundled document, and the agency
network of a generated corpus (benchmarks/generate.py, 13 documents), at 1400×900.

Usage: python scripts/screenshots.py [--out docs/img]
Needs Debian's chromium (/usr/bin/chromium) and a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import kg
from kg.build import build_views

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DOCS = 13  # above the 300 tasks at which the map becomes the agency network
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args(argv)
    graph = kg.to_graph([kg.parse(kg.bundled_document())])
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        pages = build_views(graph, Path(tmp))
        for path, content in pages.values():
            path.write_text(content, encoding="utf-8")
        docs = Path(tmp) / "corpus"
        generate = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(docs)]
        subprocess.run([*generate, "--docs", str(CORPUS_DOCS)], check=True, capture_output=True)
        corpus = kg.to_graph([kg.parse(p) for p in sorted(docs.glob("doc*.txt"))])
        pages["map-corpus"] = (Path(tmp) / "map-corpus.html", kg.viz(corpus))
        pages["map-corpus"][0].write_text(pages["map-corpus"][1], encoding="utf-8")
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            for name in ("map", "report", "map-corpus"):
                page.goto(pages[name][0].as_uri())
                page.wait_for_selector("body[data-kg-drawn='1']", state="attached")
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target}")
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
