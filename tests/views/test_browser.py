"""The pages as a person sees them: Debian's headless chromium, network off, from file:// URLs.

These tests need /usr/bin/chromium and a CJK font (``.ci/run`` installs chromium and
fonts-noto-cjk). They fail, loudly, when chromium is missing; set KG_SKIP_BROWSER=1 to skip
them on a machine without it.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, SH

import kg
from kg.build import build_views
from kg.cli import cli
from kg.graph import facts
from kg.ns import KG
from kg.views.viz import network

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROLE_PROPS = {"lead": KG.ledBy, "support": KG.supportedBy, "shared": KG.sharedBy}
COMMERCE = "https://w3id.org/policy-kg/id/agency/370000/commerce"
ONTOLOGY = URIRef("https://w3id.org/policy-kg/def")


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("KG_SKIP_BROWSER") == "1":
        pytest.skip("KG_SKIP_BROWSER=1")
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"the browser tests need Debian's chromium at {CHROMIUM}: "
            "apt-get install chromium fonts-noto-cjk (.ci/run does), "
            "or set KG_SKIP_BROWSER=1 to skip them",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need playwright: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, seed_graph) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pages")
    files = {}
    for name, (path, content) in build_views(seed_graph, out).items():
        path.write_text(content, encoding="utf-8")
        files[name] = path
    files["matrix"] = out / "matrix.html"
    files["matrix"].write_text(kg.matrix(seed_graph, format="html"), encoding="utf-8")
    files["commerce"] = out / "commerce.html"
    files["commerce"].write_text(kg.viz(seed_graph, agency="省商务厅"), encoding="utf-8")
    return files


class Visit:
    """One page opened offline, with every failed request and console error it caused."""

    def __init__(self, browser, path: Path, drawn: bool = True):
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = page = self.context.new_page()
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._offline)
        page.goto(path.as_uri())
        if drawn:
            page.wait_for_selector("body[data-kg-drawn='1']", state="attached", timeout=30_000)

    def _offline(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.failed.append(route.request.url)
            route.abort()

    def clean(self) -> None:
        assert self.failed == [], f"requests that failed or left the machine: {self.failed}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_(path: Path, drawn: bool = True) -> Visit:
        opened.append(Visit(browser, path, drawn))
        return opened[-1]

    yield open_
    for v in opened:
        v.context.close()


def expected_network(g) -> tuple[set[str], int]:
    tasks = set(g.subjects(RDF.type, KG.Task))
    structure = tasks | set(g.subjects(RDF.type, KG.Section)) | set(g.subjects(RDF.type, KG.PolicyDocument))
    agencies = {a for p in ROLE_PROPS.values() for a in g.objects(None, p)}
    places = set(g.objects(None, KG.mentionsPlace))
    parts = [1 for s, o in g.subject_objects(DCTERMS.hasPart) if s in structure and o in structure]
    roles = [1 for p in ROLE_PROPS.values() for _ in g.subject_objects(p)]
    mentions = list(g.subject_objects(KG.mentionsPlace))
    return {str(n) for n in structure | agencies | places}, len(parts) + len(roles) + len(mentions)


NETWORK = """() => ({
  nodes: kgNetwork.body.data.nodes.get().map(n => n.iri),
  edges: kgNetwork.body.data.edges.length,
  drawnNodes: kgNetwork.body.nodeIndices.length,
  drawnEdges: kgNetwork.body.edgeIndices.length,
})"""


def test_map_opens_offline_and_draws_every_node_and_edge_of_the_graph(visit, pages, seed_graph):
    v = visit(pages["map"])
    nodes, n_edges = expected_network(seed_graph)
    seen = v.page.evaluate(NETWORK)
    assert set(seen["nodes"]) == nodes and len(seen["nodes"]) == len(nodes)
    assert seen["edges"] == seen["drawnEdges"] == n_edges
    assert seen["drawnNodes"] == len(nodes)
    assert v.page.title().startswith("鲁政发〔2022〕6号")
    v.clean()


def _selected(page) -> set[str]:
    return set(
        page.evaluate("() => kgNetwork.getSelectedNodes().map(id => kgNetwork.body.data.nodes.get(id).iri)")
    )


def _lit(page) -> int:
    return page.evaluate("() => kgNetwork.body.data.nodes.get().filter(n => n.opacity !== 0.15).length")


def test_the_agency_selector_highlights_that_agencys_tasks(visit, pages, seed_graph):
    v = visit(pages["map"])
    agency = URIRef(COMMERCE)
    tasks = {str(t) for p in ROLE_PROPS.values() for t in seed_graph.subjects(p, agency)}
    v.page.select_option("#kg-agency", COMMERCE)
    assert _selected(v.page) == tasks | {COMMERCE}
    assert _lit(v.page) == len(tasks) + 1
    assert v.page.text_content("#kg-status") == "省商务厅: 3 项任务 tasks"
    v.page.select_option("#kg-agency", "")
    assert _selected(v.page) == set()
    assert _lit(v.page) == len(expected_network(seed_graph)[0])
    v.page.fill("#kg-search", "市场监管")
    v.page.press("#kg-search", "Enter")
    assert len(_selected(v.page)) == 25  # 省市场监管局 and all 24 tasks
    assert v.page.input_value("#kg-agency").endswith("/market-regulation")
    v.clean()


def test_the_agency_map_draws_only_the_neighbourhood(visit, pages, seed_graph):
    v = visit(pages["commerce"])
    seen = v.page.evaluate(NETWORK)
    net = network(seed_graph, "省商务厅")
    assert set(seen["nodes"]) == {n["iri"] for n in net["nodes"]}
    assert seen["drawnEdges"] == len(net["edges"])
    assert {n for n in seen["nodes"] if "/t/" in n} == {
        str(t) for p in ROLE_PROPS.values() for t in seed_graph.subjects(p, URIRef(COMMERCE))
    }
    v.clean()


MATRIX = """() => {
  const t = document.getElementById("kg-matrix");
  const rows = [...t.tBodies[0].rows].map(r => ({
    agency: r.dataset.agency,
    marks: [...r.querySelectorAll("td[data-roles]")].map(td => td.dataset.roles.split(" ")),
    cells: r.cells.length,
    totals: Object.fromEntries([...r.querySelectorAll("td[data-total]")].map(
      td => [td.dataset.total, Number(td.textContent)])),
    visible: r.querySelector("td[data-roles]") ? r.querySelector("td[data-roles]").innerText : "",
  }));
  const foot = [...t.tFoot.rows[0].querySelectorAll("td")].map(
    td => [td.dataset.total, Number(td.textContent)]);
  return {rows, foot, columns: t.tHead.rows[1].querySelectorAll("th.kg-task").length};
}"""


@pytest.mark.parametrize("name", ["matrix", "report"])
def test_matrix_totals_match_the_graph(visit, pages, seed_graph, name):
    v = visit(pages[name], drawn=name == "report")
    m = v.page.evaluate(MATRIX)
    assert m["columns"] == 24
    counts = {}
    for role, prop in ROLE_PROPS.items():
        for _, a in seed_graph.subject_objects(prop):
            counts.setdefault(str(a), {r: 0 for r in ROLE_PROPS})[role] += 1
    assert {r["agency"] for r in m["rows"]} == set(counts)
    for row in m["rows"]:
        c = counts[row["agency"]]
        assert row["totals"] == {**c, "total": sum(c.values())}
        assert sum(len(x) for x in row["marks"]) == sum(c.values())
        assert row["cells"] == 1 + 24 + 4
    first = m["rows"][0]
    assert first["agency"].endswith("/market-regulation") and len(first["marks"]) == 24
    assert first["visible"] == "牵头"
    per_task = [v for k, v in m["foot"] if k == "task"]
    assert len(per_task) == 24
    assert sum(per_task) == sum(len(list(seed_graph.subject_objects(p))) for p in ROLE_PROPS.values())
    assert dict(x for x in m["foot"] if x[0] != "task") == {
        role: len(list(seed_graph.subject_objects(p))) for role, p in ROLE_PROPS.items()
    } | {"total": sum(per_task)}
    v.clean()


BARS = """() => {
  const svg = document.getElementById("kg-workload");
  const unit = Number(svg.dataset.unit);
  return [...svg.querySelectorAll("g.kg-bar")].map(g => {
    const out = {iri: g.dataset.agency, lead: 0, support: 0, shared: 0};
    g.querySelectorAll("rect").forEach(r => {
      out[r.dataset.role] = Math.round(r.getBoundingClientRect().width / unit * 100) / 100;
    });
    return out;
  });
}"""


def test_report_opens_offline_and_its_workload_bars_match_the_counts(visit, pages, seed_graph):
    v = visit(pages["report"])
    bars = v.page.evaluate(BARS)
    loads = facts.workload(seed_graph)  # the function `kg agencies` ranks and counts with
    assert [b["iri"] for b in bars] == [w.iri for w in loads]
    for b, w in zip(bars, loads):
        assert (b["lead"], b["support"], b["shared"]) == (w.lead, w.support, w.shared), w.name
    ttl = pages["report"].parent / "graph.ttl"
    ttl.write_text(kg.export(seed_graph, format="turtle"), encoding="utf-8")
    listed = CliRunner().invoke(cli, ["agencies", "--graph", str(ttl), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [
        {k: a[k] for k in ("iri", "lead", "support", "shared")} for a in json.loads(listed.stdout)["agencies"]
    ] == bars  # what `kg agencies` prints
    nodes, n_edges = expected_network(seed_graph)
    seen = v.page.evaluate(NETWORK)
    assert len(seen["nodes"]) == len(nodes) and seen["drawnEdges"] == n_edges
    v.clean()


def test_chinese_glyphs_render_and_are_not_tofu(visit, pages):
    v = visit(pages["map"])
    page = v.page
    heading = decode_png(page.locator("h1").screenshot())
    assert distinct_colours(heading) > 8 and ink(heading) > 0.02, "the heading looks blank"
    canvas = decode_png(page.locator("#kg-network canvas").screenshot())
    assert distinct_colours(canvas) > 50, "the network canvas looks blank"
    page.evaluate("""() => {
      const box = document.createElement("div");
      box.id = "kg-glyphs";
      box.style.cssText = "position:fixed;top:0;left:0;background:#fff;z-index:99;font-size:32px";
      for (const text of ["省市场监管局", "鲁政发文件号", "\\uE000\\uE001\\uE002\\uE003\\uE004\\uE005"]) {
        const s = document.createElement("span");
        s.textContent = text;
        s.style.cssText = "display:inline-block;padding:4px";
        box.appendChild(s);
      }
      document.body.appendChild(box);
    }""")
    spans = page.locator("#kg-glyphs span")
    chinese, other, tofu = (spans.nth(i).screenshot() for i in range(3))
    # Tofu draws every missing character as the same box: two different Chinese strings
    # would give the same picture, and the same picture as private-use characters.
    assert chinese != other, "different Chinese characters render identically (tofu)"
    assert chinese != tofu and other != tofu
    assert ink(decode_png(chinese)) > 0.05
    v.clean()


def decode_png(data: bytes) -> list[bytes]:
    """Rows of RGB(A) pixels of an 8-bit, non-interlaced PNG, as chromium writes them."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and chunk[12] == 0, "only 8-bit non-interlaced PNGs"
            channels = {2: 3, 6: 4, 0: 1, 4: 2}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(
            bytes(
                line[:stride]
                if channels == 3
                else bytes(v for i in range(0, stride, channels) for v in line[i : i + 3])
            )
        )
        prev = line
    return rows


