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
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
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
from kg.graph.store import construct, on_store
from kg.lexicon.gazetteer import gazetteer
from kg.ns import KG
from kg.text.normalize import to_simplified
from kg.text.numerals import chinese_to_int

_CLOSEST = 5
_PLACE_SUFFIXES = ("市", "省", "区", "县")


def resolve_agency(graph: Graph, name: str) -> URIRef:
    """The agency ``name`` means: a short, full, Traditional or English name, a unique part
    of one, or an ``<iri>``.

    :raises UnknownAgency: nothing matches; ``candidates`` holds the closest names.
    :raises AmbiguousAgency: several agencies match; ``candidates`` names them all.
    """
    if on_store(graph):
        return _resolve_on_store(graph, name)
    entries = [_agency_entry(graph, a) for a in sorted(set(iris(graph.subjects(RDF.type, KG.Agency))))]
    return _resolve(name, entries, UnknownAgency, AmbiguousAgency)


def _resolve_on_store(graph: Graph, name: str) -> URIRef:
    """:func:`resolve_agency` on a store. A name typed exactly as an agency's short name, or
    as one of its stored labels (山东省商务厅), is looked up in the store's index, reading the
    names of those agencies only; any other name (a part, an abbreviation, a name that
    carries its place) is matched against every agency's names, read with one query."""
    key = _key(name)
    if key and _as_iri(name) is None:
        found = graph.query(_exact_query(key))
        wanted = " ".join(sorted({row[0].n3() for row in found}))  # type: ignore[index]
        if wanted:
            exact = construct(graph, _AGENCY_NAMES.replace("WANTED", f"VALUES ?a {{ {wanted} }}"))
            entries = [
                _agency_entry(exact, a) for a in sorted(set(iris(exact.subjects(RDF.type, KG.Agency))))
            ]
            if any(key in e.labels for e in entries):  # tiers 1 and 2 find these and only these
                return _resolve(name, entries, UnknownAgency, AmbiguousAgency)
    names = construct(graph, _AGENCY_NAMES.replace("WANTED", ""))
    entries = [_agency_entry(names, a) for a in sorted(set(iris(names.subjects(RDF.type, KG.Agency))))]
    return _resolve(name, entries, UnknownAgency, AmbiguousAgency)


