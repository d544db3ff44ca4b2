"""The accountability matrix: agencies × tasks, totals that add up, the same in every format."""

from __future__ import annotations

import csv
import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF
from rdflib.namespace import DCTERMS

import kg
from kg.cli import cli
from kg.graph import facts
from kg.ns import KG
from kg.views import matrix as matrix_module
from kg.views.matrix import matrix_data, summary

STYLES = Path(__file__).parents[1] / "fixtures" / "styles"

ROLE_PROPS = {"lead": KG.ledBy, "support": KG.supportedBy, "shared": KG.sharedBy}


@pytest.fixture(scope="module")
def m(seed_graph):
    return matrix_data(seed_graph)


@pytest.fixture(scope="module")
def styles_graph(seed_doc):
    """The bundled document and every style fixture: several documents and jurisdictions."""
    return kg.to_graph([seed_doc, *(kg.parse(p) for p in sorted(STYLES.glob("*.txt")))])


def test_columns_are_the_tasks_in_document_order_grouped_by_section(seed_graph, m):
    assert [c.path for c in m.columns] == [t.path for t in facts.tasks(seed_graph)]
    assert len(m.columns) == 24
    assert [span for _, span in m.groups] == [3, 3, 3, 5, 6, 4]
    assert m.groups[0][0] == "二、推动标准化与科技创新战略协同"
    groups = [c.group for c in m.columns]
    assert groups == sorted(groups)


def test_rows_are_agencies_in_workload_order_with_its_totals(seed_graph, m):
    loads = facts.workload(seed_graph)
    assert [r.iri for r in m.rows] == [w.iri for w in loads]
    for r, w in zip(m.rows, loads):
        assert (r.lead, r.support, r.shared, r.total) == (w.lead, w.support, w.shared, w.total)
        assert sum(len(c) for c in r.cells.values()) == r.total
        assert sum(c.count("lead") for c in r.cells.values()) == r.lead
        assert all(r.cells.values()) and sorted(r.cells) == list(r.cells)  # sparse, by column


def test_the_market_regulator_is_in_all_24_task_columns(m):
    row = m.rows[0]
    assert row.label == "省市场监管局"
    assert len(row.cells) == 24 and all(row.cells.values())
    assert row.dense(24) == [row.cells[i] for i in range(24)]
    assert (row.lead, row.support, row.shared) == (16, 0, 8)


def test_totals_equal_the_graph(seed_graph, m):
    triples = {role: len(list(seed_graph.subject_objects(p))) for role, p in ROLE_PROPS.items()}
    totals = m.totals()
    assert {k: totals[k] for k in ROLE_PROPS} == triples
    assert totals["total"] == sum(triples.values()) == sum(m.column_totals)
    for col, count in zip(m.columns, m.column_totals):
        task = next(t for t in seed_graph.subjects(KG.path, None) if str(t) == col.iri)
        assert count == sum(len(list(seed_graph.objects(task, p))) for p in ROLE_PROPS.values())


def test_csv(seed_graph, m):
    rows = list(csv.reader(io.StringIO(kg.matrix(seed_graph, format="csv"))))
    assert rows[0][:3] == ["机构 agency", "2.1 开展关键技术领域标准攻关", "2.2 推进科技成果向标准转化"]
    assert rows[0][-4:] == ["牵头", "配合", "分工负责", "合计"]
    assert rows[1][0] == "省市场监管局" and all(rows[1][1:25]) and rows[1][25:] == ["16", "0", "8", "24"]
    assert rows[1][1] == "牵头" and rows[1][5] == "分工负责"
    assert rows[-1][0] == "合计 total" and rows[-1][1:25] == [str(t) for t in m.column_totals]
    assert len(rows) == len(m.rows) + 2


