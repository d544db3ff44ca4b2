"""The word lists are data: every file is documented, well formed, and read by the parser."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.lexicon import words
from kg.lexicon.words import LexiconError

LEXICON = Path(words.__file__).resolve().parents[1] / "data" / "lexicon"
SOURCES = (LEXICON.parent / "SOURCES.md").read_text(encoding="utf-8")
FILES = sorted(LEXICON.glob("*.csv"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_word_list_has_a_line_in_sources_and_a_phrase_column(path):
    assert f"`{path.name}`" in SOURCES
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "phrase" and len(rows) > 1
    assert all(len(r) == len(rows[0]) and r[0].strip() for r in rows[1:]), path.name


def test_every_word_list_is_loaded():
    loaded = {p.stem for p in FILES}
    source = Path(words.__file__).read_text(encoding="utf-8")
    assert all(f'"{name}"' in source for name in loaded)


def test_role_phrases_come_in_every_form_for_every_role():
    p = words.ROLE_PHRASES
    roles = {"lead", "support", "shared"}
    assert {r for _, r in p.closing} == set(p.label.values()) == set(p.query.values()) == roles
    lengths = [len(w) for w, _ in p.closing]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize(
    "text, message",
    [
        ("phrase,role,form\n牵头,boss,closing\n", "line 2: role 'boss' is not one of"),
        ("phrase,role,form\n牵头,lead,closing\n牵头,lead,closing\n", "line 3: '牵头' is listed twice"),
        ("phrase,role,form\n,lead,closing\n", "line 2: no phrase"),
        ("phrase,role,form\n牵头,lead,word\n", "line 2: form 'word' is not one of"),
        ("phrase,role,form\n牵头,lead,label\n", "a label has three characters or more"),
    ],
)
def test_a_bad_row_names_its_file_and_line(monkeypatch, text, message):
    monkeypatch.setattr(words, "read_csv", lambda *parts: list(csv.DictReader(text.splitlines())))
    with pytest.raises(LexiconError, match=message):
        words._role_phrases()
