"""Every input format gives the same document tree as the text it was made from.

The files are made from the text at test time: Word with automatic numbering (python-docx),
a saved government page with its navigation and footer, a PDF printed by headless chromium,
and a task-division table as Word cells, an HTML table and a sheet, with merged cells.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kg
from kg.parse.document import parse, parse_text
from kg.text.read import read_bytes, read_text
from kg.text.readers import Cell, TextBuilder, expand, ocr
from kg.text.readers.docx import format_number
from kg.text.readers.html import read_html
from kg.text.readers.sniff import sniff

from . import makers

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("KG_SKIP_BROWSER") == "1":
        pytest.skip("KG_SKIP_BROWSER=1")
    if not Path(makers.CHROMIUM).is_file():
        pytest.fail(
            f"printing PDFs needs Debian's chromium at {makers.CHROMIUM}: apt-get install "
            "chromium fonts-noto-cjk (.ci/run does)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=makers.CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return Path(kg.bundled_document()).read_text(encoding="utf-8")


def summary(doc: kg.Document) -> list[tuple]:
    """What a reader must not change: each task's path, number, title, roles and targets."""
    return [
        (
            t.path,
            t.number,
            t.title,
            [(r.role, r.agency, r.open) for r in t.responsibilities],
            [(g.text.replace("\n", ""), g.quantity, g.min, g.max, g.unit) for g in t.targets],
            t.deadline,
        )
        for t in doc.tasks()
    ]


def head(doc: kg.Document) -> tuple:
    return doc.identifier, doc.title, doc.issuer, doc.date, len(doc.tasks())


# ---- the bundled document in every format ------------------------------------------------
def test_word_file_with_automatic_numbers_gives_the_tasks_of_the_text(seed_doc, seed_text, tmp_path):
    path = makers.to_docx(seed_text, tmp_path / "seed.docx")
    assert "一、" not in path.read_bytes().decode("latin-1")  # the numbers are Word's, not typed
    doc = parse(path)
    assert summary(doc) == summary(seed_doc)
    assert head(doc) == head(seed_doc)
    assert doc.encoding == "docx"


def test_saved_web_page_gives_the_tasks_of_the_text_and_names_what_it_left_out(seed_doc, seed_text, tmp_path):
    path = tmp_path / "seed.html"
    path.write_text(makers.to_html(seed_text), encoding="utf-8")
    doc = parse(path)
    assert summary(doc) == summary(seed_doc)
    assert head(doc) == head(seed_doc)
    left_out = {w.kind: w.message for w in doc.warnings if w.kind.startswith("web-")}
    assert set(left_out) == {
        "web-header",
        "web-navigation",
        "web-share-bar",
        "web-attachments",
        "web-footer",
    }
    assert "附件下载" in left_out["web-attachments"]
    assert "版权所有" in left_out["web-footer"]


def test_pdf_printed_by_chromium_gives_the_tasks_of_the_text(seed_doc, seed_text, browser, tmp_path):
    path = makers.to_pdf(browser, makers.to_html(seed_text, noise=False), tmp_path / "seed.pdf")
    doc = parse(path)
    assert summary(doc) == summary(seed_doc)
    assert head(doc) == head(seed_doc)
    assert doc.tasks()[0].span.origin.startswith("page ")
    # the page numbers chromium printed are in the extracted text, and the normaliser drops them
    assert "— 2 —" in read_text(path).text
    assert all("— 2 —" not in t.text for t in doc.tasks())


def test_spans_of_a_word_file_say_which_paragraph_they_are_in(seed_text, tmp_path):
    doc = parse(makers.to_docx(seed_text, tmp_path / "seed.docx"))
    task = doc.tasks()[0]
    src = read_text(tmp_path / "seed.docx")
    assert src.text[task.span.start : task.span.end] == task.span.quote
    line = src.text[: task.span.start].count("\n") + 1
    assert task.span.origin == f"paragraph {line}"  # one paragraph a line, none empty here
    assert all(r.span.origin == task.span.origin for r in task.responsibilities)


def test_plain_text_spans_have_no_origin_and_json_leaves_the_key_out(seed_doc):
    assert seed_doc.tasks()[0].span.origin is None
    assert '"origin"' not in seed_doc.to_json()


def test_origins_survive_the_json_round_trip(seed_text, tmp_path):
    doc = parse(makers.to_docx(seed_text, tmp_path / "seed.docx"))
    again = kg.Document.from_json(doc.to_json())
    assert again.tasks()[2].span.origin == doc.tasks()[2].span.origin is not None


