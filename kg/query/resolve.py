"""Names as people type them → the IRIs of the graph, the same way for every command.

A researcher types 省商务厅, 商务厅, 山东省商务厅, 省商務廳 or Department of Commerce and means
one agency. Matching goes in tiers and stops at the first tier that matches anything:

1. exact short names (``kg:shortName``; for places the Chinese name);
2. every other label: full names, Traditional and English labels (any case), and for places
   the name without its 市/省/区/县 suffix;
3. substrings of any label;
4. abbreviations, for Chinese input: the characters in order within a label (发改委 →
   省发展改革委, 人社厅 → 省人力资源社会保障厅), the way Chinese short forms are made.

One match wins; several raise ``Ambiguous…`` with the candidates; none raise ``Unknown…``
with the closest names. The input is folded (NFKC) and converted to Simplified with OpenCC
first, because the graph may not carry the Traditional spelling a user types.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.errors import (
    AmbiguousAgency,
    AmbiguousDocument,
    AmbiguousName,
    AmbiguousPlace,
    AmbiguousTask,
    UnknownAgency,
    UnknownDocument,
    UnknownJurisdiction,
    UnknownName,
    UnknownPlace,
    UnknownTask,
)
from kg.graph.facts import document_label, iris, literal, qualified_name
from kg.lexicon.gazetteer import gazetteer
from kg.ns import KG
from kg.query import onstore
from kg.query.matching import CLOSEST, Entry, agency_entry, fold, iri_text, name_key, name_keys, resolve_name
from kg.text.normalize import to_simplified
from kg.text.numerals import chinese_to_int

_PLACE_SUFFIXES = ("市", "省", "区", "县")


def resolve_agency(graph: Graph, name: str) -> URIRef:
    """The agency ``name`` means: a short, full, Traditional or English name, a unique part
    of one, or an ``<iri>``.

    :raises UnknownAgency: nothing matches; ``candidates`` holds the closest names.
    :raises AmbiguousAgency: several agencies match; ``candidates`` names them all.
    """
    inner = onstore.inner_store(graph)
    if inner is not None:
        return URIRef(onstore.resolve_agency(inner, name))
    entries = [_agency_entry(graph, a) for a in sorted(set(iris(graph.subjects(RDF.type, KG.Agency))))]
    return _resolve(name, entries, UnknownAgency, AmbiguousAgency)


def resolve_place(graph: Graph, name: str) -> URIRef:
    """The place ``name`` means: 青岛, 青岛市, Qingdao, 370200, a unique part of a name, or ``<iri>``.

    :raises UnknownPlace: nothing matches.
    :raises AmbiguousPlace: several places match.
    """
    entries = [_place_entry(graph, p) for p in sorted(set(iris(graph.subjects(RDF.type, KG.Place))))]
    return _resolve(name, entries, UnknownPlace, AmbiguousPlace)


def resolve_task(graph: Graph, path: str, document: str | None = None) -> URIRef:
    """The task at number path ``path`` ("3.3"), or a task ``<iri>``.

    In a graph of several documents a path may exist in more than one; ``document`` (its
    文号, title or file name, or part of one) picks the document.

    :raises UnknownTask: no task has that path; ``candidates`` holds the closest paths.
    :raises AmbiguousTask: several documents have that path; the candidates name them.
    """
    iri = _as_iri(path)
    if iri is not None:
        if (iri, RDF.type, KG.Task) in graph:
            return iri
        raise UnknownTask(path)
    typed = fold(path)
    wanted = re.sub(r"^(?:任务|task|第)\s*|(?:项|条)$", "", typed, flags=re.IGNORECASE).rstrip(".")
    tasks = sorted(set(iris(graph.subjects(RDF.type, KG.Task))))
    if document is not None:
        tasks = [t for t in tasks if _in_document(graph, t, document)]
        if not tasks:
            docs = sorted({document_label(graph, d) for d in graph.subjects(RDF.type, KG.PolicyDocument)})
            raise UnknownTask(f"{path} in {document}", docs)
    found = [t for t in tasks if literal(graph, t, KG.path, None) == wanted]
    if not found:  # 任务3, 第三项, 3: the number the document gives it (its marker 3. of 2.3)
        number, markers = _numeral(wanted), {t: literal(graph, t, KG.marker, None) or "" for t in tasks}
        found = [t for t in tasks if number is not None and _numeral(markers[t]) == number]
        same_script = [t for t in found if _has_digit(markers[t]) == _has_digit(wanted)]
        found = same_script or found  # 任务3 is the task marked 3., 第三项 the one marked （三）
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousTask(
            path,
            [
                f"{document_label(graph, graph.value(t, KG.inDocument))} {literal(graph, t, KG.path, None)}"
                for t in found
            ],
        )
    paths = sorted({literal(graph, t, KG.path, None) or "" for t in tasks})
    raise UnknownTask(path, difflib.get_close_matches(wanted, paths, n=CLOSEST, cutoff=0.5))


def resolve_documents(graph: Graph, name: str) -> list[URIRef]:
    """The documents ``name`` means: its 文号, document id, file name or short label, or a
    unique part of one; several documents only when ``name`` is one of their exact names (two
    files of one 文号).

    :raises UnknownDocument: nothing matches; ``candidates`` lists the documents.
    :raises AmbiguousDocument: a part matches several; the candidates name them.
    """
    docs = sorted(set(iris(graph.subjects(RDF.type, KG.PolicyDocument))))
    iri = _as_iri(name)
    if iri is not None:
        if iri in docs:
            return [iri]
        raise UnknownDocument(name)
    key = name_key(name)
    names = {d: name_keys(_document_names(graph, d)) for d in docs}
    titles = {d: name_keys(str(t) for t in graph.objects(d, DCTERMS.title)) for d in docs}
    exact = [d for d in docs if key in names[d] or key in titles[d]]
    if exact:
        return exact
    # a part of a 文号, id or file name first: 鲁政发 is 鲁政发〔2022〕6号, not a title that cites it
    for keys in (names, titles):
        found = [d for d in docs if key and any(key in k for k in keys[d])]
        if len(found) == 1:
            return found
        if found:
            raise AmbiguousDocument(name, sorted(document_label(graph, d) for d in found))
    raise UnknownDocument(name, sorted(document_label(graph, d) for d in docs))


def resolve_jurisdiction(name: str) -> str:
    """The GB/T 2260 code ``name`` means: a code (320000), or a province, city or county name
    as the gazetteer knows it (江苏省, 江苏, 济南市, Jiangsu).

    :raises UnknownJurisdiction: no place of the gazetteer has that name or code.
    """
    gaz = gazetteer()
    text = fold(name)
    if re.fullmatch(r"\d{6}", text):
        if gaz.place(text) is None:
            raise UnknownJurisdiction(name)
        return text
    row = gaz.is_place_name(to_simplified(text))
    if row is None:
        key = text.casefold()
        row = next(
            (r for r in gaz.places.values() if r.en and key in (r.en.casefold(), _bare_en(r.en))), None
        )
    if row is None:
        raise UnknownJurisdiction(name)
    return row.code


def _bare_en(name: str) -> str:
    return re.sub(r"\s+(?:province|city|district|county|autonomous region)$", "", name.casefold())


def _document_names(g: Graph, doc: URIRef) -> list[str]:
    return (
        [str(doc), str(doc).rsplit("/", 1)[-1], document_label(g, doc)]
        + [str(x) for p in (DCTERMS.identifier, KG.sourceFile, RDFS.label) for x in g.objects(doc, p)]
        + [Path(str(x)).name for x in g.objects(doc, KG.sourceFile)]
    )


def _agency_entry(g: Graph, a: URIRef) -> Entry:
    shorts = [str(s) for s in g.objects(a, KG.shortName)]
    labels = [str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in g.objects(a, p)]
    return agency_entry(a, shorts, labels, literal(g, a, SKOS.prefLabel), qualified_name(g, a))


def _place_entry(g: Graph, p: URIRef) -> Entry:
    name = literal(g, p, SKOS.prefLabel) or str(p)
    labels = [str(x) for q in (SKOS.prefLabel, SKOS.altLabel, KG.gbCode) for x in g.objects(p, q)]
    bare = [x[:-1] for x in labels if len(x) > 2 and x.endswith(_PLACE_SUFFIXES)]
    return Entry(p, name, f"{name} <{p}>", frozenset(name_keys([name])), frozenset(name_keys(labels + bare)))


def _in_document(g: Graph, task: URIRef, document: str) -> bool:
    doc = g.value(task, KG.inDocument)
    if doc is None:
        return False
    names = [str(doc), document_label(g, doc)] + [
        str(x) for p in (DCTERMS.identifier, DCTERMS.title, KG.sourceFile) for x in g.objects(doc, p)
    ]
    key = name_key(document)
    return bool(key) and any(key in k for k in name_keys(names))


def _numeral(text: str | None) -> int | None:
    """The number of a marker or a typed number: 3. / （三） / 3 / 三 → 3; None for anything else."""
    core = re.sub(r"[\s.、．()（）]", "", text or "")
    try:
        return chinese_to_int(core) if core else None
    except ValueError:
        return None


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() and ch.isascii() for ch in text)


def _resolve(
    name: str, entries: list[Entry], unknown: type[UnknownName], ambiguous: type[AmbiguousName]
) -> URIRef:
    return URIRef(resolve_name(name, entries, unknown, ambiguous))


def _as_iri(text: str) -> URIRef | None:
    iri = iri_text(text)
    return URIRef(iri) if iri is not None else None
