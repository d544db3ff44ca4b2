"""Document model → RDF: one named graph per document, no blank nodes, IRIs from ``ids.py``.

The graph is built from the model alone (never by re-reading text), so what ``kg parse
--json`` shows is exactly what the graph says. ``docs/graph.md`` describes the shape.
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
import rdflib.namespace as _rdflib_ns
from rdflib import Dataset, Graph, Literal, URIRef

from kg import ns as _kg_ns
from kg.ids import Ids
from kg.lexicon.gazetteer import credit_codes
from kg.model import Agency, Document, Place, Section, Span, Target, Task
from kg.ns import DEFAULT_BASE
from kg.parse.citations import citations, normalise_wenhao
from kg.text.normalize import to_simplified
from kg.vocab import AGENCY_KINDS, OTHER_AGENCY, PLACE_KINDS, ROLE


class _Terms:
    """A namespace whose terms are pyoxigraph nodes, each made once on first use: the writer
    names a predicate or class for every triple, and an rdflib namespace builds its term on
    every access, which pyoxigraph would then copy again."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        term = ox.NamedNode(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


RDF, RDFS, XSD = (_Terms(n) for n in (_rdflib_ns.RDF, _rdflib_ns.RDFS, _rdflib_ns.XSD))
DCTERMS, FOAF, ORG = (_Terms(n) for n in (_rdflib_ns.DCTERMS, _rdflib_ns.FOAF, _rdflib_ns.ORG))
PROV, SKOS, KG = (_Terms(n) for n in (_rdflib_ns.PROV, _rdflib_ns.SKOS, _kg_ns.KG))

COMPARATOR = {
    "exactly": KG.exactly,
    "atLeast": KG.atLeast,
    "atMost": KG.atMost,
    "about": KG.about,
    "range": KG.range,
}
ZH, ZH_HANT, EN = "zh-Hans", "zh-Hant", "en"
DEADLINE_KINDS = {"date": KG.byDate, "month": KG.byDate, "ongoing": KG.ongoing, "recurring": KG.recurring}
PERSON_ROLES = {"lead": KG.leads, "responsible": KG.responsible}
ROLE_CONCEPTS = {key: ox.NamedNode(r.concept) for key, r in ROLE.items()}
ROLE_PROPERTIES = {key: ox.NamedNode(r.task_property) for key, r in ROLE.items()}
AGENCY_KIND_CONCEPTS = {key: ox.NamedNode(k.concept) for key, k in AGENCY_KINDS.items()}
PLACE_KIND_CONCEPTS = {key: ox.NamedNode(k.concept) for key, k in PLACE_KINDS.items()}
# pyoxigraph keeps a language tag in lower case; rdflib keeps it as written
_LANGUAGES = {tag.lower(): tag for tag in (ZH, ZH_HANT, EN)}


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> None:
    g.bind("kg", str(_kg_ns.KG))
    g.bind("id", base)
    g.bind("dcterms", str(_rdflib_ns.DCTERMS))
    g.bind("skos", str(_rdflib_ns.SKOS))
    g.bind("org", str(_rdflib_ns.ORG))
    g.bind("prov", str(_rdflib_ns.PROV))
    g.bind("eli", str(_kg_ns.ELI))
    g.bind("xsd", str(_rdflib_ns.XSD))
    g.bind("rdfs", str(_rdflib_ns.RDFS))


def named_graphs(docs: list[Document], base: str = DEFAULT_BASE) -> list[tuple[URIRef, Graph]]:
    """Each document's graph with the IRI that names it; agencies share IRIs within a
    jurisdiction and one description across documents (see :func:`agency_registry`). The
    triples are those of :func:`document_quads`, in its order, as rdflib terms."""
    ids = Ids(base)
    registry = agency_registry(docs)
    terms: dict[ox.NamedNode | ox.Literal, URIRef | Literal] = {}
    out = []
    for doc in docs:
        g = Graph()
        bind_prefixes(g, base)
        for triple in _Writer(doc, ids, registry).write():
            g.add(tuple(_rdflib_term(t, terms) for t in triple))  # type: ignore[arg-type]
        out.append((ids.graph(doc.id), g))
    return out


