"""Deterministic serialisations: the same graph always gives the same bytes.

rdflib's Turtle writer groups and sorts well but leaves some orderings to hashing, so
Turtle and TriG are written here from sorted triples; N-Triples is sorted line by line.
"""

from __future__ import annotations

import re

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

_INTEGER = re.compile(r"[+-]?[0-9]+")



def _term(term, prefixes: list[tuple[str, str]]) -> str:
    if isinstance(term, URIRef):
        s = str(term)
        if term == RDF.type:
            return "a"
        for prefix, ns in prefixes:
            if s.startswith(ns):
                local = s[len(ns):]
                if local and _safe_local(local):
                    return f"{prefix}:{local}"
        return f"<{_escape_iri(s)}>"
    if isinstance(term, Literal):
        return _literal(term, prefixes)
    if isinstance(term, BNode):
        raise ValueError("kg graphs have no blank nodes")
    return term.n3()


def _literal(term: Literal, prefixes: list[tuple[str, str]]) -> str:
    dt = term.datatype
    if dt == XSD.integer and _INTEGER.fullmatch(str(term)):
        return str(term)
    if dt == XSD.boolean and str(term) in ("true", "false"):
        return str(term)
    if dt is None:
        return term.n3()
    text = Literal(str(term)).n3()
    return f"{text}^^{_term(dt, prefixes)}"


def _safe_local(local: str) -> bool:
    if local[0] in "-." or local[-1] == ".":
        return False
    return all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in local)


def _escape_iri(s: str) -> str:
    return "".join(f"\\u{ord(c):04X}" if c in '<>"{}|^`\\' or ord(c) <= 0x20 else c for c in s)


def _sort_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


def _prefixes(g: Graph) -> list[tuple[str, str]]:
    """The bound prefixes that the graph's IRIs use, longest namespace first."""
    iris = {str(t) for triple in g for t in triple if isinstance(t, URIRef)}
    iris |= {str(t.datatype) for triple in g for t in triple
             if isinstance(t, Literal) and t.datatype}
    pairs = {(p, str(ns)) for p, ns in g.namespaces()
             if p and any(i.startswith(str(ns)) for i in iris)}
    return sorted(pairs, key=lambda x: (-len(x[1]), x[0]))


def _body(g: Graph, prefixes: list[tuple[str, str]], indent: str = "") -> list[str]:
    lines: list[str] = []
    subjects = sorted(set(g.subjects()), key=_sort_key)
    for s in subjects:
        preds = sorted(set(g.predicates(s)), key=lambda p: (p != RDF.type, str(p)))
        parts = []
        for p in preds:
            objs = sorted(g.objects(s, p), key=_sort_key)
            rendered = ", ".join(_term(o, prefixes) for o in objs)
            parts.append(f"{_term(p, prefixes)} {rendered}")
        head = _term(s, prefixes)
        lines.append(f"{indent}{head} " + f" ;\n{indent}    ".join(parts) + " .")
        lines.append("")
    return lines


def _header(prefixes: list[tuple[str, str]]) -> list[str]:
    return [f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes)] + [""]


def turtle(g: Graph) -> str:
    """Canonical Turtle: prefixes sorted, subjects sorted, predicates with rdf:type first."""
    prefixes = _prefixes(g)
    return "\n".join(_header(prefixes) + _body(g, prefixes))


def trig(ds: Dataset) -> str:
    """Canonical TriG: one block per named graph, sorted by graph IRI."""
    contexts = sorted((c for c in ds.graphs() if len(c)), key=lambda c: str(c.identifier))
    union = Graph()
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns)
    for ctx in contexts:
        for t in ctx:
            union.add(t)
    prefixes = _prefixes(union)
    out = _header(prefixes)
    for ctx in contexts:
        g = Graph()
        for t in ctx:
            g.add(t)
        out.append(f"{_term(ctx.identifier, prefixes)} {{")
        out.extend(_body(g, prefixes, "    "))
        out.append("}")
        out.append("")
    return "\n".join(out)


def ntriples(g: Graph) -> str:
    """N-Triples with its lines sorted."""
    lines = sorted(line for line in g.serialize(format="nt", encoding="utf-8").decode(
        "utf-8").splitlines() if line.strip())
    return "\n".join(lines) + ("\n" if lines else "")


def nquads(ds: Dataset) -> str:
    """N-Quads with its lines sorted."""
    lines = sorted(line for line in ds.serialize(format="nquads", encoding="utf-8").decode(
        "utf-8").splitlines() if line.strip())
    return "\n".join(lines) + ("\n" if lines else "")

