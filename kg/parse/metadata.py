"""Document metadata: the header (文号, title, 主送) and the closing block (issuer, date, 抄送,
印发) of a GB/T 9704 official document, read from the two ends of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.lexicon.words import ISSUER_SUFFIXES, TITLE_ENDINGS, alternation
from kg.parse.structure import Line, heading
from kg.text.brackets import split_outside_brackets
from kg.text.numerals import chinese_to_int

_CN = "一二三四五六七八九十百零〇"
_WENHAO = re.compile(r"([\u4e00-\u9fff]{1,12}[〔\[（【]\s*\d{4}\s*[〕\]）】]\s*第?\s*\d+\s*号)")
_TITLE_END = re.compile(f"({alternation(TITLE_ENDINGS)})$")
_ISSUER_END = re.compile(f"({alternation(ISSUER_SUFFIXES)})$")
_CN_DATE = rf"[\d〇○{_CN}]"
_DATE = re.compile(rf"^({_CN_DATE}{{4}})年({_CN_DATE}{{1,3}})月({_CN_DATE}{{1,3}})日$")
_PRINTED = re.compile(
    rf"^(?P<printer>.*?)[ 　]*(?P<date>{_CN_DATE}{{4}}年{_CN_DATE}{{1,3}}月{_CN_DATE}{{1,3}}日)[ 　]*印发$"
)
_PUBLICITY = re.compile(r"^（此件[^）]{0,12}）$")
# 附件, 附件1, 附件二 standing on a line of their own opens an attachment
_ATTACHMENT = re.compile(rf"^附件\s*[\d{_CN}]{{0,3}}\s*[:：]?$")


@dataclass
class Metadata:
    """What the two ends of a document say, and which lines are its body."""

    identifier: str | None = None  # 文号
    title: str | None = None
    issuer_name: str | None = None  # as signed; joint issuers separated by spaces
    date: str | None = None  # ISO
    recipients: list[str] = field(default_factory=list)  # 主送
    copied_to: list[str] = field(default_factory=list)  # 抄送
    printer: str | None = None
    printed: str | None = None
    body: tuple[int, int] = (0, 0)  # lines [start, end) of the main text, before any attachment
    end: int = 0  # where the attachments end (the closing block below them starts)
    attachments: list[int] = field(default_factory=list)  # the lines that open an attachment


def read_metadata(lines: list[Line]) -> Metadata:
    """The header and the closing blocks of ``lines``, and the body's bounds between them.

    The closing block is read upwards from the bottom (抄送, 印发 below everything) and, when
    attachments follow the signature, upwards from the first of them (issuer and date)."""
    meta = Metadata()
    body_from = _read_header(lines, meta)
    body_to = _read_closing(lines, body_from, meta)
    starts = [i for i in range(body_from + 1, body_to) if _ATTACHMENT.match(lines[i].text)]
    main_to = _read_closing(lines, body_from, meta, starts[0]) if starts else body_to
    _read_notice(lines, body_from, main_to, meta)
    meta.body, meta.end, meta.attachments = (body_from, main_to), body_to, starts
    return meta


def _read_header(lines: list[Line], doc: Metadata) -> int:
    """Read 文件 header, 文号, title and 主送 from the top; returns the first body line."""
    i = 0
    limit = min(len(lines), 8)
    while i < limit:
        line = lines[i].text
        if heading(line) or len(line) > 120 and "。" in line:
            break
        m = _WENHAO.search(line)
        if m and doc.identifier is None and len(line) < 60:
            doc.identifier = m.group(1).replace(" ", "")
            i += 1
            continue
        if line.endswith("文件") and len(line) <= 30 and doc.identifier is None:
            doc.issuer_name = doc.issuer_name or line[:-2].strip()
            i += 1
            continue
        if (
            doc.title is None
            and i + 1 < limit
            and _looks_like_issuer(line)
            and lines[i + 1].text.startswith("关于")
        ):
            doc.issuer_name = doc.issuer_name or line
            line = line + lines[i + 1].text  # 济南市人民政府 / 关于…的意见, a title on two lines
            i += 1
        if (
            doc.title is None
            and "。" not in line
            and not line.endswith("：")
            and ("关于" in line or _TITLE_END.search(line))
            and len(line) < 100
        ):
            title = line
            if (
                not _TITLE_END.search(line)
                and i + 1 < limit
                and _TITLE_END.search(lines[i + 1].text)
                and "。" not in lines[i + 1].text
            ):
                title += lines[i + 1].text
                i += 1
            doc.title = title
            i += 1
            continue
        if line.endswith("：") and len(line) < 300 and "。" not in line:
            doc.recipients = _split_list(line[:-1])
            i += 1
            continue
        break
    return i


def _read_closing(lines: list[Line], body_from: int, doc: Metadata, end: int | None = None) -> int:
    """Read issuer, date, 抄送 and 印发 upwards from ``end`` (the bottom, or where the
    attachments start); returns the end of the body."""
    j = len(lines) if end is None else end
    while j > body_from:
        line = lines[j - 1].text
        m = _PRINTED.match(line)
        if m:
            doc.printer = m.group("printer").strip() or None
            doc.printed = _iso_date(m.group("date"))
        elif line.startswith("抄送：") or line.startswith("抄送:"):
            doc.copied_to = _split_list(line[3:])
        elif _PUBLICITY.match(line) or re.match(r"^（?联系人|^（?联系电话", line):
            pass
        elif _DATE.match(line.replace(" ", "")):
            doc.date = _iso_date(line.replace(" ", ""))
            issuers: list[str] = []
            while j - 2 >= body_from and _looks_like_issuer(lines[j - 2].text):
                issuers[:0] = lines[j - 2].text.split()  # joint issuers sign one above another
                j -= 1
            if issuers:
                doc.issuer_name = " ".join(issuers)
            j = _attachment_list(lines, body_from, j - 1) + 1
        else:
            break
        j -= 1
    return j


def _attachment_list(lines: list[Line], body_from: int, j: int) -> int:
    """附件：1．… 2．… above the signature lists the attachments: it closes the body too."""
    k = j
    while k - 1 >= body_from and re.match(r"^\d{1,2}[.．、]", lines[k - 1].text) and j - k < 10:
        k -= 1
    if k - 1 >= body_from and re.match(r"^附件[:：]", lines[k - 1].text):
        return k - 1
    return j


def _read_notice(lines: list[Line], body_from: int, body_to: int, doc: Metadata) -> None:
    """关于印发《…》的通知: the notice signs and dates itself before the attached plan starts,
    so an issuer line and a date line before the first numbered heading are the document's."""
    if doc.date is not None:
        return
    for i in range(body_from, body_to):
        text = lines[i].text
        if heading(text):
            return
        if _DATE.match(text) and i > body_from and _looks_like_issuer(lines[i - 1].text):
            doc.date = _iso_date(text)
            doc.issuer_name = doc.issuer_name or lines[i - 1].text.split()[0]
            return


def _split_list(text: str) -> list[str]:
    """主送 and 抄送 lists: split on ，、。； outside brackets (各县（市、区）人民政府 is one)."""
    return [w for a, b in split_outside_brackets(text, "，、。；") if (w := text[a:b].strip())]


def _iso_date(text: str) -> str | None:
    m = re.match(rf"({_CN_DATE}{{4}})年({_CN_DATE}{{1,3}})月({_CN_DATE}{{1,3}})日", text)
    if not m:
        return None
    try:
        y, mo, d = (chinese_to_int(g) for g in m.groups())
    except ValueError:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _looks_like_issuer(line: str) -> bool:
    words = line.split()
    return (
        bool(words)
        and len(line) <= 60
        and "。" not in line
        and "，" not in line
        and bool(_ISSUER_END.search(words[-1]))
        and heading(line) is None
    )
