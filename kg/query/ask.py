"""Questions in plain Chinese or English → a named query of the library, with its parameters.

A small, fixed set of question forms, not a language model: each form is a few regular
expressions over the question, folded (full-width → half-width) and converted to Simplified
first. The names they capture (an agency, a place, a task path) go to :func:`kg.query` as
parameters, so they are resolved like any name and bound as terms, never pasted into SPARQL.
A question no form matches raises :class:`~kg.errors.UnknownQuestion` listing the forms.
"""

from __future__ import annotations

import difflib
import re
import shlex
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.errors import UnknownQuestion
from kg.graph.load import GraphLike
from kg.lexicon.gazetteer import gazetteer
from kg.query.library import QueryResult, query
from kg.query.tables import Fields, Table
from kg.text.normalize import to_simplified
from kg.text.numerals import chinese_to_int
from kg.vocab import LEAD, SHARED, SUPPORT

_TASK = r"(?P<task>\d+(?:\.\d+)*)"
_SECTION = r"(?P<section>\d+(?:\.\d+)*|[一二三四五六七八九十]+)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_AGENCY = r"(?P<agency>.+?)"
_PLACE = r"(?P<place>.+?)"
_FUNCTION = r"(?P<function>.+?)"  # an agency function: 发展改革委, 商务厅, development-reform
_WHICH = r"(?:哪些|什么|哪几项|哪几个|几项|多少项?)"
_TASKS = r"(?:任务|工作|事项|事情|事)?"
_WHO = r"(?:谁|哪些单位|哪些部门|哪个单位|哪个部门|哪些机构)"
_UNITS = r"(?:单位|部门|机构)"
_ANSWER = r"(?:是谁|是哪些|有哪些|是什么|有谁)?"


def _looks_like_agency(params: dict[str, str]) -> bool:
    """Whether the name a question captured ends like an organisation (厅, 委, 局, 政府 …),
    by the gazetteer's rule: "济南市有哪些任务" asks about a place, "省商务厅有哪些任务" about an agency."""
    name = params.get("place") or params.get("agency") or ""
    return gazetteer().looks_like_agency(name)


def _is_place(params: dict[str, str]) -> bool:
    return not _looks_like_agency(params)


def _task_role(zh: str, en: str, en_noun: str) -> tuple[str, ...]:
    """The ways of asking who has role ``zh`` / ``en`` in a task: "谁配合3.3", "3.3由哪些单位配合",
    "3.3的配合单位有哪些", "who supports 3.3", "which agencies support task 3.3"."""
    return (
        rf"(?:任务)?{_TASK}(?:任务)?(?:由|是)?{_WHO}(?:来|负责)?{zh}(?:的)?",
        rf"{_WHO}(?:来|负责)?{zh}(?:任务)?{_TASK}(?:任务)?",
        rf"(?:任务)?{_TASK}的{zh}{_UNITS}{_ANSWER}",
        rf"who {en}s (?:task )?{_TASK}",
        rf"who is (?:the )?{en_noun} (?:of|on|for) (?:task )?{_TASK}",
        rf"(?:which|what) agenc(?:y|ies) {en}s? (?:task )?{_TASK}",
        rf"who are the {en_noun}s? (?:of|on|for) (?:task )?{_TASK}",
    )


@dataclass(frozen=True)
class Form:
    """One kind of question: the query it maps to, fixed parameters, two examples (Chinese,
    English) and the patterns that recognise it (each must match the whole question); with
    ``when``, a match counts only if the captured names pass it."""

    query: str
    examples: tuple[str, str]
    patterns: tuple[str, ...]
    fixed: dict[str, str] = field(default_factory=dict)
    when: Callable[[dict[str, str]], bool] | None = None


