"""Original text → normalised text, keeping a map from every normalised character back.

The parser only ever sees normalised text: converter pinyin removed (``發(fā)`` → ``發``),
Traditional converted to Simplified (OpenCC ``t2s``), full-width letters and digits folded to
ASCII and Chinese punctuation folded to its full-width form (``(`` → ``（``, ``,`` → ``，``).
Every step keeps or deletes characters one for one, so ``offsets[i]`` is the position in the
original text of normalised character ``i`` and any span found by the parser can be reported
against the original.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress

from kg.model import Span, TextWarning
from kg.vocab import WarningKind

_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü", "aaaaeeeeiiiioooouuuuvvvvv")
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|"
    r"ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v)"
)
_SYLLABLE = re.compile(rf"{_INITIAL}{_FINAL}")
_TONE_MARKS = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")
_ANNOTATION = re.compile(r"(?<=[\u3400-\u9fff])[（(]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?)[）)]")
# Runs that an encoding accident leaves: '?!?', '???', U+FFFD, and the classic GBK mojibake.
_DAMAGE = re.compile(r"[?？\ufffd][?？!！\ufffd]+|\ufffd|(?:锟斤拷)+|(?:烫烫烫)+|(?:屯屯屯)+")

_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
_TO_HALF = {
    "．": ".",
    "％": "%",
    "＋": "+",
    "－": "-",
    "～": "~",
    "〜": "~",
    "／": "/",
    "＝": "=",
    "＜": "<",
    "＞": ">",
    "［": "[",
    "］": "]",
    "｛": "{",
    "｝": "}",
    "＂": '"',
    "＇": "'",
    "＆": "&",
    "＃": "#",
    "＊": "*",
    "＠": "@",
    "＿": "_",
    "｜": "|",
    "\u3000": " ",
    "\u00a0": " ",
    "\u2013": "-",
    "\u2212": "-",
    "﹐": "，",
    "﹔": "；",
    "﹕": "：",
    "﹙": "（",
    "﹒": ".",
    "﹚": "）",
    "︰": "：",
    "﹖": "？",
    "﹗": "！",
}


@dataclass
class NormalizedText:
    """The normalised text and the way back to the original."""

    original: str
    text: str
    offsets: list[int]
    warnings: list[TextWarning] = field(default_factory=list)
    removed_annotations: int = 0
    unwrapped: int = 0  # characters of page furniture and hard line breaks removed
    # where original text came from (page, paragraph, cell), for text a reader extracted
    locate: Callable[[int, int], str | None] | None = None

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.original)]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) to the original [start, end)."""
        if start >= len(self.offsets):
            return len(self.original), len(self.original)
        ostart = self.offsets[start]
        oend = self.offsets[end - 1] + 1 if end > start else ostart
        return ostart, oend

    def written(self, start: int, end: int) -> str:
        """The original characters behind a normalised range, converter pinyin left out."""
        return "".join(self.original[i] for i in self.offsets[start:end])

    def line_col(self, original_index: int) -> tuple[int, int]:
        """1-based line and column of an original offset."""
        line = bisect.bisect_right(self._line_starts, original_index) - 1
        return line + 1, original_index - self._line_starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        """A Span of the original text for a normalised range."""
        return self.original_span(*self.to_original(start, end))

    def original_span(self, ostart: int, oend: int) -> Span:
        line, col = self.line_col(ostart)
        origin = self.locate(ostart, oend) if self.locate is not None else None
        return Span(ostart, oend, line, col, self.original[ostart:oend], origin)


def normalize(original: str, protect: Callable[[str], bool] | None = None) -> NormalizedText:
    """Normalise a decoded document (see the module docstring for the steps).

    ``protect(line)`` says that a line carries meaning (a role word, an agency list, a deadline)
    and must stay even when it repeats like a running header; a line with a number always stays
    unless it is a page number or a running header by its form (公报, 第7期). Every line removed
    as page furniture is reported as a ``removed-text`` warning with its line.
    """
    chars, offsets, removed = _strip_annotations(original.translate(_radicals()))  # one for one
    simplified = to_simplified("".join(chars))
    # one character for one: the context-free folds by a table, then the few that look around
    folded = _TO_FULL_CHARS.sub(lambda m: _fold(simplified, m.start()), simplified.translate(_fold_table()))
    keep, gone = _page_layout(folded, protect or (lambda line: False))
    text = "".join(compress(folded, keep))
    kept = list(compress(offsets, keep))
    nt = NormalizedText(original, text, kept, removed_annotations=removed)
    nt.unwrapped = keep.count(False)
    for a, b, line in gone:
        span = nt.original_span(offsets[a], offsets[b - 1] + 1)
        nt.warnings.append(
            TextWarning(
                WarningKind.REMOVED_TEXT.value,
                f"removed as page furniture: “{line}”",
                span.line,
                span.column,
                span,
            )
        )
    nt.warnings.extend(_damage_warnings(nt))
    return nt


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[—–\-]+\s*\d{1,4}\s*[—–\-]+|第\s*\d{1,4}\s*页(?:\s*[，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|·\s*\d{1,4}\s*·)\s*$"
)
_RUNNING_HEADER = re.compile(r"公报|第\s*\d+\s*期|内部资料|^\S+文件$")
_TERMINAL = "。！？；：”」』）…"


