"""``kg build``: documents → graph files (and the maps), with a summary a person can check.

The summary is computed from the document models, not from the graph, so it states what
the parser found; ``kg validate`` checks that the graph says the same.
"""

from __future__ import annotations

import functools
import gc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from rdflib import Graph

from kg.errors import InputError, KgError
from kg.graph.load import DEFAULT_OUT, build_marker, bundled_document
from kg.graph.rdf import named_graphs, union
from kg.graph.serialize import trig, turtle
from kg.ids import check_base
from kg.model import Document
from kg.ns import DEFAULT_BASE
from kg.output import check as check_outputs
from kg.output import shown, write_files
from kg.parse.document import parse
from kg.query.library import tasks_without_lead
from kg.text.read import MAX_BYTES
from kg.views.data import view_data
from kg.views.report import report
from kg.views.viz import network, render_map
from kg.vocab import ROLE_KEYS, ROLES

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class DocumentSummary:
    """What one document yielded, for the terminal and for JSON."""

    document: str
    identifier: str | None
    title: str | None
    issuer: str | None
    date: str | None
    sections: int
    tasks: int
    agencies: int
    collectives: int
    responsibilities: dict[str, int]
    places: int
    targets: int
    tasks_without_lead: list[str]
    not_in_gazetteer: list[str]
    warnings: list[str]

    @classmethod
    def of(cls, doc: Document, graph: Graph) -> DocumentSummary:
        """What ``doc`` yielded; ``graph`` is its own named graph, which says which tasks have
        no lead the way ``kg query tasks-without-lead`` does."""
        tasks = doc.tasks()
        roles = Counter(r.role for t in tasks for r in t.responsibilities)
        used = {r.agency for t in tasks for r in t.responsibilities}
        agencies = [doc.agencies[k] for k in sorted(used)]
        issuer = doc.agencies[doc.issuer].full if doc.issuer in doc.agencies else doc.issuer_name
        return cls(
            document=doc.source,
            identifier=doc.identifier,
            title=doc.title,
            issuer=issuer,
            date=doc.date,
            sections=len(doc.sections),
            tasks=len(tasks),
            agencies=len(agencies),
            collectives=sum(1 for a in agencies if a.collective),
            responsibilities={role: roles.get(role, 0) for role in ROLE_KEYS},
            places=len({k for t in tasks for k in t.places}),
            targets=sum(len(s.targets) for s in doc.sections) + sum(len(t.targets) for t in tasks),
            tasks_without_lead=tasks_without_lead(graph),
            not_in_gazetteer=sorted(a.short for a in agencies if not a.known and not a.collective),
            warnings=[_warning_line(w) for w in doc.warnings],
        )

    def lines(self) -> list[str]:
        head = " ".join(x for x in (self.identifier, self.issuer, self.date) if x)
        r = self.responsibilities
        out = [
            f"{head or self.document}  [{self.document}]",
            f"  {self.title}" if self.title else None,
            f"  sections {self.sections} · tasks {self.tasks} · agencies {self.agencies}"
            f" ({self.collectives} collective) · places {self.places} · targets {self.targets}",
            f"  responsibilities: lead {r['lead']} · support {r['support']} · shared {r['shared']}",
            f"  tasks without a lead: {len(self.tasks_without_lead)}"
            + (f" ({', '.join(self.tasks_without_lead)})" if self.tasks_without_lead else ""),
            f"  agencies not in the gazetteer: {len(self.not_in_gazetteer)}"
            + (f" ({', '.join(self.not_in_gazetteer)})" if self.not_in_gazetteer else ""),
            f"  warnings: {len(self.warnings)}",
            *(f"    {w}" for w in self.warnings[:12]),
            f"    … {len(self.warnings) - 12} more" if len(self.warnings) > 12 else None,
        ]
        return [line for line in out if line is not None]


def _warning_line(w) -> str:
    where = f"line {w.line}, column {w.column}: " if w.line else ""
    return f"{where}{w.message}"


