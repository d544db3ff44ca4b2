"""Responsibility clauses: find them in a task's text and read who does what.

Works on normalised text (Simplified, full-width ``（），；：``). A clause is a parenthesis
whose every part is ``<agencies><role word>`` (``省科技厅、省市场监管局牵头``), ``<role label>：
<agencies>`` (``牵头单位：省科技厅``) or a deadline (``2023年底前完成``); or a line that opens
with a role label (``责任单位：省发展改革委、省财政厅``). Agency lists split on ``、，；`` and
on ``和`` where it joins two organisations, never inside a name (省工业和信息化厅) or inside
a collective (各区、县级市人民政府).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from kg.lexicon.gazetteer import COLLECTIVE_MARKERS, Gazetteer, PlaceRow
from kg.lexicon.words import (
    CLAUSE_LABELS,
    CONJUNCTIONS,
    DEADLINE_LABELS,
    ETC_CATEGORIES,
    PERSON_LABELS,
    POSTS,
    ROLE_PHRASES,
    alternation,
)
from kg.text.brackets import outside_brackets, split_outside_brackets

_LABEL = re.compile("(" + alternation(sorted(ROLE_PHRASES.label, key=len, reverse=True)) + ")[：:]")
_DEADLINE_LABEL = re.compile("(" + alternation(DEADLINE_LABELS) + ")[：:]")
_PERSON_LABEL = re.compile("(" + alternation(sorted(PERSON_LABELS, key=len, reverse=True)) + ")[：:]")
_CLAUSE_LABEL = re.compile("(" + alternation(CLAUSE_LABELS) + ")[：:]")
RUN_LABEL = re.compile("|".join(p.pattern for p in (_LABEL, _DEADLINE_LABEL, _PERSON_LABEL, _CLAUSE_LABEL)))
DEADLINE = re.compile(
    r"^(?:(?:\d{4}|[〇○一二三四五六七八九零]{4})年(?:\d{1,2}月)?(?:\d{1,2}日)?"
    r"(?:底|年底|上半年|下半年|第[一二三四]季度|年内)*(?:之?前|以前|底前)?"
    r"(?:(?:完成|启动|建成|出台|实现|到位|见效|取得)[^，；]{0,12})?"
    r"|(?:\d{4}|[〇○一二三四五六七八九零]{4})[-—~至到](?:\d{4}|[〇○一二三四五六七八九零]{4})年"
    r"(?:持续推进|持续实施|完成)?"
    r"|持续(?:推进|实施|开展|落实)|长期(?:坚持|推进|实施)|年内完成|每年[^，；]{0,12}"
    r"|(?:\d{4}年)?起?持续推进|“十[一二三四五六七八九]五”(?:期间|末|时期)[^，；]{0,6})$"
)
_SEPARATORS = "、，；,;\n \t"
_CONJUNCTIONS = ("以及", "会同", "和", "及", "与", "同")
_ADMIN_WORDS = re.compile(
    r"^(?:县级市|县（市、区）|县（市）|县区|区县|县|区|市|乡镇|镇|乡|街道|镇街|镇（街道）|"
    r"开发区|功能区|园区|管委会|街道办事处|街道办)(?:人民政府|政府)?$"
)
_DROP_LEAD = re.compile(r"^(?:由|请|并由|会同|分别由|积极争取|争取)")


@dataclass
class Name:
    """One agency as a clause names it."""

    name: str  # the name to resolve (prefixes and suffixes the list implies filled in)
    start: int  # normalised offsets of the item as written
    end: int
    open: bool = False
    run: int = 0  # items joined by 、 share a run; 和 and ， start a new one
    category: str | None = None  # what 等 said they are: 市政府 in 济南、烟台等市政府


@dataclass
class Segment:
    role: str
    names: list[Name]
    start: int
    end: int


@dataclass
class ParsedClause:
    """A clause found in normalised text: [start, end) includes its parentheses."""

    start: int
    end: int
    text: str
    segments: list[Segment] = field(default_factory=list)
    deadline: str | None = None
    # the parts no rule read, as [start, end) and text: the parser warns of each
    unparsed: list[tuple[int, int, str]] = field(default_factory=list)
    persons: list[tuple[int, int, str]] = field(default_factory=list)  # [start, end) of names, role


def find_clauses(text: str, offset: int, gaz: Gazetteer) -> tuple[list[ParsedClause], list[str]]:
    """Every responsibility clause in ``text`` (normalised, starting at ``offset``).

    Returns the clauses and the parentheses that use role words but could not be read,
    which the parser reports as warnings.
    """
    clauses: list[ParsedClause] = []
    doubtful: list[str] = []
    covered: list[tuple[int, int]] = []
    for start, end in _parentheses(text):
        content = text[start + 1 : end - 1]
        clause = parse_clause(content, offset + start + 1, gaz)
        if clause is not None and _accept(clause):
            clause.start, clause.end, clause.text = offset + start, offset + end, content
            clauses.append(clause)
            covered.append((start, end))
        elif mentions_role(content) and len(content) < 200:
            doubtful.append(content)
        elif not text[end:].strip(" 。\n") and (bare := _bare_list(content, offset + start + 1, gaz)):
            bare.start, bare.end = offset + start, offset + end
            clauses.append(bare)  # 工作要点 style: （市发展改革委，各区县政府） ends the item
            covered.append((start, end))
    for head in _head_runs(text, offset, gaz):
        if not any(s < head.end - offset and head.start - offset < e for s, e in covered):
            clauses.append(head)
            covered.append((head.start - offset, head.end - offset))
    for m in _label_runs(text):
        if any(s <= m[0] < e for s, e in covered):
            continue
        clause = parse_clause(text[m[0] : m[1]], offset + m[0], gaz)
        if clause is not None and (clause.segments or clause.deadline or clause.persons):
            clause.start, clause.end, clause.text = offset + m[0], offset + m[1], text[m[0] : m[1]]
            clauses.append(clause)
            covered.append(m)
    tail = _bare_tail(text, covered)
    if tail:
        clause = parse_clause(text[tail[0] : tail[1]], offset + tail[0], gaz)
        if clause is not None and _accept(clause, strict=True):
            clause.start, clause.end, clause.text = (
                offset + tail[0],
                offset + tail[1],
                text[tail[0] : tail[1]],
            )
            clauses.append(clause)
    clauses.sort(key=lambda c: c.start)
    return clauses, doubtful


_HEAD = re.compile(r"(?m)^[ \t\u3000]*(?=由)")
_HEAD_PERSON = re.compile(r"^由(?P<who>[\u4e00-\u9fff·]{2,4}?(?:" + alternation(POSTS) + "))负责$")


def _head_runs(text: str, offset: int, gaz: Gazetteer) -> list[ParsedClause]:
    """由杨志武副市长负责，市发改委牵头，相关部门配合，尽快完成…: a line that opens with who
    answers for the item, before the item's own text; the run ends at the first part that names
    no one."""
    out = []
    for m in _HEAD.finditer(text):
        start = m.end()
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        clause = ParsedClause(offset + start, offset + start, "")
        last = start
        for part in re.finditer(r"[^，,；;。]+", text[start:end]):
            if part.start() + start != last and text[last : part.start() + start].strip("，,；;") != "":
                break
            seg = part.group().strip()
            at = start + part.start() + len(part.group()) - len(part.group().lstrip())
            who = _HEAD_PERSON.match(seg)
            if who:
                clause.persons.append(
                    (offset + at + 1, offset + at + 1 + len(who.group("who")), "responsible")
                )
            else:
                parsed = _segment(seg, offset + at, gaz)
                if not isinstance(parsed, Segment) or _LABEL.match(seg):
                    break
                clause.segments.append(parsed)
            last = start + part.end() + 1
        if clause.segments:
            clause.end = offset + min(last, end)
            clause.text = text[start : min(last, end)]
            out.append(clause)
    return out


def _bare_list(content: str, offset: int, gaz: Gazetteer) -> ParsedClause | None:
    """A closing parenthesis that only names agencies, at least one of them known, names the
    units responsible: shared, as 责任单位 would."""
    names = [
        n
        for seg_start, seg_end in split_outside_brackets(content, "，；")
        for n in split_agencies(content[seg_start:seg_end], offset + seg_start, gaz)
    ]
    if (
        names
        and all(gaz.looks_like_agency(n.name) for n in names)
        and any(gaz.is_level_body(n.name) or gaz.is_level_body(n.name, national=True) for n in names)
    ):
        return ParsedClause(
            offset, offset + len(content), content, [Segment("shared", names, offset, offset + len(content))]
        )
    return None


def _accept(clause: ParsedClause, strict: bool = False) -> bool:
    if not clause.segments:
        return bool(clause.deadline or clause.persons) and not clause.unparsed and not strict
    if strict:
        return not clause.unparsed
    return len(clause.unparsed) <= len(clause.segments)


def mentions_role(content: str) -> bool:
    """Whether text uses a role word or label (牵头, 配合, 责任单位：, 分管领导：)."""
    closing = any(word in content for word, _ in ROLE_PHRASES.closing if len(word) >= 2)
    return closing or bool(RUN_LABEL.search(content))


def _parentheses(text: str) -> list[tuple[int, int]]:
    """Top-level （…） pairs as [start, end) including the brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "（":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "）" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