def distinct_colours(rows: list[bytes]) -> int:
    return len({row[i : i + 3] for row in rows for i in range(0, len(row), 3)})


def ink(rows: list[bytes]) -> float:
    """Share of pixels clearly darker than the white background."""
    dark = total = 0
    for row in rows:
        for i in range(0, len(row), 3):
            total += 1
            dark += sum(row[i : i + 3]) < 600
    return dark / max(total, 1)


LINES_PER_CELL = """() => [...document.querySelectorAll(
    "#kg-matrix td, #kg-matrix thead th:not(.kg-task), #kg-matrix th[scope=row]")]
  .filter(c => c.textContent.trim())
  .map(c => {
    const range = document.createRange();
    range.selectNodeContents(c);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return [c.textContent.trim(), tops.size];
  })"""


@pytest.mark.parametrize("name", ["matrix", "report"])
def test_matrix_cells_never_break_a_word_even_400_px_wide(visit, pages, name):
    v = visit(pages[name], drawn=name == "report")
    v.page.set_viewport_size({"width": 400, "height": 800})
    cells = v.page.evaluate(LINES_PER_CELL)
    assert {"牵头", "配合", "分工负责"} <= {text for text, _ in cells}
    assert [(text, lines) for text, lines in cells if lines != 1] == []
    v.clean()


