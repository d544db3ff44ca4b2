"""``kg export --format ontology-html``: the ontology as a page a person reads offline.

Generated from ``kg/data/ontology.ttl`` and ``shapes.ttl`` as they ship, so the page never
disagrees with the vocabulary the data uses: every class, property and concept with its
Chinese and English labels, comment, domain and range, the alignments to ORG, ELI, PROV,
SKOS and Dublin Core, and a summary of the SHACL shapes. Why a generator of our own: pyLODE
does not install here and ontospy pulls in a web stack; this needs only rdflib and the page
template kg already has (one self-contained file, inline CSS, nothing fetched).
Deterministic: terms, links and constraints are sorted, and nothing depends on the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH, SKOS
from rdflib.term import Node

from kg.views.page import render

DCAM = URIRef("http://purl.org/dc/dcam/")
DOMAIN_INCLUDES = URIRef(f"{DCAM}domainIncludes")
RANGE_INCLUDES = URIRef(f"{DCAM}rangeIncludes")
ONTOLOGY = URIRef("https://w3id.org/policy-kg/def")
# The outside vocabularies kg aligns to, by prefix: the alignment table groups by these.
ALIGNED = {
    "org": "W3C Organization Ontology",
    "eli": "European Legislation Identifier",
    "prov": "W3C PROV-O",
    "skos": "W3C SKOS",
    "dcterms": "DCMI Metadata Terms",
    "foaf": "FOAF",
    "oa": "W3C Web Annotation",
}


@dataclass(order=True)
class Link:
    """A term as the page names it: a prefixed name, and an anchor when it is on the page."""

    name: str
    iri: str
    anchor: str | None = None


@dataclass
class Term:
    """One kg term: a class, a property or a concept."""

    anchor: str
    name: str
    iri: str
    zh: str
    en: str
    kinds: list[str]
    comment: list[str]
    notes: list[str]
    parents: list[Link] = field(default_factory=list)
    children: list[Link] = field(default_factory=list)
    domain: list[Link] = field(default_factory=list)
    range: list[Link] = field(default_factory=list)
    used_by: list[Link] = field(default_factory=list)  # properties whose domain is this class
    concepts: list[Term] = field(default_factory=list)  # a concept scheme's concepts
    alt: list[str] = field(default_factory=list)
    notation: list[str] = field(default_factory=list)


@dataclass
class Shape:
    """One SHACL node shape, summarised: what it targets and each constraint in a line."""

    anchor: str
    name: str
    targets: list[str]
    comment: list[str]
    constraints: list[tuple[str, str, str]]  # path, constraint, message


def _text(g: Graph, s: Node, p: URIRef, lang: str | None = None) -> list[str]:
    """The literals of ``s p``, in one language (``zh`` matches zh-Hans) or all, sorted."""
    found = [o for o in g.objects(s, p) if isinstance(o, Literal)]
    if lang is not None:
        found = [o for o in found if (o.language or "").lower().split("-")[0] == lang]
    return sorted(str(o) for o in found)


class _Namer:
    """Prefixed names and anchors of the ontology's terms."""

    def __init__(self, own: set[URIRef], *graphs: Graph):
        self.own = own
        found = {str(ns): p for g in reversed(graphs) for p, ns in g.namespaces() if p}
        self.prefixes = sorted(found.items(), key=lambda x: (-len(x[0]), x[1]))

    def name(self, iri: Node) -> str:
        s = str(iri)
        for ns, prefix in self.prefixes:
            if s.startswith(ns) and s != ns:
                return f"{prefix}:{s[len(ns) :]}"
        return s

    def link(self, iri: Node) -> Link:
        return Link(self.name(iri), str(iri), anchor(iri) if iri in self.own else None)

    def links(self, nodes) -> list[Link]:
        return sorted((self.link(n) for n in set(nodes) if isinstance(n, URIRef)), key=lambda lk: lk.name)


def anchor(iri: Node) -> str:
    """The page's id for a kg term: its local name (``Task``, ``ledBy``)."""
    return str(iri).rsplit("#", 1)[-1]


def ontology_graph() -> Graph:
    return Graph().parse(data=_shipped("ontology.ttl"), format="turtle")