# ---- a task-division table in every form -------------------------------------------------
def rows(doc: kg.Document) -> list[tuple]:
    return [
        (t.number, t.title, [(r.role, doc.agencies[r.agency].short) for r in t.responsibilities], t.deadline)
        for t in doc.tasks()
    ]


@pytest.fixture(scope="module")
def table_rows():
    doc = parse_text(makers.table_text())
    found = rows(doc)
    assert len(found) == len(makers.ROWS)
    return found


def test_merged_cells_carry_down_in_the_rows_of_the_text_form(table_rows):
    # row 3's lead and row 2's deadline are covered by merged cells in the other forms
    assert table_rows[2][2][0] == ("lead", "市住房城乡建设局")
    assert table_rows[1][3] == "2023年6月底前"


def test_table_as_word_cells_with_vmerge_and_gridspan_gives_the_same_rows(table_rows, tmp_path):
    path = makers.table_docx(tmp_path / "table.docx")
    xml = __import__("zipfile").ZipFile(path).read("word/document.xml").decode()
    assert "w:vMerge" in xml and "w:gridSpan" in xml
    text = read_text(path).text
    assert "序号\t重点任务\t责任单位\t责任单位\t完成时限" in text  # 责任单位 carried across
    assert rows(parse(path)) == table_rows


def test_table_as_html_with_rowspan_and_colspan_gives_the_same_rows(table_rows, tmp_path):
    path = tmp_path / "table.html"
    path.write_text(makers.table_html(), encoding="utf-8")
    assert rows(parse(path)) == table_rows
    cell = parse(path).tasks()[2].clauses[0].responsibilities[0].span.origin
    assert cell == "table 1 row 4 cell 3"  # the merged cell of task 2 (rows 1–2 are headers)


def test_table_as_sheet_with_merged_ranges_gives_the_same_rows(table_rows, tmp_path):
    path = makers.table_xlsx(tmp_path / "table.xlsx")
    text = read_text(path).text
    assert text.startswith(makers.TITLE + "\n")  # the title row is the heading
    assert rows(parse(path)) == table_rows
    lead = parse(path).tasks()[2].clauses[0].responsibilities[0]
    assert lead.span.origin == "sheet 任务分工 table 1 cell C4"


def test_table_as_csv_gives_the_same_rows(table_rows, tmp_path):
    import csv

    path = tmp_path / "table.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([makers.TITLE])
        writer.writerow(makers.HEADER)
        writer.writerows(makers.ROWS)
    assert rows(parse(path)) == table_rows


def test_pdf_table_over_two_pages_keeps_every_row_and_its_header_once(browser, tmp_path):
    path = makers.to_pdf(browser, makers.long_table_html(40), tmp_path / "long.pdf")
    src = read_text(path)
    assert src.text.count("序号\t重点任务") == 1
    repeats = [w for w in src.extracted.warnings if w.kind == "table-header-repeat"]
    assert repeats and "序号" in repeats[0].message
    doc = parse(path)
    assert [t.number for t in doc.tasks()] == list(range(1, 41))
    assert all(rows(doc)[n][2] == [("lead", "市发展改革委"), ("support", "市财政局")] for n in range(40))
    pages = {t.span.origin.split(" row ")[0] for t in doc.tasks()}
    assert pages == {"table 1 page 1", "table 1 page 2"}