# ---------------------------------------------------------------- maps of generated corpora

GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
CORPORA = {"1k": 13, "5k": 75}  # documents that give about 1,000 and 5,000 nodes as a task map


@pytest.fixture(scope="module")
def corpus_pages(tmp_path_factory) -> dict[str, Path]:
    """The map of each generated corpus in the default view and as the full task map."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("corpora")
    subprocess.run(
        [sys.executable, str(GENERATE), str(out / "docs"), "--docs", str(max(CORPORA.values()))],
        check=True,
        capture_output=True,
    )
    paths = sorted((out / "docs").glob("doc*.txt"))
    parsed = [kg.parse(p) for p in paths]
    files = {}
    for name, n_docs in CORPORA.items():
        g = kg.to_graph(parsed[:n_docs])
        nodes = len(expected_network(g)[0])
        assert {"1k": 800 <= nodes <= 1300, "5k": 4500 <= nodes <= 6500}[name], (name, nodes)
        for view in ("auto", "tasks"):
            files[f"{name}-{view}"] = out / f"{name}-{view}.html"
            files[f"{name}-{view}"].write_text(kg.viz(g, view=view), encoding="utf-8")
    return files


LABELS = """() => {
  const net = kgNetwork, ctx = net.canvas.getContext(), scale = net.getScale(), out = [];
  for (const id of net.body.nodeIndices) {
    const n = net.body.nodes[id];
    if (!n.options.label) continue;
    const t = n.labelModule.getTextSize(ctx, false, false);  // measured with the page's font
    const inside = n.options.shape === "box";  // vis draws a box's label inside, others' below
    out.push({label: n.options.label, left: n.x - t.width / 2,
              top: inside ? n.y - t.height / 2 : n.y + n.options.size, width: t.width,
              height: t.height, screen: n.labelModule.fontOptions.size * scale});
  }
  return out;
}"""


def overlaps(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes (canvas pixels, the same at every zoom) overlap."""
    found = []
    ordered = sorted(labels, key=lambda b: b["left"])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b["left"] >= a["left"] + a["width"] - 0.5:
                break
            if b["top"] < a["top"] + a["height"] - 0.5 and a["top"] < b["top"] + b["height"] - 0.5:
                found.append((a["label"], b["label"]))
    return found


