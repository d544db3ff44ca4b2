"""The vocabulary contract: kg/ns.py, kg/data/ontology.ttl and kg/data/shapes.ttl agree.

Every term of ``KG`` is declared and labelled; nothing in the two Turtle files names a term
``KG`` lacks; the alignments that other systems rely on hold and do not contradict PROV; and
the shapes accept a correct graph (tests/fixtures/shapes/) while each kind of broken graph
fails on the constraint meant to catch it. None of this needs the parser.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import owlrl
import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SH, SKOS

from kg.ns import ELI, KG

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "kg" / "data" / "ontology.ttl"
SHAPES = ROOT / "kg" / "data" / "shapes.ttl"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "shapes"

KGSH = Namespace("https://w3id.org/policy-kg/shapes#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest probes it
ONTOLOGY_IRI = URIRef("https://w3id.org/policy-kg/def")
ID = "https://w3id.org/policy-kg/id/"
DOC = URIRef(ID + "doc/370000-2022-6-119a37")
TASK = URIRef(DOC + "/t/1.1")
TASK2 = URIRef(DOC + "/t/1.2")
RESPONSIBILITY = URIRef(TASK + "/r/1")
TARGET = URIRef(TASK + "/target/1")
RANGE_TARGET = URIRef(TASK2 + "/target/1")
SPAN = URIRef(DOC + "/span/69-73")
WARNING = URIRef(DOC + "/warning/1")
COMMERCE = URIRef(ID + "agency/370000/commerce")
GOVERNMENT = URIRef(ID + "agency/370000/government")
COLLECTIVE = URIRef(ID + "agency/370000/c-%E7%9C%81%E6%94%BF%E5%BA%9C%E6%9C%89%E5%85%B3%E9%83%A8%E9%97%A8")
QINGDAO = URIRef(ID + "place/370200")

TERMS = sorted(name for name in KG.__annotations__ if not name.startswith("_"))

# =============================================================================================
# Loading
# =============================================================================================


@cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


@cache
def shapes() -> Graph:
    return Graph().parse(SHAPES)


@cache
def fixture(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(FIXTURES / name)
    return graph


def minimal() -> Graph:
    return copy(fixture("minimal.ttl"))


def rich() -> Graph:
    return copy(fixture("minimal.ttl", "rich.ttl"))


def copy(graph: Graph) -> Graph:
    new = Graph()
    new += graph
    return new


UPDATE_PROLOGUE = f"""
BASE <{ID}>
PREFIX kg: <{KG._NS}>
PREFIX dcterms: <{DCTERMS}>
PREFIX skos: <{SKOS}>
PREFIX rdfs: <{RDFS}>
PREFIX xsd: <{XSD}>
PREFIX org: <{ORG}>
"""


def change(graph: Graph, update: str) -> Graph:
    """Apply a SPARQL Update whose IRIs may be relative to the instance base (<doc/…>)."""
    graph.update(UPDATE_PROLOGUE + update)
    return graph


class Violation(NamedTuple):
    focus: object
    path: object
    component: object
    shape: object
    constraint: object
    value: object
    message: str


def violations(data: Graph) -> list[Violation]:
    conforms, report, _ = validate(
        data,
        shacl_graph=shapes(),
        ont_graph=ontology(),
        inference="none",
        advanced=True,
    )
    found = [
        Violation(
            focus=report.value(r, SH.focusNode),
            path=report.value(r, SH.resultPath),
            component=report.value(r, SH.sourceConstraintComponent),
            shape=report.value(r, SH.sourceShape),
            constraint=report.value(r, SH.sourceConstraint),
            value=report.value(r, SH.value),
            message=" ".join(str(m) for m in report.objects(r, SH.resultMessage)),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    assert conforms == (not found)
    return found


def assert_violation(found: list[Violation], **expected: object) -> Violation:
    """Some violation has every attribute given (focus=…, path=…, component=…)."""
    for v in found:
        if all(getattr(v, key) == value for key, value in expected.items()):
            return v
    shown = "\n".join(repr(v) for v in found) or "(none)"
    raise AssertionError(f"no violation with {expected}; found:\n{shown}")


def assert_conforms(data: Graph) -> None:
    found = violations(data)
    assert not found, "\n".join(repr(v) for v in found)


# =============================================================================================
# ns.py ⇄ ontology.ttl ⇄ shapes.ttl
# =============================================================================================

DECLARATION_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    SKOS.Concept,
    SKOS.ConceptScheme,
    RDFS.Datatype,
}


@pytest.mark.parametrize("name", TERMS)
def test_every_term_is_declared_with_a_type_and_chinese_and_english_labels(name):
    term = KG[name]
    g = ontology()
    assert set(g.objects(term, RDF.type)) & DECLARATION_TYPES, f"kg:{name} has no declaration"
    languages = {label.language for label in g.objects(term, RDFS.label)}
    assert {"zh-Hans", "en"} <= languages, f"kg:{name} labels: {languages}"
    assert any(c.language == "en" for c in g.objects(term, RDFS.comment)), f"kg:{name}"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in g


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_every_kg_term_used_in_the_turtle_files_exists_in_ns(path):
    graph = Graph().parse(path)
    used = {
        str(node)[len(KG._NS) :]
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(KG._NS)
    }
    # SPARQL queries in the shapes name terms inside strings, where no parser checks them.
    for text in graph.objects(None, SH.select):
        used |= set(re.findall(r"\bkg:(\w+)", str(text)))
    assert used, "no kg: term found at all"
    assert used <= set(TERMS), f"not in kg/ns.py: {sorted(used - set(TERMS))}"


def test_ontology_header_gives_title_version_licence_and_prefix():
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    titles = {t.language for t in g.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert {"en", "zh-Hans"} <= titles
    assert g.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert g.value(ONTOLOGY_IRI, DCTERMS.license) is not None
    vann = Namespace("http://purl.org/vocab/vann/")
    assert g.value(ONTOLOGY_IRI, vann.preferredNamespacePrefix) == Literal("kg")
    assert g.value(ONTOLOGY_IRI, vann.preferredNamespaceUri) == Literal(str(KG._NS))


SCHEMES = {
    "roles": ("Role", ["lead", "support", "shared"]),
    "agencyKinds": (
        "AgencyKind",
        [
            "department",
            "commission",
            "bureau",
            "office",
            "government",
            "cityGovernment",
            "collective",
            "partyOrgan",
            "otherAgency",
        ],
    ),
    "placeKinds": ("PlaceKind", ["province", "prefecture", "county", "zone"]),
    "comparators": ("Comparator", ["exactly", "atLeast", "atMost", "about", "range"]),
}


@pytest.mark.parametrize("scheme_name", SCHEMES)
def test_each_concept_scheme_holds_exactly_its_concepts(scheme_name):
    g = ontology()
    scheme = KG[scheme_name]
    cls, members = SCHEMES[scheme_name]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    assert set(g.objects(scheme, SKOS.hasTopConcept)) == {KG[m] for m in members}
    assert set(g.subjects(SKOS.inScheme, scheme)) == {KG[m] for m in members}
    for m in members:
        concept = KG[m]
        assert (concept, RDF.type, SKOS.Concept) in g
        assert (concept, RDF.type, KG[cls]) in g
        assert (concept, SKOS.topConceptOf, scheme) in g
        languages = {label.language for label in g.objects(concept, SKOS.prefLabel)}
        assert {"zh-Hans", "en"} <= languages, m


def test_roles_carry_their_clause_words_as_notations():
    g = ontology()
    assert g.value(KG.lead, SKOS.notation) == Literal("牵头")
    assert g.value(KG.support, SKOS.notation) == Literal("配合")
    assert g.value(KG.shared, SKOS.notation) == Literal("分工负责")


DCAM = Namespace("http://purl.org/dc/dcam/")

SUBCLASSES = [
    (KG.PolicyDocument, ELI.LegalResource),
    (KG.PolicyDocument, PROV.Entity),
    (KG.Section, ELI.LegalResourceSubdivision),
    (KG.Task, ELI.LegalResourceSubdivision),
    (KG.Agency, ORG.Organization),
    (KG.Agency, PROV.Agent),
    (KG.CollectiveAgency, KG.Agency),
    (KG.Responsibility, PROV.Association),
    (KG.Role, PROV.Role),
    (KG.Role, SKOS.Concept),
    (KG.AgencyKind, SKOS.Concept),
    (KG.PlaceKind, SKOS.Concept),
    (KG.Comparator, SKOS.Concept),
    (KG.Place, DCTERMS.Location),
    (KG.Place, PROV.Location),
    (KG.SourceSpan, PROV.Entity),
    (KG.Target, PROV.Entity),
]

SUBPROPERTIES = [
    (KG.responsibility, PROV.qualifiedAssociation),
    (KG.agency, PROV.agent),
    (KG.role, PROV.hadRole),
    (KG.ledBy, PROV.wasAssociatedWith),
    (KG.supportedBy, PROV.wasAssociatedWith),
    (KG.sharedBy, PROV.wasAssociatedWith),
    (KG.issuer, DCTERMS.creator),
    (KG.issuer, ELI.passed_by),
    (KG.jurisdiction, DCTERMS.spatial),
    (KG.mentionsPlace, DCTERMS.spatial),
    (KG.inDocument, DCTERMS.isPartOf),
    (KG.source, DCTERMS.source),
    (KG.gbCode, DCTERMS.identifier),
    (KG.quote, PROV.value),
]


@pytest.mark.parametrize(("sub", "sup"), SUBCLASSES, ids=lambda t: t.n3(ontology().namespace_manager))
def test_class_is_aligned(sub, sup):
    assert (sub, RDFS.subClassOf, sup) in ontology()


@pytest.mark.parametrize(("sub", "sup"), SUBPROPERTIES, ids=lambda t: t.n3(ontology().namespace_manager))
def test_property_is_aligned(sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in ontology()


def test_eli_responsibility_of_is_used_nowhere():
    """ELI's responsibility_of(_agent) is about drafting a law, not carrying out a task."""
    for graph in (ontology(), shapes()):
        for triple in graph:
            for node in triple:
                is_it = isinstance(node, URIRef) and node.startswith(ELI.responsibility_of)
                assert not is_it, triple