# ---- the pieces -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (2, "chineseLegalSimplified", "贰"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "lowerRoman", "iv"),
        (2, "upperLetter", "B"),
        (7, "decimal", "7"),
        (3, "decimalFullWidth", "３"),
    ],
)
def test_word_number_formats_as_word_shows_them(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_merged_cells_stand_in_every_position_they_cover():
    a, b, c = Cell("A", ()), Cell("B", ()), Cell("C", ())
    grid = expand([[(a, 2, 1), (b, 1, 2)], [(c, 1, 1)]])  # A across two, B down two
    assert grid == [[a, a, b], [c, None, b]]


def test_a_row_that_is_one_cell_across_the_table_is_a_line():
    title, x, y = Cell("一、优化审批", ()), Cell("1", ()), Cell("事项", ())
    out = TextBuilder("html")
    out.add_table([[title, title], [x, y]])
    assert out.result().text == "一、优化审批\n1\t事项\n"


def test_origin_of_a_span_over_several_cells_names_their_row():
    out = TextBuilder("docx")
    out.add_table(
        expand(
            [
                [
                    (Cell("序号", (("row", "1"), ("cell", "1"))), 1, 1),
                    (Cell("任务", (("row", "1"), ("cell", "2"))), 1, 1),
                ]
            ]
            * 2
        )
    )
    found = out.result()
    assert found.origin(0, 5) == "table 1 row 1"
    assert found.origin(0, 2) == "table 1 row 1 cell 1"


def test_web_page_text_with_role_words_left_out_says_so():
    page = (
        '<html><body><div class="nav"><a>首页</a></div><div class="article">'
        + "<p>一、加强组织领导。</p>" * 20
        + '</div><div class="footer">市发展改革委牵头</div></body></html>'
    )
    found = read_html(page, "x.html")
    footer = next(w for w in found.warnings if w.kind == "web-footer")
    assert "role words" in footer.message and "市发展改革委牵头" in footer.message


def test_web_page_source_line_breaks_inside_chinese_text_are_not_spaces():
    found = read_html("<html><body><p>省发展\n  改革委牵头</p></body></html>", "x.html")
    assert found.text == "省发展改革委牵头\n"


def test_web_page_in_gb18030_with_a_meta_charset_is_read(tmp_path):
    page = '<html><head><meta charset="gb2312"></head><body><p>市财政局牵头</p></body></html>'
    assert read_bytes(page.encode("gb18030"), "x.htm").text == "市财政局牵头\n"


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"%PDF-1.7\n", "x.txt", "pdf"),
        (b"<!DOCTYPE html><html>", "x.txt", "html"),
        (b"\xef\xbb\xbf<html><body>", "saved", "html"),
        (b"<p>text</p>", "page.htm", "html"),
        ("一、总体要求\n<注>".encode(), "plan.txt", "text"),
        (b"a,b\n1,2\n", "t.csv", "csv"),
    ],
)
def test_format_is_found_from_the_content(data, name, fmt):
    assert sniff(data, name) == fmt


def test_word_file_named_txt_is_read_as_word(seed_text, tmp_path):
    path = makers.to_docx("一、总体要求\n省财政厅牵头。", tmp_path / "x.docx")
    renamed = tmp_path / "plan.txt"
    renamed.write_bytes(path.read_bytes())
    assert read_text(renamed).text.startswith("一、总体要求\n")


def test_graph_of_a_word_file_gives_each_span_its_origin_and_still_validates(seed_graph, seed_text, tmp_path):
    from kg.ns import KG

    doc = parse(makers.to_docx(seed_text, tmp_path / "seed.docx"))
    g = kg.to_graph([doc])
    origins = {str(o) for o in g.objects(None, KG.origin)}
    assert "paragraph 15" in origins
    assert len(origins) > 20
    assert not list(seed_graph.triples((None, KG.origin, None)))  # plain text: no origin triples
    kg.validate(g)


GOV_LAYOUT_PAGE = """<div class="wrap"><table width="724"><tbody><tr><td>
<table class="bd1"><tbody>
<tr><td><b>索 引 号：</b></td><td>000000/2020-00001</td><td><b>主题分类：</b></td><td>综合政务</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">某某市人民政府关于加强营商环境建设的意见</td></tr>
<tr><td><b>发文字号：</b></td><td>某政发〔2020〕1号</td><td><b>发布日期：</b></td><td>2020年1月2日</td></tr>
</tbody></table></td></tr></tbody></table>
<table><tbody><tr><td><table><tbody><tr><td id="UCAP-CONTENT">
<p style="text-align:center">某某市人民政府关于加强营商环境建设的意见</p>
<p>一、优化审批服务</p><p>（一）推行一网通办。（市政务服务局牵头，市直各部门配合）</p>
</td></tr><tr><td></td></tr></tbody></table>
<div id="qr_container">扫一扫在手机打开当前页</div>
<table><tbody><tr><td><a onclick="window.print()"><img src="print.gif"></a></td></tr></tbody></table>
</td></tr></tbody></table></div>"""


