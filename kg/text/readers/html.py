"""A saved web page (.html, .htm) → the text of the document it shows.

Government sites wrap a document in navigation, a breadcrumb, a metadata table, share bars,
an attachment list and a footer. We parse with lxml and decide ourselves what is boilerplate,
because every part we leave out must become a warning saying what it was: trafilatura finds
the main text well but drops lines silently (a short ``牵头单位：市工信局`` line looks like
boilerplate to it) and flattens tables, and selectolax is a faster parser with no more to
offer here than lxml, which the docx reader needs anyway.

Guarantees: block elements (p, div, li, h1–h6, br …) become lines; a data table (one without
tables inside) becomes tab-separated rows with rowspan and colspan expanded; a layout table
(tables inside) is read as blocks; scripts and styles are not text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml import etree

from kg.errors import InputError
from kg.text.readers import Cell, Extracted, TextBuilder, dropped, expand
from kg.vocab import WarningKind

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "html",
        "caption",
    ]
)
_NOT_TEXT = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "map",
    ]
)
# Boilerplate by tag, then by class/id token. Each kind names what it is in the warning.
_TAGS = {"nav": "navigation", "footer": "page footer", "header": "page header", "aside": "sidebar"}
_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "navigation",
        re.compile(
            r"nav|menu|crumb|breadcrumb|position|location|dqwz|daohang|"
            r"topbar|top-bar|channel|lanmu",
            re.I,
        ),
    ),
    (
        "share bar",
        re.compile(
            r"share|bdshare|fenxiang|jiathis|social|weixin|wechat|qrcode|"
            r"erweima|^qr|[-_]qr",
            re.I,
        ),
    ),
    ("page footer", re.compile(r"foot|copyright|bottom|banquan", re.I)),
    ("page header", re.compile(r"^(?:header|banner|logo|top|topbar)(?:[-_].*)?$", re.I)),
    ("sidebar", re.compile(r"sidebar|side-bar|aside|related|xgwj|xgxx|recommend|^hot|[-_]hot", re.I)),
    ("attachment list", re.compile(r"attach|fujian|download|xiazai", re.I)),
    ("tools bar", re.compile(r"print|tool|font-?size|zihao|dayin|close|favorite", re.I)),
)
_TEXT_MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("attachment list", re.compile(r"^\s*(?:附件下载|相关附件|附件)[：:]?\s*$")),
    ("share bar", re.compile(r"^\s*分享到[：:]?|^\s*扫一扫")),
    ("tools bar", re.compile(r"【\s*(?:打印|关闭|字体|大|中|小)|打印本页|关闭窗口")),
    (
        "page footer",
        re.compile(
            r"版权所有|网站标识码|ICP备|主办单位[：:]|技术支持[：:]|"
            r"网站地图|联系我们|公网安备"
        ),
    ),
    ("navigation", re.compile(r"^\s*(?:当前位置|您现在的位置|您的位置)[：:]|^\s*(?:上一篇|下一篇)[：:]")),
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
Element = Any  # an lxml.html element (lxml ships no type information)
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_CJK = r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]"
_WRAP = re.compile(rf"(?<={_CJK})[ \t\r]*\n\s*(?={_CJK})")
# Names the common government CMSs give the element that holds the document; an element so
# named is never taken for boilerplate, whatever its other classes say ("content print").
_CONTENT = re.compile(
    r"^(?:TRS_Editor|TRS_UEDITOR|pages_content|UCAP-CONTENT|zoom|article|content|main|"
    r"main-?content|article-?content|zhengwen|zw|wzcon|detail|text)$",
    re.I,
)


def read_html(text: str, name: str) -> Extracted:
    """The text of a saved government web page (decoded), boilerplate left out with a warning
    each."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses a str that declares bytes
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"{name}: not a readable web page ({e})") from None
    out = TextBuilder("html")
    _Walker(out).run(root)
    if not out.length:
        raise InputError(f"{name}: the web page holds no text")
    return out.result()


