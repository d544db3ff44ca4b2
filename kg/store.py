"""Files: write outputs atomically, load graphs, and remember where the last build went.

A build writes every file to a temporary name beside its target and renames them only
when all are complete, so an interrupted or failed run never leaves half a graph behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import GraphError

LAST_BUILD = ".kg-last-build"
DEFAULT_OUT = "kg-out"
_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".n3": "n3",
}


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write all files or none: temporaries first, then one rename each."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
            temps.append((tmp, path))
        for tmp, path in temps:
            os.replace(tmp, path)
    finally:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_file(path: str | Path, content: str | bytes) -> Path:
    p = Path(path)
    write_files({p: content})
    return p


def load_graph(path: str | Path) -> Graph:
    """Load a graph file; TriG and N-Quads load as the union of their named graphs."""
    p = Path(path)
    if not p.is_file():
        raise GraphError(f"{p}: no such graph file (run `kg build` first)")
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise GraphError(f"{p}: unknown graph format (use .ttl, .trig, .nt, .nq or .jsonld)")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset(default_union=True)
            ds.parse(p, format=fmt)
            g = Graph()
            for prefix, ns in ds.namespaces():
                g.bind(prefix, ns)
            for triple in ds.triples((None, None, None)):
                g.add(triple)
            return g
        g = Graph()
        g.parse(p, format=fmt)
        return g
    except Exception as e:  # rdflib raises many types for bad input
        raise GraphError(f"{p}: not a valid {fmt} graph ({type(e).__name__}: {e})") from None


def remember_build(graph_path: Path, cwd: Path | None = None) -> None:
    """Record where the last build in this folder wrote its graph."""
    write_file((cwd or Path.cwd()) / LAST_BUILD, str(graph_path.resolve()) + "\n")


def last_build(cwd: Path | None = None) -> Path | None:
    """The graph of the last ``kg build`` run in this folder, if it still exists."""
    here = cwd or Path.cwd()
    marker = here / LAST_BUILD
    if marker.is_file():
        p = Path(marker.read_text(encoding="utf-8").strip())
        if p.is_file():
            return p
    default = here / DEFAULT_OUT / "graph.ttl"
    return default if default.is_file() else None
