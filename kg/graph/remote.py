"""Other SPARQL servers: push named graphs with the Graph Store Protocol, run queries remotely.

``push`` sends each named graph (one per document) of a store with ``PUT ?graph=IRI``:
SPARQL 1.1 Graph Store HTTP Protocol, replace semantics, so pushing a rebuilt document
replaces its graph on the server and leaves the others. ``select`` runs a query through the
SPARQL 1.1 Protocol and returns the JSON results. Both use the standard library's HTTP
client; authentication is HTTP Basic (``user``/``password``) or any header (a bearer token).
Every failure is one :class:`~kg.errors.RemoteError` line that says what the server said.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import RemoteError
from kg.graph.rdf import bind_prefixes

TIMEOUT = 60.0  # seconds for one HTTP request


@dataclass
class Credentials:
    """How to authenticate to a server: HTTP Basic, extra headers, or nothing."""

    user: str | None = None
    password: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def apply(self, headers: dict[str, str]) -> dict[str, str]:
        out = dict(headers)
        if self.user is not None:
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            out["Authorization"] = f"Basic {token}"
        out.update(self.headers)
        return out


def parse_header(text: str) -> tuple[str, str]:
    """``Name: value`` as given to ``--header``."""
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise RemoteError(f"{text!r} is not a header: write Name: value")
    return name.strip(), value.strip()


@dataclass
class PushResult:
    """What ``kg push`` sent: the graph store and, per named graph, the triples sent."""

    endpoint: str
    graphs: dict[str, int]

    def lines(self) -> list[str]:
        out = [
            f"pushed {len(self.graphs)} named graph{'s' if len(self.graphs) != 1 else ''} "
            f"to {self.endpoint} (each replaces the graph of the same name)"
        ]
        out.extend(f"  {iri}: {n} triples" for iri, n in self.graphs.items())
        return out


def push(store: ox.Store, endpoint: str, credentials: Credentials | None = None) -> PushResult:
    """PUT every named graph of ``store`` to the graph store at ``endpoint``.

    :raises RemoteError: the server is down, refuses, or answers with an error.
    """
    creds = credentials or Credentials()
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    if not graphs:
        raise RemoteError("nothing to push: the store has no named graphs")
    sent: dict[str, int] = {}
    for graph in graphs:
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)
        ]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        url = _with_query(endpoint, {"graph": graph.value})
        _request(
            "PUT", url, body, creds.apply({"Content-Type": "application/n-triples"}), f"graph {graph.value}"
        )
        sent[graph.value] = len(triples)
    return PushResult(endpoint, sent)


def select(endpoint: str, query: str, credentials: Credentials | None = None) -> dict[str, Any]:
    """Run ``query`` on the SPARQL endpoint (POST, form-encoded); the SPARQL JSON results."""
    creds = credentials or Credentials()
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    headers = creds.apply(
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    )
    data = _request("POST", endpoint, body, headers, "the query")
    try:
        return json.loads(data)
    except ValueError:
        raise RemoteError(f"{endpoint} did not answer with SPARQL JSON results") from None


@dataclass
class Remote:
    """A SPARQL server as a graph source (``--endpoint URL``): queries run there, and commands
    that walk the graph read it with one CONSTRUCT."""

    endpoint: str
    credentials: Credentials = field(default_factory=Credentials)

    def select(self, query: str) -> dict[str, Any]:
        return select(self.endpoint, query, self.credentials)

    def fetch(self) -> Graph:
        """Every triple of the server's default graph (the union, when it serves one)."""
        return self.construct("CONSTRUCT WHERE { ?s ?p ?o }")

    def construct(self, query: str) -> Graph:
        """The triples of a CONSTRUCT query run on the server, as an rdflib graph."""
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        headers = self.credentials.apply(
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/n-triples"}
        )
        data = _request("POST", self.endpoint, body, headers, "the query")
        g = Graph()
        bind_prefixes(g)
        try:
            g.parse(data=data.decode("utf-8"), format="nt")
        except Exception as e:  # rdflib raises many types for bad input
            raise RemoteError(f"{self.endpoint} did not answer with N-Triples ({e})") from None
        return g


def _with_query(url: str, params: Mapping[str, str]) -> str:
    sep = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + sep + urllib.parse.urlencode(params)


def _request(method: str, url: str, body: bytes, headers: dict[str, str], what: str) -> bytes:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise RemoteError(f"{url}: not an http(s) URL")
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", errors="replace").strip().splitlines()
        said = f": {detail[0][:200]}" if detail else ""
        raise RemoteError(f"{url} refused {what}: HTTP {e.code} {e.reason}{said}") from None
    except urllib.error.URLError as e:
        raise RemoteError(f"cannot reach {url}: {e.reason}") from None
    except (TimeoutError, ConnectionError) as e:
        raise RemoteError(f"cannot reach {url}: {e}") from None