def test_within_place_is_the_direct_parent_not_a_transitive_property():
    assert (KG.withinPlace, RDF.type, OWL.TransitiveProperty) not in ontology()


DATATYPES = {
    XSD.string: [
        "path", "marker", "shortName", "text", "clauseText", "deadlineText", "unit", "object",
        "quote", "recipient", "copiedTo", "printer", "sourceFile", "checksum", "message",
        "warningKind", "gbCode",
    ],
    XSD.integer: ["position", "start", "end", "line", "column"],
    XSD.decimal: ["quantity", "minQuantity", "maxQuantity"],
    XSD.gYear: ["deadlineYear"],
    XSD.date: ["printed"],
    XSD.boolean: ["openList", "inGazetteer"],
}  # fmt: skip

OBJECT_RANGES = {
    "inDocument": KG.PolicyDocument,
    "issuer": KG.Agency,
    "jurisdiction": KG.Place,
    "ledBy": KG.Agency,
    "supportedBy": KG.Agency,
    "sharedBy": KG.Agency,
    "responsibility": KG.Responsibility,
    "agency": KG.Agency,
    "role": KG.Role,
    "kind": SKOS.Concept,
    "mentionsPlace": KG.Place,
    "withinPlace": KG.Place,
    "target": KG.Target,
    "comparator": KG.Comparator,
    "source": KG.SourceSpan,
    "warning": KG.TextWarning,
}