@pytest.mark.parametrize("name", ["1k-auto", "1k-tasks", "5k-auto", "5k-tasks"])
def test_a_corpus_map_opens_offline_and_its_labels_never_overlap(visit, corpus_pages, name):
    v = visit(corpus_pages[name])
    seen = v.page.evaluate(NETWORK)
    html = corpus_pages[name].read_text(encoding="utf-8")
    data = json.loads(html.split('id="kg-network-data">', 1)[1].split("</script>", 1)[0])
    assert seen["drawnNodes"] == len(data["nodes"]) and seen["drawnEdges"] == len(data["edges"])
    labels = v.page.evaluate(LABELS)
    assert len(labels) >= 50
    assert overlaps(labels) == []
    if name.endswith("auto"):  # the agency network: readable as it opens on a laptop
        assert v.page.locator("#kg-notice").inner_text().count("kg viz --agency") == 2  # 中文 and English
        readable = [b for b in labels if b["screen"] >= 11]
        assert len(readable) == len(labels), "labels too small to read at the first zoom"
        notice = decode_png(v.page.locator("#kg-notice").screenshot())
        assert distinct_colours(notice) > 8 and ink(notice) > 0.02
        canvas = decode_png(v.page.locator("#kg-network canvas").screenshot())
        assert distinct_colours(canvas) > 50
    v.clean()


def test_the_agency_network_highlights_an_agency_and_its_partners(visit, corpus_pages):
    v = visit(corpus_pages["1k-auto"])
    first = v.page.evaluate("() => kgNetwork.body.data.nodes.get()[0]")
    partners = v.page.evaluate(
        """id => [...new Set(kgNetwork.body.data.edges.get()
             .filter(e => e.from === id || e.to === id).map(e => e.from === id ? e.to : e.from))]""",
        first["id"],
    )
    v.page.select_option("#kg-agency", first["iri"])
    assert _lit(v.page) == len(partners) + 1
    assert v.page.text_content("#kg-status") == (
        f"{first['name']}: {first['tasks']} 项任务 tasks · {len(partners)} 个相连节点 linked"
    )
    v.clean()


