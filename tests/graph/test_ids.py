from __future__ import annotations

import pytest

from kg import ids
from kg.text.numerals import chinese_to_int


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十四", 24),
        ("一百零五", 105),
        ("两千", 2000),
        ("二〇二二", 2022),
        ("①", 1),
        ("⑳", 20),
        ("12", 12),
    ],
)
def test_chinese_numerals_read_as_integers(text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "abc", "一a", "等"])
def test_non_numerals_raise_value_error(text):
    with pytest.raises(ValueError):
        chinese_to_int(text)


def test_repeated_paths_get_numbered_suffixes_in_order():
    assert ids.unique_paths(["2.1", "2.2", "2.1", "2.1"]) == ["2.1", "2.2", "2.1_2", "2.1_3"]


def test_document_id_comes_from_the_wenhao_and_keeps_similar_wenhao_apart():
    a = ids.document_id("鲁政发〔2022〕6号", "370000", "text")
    b = ids.document_id("鲁政办发〔2022〕6号", "370000", "text")
    assert a.startswith("370000-2022-6-") and b.startswith("370000-2022-6-")
    assert a != b
    assert ids.document_id("鲁政发〔2022〕6号", "370000", "other text") == a


def test_document_without_wenhao_is_identified_by_its_text():
    assert ids.document_id(None, None, "abc") == ids.document_id(None, "370000", "abc")
    assert ids.document_id(None, None, "abc").startswith("sha-")
    assert ids.document_id(None, None, "abc") != ids.document_id(None, None, "abd")


def test_iris_are_ascii_and_deterministic():
    i = ids.Ids()
    key = ids.unknown_agency_key("370000", "省新设机构")
    iri = i.agency(key)
    assert str(iri).isascii()
    assert iri == ids.Ids().agency(ids.unknown_agency_key("370000", "省新设机构"))
    assert str(i.task("D", "2.1")) == "https://w3id.org/policy-kg/id/doc/D/t/2.1"
    assert str(ids.Ids("http://example.org/x").section("D", "2")) == "http://example.org/x/doc/D/s/2"
