"""kg: Chinese policy documents → an RDF knowledge graph of who is responsible for what.

The stages, one module each: ``read`` (bytes → text; Word, PDF, web pages and sheets through
their reader in ``kg.text.readers``) → ``normalize`` → ``parse`` (→ the
``model`` tree, using ``clauses``, ``targets`` and the ``gazetteer``) → ``rdf`` (→ graph,
IRIs from ``ids``, terms from ``ns``) → ``validate``, ``export``, queries and views.

Each public name is imported from its module when first used (PEP 562), so that ``import kg``
and ``kg --help`` load none of rdflib, networkx, pyvis and the readers: a command pays for what
it runs. ``dir(kg)`` and ``__all__`` list every name; type checkers see the imports below.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from kg.version import __version__ as __version__

if TYPE_CHECKING:
    from kg.build import BuildResult, RemoveResult, build, build_document, expand_inputs, remove
    from kg.choices import (
        COMPARE_THRESHOLD,
        EXPORT_FORMATS,
        EXPORT_PAGES,
        LANGS,
        MATRIX_FORMATS,
        MAX_BYTES,
        VIEWS,
    )
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
    from kg.graph.export import export
    from kg.graph.facts import Workload, workload
    from kg.graph.load import Source, bundled_document, load_graph, open_source, resolve_graph, sample_graph
    from kg.graph.rdf import to_dataset, to_graph
    from kg.graph.remote import Credentials, PushResult, Remote, parse_header, push
    from kg.graph.store import Store
    from kg.graph.validate import validate
    from kg.model import Document
    from kg.ns import KG
    from kg.output import check as check_outputs
    from kg.output import shown, write_file, write_files
    from kg.parse.document import parse, parse_text
    from kg.parse.outline import outline
    from kg.query.answers import agencies, agency, leads, task
    from kg.query.ask import ask, question_forms
    from kg.query.compare import compare
    from kg.query.library import query, query_library
    from kg.query.onstore import StoreReader, open_reader
    from kg.query.remote import remote_query
    from kg.query.resolve import resolve_agency, resolve_place, resolve_task
    from kg.query.scope import select
    from kg.query.tables import render
    from kg.serve import Served, dataset_store, serve, serving_store, store_summary
    from kg.text.normalize import normalize
    from kg.text.read import decode, read_bytes, read_text
    from kg.views.matrix import matrix
    from kg.views.ontology import ontology_html
    from kg.views.report import report
    from kg.views.viz import viz
    from kg.vocab import DEFAULT_BASE, ROLE_CHOICES

# Where each public name is defined, by module; ``check_outputs`` is ``kg.output.check``.
_BY_MODULE: dict[str, tuple[str, ...]] = {
    "kg.build": ("BuildResult", "RemoveResult", "build", "build_document", "expand_inputs", "remove"),
    "kg.choices": (
        "COMPARE_THRESHOLD",
        "EXPORT_FORMATS",
        "EXPORT_PAGES",
        "LANGS",
        "MATRIX_FORMATS",
        "MAX_BYTES",
        "VIEWS",
    ),
    "kg.errors": (
        "AmbiguousAgency",
        "AmbiguousDocument",
        "AmbiguousPlace",
        "AmbiguousTask",
        "GraphError",
        "InputError",
        "KgError",
        "OptionError",
        "OutputError",
        "QueryError",
        "RemoteError",
        "ServeError",
        "UnknownAgency",
        "UnknownDocument",
        "UnknownJurisdiction",
        "UnknownPlace",
        "UnknownQuestion",
        "UnknownTask",
        "ValidationError",
    ),
    "kg.graph.export": ("export",),
    "kg.graph.facts": ("Workload", "workload"),
    "kg.graph.load": (
        "Source",
        "bundled_document",
        "load_graph",
        "open_source",
        "resolve_graph",
        "sample_graph",
    ),
    "kg.graph.rdf": ("to_dataset", "to_graph"),
    "kg.graph.remote": ("Credentials", "PushResult", "Remote", "parse_header", "push"),
    "kg.graph.store": ("Store",),
    "kg.graph.validate": ("validate",),
    "kg.model": ("Document",),
    "kg.ns": ("KG",),
    "kg.output": ("check_outputs", "shown", "write_file", "write_files"),
    "kg.parse.document": ("parse", "parse_text"),
    "kg.parse.outline": ("outline",),
    "kg.query.answers": ("agencies", "agency", "leads", "task"),
    "kg.query.ask": ("ask", "question_forms"),
    "kg.query.compare": ("compare",),
    "kg.query.library": ("query", "query_library"),
    "kg.query.onstore": ("StoreReader", "open_reader"),
    "kg.query.remote": ("remote_query",),
    "kg.query.resolve": ("resolve_agency", "resolve_place", "resolve_task"),
    "kg.query.scope": ("select",),
    "kg.query.tables": ("render",),
    "kg.serve": ("Served", "dataset_store", "serve", "serving_store", "store_summary"),
    "kg.text.normalize": ("normalize",),
    "kg.text.read": ("decode", "read_bytes", "read_text"),
    "kg.views.matrix": ("matrix",),
    "kg.views.ontology": ("ontology_html",),
    "kg.views.report": ("report",),
    "kg.views.viz": ("viz",),
    "kg.vocab": ("DEFAULT_BASE", "ROLE_CHOICES"),
}
_EXPORTS = {name: module for module, names in _BY_MODULE.items() for name in names}
_RENAMED = {"check_outputs": "check"}


if not TYPE_CHECKING:  # the type checker reads the imports above, and flags a name that is not there

    def __getattr__(name: str) -> Any:
        """Import the module that defines ``name``, once: the value is then an ordinary attribute."""
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), _RENAMED.get(name, name))
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


class _Facade(ModuleType):
    """Keeps ``kg.build``, ``kg.parse``, ``kg.query`` and ``kg.serve`` the functions.

    Importing a submodule binds it on its package (``import kg.query.tables`` sets
    ``kg.query``); with the functions imported lazily, that would hide the function of the
    same name, so a submodule is not bound where a public name is.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _EXPORTS and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Facade

__all__ = [
    "VIEWS",
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
    "EXPORT_PAGES",
    "Workload",
    "matrix",
    "ontology_html",
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
    "open_reader",
    "StoreReader",
    "query",
    "query_library",
    "render",
    "LANGS",
    "resolve_agency",
    "resolve_place",
    "resolve_task",
    "task",
]
