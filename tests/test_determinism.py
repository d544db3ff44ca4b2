"""The same input gives the same bytes in every output, whatever the hash seed or the locale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import kg

# Builds the bundled document and writes every output kg has; prints the bytes of each as hex.
SCRIPT = """
import hashlib, json, sys
from pathlib import Path
import kg
out = Path(sys.argv[1])
kg.build(out=out / "kg-out", store=out / "kg-store")
g = kg.load_graph(out / "kg-out" / "graph.ttl")
outputs = {p.name: p.read_bytes() for p in sorted((out / "kg-out").iterdir())}
for fmt in kg.EXPORT_FORMATS:
    outputs["export." + fmt] = kg.export(g, format=fmt).encode("utf-8")
for fmt in kg.MATRIX_FORMATS:
    m = kg.matrix(g, format=fmt)
    outputs["matrix." + fmt] = m if isinstance(m, bytes) else m.encode("utf-8")
outputs["viz"] = kg.viz(g).encode("utf-8")
outputs["report"] = kg.report(g).encode("utf-8")
for name in ("agencies", "leads"):
    result = kg.agencies(g) if name == "agencies" else kg.leads(g, "省商务厅")
    for fmt in ("table", "json", "csv"):
        outputs[name + "." + fmt] = kg.render(result, fmt).encode("utf-8")
print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in outputs.items()}))
"""

RUNS = [("0", "C.UTF-8"), ("1", "C.UTF-8"), ("4242", "C.UTF-8"), ("1", "POSIX")]


def _run(tmp_path, seed: str, locale: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "LC_ALL": locale, "LANG": locale}
    out = tmp_path / f"{seed}-{locale}"
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_every_output_is_byte_identical_across_hash_seeds_and_locales(tmp_path):
    with ThreadPoolExecutor(2) as pool:
        digests = list(pool.map(lambda r: _run(tmp_path, *r), RUNS))
    first = digests[0]
    assert {"export." + f for f in kg.EXPORT_FORMATS} <= set(first)
    assert {"graph.ttl", "graph.trig", "map.html", "report.html", "matrix.xlsx"} <= set(first)
    for (seed, locale), other in zip(RUNS[1:], digests[1:]):
        differ = sorted(k for k in first if first[k] != other.get(k))
        assert not differ, f"PYTHONHASHSEED={seed} LC_ALL={locale}: {differ}"
