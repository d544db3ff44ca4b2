"""Deterministic serialisations: the same graph always gives the same bytes.

rdflib's Turtle writer groups and sorts well but leaves some orderings to hashing, so Turtle
and TriG are written here from sorted triples: prefixes that are used, subjects sorted,
``rdf:type`` first, then predicates and objects sorted. N-Triples and N-Quads are rdflib's
lines, sorted.

The writer works on triples of plain strings (a subject IRI, a predicate IRI and an object
key), so the same code writes an rdflib graph (:func:`turtle`, :func:`trig`) and the quads of a
pyoxigraph store (:func:`quad_triples`, :func:`term_triples`), without turning a store's
millions of quads into rdflib terms first: at 20,000 tasks that conversion was most of the
time a build took to write its files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

_INTEGER = re.compile(r"[+-]?[0-9]+")
_TYPE, _INTEGER_TYPE, _BOOLEAN_TYPE = str(RDF.type), str(XSD.integer), str(XSD.boolean)
_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]*)")
_STRING_TYPES = frozenset({str(XSD.string), str(RDF.langString)})

# An object as the writer sorts it: ``(0, iri)``, or ``(1, lexical form, datatype, language)``
# with the datatype empty for a plain or language-tagged string; IRIs sort before literals.
Key = tuple
Triple = tuple[str, str, Key]  # subject IRI, predicate IRI, object key


class _Writer:
    """Renders terms against the graph's prefixes, remembering every prefix it has used.

    Triples are grouped and sorted by plain strings and tuples of strings, never by rdflib
    terms, whose hashing and comparison run in Python: a 20,000-task document has two million
    triples, and comparing terms was most of the time it took to write it."""

    def __init__(self, g: Graph):
        self.namespaces = {str(ns): p for p, ns in g.namespaces() if p}
        self.used: set[str] = set()
        self._iris: dict[str, str] = {}  # an IRI is shortened once however often it occurs

    def iri(self, term: URIRef | str) -> str:
        s = str(term)
        cached = self._iris.get(s)
        if cached is None:
            cached = self._iris[s] = self._shorten(s)
        return cached

    def _shorten(self, s: str) -> str:
        # a local name has no "/" or "#", so only the cut after the last one can give a prefixed name
        cut = max(s.rfind("/"), s.rfind("#")) + 1
        prefix = self.namespaces.get(s[:cut]) if cut else None
        if prefix is not None and _LOCAL.fullmatch(s, cut):
            self.used.add(prefix)
            return f"{prefix}:{s[cut:]}"
        return f"<{_escape_iri(s)}>"

    def predicate(self, s: str) -> str:
        return "a" if s == _TYPE else self.iri(s)

    def term(self, term) -> str:
        """Any term, rendered as a subject or object would be."""
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            return self.literal(_key(term))
        if isinstance(term, BNode):
            raise ValueError("kg graphs have no blank nodes")
        return term.n3()

    def literal(self, key: tuple) -> str:
        """A literal given by its sort key (1, lexical form, datatype, language)."""
        _, lexical, dt, lang = key
        if dt == _INTEGER_TYPE and _INTEGER.fullmatch(lexical):
            return lexical
        if dt == _BOOLEAN_TYPE and lexical in ("true", "false"):
            return lexical
        if not dt:
            return f"{_quote(lexical)}@{language_tag(lang)}" if lang else _quote(lexical)
        return f"{_quote(lexical)}^^{self.iri(dt)}"

    def body(self, triples: Iterable[Triple], indent: str = "") -> list[str]:
        """The statements of ``triples`` (each written once however often it is given),
        subjects and objects sorted, ``rdf:type`` first."""
        by_subject = _group(triples)
        lines: list[str] = []
        for subject in sorted(by_subject):
            lines.append(self.statement(self.iri(subject), self.parts(by_subject[subject]), indent))
            lines.append("")
        return lines

    def parts(self, preds: dict[str, list[Key]]) -> list[str]:
        """One subject's ``predicate objects`` texts, ``rdf:type`` first, the rest sorted, each
        object once."""
        node, literal, predicate = self.iri, self.literal, self.predicate
        order = sorted(preds)
        if _TYPE in preds:
            order.remove(_TYPE)
            order.insert(0, _TYPE)
        out = []
        for p in order:
            objects = preds[p]
            if len(objects) == 1:  # most predicates of a subject have one object
                o = objects[0]
                out.append(f"{predicate(p)} {literal(o) if o[0] else node(o[1])}")
            else:
                rendered = ", ".join([literal(o) if o[0] else node(o[1]) for o in sorted(set(objects))])
                out.append(f"{predicate(p)} {rendered}")
        return out

    @staticmethod
    def statement(subject: str, parts: list[str], indent: str) -> str:
        return f"{indent}{subject} " + f" ;\n{indent}    ".join(parts) + " ."

    def header(self) -> list[str]:
        return _header(self.namespaces, self.used)


def _header(namespaces: dict[str, str], used: set[str]) -> list[str]:
    by_prefix = {p: ns for ns, p in namespaces.items()}
    return [f"@prefix {p}: <{by_prefix[p]}> ." for p in sorted(used)] + [""]


def _group(triples: Iterable[Triple]) -> dict[str, dict[str, list[Key]]]:
    """``triples`` by subject, then predicate (an object given twice is there twice: a list
    is made faster than a set, and most lists hold one object)."""
    by_subject: dict[str, dict[str, list[Key]]] = {}
    for ks, kp, ko in triples:
        preds = by_subject.get(ks)
        if preds is None:
            by_subject[ks] = {kp: [ko]}
            continue
        objects = preds.get(kp)
        if objects is None:
            preds[kp] = [ko]
        else:
            objects.append(ko)
    return by_subject


_IRI_ESCAPE = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def _escape_iri(s: str) -> str:
    return _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", s)


def rdflib_triples(g: Graph) -> Iterator[Triple]:
    """The triples of an rdflib graph as the writer takes them."""
    for s, p, o in g:
        if not isinstance(s, URIRef) or not isinstance(p, URIRef):
            raise ValueError("kg graphs have no blank nodes")
        if isinstance(o, URIRef):
            yield str(s), str(p), (0, str(o))
        elif isinstance(o, Literal):
            yield str(s), str(p), _key(o)
        else:
            raise ValueError("kg graphs have no blank nodes")


def quad_triples(quads: Iterable[ox.Quad | ox.Triple]) -> Iterator[Triple]:
    """The triples of pyoxigraph quads (their graph names left aside) as the writer takes
    them: the keys an rdflib graph of the same quads would give."""
    return term_triples((q.subject, q.predicate, q.object) for q in quads)


def term_triples(triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[Triple]:
    """:func:`quad_triples` of triples given as tuples of pyoxigraph terms, as a document's
    writer keeps them (:func:`kg.graph.rdf.document_triples`)."""
    for s, p, o in triples:
        if not isinstance(s, ox.NamedNode):
            raise ValueError("kg graphs have no blank nodes")
        if isinstance(o, ox.NamedNode):
            yield s.value, p.value, (0, o.value)
        elif isinstance(o, ox.Literal):
            dt = o.datatype.value
            yield s.value, p.value, (1, o.value, "" if dt in _STRING_TYPES else dt, o.language or "")
        else:
            raise ValueError("kg graphs have no blank nodes")


def _key(term: Literal) -> tuple[int, str, str, str]:
    """How a literal sorts among a predicate's objects: after the IRIs, ``(0, iri)``."""
    return (1, str(term), str(term.datatype or ""), term.language or "")