def shapes_graph() -> Graph:
    return Graph().parse(data=_shipped("shapes.ttl"), format="turtle")


def _shipped(name: str) -> str:
    return resources.files("kg").joinpath(f"data/{name}").read_text("utf-8")


def ontology_html(g: Graph | None = None, shapes: Graph | None = None) -> str:
    """The documentation page of the ontology (default: the one kg ships) and its shapes."""
    g = g if g is not None else ontology_graph()
    shapes = shapes if shapes is not None else shapes_graph()
    own = {s for s in g.subjects(RDFS.isDefinedBy, ONTOLOGY) if isinstance(s, URIRef)}
    namer = _Namer(own, g, shapes)
    terms = {t: _term(g, namer, t) for t in own}
    for t in terms:
        for parent in (*g.objects(t, RDFS.subClassOf), *g.objects(t, RDFS.subPropertyOf)):
            if parent in terms:
                terms[parent].children.append(namer.link(t))  # type: ignore[index]
        for d in (*g.objects(t, RDFS.domain), *g.objects(t, DOMAIN_INCLUDES)):
            if d in terms:
                terms[d].used_by.append(namer.link(t))  # type: ignore[index]
    for term in terms.values():
        term.children.sort(key=lambda lk: lk.name)
        term.used_by.sort(key=lambda lk: lk.name)

    def of(kind: URIRef) -> list[Term]:
        return sorted((terms[t] for t in own if (t, RDF.type, kind) in g), key=lambda x: x.anchor.lower())

    schemes = of(SKOS.ConceptScheme)
    for scheme in schemes:
        iri = URIRef(scheme.iri)
        scheme.concepts = sorted(
            (terms[c] for c in g.subjects(SKOS.inScheme, iri) if isinstance(c, URIRef) and c in terms),
            key=lambda x: x.anchor,
        )
    alignments = sorted(
        (namer.name(o).split(":")[0], namer.link(s), namer.name(p), namer.link(o))
        for s in own
        for p in (RDFS.subClassOf, RDFS.subPropertyOf)
        for o in g.objects(s, p)
        if isinstance(o, URIRef) and o not in own
    )
    meta = {
        "title_zh": _text(g, ONTOLOGY, DCTERMS.title, "zh"),
        "title_en": _text(g, ONTOLOGY, DCTERMS.title, "en"),
        "description": _text(g, ONTOLOGY, DCTERMS.description),
        "version": _text(g, ONTOLOGY, OWL.versionInfo),
        "licence": sorted(str(o) for o in g.objects(ONTOLOGY, DCTERMS.license)),
        "iri": str(ONTOLOGY),
        "namespace": _text(g, ONTOLOGY, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")),
    }
    return render(
        "ontology.html",
        meta=meta,
        classes=of(OWL.Class),
        object_properties=of(OWL.ObjectProperty),
        datatype_properties=of(OWL.DatatypeProperty),
        datatypes=of(RDFS.Datatype),
        schemes=schemes,
        alignments=[(prefix, ALIGNED.get(prefix, prefix), s, p, o) for prefix, s, p, o in alignments],
        shapes=_shapes(shapes, namer),
    )


def _term(g: Graph, namer: _Namer, t: URIRef) -> Term:
    kinds = sorted(namer.name(k) for k in g.objects(t, RDF.type) if isinstance(k, URIRef))
    zh = _text(g, t, RDFS.label, "zh") or _text(g, t, SKOS.prefLabel, "zh")
    en = _text(g, t, RDFS.label, "en") or _text(g, t, SKOS.prefLabel, "en")
    return Term(
        anchor=anchor(t),
        name=namer.name(t),
        iri=str(t),
        zh="、".join(zh),
        en=", ".join(en),
        kinds=kinds,
        comment=_text(g, t, RDFS.comment),
        notes=_text(g, t, SKOS.editorialNote),
        parents=namer.links([*g.objects(t, RDFS.subClassOf), *g.objects(t, RDFS.subPropertyOf)]),
        domain=namer.links([*g.objects(t, RDFS.domain), *g.objects(t, DOMAIN_INCLUDES)]),
        range=namer.links([*g.objects(t, RDFS.range), *g.objects(t, RANGE_INCLUDES)]),
        alt=_text(g, t, SKOS.altLabel),
        notation=_text(g, t, SKOS.notation),
    )


# -- the shapes ---------------------------------------------------------------------------

_LIMITS = (
    (SH.minCount, "≥ {} value(s)"),
    (SH.maxCount, "≤ {} value(s)"),
    (SH.datatype, "datatype {}"),
    (SH["class"], "class {}"),
    (SH.nodeKind, "node kind {}"),
    (SH.hasValue, "has value {}"),
    (SH.pattern, "matches {}"),
    (SH.minLength, "length ≥ {}"),
    (SH.minInclusive, "≥ {}"),
    (SH.languageIn, "language in {}"),
    (SH.uniqueLang, "one value per language: {}"),
    (SH.equals, "equals {}"),
    (SH.lessThanOrEquals, "≤ the value of {}"),
    (SH.qualifiedMinCount, "at least {} of them"),
    (SH.qualifiedMaxCount, "at most {} of them"),
)


def _shapes(s: Graph, namer: _Namer) -> list[Shape]:
    out = []
    for shape in sorted((n for n in s.subjects(RDF.type, SH.NodeShape) if isinstance(n, URIRef)), key=str):
        targets = [f"class {namer.name(c)}" for c in sorted(s.objects(shape, SH.targetClass), key=str)]
        targets += [
            f"subjects of {namer.name(p)}" for p in sorted(s.objects(shape, SH.targetSubjectsOf), key=str)
        ]
        targets += ["nodes a SPARQL query selects" for _ in s.objects(shape, SH.target)]
        constraints = [
            (_path(s, namer, p), _constraint(s, namer, p), " ".join(_text(s, p, SH.message)))
            for p in s.objects(shape, SH.property)
        ]
        constraints += [
            (
                "(SPARQL)",
                " ".join(_text(s, c, RDFS.comment)) or "a SPARQL constraint",
                " ".join(_text(s, c, SH.message)),
            )
            for c in s.objects(shape, SH.sparql)
        ]
        if (shape, SH.sparql, None) not in s:
            constraints += (
                [("(node)", _constraint(s, namer, shape), "")] if _constraint(s, namer, shape) else []
            )
        out.append(
            Shape(
                anchor="shape-" + str(shape).rsplit("#", 1)[-1],
                name=namer.name(shape),
                targets=targets,
                comment=_text(s, shape, RDFS.comment),
                constraints=sorted(constraints),
            )
        )
    return out


def _path(s: Graph, namer: _Namer, shape: Node) -> str:
    path = s.value(shape, SH.path)
    if isinstance(path, BNode):
        inverse = s.value(path, SH.inversePath)
        return f"^{namer.name(inverse)}" if inverse is not None else "(a path)"
    return namer.name(path) if path is not None else ""


def _constraint(s: Graph, namer: _Namer, shape: Node) -> str:
    """One line for a shape's constraints, nested shapes (sh:or, sh:not …) in brackets."""
    parts = []
    for p, form in _LIMITS:
        for o in sorted(s.objects(shape, p), key=str):
            parts.append(form.format(_value(s, namer, o)))
    for o in s.objects(shape, SH["in"]):
        parts.append(f"one of {_value(s, namer, o)}")
    for p, word in ((SH["or"], " or "), (SH.xone, " or (exactly one) ")):
        for o in s.objects(shape, p):
            parts.append("(" + word.join(sorted(_constraint(s, namer, x) for x in Collection(s, o))) + ")")
    for o in s.objects(shape, SH["not"]):
        parts.append(f"not ({_constraint(s, namer, o)})")
    for o in s.objects(shape, SH.qualifiedValueShape):
        parts.append(f"of shape ({_constraint(s, namer, o)})")
    return "; ".join(parts)


def _value(s: Graph, namer: _Namer, x: Node) -> str:
    """A constraint's value as text: a list as its members (never a blank node's id)."""
    if isinstance(x, BNode):
        return ", ".join(sorted(_value(s, namer, m) for m in Collection(s, x)))
    return namer.name(x) if isinstance(x, URIRef) else str(x)
