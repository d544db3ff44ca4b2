"""JSON-LD that reads as plain JSON: the published term context, one object per node, framed.

The keys are the terms of ``kg/data/context.jsonld`` (``ledBy``, ``path``, ``prefLabel``), so
a consumer that knows no RDF reads ``task["ledBy"]``; a JSON-LD processor expands the same
file to exactly the triples of the Turtle export. The file carries the context inline, so
nothing is fetched to read it.

Framing: documents, sections, tasks, agencies and places are top-level objects, referred to
by IRI; the nodes that belong to one of them alone (responsibilities, targets, source spans,
warnings) are embedded where they are used. Every list and key is sorted, so the bytes depend
on the graph only (never on hash seeds).
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from kg.ns import KG

CONTEXT_IRI = "https://w3id.org/policy-kg/context.jsonld"
# Top-level objects, in this order; every other node is embedded in the one node that uses it.
TOP_LEVEL = (KG.PolicyDocument, KG.Section, KG.Task, KG.Agency, KG.Place)


@lru_cache(maxsize=1)
def context() -> dict[str, Any]:
    """The published term context (``kg/data/context.jsonld``), as a JSON object."""
    text = resources.files("kg").joinpath("data/context.jsonld").read_text("utf-8")
    return json.loads(text)


class _Terms:
    """The context read backwards: which key and which value form each IRI takes."""

    def __init__(self, ctx: dict[str, Any]):
        self.prefixes: dict[str, str] = {}
        self.key: dict[str, str] = {}
        self.coerce: dict[str, str] = {}
        self.language_map: set[str] = set()
        self.term_of: dict[str, str] = {}
        simple = {k: v for k, v in ctx.items() if isinstance(v, str) and not k.startswith("@")}
        for k, v in simple.items():
            if v.endswith(("#", "/")):
                self.prefixes[k] = v
        for k, v in ctx.items():
            if k.startswith("@") or k in self.prefixes or v in ("@id", "@type"):
                continue
            iri = self.expand(v if isinstance(v, str) else v["@id"])
            self.key[iri] = k
            self.term_of[iri] = k
            if isinstance(v, dict):
                if "@type" in v:
                    t = v["@type"]
                    self.coerce[iri] = t if t.startswith("@") else self.expand(t)
                if v.get("@container") == "@language":
                    self.language_map.add(iri)

    def expand(self, curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        return self.prefixes[prefix] + local if sep and prefix in self.prefixes else curie

    def compact(self, iri: str) -> str:
        """A term, else a CURIE, else the IRI itself (for @type values and keys)."""
        return self.term_of.get(iri) or self.curie(iri)

    def curie(self, iri: str) -> str:
        """prefix:local, bypassing the term (and so its coercion and container)."""
        for prefix, ns in sorted(self.prefixes.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri


@lru_cache(maxsize=1)
def _terms() -> _Terms:
    return _Terms(context()["@context"])


def json_ld(g: Graph) -> str:
    """The graph as framed JSON-LD with the term context inline."""
    terms = _terms()
    referrers: dict[Node, set[tuple[Node, Node]]] = {}
    for s, p, o in g:
        if isinstance(o, URIRef) and p != RDF.type:
            referrers.setdefault(o, set()).add((s, p))
    top = {s for cls in TOP_LEVEL for s in g.subjects(RDF.type, cls)}
    embedded_in: dict[Node, tuple[Node, Node]] = {}
    for target, refs in referrers.items():
        if target in top or (target, None, None) not in g:
            continue
        if len({s for s, _ in refs}) == 1:
            embedded_in[target] = min(refs, key=lambda r: (not str(r[1]).startswith(str(KG)), str(r[1])))
    roots = [s for s in set(g.subjects()) if s not in embedded_in]
    order: dict[Node, int] = {cls: i for i, cls in enumerate(TOP_LEVEL)}

    def rank(s: Node) -> tuple[int, str]:
        types = [order[t] for t in g.objects(s, RDF.type) if t in order]
        return (min(types) if types else len(TOP_LEVEL), str(s))

    def node(s: Node, seen: frozenset) -> dict[str, Any]:
        out: dict[str, Any] = {"id": str(s)}
        types = sorted(terms.compact(str(t)) for t in g.objects(s, RDF.type))
        if types:
            out["type"] = types[0] if len(types) == 1 else types
        by_key: dict[str, list] = {}
        maps: dict[str, dict[str, list[str]]] = {}
        for p, o in sorted(g.predicate_objects(s), key=lambda po: (str(po[0]), _key(po[1]))):
            if p == RDF.type:
                continue
            key = terms.compact(str(p))
            if str(p) in terms.language_map:
                if isinstance(o, Literal) and o.datatype is None:
                    maps.setdefault(key, {}).setdefault(o.language or "@none", []).append(str(o))
                    continue
                key = terms.curie(str(p))  # a language map holds strings only
            if isinstance(o, URIRef) and embedded_in.get(o) == (s, p) and o not in seen:
                by_key.setdefault(key, []).append(node(o, seen | {o}))
                continue
            by_key.setdefault(key, []).append(_value(terms, str(p), o))
        for key, values in by_key.items():
            out[key] = values[0] if len(values) == 1 else values
        for key, langs in maps.items():
            out[key] = {lang: v[0] if len(v) == 1 else v for lang, v in langs.items()}
        return out

    doc = {
        "@context": context()["@context"],
        "@graph": [node(s, frozenset({s})) for s in sorted(roots, key=rank)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _key(o: Node) -> tuple:
    if isinstance(o, Literal):
        return (1, str(o), str(o.datatype or ""), o.language or "")
    return (0, str(o), "", "")


def _value(terms: _Terms, prop: str, o: Node) -> Any:
    """One object in the form the context gives its property."""
    coerce = terms.coerce.get(prop)
    if isinstance(o, URIRef):
        if coerce == "@vocab":
            return terms.term_of.get(str(o), str(o))
        return str(o) if coerce == "@id" else {"@id": str(o)}
    if not isinstance(o, Literal):
        raise ValueError("kg graphs have no blank nodes")
    dt = o.datatype
    if coerce is not None and not coerce.startswith("@") and dt is not None and str(dt) == coerce:
        return str(o)
    if coerce is None and o.language is None:
        if dt is None or dt == XSD.string:
            return str(o)
        if dt == XSD.integer and _canonical_integer(o):
            return int(str(o))
        if dt == XSD.boolean and str(o) in ("true", "false"):
            return str(o) == "true"
    if o.language is not None:
        return {"@value": str(o), "@language": o.language}
    if dt is None:
        return {"@value": str(o), "@type": str(XSD.string)}
    return {"@value": str(o), "@type": terms.compact(str(dt))}


def _canonical_integer(o: Literal) -> bool:
    """JSON numbers come back as canonical xsd:integer: only write those that already are."""
    text = str(o)
    try:
        return str(int(Decimal(text))) == text
    except ArithmeticError:
        return False