def _quote(s: str) -> str:
    """A lexical form quoted as rdflib's ``Literal.n3`` quotes it, so the bytes stay the same,
    but for a text of several lines that ends in a backslash and a quote, which rdflib leaves
    unescaped (the string then ends early and the file does not parse)."""
    if "\n" in s:
        encoded = s.replace("\\", "\\\\")
        if '"""' in s:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and (len(encoded) - 1 - len(encoded[:-1].rstrip("\\"))) % 2 == 0:
            encoded = encoded[:-1] + "\\" + '"'
        return '"""' + encoded.replace("\r", "\\r") + '"""'
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def turtle(g: Graph, triples: Iterable[Triple] | None = None) -> str:
    """Canonical Turtle of a graph, or of ``triples`` written with the prefixes ``g`` binds."""
    w = _Writer(g)
    body = w.body(rdflib_triples(g) if triples is None else triples)
    return "\n".join(w.header() + body)


def trig(
    graphs: Dataset | list[tuple[URIRef, Graph]] | list[tuple[URIRef, Graph | Iterable[Triple]]],
    prefixes: Graph | None = None,
) -> str:
    """Canonical TriG: one block per named graph, sorted by graph IRI. A graph may be given
    as :data:`Triple` (read once, when its block is written), with ``prefixes`` the graph
    whose prefixes are written; an empty rdflib graph is left out."""
    if isinstance(graphs, Dataset):
        named: list[tuple[Node, Graph | Iterable[Triple]]] = [
            (c.identifier, c) for c in graphs.graphs() if len(c)
        ]
        w = _Writer(graphs)
    else:
        named = [(iri, g) for iri, g in graphs if not isinstance(g, Graph) or len(g)]
        first = next((g for _, g in named if isinstance(g, Graph)), Graph())
        w = _Writer(prefixes if prefixes is not None else first)
    blocks: list[str] = []
    for iri, g in sorted(named, key=lambda pair: str(pair[0])):
        blocks.append(f"{w.term(iri)} {{")
        blocks.extend(w.body(rdflib_triples(g) if isinstance(g, Graph) else g, "    "))
        blocks.append("}")
        blocks.append("")
    return "\n".join(w.header() + blocks)


