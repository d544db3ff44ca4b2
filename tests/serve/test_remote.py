"""kg push into a real Oxigraph server started here on 127.0.0.1 (the ``oxigraph`` package's
binary): counts per named graph equal the local store's, a changed document replaces only its
graph, refusals and a server that is down are one Error line; and every named query without
parameters gives the same rows on rdflib, pyoxigraph and the server."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.graph.remote import Credentials, select
from kg.query.library import query_library

FIXTURES = Path(__file__).parent.parent / "fixtures"
GUANGDONG = FIXTURES / "styles" / "guangdong_fuze.txt"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).is_file():
        pytest.fail("the push tests need the oxigraph server: pip install -e '.[test]'", pytrace=False)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmp: Path, *args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), *args, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).close()
            return process, base
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    process.kill()
    raise AssertionError("oxigraph serve did not start")


@pytest.fixture
def oxigraph(tmp_path):
    process, base = start(tmp_path, "serve", "--location", str(tmp_path / "db"))
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def docs(two_docs):
    return two_docs


def store_of(*docs) -> pyoxigraph.Store:
    return kg.dataset_store(kg.to_graph(list(docs)))


def counts(store: pyoxigraph.Store) -> dict[str, int]:
    return {
        g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()
    }


def server_counts(base: str) -> dict[str, int]:
    rows = select(f"{base}/query", COUNTS)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_push_gives_the_server_the_counts_of_every_named_graph(oxigraph, tmp_path, docs):
    local = store_of(*docs)
    trig = tmp_path / "graph.trig"
    trig.write_text(
        kg.export(kg.to_graph(list(docs)), format="trig"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["push", "--graph", str(trig), "--endpoint", f"{oxigraph}/store"])
    assert result.exit_code == 0, result.output
    assert "pushed 2 named graphs" in result.output
    assert server_counts(oxigraph) == counts(local) and len(counts(local)) == 2


def test_pushing_a_changed_document_replaces_its_graph_and_leaves_the_others(oxigraph, docs):
    seed, guangdong = docs
    kg.push(store_of(seed, guangdong), f"{oxigraph}/store")
    before = server_counts(oxigraph)
    text = GUANGDONG.read_text(encoding="utf-8")
    changed = kg.parse_text(text.replace("省卫生健康委", "省卫生健康委、省民政厅", 1), GUANGDONG.name)
    assert changed.id == guangdong.id
    new = store_of(changed)
    result = kg.push(new, f"{oxigraph}/store")
    assert list(result.graphs) == list(counts(new))
    after = server_counts(oxigraph)
    (graph,) = counts(new)
    assert after[graph] == counts(new)[graph] != before[graph]
    others = {g: n for g, n in before.items() if g != graph}
    assert {g: n for g, n in after.items() if g != graph} == others and others


def test_a_server_that_refuses_or_is_down_is_one_error_line(tmp_path):
    made = pyoxigraph.Store(str(tmp_path / "ro"))  # a read-only server needs an existing store
    made.flush()
    del made
    process, base = start(tmp_path, "serve-read-only", "--location", str(tmp_path / "ro"))
    try:
        result = CliRunner().invoke(cli, ["push", "--sample", "--endpoint", f"{base}/store"])
    finally:
        process.terminate()
        process.wait(10)
    assert result.exit_code == 1
    assert f"Error: {base}/store?graph=" in result.output and "refused graph" in result.output
    assert "Traceback" not in result.output
    down = CliRunner().invoke(
        cli, ["push", "--sample", "--endpoint", f"http://127.0.0.1:{free_port()}/store"]
    )
    assert down.exit_code == 1 and "Error: cannot reach http://127.0.0.1:" in down.output


def test_credentials_and_headers_are_sent():
    creds = Credentials("ann", "s3cret", dict([kg.parse_header("X-Token: abc")]))
    headers = creds.apply({"Accept": "text/turtle"})
    assert headers["Authorization"] == "Basic YW5uOnMzY3JldA=="
    assert headers["X-Token"] == "abc" and headers["Accept"] == "text/turtle"
    with pytest.raises(kg.RemoteError):
        kg.parse_header("no colon")


@pytest.fixture(scope="module")
def served(tmp_path_factory, docs):
    """An oxigraph server holding the two documents, union default graph on, and their TriG."""
    tmp = tmp_path_factory.mktemp("served")
    graph = kg.to_graph(list(docs))
    trig = tmp / "graph.trig"
    trig.write_text(kg.export(graph, format="trig"), encoding="utf-8")
    process, base = start(tmp, "serve", "--union-default-graph", "--location", str(tmp / "db"))
    kg.push(kg.dataset_store(graph), f"{base}/store")
    yield base, trig
    process.terminate()
    process.wait(10)


@pytest.mark.parametrize(
    "args",
    [
        ["query", "tasks-without-lead"],
        ["query", "workload"],
        ["agencies"],
        ["leads", "省商务厅"],
        ["task", "3.3", "--document", "鲁政发"],
    ],
)
def test_endpoint_on_query_commands_answers_as_the_local_graph(served, args):
    base, trig = served
    runner = CliRunner()
    local = runner.invoke(cli, [*args, "--graph", str(trig), "--format", "json"])
    remote = runner.invoke(cli, [*args, "--endpoint", f"{base}/query", "--format", "json"])
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    mine, theirs = json.loads(local.stdout), json.loads(remote.stdout)
    if "rows" in mine:  # tied rows may come in either order from another engine
        mine["rows"], theirs["rows"] = (sorted(r, key=str) for r in (mine["rows"], theirs["rows"]))
    assert mine == theirs


@pytest.mark.parametrize(
    "args",
    [
        ["agency-tasks", "--param", "agency=省商务厅"],
        ["co-leads", "--param", "agency=山东省科技厅"],
        ["places", "--param", "place=青岛"],
        ["tasks", "--param", "section=5"],
    ],
)
def test_a_named_query_with_parameters_answers_on_an_endpoint_as_on_the_local_graph(served, args):
    """The parameter is bound inside a subquery: a VALUES block after the query would join
    the results only, and the server would answer for every agency (39 rows, not 3)."""
    base, trig = served
    runner = CliRunner()
    local = runner.invoke(cli, ["query", *args, "--graph", str(trig), "--format", "json"])
    remote = runner.invoke(cli, ["query", *args, "--endpoint", f"{base}/query", "--format", "json"])
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    mine, theirs = json.loads(local.stdout), json.loads(remote.stdout)
    assert mine == theirs and mine["rows"]
    if args[0] == "agency-tasks":
        assert [r["path"] for r in theirs["rows"]] == ["3.3", "3.2", "5.1"]


def test_a_file_that_uses_a_parameter_inside_without_a_placeholder_is_refused(served, tmp_path):
    base, _ = served
    f = tmp_path / "inside.rq"
    f.write_text(
        "PREFIX kg: <https://w3id.org/policy-kg/def#>\n"
        "SELECT ?path WHERE { { SELECT ?path WHERE { ?t kg:ledBy ?agency ; kg:path ?path } } }\n",
        encoding="utf-8",
    )
    args = ["query", str(f), "--param", "agency=省商务厅", "--endpoint", f"{base}/query"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "uses ?agency without returning it and has no `VALUES ?agency { UNDEF }`" in result.output


def test_graph_and_endpoint_together_are_a_usage_error(served):
    base, trig = served
    result = CliRunner().invoke(cli, ["agencies", "--graph", str(trig), "--endpoint", base])
    assert result.exit_code == 2 and "give --endpoint or a store, --graph or --sample" in result.output


@pytest.mark.parametrize("name", [q.name for q in query_library().queries if not q.params])
def test_named_queries_give_the_same_rows_on_rdflib_pyoxigraph_and_oxigraph_serve(served, name):
    base, trig = served
    graph = kg.load_graph(trig)
    text = next(q.text for q in query_library().queries if q.name == name)
    on_rdflib = sorted([[None if v is None else str(v) for v in row] for row in graph.query(text)], key=str)
    local = pyoxigraph.Store()
    local.load(trig.read_bytes(), pyoxigraph.RdfFormat.TRIG)
    solutions = local.query(text, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    on_pyoxigraph = sorted(
        [[None if s[v] is None else s[v].value for v in names] for s in solutions], key=str
    )
    result = select(f"{base}/query", text)
    on_server = sorted(
        [
            [r[v]["value"] if v in r else None for v in result["head"]["vars"]]
            for r in result["results"]["bindings"]
        ],
        key=str,
    )
    assert on_rdflib == on_pyoxigraph == on_server and on_rdflib
