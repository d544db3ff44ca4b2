"""Deterministic serialisations: the same graph always gives the same bytes.

rdflib's Turtle writer groups and sorts well but leaves some orderings to hashing, so Turtle
and TriG are written here from sorted triples: prefixes that are used, subjects sorted,
``rdf:type`` first, then predicates and objects sorted. N-Triples and N-Quads are rdflib's
lines, sorted.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

_INTEGER = re.compile(r"[+-]?[0-9]+")
_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]*)")


class _Writer:
    """Renders terms against the graph's prefixes, remembering every IRI it has rendered."""

    def __init__(self, g: Graph):
        self.namespaces = {str(ns): p for p, ns in g.namespaces() if p}
        self.used: set[str] = set()
        self._iris: dict[str, str] = {}
        self._terms: dict[object, str] = {}  # a term is rendered once however often it occurs

    def iri(self, term: URIRef) -> str:
        s = str(term)
        cached = self._iris.get(s)
        if cached is None:
            cached = self._iris[s] = self._shorten(s)
        return cached

    def _shorten(self, s: str) -> str:
        for cut in sorted({i + 1 for i, ch in enumerate(s) if ch in "/#"}, reverse=True):
            prefix = self.namespaces.get(s[:cut])
            local = s[cut:]
            if prefix is not None and _LOCAL.fullmatch(local):
                self.used.add(prefix)
                return f"{prefix}:{local}"
        return f"<{_escape_iri(s)}>"

    def term(self, term) -> str:
        cached = self._terms.get(term)
        if cached is None:
            cached = self._terms[term] = self._render(term)
        return cached

    def _render(self, term) -> str:
        if isinstance(term, URIRef):
            return "a" if term == RDF.type else self.iri(term)
        if isinstance(term, Literal):
            return self.literal(term)
        if isinstance(term, BNode):
            raise ValueError("kg graphs have no blank nodes")
        return term.n3()

    def literal(self, term: Literal) -> str:
        dt = term.datatype
        if dt == XSD.integer and _INTEGER.fullmatch(str(term)):
            return str(term)
        if dt == XSD.boolean and str(term) in ("true", "false"):
            return str(term)
        if dt is None:
            return term.n3()
        return f"{Literal(str(term)).n3()}^^{self.iri(dt)}"

    def body(self, g: Graph, indent: str = "") -> list[str]:
        by_subject: dict = defaultdict(lambda: defaultdict(list))
        for s, p, o in g:
            by_subject[s][p].append(o)
        lines: list[str] = []
        for s in sorted(by_subject, key=_sort_key):
            preds = by_subject[s]
            parts = []
            for p in sorted(preds, key=lambda p: (p != RDF.type, str(p))):
                objects = ", ".join(self.term(o) for o in sorted(preds[p], key=_sort_key))
                parts.append(f"{self.term(p)} {objects}")
            lines.append(f"{indent}{self.term(s)} " + f" ;\n{indent}    ".join(parts) + " .")
            lines.append("")
        return lines

    def header(self) -> list[str]:
        by_prefix = {p: ns for ns, p in self.namespaces.items()}
        return [f"@prefix {p}: <{by_prefix[p]}> ." for p in sorted(self.used)] + [""]


_IRI_ESCAPE = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def _escape_iri(s: str) -> str:
    return _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", s)


def _sort_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


def turtle(g: Graph) -> str:
    """Canonical Turtle of a graph."""
    w = _Writer(g)
    body = w.body(g)
    return "\n".join(w.header() + body)


def trig(graphs: Dataset | list[tuple[URIRef, Graph]]) -> str:
    """Canonical TriG: one block per named graph, sorted by graph IRI."""
    if isinstance(graphs, Dataset):
        named = [(c.identifier, c) for c in graphs.graphs() if len(c)]
        w = _Writer(graphs)
    else:
        named = [(iri, g) for iri, g in graphs if len(g)]
        w = _Writer(named[0][1] if named else Graph())
    blocks: list[str] = []
    for iri, g in sorted(named, key=lambda pair: str(pair[0])):
        blocks.append(f"{w.term(iri)} {{")
        blocks.extend(w.body(g, "    "))
        blocks.append("}")
        blocks.append("")
    return "\n".join(w.header() + blocks)


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