class _Cells(HTMLParser):
    """The text of every row of the first table, as a spreadsheet would receive it on paste."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def test_html_is_a_real_table_with_the_csv_cells(seed_graph):
    html = kg.matrix(seed_graph, format="html")
    assert html.count("<table") == 1 and "<thead>" in html and "<tfoot>" in html
    parser = _Cells()
    parser.feed(html)
    csv_rows = list(csv.reader(io.StringIO(kg.matrix(seed_graph, format="csv"))))
    assert parser.rows[2:] == csv_rows[1:]  # two header rows: sections, then tasks
    assert parser.rows[1][:24] == csv_rows[0][1:25]
    assert 'class="lead"' in html and 'class="support"' in html and 'class="shared"' in html


def test_xlsx_is_stable_and_readable(seed_graph, m):
    from openpyxl import load_workbook

    data = kg.matrix(seed_graph, format="xlsx")
    assert data == kg.matrix(seed_graph, format="xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.cell(1, 2).value == "二、推动标准化与科技创新战略协同"
    assert ws.cell(2, 2).value == "2.1 开展关键技术领域标准攻关"
    assert ws.cell(3, 1).value == "省市场监管局"
    assert [ws.cell(3, c).value for c in range(26, 30)] == [16, 0, 8, 24]
    assert ws.cell(3, 2).fill.fgColor.rgb.endswith("FFCDD2")


def test_xlsx_has_a_long_sheet_with_one_row_per_responsibility(seed_graph):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(kg.matrix(seed_graph, format="xlsx")))
    assert wb.sheetnames == ["matrix", "responsibilities"]
    rows = list(wb["responsibilities"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert list(header[:5]) == ["document", "path", "task", "agency", "full_name"]
    assert list(header[5:9]) == ["role", "deadline", "clause", "quote"]
    assert len(body) == sum(1 for _ in seed_graph.subjects(RDF.type, KG.Responsibility))
    t33 = [r for r in body if r[1] == "3.3"]
    assert [(r[3], r[5]) for r in t33] == [
        ("省市场监管局", "lead"),
        ("省商务厅", "lead"),
        ("省政府有关部门", "support"),
        ("青岛市政府", "support"),
    ]
    assert all(isinstance(r[1], str) for r in body)
    assert t33[0][0] == "鲁政发〔2022〕6号" and "牵头" in t33[0][7]


def test_unknown_format(seed_graph):
    with pytest.raises(kg.KgError):
        kg.matrix(seed_graph, format="pdf")


def test_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["matrix", "--sample", "--format", "csv", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("机构 agency,2.1 ")
    result = runner.invoke(cli, ["matrix", "--sample", "--format", "xlsx"])
    assert result.exit_code == 0 and (tmp_path / "matrix.xlsx").read_bytes()[:2] == b"PK"
    result = runner.invoke(cli, ["matrix", "--sample"])
    assert result.exit_code == 0 and "<table" in (tmp_path / "matrix.html").read_text("utf-8")


def test_task_titles_come_from_the_graph(seed_graph, m):
    from rdflib import URIRef

    for c in m.columns:
        assert c.title == str(seed_graph.value(URIRef(c.iri), DCTERMS.title))


def test_a_page_above_the_limit_shows_the_aggregate_and_says_what_it_left_out(seed_graph, m):
    html = kg.matrix(seed_graph, format="html", limit=100)
    assert 'id="kg-matrix-limit"' in html and 'class="kg-task"' not in html
    assert "40 agencies × 24 tasks = 960 cells, more than this page's limit of 100 cells" in html
    assert "<code>kg matrix --format csv</code>" in html and "<code>kg matrix --format xlsx</code>" in html
    rows = _Cells()
    rows.feed(html)
    assert rows.rows[0] == ["机构 agency", "牵头", "配合", "分工负责", "合计", "文件数 documents"]
    assert rows.rows[1] == ["省市场监管局", "16", "0", "8", "24", "1"]
    totals = m.totals()
    assert rows.rows[-1] == [
        "合计 total",
        *(str(totals[k]) for k in ("lead", "support", "shared", "total")),
        "1",
    ]
    assert html.count("<tr data-agency=") == 40  # all 40 fit under MATRIX_TOP: no row of the others


def test_the_aggregate_lists_the_heaviest_agencies_and_the_others_add_up(seed_graph, m, monkeypatch):
    s = summary(m, limit=959, top=10)
    assert [r.iri for r in s.rows] == [r.iri for r in m.rows[:10]] and s.rest == 30
    for k in ("lead", "support", "shared", "total"):
        assert sum(getattr(r, k) for r in s.rows) + s.rest_totals[k] == m.totals()[k]
    assert summary(m, limit=960) is None  # the limit is a maximum: 960 cells still make a table
    monkeypatch.setattr(matrix_module, "MATRIX_TOP", 10)
    monkeypatch.setattr(matrix_module, "MATRIX_LIMIT", 959)
    html = kg.matrix(seed_graph, format="html")
    assert html.count("<tr data-agency=") == 11 and "其余 30 个机构 other agencies" in html
    assert "and the other 30 agencies in one row" in html


def test_the_limit_never_shortens_csv_or_xlsx(seed_graph, monkeypatch):
    before = kg.matrix(seed_graph, format="csv"), kg.matrix(seed_graph, format="xlsx")
    monkeypatch.setattr(matrix_module, "MATRIX_LIMIT", 1)
    assert (kg.matrix(seed_graph, format="csv"), kg.matrix(seed_graph, format="xlsx")) == before


def test_rows_count_the_documents_they_hold_roles_in(styles_graph):
    m = matrix_data(styles_graph)
    assert m.documents == len(facts.documents(styles_graph)) > 5
    held: dict[str, set] = {}
    for doc in facts.documents(styles_graph):
        for task in facts.task_iris(styles_graph, doc):
            for p in ROLE_PROPS.values():
                for a in styles_graph.objects(task, p):
                    held.setdefault(str(a), set()).add(doc)
    assert {r.iri: r.documents for r in m.rows} == {a: len(d) for a, d in held.items()}


def test_a_matrix_wider_than_an_xlsx_sheet_is_an_error_and_the_page_points_to_csv(seed_graph, monkeypatch):
    monkeypatch.setattr(matrix_module, "XLSX_COLUMNS", 28)  # 1 + 24 tasks + 4 totals = 29 columns
    with pytest.raises(kg.KgError, match="29 columns: more than the 28 of an xlsx sheet"):
        kg.matrix(seed_graph, format="xlsx")
    html = kg.matrix(seed_graph, format="html", limit=100)
    assert "<code>kg matrix --format csv</code>" in html and "--format xlsx" not in html
    result = CliRunner().invoke(cli, ["matrix", "--sample", "--format", "xlsx", "-o", "-"])
    assert result.exit_code != 0 and result.output.startswith("Error: the matrix has 24 tasks")
    assert "Traceback" not in result.output
