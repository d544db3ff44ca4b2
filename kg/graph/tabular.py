"""One row per responsibility, with the IRIs that join it back to the graph.

The rows behind ``kg export --format csv|jsonl`` and the long sheet of the xlsx matrix:
document, path, task, agency, role, position, open list, deadline, the clause and the
agency as written, in document order (task by its place in the text, then the agency's place in the
clause). Every row carries the IRI of its responsibility, task and agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from kg.graph.facts import in_language
from kg.ns import KG
from kg.vocab import ROLE_OF_CONCEPT

COLUMNS = (
    "document",
    "path",
    "task",
    "agency",
    "full_name",
    "role",
    "position",
    "open",
    "deadline",
    "clause",
    "quote",
    "responsibility_iri",
    "task_iri",
    "agency_iri",
    "document_iri",
)


@dataclass(frozen=True)
class ResponsibilityRow:
    """One agency's role in one task, flat."""

    document: str
    path: str
    task: str
    agency: str
    full_name: str
    role: str
    position: int
    open: bool
    deadline: str
    clause: str  # the task's responsibility clause(s), Simplified
    quote: str  # the agency as the original text writes it
    responsibility_iri: str
    task_iri: str
    agency_iri: str
    document_iri: str


def responsibility_rows(g: Graph) -> list[ResponsibilityRow]:
    """Every kg:Responsibility of the graph as a row, in document order."""
    keyed = []
    for r in g.subjects(RDF.type, KG.Responsibility):
        task = next(iter(sorted(g.subjects(KG.responsibility, r), key=str)), None)
        value = g.value(r, KG.role)
        concept = ROLE_OF_CONCEPT.get(value) if isinstance(value, URIRef) else None
        role = concept.key if concept else None
        agency = g.value(r, KG.agency)
        if task is None or role is None or agency is None:
            continue
        doc = g.value(task, KG.inDocument)
        span = g.value(r, KG.source)
        position = int(str(g.value(r, KG.position) or 0))
        row = ResponsibilityRow(
            document=_document_label(g, doc),
            path=_one(g, task, KG.path),
            task=_one(g, task, DCTERMS.title),
            agency=_one(g, agency, KG.shortName),
            full_name=_one(g, agency, SKOS.prefLabel, "zh-Hans"),
            role=role,
            position=position,
            open=str(g.value(r, KG.openList)).lower() == "true",
            deadline=_one(g, task, KG.deadlineText),
            clause="；".join(sorted(str(c) for c in g.objects(task, KG.clauseText))),
            quote=_one(g, span, KG.quote) if span is not None else "",
            responsibility_iri=str(r),
            task_iri=str(task),
            agency_iri=str(agency),
            document_iri=str(doc) if doc is not None else "",
        )
        keyed.append(((row.document, _start(g, task), row.task_iri, position, row.role, row.agency_iri), row))
    return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]


def _start(g: Graph, node: Node) -> int:
    span = g.value(node, KG.source)
    start = g.value(span, KG.start) if span is not None else None
    return int(str(start)) if start is not None else 0


def _document_label(g: Graph, doc) -> str:
    if doc is None:
        return ""
    return _one(g, doc, DCTERMS.identifier) or _one(g, doc, RDFS.label, "zh-Hans") or str(doc)


def _one(g: Graph, s, p, lang: str | None = None) -> str:
    values = sorted(
        str(o) for o in g.objects(s, p) if lang is None or in_language(o, lang) or in_language(o, None)
    )
    return values[0] if values else ""
