"""Name resolution: every spelling a researcher types reaches the same node, or fails clearly.

Expected agencies and places are read off 鲁政发〔2022〕6号 by hand (its clauses name 19
agencies ending in 厅, for instance), not computed with the resolver.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

import kg
from kg.ns import KG
from kg.query.resolve import resolve_agency, resolve_place, resolve_task

ID = "https://w3id.org/policy-kg/id/"
COMMERCE = URIRef(ID + "agency/370000/commerce")


@pytest.mark.parametrize(
    "name",
    [
        "省商务厅",
        "商务厅",
        "山东省商务厅",
        "省商務廳",
        "Department of Commerce",
        "department of commerce",
        " 省商务厅 ",
        "<https://w3id.org/policy-kg/id/agency/370000/commerce>",
        "https://w3id.org/policy-kg/id/agency/370000/commerce",
    ],
)
def test_every_spelling_of_commerce_reaches_one_agency(seed_graph, name):
    assert resolve_agency(seed_graph, name) == COMMERCE


@pytest.mark.parametrize(
    "name, key",
    [
        ("发改委", "development-reform"),
        ("人社厅", "human-resources-social-security"),
        ("住建厅", "housing-urban-rural"),
        ("工信厅", "industry-it"),
        ("市监局", "market-regulation"),
        ("省市場監管局", "market-regulation"),
        ("Shandong Administration for Market Regulation", "market-regulation"),
    ],
)
def test_abbreviations_traditional_and_english_names_resolve(seed_graph, name, key):
    assert resolve_agency(seed_graph, name) == URIRef(ID + f"agency/370000/{key}")


def test_exact_short_name_wins_over_longer_names_containing_it(seed_graph):
    # 省政府 (the issuer) is also part of 省政府办公厅 and 省政府有关部门.
    assert resolve_agency(seed_graph, "省政府") == URIRef(ID + "agency/370000/government")


def test_full_name_wins_over_longer_full_names_containing_it(seed_graph):
    # 山东省人民政府 is also the start of 山东省人民政府办公厅.
    assert resolve_agency(seed_graph, "山东省人民政府") == URIRef(ID + "agency/370000/government")


def test_a_part_shared_by_many_agencies_is_ambiguous_and_names_them_all(seed_graph):
    with pytest.raises(kg.AmbiguousAgency) as e:
        resolve_agency(seed_graph, "厅")
    assert set(e.value.candidates) == {
        "省科技厅",
        "省工业和信息化厅",
        "省人力资源社会保障厅",
        "省自然资源厅",
        "省民政厅",
        "省住房城乡建设厅",
        "省交通运输厅",
        "省水利厅",
        "省商务厅",
        "省文化和旅游厅",
        "省生态环境厅",
        "省农业农村厅",
        "省教育厅",
        "省退役军人厅",
        "省公安厅",
        "省应急厅",
        "省政府办公厅",
        "省财政厅",
        "省司法厅",
    }
    message = str(e.value)
    assert message.startswith("'厅' is ambiguous, 19 agencies match: ")
    assert message.endswith(" and 7 more") and "\n" not in message


def test_an_unknown_name_gets_the_closest_names(seed_graph):
    with pytest.raises(kg.UnknownAgency) as e:
        resolve_agency(seed_graph, "火星探测局")
    assert e.value.candidates and all(c.endswith("局") for c in e.value.candidates)
    assert str(e.value).startswith("no agency called '火星探测局'; closest: ")


def test_a_hostile_name_is_just_an_unknown_name(seed_graph):
    with pytest.raises(kg.UnknownAgency) as e:
        resolve_agency(seed_graph, '省商务厅" } UNION { ?s ?p ?o')
    assert e.value.candidates[0] == "省商务厅"


@pytest.mark.parametrize("name", ["", "   ", "<https://example.org/not-an-agency>"])
def test_empty_names_and_foreign_iris_are_unknown(seed_graph, name):
    with pytest.raises(kg.UnknownAgency):
        resolve_agency(seed_graph, name)


def _two_provinces() -> Graph:
    """Two 省商务厅, neither with a Traditional label."""
    g = Graph()
    for code, province, en in (("370000", "山东", "Shandong"), ("320000", "江苏", "Jiangsu")):
        a = URIRef(f"{ID}agency/{code}/commerce")
        g.add((a, RDF.type, KG.Agency))
        g.add((a, KG.shortName, Literal("省商务厅")))
        g.add((a, SKOS.prefLabel, Literal(f"{province}省商务厅", lang="zh-Hans")))
        g.add((a, SKOS.prefLabel, Literal(f"Department of Commerce of {en} Province", lang="en")))
    return g


def test_a_short_name_two_provinces_share_is_ambiguous_with_full_names():
    with pytest.raises(kg.AmbiguousAgency) as e:
        resolve_agency(_two_provinces(), "省商务厅")
    assert e.value.candidates == ["山东省商务厅", "江苏省商务厅"]


def test_full_and_english_names_pick_the_province():
    g = _two_provinces()
    assert resolve_agency(g, "江苏省商务厅") == URIRef(ID + "agency/320000/commerce")
    assert resolve_agency(g, "commerce of jiangsu") == URIRef(ID + "agency/320000/commerce")


def test_traditional_input_is_converted_when_the_graph_has_no_traditional_label():
    with pytest.raises(kg.AmbiguousAgency):  # reached the short-name tier: 省商務廳 → 省商务厅
        resolve_agency(_two_provinces(), "省商務廳")
    assert resolve_agency(_two_provinces(), "山東省商務廳") == URIRef(ID + "agency/370000/commerce")


@pytest.mark.parametrize(
    "name, code",
    [
        ("青岛", "370200"),
        ("青岛市", "370200"),
        ("Qingdao", "370200"),
        ("370200", "370200"),
        ("青島", "370200"),
        ("烟台", "370600"),
        ("淄博", "370300"),
        ("张店", "370303"),
        ("山东", "370000"),
    ],
)
def test_place_names_resolve(seed_graph, name, code):
    assert resolve_place(seed_graph, name) == URIRef(f"{ID}place/{code}")


def test_an_unknown_place_is_unknown(seed_graph):
    with pytest.raises(kg.UnknownPlace, match="no place called '北京'"):
        resolve_place(seed_graph, "北京")


@pytest.mark.parametrize("path", ["3.3", "３．３", "任务3.3", "task 3.3", "3.3."])
def test_task_paths_resolve(seed_graph, path):
    assert str(resolve_task(seed_graph, path)).endswith("/t/3.3")


def test_an_unknown_task_path_suggests_close_paths(seed_graph):
    with pytest.raises(kg.UnknownTask) as e:
        resolve_task(seed_graph, "3.9")
    assert set(e.value.candidates) == {"3.1", "3.2", "3.3"}


def _two_documents() -> Graph:
    g = Graph()
    for key, ident in (("a", "鲁政发〔2022〕6号"), ("b", "苏政发〔2023〕9号")):
        doc, task = URIRef(f"{ID}doc/{key}"), URIRef(f"{ID}doc/{key}/t/1.1")
        g.add((doc, RDF.type, KG.PolicyDocument))
        g.add((doc, DCTERMS.identifier, Literal(ident)))
        g.add((task, RDF.type, KG.Task))
        g.add((task, KG.path, Literal("1.1")))
        g.add((task, KG.inDocument, doc))
    return g


def test_a_path_in_two_documents_is_ambiguous_until_the_document_is_named():
    g = _two_documents()
    with pytest.raises(kg.AmbiguousTask) as e:
        resolve_task(g, "1.1")
    assert e.value.candidates == ["鲁政发〔2022〕6号 1.1", "苏政发〔2023〕9号 1.1"]
    assert resolve_task(g, "1.1", document="苏政发") == URIRef(f"{ID}doc/b/t/1.1")


def test_naming_a_document_the_graph_lacks_is_an_unknown_task():
    with pytest.raises(kg.UnknownTask, match="no task called '1.1 in 浙政发'"):
        resolve_task(_two_documents(), "1.1", document="浙政发")
