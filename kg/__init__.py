"""kg: Chinese policy documents → an RDF knowledge graph of who is responsible for what.

The stages, one module each: ``read`` (bytes → text) → ``normalize`` → ``parse`` (→ the
``model`` tree, using ``clauses``, ``targets`` and the ``gazetteer``) → ``rdf`` (→ graph,
IRIs from ``ids``, terms from ``ns``) → ``validate``, ``export``, queries and views.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .ask import ask
from .build import BuildResult, build, bundled_document, resolve_graph
from .errors import (
    AmbiguousAgency,
    AmbiguousPlace,
    AmbiguousTask,
    GraphError,
    InputError,
    KgError,
    QueryError,
    UnknownAgency,
    UnknownPlace,
    UnknownQuestion,
    UnknownTask,
    ValidationError,
)
from .export import FORMATS as EXPORT_FORMATS
from .export import export
from .facts import Workload, workload
from .library import query, query_library
from .matrix import FORMATS as MATRIX_FORMATS
from .matrix import matrix
from .model import Document
from .normalize import normalize
from .ns import DEFAULT_BASE, KG
from .outline import outline
from .parse import parse, parse_text
from .queries import agencies, agency, leads, task
from .rdf import to_dataset, to_graph
from .read import decode, read_text
from .report import report
from .resolve import resolve_agency, resolve_place, resolve_task
from .store import load_graph, write_file
from .tables import render
from .validate import validate
from .viz import viz

__all__ = [
    "AmbiguousAgency",
    "BuildResult",
    "DEFAULT_BASE",
    "Document",
    "EXPORT_FORMATS",
    "GraphError",
    "InputError",
    "KG",
    "KgError",
    "QueryError",
    "UnknownAgency",
    "ValidationError",
    "build",
    "bundled_document",
    "decode",
    "export",
    "load_graph",
    "normalize",
    "outline",
    "parse",
    "parse_text",
    "read_text",
    "resolve_graph",
    "to_dataset",
    "to_graph",
    "validate",
    "write_file",
    "MATRIX_FORMATS",
    "Workload",
    "matrix",
    "report",
    "viz",
    "workload",
    "AmbiguousPlace",
    "AmbiguousTask",
    "UnknownPlace",
    "UnknownQuestion",
    "UnknownTask",
    "agencies",
    "agency",
    "ask",
    "leads",
    "query",
    "query_library",
    "render",
    "resolve_agency",
    "resolve_place",
    "resolve_task",
    "task",
]
