#!/usr/bin/env python3
"""What one document costs a build's worker, step by step, in CPU milliseconds (issue 9).

    python benchmarks/generate.py /tmp/c200 --docs 200 --seed 1
    python benchmarks/per_document.py /tmp/c200            # best of 3
    python benchmarks/per_document.py /tmp/c200 --profile quads

The steps are those of ``kg.build.build_document``: reading the bytes and parsing them
(``read_bytes`` + ``parse_source``), the document's quads (``document_quads``), their N-Quads
(``pyoxigraph.serialize``) and the summary with the pickling that sends it all back to the main
process. Each step runs over every document of the folder in turn, timed by
``time.process_time`` (this process's CPU, less disturbed than wall time by the other work of a
shared machine); the figure is the best of ``--runs`` passes, divided by the documents.
``--profile STEP`` prints the cProfile of one pass of that step instead.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.build import Built, DocumentSummary
from kg.graph.rdf import document_quads
from kg.parse.document import parse_source
from kg.text.read import read_bytes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", choices=["parse", "quads", "serialize", "summary"])
    args = ap.parse_args()
    files = sorted(args.folder.glob("*.txt"))
    data = [(f.read_bytes(), f.name) for f in files]
    docs = [parse_source(read_bytes(b, name=name)) for b, name in data]
    graphs = [document_quads(doc) for doc in docs]
    nquads = [ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"" for _, quads in graphs]

    def summary() -> None:
        for doc, (graph, _), nq in zip(docs, graphs, nquads):
            built = Built(doc.source, "", graph, doc.id, nq, DocumentSummary.of(doc))
            pickle.dumps(built)

    steps: dict[str, Callable[[], object]] = {
        "parse": lambda: [parse_source(read_bytes(b, name=name)) for b, name in data],
        "quads": lambda: [document_quads(doc) for doc in docs],
        "serialize": lambda: [ox.serialize(q, format=ox.RdfFormat.N_QUADS) for _, q in graphs],
        "summary": summary,
    }
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(steps[args.profile])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return
    quads = sum(len(q) for _, q in graphs)
    print(f"{len(docs)} documents, {quads:,} quads ({quads / len(docs):.0f} a document)")
    total = 0.0
    for name, step in steps.items():
        best = float("inf")
        for _ in range(args.runs):
            start = time.process_time()
            step()
            best = min(best, time.process_time() - start)
        total += best
        print(f"{name:>10}: {1000 * best / len(docs):7.2f} ms CPU a document")
    print(f"{'total':>10}: {1000 * total / len(docs):7.2f} ms CPU a document")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
