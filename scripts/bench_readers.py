"""Benchmark the readers: how long each format takes to become text, and then a tree.

    python scripts/bench_readers.py          # the bundled document as .txt, .docx, .html, .pdf;
                                             # a 500-row task table as .docx, .html, .xlsx, .csv

The files are made first (python-docx, openpyxl, chromium for the PDF); only reading and
parsing are timed. Figures only; nothing here is a test.
"""

from __future__ import annotations

import csv
import html
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import kg
from kg.parse.document import parse
from kg.text.read import read_text

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("makers", ROOT / "tests" / "text" / "makers.py")
assert _spec and _spec.loader
makers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(makers)


def timed(path: Path) -> str:
    t0 = time.perf_counter()
    src = read_text(path)
    t1 = time.perf_counter()
    doc = parse(path)
    t2 = time.perf_counter()
    size = path.stat().st_size
    return (
        f"{path.name:>16} {size / 1024:8.1f} KiB {len(src.text):8,} chars {len(doc.tasks()):5} tasks"
        f" | read {t1 - t0:6.3f}s  read+parse {t2 - t1:6.3f}s"
    )


def table_rows(n: int) -> list[list[str]]:
    units = ["市发展改革委", "市财政局", "市商务局", "市市场监管局", "市住房城乡建设局"]
    return [
        [
            str(i),
            f"推进第{i}项重点工作，年内完成{i % 50 + 1}个项目。",
            units[i % 5],
            units[(i + 2) % 5],
            f"2024年{i % 12 + 1}月底前",
        ]
        for i in range(1, n + 1)
    ]


def main() -> None:
    from playwright.sync_api import sync_playwright

    text = Path(kg.bundled_document()).read_text(encoding="utf-8")
    rows = table_rows(500)
    with tempfile.TemporaryDirectory() as folder:
        d = Path(folder)
        paths = [Path(kg.bundled_document()), makers.to_docx(text, d / "seed.docx")]
        (d / "seed.html").write_text(makers.to_html(text), encoding="utf-8")
        paths.append(d / "seed.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=makers.CHROMIUM, args=["--no-sandbox"])
            paths.append(makers.to_pdf(browser, makers.to_html(text, noise=False), d / "seed.pdf"))
            browser.close()
        import docx
        import openpyxl

        document = docx.Document()
        document.add_paragraph(makers.TITLE)
        table = document.add_table(rows=0, cols=5)
        for row in [makers.HEADER, *rows]:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = value
        document.save(str(d / "table.docx"))
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append([makers.TITLE])
        for row in [makers.HEADER, *rows]:
            sheet.append(row)
        book.save(str(d / "table.xlsx"))
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in rows)
        head = "<tr>" + "".join(f"<th>{h}</th>" for h in makers.HEADER) + "</tr>"
        (d / "table.html").write_text(
            makers.to_html("", body=f"<p>{makers.TITLE}</p><table>{head}{body}</table>"), encoding="utf-8"
        )
        with (d / "table.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([[makers.TITLE], makers.HEADER, *rows])
        paths += [d / "table.docx", d / "table.html", d / "table.xlsx", d / "table.csv"]
        for path in paths:
            print(timed(path))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
