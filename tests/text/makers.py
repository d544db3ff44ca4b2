"""Documents in other formats made from a text at test time: Word with automatic numbering,
a saved web page with the noise of a government site around it, a PDF printed by chromium."""

from __future__ import annotations

import html
import re
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
_ITEM = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def to_docx(text: str, path: Path, table: list[list[str]] | None = None) -> Path:
    """A .docx of ``text``, one paragraph a line; 一、 and (一) are Word's automatic numbers
    (chineseCounting), not typed characters."""
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">'
            '<w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="(%2)"/><w:suff w:val="nothing"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for line in text.split("\n"):
        level = None
        if m := _SECTION.match(line):
            level, line = 0, line[m.end() :]
        elif m := _ITEM.match(line):
            level, line = 1, line[m.end() :]
        p = doc.add_paragraph(line)
        if level is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
    doc.save(str(path))
    return path


NAV = (
    '<div class="header"><div class="logo">某某省人民政府</div></div>'
    '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
    '<li><a href="/zcwj">政策文件</a></li></ul></div>'
    '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zcwj">政策文件</a></div>'
)
FOOTER = (
    '<div class="share">分享到：<a>微信</a><a>微博</a></div>'
    '<div class="fujian"><p>附件下载：</p><a href="a.pdf">附件.pdf</a></div>'
    '<div class="footer"><p>主办单位：某某省人民政府办公厅 版权所有</p>'
    "<p>网站标识码：3700000000 鲁ICP备00000000号</p></div>"
)


def to_html(text: str, body: str | None = None, noise: bool = True) -> str:
    """A saved government page: header, navigation, breadcrumb, the text (one <p> a line),
    share bar, attachment list and footer (``noise=False``: the text alone, for printing)."""
    paras = (
        body
        if body is not None
        else "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政策文件</title>'
        "<style>body{font-family:'Noto Serif CJK SC',serif}</style>"
        f'<script>var x="牵头";</script></head><body>{NAV if noise else ""}'
        f'<div class="main"><div class="TRS_Editor">{paras}</div></div>'
        f"{FOOTER if noise else ''}</body></html>"
    )


def to_pdf(browser, page_html: str, path: Path) -> Path:
    """``page_html`` printed to PDF by headless chromium (A4, a page number in the footer)."""
    page = browser.new_page()
    try:
        page.set_content(page_html)
        path.write_bytes(
            page.pdf(
                format="A4",
                margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
                display_header_footer=True,
                header_template="<span></span>",
                footer_template='<div style="font-size:9px;width:100%;text-align:center">— '
                '<span class="pageNumber"></span> —</div>',
            )
        )
    finally:
        page.close()
    return path


# A task-division table: the header, then rows of 序号, 重点任务, 牵头单位, 配合单位, 完成时限.
HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    [
        "1",
        "推行企业开办“一日办结”，实现全流程网上办理。",
        "市市场监管局",
        "市公安局、市税务局",
        "2023年6月底前",
    ],
    [
        "2",
        "深化工程建设项目审批制度改革，审批时间压缩至15天以内。",
        "市住房城乡建设局",
        "市自然资源和规划局",
        "2023年6月底前",
    ],
    ["3", "推进不动产登记便利化，推行抵押登记“全程网办”。", "市住房城乡建设局", "市税务局", "2023年12月底前"],
    [
        "4",
        "加强中小企业融资支持，新增中小微企业贷款100亿元以上。",
        "市地方金融监管局",
        "市财政局",
        "2023年12月底前",
    ],
]
TITLE = "潍坊市优化营商环境重点任务分工表"
# Merged cells: 牵头单位 of rows 2–3 is one cell, 完成时限 of rows 1–2 and of rows 3–4 too;
# the header is two rows, 责任单位 spanning 牵头单位 and 配合单位.
LEAD_MERGE = (1, 2)  # 0-based data rows whose 牵头单位 is one cell
DEADLINE_MERGES = ((0, 1), (2, 3))


