"""kg/vocab.py: one definition of the roles, kinds and warning kinds, and it agrees with the ontology."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.ns import KG
from kg.vocab import AGENCY_KINDS, BY_RANK, PLACE_KINDS, ROLE, ROLE_KEYS, ROLES, WarningKind

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = Graph().parse(ROOT / "kg" / "data" / "ontology.ttl")


def test_each_role_is_the_ontology_concept_with_its_labels_and_task_property():
    for role in ROLES:
        labels = {(str(x), x.language) for x in ONTOLOGY.objects(role.concept, RDFS.label)}
        assert {(role.zh, "zh-Hans"), (role.en, "en")} <= labels, role.key
        assert ONTOLOGY.value(role.concept, SKOS.notation) == Literal(role.zh)
        assert (role.concept, SKOS.inScheme, KG.roles) in ONTOLOGY
        assert (role.task_property, RDF.type, OWL.ObjectProperty) in ONTOLOGY, role.key
        assert role.zh in str(ONTOLOGY.value(role.task_property, RDFS.comment)), role.key


def test_roles_have_one_order_and_one_ranking():
    assert [r.order for r in ROLES] == [0, 1, 2]
    assert ROLE_KEYS == ("lead", "support", "shared") and set(ROLE) == set(ROLE_KEYS)
    assert [r.key for r in BY_RANK] == ["lead", "shared", "support"]
    assert len({r.colour for r in ROLES}) == len({r.tint for r in ROLES}) == 3


def test_kinds_are_exactly_the_concepts_of_their_schemes():
    for kinds, scheme in ((AGENCY_KINDS, KG.agencyKinds), (PLACE_KINDS, KG.placeKinds)):
        assert {k.concept for k in kinds.values()} == set(ONTOLOGY.subjects(SKOS.inScheme, scheme))
        assert all(k.concept == KG[k.key] for k in kinds.values())


def test_every_warning_kind_is_documented_in_the_ontology_and_no_other():
    comment = str(ONTOLOGY.value(KG.warningKind, RDFS.comment))
    documented = set(re.findall(r"([a-z]+(?:-[a-z]+)*) \(", comment))
    assert documented == {k.value for k in WarningKind}


def test_every_warning_kind_is_emitted_somewhere():
    modules = [p for p in (ROOT / "kg").rglob("*.py") if p.name != "vocab.py"]
    sources = "".join(p.read_text(encoding="utf-8") for p in modules)
    unused = [k.name for k in WarningKind if f"WarningKind.{k.name}" not in sources]
    assert not unused, f"warning kinds nothing emits: {unused}"