@pytest.mark.parametrize(("name", "datatype"), [(n, d) for d, names in DATATYPES.items() for n in names])
def test_datatype_property_has_its_range(name, datatype):
    g = ontology()
    assert (KG[name], RDF.type, OWL.DatatypeProperty) in g
    assert set(g.objects(KG[name], RDFS.range)) == {datatype}


@pytest.mark.parametrize(("name", "range_"), OBJECT_RANGES.items())
def test_object_property_has_its_range(name, range_):
    g = ontology()
    assert (KG[name], RDF.type, OWL.ObjectProperty) in g
    assert set(g.objects(KG[name], RDFS.range)) == {range_}


def test_every_property_has_a_range_and_a_domain_or_domain_includes():
    g = ontology()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in g.subjects(RDF.type, kind):
            if not str(prop).startswith(KG._NS):
                continue
            assert g.value(prop, RDFS.range) is not None, prop
            domain = g.value(prop, RDFS.domain) or g.value(prop, DCAM.domainIncludes)
            assert domain is not None, prop


def test_kind_documents_both_its_uses():
    g = ontology()
    assert set(g.objects(KG.kind, DCAM.rangeIncludes)) == {KG.AgencyKind, KG.PlaceKind}
    assert set(g.objects(KG.kind, DCAM.domainIncludes)) == {KG.Agency, KG.Place}


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_turtle_parses_with_pyoxigraph_to_the_same_triple_count(path):
    with path.open("rb") as f:
        quads = list(pyoxigraph.parse(f, pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(Graph().parse(path))


def test_ontology_has_no_blank_nodes():
    """So it can sit in the same SPARQL store as the data, which has none either."""
    blank = [t for t in ontology() if any(isinstance(n, BNode) for n in t)]
    assert not blank, blank[:3]


# The few axioms of the aligned vocabularies that can clash with ours, as they declare them
# (PROV-O: prov:Activity owl:disjointWith prov:Entity; domains and ranges of PROV, ORG,
# DCTERMS and ELI properties).
OUTSIDE_AXIOMS = """
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
prov:wasAssociatedWith rdfs:domain prov:Activity ; rdfs:range prov:Agent ;
    rdfs:subPropertyOf prov:wasInfluencedBy .
prov:qualifiedAssociation rdfs:domain prov:Activity ; rdfs:range prov:Association .
prov:agent rdfs:domain prov:AgentInfluence ; rdfs:range prov:Agent .
prov:hadRole rdfs:domain prov:Influence ; rdfs:range prov:Role .
prov:wasDerivedFrom rdfs:domain prov:Entity ; rdfs:range prov:Entity .
prov:value rdfs:domain prov:Entity .
prov:Association rdfs:subClassOf prov:AgentInfluence .
prov:AgentInfluence rdfs:subClassOf prov:Influence .
prov:Organization rdfs:subClassOf prov:Agent .
org:Organization rdfs:subClassOf foaf:Agent .
org:subOrganizationOf rdfs:domain org:Organization ; rdfs:range org:Organization .
dcterms:creator rdfs:range dcterms:Agent .
dcterms:spatial rdfs:range dcterms:Location .
eli:passed_by rdfs:domain eli:LegalResource .
eli:LegalResourceSubdivision rdfs:subClassOf eli:LegalResource .
"""


def test_alignment_never_makes_a_node_both_a_prov_entity_and_a_prov_activity():
    """Under RDFS entailment the sample graph keeps PROV's disjoint classes apart, and
    agencies, places and spans do not turn into legal resources or agents."""
    g = copy(fixture("minimal.ttl", "rich.ttl"))
    g += ontology()
    g.parse(data=OUTSIDE_AXIOMS, format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(g)

    def instances(cls):
        return set(g.subjects(RDF.type, cls))

    assert instances(PROV.Activity) >= {TASK, TASK2}
    assert not instances(PROV.Activity) & instances(PROV.Entity)
    assert not instances(PROV.Association) & instances(PROV.Entity)
    assert not (instances(KG.Agency) | instances(KG.Place) | instances(KG.SourceSpan)) & (
        instances(ELI.LegalResource)
    )
    assert not instances(KG.Place) & instances(PROV.Agent)


# =============================================================================================
# Shapes: the shapes graph itself, and graphs that conform
# =============================================================================================


def test_shapes_graph_is_valid_shacl():
    conforms, _, text = validate(
        fixture("minimal.ttl"),
        shacl_graph=shapes(),
        ont_graph=ontology(),
        inference="none",
        advanced=True,
        meta_shacl=True,
    )
    assert conforms, text


def test_minimal_graph_conforms():
    assert_conforms(minimal())


def test_graph_with_collectives_open_lists_range_targets_zones_and_warnings_conforms():
    assert_conforms(rich())


def test_implicit_section_zero_and_repeated_path_conform():
    g = change(
        minimal(),
        """
        DELETE { ?part kg:path ?path } WHERE { ?part kg:path ?path } ;
        INSERT DATA {
            <doc/370000-2022-6-119a37/s/1> kg:path "0" .
            <doc/370000-2022-6-119a37/t/1.1> kg:path "0.1_2" .
        }
        """,
    )
    assert_conforms(g)


def test_sub_task_of_a_task_conforms():
    g = change(
        minimal(),
        """
        INSERT DATA {
            <doc/370000-2022-6-119a37/t/1.1> dcterms:hasPart <doc/370000-2022-6-119a37/t/1.1.1> .
            <doc/370000-2022-6-119a37/t/1.1.1> a kg:Task ;
                kg:path "1.1.1" ; kg:position 1 ;
                kg:inDocument <doc/370000-2022-6-119a37> ;
                kg:source <doc/370000-2022-6-119a37/span/44-58> .
        }
        """,
    )
    assert_conforms(g)


def test_quantity_written_as_integer_or_decimal_conforms():
    g = change(
        minimal(),
        """
        DELETE { ?t kg:quantity ?q } INSERT { ?t kg:quantity 100.0 } WHERE { ?t kg:quantity ?q }
        """,
    )
    assert_conforms(g)


# =============================================================================================
# Shapes: responsibilities and the kg:ledBy / kg:supportedBy / kg:sharedBy triples
# =============================================================================================


def test_responsibility_without_agency_is_a_violation():
    g = change(minimal(), "DELETE WHERE { <doc/370000-2022-6-119a37/t/1.1/r/1> kg:agency ?a }")
    assert_violation(
        violations(g),
        focus=RESPONSIBILITY,
        path=KG.agency,
        component=SH.MinCountConstraintComponent,
    )


def test_lead_without_responsibility_is_a_violation():
    g = change(
        minimal(),
        "INSERT DATA { <doc/370000-2022-6-119a37/t/1.1> kg:ledBy <agency/370000/government> }",
    )
    v = assert_violation(
        violations(g),
        focus=TASK,
        path=KG.ledBy,
        value=GOVERNMENT,
        constraint=KGSH.RoleTripleHasAResponsibility,
    )
    assert "agency/370000/government" in v.message


def test_lead_responsibility_without_led_by_is_a_violation():
    g = change(
        minimal(),
        "DELETE DATA { <doc/370000-2022-6-119a37/t/1.1> kg:ledBy <agency/370000/commerce> }",
    )
    v = assert_violation(
        violations(g),
        focus=RESPONSIBILITY,
        value=COMMERCE,
        constraint=KGSH.ResponsibilityHasItsRoleTriple,
    )
    assert str(KG.ledBy) in v.message


def test_role_triple_that_disagrees_with_the_responsibility_role_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/t/1.1> kg:ledBy <agency/370000/commerce> } ;
        INSERT DATA { <doc/370000-2022-6-119a37/t/1.1> kg:supportedBy <agency/370000/commerce> }
        """,
    )
    found = violations(g)
    assert_violation(found, focus=TASK, path=KG.supportedBy, value=COMMERCE)
    assert_violation(found, focus=RESPONSIBILITY, constraint=KGSH.ResponsibilityHasItsRoleTriple)


def test_responsibility_with_a_role_outside_the_scheme_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE { ?r kg:role ?role } INSERT { ?r kg:role kg:exactly }
        WHERE { ?r kg:role ?role }
        """,
    )
    assert_violation(violations(g), focus=RESPONSIBILITY, path=KG.role, component=SH.InConstraintComponent)


def test_responsibility_held_by_two_parts_is_a_violation():
    g = change(
        minimal(),
        """
        INSERT DATA {
            <doc/370000-2022-6-119a37/s/1> kg:responsibility <doc/370000-2022-6-119a37/t/1.1/r/1> ;
                kg:ledBy <agency/370000/commerce> .
        }
        """,
    )
    assert_violation(violations(g), focus=RESPONSIBILITY, component=SH.MaxCountConstraintComponent)


def test_two_responsibilities_at_one_position_are_a_violation():
    g = change(
        rich(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/t/1.2/r/2> kg:position 2 } ;
        INSERT DATA { <doc/370000-2022-6-119a37/t/1.2/r/2> kg:position 1 }
        """,
    )
    assert_violation(
        violations(g),
        focus=URIRef(TASK2 + "/r/2"),
        path=KG.position,
        constraint=KGSH.PositionsAreUnique,
    )


def test_open_list_that_is_not_a_boolean_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE { ?r kg:openList ?o } INSERT { ?r kg:openList "no" } WHERE { ?r kg:openList ?o }
        """,
    )
    assert_violation(
        violations(g),
        focus=RESPONSIBILITY,
        path=KG.openList,
        component=SH.DatatypeConstraintComponent,
    )


# =============================================================================================
# Shapes: documents, sections and tasks
# =============================================================================================


def test_document_without_checksum_is_a_violation():
    g = change(minimal(), "DELETE WHERE { ?d kg:checksum ?c }")
    assert_violation(violations(g), focus=DOC, path=KG.checksum, component=SH.MinCountConstraintComponent)


def test_document_issued_date_that_is_not_a_date_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE { ?d dcterms:issued ?x } INSERT { ?d dcterms:issued "2022年4月15日" }
        WHERE { ?d dcterms:issued ?x }
        """,
    )
    assert_violation(violations(g), focus=DOC, path=DCTERMS.issued, component=SH.DatatypeConstraintComponent)


def test_document_with_two_issuers_is_a_violation():
    g = change(
        minimal(),
        "INSERT DATA { <doc/370000-2022-6-119a37> kg:issuer <agency/370000/commerce> }",
    )
    assert_violation(violations(g), focus=DOC, path=KG.issuer, component=SH.MaxCountConstraintComponent)


def test_task_path_that_is_not_numeric_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/t/1.1> kg:path "1.1" } ;
        INSERT DATA { <doc/370000-2022-6-119a37/t/1.1> kg:path "1.(一)" }
        """,
    )
    assert_violation(violations(g), focus=TASK, path=KG.path, component=SH.PatternConstraintComponent)