def test_government_layout_page_keeps_its_metadata_as_label_lines_and_its_text_as_lines():
    found = read_html(GOV_LAYOUT_PAGE, "page.html")
    lines = found.text.splitlines()
    assert lines[:6] == [
        "索引号：000000/2020-00001",
        "主题分类：综合政务",
        "标题：某某市人民政府关于加强营商环境建设的意见",
        "发文字号：某政发〔2020〕1号",
        "发布日期：2020年1月2日",
        "某某市人民政府关于加强营商环境建设的意见",
    ]
    assert "（一）推行一网通办。（市政务服务局牵头，市直各部门配合）" in lines
    assert "\t" not in found.text  # layout tables are not data tables
    assert [w.kind for w in found.warnings] == ["web-share-bar"]
    assert found.origin(0, 5) == "table 1 row 1"


def test_web_page_table_caption_is_a_line_above_the_rows():
    page = (
        "<table><caption>重点任务分工表</caption><tr><th>序号</th><th>重点任务</th></tr>"
        "<tr><td>1</td><td>推进网办</td></tr></table>"
    )
    assert read_html(page, "x.html").text == "重点任务分工表\n序号\t重点任务\n1\t推进网办\n"


def test_web_page_laid_out_in_a_two_column_table_keeps_its_paragraphs_as_lines():
    body = "".join(f"<p>（{n}）第{n}项工作。</p>" for n in "一二三四五六七八九十")
    page = f"<table><tr><td><a href='/'>首页</a></td><td>{body}</td></tr><tr><td></td><td></td></tr></table>"
    lines = read_html(page, "x.html").text.splitlines()
    assert "（三）第三项工作。" in lines and not any("\t" in line for line in lines)


def _scan(browser, text: str, path: Path) -> Path:
    """A PDF of page images only, as a scanner makes: chromium prints the text, pdfium renders
    each page, Pillow writes the images back as a PDF."""
    import pypdfium2

    printed = makers.to_pdf(browser, makers.to_html(text, noise=False), path.with_suffix(".printed.pdf"))
    pages = [page.render(scale=300 / 72).to_pil().convert("L") for page in pypdfium2.PdfDocument(printed)]
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=300)
    return path


@pytest.mark.skipif(ocr.available() is not None, reason="OCR needs tesseract-ocr and tesseract-ocr-chi-sim")
def test_scanned_pdf_is_read_by_ocr_when_asked_and_refused_otherwise(browser, tmp_path):
    text = (
        "某某市人民政府办公室\n一、重点任务\n（一）推行企业开办一日办结。（市市场监管局牵头，市公安局配合）\n"
    )
    path = _scan(browser, text, tmp_path / "scan.pdf")
    with pytest.raises(kg.InputError, match="no text layer"):
        parse(path)
    doc = parse(path, ocr=True)
    assert [w.kind for w in doc.warnings if w.kind == "ocr"] == ["ocr"]
    task = doc.tasks()[0]
    assert "推行企业开办一日办结" in task.title
    assert [(r.role, doc.agencies[r.agency].short) for r in task.responsibilities] == [
        ("lead", "市市场监管局"),
        ("support", "市公安局"),
    ]


def test_pdf_paragraph_that_fills_its_last_line_is_not_joined_to_the_next(browser, tmp_path):
    first, second = "推进" * 10, "加强" * 5  # 20 characters of 12 pt fill a 240 pt line
    page = (
        "<html><head><meta charset='utf-8'><style>body{font:12pt 'Noto Sans CJK SC'}"
        "div{width:240pt}</style></head>"
        f"<body><div><p>{first}</p><p>{second}</p><p>{first}{second}</p></div></body></html>"
    )
    text = read_text(makers.to_pdf(browser, page, tmp_path / "p.pdf")).text
    assert text.splitlines()[:3] == [first, second, first + second]


def test_web_page_text_beside_the_document_is_left_out_with_a_warning_that_quotes_it():
    body = "".join(f"<p>（{n}）第{n}项工作由市财政局牵头。</p>" for n in "一二三四五六七八九十")
    page = f'<html><body><div id="zoom">{body}</div><div>本页访问量：1234</div></body></html>'
    found = read_html(page, "x.html")
    assert "本页访问量" not in found.text
    assert [(w.kind, "本页访问量：1234" in w.message) for w in found.warnings] == [("web-outside", True)]


def test_old_word_file_named_docx_is_named_for_what_it_is(tmp_path):
    from . import badfiles

    path = tmp_path / "plan.docx"
    path.write_bytes(badfiles.old_word())
    with pytest.raises(kg.InputError, match=r"old binary Word file \(\.doc\)"):
        parse(path)
