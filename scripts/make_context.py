"""Regenerate kg/data/context.jsonld from kg/data/ontology.ttl (tests check it is current).

Every kg term gets a plain key: classes and concepts their local name; object properties
coerce to IRIs (``@vocab`` where the values are concepts, so ``"role": "lead"``); data
properties coerce to their range's datatype, except integers and booleans, which stay JSON
numbers and booleans, and strings, which stay JSON strings. The outside terms the data uses
get plain keys too; labels and titles are language maps.

Usage: python scripts/make_context.py  (writes the file)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, URIRef
from rdflib.namespace import SKOS

ROOT = Path(__file__).resolve().parent.parent
KG = "https://w3id.org/policy-kg/def#"
PREFIXES = {
    "kg": KG,
    "dcterms": "http://purl.org/dc/terms/",
    "skos": str(SKOS),
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}
NATIVE = {XSD.integer, XSD.boolean, XSD.string}
LANGUAGE_MAPS = {
    "label": "rdfs:label",
    "prefLabel": "skos:prefLabel",
    "altLabel": "skos:altLabel",
    "title": "dcterms:title",
}
OUTSIDE = {
    "identifier": "dcterms:identifier",
    "issued": {"@id": "dcterms:issued", "@type": "xsd:date"},
    "hasPart": {"@id": "dcterms:hasPart", "@type": "@id"},
    "subOrganizationOf": {"@id": "org:subOrganizationOf", "@type": "@id"},
    "creditCode": {"@id": "org:identifier", "@type": "kg:USCC"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "Organization": "org:Organization",
    "Concept": "skos:Concept",
    "ConceptScheme": "skos:ConceptScheme",
}


def context(ontology: Graph) -> dict:
    """The term context the JSON-LD export uses, derived from the ontology."""
    terms: dict[str, object] = {"@version": 1.1, "id": "@id", "type": "@type", **PREFIXES}
    for key, iri in LANGUAGE_MAPS.items():
        terms[key] = {"@id": iri, "@container": "@language"}
    terms.update(OUTSIDE)
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept)) | set(
        ontology.subjects(RDF.type, SKOS.ConceptScheme)
    )
    for s in sorted(
        {
            s
            for s in ontology.subjects()
            if isinstance(s, URIRef) and str(s).startswith(KG) and len(str(s)) > len(KG)
        },
        key=str,
    ):
        name = str(s)[len(KG) :]
        curie = f"kg:{name}"
        if (s, RDF.type, OWL.ObjectProperty) in ontology:
            values = set(ontology.objects(s, RDFS.range))
            vocab = any((v, RDFS.subClassOf, SKOS.Concept) in ontology or v == SKOS.Concept for v in values)
            terms[name] = {"@id": curie, "@type": "@vocab" if vocab else "@id"}
        elif (s, RDF.type, OWL.DatatypeProperty) in ontology:
            rng = ontology.value(s, RDFS.range)
            if rng is None or rng in NATIVE:
                terms[name] = curie
            else:
                terms[name] = {"@id": curie, "@type": f"xsd:{str(rng)[len(str(XSD)) :]}"}
        elif s in concepts or (s, RDF.type, OWL.Class) in ontology:
            terms[name] = curie
    return {"@context": terms}


def render(ontology: Graph) -> str:
    return json.dumps(context(ontology), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    g = Graph().parse(ROOT / "kg" / "data" / "ontology.ttl", format="turtle")
    (ROOT / "kg" / "data" / "context.jsonld").write_text(render(g), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
