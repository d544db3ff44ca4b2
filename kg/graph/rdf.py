"""Document model → RDF: one named graph per document, no blank nodes, IRIs from ``ids.py``.

The graph is built from the model alone (never by re-reading text), so what ``kg parse
--json`` shows is exactly what the graph says. ``docs/graph.md`` describes the shape.
"""

from __future__ import annotations

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
    """A namespace whose terms, once looked up, are plain attributes: an rdflib namespace
    builds its term on every access (``KG.path``, ``RDF.type``), which was a tenth of the time
    spent writing a document's graph."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __str__(self) -> str:
        return str(self._namespace)


RDF, RDFS, XSD, OWL = (_Terms(n) for n in (_rdflib_ns.RDF, _rdflib_ns.RDFS, _rdflib_ns.XSD, _rdflib_ns.OWL))
DCTERMS, FOAF, ORG = (_Terms(n) for n in (_rdflib_ns.DCTERMS, _rdflib_ns.FOAF, _rdflib_ns.ORG))
PROV, SKOS, KG, ELI = (_Terms(n) for n in (_rdflib_ns.PROV, _rdflib_ns.SKOS, _kg_ns.KG, _kg_ns.ELI))

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


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> None:
    g.bind("kg", str(KG))
    g.bind("id", base)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    g.bind("org", ORG)
    g.bind("prov", PROV)
    g.bind("eli", ELI)
    g.bind("xsd", XSD)
    g.bind("rdfs", RDFS)


def named_graphs(docs: list[Document], base: str = DEFAULT_BASE) -> list[tuple[URIRef, Graph]]:
    """Each document's graph with the IRI that names it; agencies share IRIs within a
    jurisdiction and one description across documents (see :func:`agency_registry`)."""
    ids = Ids(base)
    registry = agency_registry(docs)
    out = []
    for doc in docs:
        g = Graph()
        bind_prefixes(g, base)
        _Writer(doc, g, ids, registry).write()
        out.append((ids.graph(doc.id), g))
    return out


def document_quads(doc: Document, base: str = DEFAULT_BASE) -> tuple[str, list]:
    """One document's named graph as pyoxigraph quads, for a store: the same triples as
    :func:`named_graphs` gives for the document alone, written without building an rdflib
    graph (whose indexes cost more than parsing the document)."""
    ids = Ids(base)
    graph = ids.graph(doc.id)
    sink = _Quads(ox.NamedNode(graph))
    _Writer(doc, sink, ids, agency_registry([doc])).write()  # type: ignore[arg-type]
    return str(graph), list(sink.quads)


class _Quads:
    """The little of rdflib's Graph the writer uses (add, objects, bind), over the pyoxigraph
    quads of one named graph: their hashing and comparison are native, where rdflib's terms
    hash and compare in Python, three times a triple."""

    def __init__(self, graph: ox.NamedNode) -> None:
        self.graph = graph
        self.quads: dict[ox.Quad, None] = {}  # in the order written, each once
        # id of an IRI the writer passed → (the IRI, kept so that its id is not reused; its node)
        self._nodes: dict[int, tuple[URIRef, ox.NamedNode]] = {}
        self._datatypes: dict[str, ox.NamedNode] = {}
        # the predicates asked about → subject → objects, as the writer gave them
        self._index: dict[ox.NamedNode, dict[ox.NamedNode, list]] = {}

    def _node(self, term: URIRef) -> ox.NamedNode:
        found = self._nodes.get(id(term))
        if found is None:
            found = self._nodes[id(term)] = (term, ox.NamedNode(term))
        return found[1]

    def _term(self, term) -> ox.NamedNode | ox.Literal:
        if isinstance(term, URIRef):
            return self._node(term)
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            dt = self._datatypes.get(term.datatype)
            if dt is None:
                dt = self._datatypes[term.datatype] = ox.NamedNode(term.datatype)
            return ox.Literal(str(term), datatype=dt)
        return ox.Literal(str(term))

    def add(self, triple) -> None:
        s, p, o = triple
        subject, predicate = self._node(s), self._node(p)
        q = ox.Quad(subject, predicate, self._term(o), self.graph)
        if q in self.quads:
            return
        self.quads[q] = None
        index = self._index.get(predicate)
        if index is not None:
            index.setdefault(subject, []).append(o)

    def objects(self, subject=None, predicate=None):
        p = ox.NamedNode(predicate)
        index = self._index.get(p)
        if index is None:  # first asked: index what is there, then keep up as triples come
            index = self._index[p] = {}
            for q in self.quads:
                if q.predicate == p and isinstance(q.subject, ox.NamedNode):
                    index.setdefault(q.subject, []).append(_rdflib_term(q.object))
        if subject is None:
            return iter([o for found in index.values() for o in found])
        return iter(list(index.get(ox.NamedNode(subject), [])))

    def bind(self, *args, **kwargs) -> None:
        pass


def _rdflib_term(term) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


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


class _Writer:
    def __init__(self, doc: Document, g: Graph, ids: Ids, registry: dict[str, Agency]):
        self.doc, self.g, self.ids, self.registry = doc, g, ids, registry
        self.doc_iri = ids.document(doc.id)

    def add(self, s: URIRef, p: URIRef, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def text(self, value: str | None, lang: str | None = None) -> Literal | None:
        if value is None or value == "":
            return None
        return Literal(value, lang=lang) if lang else Literal(value)

    def write(self) -> None:
        doc, d = self.doc, self.doc_iri
        self.add(d, RDF.type, KG.PolicyDocument)
        self.add(d, RDFS.label, self.text(doc.label(), ZH))
        self.add(d, DCTERMS.identifier, self.text(doc.identifier))
        self.add(d, DCTERMS.title, self.text(doc.title, ZH))
        if doc.date:
            self.add(d, DCTERMS.issued, Literal(doc.date, datatype=XSD.date))
        if doc.printed:
            self.add(d, KG.printed, Literal(doc.printed, datatype=XSD.date))
        self.add(d, KG.printer, self.text(doc.printer))
        for r in doc.recipients:
            self.add(d, KG.recipient, Literal(r))
        for r in doc.copied_to:
            self.add(d, KG.copiedTo, Literal(r))
        self.add(d, KG.sourceFile, Literal(doc.source))
        self.add(d, KG.checksum, Literal(doc.checksum))
        for ref in citations(doc):
            self.add(d, KG.citation, Literal(ref))
        self.add(d, KG.text, self.text(doc.preamble))
        if doc.issuer:
            self.add(d, KG.issuer, self.ids.agency(doc.issuer))
        if doc.jurisdiction and doc.jurisdiction in doc.places:
            self.add(d, KG.jurisdiction, self.ids.place(doc.jurisdiction))
        for agency in doc.agencies.values():
            self.agency(agency)
        for place in doc.places.values():
            self.place(place)
        for i, section in enumerate(doc.sections, 1):
            self.section(section, i)
        self.concepts()
        for i, w in enumerate(doc.warnings, 1):
            wi = self.ids.warning(doc.id, i)
            self.add(d, KG.warning, wi)
            self.add(wi, RDF.type, KG.TextWarning)
            self.add(wi, KG.warningKind, Literal(w.kind))
            self.add(wi, KG.message, Literal(w.message))
            if w.span:
                self.source(wi, w.span)

    def source(self, fact: URIRef, span: Span) -> None:
        """The span a fact comes from: kg:source, and the standard terms a consumer without
        the ontology's alignments reads: dcterms:source always, prov:wasDerivedFrom where the
        fact is a prov:Entity (targets, warnings). Tasks are prov:Activity and
        responsibilities prov:Association under the ontology, and PROV-O keeps activities
        and entities disjoint, so they get no prov:wasDerivedFrom."""
        s = self.span(span)
        self.add(fact, KG.source, s)
        self.add(fact, DCTERMS.source, s)
        if any(t in _prov_entities() for t in self.g.objects(fact, RDF.type)):
            self.add(fact, PROV.wasDerivedFrom, s)

    def label(self, node: URIRef, value: Literal | None) -> None:
        """skos:prefLabel, and the same value as rdfs:label, which every RDF browser shows."""
        self.add(node, SKOS.prefLabel, value)
        self.add(node, RDFS.label, value)

    def concepts(self) -> None:
        """The kg concepts the graph uses (roles, kinds, comparators), typed and labelled as
        the ontology has them, so the data reads without the ontology beside it."""
        used = {o for p in (KG.role, KG.kind, KG.comparator) for o in self.g.objects(None, p)}
        ontology = _concepts()
        for concept in sorted(c for c in used if isinstance(c, URIRef)):
            for p, o in ontology.predicate_objects(concept):
                self.g.add((concept, p, o))
                if p == SKOS.prefLabel:
                    self.g.add((concept, RDFS.label, o))

    def span(self, span: Span) -> URIRef:
        s = self.ids.span(self.doc.id, span.start, span.end)
        self.add(s, RDF.type, KG.SourceSpan)
        self.add(s, KG.start, Literal(span.start))
        self.add(s, KG.end, Literal(span.end))
        self.add(s, KG.line, Literal(span.line))
        self.add(s, KG.column, Literal(span.column))
        self.add(s, KG.quote, Literal(span.quote))
        if span.origin is not None:
            self.add(s, KG.origin, Literal(span.origin))
        self.add(s, KG.inDocument, self.doc_iri)
        return s

    def section(self, section: Section, position: int) -> None:
        s = self.ids.section(self.doc.id, section.path)
        self.add(self.doc_iri, DCTERMS.hasPart, s)
        self.add(s, RDF.type, KG.Section)
        self.add(s, KG.path, Literal(section.path))
        self.add(s, KG.marker, self.text(section.marker))
        self.add(s, KG.position, Literal(position))
        self.add(s, KG.inDocument, self.doc_iri)
        self.add(s, DCTERMS.title, self.text(section.title, ZH))
        label = f"{section.marker or ''}{section.title or ''}" or f"section {section.path}"
        self.add(s, RDFS.label, Literal(label, lang=ZH))
        self.add(s, KG.text, self.text(section.text))
        self.source(s, section.span)
        self.targets(s, section.targets)
        for i, task in enumerate(section.tasks, 1):
            self.task(task, s, i)

    def task(self, task: Task, parent: URIRef, position: int) -> None:
        t = self.ids.task(self.doc.id, task.path)
        self.add(parent, DCTERMS.hasPart, t)
        self.add(t, RDF.type, KG.Task)
        self.add(t, KG.path, Literal(task.path))
        self.add(t, KG.marker, self.text(task.marker))
        self.add(t, KG.position, Literal(position))
        self.add(t, KG.inDocument, self.doc_iri)
        self.add(t, DCTERMS.title, self.text(task.title, ZH))
        self.add(t, RDFS.label, Literal(f"{task.path} {task.title}".strip(), lang=ZH))
        self.add(t, KG.text, self.text(task.text))
        self.source(t, task.span)
        for clause in task.clauses:
            self.add(t, KG.clauseText, self.text(clause.text))
        self.add(t, KG.deadlineText, self.text(task.deadline))
        if task.deadline_year:
            self.add(t, KG.deadlineYear, Literal(str(task.deadline_year), datatype=XSD.gYear))
        if task.due:
            self.add(t, KG.deadlineKind, DEADLINE_KINDS[task.due.kind])
            if task.due.end:
                kind = XSD.gYearMonth if task.due.kind == "month" else XSD.date
                self.add(t, KG.due, Literal(task.due.end, datatype=kind))
                self.add(t, KG.dueDate, Literal(task.due.last_day(), datatype=XSD.date))
        for n, person in enumerate(task.persons, 1):
            p = self.ids.person(t, n)
            self.add(t, KG.person, p)
            self.add(p, RDF.type, FOAF.Person)
            self.add(p, FOAF.name, Literal(person.name, lang=ZH))
            self.add(p, RDFS.label, Literal(f"{person.post or ''}{person.name}", lang=ZH))
            self.add(p, KG.post, self.text(person.post, ZH))
            self.add(p, KG.personRole, PERSON_ROLES[person.role])
            self.add(p, KG.source, self.span(person.span))
        for n, r in enumerate(task.responsibilities, 1):
            agency = self.ids.agency(r.agency)
            ri = self.ids.responsibility(t, n)
            self.add(t, ROLE[r.role].task_property, agency)
            self.add(t, KG.responsibility, ri)
            self.add(ri, RDF.type, KG.Responsibility)
            self.add(ri, KG.agency, agency)
            self.add(ri, KG.role, ROLE[r.role].concept)
            self.add(ri, KG.position, Literal(r.position))
            self.add(ri, KG.openList, Literal(r.open))
            self.source(ri, r.span)
        for key in task.places:
            self.add(t, KG.mentionsPlace, self.ids.place(key))
        self.targets(t, task.targets)
        for i, child in enumerate(task.children, 1):
            self.task(child, t, i)

    def targets(self, holder: URIRef, targets: list[Target]) -> None:
        for n, target in enumerate(targets, 1):
            ti = self.ids.target(holder, n)
            self.add(holder, KG.target, ti)
            self.add(ti, RDF.type, KG.Target)
            self.add(ti, RDFS.label, Literal(target.text, lang=ZH))
            self.add(ti, KG.object, self.text(target.object))
            self.add(ti, KG.unit, Literal(target.unit))
            self.add(ti, KG.comparator, COMPARATOR[target.comparator])
            for prop, value in (
                (KG.quantity, target.quantity),
                (KG.minQuantity, target.min),
                (KG.maxQuantity, target.max),
            ):
                if value is not None:
                    self.add(ti, prop, Literal(Decimal(str(value)), datatype=XSD.decimal))
            if target.deadline_year:
                self.add(ti, KG.deadlineYear, Literal(str(target.deadline_year), datatype=XSD.gYear))
            self.source(ti, target.span)

    def agency(self, mine: Agency) -> None:
        agency = self.registry.get(mine.key, mine)
        spellings = [x for x in [mine.short, *mine.spellings] if x != agency.short]
        a = self.ids.agency(agency.key)
        self.add(a, RDF.type, KG.Agency)
        self.add(a, RDF.type, ORG.Organization)
        if agency.collective:
            self.add(a, RDF.type, KG.CollectiveAgency)
        self.add(a, KG.shortName, Literal(agency.short))
        self.label(a, Literal(agency.full or agency.short, lang=ZH))
        self.label(a, self.text(agency.en, EN))
        if agency.full and agency.full != agency.short:
            self.add(a, SKOS.altLabel, Literal(agency.short, lang=ZH))
        for spelling in spellings:
            self.add(a, SKOS.altLabel, Literal(spelling, lang=_script(spelling)))
        self.add(a, KG.kind, AGENCY_KINDS.get(agency.kind, OTHER_AGENCY).concept)
        self.add(a, KG.inGazetteer, Literal(agency.known))
        code = credit_codes().get(agency.key)  # 统一社会信用代码, where agency-codes.csv has it
        self.add(a, ORG.identifier, Literal(code, datatype=KG.USCC) if code else None)
        if agency.jurisdiction in self.doc.places:
            self.add(a, KG.jurisdiction, self.ids.place(agency.jurisdiction))
        if agency.parent and agency.parent != agency.key:
            self.add(a, ORG.subOrganizationOf, self.ids.agency(agency.parent))
        if agency.successor:  # abolished by a reform: the body that took over
            self.add(a, KG.successor, self.ids.agency(agency.successor))
            if agency.until:
                self.add(a, KG.abolished, Literal(str(agency.until), datatype=XSD.gYear))

    def place(self, place: Place) -> None:
        p = self.ids.place(place.key)
        self.add(p, RDF.type, KG.Place)
        self.label(p, Literal(place.name, lang=ZH))
        self.label(p, self.text(place.en, EN))
        self.add(p, KG.kind, PLACE_KINDS[place.kind].concept)
        self.add(p, KG.gbCode, self.text(place.code))
        if place.parent and place.parent in self.doc.places:
            self.add(p, KG.withinPlace, self.ids.place(place.parent))


_CONCEPT_TERMS = (RDF.type, SKOS.prefLabel, SKOS.inScheme, SKOS.notation)


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    text = resources.files("kg").joinpath("data/ontology.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


@lru_cache(maxsize=1)
def _concepts() -> Graph:
    """The type, labels, scheme and notations of every concept of the ontology."""
    ontology = _ontology()
    out = Graph()
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        for p in _CONCEPT_TERMS:
            for o in ontology.objects(concept, p):
                out.add((concept, p, o))
    return out


@lru_cache(maxsize=1)
def _prov_entities() -> frozenset:
    """The kg classes that are prov:Entity through the ontology's rdfs:subClassOf."""
    ontology = _ontology()
    return frozenset(
        c
        for c in ontology.subjects(RDF.type, OWL.Class)
        if PROV.Entity in ontology.transitive_objects(c, RDFS.subClassOf)
    )


def _script(text: str) -> str:
    """zh-Hant when OpenCC would change the spelling, else zh-Hans."""
    return ZH_HANT if to_simplified(text) != text else ZH
