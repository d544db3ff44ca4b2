"""Word (.docx) → text: paragraphs in order, automatic numbers written out, tables as rows.

Read with lxml on the package's XML rather than python-docx: the automatic numbers
(``w:numPr`` and ``numbering.xml``) and the merged cells (``w:vMerge``, ``w:gridSpan``) that
carry the structure of a policy document are below what python-docx exposes, so it would add
a dependency and still leave the XML to us.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from kg.errors import InputError
from kg.text.readers import Cell, Extracted, TextBuilder, dropped, expand
from kg.vocab import WarningKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
_CN_DIGITS = "零一二三四五六七八九"
_TRAD_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def read_docx(data: bytes, name: str) -> Extracted:
    """The text of a Word document; InputError if the package is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body = _xml(z, "word/document.xml", name)
            numbering = _xml(z, "word/numbering.xml", name, required=False)
            styles = _xml(z, "word/styles.xml", name, required=False)
    except zipfile.BadZipFile:
        raise InputError(
            f"{name}: a damaged Word file (its zip structure cannot be read); "
            "open it in Word or LibreOffice and save it again as .docx"
        ) from None
    return _Reader(_Numbering(numbering, styles), name).read(body)


def _xml(z: zipfile.ZipFile, member: str, name: str, required: bool = True) -> Any:
    try:
        raw = z.read(member)
    except KeyError:
        if not required:
            return None
        raise InputError(
            f"{name}: a damaged Word file ({member} is missing); open it in Word "
            "or LibreOffice and save it again as .docx"
        ) from None
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise InputError(
            f"{name}: a damaged Word file ({member}: {e}); open it in Word or "
            "LibreOffice and save it again as .docx"
        ) from None
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as e:
        raise InputError(
            f"{name}: a damaged Word file ({member} is not well-formed XML: {e}); "
            "open it in Word or LibreOffice and save it again as .docx"
        ) from None


def _val(el: Any, path: str) -> str | None:
    found = el.find(path) if el is not None else None
    return found.get(_W + "val") if found is not None else None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level


@dataclass
class _Numbering:
    """numbering.xml: which list each paragraph belongs to and how its numbers look."""

    root: Any = None  # numbering.xml and styles.xml, absent in some packages
    styles: Any = None
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> lvls
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> …
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numId, lvl
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.root is not None:
            for a in self.root.iter(_W + "abstractNum"):
                self.levels[a.get(_W + "abstractNumId")] = {
                    int(lvl.get(_W + "ilvl", "0")): _level(lvl) for lvl in a.iter(_W + "lvl")
                }
            for n in self.root.iter(_W + "num"):
                overrides = {}
                for o in n.iter(_W + "lvlOverride"):
                    start = _val(o, _W + "startOverride")
                    if start is not None:
                        overrides[int(o.get(_W + "ilvl", "0"))] = int(start)
                self.nums[n.get(_W + "numId")] = (_val(n, _W + "abstractNumId") or "", overrides)
        if self.styles is not None:
            for s in self.styles.iter(_W + "style"):
                num = s.find(f"{_W}pPr/{_W}numPr")
                if num is not None:
                    self.style_num[s.get(_W + "styleId")] = (
                        _val(num, _W + "numId") or "",
                        int(_val(num, _W + "ilvl") or 0),
                    )

    def label(self, p: Any) -> str:
        """The number Word shows before paragraph ``p`` (and counts it), or ''."""
        ppr = p.find(_W + "pPr")
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, _W + "numId"), int(_val(num_pr, _W + "ilvl") or 0)
        style = _val(ppr, _W + "pStyle") if ppr is not None else None
        if num_id is None and style in self.style_num:
            num_id, ilvl = self.style_num[style]
            if num_pr is not None and _val(num_pr, _W + "ilvl") is not None:
                ilvl = int(_val(num_pr, _W + "ilvl") or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        counts = self.counters.setdefault(abstract, [])
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                while len(counts) <= lvl:
                    counts.append(0)
                counts[lvl] = start - 1
        while len(counts) <= ilvl:
            counts.append(levels.get(len(counts), _Level()).start - 1)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = levels.get(deeper, _Level()).start - 1
        level = levels.get(ilvl, _Level())
        if level.fmt == "none":
            return ""
        text = level.text
        for k in range(ilvl, -1, -1):
            shown = levels.get(k, _Level())
            value = max(counts[k], shown.start) if k != ilvl else counts[k]
            text = text.replace(f"%{k + 1}", format_number(value, shown.fmt))
        return text + (" " if level.suffix == "space" else "")


def _level(lvl: Any) -> _Level:
    return _Level(
        fmt=_val(lvl, _W + "numFmt") or "decimal",
        text=_val(lvl, _W + "lvlText") or "",
        start=int(_val(lvl, _W + "start") or 1),
        suffix=_val(lvl, _W + "suff") or "tab",
    )


def format_number(n: int, fmt: str) -> str:
    """``n`` in a Word number format: chineseCounting 12 → 十二, ideographTraditional 2 → 乙 …"""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "ideographDigital",
        "taiwaneseCountingThousand",
    ):
        return _chinese(n, _CN_DIGITS, "十百千")
    if fmt in ("chineseLegalSimplified", "taiwaneseDigital"):
        return _chinese(n, _TRAD_DIGITS, "拾佰仟")
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) - ord("0") + 0xFF10) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "bullet":
        return ""
    return str(n)


