"""The document model: plain dataclasses between the parser and the RDF graph.

This tree is what ``kg parse DOC --json`` prints, and the only input of ``rdf.py``: change
the RDF mapping without touching the parser, debug the parser without reading Turtle.
Every node that states something carries a :class:`Span` of the original text.
See ``docs/tree.md`` for the JSON format.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import typing
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    """Characters [start, end) of the original text, with the line and column of start."""

    start: int
    end: int
    line: int
    column: int
    quote: str


@dataclass
class TextWarning:
    """Something the parser noticed and could not make sense of; never fatal."""

    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    span: Span | None = None


@dataclass
class Agency:
    """An organisation resolved against the gazetteer (or not: ``known`` is False)."""

    key: str  # "370000/commerce": the IRI suffix, shared across documents
    short: str  # Simplified short name: 省商务厅
    full: str | None  # official full name: 山东省商务厅
    en: str | None
    kind: str  # department, commission, bureau, office, government, ...
    jurisdiction: str  # GB/T 2260 code of the government it belongs to
    known: bool
    collective: bool = False
    parent: str | None = None  # Agency.key of the government it belongs to
    spellings: list[str] = field(default_factory=list)  # other forms seen, original script


@dataclass
class Place:
    """A province, city, county or zone from the GB/T 2260 gazetteer."""

    key: str  # "370100", or "370700/z-…" for a zone without a code
    name: str  # 济南市
    kind: str  # province, prefecture, county, zone
    code: str | None
    parent: str | None
    en: str | None = None


@dataclass
class Responsibility:
    """One agency's role in one task, as one clause states it."""

    agency: str  # Agency.key
    role: str  # lead | support | shared
    position: int  # 1-based order within the task's clauses
    open: bool  # the list it stands in ended with 等
    written: str  # the name as the clause writes it (Simplified)
    span: Span


@dataclass
class Clause:
    """A responsibility clause as written, and what it says."""

    text: str
    span: Span
    responsibilities: list[Responsibility] = field(default_factory=list)
    deadline: str | None = None
    own_line: bool = False  # the clause is a line of its own, not the end of a paragraph


@dataclass
class Target:
    """A quantified goal: 制定原创技术标准100项, 3-5个市, 比率达到60%以上."""

    text: str
    unit: str
    comparator: str
    span: Span
    object: str | None = None
    quantity: float | None = None
    min: float | None = None
    max: float | None = None
    deadline_year: int | None = None


@dataclass
class Task:
    """A numbered item: title (its first sentence), text, clauses and sub-items."""

    path: str
    marker: str
    number: int
    title: str
    text: str
    span: Span
    clauses: list[Clause] = field(default_factory=list)
    deadline: str | None = None
    deadline_year: int | None = None
    places: list[str] = field(default_factory=list)  # Place.key
    targets: list[Target] = field(default_factory=list)
    children: list[Task] = field(default_factory=list)

    @property
    def responsibilities(self) -> list[Responsibility]:
        return [r for c in self.clauses for r in c.responsibilities]

    def walk(self) -> typing.Iterator[Task]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Section:
    """A top-level part (一、…); a document without such headings has one with path "0"."""

    path: str
    marker: str | None
    number: int
    title: str | None
    text: str
    span: Span
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def walk(self) -> typing.Iterator[Task]:
        for task in self.tasks:
            yield from task.walk()


@dataclass
class Document:
    """One parsed document with everything it names."""

    id: str
    source: str
    checksum: str
    encoding: str
    identifier: str | None = None  # 文号
    title: str | None = None
    issuer: str | None = None  # Agency.key
    issuer_name: str | None = None  # as written
    jurisdiction: str | None = None  # GB/T 2260 code
    date: str | None = None  # ISO
    recipients: list[str] = field(default_factory=list)  # 主送
    copied_to: list[str] = field(default_factory=list)  # 抄送
    printer: str | None = None
    printed: str | None = None
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    agencies: dict[str, Agency] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    warnings: list[TextWarning] = field(default_factory=list)

    def tasks(self) -> list[Task]:
        """Every task, depth first, in document order."""
        return [t for s in self.sections for t in s.walk()]

    def to_dict(self) -> dict[str, Any]:
        return {"type": "document", **dataclasses.asdict(self)}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = {k: v for k, v in data.items() if k != "type"}
        return _build(cls, data)

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


def _build(tp: Any, value: Any) -> Any:
    """Rebuild dataclasses from the plain structures ``asdict`` produced."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        inner = [a for a in args if a is not type(None)]
        return _build(inner[0], value)
    if origin is list:
        return [_build(args[0], v) for v in value]
    if origin is dict:
        return {k: _build(args[1], v) for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp, vars(sys.modules[__name__]))
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _build(hints[k], v) for k, v in value.items() if k in names})
    return value
