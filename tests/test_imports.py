"""The layout holds: kg's imports run one way, at the top of each module, and never form a cycle.

The test reads the source (no import runs), so it sees every module, including one that a
cycle would stop from importing at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).resolve().parents[1] / "kg"

# Heavy dependencies that only one path needs, imported there so that the rest does not pay
# for them: SHACL validation, xlsx, the label-spreading layout, OpenCC's dictionaries, and the
# encoding detector (only for files that are not UTF-8, GB18030 or UTF-16), the PDF reader.
LAZY = {
    "pyshacl",
    "openpyxl",
    "numpy",
    "opencc",
    "charset_normalizer",
    "pdfplumber",
    "pdfminer",
    "distributed",
    "dask",
}

# The stages from the bottom up; a module imports only from its own stage or below.
STAGES = [
    ("kg.errors", "kg.version", "kg.vocab", "kg.model", "kg.output", "kg.ns", "kg.ids"),
    ("kg.text", "kg.lexicon"),
    ("kg.parse",),
    ("kg.graph",),
    ("kg.query", "kg.views", "kg.serve"),
    ("kg.build", "kg.engine"),
    ("kg.cli", "kg.__main__", "kg"),
]


def _name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(KG.rglob("*.py"))}


def _target(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")[: -node.level] if node.level else []
    return ".".join([*package, node.module] if node.module else package)


def _imports(module: str, tree: ast.AST) -> list[tuple[str, ast.AST]]:
    out: list[tuple[str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((alias.name, node) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _target(module, node)
            # ``from kg.graph import facts`` imports the module kg.graph.facts
            out.extend(
                (f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base, node) for a in node.names
            )
    return out


def _kg_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, tree in MODULES.items():
        for body_node in getattr(tree, "body", []):  # module level only: the import graph at import time
            for target, _ in _imports(module, body_node):
                if target in MODULES and target != module:
                    edges[module].add(target)
    return edges


def _stage(module: str) -> int:
    best = max(
        (
            (i, len(p))
            for i, stage in enumerate(STAGES)
            for p in stage
            if module == p or module.startswith(p + ".")
        ),
        key=lambda x: x[1],
    )
    return best[0]


def test_the_walker_sees_the_imports():
    edges = _kg_edges()
    assert {"kg.parse.document", "kg.graph.rdf"} <= edges["kg.graph.load"]
    assert "kg.views.report" in edges["kg.build"] and "kg.vocab" in edges["kg.graph.facts"]


def test_kg_has_no_import_cycle():
    edges = _kg_edges()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(edges[m]):
            if state.get(n) == 1:
                cycle = stack[stack.index(n) :] + [n]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)


def test_no_import_inside_a_function_except_a_heavy_optional_dependency():
    found = []
    for module, tree in MODULES.items():
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for target, node in _imports(module, fn):
                    if target.split(".")[0] not in LAZY:
                        found.append(f"{module}:{node.lineno} imports {target}")
    assert not found, "\n".join(sorted(set(found)))


def test_no_module_below_build_imports_build():
    above = {"kg", "kg.cli", "kg.__main__", "kg.build"}
    offenders = [m for m, targets in _kg_edges().items() if "kg.build" in targets and m not in above]
    assert not offenders


def test_imports_run_one_way_down_the_stages():
    wrong = [
        f"{m} ({_stage(m)}) imports {t} ({_stage(t)})"
        for m, targets in _kg_edges().items()
        for t in targets
        if _stage(t) > _stage(m)
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_every_module_belongs_to_a_stage():
    for m in MODULES:
        assert _stage(m) >= 0, m