def test_task_without_source_is_a_violation():
    g = change(minimal(), "DELETE WHERE { <doc/370000-2022-6-119a37/t/1.1> kg:source ?s }")
    assert_violation(violations(g), focus=TASK, path=KG.source, component=SH.MinCountConstraintComponent)


def test_task_that_is_no_part_of_anything_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA {
            <doc/370000-2022-6-119a37/s/1> dcterms:hasPart <doc/370000-2022-6-119a37/t/1.1>
        }
        """,
    )
    assert_violation(violations(g), focus=TASK, component=SH.MinCountConstraintComponent)


def test_task_in_another_document_than_its_section_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA {
            <doc/370000-2022-6-119a37/t/1.1> kg:inDocument <doc/370000-2022-6-119a37>
        } ;
        INSERT DATA {
            <doc/370000-2022-6-119a37/t/1.1> kg:inDocument <doc/other> .
            <doc/other> a kg:PolicyDocument .
        }
        """,
    )
    assert_violation(violations(g), focus=TASK, component=SH.EqualsConstraintComponent)


def test_siblings_at_the_same_position_are_a_violation():
    g = change(
        rich(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/t/1.2> kg:position 2 } ;
        INSERT DATA { <doc/370000-2022-6-119a37/t/1.2> kg:position 1 }
        """,
    )
    found = violations(g)
    assert_violation(found, focus=TASK, constraint=KGSH.PositionsAreUnique)
    assert_violation(found, focus=TASK2, constraint=KGSH.PositionsAreUnique)


# =============================================================================================
# Shapes: targets
# =============================================================================================


def test_range_target_with_min_above_max_is_a_violation():
    g = change(
        rich(),
        """
        DELETE { ?t kg:minQuantity ?q } INSERT { ?t kg:minQuantity 6.0 }
        WHERE { ?t kg:minQuantity ?q }
        """,
    )
    assert_violation(
        violations(g),
        focus=RANGE_TARGET,
        path=KG.minQuantity,
        component=SH.LessThanOrEqualsConstraintComponent,
    )


def test_target_with_both_quantity_and_range_is_a_violation():
    g = change(
        rich(),
        "INSERT DATA { <doc/370000-2022-6-119a37/t/1.2/target/1> kg:quantity 4 }",
    )
    assert_violation(violations(g), focus=RANGE_TARGET, component=SH.XoneConstraintComponent)


def test_target_without_quantity_is_a_violation():
    g = change(minimal(), "DELETE WHERE { ?t kg:quantity ?q }")
    assert_violation(violations(g), focus=TARGET, component=SH.XoneConstraintComponent)


def test_range_bounds_without_range_comparator_are_a_violation():
    g = change(
        rich(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/t/1.2/target/1> kg:comparator kg:range } ;
        INSERT DATA { <doc/370000-2022-6-119a37/t/1.2/target/1> kg:comparator kg:about }
        """,
    )
    assert_violation(violations(g), focus=RANGE_TARGET, component=SH.XoneConstraintComponent)