def turtle_and_trig(
    prefixes: Graph,
    named: list[tuple[str, Iterable[Triple]]],
    linked: Iterable[Triple] = (),
    described: Iterable[tuple[URIRef, Graph]] = (),
) -> tuple[str, str]:
    """The Turtle of the union of the ``named`` graphs and ``linked``, and the TriG of the
    ``named`` graphs and the ``described`` ones (an empty one left out): the bytes of
    :func:`turtle` and :func:`trig` of the same triples.

    A subject that only one named graph and not ``linked`` has is written the same in both
    files, so its statements are sorted and rendered once: for one large document that is
    nearly every subject, and rendering them was most of the time the two files took. The
    subjects are visited once, in order, so each block's statements come out sorted too.
    ``described`` is read last, once the rest is rendered (a build finishes its store
    meanwhile, and describes the documents from it)."""
    groups = [_group(triples) for _, triples in named]
    others = _group(linked)
    home: dict[str, int] = {}  # subject → the first group it is in
    several: dict[str, list[int]] = {}  # subject → the groups it is in, when more than one
    for i, by_subject in enumerate(groups):
        for subject in by_subject:
            first = home.setdefault(subject, i)
            if first != i:
                several.setdefault(subject, [first]).append(i)
    both, union, in_trig = _Writer(prefixes), _Writer(prefixes), _Writer(prefixes)
    lines: list[str] = []
    blocks: list[list[str]] = [[] for _ in groups]
    for subject in sorted(home.keys() | others.keys()):
        at = home.get(subject)
        if at is not None and subject not in several and subject not in others:
            node, parts = both.iri(subject), both.parts(groups[at][subject])
            lines.extend((both.statement(node, parts, ""), ""))
            blocks[at].extend((both.statement(node, parts, "    "), ""))
            continue
        held = several.get(subject, [] if at is None else [at])
        merged = _group(
            (subject, p, o)
            for preds in [*(groups[j][subject] for j in held), others.get(subject, {})]
            for p, objects in preds.items()
            for o in objects
        )
        lines.extend((union.statement(union.iri(subject), union.parts(merged[subject]), ""), ""))
        for j in held:
            parts = in_trig.parts(groups[j][subject])
            blocks[j].extend((in_trig.statement(in_trig.iri(subject), parts, "    "), ""))
    del groups, others
    graph_ttl = "\n".join(_header(both.namespaces, both.used | union.used) + lines)
    del lines
    written = [(iri, block) for (iri, _), block in zip(named, blocks)]
    written.extend((str(iri), in_trig.body(rdflib_triples(g), "    ")) for iri, g in described if len(g))
    out: list[str] = []
    for iri, block in sorted(written, key=lambda pair: pair[0]):
        out.append(f"{in_trig.iri(iri)} {{")
        out.extend(block)
        out.extend(("}", ""))
    return graph_ttl, "\n".join(_header(both.namespaces, both.used | in_trig.used) + out)


def ntriples(g: Graph) -> str:
    """N-Triples with its lines sorted."""
    lines = sorted(
        line
        for line in g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        if line.strip()
    )
    return "\n".join(lines) + ("\n" if lines else "")


def nquads(ds: Dataset) -> str:
    """N-Quads with its lines sorted."""
    lines = sorted(
        line
        for line in ds.serialize(format="nquads", encoding="utf-8").decode("utf-8").splitlines()
        if line.strip()
    )
    return "\n".join(lines) + ("\n" if lines else "")


@lru_cache(maxsize=256)
def language_tag(tag: str) -> str:
    """A BCP 47 tag in its conventional case (pyoxigraph keeps tags in lower case): the
    script title-cased, the region upper-cased, as in ``zh-Hans`` and ``en-GB``."""
    first, *rest = tag.split("-")
    out = [first.lower()]
    for sub in rest:
        if len(sub) == 4 and sub.isalpha():
            out.append(sub.title())
        elif len(sub) == 2 and sub.isalpha():
            out.append(sub.upper())
        else:
            out.append(sub.lower())
    return "-".join(out)