def table_text() -> str:
    """The table as the TSV text form the parser reads: every cell written out."""
    lines = [TITLE, "\t".join(HEADER)] + ["\t".join(r) for r in ROWS]
    return "\n".join(lines) + "\n"


def _covered(r: int, c: int) -> bool:
    """Whether data cell (r, c) is covered by a merged cell that starts above it."""
    if c == 2:
        return r == LEAD_MERGE[1]
    if c == 4:
        return any(r == b for _, b in DEADLINE_MERGES)
    return False


def _rowspan(r: int, c: int) -> int:
    if c == 2 and r == LEAD_MERGE[0]:
        return 2
    if c == 4 and any(r == a for a, _ in DEADLINE_MERGES):
        return 2
    return 1


def table_docx(path: Path) -> Path:
    """The table as Word cells: a two-row header (责任单位 across two columns, the others
    merged down) and merged 牵头单位 and 完成时限 cells (vMerge, gridSpan)."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(TITLE)
    t = doc.add_table(rows=2 + len(ROWS), cols=5)
    for c in (0, 1, 4):
        t.cell(0, c).text = HEADER[c]
        t.cell(0, c).merge(t.cell(1, c))
    t.cell(0, 2).text = "责任单位"
    t.cell(0, 2).merge(t.cell(0, 3))
    t.cell(1, 2).text, t.cell(1, 3).text = HEADER[2], HEADER[3]
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if not _covered(r, c):
                t.cell(2 + r, c).text = value
    a, b = LEAD_MERGE
    t.cell(2 + a, 2).merge(t.cell(2 + b, 2))
    for a, b in DEADLINE_MERGES:
        t.cell(2 + a, 4).merge(t.cell(2 + b, 4))
    doc.save(str(path))
    return path


def table_html() -> str:
    """The table as an HTML <table> with rowspan and colspan, on a government page."""
    head = (
        '<tr><th rowspan="2">序号</th><th rowspan="2">重点任务</th><th colspan="2">责任单位</th>'
        '<th rowspan="2">完成时限</th></tr><tr><th>牵头单位</th><th>配合单位</th></tr>'
    )
    rows = []
    for r, row in enumerate(ROWS):
        cells = "".join(
            f'<td rowspan="{_rowspan(r, c)}">{html.escape(v)}</td>'
            if _rowspan(r, c) > 1
            else f"<td>{html.escape(v)}</td>"
            for c, v in enumerate(row)
            if not _covered(r, c)
        )
        rows.append(f"<tr>{cells}</tr>")
    table = f'<p>{TITLE}</p><table border="1"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
    return to_html("", body=table)


def table_xlsx(path: Path) -> Path:
    """The table as a sheet: a title row merged across, merged 牵头单位 and 完成时限 cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务分工"
    sheet.append([TITLE])
    sheet.merge_cells("A1:E1")
    sheet.append(HEADER)
    for r, row in enumerate(ROWS):
        sheet.append([None if _covered(r, c) else v for c, v in enumerate(row)])
    a, b = LEAD_MERGE
    sheet.merge_cells(f"C{3 + a}:C{3 + b}")
    for a, b in DEADLINE_MERGES:
        sheet.merge_cells(f"E{3 + a}:E{3 + b}")
    book.save(str(path))
    return path


def long_table_html(rows: int = 40) -> str:
    """A table long enough to run over two printed pages; chromium repeats its <thead> on
    every page, as a PDF of a task-division table does."""
    body = "".join(
        f"<tr><td>{n}</td><td>推进第{n}项重点工作落实。</td><td>市发展改革委</td>"
        f"<td>市财政局</td><td>2023年底前</td></tr>"
        for n in range(1, rows + 1)
    )
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    style = (
        "<style>table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;"
        "padding:6px;font-size:14px}body{font-family:'Noto Sans CJK SC',sans-serif}</style>"
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{style}</head><body>"
        f"<p>{TITLE}</p><table><thead>{head}</thead><tbody>{body}</tbody></table>"
        "</body></html>"
    )