OVERFLOW = """() => ({
  scroll: document.documentElement.scrollWidth,
  wide: [...document.body.querySelectorAll("*")]
    .filter(e => !e.closest(".kg-matrix-wrap"))  // the matrix scrolls in its own box, by design
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map(e => e.tagName + "#" + e.id + "." + e.className),
})"""


@pytest.mark.parametrize("name", ["map", "1k-auto", "5k-auto", "5k-tasks"])
def test_nothing_overflows_a_400_px_screen(visit, pages, corpus_pages, name):
    v = visit({**pages, **corpus_pages}[name])
    v.page.set_viewport_size({"width": 400, "height": 800})
    v.page.wait_for_timeout(100)
    seen = v.page.evaluate(OVERFLOW)
    assert seen["scroll"] <= 400
    assert seen["wide"] == []
    assert v.page.locator("#kg-network canvas").bounding_box()["height"] > 300
    v.clean()


def test_the_jurisdiction_view_renders_with_labels_that_never_overlap(visit, corpus_graph, tmp_path):
    """conftest's 7 documents (Shandong, Jiangsu, Guangdong) as the jurisdiction view."""
    path = tmp_path / "jurisdictions.html"
    path.write_text(kg.viz(corpus_graph, view="jurisdictions"), encoding="utf-8")
    data = network(corpus_graph, view="jurisdictions")
    v = visit(path)
    seen = v.page.evaluate(NETWORK)
    assert seen["drawnNodes"] == len(data["nodes"]) and seen["drawnEdges"] == len(data["edges"]) > 0
    labels = v.page.evaluate(LABELS)
    assert len(labels) == sum(1 for n in data["nodes"] if n["label"]) >= 10
    assert overlaps(labels) == []
    assert all(b["screen"] >= 11 for b in labels), "labels too small to read at the first zoom"
    assert v.page.locator("#kg-notice").inner_text().count("kg viz --jurisdiction") == 2  # 中文 and English
    v.page.fill("#kg-search", "江苏省")
    v.page.dispatch_event("#kg-search", "change")
    province = next(n for n in data["nodes"] if n["name"] == "江苏省")
    assert v.page.get_attribute("body", "data-kg-agency") == province["iri"]
    v.clean()


def test_the_ontology_page_opens_offline_with_every_term_and_chinese_glyphs(visit, tmp_path):
    page_file = tmp_path / "ontology.html"
    result = CliRunner().invoke(cli, ["export", "--format", "ontology-html", "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    v = visit(page_file, drawn=False)
    page = v.page
    page.wait_for_load_state("load")
    ontology = Graph().parse(data=kg.export(None, format="ontology"), format="turtle")
    terms = {str(t).rsplit("#", 1)[-1] for t in ontology.subjects(RDFS.isDefinedBy, ONTOLOGY)}
    ids = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
    assert terms <= ids, sorted(terms - ids)
    targets = page.evaluate(
        "() => [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.hash.slice(1))"
    )
    assert targets and set(targets) <= ids  # every link on the page lands on the page
    task = page.locator("#Task h3").inner_text()
    assert "任务" in task and "Task" in task
    shown = set(
        page.evaluate(
            "() => [...document.querySelectorAll('#kg-alignments tr[data-vocabulary]')]"
            ".map(r => r.dataset.vocabulary)"
        )
    )
    assert {"org", "eli", "prov", "skos", "dcterms"} <= shown
    assert page.locator(".kg-shape").count() == len(
        set(kg_shapes().subjects(RDF.type, SH.NodeShape)) - _blank(kg_shapes())
    )
    heading = decode_png(page.locator("h1").screenshot())
    assert distinct_colours(heading) > 8 and ink(heading) > 0.02, "the heading looks blank"
    zh = page.locator("#Task h3 span[lang=zh-Hans]")
    other = page.locator("#Agency h3 span[lang=zh-Hans]")
    # Tofu draws every missing character as the same box: two different Chinese labels of the
    # same length would give the same picture.
    assert zh.inner_text() == "任务" and other.inner_text() == "机构"
    assert zh.screenshot() != other.screenshot()
    assert ink(decode_png(zh.screenshot())) > 0.05
    v.clean()


def kg_shapes() -> Graph:
    return Graph().parse(data=kg.export(None, format="shapes"), format="turtle")


def _blank(g: Graph) -> set:
    return {s for s in g.subjects() if isinstance(s, BNode)}