def document_quads(doc: Document, base: str = DEFAULT_BASE) -> tuple[str, list[ox.Quad]]:
    """One document's named graph as pyoxigraph quads: the same triples as
    :func:`named_graphs` gives for the document alone, written without rdflib terms or an
    rdflib graph (whose indexes cost more than parsing the document)."""
    graph, triples = document_triples(doc, base)
    name = ox.NamedNode(graph)
    return graph, [ox.Quad(s, p, o, name) for s, p, o in triples]


NQUADS_PIECE = 50_000  # lines made into text at a time: the text is not held twice


def nquads_text(graph: str, triples: list[Triple]) -> bytes:
    """``triples`` in the named ``graph`` as N-Quads text, in their order. Each line is
    written from the terms' own text (a pyoxigraph term's ``str`` is its N-Triples form,
    byte for byte what pyoxigraph's N-Quads serialiser writes): making a ``Quad`` of every
    triple and serialising them took 5.5 s against 4.7 s for a 20,000-task document."""
    end = f" <{graph}> .\n"
    out = io.BytesIO()
    for start in range(0, len(triples), NQUADS_PIECE):
        piece = triples[start : start + NQUADS_PIECE]
        out.write("".join([f"{s} {p} {o}{end}" for s, p, o in piece]).encode())
    return out.getvalue()


def document_triples(doc: Document, base: str = DEFAULT_BASE) -> tuple[str, list[Triple]]:
    """One document's graph IRI and its triples as tuples of pyoxigraph terms, each once, in
    the order written: what :func:`document_quads` and :func:`nquads_text` are made of."""
    ids = Ids(base)
    return str(ids.graph(doc.id)), _Writer(doc, ids, agency_registry([doc])).write()


def _rdflib_term(term, made: dict) -> URIRef | Literal:
    """The rdflib term the writer's pyoxigraph term stands for, each made once in ``made``."""
    found = made.get(term)
    if found is None:
        if isinstance(term, ox.NamedNode):
            found = URIRef(term.value)
        elif term.language:
            found = Literal(term.value, lang=_LANGUAGES.get(term.language, term.language))
        elif term.datatype == _XSD_STRING:
            found = Literal(term.value)
        else:
            found = Literal(term.value, datatype=URIRef(term.datatype.value))
        made[term] = found
    return found