# Order matters: the first form whose pattern matches wins, so narrower forms come first
# ("分工负责哪些" before "负责哪些", "who co-leads with X" before "who co-leads", "tasks in
# section 5" before "tasks in 潍坊").
FORMS: tuple[Form, ...] = (
    Form(
        "task-detail",
        ("谁牵头3.3？", "who leads task 3.3?"),
        (*_task_role(LEAD.zh, "lead", "lead(?:er)?"), rf"(?:任务)?{_TASK}(?:任务)?谁(?:来)?牵头(?:的)?"),
        fixed={"role": "lead"},
    ),
    Form(
        "task-detail",
        ("3.3由哪些单位配合？", "who supports 3.3?"),
        _task_role(SUPPORT.zh, "support", "support(?:er|ing agency)?"),
        fixed={"role": "support"},
    ),
    Form(
        "task-detail",
        ("6.2由哪些单位分工负责？", "who shares task 6.2?"),
        _task_role(SHARED.zh, "share", "shar(?:er|ing agency)"),
        fixed={"role": "shared"},
    ),
    Form(
        "task-detail",
        ("任务3.3由谁负责？", "who is responsible for task 3.3?"),
        (
            rf"(?:任务)?{_TASK}(?:任务)?(?:由谁负责|谁负责|是什么|的责任单位{_ANSWER})",
            rf"{_WHO}负责(?:任务)?{_TASK}",
            rf"任务{_TASK}",
            rf"who is (?:responsible for|in charge of) (?:task )?{_TASK}",
            rf"who answers for (?:task )?{_TASK}",
            rf"(?:what is |show |describe )?task {_TASK}",
        ),
    ),
    Form(
        "tasks-without-lead",
        ("哪些任务没有牵头单位？", "which tasks does nobody lead?"),
        (
            r"哪些任务(?:没有|无|没)(?:人)?牵头(?:单位|部门)?",
            r"(?:没有|无)牵头(?:单位|部门)?的任务(?:有哪些)?",
            r"which tasks (?:have|has) no lead(?:er|s)?",
            r"which tasks does nobody lead",
            r"(?:which |what )?tasks (?:are )?without (?:a )?lead(?:er)?",
            r"which tasks are not led by anyone",
            r"unled tasks",
        ),
    ),
    Form(
        "collective-only-support",
        ("哪些任务只有集体配合？", "which tasks have only collective support?"),
        (
            r"哪些任务只有(?:集体|有关部门)(?:单位)?配合",
            r"只有(?:集体|有关部门)(?:单位)?配合的任务(?:有哪些)?",
            r"which tasks (?:are supported only by|have only) collective(?:s| support)?",
            r"tasks (?:whose|with) only support (?:is )?(?:a )?collective",
        ),
    ),
    Form(
        "tasks",
        ("第五部分有哪些任务？", "tasks in section 5"),
        (
            rf"第?{_SECTION}(?:部分|节|章|大项)(?:有|包括|包含|中|里|里面)?(?:的)?(?:哪些|什么)?"
            rf"(?:任务|工作|事项)(?:有哪些|是什么)?",
            rf"(?:(?:what|which) (?:are )?|list (?:all )?|show )?(?:the )?"
            rf"tasks (?:in|of|under) section {_SECTION}",
            rf"section {_SECTION}(?:'s)? tasks",
            rf"what(?: is|'s) in section {_SECTION}",
        ),
    ),
    Form(
        "tasks",
        ("有哪些任务？", "list all tasks"),
        (
            r"(?:有)?哪些任务",
            r"(?:列出)?(?:所有|全部)(?:的)?任务",
            r"任务(?:清单|列表|有哪些)",
            r"(?:list |show )(?:all |every |the )?tasks",
            r"(?:what|which) (?:are )?(?:all )?(?:the )?tasks(?: are there)?",
            r"all tasks",
        ),
    ),
    Form(
        "workload",
        ("谁的任务最多？", "who carries the most?"),
        (
            r"(?:谁|哪个部门|哪个单位|哪些部门)(?:的)?任务最多",
            r"谁承担(?:的)?任务最多",
            r"(?:部门)?(?:工作量|任务量)(?:排名|排行|排序)",
            r"谁最忙",
            r"who carries the most(?: load| work| tasks)?",
            r"who has the most (?:tasks|work)",
            r"(?:which|what) agenc(?:y|ies) (?:has|have|carries|carry) the most (?:tasks|work|load)",
            r"workload(?: ranking)?",
            r"rank(?:ing)? (?:the )?agencies(?: by workload)?",
        ),
    ),
    Form(
        "workload",
        ("有哪些部门？", "list all agencies"),
        (
            rf"(?:有)?哪些{_UNITS}",
            rf"(?:列出)?(?:所有|全部)(?:的)?{_UNITS}",
            rf"列出{_UNITS}",
            rf"{_UNITS}(?:清单|列表|名单)",
            r"(?:list |show )(?:all |every |the )?agencies",
            r"(?:which|what) agencies are (?:there|named|involved)",
            r"all agencies",
        ),
    ),
    Form(
        "co-leads",
        ("省科技厅和谁共同牵头？", "who co-leads with 省科技厅?"),
        (
            rf"{_AGENCY}(?:和|与|跟)谁(?:一起|共同|联合)牵头(?:任务)?",
            rf"谁(?:和|与|跟){_AGENCY}(?:一起|共同|联合)牵头(?:任务)?",
            rf"{_AGENCY}的共同牵头(?:单位|部门)(?:有哪些|是谁)?",
            rf"who co-?leads with {_AGENCY}",
            rf"who leads (?:tasks )?(?:together )?with {_AGENCY}",
            rf"co-?leads of {_AGENCY}",
        ),
    ),
    Form(
        "co-leads",
        ("哪些部门共同牵头？", "which agencies lead together?"),
        (
            r"哪些(?:部门|单位|机构)(?:经常)?(?:一起|共同|联合)牵头(?:任务)?",
            r"共同牵头(?:的)?(?:部门|单位)?(?:有哪些)?",
            r"co-?lead(?:ing)? pairs",
            r"which agencies (?:co-?lead|lead together)",
            r"who co-?leads(?: with whom)?",
        ),
    ),
    Form(
        "places",
        ("青岛有哪些试点？", "pilots in 青岛?"),
        (
            rf"{_PLACE}(?:有|开展|承担)(?:了)?(?:哪些|什么)试点(?:任务)?",
            rf"{_PLACE}的试点(?:有哪些|是什么|任务)?",
            rf"(?:哪些任务)?(?:提到|涉及|涉及到){_PLACE}(?:的任务)?",
            rf"(?:what|which) pilots? (?:are|is) (?:there )?in {_PLACE}",
            rf"pilots? in {_PLACE}",
            rf"which tasks (?:mention|name) {_PLACE}",
        ),
    ),
    Form(
        "places",
        ("哪些城市是试点？", "which cities are pilots?"),
        (
            r"哪些(?:城市|地方|地市|市)(?:是|有|开展|承担)?试点(?:城市)?(?:,?做什么|,?试点什么)?",
            r"试点(?:城市|地区)(?:有哪些)?",
            r"which (?:cities|places) are pilots?(?:,? for what)?",
            r"pilot cities",
            r"which (?:cities|places) (?:are )?(?:named|mentioned)",
        ),
    ),
    Form(
        "function-across-jurisdictions",
        ("发展改革委在各省牵头哪些任务？", "what does 发展改革委 lead in each province?"),
        (
            rf"{_FUNCTION}在(?:各省|各市|各地|每个省|每个城市|各个省份|各省份)(?:都)?牵头(?:了)?{_WHICH}{_TASKS}",
            rf"what does {_FUNCTION} lead in (?:each|every) (?:province|city|jurisdiction|place)",
            rf"(?:what|which) tasks does {_FUNCTION} lead in (?:each|every) (?:province|city|jurisdiction)",
        ),
        fixed={"role": "lead"},
    ),
    Form(
        "function-across-jurisdictions",
        ("发展改革委在各省负责哪些任务？", "what is 发展改革委 responsible for in each province?"),
        (
            rf"{_FUNCTION}在(?:各省|各市|各地|每个省|每个城市|各个省份|各省份)(?:都)?(?:负责|承担|参与)(?:了)?{_WHICH}{_TASKS}",
            rf"what is {_FUNCTION} responsible for in (?:each|every) (?:province|city|jurisdiction|place)",
            rf"{_FUNCTION} (?:across|in each) (?:provinces|province|cities|jurisdictions)",
        ),
    ),
    Form(
        "leads",
        ("省商务厅牵头哪些任务？", "what does 省商务厅 lead?"),
        (
            rf"{_AGENCY}(?:都|主要)?牵头(?:了)?{_WHICH}{_TASKS}",
            rf"{_AGENCY}牵头的(?:任务|工作|事项)(?:有哪些|是什么|有什么)?",
            rf"(?:哪些|什么)(?:任务|工作)(?:是)?由{_AGENCY}牵头(?:的)?",
            rf"what (?:tasks )?(?:does|do) {_AGENCY} lead",
            rf"(?:which|what) tasks (?:are |is )?led by {_AGENCY}",
            rf"tasks led by {_AGENCY}",
        ),
    ),
    Form(
        "supports",
        ("省商务厅配合哪些任务？", "what does 省商务厅 support?"),
        (
            rf"{_AGENCY}(?:都|主要)?配合(?:了)?{_WHICH}{_TASKS}",
            rf"{_AGENCY}配合的(?:任务|工作|事项)(?:有哪些|是什么|有什么)?",
            rf"(?:哪些|什么)(?:任务|工作)(?:是)?由{_AGENCY}配合(?:的)?",
            rf"what (?:tasks )?(?:does|do) {_AGENCY} support",
            rf"(?:which|what) tasks (?:are |is )?supported by {_AGENCY}",
            rf"tasks supported by {_AGENCY}",
        ),
    ),
    Form(
        "shares",
        ("省商务厅分工负责哪些任务？", "what does 省商务厅 share?"),
        (
            rf"{_AGENCY}分工负责(?:了)?{_WHICH}{_TASKS}",
            rf"{_AGENCY}分工负责的(?:任务|工作|事项)(?:有哪些|是什么)?",
            rf"what (?:tasks )?(?:does|do) {_AGENCY} share",
            rf"(?:which|what) tasks (?:are |is )?shared by {_AGENCY}",
        ),
    ),
    Form(
        "targets-by-agency",
        ("省科技厅负责哪些目标？", "what targets does 省科技厅 answer for?"),
        (
            rf"{_AGENCY}(?:负责|承担)(?:哪些|什么)(?:量化)?目标",
            rf"{_AGENCY}的(?:量化)?目标(?:有哪些|是什么)?",
            rf"(?:what|which) targets (?:does|do) {_AGENCY} answer for",
            rf"(?:what|which) targets (?:is|are) {_AGENCY} responsible for",
            rf"targets of {_AGENCY}",
        ),
    ),
    Form(
        "agency-tasks",
        ("省商务厅负责哪些任务？", "what is 省商务厅 responsible for?"),
        (
            rf"{_AGENCY}(?:负责|参与|承担)(?:了)?{_WHICH}{_TASKS}",
            rf"{_AGENCY}(?:负责|参与|承担)的(?:任务|工作|事项)(?:有哪些|是什么)?",
            rf"what is {_AGENCY} responsible for",
            rf"(?:what|which) tasks (?:is|are) {_AGENCY} (?:in|involved in|named in)",
            rf"tasks of {_AGENCY}",
        ),
    ),
    Form(
        "places",
        ("济南市有哪些任务？", "what tasks are in Qingdao?"),
        (
            rf"{_PLACE}(?:有|的)(?:哪些|什么)?(?:任务|工作|事项)(?:有哪些|是什么)?",
            rf"(?:what|which) tasks (?:are |take place )?(?:in|at) {_PLACE}",
            rf"tasks (?:in|at) {_PLACE}",
        ),
        when=_is_place,
    ),
    Form(
        "agency-tasks",
        ("省商务厅有哪些任务？", "what tasks does 省商务厅 have?"),
        (
            rf"{_AGENCY}(?:有|的)(?:哪些|什么)?(?:任务|工作|事项)(?:有哪些|是什么)?",
            rf"(?:what|which) tasks (?:does|do) {_AGENCY} have",
        ),
        when=_looks_like_agency,
    ),
    Form(
        "partners",
        ("省市场监管局和谁合作最多？", "who does 省市场监管局 work with most?"),
        (
            rf"{_AGENCY}(?:和|与|跟)(?:谁|哪些部门|哪些单位)(?:一起)?(?:合作|共事|协作)(?:最多|最频繁|最紧密|最密切)?",
            rf"谁(?:和|与|跟){_AGENCY}(?:一起)?(?:合作|共事|协作)(?:最多|最频繁|最紧密|最密切)?",
            rf"{_AGENCY}的合作(?:伙伴|部门|单位)(?:有哪些|是谁)?",
            rf"who does {_AGENCY} work with(?: most| the most)?",
            rf"who works (?:most |the most )?with {_AGENCY}(?: most| the most)?",
            rf"partners of {_AGENCY}",
            rf"who are {_AGENCY}'s partners",
        ),
    ),
    Form(
        "targets-due",
        ("2025年要完成哪些目标？", "what targets are due by 2025?"),
        (
            rf"{_YEAR}年?(?:前|之前|以前|底前|年底前)?(?:要|需要|应|应当|须|必须)?(?:完成|实现|达到|达成)?"
            rf"(?:的)?(?:有)?(?:哪些|什么)?(?:量化)?目标(?:有哪些|是什么)?",
            rf"(?:哪些|什么)目标(?:要|需要|应|须)?(?:在)?{_YEAR}年?(?:前|之前|底前)?(?:要)?(?:完成|实现|到期|达到)",
            rf"(?:what|which) targets (?:are|is) due (?:by|in|before) {_YEAR}",
            rf"targets (?:due )?(?:by|in|for|before) {_YEAR}",
            rf"what are the targets (?:for|of|by) {_YEAR}",
            rf"(?:what|which) targets (?:must|should|are to) be (?:met|reached|done|completed) by {_YEAR}",
        ),
    ),
    Form(
        "targets-by-deadline",
        ("有哪些目标？", "what are the targets?"),
        (
            r"(?:有)?哪些(?:量化)?目标",
            r"(?:列出)?(?:所有|全部)?(?:的)?(?:量化)?目标(?:有哪些|和期限|的期限|按期限)?",
            r"(?:各项)?目标(?:的)?(?:截止|完成)?(?:时间|期限|年份)",
            r"(?:what are |list |show )?(?:all )?(?:the )?(?:quantified )?targets(?: by deadline)?",
            r"what targets are there",
            r"which targets are due(?: when)?",
        ),
    ),
    Form(
        "agencies-across-documents",
        ("哪些部门出现在两个以上文件中？", "which agencies appear in two or more documents?"),
        (
            rf"哪些{_UNITS}(?:出现|同时出现|被提到)?在(?:两个|2个|多个)(?:以上|或以上|及以上)?(?:的)?文件(?:中|里)?(?:出现)?",
            rf"(?:出现在)?(?:两个|2个|多个)(?:以上|或以上)?文件(?:中|里)?(?:都有|共同)?的{_UNITS}(?:有哪些)?",
            r"(?:which|what) agencies (?:appear|are named|are) in (?:two|2|several|many|more than one)"
            r"(?: or more)? documents",
            r"agencies (?:across|in several|in many) documents",
        ),
    ),
    Form(
        "cites",
        ("哪些文件引用了其他文件？", "which documents cite other documents?"),
        (
            r"哪些文件引用了?(?:哪些|其他|别的)?文件",
            r"文件(?:之间)?的?引用(?:关系)?",
            r"(?:which|what) documents cite (?:which|other|another)(?: documents?)?",
            r"(?:document )?citations",
        ),
    ),
    Form(
        "agency-profile",
        ("介绍一下省商务厅", "tell me about 省商务厅"),
        (
            rf"介绍(?:一下)?{_AGENCY}",
            rf"{_AGENCY}(?:的)?(?:概况|简介|档案)",
            rf"{_AGENCY}是(?:什么|哪个)(?:部门|单位|机构)",
            rf"tell me about {_AGENCY}",
            rf"(?:profile|overview) of {_AGENCY}",
            rf"who is {_AGENCY}",
        ),
    ),
)

