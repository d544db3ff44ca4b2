"""The dataset description: what a graph holds and how it was made, in VoID and DCAT.

A consumer (a triple store's catalogue, a data portal, a crawler) reads from it the title,
the documents and their named graphs, the number of triples, the vocabularies, the licence,
the kg version and the checksum of every source text, without reading the data.

Determinism: the description is a function of the graph only. Its date (``dcterms:modified``)
is the newest issue date of the documents, never the clock; the build time is added only
when the caller passes ``created`` (the store and a ``void.ttl`` beside it may carry it, the
graph files never do, so two builds of the same input stay byte-identical).
"""

from __future__ import annotations

from importlib import metadata

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, PROV, SKOS, VOID

from kg.graph.rdf import bind_prefixes
from kg.ns import DEFAULT_BASE, KG

# Data read from official documents, which the Copyright Law of the PRC (Article 5) excludes
# from protection: offered as CC0 unless the caller says otherwise.
DEFAULT_LICENCE = URIRef("https://spdx.org/licenses/CC0-1.0")
VOCABULARIES = (
    URIRef(str(KG._NS)),
    URIRef(str(DCTERMS)),
    URIRef(str(SKOS)),
    URIRef(str(ORG)),
    URIRef(str(PROV)),
    URIRef(str(RDFS)),
)
SHAPES = URIRef("https://w3id.org/policy-kg/shapes")


def _installed_version() -> str:
    """kg's version as installed (the package metadata ``kg.__version__`` is written from)."""
    try:
        return metadata.version("kg")
    except metadata.PackageNotFoundError:
        return "unknown"


def describe(
    graphs: list[tuple[URIRef, Graph]],
    base: str = DEFAULT_BASE,
    version: str | None = None,
    created: str | None = None,
    licence: URIRef = DEFAULT_LICENCE,
) -> Graph:
    """VoID + DCAT description of the named graphs (one per document).

    :param created: the build time (xsd:dateTime, ISO 8601), written only when given.
    """
    version = version or _installed_version()
    base = base if base.endswith(("/", "#")) else base + "/"
    d = Graph()
    bind_prefixes(d, base)
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("prov", PROV), ("owl", OWL)):
        d.bind(prefix, ns)
    ds = URIRef(f"{base}dataset")
    software = URIRef(f"{base}software/kg/{version}")
    union: set = set()
    issued: list[str] = []
    documents = 0
    for iri, g in sorted(graphs, key=lambda pair: str(pair[0])):
        union.update(g)
        d.add((ds, VOID.subset, iri))
        d.add((iri, RDF.type, VOID.Dataset))
        d.add((iri, VOID.triples, Literal(len(g))))
        for doc in sorted(g.subjects(RDF.type, KG.PolicyDocument), key=str):
            documents += 1
            d.add((iri, DCTERMS.source, doc))
            d.add((ds, DCTERMS.hasPart, doc))
            for p in (
                RDFS.label,
                DCTERMS.title,
                DCTERMS.identifier,
                DCTERMS.issued,
                KG.checksum,
                KG.sourceFile,
            ):
                for o in g.objects(doc, p):
                    d.add((iri, p, o))
            issued.extend(str(o) for o in g.objects(doc, DCTERMS.issued))
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, RDF.type, DCAT.Dataset))
    d.add(
        (
            ds,
            DCTERMS.title,
            Literal(
                f"Responsibilities in {documents} policy document{'s' if documents != 1 else ''}", lang="en"
            ),
        )
    )
    d.add((ds, DCTERMS.title, Literal(f"{documents} 份政策文件的职责分工", lang="zh-Hans")))
    d.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Who leads, supports or shares each task of the documents, with places, targets, "
                "deadlines and the source span of every statement; one named graph per document.",
                lang="en",
            ),
        )
    )
    d.add((ds, VOID.triples, Literal(len(union))))
    d.add((ds, VOID.documents, Literal(documents)))
    d.add((ds, VOID.uriSpace, Literal(base)))
    d.add((ds, DCTERMS.license, licence))
    d.add((ds, DCTERMS.conformsTo, SHAPES))
    for vocabulary in VOCABULARIES:
        d.add((ds, VOID.vocabulary, vocabulary))
    if issued:
        d.add((ds, DCTERMS.modified, Literal(max(issued), datatype=XSD.date)))
    if created:
        d.add((ds, DCTERMS.created, Literal(created, datatype=XSD.dateTime)))
    d.add((ds, PROV.wasAttributedTo, software))
    d.add((software, RDF.type, PROV.SoftwareAgent))
    d.add((software, RDFS.label, Literal(f"kg {version}")))
    d.add((software, OWL.versionInfo, Literal(version)))
    return d