def _ox_term(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    """The pyoxigraph form of an rdflib term."""
    return ox.NamedNode(term) if isinstance(term, URIRef) else _ox_literal(term)


def _ox_literal(term: Literal) -> ox.Literal:
    """The pyoxigraph form of an rdflib literal: its lexical form, language and datatype."""
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
    return ox.Literal(str(term))


_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_TRUE, _FALSE = (_ox_literal(Literal(b)) for b in (True, False))


def _literal(value, lang: str | None = None) -> ox.Literal:
    """The literal rdflib's ``Literal(value, lang=lang)`` is, made directly where that is
    plain (a string, an int, a bool): rdflib's constructor was a third of a document's graph."""
    kind = type(value)
    if kind is str:
        return ox.Literal(value, language=lang) if lang else ox.Literal(value)
    if kind is bool:
        return _TRUE if value else _FALSE
    if kind is int:
        return ox.Literal(str(value), datatype=_XSD_INTEGER)
    return _ox_literal(Literal(value, lang=lang))  # an enum's value, a float …: as rdflib has it


def _typed(value: object, datatype: ox.NamedNode) -> ox.Literal:
    """``Literal(value, datatype=datatype)`` as rdflib writes it (it normalises some lexical
    forms: Decimal("1e+21") is 1000000000000000000000)."""
    kind = type(value)
    if kind is str or kind is Decimal:
        return _typed_as_rdflib(kind, str(value), datatype)
    return _ox_literal(Literal(value, datatype=URIRef(datatype.value)))


@lru_cache(maxsize=4096)
def _typed_as_rdflib(kind: type[str] | type[Decimal], text: str, datatype: ox.NamedNode) -> ox.Literal:
    # keyed by the text, not the value: Decimal("1.5") == Decimal("1.50"), whose literals differ
    return _ox_literal(Literal(kind(text), datatype=URIRef(datatype.value)))


def to_dataset(docs: list[Document], base: str = DEFAULT_BASE) -> Dataset:
    """Every document in its own named graph of one rdflib Dataset."""
    ds = Dataset()
    bind_prefixes(ds, base)
    for iri, g in named_graphs(docs, base):
        target = ds.graph(iri)
        target += g
    return ds


def to_graph(docs: list[Document], base: str = DEFAULT_BASE) -> Graph:
    """The union of the documents' graphs as one plain graph."""
    return union(named_graphs(docs, base), base)


def link_citations(g: Graph) -> Graph:
    """``kg:cites`` from each document to every other document of ``g`` that one of its
    ``kg:citation`` names: by 文号 (the citation ends with it: 鲁政发〔2022〕6号) or by title
    (《山东省人民政府关于…的实施意见》). Returns ``g``, linked in place."""
    RDF, KG, DCTERMS = _rdflib_ns.RDF, _kg_ns.KG, _rdflib_ns.DCTERMS  # rdflib's terms, for rdflib
    docs = sorted({d for d in g.subjects(RDF.type, KG.PolicyDocument) if isinstance(d, URIRef)})
    names = {
        d: {normalise_wenhao(str(i)) for i in g.objects(d, DCTERMS.identifier)}
        | {f"《{t}》" for t in g.objects(d, DCTERMS.title)}
        for d in docs
    }
    for d in docs:
        for ref in sorted(str(c) for c in g.objects(d, KG.citation)):
            for other in docs:
                if other != d and any(
                    ref == n or (not n.startswith("《") and ref.endswith(n)) for n in names[other]
                ):
                    g.add((d, KG.cites, other))
    return g


def union(graphs: list[tuple[URIRef, Graph]], base: str = DEFAULT_BASE) -> Graph:
    """One plain graph holding every named graph's triples, each document linked to the
    documents of the union it cites (:func:`link_citations`)."""
    if len(graphs) == 1:
        return graphs[0][1]
    g = Graph()
    bind_prefixes(g, base)
    for _, named in graphs:
        g += named
    return link_citations(g)


def agency_registry(docs: list[Document]) -> dict[str, Agency]:
    """One description per agency across documents: the first document (by id) that names it
    gives its names, so a union of several documents never has two short names for one node."""
    registry: dict[str, Agency] = {}
    for doc in sorted(docs, key=lambda d: d.id):
        for key, agency in doc.agencies.items():
            registry.setdefault(key, agency)
    return registry


Triple = tuple[ox.NamedNode, ox.NamedNode, "ox.NamedNode | ox.Literal"]  # a triple as the writer keeps it


class _Writer:
    """One document's triples, in the order written, each once: the terms are pyoxigraph's
    from the start, whose hashing and comparison are native (rdflib's terms hash and
    compare in Python, and making them cost as much as parsing the document). They are
    kept as tuples: a pyoxigraph ``Quad`` of each cost three times as much to make."""

    def __init__(self, doc: Document, ids: Ids, registry: dict[str, Agency]):
        self.doc, self.ids, self.registry = doc, ids, registry
        self.doc_iri = ox.NamedNode(ids.document(doc.id))
        self.triples: dict[Triple, None] = {}
        self.concepts_used: set[ox.NamedNode] = set()  # the kg concepts the triples point at
        self._nodes: dict[str, ox.NamedNode] = {}  # agencies and places, named many times

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal | None) -> None:
        if o is not None:
            self.triples[s, p, o] = None  # a repeated triple keeps its first place

    def concept(self, s: ox.NamedNode, p: ox.NamedNode, concept: ox.NamedNode) -> None:
        """A triple pointing at a kg concept (a role, a kind, a comparator), which
        :meth:`concepts` then describes."""
        self.add(s, p, concept)
        self.concepts_used.add(concept)

    def agency_node(self, key: str) -> ox.NamedNode:
        node = self._nodes.get("agency " + key)
        if node is None:
            node = self._nodes["agency " + key] = ox.NamedNode(self.ids.agency(key))
        return node

    def place_node(self, key: str) -> ox.NamedNode:
        node = self._nodes.get("place " + key)
        if node is None:
            node = self._nodes["place " + key] = ox.NamedNode(self.ids.place(key))
        return node

    def text(self, value: str | None, lang: str | None = None) -> ox.Literal | None:
        if value is None or value == "":
            return None
        return _literal(value, lang)

    def write(self) -> list[Triple]:
        doc, d = self.doc, self.doc_iri
        self.add(d, RDF.type, KG.PolicyDocument)
        self.add(d, RDFS.label, self.text(doc.label(), ZH))
        self.add(d, DCTERMS.identifier, self.text(doc.identifier))
        self.add(d, DCTERMS.title, self.text(doc.title, ZH))
        if doc.date:
            self.add(d, DCTERMS.issued, _typed(doc.date, XSD.date))
        if doc.printed:
            self.add(d, KG.printed, _typed(doc.printed, XSD.date))
        self.add(d, KG.printer, self.text(doc.printer))
        for r in doc.recipients:
            self.add(d, KG.recipient, _literal(r))
        for r in doc.copied_to:
            self.add(d, KG.copiedTo, _literal(r))
        self.add(d, KG.sourceFile, _literal(doc.source))
        self.add(d, KG.checksum, _literal(doc.checksum))
        for ref in citations(doc):
            self.add(d, KG.citation, _literal(ref))
        self.add(d, KG.text, self.text(doc.preamble))
        if doc.issuer:
            self.add(d, KG.issuer, self.agency_node(doc.issuer))
        if doc.jurisdiction and doc.jurisdiction in doc.places:
            self.add(d, KG.jurisdiction, self.place_node(doc.jurisdiction))
        for agency in doc.agencies.values():
            self.agency(agency)
        for place in doc.places.values():
            self.place(place)
        for i, section in enumerate(doc.sections, 1):
            self.section(section, i)
        self.concepts()
        for i, w in enumerate(doc.warnings, 1):
            wi = ox.NamedNode(self.ids.warning(doc.id, i))
            self.add(d, KG.warning, wi)
            self.add(wi, RDF.type, KG.TextWarning)
            self.add(wi, KG.warningKind, _literal(w.kind))
            self.add(wi, KG.message, _literal(w.message))
            if w.span:
                self.source(wi, KG.TextWarning, w.span)
        return list(self.triples)

    def source(self, fact: ox.NamedNode, cls: ox.NamedNode, span: Span) -> None:
        """The span a fact of class ``cls`` comes from: kg:source, and the standard terms a
        consumer without the ontology's alignments reads: dcterms:source always,
        prov:wasDerivedFrom where the class is a prov:Entity (targets, warnings). Tasks are
        prov:Activity and responsibilities prov:Association under the ontology, and PROV-O
        keeps activities and entities disjoint, so they get no prov:wasDerivedFrom."""
        s = self.span(span)
        self.add(fact, KG.source, s)
        self.add(fact, DCTERMS.source, s)
        if cls in _prov_entities():
            self.add(fact, PROV.wasDerivedFrom, s)

    def label(self, node: ox.NamedNode, value: ox.Literal | None) -> None:
        """skos:prefLabel, and the same value as rdfs:label, which every RDF browser shows."""
        self.add(node, SKOS.prefLabel, value)
        self.add(node, RDFS.label, value)

    def concepts(self) -> None:
        """The kg concepts the graph uses (roles, kinds, comparators), typed and labelled as
        the ontology has them, so the data reads without the ontology beside it."""
        described = _concepts()
        for concept in sorted(self.concepts_used, key=lambda c: c.value):
            for p, o in described.get(concept, ()):
                self.add(concept, p, o)

    def span(self, span: Span) -> ox.NamedNode:
        s = ox.NamedNode(self.ids.span(self.doc.id, span.start, span.end))
        self.add(s, RDF.type, KG.SourceSpan)
        self.add(s, KG.start, _literal(span.start))
        self.add(s, KG.end, _literal(span.end))
        self.add(s, KG.line, _literal(span.line))
        self.add(s, KG.column, _literal(span.column))
        self.add(s, KG.quote, _literal(span.quote))
        if span.origin is not None:
            self.add(s, KG.origin, _literal(span.origin))
        self.add(s, KG.inDocument, self.doc_iri)
        return s

    def section(self, section: Section, position: int) -> None:
        s = ox.NamedNode(self.ids.section(self.doc.id, section.path))
        self.add(self.doc_iri, DCTERMS.hasPart, s)
        self.add(s, RDF.type, KG.Section)
        self.add(s, KG.path, _literal(section.path))
        self.add(s, KG.marker, self.text(section.marker))
        self.add(s, KG.position, _literal(position))
        self.add(s, KG.inDocument, self.doc_iri)
        self.add(s, DCTERMS.title, self.text(section.title, ZH))
        label = f"{section.marker or ''}{section.title or ''}" or f"section {section.path}"
        self.add(s, RDFS.label, _literal(label, ZH))
        self.add(s, KG.text, self.text(section.text))
        self.source(s, KG.Section, section.span)
        self.targets(s, section.targets)
        for i, task in enumerate(section.tasks, 1):
            self.task(task, s, i)

    def task(self, task: Task, parent: ox.NamedNode, position: int) -> None:
        iri = self.ids.task(self.doc.id, task.path)
        t = ox.NamedNode(iri)
        self.add(parent, DCTERMS.hasPart, t)
        self.add(t, RDF.type, KG.Task)
        self.add(t, KG.path, _literal(task.path))
        self.add(t, KG.marker, self.text(task.marker))
        self.add(t, KG.position, _literal(position))
        self.add(t, KG.inDocument, self.doc_iri)
        self.add(t, DCTERMS.title, self.text(task.title, ZH))
        self.add(t, RDFS.label, _literal(f"{task.path} {task.title}".strip(), ZH))
        self.add(t, KG.text, self.text(task.text))
        self.source(t, KG.Task, task.span)
        for clause in task.clauses:
            self.add(t, KG.clauseText, self.text(clause.text))
        self.add(t, KG.deadlineText, self.text(task.deadline))
        if task.deadline_year:
            self.add(t, KG.deadlineYear, _typed(str(task.deadline_year), XSD.gYear))
        if task.due:
            self.add(t, KG.deadlineKind, DEADLINE_KINDS[task.due.kind])
            if task.due.end:
                kind = XSD.gYearMonth if task.due.kind == "month" else XSD.date
                self.add(t, KG.due, _typed(task.due.end, kind))
                self.add(t, KG.dueDate, _typed(task.due.last_day(), XSD.date))
        for n, person in enumerate(task.persons, 1):
            p = ox.NamedNode(self.ids.person(iri, n))
            self.add(t, KG.person, p)
            self.add(p, RDF.type, FOAF.Person)
            self.add(p, FOAF.name, _literal(person.name, ZH))
            self.add(p, RDFS.label, _literal(f"{person.post or ''}{person.name}", ZH))
            self.add(p, KG.post, self.text(person.post, ZH))
            self.add(p, KG.personRole, PERSON_ROLES[person.role])
            self.add(p, KG.source, self.span(person.span))
        for n, r in enumerate(task.responsibilities, 1):
            agency = self.agency_node(r.agency)
            ri = ox.NamedNode(self.ids.responsibility(iri, n))
            self.add(t, ROLE_PROPERTIES[r.role], agency)
            self.add(t, KG.responsibility, ri)
            self.add(ri, RDF.type, KG.Responsibility)
            self.add(ri, KG.agency, agency)
            self.concept(ri, KG.role, ROLE_CONCEPTS[r.role])
            self.add(ri, KG.position, _literal(r.position))
            self.add(ri, KG.openList, _literal(r.open))
            self.source(ri, KG.Responsibility, r.span)
        for key in task.places:
            self.add(t, KG.mentionsPlace, self.place_node(key))
        self.targets(t, task.targets)
        for i, child in enumerate(task.children, 1):
            self.task(child, t, i)

    def targets(self, holder: ox.NamedNode, targets: list[Target]) -> None:
        for n, target in enumerate(targets, 1):
            ti = ox.NamedNode(self.ids.target(holder.value, n))
            self.add(holder, KG.target, ti)
            self.add(ti, RDF.type, KG.Target)
            self.add(ti, RDFS.label, _literal(target.text, ZH))
            self.add(ti, KG.object, self.text(target.object))
            self.add(ti, KG.unit, _literal(target.unit))
            self.concept(ti, KG.comparator, COMPARATOR[target.comparator])
            for prop, value in (
                (KG.quantity, target.quantity),
                (KG.minQuantity, target.min),
                (KG.maxQuantity, target.max),
            ):
                if value is not None:
                    self.add(ti, prop, _typed(Decimal(str(value)), XSD.decimal))
            if target.deadline_year:
                self.add(ti, KG.deadlineYear, _typed(str(target.deadline_year), XSD.gYear))
            self.source(ti, KG.Target, target.span)

    def agency(self, mine: Agency) -> None:
        agency = self.registry.get(mine.key, mine)
        spellings = [x for x in [mine.short, *mine.spellings] if x != agency.short]
        a = self.agency_node(agency.key)
        self.add(a, RDF.type, KG.Agency)
        self.add(a, RDF.type, ORG.Organization)
        if agency.collective:
            self.add(a, RDF.type, KG.CollectiveAgency)
        self.add(a, KG.shortName, _literal(agency.short))
        self.label(a, _literal(agency.full or agency.short, ZH))
        self.label(a, self.text(agency.en, EN))
        if agency.full and agency.full != agency.short:
            self.add(a, SKOS.altLabel, _literal(agency.short, ZH))
        for spelling in spellings:
            self.add(a, SKOS.altLabel, _literal(spelling, _script(spelling)))
        self.concept(
            a, KG.kind, AGENCY_KIND_CONCEPTS.get(agency.kind, AGENCY_KIND_CONCEPTS[OTHER_AGENCY.key])
        )
        self.add(a, KG.inGazetteer, _literal(agency.known))
        code = credit_codes().get(agency.key)  # 统一社会信用代码, where agency-codes.csv has it
        self.add(a, ORG.identifier, _typed(code, KG.USCC) if code else None)
        if agency.jurisdiction in self.doc.places:
            self.add(a, KG.jurisdiction, self.place_node(agency.jurisdiction))
        if agency.parent and agency.parent != agency.key:
            self.add(a, ORG.subOrganizationOf, self.agency_node(agency.parent))
        if agency.successor:  # abolished by a reform: the body that took over
            self.add(a, KG.successor, self.agency_node(agency.successor))
            if agency.until:
                self.add(a, KG.abolished, _typed(str(agency.until), XSD.gYear))

    def place(self, place: Place) -> None:
        p = self.place_node(place.key)
        self.add(p, RDF.type, KG.Place)
        self.label(p, _literal(place.name, ZH))
        self.label(p, self.text(place.en, EN))
        self.concept(p, KG.kind, PLACE_KIND_CONCEPTS[place.kind])
        self.add(p, KG.gbCode, self.text(place.code))
        if place.parent and place.parent in self.doc.places:
            self.add(p, KG.withinPlace, self.place_node(place.parent))