_COMPILED = tuple((form, tuple(re.compile(p, re.IGNORECASE) for p in form.patterns)) for form in FORMS)
_CJK = r"[\u3400-\u9fff]"


@dataclass
class Answer(QueryResult):
    """A query result with the question it answers and the ``kg query`` command that gives it."""

    question: str = ""
    command: str = ""

    def to_json(self) -> dict:
        return {**super().to_json(), "question": self.question, "command": self.command}


def ask(graph: GraphLike, question: str) -> Answer:
    """Answer ``question`` ("省商务厅牵头哪些任务？", "what does 省商务厅 lead?") from the graph.

    :raises UnknownQuestion: no form matches; the message lists the forms understood.
    :raises UnknownAgency: (and the other resolver errors) a name in it matches nothing.
    """
    name, params = understand(question)
    r = query(graph, name, params)
    return Answer(r.query, r.params, r.columns, r.rows, question=question, command=command(name, params))


def understand(question: str) -> tuple[str, dict[str, str]]:
    """The named query and the parameters (as typed) that ``question`` asks for.

    :raises UnknownQuestion: no form matches; the message names the two closest forms.
    """
    spaced, packed = _normalise(question)
    for form, patterns in _COMPILED:
        for pattern in patterns:
            m = pattern.fullmatch(packed if re.search(_CJK, pattern.pattern) else spaced)
            if not m:
                continue
            params = {k: _clean(k, v) for k, v in m.groupdict().items() if v}
            if all(params.values()) and (form.when is None or form.when(params)):
                return form.query, {**params, **form.fixed}
    closest = "\n".join(f"  {zh}  /  {en}" for zh, en in closest_forms(question))
    raise UnknownQuestion(
        f"I do not understand {question.strip()!r}. The closest questions I understand:\n{closest}\n"
        "(`kg ask --forms` lists every form; `kg query` runs any named query)"
    )


