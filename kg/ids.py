"""Identifiers: number paths and IRIs. Every IRI kg mints comes from here, deterministically.

The same document must give the same IRIs on every run and on every machine, and one
agency must be one node across documents, so nothing here depends on file names, order
of discovery or the clock.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, urlsplit

from rdflib import URIRef

from kg.errors import OptionError
from kg.ns import DEFAULT_BASE

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})')  # RFC 3987


def is_absolute_iri(text: str) -> bool:
    """An absolute IRI (RFC 3987): a scheme, no character an IRI may not hold, and a host for
    http(s)."""
    if not _SCHEME.match(text) or _NOT_IN_IRI.search(text):
        return False
    parts = urlsplit(text)
    return bool(parts.netloc) or parts.scheme.lower() not in ("http", "https")


def check_base(base: str) -> str:
    """Refuse a base that would mint invalid IRIs: it must be absolute and end in / or #."""
    if not is_absolute_iri(base) or not base.endswith(("/", "#")):
        raise OptionError(
            f"--base {base!r} is not an absolute IRI ending in / or # (for example {DEFAULT_BASE})"
        )
    return base


def slug(name: str) -> str:
    """A stable ASCII form of any name: percent-encoded UTF-8 (readable once decoded)."""
    return quote(name.strip(), safe="")


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


_WENHAO = re.compile(r"[〔\[（【(]\s*(\d{4})\s*[〕\]）】)]\s*第?\s*(\d+)\s*号")


def document_id(identifier: str | None, jurisdiction: str | None, normalized_text: str) -> str:
    """``370000-2022-6-3f9a1c`` from a 文号, else ``sha-`` and 12 hex of the normalised text.

    The hash of the whole 文号 keeps 鲁政发 and 鲁政办发 of the same year and number apart.
    """
    m = _WENHAO.search(identifier or "")
    if m and identifier:
        return f"{jurisdiction or '000000'}-{m.group(1)}-{int(m.group(2))}-{short_hash(identifier)}"
    return "sha-" + short_hash(normalized_text, 12)


def unique_paths(paths: list[str]) -> list[str]:
    """Second and later uses of a path get ``_2``, ``_3`` … in document order."""
    seen: dict[str, int] = {}
    out = []
    for p in paths:
        seen[p] = seen.get(p, 0) + 1
        out.append(p if seen[p] == 1 else f"{p}_{seen[p]}")
    return out


def agency_key(jurisdiction: str, key: str) -> str:
    return f"{jurisdiction}/{key}"


def collective_key(jurisdiction: str, name: str) -> str:
    return f"{jurisdiction}/c-{slug(name)}"


def unknown_agency_key(jurisdiction: str, name: str) -> str:
    return f"{jurisdiction}/u-{slug(name)}"


def zone_key(parent: str, short: str) -> str:
    return f"{parent}/z-{slug(short)}"


class Ids:
    """IRI factory for one base; ``Ids()`` uses https://w3id.org/policy-kg/id/."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base if base.endswith(("/", "#")) else base + "/")

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def document(self, doc_id: str) -> URIRef:
        return self._iri("doc", doc_id)

    def graph(self, doc_id: str) -> URIRef:
        return self._iri("graph", doc_id)

    def section(self, doc_id: str, path: str) -> URIRef:
        return self._iri("doc", doc_id, "s", path)

    def task(self, doc_id: str, path: str) -> URIRef:
        return self._iri("doc", doc_id, "t", path)

    def responsibility(self, task: str, n: int) -> URIRef:
        return URIRef(f"{task}/r/{n}")

    def target(self, holder: str, n: int) -> URIRef:
        return URIRef(f"{holder}/target/{n}")

    def person(self, task: str, n: int) -> URIRef:
        """A leader as one task names them: who a name is across documents is not known."""
        return URIRef(f"{task}/person/{n}")

    def span(self, doc_id: str, start: int, end: int) -> URIRef:
        return self._iri("doc", doc_id, "span", f"{start}-{end}")

    def warning(self, doc_id: str, n: int) -> URIRef:
        return self._iri("doc", doc_id, "warning", str(n))

    def agency(self, key: str) -> URIRef:
        return self._iri("agency", key)

    def place(self, key: str) -> URIRef:
        return self._iri("place", key)
