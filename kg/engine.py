"""``kg build --engine dask``: the per-document work mapped over a Dask cluster.

A corpus that outgrows one machine (a national crawl) is parsed on a cluster run by
dask.distributed, an established engine, rather than by code of ours: each task is
:func:`kg.build.build_document` (handed to :func:`dask_map`), a pure function of a
document's bytes, the base IRI and the gazetteer (package data every worker has), and
returns that document's N-Quads, which the client loads into the store (one document,
one transaction). Without ``--scheduler`` a ``LocalCluster`` of ``jobs`` worker processes
is started for the build and stopped after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from kg.errors import OptionError

BATCH = 256  # documents in flight at once: the client holds no more than this many results


def dask_map(
    work: Callable[..., Any],
    todo: list[tuple[str, bytes]],
    base: str,
    ocr: bool,
    scheduler: str | None,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Any]:
    """Run ``work(data, source, base=…, ocr=…)`` (:func:`kg.build.build_document`) for each
    (source, bytes) of ``todo`` on a Dask cluster; the results in input order."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise OptionError("--engine dask needs dask.distributed: pip install 'dask[distributed]'") from None
    logging.getLogger("distributed").setLevel(logging.ERROR)  # its shutdown notices are not ours
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=30)
    except OSError as e:
        raise OptionError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None
    done = 0
    try:
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            futures = client.map(
                work,
                [data for _, data in batch],
                [source for source, _ in batch],
                base=base,
                ocr=ocr,
                pure=False,
            )
            for built in client.gather(futures):
                done += 1
                yield built
                if progress:
                    progress(done, len(todo))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