def page_furniture(
    lines: list[str], protect: Callable[[str], bool] | None = None, breaks: list[int] | None = None
) -> list[bool]:
    """Which of a text's (stripped) lines are page furniture: page numbers, and running headers.

    A line repeated at page breaks (``breaks``: the lines that are page numbers or hold a form
    feed; by default the page numbers) is a running header; a line repeated elsewhere is text
    (a table's cells, a 牵头单位 line under five tasks), and a line ``protect`` says carries
    meaning is never furniture. The PDF reader asks too, to join a paragraph a page break cuts.
    """
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    near = [j for j, line in enumerate(lines) if _PAGE_NUMBER.match(line)] if breaks is None else breaks
    at_breaks = {lines[k] for j in near for k in range(max(0, j - 2), min(len(lines), j + 3))}
    keep_meaning = protect or (lambda line: False)
    return [
        bool(line)
        and (
            _PAGE_NUMBER.match(line) is not None
            or (
                counts[line] >= 2
                and len(line) <= 60
                and not keep_meaning(line)
                and (
                    _RUNNING_HEADER.search(line) is not None
                    or counts[line] >= 3
                    and not re.search(r"\d", line)
                    and line in at_breaks
                )
            )
        )
        for line in lines
    ]


def _page_layout(text: str, protect: Callable[[str], bool]) -> tuple[list[bool], list[tuple[int, int, str]]]:
    """What survives of a text laid out in pages: page numbers and running headers go, and in a
    hard-wrapped text (PDF extraction) the line breaks inside paragraphs go too.

    Returns a keep-flag per character, so offsets still lead back to the original, and the
    lines removed ([start, end) and text).
    """
    keep = [True] * len(text)
    lines = _line_spans(text)
    stripped = [text[a:b].strip() for a, b in lines]
    breaks = [
        j for j, line in enumerate(stripped) if _PAGE_NUMBER.match(line) or "\f" in text[slice(*lines[j])]
    ]
    furniture = page_furniture(stripped, protect, breaks)
    removed = []
    for (a, b), gone, line in zip(lines, furniture, stripped):
        if gone:
            removed.append(
                (a + text[a:b].index(line[0]), b - (len(text[a:b]) - len(text[a:b].rstrip())), line)
            )
            for i in range(a, min(b + 1, len(text))):
                keep[i] = False
    # a table row (cells joined by tabs) is a line of its own, never a wrapped paragraph
    content = [i for i, line in enumerate(stripped) if line and not furniture[i] and "\t" not in line]
    width = {i: _width(text[lines[i][0] : lines[i][1]].rstrip()) for i in content}
    full = _full_width(width, {i: stripped[i] for i in content})
    if full is None:
        return keep, removed
    for here, there in zip(content, content[1:]):
        between = range(here + 1, there)
        if any(stripped[j] and (not furniture[j] or "\t" in stripped[j]) for j in between):
            continue
        if any(not stripped[j] for j in between) and not any(furniture[j] for j in between):
            continue  # a blank line of the text itself ends a paragraph
        line = stripped[here]
        if width[here] < full - 1.5 or line[-1] in _TERMINAL:
            continue
        # join: drop from the end of this line up to the first character of the next
        start = lines[here][0] + len(text[lines[here][0] : lines[here][1]].rstrip())
        first = lines[there][0] + (
            len(text[lines[there][0] : lines[there][1]])
            - len(text[lines[there][0] : lines[there][1]].lstrip())
        )
        for i in range(start, first):
            keep[i] = False
    return keep, removed


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _width(line: str) -> float:
    """Width in ems: Chinese and full-width characters 1, ASCII ½."""
    narrow = len(_NARROW.findall(line))
    return 0.5 * narrow + (len(line) - narrow)


def _full_width(width: dict[int, float], lines: dict[int, str]) -> float | None:
    """The width of a full line when the text is hard-wrapped, else None.

    Hard wrapping shows as many lines of (nearly) the same width that stop mid-sentence.
    """
    candidates = [round(w) for i, w in width.items() if w >= 15 and lines[i][-1] not in _TERMINAL]
    if len(candidates) < 4:
        return None
    mode = max(sorted(set(candidates)), key=candidates.count)
    near = sum(1 for c in candidates if abs(c - mode) <= 1.5)
    if near < max(4, 0.25 * sum(1 for w in width.values() if w >= 8)):
        return None
    return float(mode)


