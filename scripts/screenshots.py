"""Screenshots for the README: the map and the report of the bundled document, at 1400×900.

Usage: python scripts/screenshots.py [--out docs/img]
Needs Debian's chromium (/usr/bin/chromium) and a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import kg
from kg.build import build_views

ROOT = Path(__file__).resolve().parent.parent
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
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            for name in ("map", "report"):
                page.goto(pages[name][0].as_uri())
                page.wait_for_selector("body[data-kg-drawn='1']", state="attached")
                target = args.out / f"{name}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target}")
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
