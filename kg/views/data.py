"""What the map, the matrix and the report read from a graph, computed once per graph.

A build draws the map and the report (which holds the matrix, the chart and the map again)
from one graph: the workload ranking and the agencies' display names are computed here once
and handed to every view, so they cannot disagree and are not recomputed four times.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.graph import facts
from kg.graph.load import GraphLike, as_graph


@dataclass(frozen=True)
class ViewData:
    """One graph and the records every view draws from it."""

    graph: Graph
    workload: list[facts.Workload]  # heaviest first (:func:`kg.graph.facts.workload`)
    labels: dict[str, str]  # agency IRI → the name the views print


def view_data(source: GraphLike | ViewData) -> ViewData:
    """The view data of a graph (or a store, a graph file); view data given is returned as it is."""
    if isinstance(source, ViewData):
        return source
    g = as_graph(source)
    loads = facts.workload(g)
    return ViewData(g, loads, facts.agency_labels(g, [w.iri for w in loads]))
