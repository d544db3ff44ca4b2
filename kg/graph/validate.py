"""SHACL validation of a built graph against ``kg/data/shapes.ttl`` (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from kg.errors import ValidationError
from kg.graph.load import load_graph


@dataclass
class ValidationResult:
    conforms: bool
    violations: int
    report: str


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    g = Graph()
    g.parse(data=resources.files("kg").joinpath("data/shapes.ttl").read_text("utf-8"), format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology() -> Graph:
    """The kg ontology (OWL) as shipped with the package."""
    g = Graph()
    g.parse(data=resources.files("kg").joinpath("data/ontology.ttl").read_text("utf-8"), format="turtle")
    return g


def check(graph: Graph) -> ValidationResult:
    """Run the shapes over ``graph``; never raises for a non-conforming graph."""
    from pyshacl import validate as shacl

    conforms, report_graph, text = shacl(
        graph,
        shacl_graph=_shapes(),
        ont_graph=ontology(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = len(set(report_graph.subjects(predicate=SH.resultSeverity, object=SH.Violation)))
    return ValidationResult(bool(conforms), violations, text)


def validate(graph: str | Path | Graph) -> ValidationResult:
    """Validate a graph file or graph; raise ValidationError when it does not conform."""
    g = graph if isinstance(graph, Graph) else load_graph(graph)
    result = check(g)
    if not result.conforms:
        raise ValidationError(f"the graph does not conform: {result.violations} violation(s)", result.report)
    return result
