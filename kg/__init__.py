"""kg: Chinese policy documents → an RDF knowledge graph of who is responsible for what.

The stages, one module each: ``read`` (bytes → text; Word, PDF, web pages and sheets through
their reader in ``kg.text.readers``) → ``normalize`` → ``parse`` (→ the
``model`` tree, using ``clauses``, ``targets`` and the ``gazetteer``) → ``rdf`` (→ graph,
IRIs from ``ids``, terms from ``ns``) → ``validate``, ``export``, queries and views.
"""

from __future__ import annotations

from kg.build import BuildResult, RemoveResult, build, build_document, expand_inputs, remove
from kg.errors import (
    AmbiguousAgency,
    AmbiguousDocument,
    AmbiguousPlace,
    AmbiguousTask,
    GraphError,
    InputError,
    KgError,
    OptionError,
    OutputError,
    QueryError,
    RemoteError,
    ServeError,
    UnknownAgency,
    UnknownDocument,
    UnknownJurisdiction,
    UnknownPlace,
    UnknownQuestion,
    UnknownTask,
    ValidationError,
)
from kg.graph.export import FORMATS as EXPORT_FORMATS
from kg.graph.export import export
from kg.graph.facts import Workload, workload
from kg.graph.load import Source, bundled_document, load_graph, open_source, resolve_graph, sample_graph
from kg.graph.rdf import to_dataset, to_graph
from kg.graph.remote import Credentials, PushResult, Remote, parse_header, push
from kg.graph.store import Store
from kg.graph.validate import validate
from kg.model import Document
from kg.ns import DEFAULT_BASE, KG
from kg.output import check as check_outputs
from kg.output import shown, write_file, write_files
from kg.parse.document import parse, parse_text
from kg.parse.outline import outline
from kg.query.answers import agencies, agency, leads, task
from kg.query.ask import ask, question_forms
from kg.query.compare import THRESHOLD as COMPARE_THRESHOLD
from kg.query.compare import compare
from kg.query.library import query, query_library
from kg.query.remote import remote_query
from kg.query.resolve import resolve_agency, resolve_place, resolve_task
from kg.query.scope import select
from kg.query.tables import LANGS, render
from kg.serve import Served, dataset_store, serve, serving_store, store_summary
from kg.text.normalize import normalize
from kg.text.read import MAX_BYTES, decode, read_bytes, read_text
from kg.version import __version__ as __version__
from kg.views.matrix import FORMATS as MATRIX_FORMATS
from kg.views.matrix import matrix
from kg.views.report import report
from kg.views.viz import viz
from kg.vocab import ROLE_CHOICES

__all__ = [
    "RemoveResult",
    "Served",
    "Source",
    "Store",
    "build_document",
    "expand_inputs",
    "open_source",
    "remove",
    "sample_graph",
    "serving_store",
    "AmbiguousAgency",
    "BuildResult",
    "DEFAULT_BASE",
    "Document",
    "EXPORT_FORMATS",
    "GraphError",
    "InputError",
    "KG",
    "KgError",
    "MAX_BYTES",
    "OptionError",
    "OutputError",
    "QueryError",
    "RemoteError",
    "ServeError",
    "UnknownAgency",
    "ValidationError",
    "build",
    "check_outputs",
    "bundled_document",
    "decode",
    "export",
    "Credentials",
    "PushResult",
    "parse_header",
    "push",
    "Remote",
    "remote_query",
    "dataset_store",
    "serve",
    "store_summary",
    "load_graph",
    "normalize",
    "outline",
    "parse",
    "parse_text",
    "read_bytes",
    "read_text",
    "resolve_graph",
    "to_dataset",
    "to_graph",
    "validate",
    "shown",
    "write_file",
    "write_files",
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
    "question_forms",
    "select",
    "ROLE_CHOICES",
    "compare",
    "COMPARE_THRESHOLD",
    "UnknownDocument",
    "AmbiguousDocument",
    "UnknownJurisdiction",
    "leads",
    "query",
    "query_library",
    "render",
    "LANGS",
    "resolve_agency",
    "resolve_place",
    "resolve_task",
    "task",
]