_NEXT_LABEL = re.compile(r"[ \t]+(?=[\u4e00-\u9fff]{2,8}[：:])")


def _label_runs(text: str) -> list[tuple[int, int]]:
    """``责任单位：…`` up to the end of its line or sentence, outside parentheses."""
    runs = []
    for m in RUN_LABEL.finditer(text):
        end = len(text)
        for stop in ("\n", "。"):
            j = text.find(stop, m.end())
            if j != -1:
                end = min(end, j)
        other = _NEXT_LABEL.search(text, m.end(), end)  # … 项目责任人：尹文德 实际完成情况：…
        runs.append((m.start(), other.start() if other else end))
    merged: list[tuple[int, int]] = []
    for s, e in runs:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _bare_tail(text: str, covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The last sentence of an item, tried as an unbracketed clause (省发展改革委牵头。)."""
    body = text.rstrip().rstrip("。；;")
    if not body or covered and covered[-1][1] >= len(body) - 1:
        return None
    cut = max(body.rfind("。"), body.rfind("\n"), body.rfind("；"))
    start = cut + 1
    if len(body) - start > 120 or start == 0 and "。" not in text.rstrip()[:-1]:
        return None
    return start, len(body)


def parse_clause(content: str, offset: int, gaz: Gazetteer) -> ParsedClause | None:
    """Read a clause's content into role segments; None when nothing in it has a role."""
    clause = ParsedClause(offset, offset + len(content), content)
    label_role: str | None = None
    pending: list[tuple[int, str]] = []
    for seg_start, seg_end in _segments(content, gaz):
        seg = content[seg_start:seg_end]
        stripped = seg.strip().rstrip("。")
        if not stripped:
            continue
        lead = len(seg) - len(seg.lstrip())
        start = offset + seg_start + lead
        person = _PERSON_LABEL.match(stripped)
        if person:
            clause.persons.append(
                (start + person.end(), start + len(stripped), PERSON_LABELS[person.group(1)])
            )
            pending, label_role = [], None
            continue
        parsed = _segment(stripped, start, gaz)
        if parsed is None and label_role:
            # 责任单位：省科技厅，南京、苏州市人民政府 — the label reaches past the comma
            names = split_agencies(stripped, start, gaz)
            raw = [x for x in re.split(r"[，,]", stripped) if x]  # 鄞州 alone is a place, not a body
            if (
                names
                and all(gaz.looks_like_agency(n.name) for n in names)
                and all(gaz.looks_like_agency(x) or x.startswith(("各", "有关")) for x in raw)
            ):
                parsed = Segment(label_role, names, start, start + len(stripped))
        if isinstance(parsed, Segment):
            if not _LABEL.match(stripped):
                # 自治区发展改革委、自治区商务厅，柳州、南宁等市人民政府配合: the role word
                # closes both comma-separated lists
                for p_start, p_text in pending:
                    clause.segments.append(
                        Segment(
                            parsed.role, split_agencies(p_text, p_start, gaz), p_start, p_start + len(p_text)
                        )
                    )
                    clause.unparsed.remove((p_start, p_start + len(p_text), p_text))
            pending = []
            clause.segments.append(parsed)
            label_role = parsed.role if _LABEL.match(stripped) or label_role else None
        elif parsed:
            clause.deadline = parsed if clause.deadline is None else clause.deadline
            pending = []
        else:
            clause.unparsed.append((start, start + len(stripped), stripped))
            names = split_agencies(stripped, start, gaz)
            if names and all(gaz.looks_like_agency(n.name) for n in names):
                pending.append((start, stripped))
            else:
                pending = []
    if not clause.segments and not clause.deadline and not clause.persons:
        return None
    clause.segments.sort(key=lambda seg: seg.start)
    return clause


def _segments(content: str, gaz: Gazetteer | None = None) -> list[tuple[int, int]]:
    """Split a clause on ，；, on a label that starts mid-way (牵头单位：A 配合单位：B), and on a
    space after a whole name (…各区政府 鄞州 海曙: a flattened table follows); a space inside a
    name (市 财政局, 伏羲 山管委 会) is typesetting."""
    cuts = [0] + [i for i, ch in outside_brackets(content) if ch in "，；,;\n"]
    if gaz is not None:
        for m in re.finditer(r"(?<=[\u4e00-\u9fff）])[ \t]+(?=[\u4e00-\u9fff（])", content):
            left = re.split(r"[，；,;\n、]", content[: m.start()])[-1].split()[-1]
            right = content[m.end() :].split()[0] if content[m.end() :].split() else ""
            if gaz.looks_like_agency(left) and len(re.split(r"[、，；]", right)[0]) > 1:
                cuts.append(m.start())
    for m in RUN_LABEL.finditer(content):
        if m.start() > 0 and content[m.start() - 1] not in "，；,;\n":
            cuts.append(m.start() - 1 if content[m.start() - 1] == " " else m.start())
    cuts = sorted(set(cuts)) + [len(content)]
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a and content[a] in "，；,;\n ":
            a += 1
        out.append((a, b))
    return out


def _segment(seg: str, offset: int, gaz: Gazetteer) -> Segment | str | None:
    """A role segment, a deadline string, or None."""
    cl = _CLAUSE_LABEL.match(seg)
    if cl:
        seg, offset = (
            seg[cl.end() :].lstrip(),
            offset + cl.end() + len(seg[cl.end() :]) - len(seg[cl.end() :].lstrip()),
        )
    dl = _DEADLINE_LABEL.match(seg)
    if dl:
        return seg[dl.end() :].strip() or None
    if DEADLINE.match(seg):
        return seg
    m = _LABEL.match(seg)
    if m:
        role = ROLE_PHRASES.label[m.group(1)]
        rest = seg[m.end() :]
        word = next((w for w, _ in ROLE_PHRASES.closing if len(w) >= 2 and rest.endswith(w)), None)
        if word:  # 责任单位：市人力社保局、市农业农村局分别牵头
            role, rest = dict(ROLE_PHRASES.closing)[word], rest[: -len(word)]
        names = split_agencies(rest, offset + m.end(), gaz)
        return Segment(role, names, offset, offset + len(seg)) if names else None
    for word, role in ROLE_PHRASES.closing:
        if seg.endswith(word):
            body = seg[: -len(word)].rstrip()
            drop = _DROP_LEAD.match(body)
            skip = drop.end() if drop else 0
            names = split_agencies(body[skip:], offset + skip, gaz)
            if names and all(gaz.looks_like_agency(n.name) or gaz.is_place_name(n.name) for n in names):
                return Segment(role, names, offset, offset + len(seg))
            return None
    return None


_CELL_MARK = re.compile("[（(](" + alternation(ROLE_PHRASES.mark) + ")[）)]$")


_LEAD_MARKS = "★☆"


def parse_cell(text: str, offset: int, role: str, gaz: Gazetteer) -> ParsedClause | None:
    """A task-division table's cell under a role column (牵头单位, 配合单位, 责任单位).

    A cell written as a clause (…牵头，…配合) reads as one; otherwise every agency takes the
    column's role unless it is marked: 省发展改革委（牵头）、省财政厅 in a 责任单位 column.
    """
    clause = parse_clause(text, offset, gaz)
    if clause is not None and clause.segments and not clause.unparsed:
        return clause
    label = RUN_LABEL.search(text)
    if label and label.start() > 0 and text[: label.start()].strip():
        # 市农业农村局、市商务局 / 省牵头单位：省农业农村厅: the column's agencies, then a label
        head = parse_cell(text[: label.start()], offset, role, gaz)
        tail = parse_clause(text[label.start() :], offset + label.start(), gaz)
        found = [*(head.segments if head else []), *(tail.segments if tail else [])]
        if found:
            out = ParsedClause(offset, offset + len(text), text, found)
            out.persons = tail.persons if tail else []
            out.unparsed = [*(head.unparsed if head else []), *(tail.unparsed if tail else [])]
            return out
    names = split_agencies(text, offset, gaz)
    if not names:
        return None
    segments: list[Segment] = []
    for n in names:
        mark = _CELL_MARK.search(n.name)
        own = role
        if n.name[:1] in _LEAD_MARKS:  # ★区发改委、统计局: the starred unit leads
            own, n.name, n.start = "lead", n.name[1:], n.start + 1
        if mark:
            own = ROLE_PHRASES.mark[mark.group(1)]
            n.name = n.name[: mark.start()]
            n.end -= len(mark.group(0))
        if segments and segments[-1].role == own:
            segments[-1].names.append(n)
            segments[-1].end = n.end
        else:
            segments.append(Segment(own, [n], n.start, n.end))
    return ParsedClause(offset, offset + len(text), text, segments)


def split_agencies(text: str, offset: int, gaz: Gazetteer) -> list[Name]:
    """``省政府有关部门和济南、烟台、潍坊等市政府`` → 省政府有关部门, 济南市政府, 烟台市政府, 潍坊市政府."""
    items = [_without_note(i) for i in _join_typeset(_split_on_separators(text, offset), text, offset, gaz)]
    items = [part for i in items for part in _split_glued(i, gaz)]
    items = _split_on_conjunctions(items, gaz)
    items = _rejoin_collectives(items)
    names, open_runs = _resolve_etc(items, gaz)
    names = _distribute_suffix(names, gaz)
    names = _distribute_prefix(names, gaz)
    for n in names:
        n.open = n.run in open_runs  # 等 closes its own 、-list, not what 和 joined to it
    return [n for n in names if n.name]


def _join_typeset(items: list[Name], text: str, offset: int, gaz: Gazetteer) -> list[Name]:
    """市 财政局, 伏羲 山管委 会: pieces that only a typesetting space parts are one name (a
    space between two whole names, 县教体局 各相关乡镇政府, still parts them)."""
    out: list[Name] = []
    for item in items:
        prev = out[-1] if out else None
        gap = text[prev.end - offset : item.start - offset] if prev else ""
        if (
            prev
            and gap.strip() == ""
            and gap
            and (not gaz.looks_like_agency(prev.name) or len(item.name) == 1)
        ):
            out[-1] = Name(prev.name + item.name, prev.start, item.end, run=prev.run)
        else:
            out.append(item)
    return out


_GLUE_AT = re.compile(r"(?<=[局委厅办府会室心部])(?=[省市区县])")


def _split_glued(item: Name, gaz: Gazetteer) -> list[Name]:
    """区发改局区统计局 → 区发改局, 区统计局: names written with no separator; 市商务局（市粮食和
    物资储备局） is one body with its second name."""
    m = re.match(r"^(.+[局委厅办府会室])（[省市区县][^（）]+[局委厅办府会室]）$", item.name)
    if m:
        return [Name(m.group(1), item.start, item.start + len(m.group(1)), run=item.run)]
    for cut in _GLUE_AT.finditer(item.name):
        k = cut.start()
        left, right = item.name[:k], item.name[k:]
        if (
            len(left) >= 3
            and len(right) >= 3
            and gaz.looks_like_agency(left)
            and gaz.looks_like_agency(right)
        ):
            head = Name(left, item.start, item.start + k, run=item.run)
            return [head, *_split_glued(Name(right, item.start + k, item.end, run=item.run), gaz)]
    return [item]


_NOTE = re.compile(r"（[^（）]*(?:下同|为牵头|汇总|首位|第一位)[^（）]*）$")


def _without_note(item: Name) -> Name:
    """县发改局（首位单位为牵头单位，下同）: the note after a name is not part of it."""
    m = _NOTE.search(item.name)
    if m and m.start() > 0:
        item.name = item.name[: m.start()]
        item.end = item.start + m.start()
    return item


def _split_on_separators(text: str, offset: int) -> list[Name]:
    items, run = [], 0
    for start, end in split_outside_brackets(text, _SEPARATORS):
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        word = raw.strip()
        if word:
            items.append(Name(word, offset + start + lead, offset + start + lead + len(word), run=run))
        run += end < len(text) and text[end] != "、"
    return items


def _split_on_conjunctions(items: list[Name], gaz: Gazetteer) -> list[Name]:
    """Split on 和 between agencies: what follows 和 opens a 、-list of its own."""
    out: list[Name] = []
    fresh = itertools.count(max((i.run for i in items), default=0) + 1)
    moved: dict[int, int] = {}
    for item in items:
        key = item.run
        item.run = moved.get(key, key)
        parts = _split_one(item, gaz)
        parts[0].run = item.run
        for part in parts[1:]:
            part.run = next(fresh)
        if len(parts) > 1:
            moved[key] = parts[-1].run
        out.extend(parts)
    return out


def _split_one(item: Name, gaz: Gazetteer) -> list[Name]:
    text = item.name
    for i, _ in outside_brackets(text):
        for conj in CONJUNCTIONS:
            if text.startswith(conj, i) and i > 0:
                left, right = text[:i], text[i + len(conj) :]
                if (
                    (len(right) >= 3 or gaz.is_place_name(right))
                    and (
                        _ends_like_agency(left, gaz)
                        or gaz.is_place_name(left)
                        and gaz.looks_like_agency(right)
                    )
                    and (
                        gaz.looks_like_agency(right)
                        or gaz.place_at_start(right)
                        or right.startswith(("省", "市", "区", "县", "各", "有关"))
                    )
                ):
                    head = Name(left, item.start, item.start + i)
                    tail = Name(right, item.start + i + len(conj), item.end)
                    return [head, *_split_one(tail, gaz)]
    return [item]


def _ends_like_agency(left: str, gaz: Gazetteer) -> bool:
    return gaz.looks_like_agency(left) and not left.endswith(("和", "及"))


def _rejoin_collectives(items: list[Name]) -> list[Name]:
    """各区、县级市人民政府 was split on its 、: put it back together."""
    out: list[Name] = []
    for item in items:
        if (
            out
            and out[-1].name.startswith(("各", "有关"))
            and _ADMIN_WORDS.match(item.name)
            and (not out[-1].name.endswith(("政府", "部门", "单位")) or item.name.startswith("街道办"))
        ):
            prev = out[-1]
            out[-1] = Name(prev.name + "、" + item.name, prev.start, item.end)
        else:
            out.append(item)
    return out


def _resolve_etc(items: list[Name], gaz: Gazetteer) -> tuple[list[Name], set[int]]:
    """``潍坊等市政府`` → 潍坊 with the category 市政府; ``X等有关部门`` → X plus a collective.

    等 closes a list only after a whole name and before nothing or a category (均等化 is a word).
    """
    out: list[Name] = []
    open_runs: set[int] = set()
    for item in items:
        i = _etc_position(item.name, gaz)
        if i == -1:
            out.append(item)
            continue
        open_runs.add(item.run)
        head, tail = item.name[:i], item.name[i + 1 :]
        tail = re.sub(r"^\d+(?:[-~至]\d+)?个?", "", tail)
        head_item = Name(head, item.start, item.start + i, run=item.run) if head else None
        if tail and COLLECTIVE_MARKERS.search(tail):
            if head_item:
                out.append(head_item)
            out.append(Name(tail, item.start + i + 1, item.end, run=item.run))
        elif head_item:
            if tail and tail not in ("部门", "单位", "机构", "方面"):
                head_item.category = tail  # applied by _distribute_suffix
            out.append(head_item)
    return out, open_runs


_CATEGORY = re.compile(
    r"^(?:\d+(?:[-~至]\d+)?个?)?(?:有关|相关|其他|其它|各)?(?:[\u4e00-\u9fff]{0,6}?)"
    "(?:" + alternation(ETC_CATEGORIES) + ")$"
)


def _etc_position(name: str, gaz: Gazetteer) -> int:
    i = _top_level_find(name, "等")
    if i <= 0:
        return -1
    head, tail = name[:i], name[i + 1 :]
    if not (gaz.looks_like_agency(head) or gaz.is_place_name(head)):
        return -1
    if tail and not (_CATEGORY.match(tail) and len(tail) <= 10):
        return -1
    return i


def _top_level_find(text: str, ch: str) -> int:
    return next((i for i, c in outside_brackets(text) if c == ch), -1)


def _distribute_suffix(names: list[Name], gaz: Gazetteer) -> list[Name]:
    """日照、济宁市政府 → 日照市政府, 济宁市政府; a bare place alone means its government.

    A name several places bear is the one the shared suffix fits (吉林、长春等市政府: the city
    吉林, not the province), else the one of the kind its neighbours are (西安、宝鸡: the city,
    not 辽源's district 西安区); when nothing tells, the resolver picks the one inside the
    document's province (西安政府)."""
    kinds = set()
    for n in names:
        of_name = {r.kind for r in gaz.places_named(n.name)}
        if len(of_name) == 1:
            kinds |= of_name
    suffix = None
    for n in reversed(names):
        if n.category:
            place = gaz.is_place_name(n.name)
            suffix = n.category if place else None
            if place:
                n.name += n.category
            continue
        place = gaz.is_place_name(n.name)
        if place and not gaz.looks_like_agency(n.name):
            place = _one_place(gaz.places_named(n.name), n.name, suffix, kinds)
            if place is None:
                n.name += "政府"  # resolved in the document's own province
            elif suffix:
                n.name += _fit(n.name, place, suffix)
            else:
                n.name += "政府" if n.name.endswith(("市", "区", "县")) else _government_suffix(place)
            continue
        if suffix and _TOWN.search(n.name) and not gaz.looks_like_agency(n.name):
            n.name += suffix.lstrip("市区县乡镇")  # 天荒坪镇、山川乡人民政府
            continue
        if suffix in ("管委会", "管理委员会") and n.name.endswith("区"):
            n.name += suffix
            continue
        suffix = _suffix_of(n.name, gaz)
    return names


def _one_place(rows: list[PlaceRow], name: str, suffix: str | None, kinds: set[str]) -> PlaceRow | None:
    """The place a list means by ``name``: the only one, the one the suffix fits, the one of
    its neighbours' kind. With no suffix, None while places of different names remain (吉林省
    or 吉林市); with one that does not tell (喀什、和田地区行政公署), the first as before."""
    if suffix:
        fits = [r for r in rows if r.name.startswith(name) and suffix.startswith(r.name[len(name) :])]
        rows = fits or rows
    rows = [r for r in rows if r.kind in kinds] or rows
    return rows[0] if suffix or len({r.name for r in rows}) == 1 else None


_TOWN = re.compile(r"[\u4e00-\u9fff](镇|乡|街道|苏木)$")


def _suffix_of(name: str, gaz: Gazetteer) -> str | None:
    """What a list may share after the place: 济宁市政府 → 市政府, 槐荫区政府 → 区政府,
    三江侗族自治县人民政府 → 人民政府, 山川乡人民政府 → 乡人民政府."""
    if not gaz.looks_like_agency(name):
        return None
    hit = gaz.place_at_start(name)
    if hit:
        row, n = hit
        if name.startswith(row.name):
            own_tail = row.name[len(row.short) :] if row.name.startswith(row.short) else ""
            rest = name[len(row.name) :]
            return own_tail + rest if own_tail in ("市", "区", "县") else rest
        return name[len(row.short) :] if name.startswith(row.short) else name[n:]
    m = re.match(r"^[\u4e00-\u9fff]{1,6}?(镇|乡|街道|苏木)(人民政府|政府|办事处)$", name)
    if m:
        return m.group(1) + m.group(2)
    m = re.search(r"区(管委会|管理委员会)$", name)  # 两江新区、重庆高新区管委会
    return m.group(1) if m else None


def _fit(name: str, place, suffix: str) -> str:
    """The shared suffix as it fits this place: 日照 + 市政府, 历下区 + 政府,
    融水苗族自治县 + 人民政府, 融水 + 苗族自治县人民政府."""
    tail = place.name[len(name) :] if place.name.startswith(name) else ""
    if tail and suffix.startswith(tail):
        return suffix
    if not tail and suffix[0] == name[-1]:
        return suffix[1:]
    return tail + suffix.lstrip("市区县")


def _government_suffix(place) -> str:
    tail = place.name[len(place.short) :] if place.name.startswith(place.short) else ""
    return (tail or "") + "政府"


def _distribute_prefix(names: list[Name], gaz: Gazetteer) -> list[Name]:
    """省教育厅、财政厅 → 省财政厅: a bare department takes the level of the one before it."""
    prefix = ""
    for n in names:
        m = re.match(r"^[★☆]?(省|自治区|市|区|县)(?!政府有关|直)", n.name)
        if m:
            prefix = m.group(1)
            continue
        if (
            prefix
            and not gaz.place_at_start(n.name)
            and gaz.looks_like_agency(n.name)
            and not COLLECTIVE_MARKERS.search(n.name)
            and (gaz.is_level_body(prefix + n.name) or _short_body(n.name))
            and not gaz.is_level_body(n.name, national=True)
        ):
            n.name = prefix + n.name
    return names


def _short_body(name: str) -> bool:
    """规划局, 地税局, 外经贸局: a short department name the gazetteer does not know still takes
    the level of the list it stands in (a longer one may be a body of its own)."""
    return (
        len(name) <= 6 and name[-1] in "局厅委办" and not re.search(r"^(?:中国|国家|全国)|[省市区县]", name)
    )