def test_target_without_unit_is_a_violation():
    g = change(minimal(), "DELETE WHERE { ?t kg:unit ?u }")
    assert_violation(violations(g), focus=TARGET, path=KG.unit, component=SH.MinCountConstraintComponent)


# =============================================================================================
# Shapes: source spans and warnings
# =============================================================================================


def test_span_ending_before_it_starts_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/span/69-73> kg:end 73 } ;
        INSERT DATA { <doc/370000-2022-6-119a37/span/69-73> kg:end 60 }
        """,
    )
    assert_violation(
        violations(g),
        focus=SPAN,
        path=KG.start,
        component=SH.LessThanOrEqualsConstraintComponent,
    )


def test_quote_longer_or_shorter_than_its_span_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/span/69-73> kg:quote "省商務廳" } ;
        INSERT DATA { <doc/370000-2022-6-119a37/span/69-73> kg:quote "省商務廳牽頭" }
        """,
    )
    v = assert_violation(violations(g), focus=SPAN, path=KG.quote, constraint=KGSH.QuoteFitsSpan)
    assert "6 characters" in v.message


def test_span_with_negative_start_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA { <doc/370000-2022-6-119a37/span/69-73> kg:start 69 } ;
        INSERT DATA { <doc/370000-2022-6-119a37/span/69-73> kg:start -1 }
        """,
    )
    assert_violation(violations(g), focus=SPAN, path=KG.start, component=SH.MinInclusiveConstraintComponent)


def test_warning_without_message_is_a_violation():
    g = change(rich(), "DELETE WHERE { ?w kg:message ?m }")
    assert_violation(violations(g), focus=WARNING, path=KG.message, component=SH.MinCountConstraintComponent)


# =============================================================================================
# Shapes: agencies and places
# =============================================================================================


def test_agency_without_short_name_is_a_violation():
    g = change(minimal(), "DELETE WHERE { <agency/370000/commerce> kg:shortName ?n }")
    assert_violation(
        violations(g),
        focus=COMMERCE,
        path=KG.shortName,
        component=SH.MinCountConstraintComponent,
    )


def test_agency_with_two_preferred_labels_in_one_language_is_a_violation():
    g = change(
        minimal(),
        'INSERT DATA { <agency/370000/commerce> skos:prefLabel "商务厅"@zh-Hans }',
    )
    assert_violation(
        violations(g),
        focus=COMMERCE,
        path=SKOS.prefLabel,
        component=SH.UniqueLangConstraintComponent,
    )


def test_preferred_label_without_language_tag_is_a_violation():
    g = change(minimal(), 'INSERT DATA { <agency/370000/commerce> skos:prefLabel "商务厅" }')
    assert_violation(
        violations(g),
        focus=COMMERCE,
        path=SKOS.prefLabel,
        component=SH.DatatypeConstraintComponent,
    )


def _with_credit_code(literal: str) -> Graph:
    return change(minimal(), f"INSERT DATA {{ <agency/370000/commerce> org:identifier {literal} }}")


def test_agency_with_a_credit_code_conforms():
    assert_conforms(_with_credit_code('"11410182005291054B"^^kg:USCC'))


@pytest.mark.parametrize(
    "code",
    [
        "11410182005291054",  # 17 characters
        "11410182005291054BB",  # 19
        "11410182005291054b",  # lower case
        "1141018200529105IB",  # I is not in the alphabet
        "114101820O5291054B",  # nor is O
        "11A10182005291054B",  # the region is digits
        "11 410182005291054B",
    ],
)
def test_malformed_credit_code_is_a_violation(code):
    found = violations(_with_credit_code(f'"{code}"^^kg:USCC'))
    assert_violation(found, focus=COMMERCE, path=ORG.identifier, component=SH.PatternConstraintComponent)


def test_credit_code_that_is_a_plain_string_is_a_violation():
    found = violations(_with_credit_code('"11410182005291054B"'))
    assert_violation(found, focus=COMMERCE, path=ORG.identifier, component=SH.DatatypeConstraintComponent)


def test_agency_with_two_credit_codes_is_a_violation():
    found = violations(_with_credit_code('"11410182005291054B"^^kg:USCC , "11440000006939561H"^^kg:USCC'))
    assert_violation(found, focus=COMMERCE, path=ORG.identifier, component=SH.MaxCountConstraintComponent)


def test_collective_agency_of_another_kind_is_a_violation():
    g = change(
        rich(),
        """
        DELETE { ?c kg:kind kg:collective } INSERT { ?c kg:kind kg:department }
        WHERE { ?c a kg:CollectiveAgency }
        """,
    )
    assert_violation(violations(g), focus=COLLECTIVE, path=KG.kind, component=SH.HasValueConstraintComponent)


def test_agency_of_collective_kind_that_is_not_a_collective_agency_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA { <agency/370000/commerce> kg:kind kg:department } ;
        INSERT DATA { <agency/370000/commerce> kg:kind kg:collective }
        """,
    )
    assert_violation(violations(g), focus=COMMERCE, component=SH.OrConstraintComponent)


