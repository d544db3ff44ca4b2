"""Quantified goals: 制定原创技术标准100项, 培育100个以上标准创新型企业, 3-5个市, 比率达到60%以上.

A number is a target when a goal verb governs it (制定, 建设, 培育, 达到 …), directly or as
the next item of a list that a goal verb opened (、国际标准50项). Years, ordinals, quoted
labels (“1+4+N”), durations (15分钟) and numbers that describe what exists (围绕42条) are
not targets. The deadline is the year of the nearest governing phrase in the same paragraph
(到2025年, 2023年底前, 到“十四五”末), else the deadline of the task's clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.lexicon.words import COUNTING_UNITS, GOAL_VERBS
from kg.text.numerals import chinese_to_int

# Counting units (kg/data/lexicon/units.csv); 万/亿/千/百 in front of a unit marked "scaled" make
# a unit of their own (1万家, 2万亿元), as written.
UNITS = tuple(
    f"{m}{u}"
    for u, scaled in COUNTING_UNITS
    if scaled
    for m in ("万亿", "亿", "千万", "百万", "万", "千", "百")
) + tuple(u for u, _ in COUNTING_UNITS)
_NUM = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3}(?![百千万亿]))"
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_QUANT = re.compile(
    rf"(?P<a>{_NUM})(?:\s*(?P<sep>[-~至到—])\s*(?P<b>{_NUM}))?\s*(?P<unit>{_UNIT})"
    r"(?P<cmp>以上|以下|以内|左右|上下)?"
)
_BEFORE_CMP = re.compile(r"(不少于|不低于|不超过|不高于|超过|突破|约|近|逾|至少|最多|控制在)$")
_YEAR_PHRASE = re.compile(
    r"(?:到|至|截至|截止到?)(\d{4})年|(\d{4})年(?:底|年底|末)?(?:前|以前|之前)"
    r"|(?<![较比与自从])(\d{4})年(?:内|起)?(?=，?(?:新建|建成|完成|实现|达到|培育|建设|新增|力争|全面|基本|"
    r"累计|争取|打造|形成|创建|推广))|(?:^|(?<=[。；，\n]))(\d{4})年(?![\d月底末前])"
    r"|(?:到|至)“十([一二三四五六七八九])五”(?:末|期末)|“十([一二三四五六七八九])五”(?:期间|时期)"
)
_LEVEL_VERB = re.compile(
    r"(不少于|不低于|不超过|不高于|超过|突破|达到|达|提高到|提高至|提升到|提升至|"
    r"控制在|保持在|稳定在|降低到|降至|增长到|增加到|为)$"
)
_TIME_LEAD = re.compile(r"^(?:(?:到|至|截至)?\d{4}年(?:底|末)?(?:前)?|年内|每年|力争|全年)[，,]?")
_DIRECT_VERBS = re.compile(r"(推动|带动|吸引|服务|帮扶|帮助|招引|开工|实施|新开工|投放|发放|储备|吸纳)$")
_STOP = "，。；：、！？\n（“”"
_PARTICLE = re.compile(r"^(?:的|和|及|等|个|以上|左右)+")


@dataclass
class FoundTarget:
    start: int
    end: int
    text: str
    unit: str
    comparator: str
    object: str | None
    quantity: float | None
    min: float | None
    max: float | None
    deadline_year: int | None


def find_targets(text: str, default_year: int | None = None) -> list[FoundTarget]:
    """Targets in a paragraph-structured text; offsets are relative to ``text``."""
    out: list[FoundTarget] = []
    for m in _QUANT.finditer(text):
        found = _target(text, m, default_year)
        if found:
            out.append(found)
    return out


def _number(token: str | None) -> float | None:
    if token is None:
        return None
    try:
        return float(token) if token[0].isdigit() else float(chinese_to_int(token))
    except ValueError:
        return None


def _target(text: str, m: re.Match[str], default_year: int | None) -> FoundTarget | None:
    start, end = m.start(), m.end()
    a, b, unit = m.group("a"), m.group("b"), m.group("unit")
    if _excluded(text, m):
        return None
    prev_verb = _governing_verb(text, start)
    if prev_verb is None:
        return None
    low, high = _number(a), _number(b)
    if low is None or (b and high is None):
        return None
    comparator = "exactly"
    quantity: float | None = low
    lo: float | None = None
    hi: float | None = None
    if b and high is not None:
        comparator, quantity, lo, hi = "range", None, min(low, high), max(low, high)
    cmp_after = m.group("cmp")
    before = _BEFORE_CMP.search(text[max(0, start - 4) : start])
    if not b:
        if (
            cmp_after in ("以上",)
            or before
            and before.group(1) in ("不少于", "不低于", "超过", "突破", "逾", "至少")
        ):
            comparator = "atLeast"
        elif (
            cmp_after in ("以下", "以内")
            or before
            and before.group(1) in ("不超过", "不高于", "最多", "控制在")
            and cmp_after != "左右"
        ):
            comparator = "atMost" if cmp_after != "左右" else "about"
        elif cmp_after in ("左右", "上下") or before and before.group(1) in ("约", "近"):
            comparator = "about"
    obj = _object(text, m, prev_verb)
    year = _deadline(text, start) or default_year
    return FoundTarget(start, end, text[start:end], unit, comparator, obj, quantity, lo, hi, year)


def _excluded(text: str, m: re.Match[str]) -> bool:
    start, end = m.start(), m.end()
    a = m.group("a")
    nxt = text[end : end + 1]
    if text[max(0, start - 1) : start] == "第":
        return True
    if nxt in ("年", "月", "日", "号", "时", "分", "G", "级", "类", "化", "大", "段", "期", "周"):
        return True  # 5G, 一级, 十大, 三类 …
    if m.group("unit") == "个" and nxt in ("一", "二", "两", "三"):
        return True
    if _inside_quotes(text, start):
        return True
    if not a[0].isdigit():
        if a in ("一",) or text[max(0, start - 1) : start] in ("统", "唯", "同", "进", "逐"):
            return True  # 一个, 统一, 唯一 …
        if a.startswith(("一", "十")) and len(a) == 1 and m.group("unit") in ("批", "些", "项"):
            return True
    if m.group("unit") == "批":
        return True
    before2 = text[max(0, start - 2) : start]
    if (
        before2.endswith(("超", "过", "上"))
        and not before2.endswith(("超过", "不过"))
        and re.match(r"[\u4e00-\u9fff]", nxt)
        and not text.startswith(("以上", "以内", "左右"), end)
    ):
        return True  # 超千亿元产业集群: a size class, not a goal
    if a.isdigit() and len(a) == 4 and m.group("unit") in ("年",):
        return True
    return bool(text[max(0, start - 1) : start].isascii() and text[max(0, start - 1) : start].isalpha())


def _inside_quotes(text: str, pos: int) -> bool:
    """Inside “…” (labels such as “1+4+N”, “15分钟公共服务圈”), not merely after one."""
    opening = text.rfind("“", 0, pos)
    closing = text.rfind("”", 0, pos)
    if opening == -1 or closing > opening:
        return False
    later = text.find("”", pos)
    return later != -1 and later - opening < 30


def _governing_verb(text: str, start: int) -> str | None:
    """The goal verb of the phrase the number stands in, or of the list it continues."""
    phrase_start = start
    while phrase_start > 0 and text[phrase_start - 1] not in "，。；：！？\n":
        phrase_start -= 1
    phrase = text[phrase_start:start]
    direct = _DIRECT_VERBS.search(phrase)
    if direct:
        return direct.group(1)  # 推动1万家企业上云: a verb right before the number sets a goal
    verb = _last_verb(phrase)
    if verb:
        return verb
    if _TIME_LEAD.match(phrase) and not re.search(r"围绕|依托|现有|已有", phrase):
        return "plan"  # 2024年编印政府公报12期: a dated sentence states what will be done
    if _has_any_verb(phrase):
        return None
    # a bare continuation "、国际标准50项" or "，50个共性技术标准创新平台" inherits the verb
    if phrase_start > 0 and text[phrase_start - 1] in "，；":
        return (
            _governing_verb(text, phrase_start - 1)
            if not _QUANT.fullmatch(phrase)
            else _governing_verb(text, phrase_start - 1)
        )
    return None


def _last_verb(phrase: str) -> str | None:
    best, pos = None, -1
    for v in GOAL_VERBS:
        i = phrase.rfind(v)
        while i != -1 and (phrase[max(0, i - 1) : i] == "已" or phrase[i + len(v) : i + len(v) + 1] == "的"):
            i = phrase.rfind(v, 0, i)  # 已布局的: describes what exists
        if i > pos or (i == pos and i != -1 and best and len(v) > len(best)):
            best, pos = v, i
    if best is None:
        return None
    # a non-goal verb after the goal verb takes over: 围绕全省42条重点产业链
    tail = phrase[pos + len(best) :]
    if re.search(r"围绕|依托|对接|聚焦|针对|面向|按照|根据|结合|现有|已有|全省|全市", tail):
        return None
    return best


def _has_any_verb(phrase: str) -> bool:
    return bool(
        re.search(
            r"围绕|依托|对接|聚焦|针对|面向|按照|根据|结合|现有|已有|推动|加强|"
            r"完善|健全|推进|加快|深化|优化|规范|引导|鼓励",
            phrase,
        )
    )


def _object(text: str, m: re.Match[str], verb: str) -> str | None:
    """What is counted: the noun phrase after the unit, or the one before the number."""
    end = m.end()
    after = []
    depth = 0
    for ch in text[end : end + 60]:
        if ch == "（":
            depth += 1
        elif ch == "）":
            depth -= 1
        if depth == 0 and ch in _STOP and ch != "“" and ch != "”":
            break
        after.append(ch)
    after_text = "".join(after).strip()
    after_text = (
        re.split(r"建设|开展|探索|推动|实施|参与|发挥|形成|达到|作为", after_text)[0]
        if after_text
        else after_text
    )
    after_text = _PARTICLE.sub("", after_text)
    if after_text and after_text[0] not in "，。；":
        return after_text or None
    start = m.start()
    i = start
    while i > 0 and text[i - 1] not in "，。；：、！？\n":
        i -= 1
    before = text[i:start]
    subject = _LEVEL_VERB.search(before)
    if subject:
        # 比率达到60%以上: the whole phrase before the verb is what is measured
        return _TIME_LEAD.sub("", before[: subject.start()]).strip() or None
    before = re.sub(r"(约|近)$", "", before)
    cut = 0
    for v in GOAL_VERBS:
        j = before.rfind(v)
        if j != -1 and before[j + len(v) :] and j + len(v) > cut and not before.endswith(v):
            cut = max(cut, j + len(v))
    obj = _TIME_LEAD.sub("", before[cut:]).strip()
    return obj or None


def _deadline(text: str, pos: int) -> int | None:
    """The year of the nearest governing phrase before ``pos`` in the same paragraph."""
    para_start = text.rfind("\n", 0, pos) + 1
    best = None
    for m in _YEAR_PHRASE.finditer(text, para_start, pos):
        best = m
    if best is None:
        para_end = text.find("\n", pos)
        sentence_end = text.find("。", pos)
        limit = min(x for x in (para_end, sentence_end, len(text)) if x != -1)
        after = _YEAR_PHRASE.search(text, pos, limit)
        best = after
    if best is None:
        return None
    year = best.group(1) or best.group(2) or best.group(3) or best.group(4)
    if year:
        return int(year)
    plan = 10 + chinese_to_int(best.group(5) or best.group(6))
    return 1955 + plan * 5  # the nth five-year plan ends in 1955 + 5n (十四五 → 2025)