def _exact_query(key: str) -> str:
    """The agencies with a label that is ``key``: Chinese labels are found by their terms in
    the store's index (as kg writes them: plain, zh-Hans, zh-Hant); a name with Latin letters,
    whose case may differ, by comparing every label in lower case."""
    head = (
        "PREFIX kg: <https://w3id.org/policy-kg/def#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    )
    names = "kg:shortName|skos:prefLabel|skos:altLabel"
    if re.search(r"[a-z]", key):
        return (
            head
            + f"SELECT DISTINCT ?a WHERE {{ ?a {names} ?n FILTER(LCASE(STR(?n)) = {Literal(key).n3()}) }}"
        )
    text = Literal(key).n3()
    terms = " ".join([text] + [f"{text}@{tag}" for tag in ("zh-hans", "zh-hant", "en")])
    return head + f"SELECT DISTINCT ?a WHERE {{ VALUES ?n {{ {terms} }} ?a {names} ?n }}"


# The triples _agency_entry reads, for the agencies WANTED selects: what resolving a name
# needs of a store.
_AGENCY_NAMES = """PREFIX kg: <https://w3id.org/policy-kg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?a a kg:Agency ; kg:shortName ?s ; skos:prefLabel ?l ; skos:altLabel ?al ;
              kg:jurisdiction ?j . ?j skos:prefLabel ?jl }
WHERE { WANTED ?a a kg:Agency .
  { ?a kg:shortName ?s } UNION { ?a skos:prefLabel ?l } UNION { ?a skos:altLabel ?al }
  UNION { ?a kg:jurisdiction ?j OPTIONAL { ?j skos:prefLabel ?jl } } }"""


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
    typed = _fold(path)
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
    raise UnknownTask(path, difflib.get_close_matches(wanted, paths, n=_CLOSEST, cutoff=0.5))


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
    key = _key(name)
    names = {d: _keys(_document_names(graph, d)) for d in docs}
    titles = {d: _keys(str(t) for t in graph.objects(d, DCTERMS.title)) for d in docs}
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
    text = _fold(name)
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


@dataclass(frozen=True)
class _Entry:
    iri: URIRef
    short: str  # what candidates show
    full: str  # shown instead when two candidates share a short name
    exact: frozenset[str]  # tier 1 keys
    labels: frozenset[str]  # tier 2 and 3 keys


def _resolve(
    name: str, entries: list[_Entry], unknown: type[UnknownName], ambiguous: type[AmbiguousName]
) -> URIRef:
    iri = _as_iri(name)
    if iri is not None:
        if any(e.iri == iri for e in entries):
            return iri
        raise unknown(name)
    key = _key(name)
    if not key:
        raise unknown(name)
    tiers = (
        lambda e: key in e.exact,
        lambda e: key in e.labels,
        lambda e: any(key in label for label in e.labels),
        lambda e: _is_cjk(key) and any(_abbreviates(key, label) for label in e.labels),
    )
    for matches in tiers:
        found = [e for e in entries if matches(e)]
        if len(found) == 1:
            return found[0].iri
        if found:
            raise ambiguous(name, _names(sorted(found, key=lambda e: (e.short, e.full, str(e.iri)))))
    raise unknown(name, _names(_closest(key, entries)))


def _closest(key: str, entries: list[_Entry]) -> list[_Entry]:
    """Entries by similarity to ``key``, compared with labels of the same script (a Chinese
    name with Chinese labels), so stray Latin letters do not pull in English names."""
    chinese = _has_cjk(key)

    def score(e: _Entry) -> float:
        labels = [label for label in e.labels if _has_cjk(label) == chinese]
        return max((difflib.SequenceMatcher(None, key, label).ratio() for label in labels), default=0)

    scored = sorted(((score(e), e) for e in entries), key=lambda x: (-x[0], x[1].short, str(x[1].iri)))
    return [e for s, e in scored[:_CLOSEST] if s > 0]


def _abbreviates(short: str, label: str) -> bool:
    rest = iter(label)
    return all(ch in rest for ch in short)


def _is_cjk(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in text)


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _names(entries: list[_Entry]) -> list[str]:
    """Short names, or full names where two candidates share a short name (省商务厅 of two provinces)."""
    shorts = [e.short for e in entries]
    fulls = [e.full for e in entries]
    out = []
    for e in entries:
        if shorts.count(e.short) == 1:
            out.append(e.short)
        elif fulls.count(e.full) == 1:
            out.append(e.full)
        else:
            out.append(f"{e.full} <{e.iri}>")
    return out


def _agency_entry(g: Graph, a: URIRef) -> _Entry:
    """Its short names match first; then its full, English and other labels and the short name
    that carries its place (江苏省发展改革委), which is also what a list of candidates shows
    where two agencies share a short name."""
    shorts = [str(s) for s in g.objects(a, KG.shortName)]
    labels = [str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in g.objects(a, p)]
    short = min(shorts) if shorts else (literal(g, a, SKOS.prefLabel) or str(a))
    qualified = qualified_name(g, a)
    return _Entry(
        a,
        short,
        qualified if qualified != short else (literal(g, a, SKOS.prefLabel) or short),
        frozenset(_keys(shorts)),
        frozenset(_keys(shorts + labels + [qualified])),
    )


def _place_entry(g: Graph, p: URIRef) -> _Entry:
    name = literal(g, p, SKOS.prefLabel) or str(p)
    labels = [str(x) for q in (SKOS.prefLabel, SKOS.altLabel, KG.gbCode) for x in g.objects(p, q)]
    bare = [x[:-1] for x in labels if len(x) > 2 and x.endswith(_PLACE_SUFFIXES)]
    return _Entry(p, name, f"{name} <{p}>", frozenset(_keys([name])), frozenset(_keys(labels + bare)))


def _in_document(g: Graph, task: URIRef, document: str) -> bool:
    doc = g.value(task, KG.inDocument)
    if doc is None:
        return False
    names = [str(doc), document_label(g, doc)] + [
        str(x) for p in (DCTERMS.identifier, DCTERMS.title, KG.sourceFile) for x in g.objects(doc, p)
    ]
    key = _key(document)
    return bool(key) and any(key in k for k in _keys(names))


def _numeral(text: str | None) -> int | None:
    """The number of a marker or a typed number: 3. / （三） / 3 / 三 → 3; None for anything else."""
    core = re.sub(r"[\s.、．()（）]", "", text or "")
    try:
        return chinese_to_int(core) if core else None
    except ValueError:
        return None


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() and ch.isascii() for ch in text)


def _as_iri(text: str) -> URIRef | None:
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        return URIRef(t[1:-1])
    if re.match(r"^https?://\S+$", t):
        return URIRef(t)
    return None


def _fold(text: str) -> str:
    """Full-width → half-width (NFKC), whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _key(text: str) -> str:
    """What names are compared by: folded, Simplified, case-insensitive."""
    return to_simplified(_fold(text)).casefold()


def _keys(texts: Iterable[str]) -> list[str]:
    return [k for k in (_key(t) for t in texts) if k]
