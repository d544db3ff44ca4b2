#!/usr/bin/env python3
"""The floor under one document's build: the steps no build of it can skip, each timed alone.

    python benchmarks/floor.py DOC            # for example a generate.py --tasks 20000 --one document

In one process, by the route ``kg build`` takes (``kg.build.build_document``), with Python's
cyclic collector paused as the build pauses it: ``kg.parse``; the document's triples as
pyoxigraph terms (``kg.graph.rdf.document_triples``); their N-Quads
(``kg.graph.rdf.nquads_text``); and pyoxigraph's bulk load of those N-Quads into a fresh
on-disk store (then ``flush``). A ``kg build DOC -o DIR`` does all four and then writes
graph.ttl, graph.trig and the two pages, so the sum of these is the least such a build can
take with this vocabulary and this store; ``limits.py`` times the whole build. CPU seconds
count pyoxigraph's loader threads, which is why the load's CPU exceeds its wall time.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

import kg
from kg.graph.rdf import document_triples, nquads_text

T = TypeVar("T")


def step(name: str, f: Callable[[], T], times: dict[str, tuple[float, float]]) -> T:
    """Run ``f``, print and keep its CPU and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = f()
    times[name] = (time.process_time() - cpu, time.perf_counter() - wall)
    print(f"  {name:10} {times[name][1]:7.2f} s wall {times[name][0]:7.2f} s CPU", flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("doc", type=Path)
    args = ap.parse_args()
    times: dict[str, tuple[float, float]] = {}
    print(f"{args.doc}:")
    gc.disable()  # as kg.build does (its _few_collections): the collector would walk every term
    doc = step("parse", lambda: kg.parse(args.doc), times)
    graph, quads = step("triples", lambda: document_triples(doc), times)
    data = step("N-Quads", lambda: nquads_text(graph, quads), times)
    with tempfile.TemporaryDirectory() as folder:
        store = ox.Store(folder)

        def load() -> None:
            store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            store.flush()

        step("bulk load", load, times)
    cpu, wall = (sum(t[i] for t in times.values()) for i in (0, 1))
    print(f"  {'sum':10} {wall:7.2f} s wall {cpu:7.2f} s CPU")
    print(f"  {len(doc.tasks()):,} tasks, {len(quads):,} quads, {len(data) / 1e6:.1f} MB of N-Quads")


if __name__ == "__main__":
    main()