def closest_forms(question: str, n: int = 2) -> list[tuple[str, str]]:
    """The ``n`` forms whose example reads most like ``question`` (compared with the example
    in the question's own language: English when it has more Latin letters than Chinese
    characters, as "what does 省商务厅 supervise?" has): what an unknown question is told."""
    spaced, packed = _normalise(question)
    chinese = len(re.findall(_CJK, packed)) >= len(re.findall(r"[A-Za-z]", packed))
    text = packed if chinese else spaced.casefold()

    def score(f: Form) -> float:
        zh, en = (_normalise(e) for e in f.examples)
        example = zh[1] if chinese else en[0].casefold()
        return difflib.SequenceMatcher(None, text, example).ratio()

    ranked = sorted(range(len(FORMS)), key=lambda i: (-score(FORMS[i]), i))
    return [FORMS[i].examples for i in ranked[:n]]


@dataclass
class QuestionForms:
    """``kg ask --forms``: every question form, with the query it runs and its two examples."""

    rows: list[dict[str, str]]

    def to_json(self) -> dict:
        return {"forms": self.rows}

    def blocks(self) -> list[Fields | Table]:
        return [Table(["query", "zh", "en"], self.rows, headers={"zh": "例", "en": "example"})]


def question_forms() -> QuestionForms:
    """Every form :func:`understand` knows, in the order it tries them."""
    return QuestionForms([{"query": f.query, "zh": f.examples[0], "en": f.examples[1]} for f in FORMS])


