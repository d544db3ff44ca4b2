"""The parser's word lists, read once from ``kg/data/lexicon/*.csv``.

The phrases are data: what documents write (牵头单位, 按职责分工负责, 高新区 …). The regular
expressions that combine them stay in the modules that use them. Every file is UTF-8 CSV with
a header row and one phrase per row in the column ``phrase``; the other columns say what the
phrase means (its role, kind, level …). ``kg/data/SOURCES.md`` describes each file and says
where the order of rows matters (the first match wins). A bad row (an unknown role or kind,
an empty or repeated phrase) stops kg at import with the file and line, not with a wrong
parse later.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from kg.errors import KgError
from kg.vocab import AGENCY_KINDS, ROLE


class LexiconError(KgError):
    """A data file with a row kg cannot use."""


def read_csv(*parts: str) -> list[dict[str, str]]:
    """The rows of a CSV file under ``kg/data`` as dicts, every value stripped."""
    node = resources.files("kg").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    text = node.read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines())]


def alternation(words: Iterable[str]) -> str:
    """``a|b|c`` for a regular expression: the words are plain text, never patterns."""
    return "|".join(re.escape(w) for w in words)


def _rows(
    name: str, meaning: str | None = None, allowed: Iterable[str] | None = None
) -> list[dict[str, str]]:
    """The rows of ``kg/data/lexicon/NAME.csv``, checked: a phrase on every row, in
    ``meaning`` (if given) one of ``allowed``, and no row twice."""
    rows = read_csv("lexicon", f"{name}.csv")
    choices = set(allowed) if allowed is not None else None
    seen: set[tuple[str, ...]] = set()
    for line, row in enumerate(rows, 2):
        where = f"kg/data/lexicon/{name}.csv, line {line}"
        if not row.get("phrase"):
            raise LexiconError(f"{where}: no phrase")
        if meaning is not None and choices is not None and row.get(meaning) not in choices:
            choice = ", ".join(sorted(choices))
            raise LexiconError(f"{where}: {meaning} {row.get(meaning)!r} is not one of {choice}")
        key = tuple(row.values())
        if key in seen:
            raise LexiconError(f"{where}: {row['phrase']!r} is listed twice")
        seen.add(key)
    return rows


def phrases(name: str) -> tuple[str, ...]:
    """The phrases of a list that is only phrases, in file order."""
    return tuple(r["phrase"] for r in _rows(name))


def _pairs(name: str, meaning: str, allowed: Iterable[str] | None = None) -> tuple[tuple[str, str], ...]:
    """(phrase, meaning) in file order."""
    return tuple((r["phrase"], r[meaning]) for r in _rows(name, meaning, allowed))


@dataclass(frozen=True)
class RolePhrases:
    """roles.csv: every phrase that gives a role, by the form it takes (column ``form``)."""

    closing: tuple[tuple[str, str], ...]  # ends a clause: 省科技厅牵头; longest first
    label: Mapping[str, str]  # opens a list before a colon: 牵头单位：省科技厅
    mark: Mapping[str, str]  # marks one agency in a table cell: 省发展改革委（牵头）
    query: Mapping[str, str]  # what a user types for a role: lead, 牵头, share …


FORMS = ("closing", "label", "mark", "query")


def _role_phrases() -> RolePhrases:
    by_form: dict[str, list[tuple[str, str]]] = {f: [] for f in FORMS}
    for line, r in enumerate(_rows("roles", "role", ROLE), 2):
        where = f"kg/data/lexicon/roles.csv, line {line}"
        if r.get("form") not in by_form:
            raise LexiconError(f"{where}: form {r.get('form')!r} is not one of {', '.join(FORMS)}")
        if r["form"] == "label" and len(r["phrase"]) <= 2:
            raise LexiconError(f"{where}: a label has three characters or more ({r['phrase']!r} closes)")
        by_form[r["form"]].append((r["phrase"], r["role"]))
    return RolePhrases(
        closing=tuple(sorted(by_form["closing"], key=lambda pair: -len(pair[0]))),  # stable: file order
        label=dict(by_form["label"]),
        mark=dict(by_form["mark"]),
        query=dict(by_form["query"]),
    )


def _table_columns() -> tuple[tuple[str, str, bool], ...]:
    """table-headers.csv as (phrase, column, whole) in file order: whole phrases are tried
    first (序号, 牵头负责领导), then the parts a header contains, in file order."""
    return tuple((r["phrase"], r["column"], r["whole"] == "1") for r in _rows("table-headers"))


@dataclass(frozen=True)
class Header:
    """table-headers.csv: the phrases that name one column of a task-division table."""

    column: str  # number, task, lead, support, shared, deadline
    phrases: tuple[str, ...]
    whole: bool  # the cell must be one of the phrases (序号), not merely contain one


def _table_headers() -> tuple[Header, ...]:
    columns: dict[str, tuple[list[str], bool]] = {}
    for r in _rows("table-headers"):
        columns.setdefault(r["column"], ([], r["whole"] == "1"))[0].append(r["phrase"])
    return tuple(Header(column, tuple(words), whole) for column, (words, whole) in columns.items())


LEVELS = ("national", "province", "prefecture", "city", "county")

ROLE_PHRASES = _role_phrases()
TABLE_HEADERS = _table_headers()  # in file order: a cell names the first column it matches
TABLE_COLUMNS = _table_columns()
PERSON_LABELS = dict(_pairs("person-labels", "role", ("lead", "responsible")))  # 分管省领导：…
CLAUSE_LABELS = phrases("clause-labels")  # 部门分工：<a clause>
POSTS = tuple(sorted(phrases("posts"), key=len, reverse=True))  # 常务副市长 before 副市长
FIRST_LEADS = phrases("first-leads")  # 首位单位为牵头单位: the first name of every list leads
DEADLINE_LABELS = phrases("deadline-labels")
CONJUNCTIONS = phrases("conjunctions")  # tried in file order: 以及 before 及
AGENCY_SUFFIXES = phrases("agency-suffixes")
AGENCY_KIND_SUFFIXES = _pairs("agency-kinds", "kind", AGENCY_KINDS)  # the first that ends a name wins
ZONE_SUFFIXES = phrases("zone-suffixes")  # the first that matches names the zone
# single-character endings that close a body's name in a glued table (see parse.glued)
GLUED_NAME_ENDINGS = phrases("glued-name-endings")
LEVEL_PREFIXES = _pairs("level-prefixes", "level", LEVELS)  # tried in file order
# (phrase, the templates' form, the prefix after which the phrase is the usual form):
# 自治区党委宣传部 is 自治区 + 委宣传部, and the regions' own short names say 党委
WRITTEN_VARIANTS = tuple((r["phrase"], r["form"], r["usual_after"]) for r in _rows("written-variants"))
COLLECTIVE_WORDS = phrases("collective-words")
ETC_CATEGORIES = phrases("etc-categories")
ISSUER_SUFFIXES = phrases("issuer-suffixes")
CITATION_LEAD_INS = phrases("citation-lead-ins")  # words before a cited 文号: 根据, 贯彻落实 …
TITLE_ENDINGS = phrases("title-endings")
GOAL_VERBS = phrases("goal-verbs")  # in file order, which settles ties
# (unit, whether 万/亿/千/百 may stand in front of it)
COUNTING_UNITS = tuple((unit, scaled == "1") for unit, scaled in _pairs("units", "scaled", ("1", "")))
