"""The layout holds: kg's imports run one way, at the top of each module, and never form a cycle;
and the command line starts without the heavy libraries.

The layout tests read the source (no import runs), so they see every module, including one that
a cycle would stop from importing at all. The start-up tests run Python in a fresh process and
look at what it has loaded (issue 9: ``kg --help`` must not pay for rdflib and the rest).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg

KG = Path(__file__).resolve().parents[1] / "kg"

# Heavy dependencies that only one path needs, imported there so that the rest does not pay
# for them: SHACL validation, xlsx, the label-spreading layout, OpenCC's dictionaries, and the
# encoding detector (only for files that are not UTF-8, GB18030 or UTF-16), the PDF reader; the
# map's layout and vis-network options (networkx, and pyvis, which loads IPython), so that
# ``kg export`` to Turtle does not load networkx and importing the views does not load IPython.
LAZY = {
    "pyshacl",
    "openpyxl",
    "numpy",
    "opencc",
    "charset_normalizer",
    "pdfplumber",
    "pdfminer",
    "networkx",
    "pyvis",
    "distributed",
    "dask",
}
# A module that defers one library every path needs: kg.vocab names the roles for ``kg --help``
# and makes its IRIs with rdflib on first use.
DEFERRED = {"kg.vocab": {"rdflib"}}

# The stages from the bottom up; a module imports only from its own stage or below.
STAGES = [
    ("kg.errors", "kg.version", "kg.vocab", "kg.choices", "kg.model", "kg.output", "kg.ns", "kg.ids"),
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
                    if target.split(".")[0] not in LAZY | DEFERRED.get(module, set()):
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


# What ``kg --help`` must not load (issue 9): each costs a tenth of a second or more to import.
HEAVY = (
    "rdflib",
    "networkx",
    "pyvis",
    "IPython",
    "pandas",
    "openpyxl",
    "lxml",
    "pdfplumber",
    "pyoxigraph",
    "starlette",
    "uvicorn",
)

# Prints the top-level modules loaded once the code in argv[1] has run, exit or not.
LOADED = """
import atexit, json, sys
atexit.register(lambda: print("\\nLOADED " + json.dumps(sorted({m.split(".")[0] for m in sys.modules}))))
exec(sys.argv[1])
"""


def _loaded(code: str, cwd: Path) -> set[str]:
    """The top-level modules a fresh Python has loaded after running ``code``."""
    run = subprocess.run(
        [sys.executable, "-c", LOADED, code], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in run.stdout.splitlines() if line.startswith("LOADED ")]
    assert lines, run.stdout + run.stderr
    return set(json.loads(lines[-1].removeprefix("LOADED ")))


HELP = """
import runpy, sys
sys.argv = ["kg", *ARGS]
runpy.run_module("kg", run_name="__main__")
"""


def _heavy(loaded: set[str]) -> list[str]:
    return sorted(set(HEAVY) & loaded)


def test_importing_the_command_line_loads_no_heavy_library(tmp_path):
    loaded = _loaded("import kg.cli", tmp_path)
    assert "kg" in loaded and "click" in loaded
    assert _heavy(loaded) == []


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["build", "--help"], ["export", "--help"]])
def test_python_m_kg_help_loads_no_heavy_library(tmp_path, args):
    """``python -m kg --help`` (the ``kg`` script runs the same ``cli``) prints, loading none."""
    loaded = _loaded(HELP.replace("ARGS", repr(args)[1:-1]), tmp_path)
    assert "kg" in loaded
    assert _heavy(loaded) == []


def test_every_command_help_loads_no_heavy_library(tmp_path):
    code = """
from kg.cli import cli
for name in sorted(cli.commands):
    try:
        cli([name, "--help"], prog_name="kg")
    except SystemExit as e:
        assert e.code == 0, (name, e.code)
"""
    assert _heavy(_loaded(code, tmp_path)) == []


def test_the_check_sees_a_heavy_library(tmp_path):
    """The same check fails where a heavy library is loaded: building does need rdflib."""
    assert {"rdflib", "lxml"} <= set(_heavy(_loaded("import kg.build", tmp_path)))


def test_export_and_the_views_load_networkx_and_pyvis_only_where_used(tmp_path):
    assert {"networkx", "pyvis", "IPython"}.isdisjoint(
        _loaded("import kg.graph.export, kg.views.viz, kg.views.report", tmp_path)
    )
    code = "import kg, kg.graph.export as e; e.export(kg.sample_graph(), format='graphml')"
    assert "networkx" in _loaded(code, tmp_path)


def _kg_init() -> ast.Module:
    return MODULES["kg"]


def test_kg_exports_every_public_name_lazily():
    assert set(kg._EXPORTS) == set(kg.__all__)
    assert set(kg.__all__) <= set(dir(kg))
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name
    assert kg.check_outputs is sys.modules["kg.output"].check
    with pytest.raises(AttributeError):
        kg.no_such_name  # noqa: B018


def test_the_type_checker_sees_the_same_names_from_the_same_modules():
    """The ``if TYPE_CHECKING:`` imports of kg/__init__.py are what the table imports at run time."""
    seen: dict[str, str] = {}
    for node in _kg_init().body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                for alias in imp.names:
                    name = alias.asname or alias.name
                    assert kg._RENAMED.get(name, name) == alias.name, name
                    seen[name] = imp.module
    assert seen == kg._EXPORTS


def test_a_submodule_does_not_hide_the_function_of_its_name(tmp_path):
    """``import kg.query.tables`` binds kg.query on kg; the facade keeps it the function."""
    code = """
import sys
import kg
import kg.query.tables, kg.parse.document, kg.serve.app, kg.build
assert kg.query is sys.modules["kg.query.library"].query, kg.query
assert kg.parse is sys.modules["kg.parse.document"].parse, kg.parse
assert kg.serve is sys.modules["kg.serve"].serve, kg.serve
assert kg.build is sys.modules["kg.build"].build, kg.build
print("ok")
"""
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.stdout.strip() == "ok", run.stderr
