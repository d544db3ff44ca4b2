"""Matching a name as typed against the names of a graph's agencies and places: the tiers
of :mod:`kg.query.resolve`, apart from how the names are read (walking an rdflib graph, or one
query on a store, :mod:`kg.query.onstore`), so that both find the same IRI for the same name.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from kg.errors import AmbiguousName, UnknownName
from kg.text.normalize import to_simplified

CLOSEST = 5


@dataclass(frozen=True)
class Entry:
    iri: str  # an IRI (rdflib's URIRef on a graph, a plain str on a store)
    short: str  # what candidates show
    full: str  # shown instead when two candidates share a short name
    exact: frozenset[str]  # tier 1 keys
    labels: frozenset[str]  # tier 2 and 3 keys


def resolve_name(
    name: str, entries: list[Entry], unknown: type[UnknownName], ambiguous: type[AmbiguousName]
) -> str:
    """The one entry's IRI that ``name`` means, by the tiers of :mod:`kg.query.resolve`."""
    iri = iri_text(name)
    if iri is not None:
        for e in entries:
            if str(e.iri) == iri:
                return e.iri
        raise unknown(name)
    key = name_key(name)
    if not key:
        raise unknown(name)
    tiers = (
        lambda e: key in e.exact,
        lambda e: key in e.labels,
        lambda e: any(key in label for label in e.labels),
        lambda e: is_cjk(key) and any(abbreviates(key, label) for label in e.labels),
    )
    for matches in tiers:
        found = [e for e in entries if matches(e)]
        if len(found) == 1:
            return found[0].iri
        if found:
            raise ambiguous(name, candidate_names(sorted(found, key=lambda e: (e.short, e.full, str(e.iri)))))
    raise unknown(name, candidate_names(closest(key, entries)))


def closest(key: str, entries: list[Entry]) -> list[Entry]:
    """Entries by similarity to ``key``, compared with labels of the same script (a Chinese
    name with Chinese labels), so stray Latin letters do not pull in English names."""
    chinese = has_cjk(key)

    def score(e: Entry) -> float:
        labels = [label for label in e.labels if has_cjk(label) == chinese]
        return max((difflib.SequenceMatcher(None, key, label).ratio() for label in labels), default=0)

    scored = sorted(((score(e), e) for e in entries), key=lambda x: (-x[0], x[1].short, str(x[1].iri)))
    return [e for s, e in scored[:CLOSEST] if s > 0]


def abbreviates(short: str, label: str) -> bool:
    rest = iter(label)
    return all(ch in rest for ch in short)


def is_cjk(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in text)


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def candidate_names(entries: list[Entry]) -> list[str]:
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


def iri_text(text: str) -> str | None:
    """The IRI ``text`` writes (``<…>``, or a bare http(s) address), else None."""
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        return t[1:-1]
    if re.match(r"^https?://\S+$", t):
        return t
    return None


def agency_entry(iri: str, shorts: list[str], labels: list[str], pref: str | None, qualified: str) -> Entry:
    """Its short names match first; then its full, English and other labels and the short name
    that carries its place (江苏省发展改革委), which is also what a list of candidates shows
    where two agencies share a short name. ``pref``: its preferred label; ``qualified``: the
    short name that carries its place (:func:`kg.graph.facts.qualified_name`)."""
    short = min(shorts) if shorts else (pref or str(iri))
    return Entry(
        iri,
        short,
        qualified if qualified != short else (pref or short),
        frozenset(name_keys(shorts)),
        frozenset(name_keys(shorts + labels + [qualified])),
    )


def fold(text: str) -> str:
    """Full-width → half-width (NFKC), whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def name_key(text: str) -> str:
    """What names are compared by: folded, Simplified, case-insensitive."""
    return to_simplified(fold(text)).casefold()


def name_keys(texts: Iterable[str]) -> list[str]:
    return [k for k in (name_key(t) for t in texts) if k]