def forms() -> list[tuple[str, str]]:
    """An example of every question form, in Chinese and in English."""
    return [f.examples for f in FORMS]


def command(name: str, params: dict[str, str]) -> str:
    """The ``kg query`` command line that runs ``name`` with ``params``."""
    args = " ".join(f"--param {_shell_word(f'{k}={v}')}" for k, v in params.items())
    return f"kg query {name}" + (f" {args}" if args else "")


def _shell_word(word: str) -> str:
    """``word`` quoted only if a shell would split or expand it (Chinese needs no quotes)."""
    return shlex.quote(word) if re.search(r"[\s'\"\\$`!*?&;|<>(){}\[\]#~]", word) else word


def _normalise(question: str) -> tuple[str, str]:
    """(for English patterns) folded, Simplified, single spaces, no closing punctuation;
    (for Chinese patterns) the same without spaces next to Chinese characters."""
    q = " ".join(unicodedata.normalize("NFKC", to_simplified(question)).split())
    q = re.sub(r"^(?:请问|请|问:?)\s*", "", q)
    q = q.strip().rstrip("?？。.!！ ").strip()
    packed = re.sub(rf"\s+(?={_CJK})|(?<={_CJK})\s+", "", q)
    return q, packed


def _clean(key: str, value: str) -> str:
    """A captured name as the resolver takes it: quotes and an English article off ("the
    Department of Finance" → Department of Finance); a section 五 → 5."""
    v = value.strip().strip("\"'“”‘’「」『』《》").strip()
    if key in ("agency", "place", "function"):
        v = re.sub(r"^the\s+", "", v, flags=re.IGNORECASE)
    if key == "section" and not v[0].isdigit():
        v = str(chinese_to_int(v))
    return v
