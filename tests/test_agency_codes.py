"""Agencies' 统一社会信用代码 (kg/data/agency-codes.csv): the GB 32100-2015 check character, and
every curated row true to the gazetteer it names."""

from __future__ import annotations

import re

import pytest

from kg.errors import KgError
from kg.lexicon import gazetteer as gz
from kg.lexicon.gazetteer import credit_codes, gazetteer, is_uscc, uscc_check_char
from kg.lexicon.words import read_csv

ROWS = read_csv("agency-codes.csv")


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example of GB 32100-2015 as util-helpers' documentation quotes it
        "11410182005291054B",
        "111525020116680069",
        "11440000006939561H",
        "1153000075718792X1",
    ],
)
def test_valid_codes_pass(code):
    assert is_uscc(code)
    assert uscc_check_char(code[:17]) == code[17]


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y4A",  # wrong check character
        "11410182005291054C",
        "11410182005291045B",  # two digits swapped
        "11410182005921054B",
        "11410183005291054B",  # one digit changed
        "1141018200529105IB",  # I is not in the alphabet
        "11410182005291054b",  # lower case
        "11410182005291054",  # too short
        "11410182005291054BB",  # too long
        "",
    ],
)
def test_invalid_codes_fail(code):
    assert not is_uscc(code)


def test_every_single_character_change_is_caught():
    code = "11410182005291054B"
    for i in range(17):
        for c in gz.USCC_CHARS.replace(code[i], ""):
            changed = code[:i] + c + code[i + 1 :]
            assert uscc_check_char(changed[:17]) != code[17], changed
            assert not is_uscc(changed), changed


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["agency"])
def test_each_curated_code_names_a_gazetteer_agency_by_the_name_written_beside_it(row):
    place, _, _ = row["agency"].partition("/")
    agency = gazetteer().resolve_agency(row["name"], place)
    assert (agency.key, agency.known) == (row["agency"], True)
    assert gazetteer().places[place].short in row["name"]
    assert is_uscc(row["code"])
    assert row["code"][2:8] == place, "the code's registration region is the agency's place"
    assert row["source"] and row["via"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["read"])


def test_codes_are_unique_and_all_loaded():
    codes = [r["code"] for r in ROWS]
    assert len(set(codes)) == len(codes)
    assert credit_codes() == {r["agency"]: r["code"] for r in ROWS}


@pytest.mark.parametrize("code", ["11410182005291054C", "1141018200529105"])
def test_a_row_with_a_bad_code_stops_the_load(monkeypatch, code):
    _refused([{"agency": "410182/justice", "code": code}], "line 2", monkeypatch)


def test_a_repeated_agency_stops_the_load(monkeypatch):
    row = {"agency": "410182/justice", "code": "11410182005291054B"}
    _refused([row, row], "line 3", monkeypatch)


def _refused(rows: list[dict], where: str, monkeypatch) -> None:
    """Loading ``rows`` as the codes file stops with a KgError naming ``where``."""
    monkeypatch.setattr(gz, "read_csv", lambda name: rows)
    credit_codes.cache_clear()
    try:
        with pytest.raises(KgError, match=where):
            credit_codes()
    finally:
        monkeypatch.undo()
        credit_codes.cache_clear()


def _gb11714_check(body: str) -> str:
    """The check character of an organisation code (GB 11714) whose first eight are given."""
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    rest = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return {10: "X", 11: "0"}.get(rest, str(rest))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["agency"])
def test_each_curated_code_holds_a_valid_organisation_code(row):
    """Characters 9-17 are the body's GB 11714 organisation code with its own check character: a
    second check that the code was copied, not typed up as an example."""
    assert _gb11714_check(row["code"][8:16]) == row["code"][16]