def test_issuer_that_is_not_described_as_an_agency_is_a_violation():
    g = change(minimal(), "DELETE WHERE { <agency/370000/government> a ?type }")
    assert_violation(violations(g), focus=DOC, path=KG.issuer, component=SH.ClassConstraintComponent)


def test_place_without_simplified_chinese_label_is_a_violation():
    g = change(minimal(), 'DELETE DATA { <place/370200> skos:prefLabel "青岛市"@zh-Hans }')
    assert_violation(
        violations(g),
        focus=QINGDAO,
        path=SKOS.prefLabel,
        component=SH.QualifiedMinCountConstraintComponent,
    )


def test_place_code_that_does_not_fit_its_kind_is_a_violation():
    g = change(
        minimal(),
        """
        DELETE DATA { <place/370200> kg:kind kg:prefecture } ;
        INSERT DATA { <place/370200> kg:kind kg:county }
        """,
    )
    assert_violation(
        violations(g), focus=QINGDAO, shape=KGSH.PlaceCodeShape, component=SH.OrConstraintComponent
    )


def test_place_without_code_that_is_not_a_zone_is_a_violation():
    g = change(minimal(), "DELETE WHERE { <place/370200> kg:gbCode ?c }")
    assert_violation(
        violations(g), focus=QINGDAO, shape=KGSH.PlaceCodeShape, component=SH.OrConstraintComponent
    )