class _Walker:
    def __init__(self, out: TextBuilder) -> None:
        self.out = out
        self.blocks = 0
        self.pending: list[str] = []

    def run(self, root: Element) -> None:
        body = root.find("body")
        top = body if body is not None else root
        main = _main(top)
        if main is not top:
            title = _title(root, main)
            if title:
                self.out.add_line(title, (("title", "1"),))
            self._outside(top, main, title)
        self._walk(main)
        self._flush()

    def _outside(self, node: Element, main: Element, title: str | None) -> None:
        """Text of the page around the main part: left out, each block named in a warning."""
        for child in node:
            if not isinstance(child.tag, str) or child.tag in _NOT_TEXT:
                continue
            if child is main:
                continue
            if main in child.iterdescendants():
                self._outside(child, main, title)
                continue
            text = _text(child)
            if text.strip() and text.strip() != title:
                kind = _boiler(child) or "text outside the document"
                self.out.warnings.append(dropped(_kind(kind), f"the page's {kind}", text, self.out.line))

    def _walk(self, el: Element) -> None:
        for node in _children(el):
            if isinstance(node, str):
                self.pending.append(node)
                continue
            tag = node.tag
            if tag in _NOT_TEXT:
                continue
            kind = _boiler(node)
            if kind:
                text = _text(node)
                if text.strip():
                    self._flush()
                    self.out.warnings.append(dropped(_kind(kind), f"the page's {kind}", text, self.out.line))
                continue
            if tag == "br":
                self._flush()
            elif tag == "table" and _is_data_table(node):
                self._flush()
                self._table(node)
            elif tag in _BLOCKS:
                self._flush()
                self._walk(node)
                self._flush()
            else:
                self._walk(node)

    def _flush(self) -> None:
        text = _WRAP.sub("", "".join(self.pending))  # a source line break inside Chinese text
        text = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()
        self.pending = []
        if not text.replace("\u3000", "").replace("\xa0", "").strip():
            return
        kind = next((k for k, p in _TEXT_MARKS if p.search(text)), None)
        if kind and len(text) <= 120:
            self.out.warnings.append(dropped(_kind(kind), f"the page's {kind}", text, self.out.line))
            return
        self.blocks += 1
        self.out.add_line(text, (("paragraph", str(self.blocks)),))

    def _table(self, table: Element) -> None:
        caption = table.find("caption")
        if caption is not None and _text(caption):
            self.blocks += 1
            self.out.add_line(_text(caption), (("paragraph", str(self.blocks)),))
        rows: list[list[tuple[Cell, int, int]]] = []
        for r, tr in enumerate(_rows(table), 1):
            row = []
            for c, td in enumerate((x for x in tr if x.tag in ("td", "th")), 1):
                cell = Cell(_cell_text(td), (("row", str(r)), ("cell", str(c))))
                row.append((cell, _int(td.get("colspan")), _int(td.get("rowspan"), zero=True)))
            rows.append(row)
        self.out.add_table(expand(rows))


def _title(root: Element, main: Element) -> str | None:
    """The document's title where the page shows it outside the main part (an h1 above the
    text, or the ArticleTitle meta tag of the common government CMS), unless the main part
    opens with it."""
    found = [_text(el) for el in root.iter("h1", "h2") if main not in el.iterancestors() and not _boiler(el)]
    found += [
        m.get("content", "") for m in root.iter("meta") if (m.get("name") or "").lower() == "articletitle"
    ]
    head = "".join(_text(main).split())[:300]
    for title in found:
        title = " ".join(title.split())
        if title and "".join(title.split()) not in head:
            return title
    return None


