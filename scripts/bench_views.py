"""Benchmark the views on a large graph: write the map of ~5,000 nodes and time its drawing.

The graph goes through the real library: synthetic policy documents (Shandong province, as
the bundled one) are generated as text, parsed, and turned into RDF. Then the map is
written and opened in Debian's headless chromium with the network off.

Usage: python scripts/bench_views.py [--docs 20] [--sections 12] [--tasks 20] [--out DIR]
Prints figures; asserts nothing about time (this is a measurement, not a test).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import kg
from kg.views.viz import network, render_map

NUMERALS = "一二三四五六七八九十"
AGENCIES = [
    "省发展改革委",
    "省教育厅",
    "省科技厅",
    "省工业和信息化厅",
    "省公安厅",
    "省民政厅",
    "省司法厅",
    "省财政厅",
    "省人力资源社会保障厅",
    "省自然资源厅",
    "省生态环境厅",
    "省住房城乡建设厅",
    "省交通运输厅",
    "省水利厅",
    "省农业农村厅",
    "省商务厅",
    "省文化和旅游厅",
    "省卫生健康委",
    "省应急厅",
    "省市场监管局",
    "省体育局",
    "省统计局",
    "省医保局",
    "省大数据局",
    "省能源局",
]
CITIES = [
    "济南",
    "青岛",
    "淄博",
    "枣庄",
    "东营",
    "烟台",
    "潍坊",
    "济宁",
    "泰安",
    "威海",
    "日照",
    "临沂",
    "德州",
    "聊城",
    "滨州",
    "菏泽",
]
VERBS = ["推进", "完善", "加强", "深化", "实施", "健全", "提升", "优化"]
OBJECTS = [
    "标准体系建设",
    "质量基础设施",
    "数字政府服务",
    "产业链协同",
    "乡村治理",
    "公共服务供给",
    "生态环境监测",
    "安全生产监管",
    "科技成果转化",
    "人才培养机制",
]


def numeral(n: int) -> str:
    """1..99 in Chinese numerals, as documents number them."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def synthetic_document(number: int, sections: int, tasks: int, seed: int = 0) -> str:
    """One policy document with ``sections`` × ``tasks`` numbered tasks, each with a clause."""
    rng = random.Random(seed * 1000 + number)
    lines = [
        f"鲁政发〔2030〕{number}号",
        f"山东省人民政府关于推进第{number}批重点工作的实施意见",
        "各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：",
        "为推进重点工作，现提出如下实施意见。",
    ]
    for s in range(1, sections + 1):
        lines.append(f"{numeral(s)}、{rng.choice(VERBS)}{rng.choice(OBJECTS)}")
        for t in range(1, tasks + 1):
            lead = rng.sample(AGENCIES, rng.randint(1, 2))
            support = rng.sample([a for a in AGENCIES if a not in lead], rng.randint(0, 3))
            cities = rng.sample(CITIES, rng.randint(0, 2))
            clause = "、".join(lead) + "牵头"
            if support or cities:
                helpers = "、".join(support)
                if cities:
                    helpers += ("和" if helpers else "") + "、".join(cities) + "市政府"
                clause += "，" + helpers + "配合"
            lines.append(
                f"（{numeral(t)}）{rng.choice(VERBS)}{rng.choice(OBJECTS)}。"
                f"到2027年，{rng.choice(VERBS)}{rng.choice(OBJECTS)}取得明显成效。（{clause}）"
            )
    lines += ["山东省人民政府", "2030年1月1日"]
    return "\n".join(lines) + "\n"


def synthetic_graph(docs: int = 20, sections: int = 12, tasks: int = 20, seed: int = 0):
    parsed = [
        kg.parse_text(synthetic_document(n, sections, tasks, seed), source=f"bench-{n}.txt")
        for n in range(1, docs + 1)
    ]
    return kg.to_graph(parsed)


def draw_time(html_path: Path) -> dict[str, float]:
    """Open the page in headless chromium (network off) and time load and first drawing."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
        )
        start = time.perf_counter()
        page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=600_000)
        loaded = time.perf_counter() - start
        page.wait_for_selector("body[data-kg-drawn='1']", timeout=600_000)
        wall = time.perf_counter() - start
        drawn_at = page.evaluate("window.kgDrawnAt")  # ms since navigation start, in the page
        browser.close()
    if failed:
        raise SystemExit(f"failed requests: {failed}")
    return {"load_s": loaded, "first_draw_s": wall, "first_draw_in_page_s": drawn_at / 1000}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--sections", type=int, default=12)
    ap.add_argument("--tasks", type=int, default=20)
    ap.add_argument("--out", type=Path, default=None, help="keep map.html here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    g = synthetic_graph(args.docs, args.sections, args.tasks)
    t1 = time.perf_counter()
    net = network(g)
    t2 = time.perf_counter()
    html = render_map(net)
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    path = kg.write_file(out_dir / "map.html", html)
    t3 = time.perf_counter()
    times = draw_time(path)
    print(f"graph: {len(g)} triples from {args.docs} synthetic documents, parsed in {t1 - t0:.2f} s")
    print(
        f"map: {len(net['nodes'])} nodes, {len(net['edges'])} edges, "
        f"{len(html.encode('utf-8')) / 1e6:.2f} MB HTML"
    )
    print(f"write: layout {t2 - t1:.2f} s + render/write {t3 - t2:.2f} s = {t3 - t1:.2f} s")
    print(
        f"chromium: load {times['load_s']:.2f} s, first drawing {times['first_draw_s']:.2f} s "
        f"after navigation ({times['first_draw_in_page_s']:.2f} s by the page's clock)"
    )
    print(f"file: {path}")


if __name__ == "__main__":
    sys.exit(main())
