"""Each role label, role word list and agency-suffix list is written in exactly one place.

Role labels live in kg/vocab.py; word lists in kg/data/lexicon/. The test reads the string
constants of every module under kg/ and of the page templates, and fails where one spells out
what belongs to the vocabulary or the lexicon.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kg.lexicon.words import AGENCY_SUFFIXES, ROLE_PHRASES
from kg.vocab import ROLES

KG = Path(__file__).resolve().parents[1] / "kg"
SOURCES = {p.relative_to(KG).as_posix(): ast.parse(p.read_text(encoding="utf-8")) for p in KG.rglob("*.py")}
TEMPLATES = {p.name: p.read_text(encoding="utf-8") for p in (KG / "templates").glob("*.html")}
CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _constants(tree: ast.AST, docs: set[int] | None = None) -> list[str]:
    """Every string constant under ``tree``, docstrings left out (they may name a label)."""
    docs = _docstrings(tree) if docs is None else docs
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def _lists_of(words: set[str], at_least: int) -> dict[str, list[str]]:
    """Modules holding a constant (or one container of constants) with ``at_least`` of ``words``."""
    found: dict[str, list[str]] = {}
    for name, tree in SOURCES.items():
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                items = {c for c in _constants(node, docs) if c in words}
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                items = set(CJK_WORD.findall(node.value)) & words
            else:
                continue
            if len(items) >= at_least:
                found.setdefault(name, []).append("|".join(sorted(items)))
    return found


def test_each_role_label_is_written_once_in_kg_vocab():
    for role in ROLES:
        holders = sorted(name for name, tree in SOURCES.items() if role.zh in _constants(tree))
        assert holders == ["vocab.py"], (role.zh, holders)
        in_templates = [n for n, text in TEMPLATES.items() if role.zh in text]
        assert not in_templates, (role.zh, in_templates)


def test_role_phrases_are_listed_only_in_the_lexicon():
    phrases = {p for p, _ in ROLE_PHRASES.closing} | set(ROLE_PHRASES.label) | set(ROLE_PHRASES.mark)
    phrases = {p for p in phrases if CJK_WORD.fullmatch(p)}
    assert _lists_of(phrases, at_least=3) == {}


def test_agency_suffixes_are_listed_only_in_the_lexicon():
    assert _lists_of(set(AGENCY_SUFFIXES), at_least=4) == {}


def test_the_checks_can_fail():
    """A list written in code is caught: the same scan over a module that spells one out."""
    tree = ast.parse('SUFFIX = re.compile(r"(厅|委|局|办|政府)$")\nROLES = ("牵头", "配合", "负责")')
    SOURCES["<probe>"] = tree
    try:
        assert "<probe>" in _lists_of(set(AGENCY_SUFFIXES), at_least=4)
        assert "<probe>" in _lists_of({p for p, _ in ROLE_PHRASES.closing}, at_least=3)
    finally:
        del SOURCES["<probe>"]