@dataclass
class BuildResult:
    documents: list[Document]
    summaries: list[DocumentSummary]
    files: dict[str, Path] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out: list[str] = []
        for s in self.summaries:
            out.extend(s.lines())
        out.extend(f"skipped: {s}" for s in self.skipped)
        for name, path in self.files.items():
            out.append(f"{name}: {shown(path)}")
        return out


def _few_collections(f: Callable[P, R]) -> Callable[P, R]:
    """Run ``f`` with Python's cyclic collector paused: a build allocates millions of objects
    that live to its end (terms, triples, spans), and the collector would walk them again and
    again, about half the time of a 20,000-task build; the build itself makes little cyclic
    garbage, which is collected once it returns."""

    @functools.wraps(f)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was = gc.isenabled()
        gc.disable()
        try:
            return f(*args, **kwargs)
        finally:
            if was:
                gc.enable()

    return paused


@_few_collections
def build(
    docs: list[str | Path] | None = None,
    out: str | Path = DEFAULT_OUT,
    base: str = DEFAULT_BASE,
    keep_going: bool = False,
    views: bool = True,
    max_bytes: int = MAX_BYTES,
) -> BuildResult:
    """Parse documents (default: the bundled one) and write graph.ttl, graph.trig and maps.

    A document with no numbered tasks or no responsibility clause is refused (nothing is
    written) unless ``keep_going``, which skips it and builds the rest.
    """
    check_base(base)
    out_dir = Path(out)
    files = output_files(out_dir, views)
    marker = build_marker(files["graph"])
    check_outputs([*files.values(), marker[0]])  # a bad destination fails before any work
    paths = [Path(d) for d in docs] if docs else [bundled_document()]
    parsed: list[Document] = []
    skipped: list[str] = []
    for path in paths:
        try:
            doc = parse(path, max_bytes)
            _require_clauses(doc)
        except KgError as e:
            if not keep_going:
                raise
            skipped.append(str(e))
            continue
        parsed.append(doc)
    if not parsed:
        raise InputError("no document could be built: " + "; ".join(skipped))
    _check_distinct(parsed)
    named = named_graphs(parsed, base)
    graph = union(named, base)
    contents: dict[Path, str | bytes] = {
        files["graph"]: turtle(graph),
        files["named graphs"]: trig(named),
    }
    if views:
        for path, content in build_views(graph, out_dir).values():
            contents[path] = content
    contents[marker[0]] = marker[1]
    write_files(contents)
    summaries = [DocumentSummary.of(d, g) for d, (_, g) in zip(parsed, named)]
    return BuildResult(parsed, summaries, files, skipped)


def _require_clauses(doc: Document) -> None:
    tasks = doc.tasks()
    if not tasks:
        raise InputError(
            f"{doc.source}: no numbered tasks found (一、 （一） 1. …); is this a policy document?"
        )
    if not any(t.responsibilities for t in tasks):
        raise InputError(
            f"{doc.source}: {len(tasks)} numbered items but no responsibility "
            f"clause ({', '.join(r.zh for r in ROLES)}, 责任单位 …)"
        )


def _check_distinct(docs: list[Document]) -> None:
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise InputError(f"{d.source} and {seen[d.id]} are the same document ({d.id})")
        seen[d.id] = d.source


def output_files(out_dir: Path, views: bool = True) -> dict[str, Path]:
    """What ``kg build`` writes into ``out_dir``, by name, known before any work."""
    files = {"graph": out_dir / "graph.ttl", "named graphs": out_dir / "graph.trig"}
    if views:
        files.update({"map": out_dir / "map.html", "report": out_dir / "report.html"})
    return files


def build_views(graph: Graph, out_dir: Path) -> dict[str, tuple[Path, str]]:
    """The pages ``kg build`` writes beside ``graph.ttl``; the caller writes them atomically."""
    data = view_data(graph)
    net = network(data)
    return {
        "map": (out_dir / "map.html", render_map(net)),
        "report": (out_dir / "report.html", report(data, net=net)),
    }