_CONCEPT_TERMS = (
    _rdflib_ns.RDF.type,
    _rdflib_ns.SKOS.prefLabel,
    _rdflib_ns.SKOS.inScheme,
    _rdflib_ns.SKOS.notation,
)


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    text = resources.files("kg").joinpath("data/ontology.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


@lru_cache(maxsize=1)
def _concepts() -> dict[ox.NamedNode, list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]]]:
    """The type, labels, scheme and notations of every concept of the ontology, each
    skos:prefLabel followed by the same value as rdfs:label: what a graph says of a concept."""
    ontology, R, SK = _ontology(), _rdflib_ns.RDF, _rdflib_ns.SKOS
    out: dict[ox.NamedNode, list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]]] = {}
    for concept in ontology.subjects(R.type, SK.Concept):
        told = out.setdefault(ox.NamedNode(str(concept)), [])
        for p in _CONCEPT_TERMS:
            for o in ontology.objects(concept, p):
                told.append((ox.NamedNode(p), _ox_term(o)))  # type: ignore[arg-type]
                if p == SK.prefLabel:
                    told.append((RDFS.label, _ox_term(o)))  # type: ignore[arg-type]
    return out


@lru_cache(maxsize=1)
def _prov_entities() -> frozenset[ox.NamedNode]:
    """The kg classes that are prov:Entity through the ontology's rdfs:subClassOf."""
    ontology, R = _ontology(), _rdflib_ns
    return frozenset(
        ox.NamedNode(str(c))
        for c in ontology.subjects(R.RDF.type, R.OWL.Class)
        if R.PROV.Entity in ontology.transitive_objects(c, R.RDFS.subClassOf)
    )


def _script(text: str) -> str:
    """zh-Hant when OpenCC would change the spelling, else zh-Hans."""
    return ZH_HANT if to_simplified(text) != text else ZH
