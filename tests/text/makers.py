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


def to_html(text: str, body: str | None = None) -> str:
    """A saved government page: header, navigation, breadcrumb, the text (one <p> a line),
    share bar, attachment list and footer."""
    paras = (
        body
        if body is not None
        else "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政策文件</title>'
        "<style>body{font-family:'Noto Serif CJK SC',serif}</style>"
        f'<script>var x="牵头";</script></head><body>{NAV}'
        f'<div class="main"><div class="TRS_Editor">{paras}</div></div>{FOOTER}</body></html>'
    )


def to_pdf(page_html: str, path: Path) -> Path:
    """``page_html`` printed to PDF by headless chromium (A4, the CJK font installed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content(page_html)
            path.write_bytes(
                page.pdf(
                    format="A4",
                    margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"},
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template='<div style="font-size:9px;width:100%;'
                    'text-align:center">— <span class="pageNumber"></span> —'
                    "</div>",
                )
            )
        finally:
            browser.close()
    return path