def _children(el: Element) -> Iterator[str | Element]:
    """Text and child elements of ``el`` in document order."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


def _text(el: Element) -> str:
    parts = []
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in _NOT_TEXT:
            continue
        if node.text and not _in_not_text(node):
            parts.append(node.text)
        if node is not el and node.tail and not _in_not_text(node.getparent()):
            parts.append(node.tail)
    return " ".join(" ".join(parts).split())


def _in_not_text(node: Element | None) -> bool:
    while node is not None:
        if isinstance(node.tag, str) and node.tag in _NOT_TEXT:
            return True
        node = node.getparent()
    return False


def _cell_text(td: Element) -> str:
    lines: list[str] = []
    current: list[str] = []
    for node in _children(td):
        if isinstance(node, str):
            current.append(node)
        elif node.tag in _NOT_TEXT:
            continue
        elif node.tag == "br" or node.tag in _BLOCKS:
            lines.append("".join(current))
            current = []
            if node.tag != "br":
                lines.append(_cell_text(node))
        else:
            current.append(_cell_text(node))
    lines.append("".join(current))
    return "\n".join(" ".join(x.split()) for x in lines if x.split())


def _rows(table: Element) -> Iterator[Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _is_data_table(table: Element) -> bool:
    """A table of cells, not one that lays out the page: no table inside, two rows or more,
    two columns or more, and no cell that holds a page of paragraphs or headings."""
    if any(True for _ in table.iterdescendants("table")):
        return False
    for td in table.iter("td", "th"):
        blocks = sum(1 for el in td.iterdescendants() if el.tag in _PARAGRAPHS)
        if blocks > _MAX_CELL_PARAGRAPHS or any(True for _ in td.iterdescendants(*_HEADINGS)):
            return False
    rows = list(_rows(table))
    return len(rows) >= 2 and max(sum(1 for x in tr if x.tag in ("td", "th")) for tr in rows) >= 2


_PARAGRAPHS = frozenset(["p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6"])
_HEADINGS = ("h1", "h2", "h3")
_MAX_CELL_PARAGRAPHS = 8  # a task cell may hold a few paragraphs; a page's text holds more


def _int(value: str | None, zero: bool = False) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        return 1
    return n if n > 0 or (zero and n == 0) else 1


def _boiler(el: Element) -> str | None:
    """What kind of page furniture ``el`` is, from its tag, class or id; None for content."""
    if el.tag in _TAGS:
        return _TAGS[el.tag]
    names = f"{el.get('class', '')} {el.get('id', '')}".split()
    if any(_CONTENT.match(n) for n in names):
        return None
    for kind, pattern in _TOKENS:
        if any(pattern.search(n) for n in names):
            return kind
    return None


_KINDS = {
    "navigation": WarningKind.WEB_NAVIGATION,
    "page header": WarningKind.WEB_HEADER,
    "page footer": WarningKind.WEB_FOOTER,
    "share bar": WarningKind.WEB_SHARE_BAR,
    "attachment list": WarningKind.WEB_ATTACHMENTS,
    "sidebar": WarningKind.WEB_SIDEBAR,
    "tools bar": WarningKind.WEB_TOOLS,
    "text outside the document": WarningKind.WEB_OUTSIDE,
}


def _kind(what: str) -> WarningKind:
    return _KINDS[what]


def _main(top: Element) -> Element:
    """The element that holds the document: where the most text outside links is, once the
    boilerplate is set aside; the whole page when no element clearly holds it."""
    scores: dict[Element, int] = {}

    def score(el: Element) -> tuple[int, int]:
        if _boiler(el) or el.tag in _NOT_TEXT:
            return 0, 0
        own = sum(_cjk(t) for t in (el.text, *(c.tail for c in el)) if t)
        linked = own if el.tag == "a" else 0
        own = 0 if el.tag == "a" else own
        for child in el:
            if isinstance(child.tag, str):
                o, k = score(child)
                own, linked = own + o, linked + k
        scores[el] = own
        return own, linked

    total, _ = score(top)
    if not total:
        return top
    best = top
    node = top
    while True:  # go down while one child holds nearly all the text
        kids = [c for c in node if isinstance(c.tag, str) and scores.get(c)]
        inner = max(kids, key=lambda c: scores[c], default=None)
        if inner is None or scores[inner] < 0.9 * scores[node] or inner.tag in ("tr", "td", "table", "tbody"):
            break
        node = inner
        best = node
    return best


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" or ch.isdigit())