def _chinese(n: int, digits: str, units: str) -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    parts = [(n // 1000, units[2]), (n // 100 % 10, units[1]), (n // 10 % 10, units[0]), (n % 10, "")]
    zero = False
    for d, unit in parts:
        if d:
            if zero and out:
                out += digits[0]
            out += digits[d] + unit
            zero = False
        else:
            zero = bool(out)
    if out.startswith(digits[1] + units[0]) and n < 20:
        out = out[1:]  # 十二, not 一十二
    return out


def _roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out


class _Reader:
    def __init__(self, numbering: _Numbering, name: str) -> None:
        self.numbering = numbering
        self.name = name
        self.out = TextBuilder("docx")
        self.paragraphs = 0

    def read(self, root: Any) -> Extracted:
        body = root.find(_W + "body")
        if body is None:
            raise InputError(
                f"{self.name}: a damaged Word file (the document has no body); "
                "open it in Word or LibreOffice and save it again as .docx"
            )
        self._blocks(body)
        return self.out.result()

    def _blocks(self, parent: Any) -> None:
        for el in parent:
            if el.tag == _W + "p":
                self.paragraphs += 1
                self.out.add_line(self._paragraph(el), (("paragraph", str(self.paragraphs)),))
            elif el.tag == _W + "tbl":
                self._table(el)
            elif el.tag == _W + "sdt":
                content = el.find(_W + "sdtContent")
                if content is not None:
                    self._blocks(content)

    def _paragraph(self, p: Any) -> str:
        return self.numbering.label(p) + _runs_text(p)

    def _table(self, tbl: Any) -> None:
        rows: list[list[tuple[Cell, int, int]]] = []
        vmerge: dict[int, Cell] = {}  # grid column -> the cell a vMerge continues
        for r, tr in enumerate(tbl.iterfind(_W + "tr"), 1):
            row: list[tuple[Cell, int, int]] = []
            col = int(_val(tr, f"{_W}trPr/{_W}gridBefore") or 0)
            for _ in range(col):
                row.append((Cell("", (("row", str(r)), ("cell", str(len(row) + 1)))), 1, 1))
            for tc in tr.iterfind(_W + "tc"):
                tcpr = tc.find(_W + "tcPr")
                span = int(_val(tcpr, _W + "gridSpan") or 1)
                merge = tcpr.find(_W + "vMerge") if tcpr is not None else None
                if merge is not None and merge.get(_W + "val") != "restart" and col in vmerge:
                    cell = vmerge[col]  # a continued vertical merge: the text of the top cell
                else:
                    cell = Cell(self._cell_text(tc), (("row", str(r)), ("cell", str(col + 1))))
                    if merge is not None:
                        vmerge[col] = cell
                    else:
                        vmerge.pop(col, None)
                row.append((cell, span, 1))
                col += span
            rows.append(row)
        self.out.add_table(expand(rows))

    def _cell_text(self, tc: Any) -> str:
        parts = []
        for el in tc:
            if el.tag == _W + "p":
                parts.append(self._paragraph(el))
            elif el.tag == _W + "tbl":
                self.out.warnings.append(
                    dropped(
                        WarningKind.NESTED_TABLE,
                        "the layout of a table inside a table cell (its text is kept in the cell)",
                        "".join(el.itertext()),
                        self.out.line,
                    )
                )
                parts.extend(
                    " ".join(_runs_text(p) for p in row.iter(_W + "p")) for row in el.iter(_W + "tr")
                )
        return "\n".join(x for x in parts if x.strip())


def _runs_text(p: Any) -> str:
    """The visible text of a paragraph: runs, tabs and breaks (text boxes included), without
    deleted text, field codes or the fallback copy of alternate content."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if _inside(el, p, (_W + "del", f"{{{MC}}}Fallback")):
            continue
        if tag == _W + "t":
            out.append(el.text or "")
        elif tag == _W + "tab" and el.getparent() is not None and el.getparent().tag == _W + "r":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _inside(el: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in tags:
            return True
        node = node.getparent()
    return False
