"""Questions in plain Chinese or English → a named query of the library, with its parameters.

A small, fixed set of question forms, not a language model: each form is a few regular
expressions over the question, folded (full-width → half-width) and converted to Simplified
first. The names they capture (an agency, a place, a task path) go to :func:`kg.query` as
parameters, so they are resolved like any name and bound as terms, never pasted into SPARQL.
A question no form matches raises :class:`~kg.errors.UnknownQuestion` listing the forms.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field

from kg.errors import UnknownQuestion
from kg.graph.load import GraphLike
from kg.query.library import QueryResult, query
from kg.text.normalize import to_simplified

_TASK = r"(?P<task>\d+(?:\.\d+)*)"
_AGENCY = r"(?P<agency>.+?)"
_PLACE = r"(?P<place>.+?)"
_WHICH = r"(?:哪些|什么|哪几项|哪几个|几项|多少项?)"
_TASKS = r"(?:任务|工作|事项|事情|事)?"


@dataclass(frozen=True)
class Form:
    """One kind of question: the query it maps to, fixed parameters, two examples (Chinese,
    English) and the patterns that recognise it (each must match the whole question)."""

    query: str
    examples: tuple[str, str]
    patterns: tuple[str, ...]
    fixed: dict[str, str] = field(default_factory=dict)


# Order matters: the first form whose pattern matches wins, so narrower forms come first
# ("分工负责哪些" before "负责哪些", "who co-leads with X" before "who co-leads").
FORMS: tuple[Form, ...] = (
    Form(
        "task-detail",
        ("谁牵头3.3？", "who leads task 3.3?"),
        (
            rf"(?:任务)?{_TASK}(?:任务)?(?:由谁|是谁|谁)(?:来)?牵头(?:的)?",
            rf"谁(?:来)?牵头(?:任务)?{_TASK}(?:任务)?",
            rf"(?:任务)?{_TASK}的牵头(?:单位|部门)(?:是谁|是哪些|有哪些|是什么)?",
            rf"who leads (?:task )?{_TASK}",
            rf"who is (?:the )?lead(?:er)? (?:of|on|for) (?:task )?{_TASK}",
            rf"(?:which|what) agenc(?:y|ies) leads? (?:task )?{_TASK}",
        ),
        fixed={"role": "lead"},
    ),
    Form(
        "task-detail",
        ("任务3.3由谁负责？", "who is responsible for task 3.3?"),
        (
            rf"(?:任务)?{_TASK}(?:任务)?(?:由谁负责|谁负责|是什么|的责任单位(?:有哪些|是谁)?)",
            rf"谁负责(?:任务)?{_TASK}",
            rf"任务{_TASK}",
            rf"who is responsible for (?:task )?{_TASK}",
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
            rf"(?:哪些任务)?(?:提到|涉及){_PLACE}(?:的任务)?",
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
        "partners",
        ("省市场监管局和谁合作？", "who does 省市场监管局 work with?"),
        (
            rf"{_AGENCY}(?:和|与|跟)(?:谁|哪些部门|哪些单位)(?:一起)?(?:合作|共事|协作)",
            rf"谁(?:和|与|跟){_AGENCY}(?:一起)?(?:合作|共事|协作)",
            rf"{_AGENCY}的合作(?:伙伴|部门|单位)(?:有哪些|是谁)?",
            rf"who does {_AGENCY} work with",
            rf"who works with {_AGENCY}",
            rf"partners of {_AGENCY}",
        ),
    ),
    Form(
        "targets-by-deadline",
        ("有哪些目标？", "what are the targets?"),
        (
            r"(?:有)?哪些(?:量化)?目标",
            r"(?:量化)?目标(?:有哪些|和期限|的期限|按期限)?",
            r"(?:各项)?目标(?:的)?(?:截止|完成)?(?:时间|期限|年份)",
            r"(?:what are |list )?(?:the )?(?:quantified )?targets(?: by deadline)?",
            r"what targets are there",
            r"which targets are due(?: when)?",
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
    """The named query and the parameters (as typed) that ``question`` asks for."""
    spaced, packed = _normalise(question)
    for form, patterns in _COMPILED:
        for pattern in patterns:
            m = pattern.fullmatch(packed if re.search(_CJK, pattern.pattern) else spaced)
            if m:
                params = {k: _clean(v) for k, v in m.groupdict().items() if v}
                if all(params.values()):
                    return form.query, {**params, **form.fixed}
    raise UnknownQuestion(
        f"I do not understand {question.strip()!r}. I understand questions like:\n"
        + "\n".join(f"  {zh}  /  {en}" for zh, en in forms())
    )


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


def _clean(value: str) -> str:
    return value.strip().strip("\"'“”‘’「」『』《》").strip()