def test_zone_with_a_code_is_a_violation():
    g = change(
        rich(),
        'INSERT { ?zone kg:gbCode "370299" } WHERE { ?zone kg:kind kg:zone }',
    )
    assert_violation(violations(g), shape=KGSH.PlaceCodeShape, component=SH.OrConstraintComponent)


# =============================================================================================
# Shapes: no blank nodes
# =============================================================================================


def test_blank_node_is_a_violation():
    g = change(
        minimal(),
        """
        INSERT DATA {
            <doc/370000-2022-6-119a37/t/1.1> kg:mentionsPlace _:somewhere .
            _:somewhere a kg:Place ; kg:kind kg:zone ; skos:prefLabel "某地"@zh-Hans .
        }
        """,
    )
    found = violations(g)
    blank = assert_violation(found, constraint=KGSH.NoBlankNodes)
    assert isinstance(blank.focus, BNode)
    assert "mentionsPlace" in blank.message
    assert_violation(found, focus=blank.focus, component=SH.NodeKindConstraintComponent)


def test_untyped_blank_node_is_a_violation():
    g = change(
        minimal(),
        'INSERT DATA { _:note rdfs:comment "nobody points here" }',
    )
    blank = assert_violation(violations(g), constraint=KGSH.NoBlankNodes)
    assert isinstance(blank.focus, BNode)