def _strip_annotations(text: str) -> tuple[list[str], list[int], int]:
    """Drop converter pinyin after Chinese characters, keep every other parenthesis."""
    matches = [m for m in _ANNOTATION.finditer(text) if _is_syllable(m.group(1))]
    toned = sum(1 for m in matches if _TONE_MARKS & set(m.group(1)))
    # Toneless syllables ("(men)") are only noise when the converter has clearly been at work.
    drop = [m for m in matches if toned >= 3 or _TONE_MARKS & set(m.group(1))]
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in drop:
        chars.extend(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    chars.extend(text[pos:])
    offsets.extend(range(pos, len(text)))
    return chars, offsets, len(drop)


def _is_syllable(token: str) -> bool:
    plain = token.rstrip("12345").translate(_TONES)
    return bool(_SYLLABLE.fullmatch(plain))


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=1)
def _kept_names() -> re.Pattern[str] | None:
    """Place names of GB/T 2260 that t2s would change although they are written so in
    Simplified Chinese too (乾安县 would become 干安县): their characters are kept as written."""
    conv = _converter()
    text = resources.files("kg").joinpath("data").joinpath("places.csv").read_text(encoding="utf-8")
    names = {
        name
        for row in csv.DictReader(io.StringIO(text))
        for name in (row["name"], row["short"])
        if name and conv.convert(name) != name
    }
    if not names:
        return None
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))


def to_simplified(text: str) -> str:
    """OpenCC t2s, kept one character for one so offsets survive."""
    if not any("\u3400" <= ch <= "\u9fff" for ch in text):
        return text
    out = _t2s(text)
    kept = _kept_names()
    if kept is None or out == text:
        return out
    chars = list(out)
    for m in kept.finditer(text):
        chars[m.start() : m.end()] = text[m.start() : m.end()]
    return "".join(chars)


def _t2s(text: str) -> str:
    conv = _converter()
    whole = conv.convert(text)
    if len(whole) == len(text):
        return whole
    lines = []
    for line in text.split("\n"):
        out = conv.convert(line)
        if len(out) != len(line):
            out = "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in line)
        lines.append(out)
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _radicals() -> dict[int, str]:
    """CJK radicals → the ideographs they stand for (a PDF text layer writes ⼈⺠ for 人民):
    Kangxi radicals by NFKC, the Radicals Supplement from ``kg/data/radicals.csv``."""
    table = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
    text = resources.files("kg").joinpath("data").joinpath("radicals.csv").read_text(encoding="utf-8")
    for line in text.splitlines()[1:]:
        radical, ideograph = line.split(",")
        table[ord(radical)] = ideograph
    return {cp: ch for cp, ch in table.items() if len(ch) == 1}


_NEWLINE = re.compile("\n")
_NARROW = re.compile("[\x00-\u2e7f]")
_TO_FULL_CHARS = re.compile("[" + re.escape("".join(_TO_FULL)) + "]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """What :func:`_fold` does to a character whatever its neighbours, as a ``str.translate`` table."""
    table = {ord(ch): half for ch, half in _TO_HALF.items()}
    for cp in range(0xFF01, 0xFF5F):
        if chr(cp).isalnum() and cp not in table:
            table[cp] = unicodedata.normalize("NFKC", chr(cp))
    return table


def _fold(text: str, i: int) -> str:
    ch = text[i]
    if ch in _TO_FULL:
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch in ",:" and prev.isdigit() and nxt.isdigit():
            return ch  # 1,000 and 10:30 stay as written
        if ch == ":" and nxt == "/":
            return ch  # URLs
        return _TO_FULL[ch]
    if ch in _TO_HALF:
        return _TO_HALF[ch]
    if "\uff01" <= ch <= "\uff5e" and ch.isalnum():
        return unicodedata.normalize("NFKC", ch)
    return ch


def _damage_warnings(nt: NormalizedText) -> list[TextWarning]:
    out = []
    for m in _DAMAGE.finditer(nt.original):
        span = nt.original_span(m.start(), m.end())
        i = bisect.bisect_left(nt.offsets, m.start())
        j = bisect.bisect_left(nt.offsets, m.end())
        context = nt.text[max(0, i - 8) : j + 8].replace("\n", " ")
        out.append(
            TextWarning(
                kind=WarningKind.DAMAGED_TEXT.value,
                message=f"damaged text {m.group()!r} in “{context}”",
                line=span.line,
                column=span.column,
                span=span,
            )
        )
    return out
