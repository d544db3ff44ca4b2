#!/usr/bin/env python3
"""The floor under one document's build: the steps no build of it can skip, each timed alone.

    python benchmarks/floor.py DOC            # for example a generate.py --tasks 20000 --one document

In one process: ``kg.parse``; the document's quads (``kg.graph.rdf.document_quads``); their
N-Quads (``pyoxigraph.serialize``); and pyoxigraph's bulk load of those N-Quads into a fresh
on-disk store (then ``flush``). A ``kg build DOC -o DIR`` does all four and then writes
graph.ttl, graph.trig and the two pages, so the sum of these is the least such a build can
take with this vocabulary and this store; ``limits.py`` times the whole build. CPU seconds
count pyoxigraph's loader threads, which is why the load's CPU exceeds its wall time.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

import kg
from kg.graph.rdf import document_quads

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
    doc = step("parse", lambda: kg.parse(args.doc), times)
    _, quads = step("quads", lambda: document_quads(doc), times)

    def nquads() -> bytes:
        out = io.BytesIO()
        ox.serialize(quads, out, format=ox.RdfFormat.N_QUADS)
        return out.getvalue()

    data = step("N-Quads", nquads, times)
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
