"""Where kg's work runs besides this process: ``kg build --engine dask`` maps the
per-document work over a Dask cluster, and :func:`beside` runs one piece of a large build in
a forked child while this process does another.

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
import os
import pickle
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

from kg.errors import OptionError

R = TypeVar("R")

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


def can_fork() -> bool:
    """Whether :func:`beside` can run work in a child: Linux only (macOS's system libraries
    are not safe to use after fork, and Windows has none)."""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


@contextmanager
def beside(work: Callable[[], R], fork: bool = True) -> Iterator[Callable[[], R]]:
    """Start ``work()`` in a forked child, so that it runs on another core while the body
    of the ``with`` does something else; the body then calls what this yields for its value.

    The child sees this process's memory as it is at the fork (copy on write: nothing is
    pickled on the way in) and sends the value back pickled through a pipe, so ``work``
    should return something small beside its inputs. An exception in the child is raised in
    the caller with its own type. A child that dies, or whose value does not pickle, is not
    an error: the work is done again here. Without ``fork`` (or where :func:`can_fork` is
    false) the work is simply done here when asked for. The child ignores Ctrl-C, and is
    killed and reaped on every way out of the ``with``, so none outlives the caller."""
    if not (fork and can_fork()):
        yield work
        return
    read, write = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns of fork in a process with threads (the store's own). The child
        # takes none of their locks: it runs Python on objects in memory, then exits.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(read)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                outcome: tuple[bool, object] = (True, work())
            except Exception as e:
                outcome = (False, e)
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as f:
                f.write(data)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
    os.close(write)
    reaped = False
    got: list[R] = []

    def value() -> R:
        nonlocal reaped
        if got:
            return got[0]
        with os.fdopen(os.dup(read), "rb") as f:
            data = f.read()
        os.waitpid(pid, 0)
        reaped = True
        outcome = _unpickled(data)
        if outcome is None:  # the child died or its value did not pickle: do the work here
            got.append(work())
        elif outcome[0]:
            got.append(outcome[1])
        else:
            raise outcome[1]
        return got[0]

    try:
        yield value
    finally:
        os.close(read)
        if not reaped:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _unpickled(data: bytes) -> tuple[bool, Any] | None:
    try:
        outcome = pickle.loads(data)
    except Exception:
        return None
    return outcome if isinstance(outcome, tuple) and len(outcome) == 2 else None
