"""The choices and defaults that ``kg --help`` prints for stages it must not load to print them.

``kg export --format``, ``kg matrix --format``, ``kg compare --threshold``, ``--lang`` and
``--max-bytes`` show these in their help. The modules that act on them (``kg.graph.export``,
``kg.views.matrix``, ``kg.query.compare``, ``kg.query.tables``, ``kg.text.read``) import rdflib,
lxml, wcwidth and more, so each value is defined here, where the command line reads it for
nothing, and those modules import it from here. Imports nothing.
"""

from __future__ import annotations

EXPORT_FORMATS = (
    "tasks-json",
    "turtle",
    "trig",
    "nt",
    "nquads",
    "json-ld",
    "graphml",
    "gexf",
    "csv",
    "jsonl",
    "void",
    "ontology",
    "shapes",
)
# What ``kg export --format`` also writes that is a page, not data: made in the views layer
# (``kg.ontology_html``), so not a format of ``kg.export``.
EXPORT_PAGES = ("ontology-html",)
MATRIX_FORMATS = ("html", "csv", "xlsx")
COMPARE_THRESHOLD = 0.6  # the least similarity that makes two tasks a pair
MAX_BYTES = 20 * 1024 * 1024  # a long policy document is well under 1 MB; --max-bytes raises it
VIEWS = ("auto", "tasks", "agencies", "documents", "jurisdictions")  # kg viz --view: which map to draw
LANGS = ("zh", "en")  # the language of role names in a table: 牵头 / 配合 / 分工负责, or lead …
