"""The store's own queries (kg.query.onstore) give the rows the rdflib walk gives: ``kg leads``
for every agency and ``kg agencies``, on the bundled document and on the style fixtures, each
built into a store the way ``kg build`` builds one; and a question on a store loads no rdflib."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset

import kg
from kg.cli import cli
from kg.graph import store as graph_store
from kg.query import answers, library, onstore

FIXTURES = Path(__file__).parents[1] / "fixtures"
CORPORA = ["bundled", "styles", "styles2", "styles3"]


def _paths(name: str) -> list[Path]:
    if name == "bundled":
        return [kg.bundled_document()]
    return sorted((FIXTURES / name).glob("*.txt"))


@functools.cache
def _graph(name: str):
    return kg.to_graph([kg.parse(p) for p in _paths(name)])


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, kg.Store]:
    out = {}
    for name in CORPORA:
        folder = tmp_path_factory.mktemp(name) / "store"
        kg.build(_paths(name), store=folder, jobs=1)
        out[name] = kg.Store.open(folder)
    return out


@pytest.mark.parametrize("name", CORPORA)
def test_leads_and_agency_on_a_store_give_the_rows_of_the_rdflib_graph_for_every_agency(stores, name):
    g = _graph(name)
    everyone = [row["iri"] for row in kg.agencies(g).to_json()["agencies"]]
    assert everyone
    for iri in everyone:
        fast = onstore.leads(stores[name], f"<{iri}>").to_json()
        assert fast == kg.leads(g, f"<{iri}>").to_json(), iri
        assert kg.leads(stores[name], f"<{iri}>").to_json() == fast  # kg.leads takes this path
        assert kg.agency(stores[name], f"<{iri}>").to_json() == kg.agency(g, f"<{iri}>").to_json(), iri


@pytest.mark.parametrize("name", CORPORA)
def test_agencies_on_a_store_gives_the_rows_of_the_rdflib_graph(stores, name):
    g = _graph(name)
    fast = onstore.agencies(stores[name])
    assert fast.to_json() == kg.agencies(g).to_json()
    assert fast.multi_jurisdiction == answers.multi_jurisdiction(g)
    assert kg.render(fast) == kg.render(kg.agencies(g))


@pytest.mark.parametrize("name", CORPORA)
def test_names_as_typed_resolve_on_a_store_as_on_the_graph(stores, name):
    """Short names, full names, parts and abbreviations: the same agency, or the same error."""
    g = _graph(name)
    typed = set()
    for row in kg.agencies(g).to_json()["agencies"][:12]:
        typed |= {row["name"], row["full_name"], row["label"], row["name"][1:], row["full_name"][:3]}
    for text in sorted(typed):
        try:
            want: object = kg.resolve_agency(g, text)
        except (kg.UnknownAgency, kg.AmbiguousAgency) as e:
            want = (type(e), str(e))
        try:
            got: object = onstore.resolve_agency(stores[name].inner, text)
        except (kg.UnknownAgency, kg.AmbiguousAgency) as e:
            got = (type(e), str(e))
        assert got == (str(want) if isinstance(want, str) else want), text


def test_a_short_name_two_provinces_share_carries_its_place_on_a_store(stores):
    """In the styles corpus the store's agencies share short names (省发展改革委 of two
    provinces): the leads rows of one document's agency show the other agencies with the name
    that carries their place, as the whole graph's answer does."""
    fast = onstore.agencies(stores["styles"])
    shared = [a for a in fast.agencies if a.label != a.name]
    assert shared, "the fixture should hold two agencies of one short name"
    st = stores["styles"].inner
    assert {a.name for a in shared} <= onstore.shared_names(st, {a.name for a in fast.agencies})
    assert onstore.shared_names(st, {"no such agency"}) == frozenset()


def test_the_reader_opens_a_store_as_the_store_opens_it(stores, monkeypatch):
    st = stores["styles"]
    assert onstore.open_reader(st.path) is None  # this process has the store open: Store.open shares it
    monkeypatch.delitem(sys.modules, "kg.graph.store")
    reader = onstore.open_reader(st.path)
    assert reader is not None
    assert reader.header() == st.header()
    assert (onstore.STORE_ENV, onstore.DEFAULT_STORE, onstore.MARK) == (
        graph_store.STORE_ENV,
        graph_store.DEFAULT_STORE,
        graph_store._MARK,
    )
    assert onstore.open_reader(st.path.parent / "nothing here") is None


def test_kg_leads_on_a_store_answers_as_with_the_graph_file(stores, tmp_path):
    st = stores["styles"]
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_text(kg.export(_graph("styles"), format="turtle"), encoding="utf-8")
    top = kg.agencies(_graph("styles")).agencies[0]
    for args in (["leads", top.name], ["agencies"], ["leads", top.full_name, "--format", "json"]):
        on_store = CliRunner().invoke(cli, [*args, "--store", str(st.path)])
        on_file = CliRunner().invoke(cli, [*args, "--graph", str(graph_file)])
        assert on_store.exit_code == 0, on_store.output
        assert on_store.stdout == on_file.stdout, args
        assert on_store.stderr.splitlines()[0] == f"# {st.header()}"


# Runs ``kg ARGS`` in this process and prints the top-level modules it loaded.
LOADED = """
import json, sys
from kg.cli import cli
try:
    cli(sys.argv[1:], prog_name="kg")
except SystemExit as e:
    assert e.code == 0, e.code
print("LOADED " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_kg_leads_and_agencies_on_a_store_load_no_rdflib(stores, tmp_path):
    st = stores["styles"]
    top = kg.agencies(_graph("styles")).agencies[0]
    for args in (["leads", top.name], ["agencies"]):
        run = subprocess.run(
            [sys.executable, "-c", LOADED, *args, "--store", str(st.path)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        lines = [line for line in run.stdout.splitlines() if line.startswith("LOADED ")]
        assert lines, run.stdout + run.stderr
        loaded = set(json.loads(lines[-1].removeprefix("LOADED ")))
        assert "pyoxigraph" in loaded and "rdflib" not in loaded, args
        printed = run.stdout.rsplit("LOADED ", 1)[0]
        assert printed == CliRunner().invoke(cli, [*args, "--store", str(st.path)]).stdout, args
        assert run.stderr.splitlines()[0] == f"# {st.header()}"


# Parameters a named query needs, read off the corpus: its busiest agency, a year, a function.
def _params(q, corpus: str) -> dict[str, str]:
    top = kg.agencies(_graph(corpus)).agencies[0]
    wanted = {"agency": f"<{top.iri}>", "year": "2025", "function": "development-reform"}
    return {p.name: wanted[p.name] for p in q.params if p.required and p.name in wanted}


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_named_query_on_a_store_gives_the_rows_of_the_rdflib_graph(stores, corpus):
    """``kg query`` on a store runs on pyoxigraph and turns its terms into values itself."""
    g = _graph(corpus)
    answered = 0
    for q in kg.query_library().queries:
        if any(p.required and p.type == "task" for p in q.params):
            continue  # a task's number path is not unique across a corpus's documents
        params = _params(q, corpus)
        want = kg.query(g, q.name, params)
        got = kg.query(stores[corpus], q.name, params)
        assert (got.columns, got.params, got.rows) == (want.columns, want.params, want.rows), q.name
        answered += bool(got.rows)
    assert answered > 10


@pytest.mark.parametrize("name", ["bundled", "styles"])
def test_reading_every_agency_of_the_store_at_once_gives_the_same_rows(stores, name, monkeypatch):
    """Past a few thousand agencies a predicate is read for the whole store at once (a VALUES
    block that long is slower than the scan): the same rows as one subject at a time."""
    g = _graph(name)
    monkeypatch.setattr(onstore, "_MANY", 0)
    assert onstore.agencies(stores[name]).to_json() == kg.agencies(g).to_json()
    top = kg.agencies(g).agencies[0]
    assert onstore.leads(stores[name], top.full_name).to_json() == kg.leads(g, top.full_name).to_json()


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> tuple[kg.Store, object]:
    """The bundled document and a copy under another 文号: two documents' graphs that both
    describe the same agencies, as the documents of one province do in a corpus."""
    folder = tmp_path_factory.mktemp("twins")
    text = kg.bundled_document().read_text(encoding="utf-8")
    twin = folder / "twin.txt"
    assert "〔2022〕6號" in text  # the bundled text is in Traditional characters
    twin.write_text(text.replace("〔2022〕6號", "〔2022〕7號", 1), encoding="utf-8")
    paths = [kg.bundled_document(), twin]
    kg.build(paths, store=folder / "store", jobs=1)
    return kg.Store.open(folder / "store"), kg.to_graph([kg.parse(p) for p in paths])


def test_agencies_described_in_several_graphs_are_counted_once(twins):
    st, g = twins
    assert onstore.agencies(st).to_json() == kg.agencies(g).to_json()
    assert kg.agencies(st.graph()).to_json() == kg.agencies(g).to_json()  # rdflib over the store
    for row in kg.agencies(g).agencies[:10]:
        assert onstore.leads(st, f"<{row.iri}>").to_json() == kg.leads(g, f"<{row.iri}>").to_json()
        assert kg.agency(st, f"<{row.iri}>").to_json() == kg.agency(g, f"<{row.iri}>").to_json()


def test_a_named_query_on_a_store_reads_each_triple_of_the_union_once(twins):
    """pyoxigraph 0.5 yields a triple of the union default graph once per named graph that
    holds it (oxigraph/oxigraph#1919): the named queries take DISTINCT rows before they join
    names, so an agency described by several documents is not repeated."""
    st, g = twins
    for q in kg.query_library().queries:
        if not any(p.required for p in q.params):
            assert kg.query(st, q.name).rows == kg.query(g, q.name).rows, q.name


@pytest.mark.parametrize("name", CORPORA)
def test_tasks_without_lead_on_a_store_gives_the_rows_of_the_named_query(stores, name):
    """The store answers ``kg query tasks-without-lead`` by its own scans: the rows rdflib
    gives for the query, and pyoxigraph for the same text."""
    g = _graph(name)
    inner = stores[name].inner
    fast = onstore.tasks_without_lead(inner)
    text = library.load_query("tasks-without-lead").text
    assert fast.rows == kg.query(g, "tasks-without-lead").rows
    assert fast.rows == onstore.run(inner, text).rows
    assert kg.query(stores[name], "tasks-without-lead").rows == fast.rows


# Two documents' graphs: 2 is a section of sub-tasks with no clause of its own (left out), 3
# groups sub-tasks but has its own shared clause (kept), 3.1 is shared by an agency with two
# short names (the ORDER BY breaks the tie by name) and one without any (not listed), 3.2 is
# led (left out), 4 has two titles and a support clause only; the agencies are described in
# both graphs, as a corpus's documents describe them.
TIES = """
@prefix kg: <https://w3id.org/policy-kg/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <https://example.org/> .
:g1 {
  :d1 a kg:PolicyDocument ; dcterms:identifier "甲〔2022〕1号" .
  :t2 a kg:Task ; kg:path "2" ; kg:inDocument :d1 ; kg:source :s2 ; dcterms:hasPart :t21 .
  :s2 kg:start 10 .
  :t21 a kg:Task ; kg:path "2.1" ; kg:inDocument :d1 ; kg:source :s21 ; dcterms:title "乙" .
  :s21 kg:start 12 .
  :t3 a kg:Task ; kg:path "3" ; kg:inDocument :d1 ; kg:source :s3 ; dcterms:hasPart :t31 ;
      kg:responsibility :r30 .
  :s3 kg:start 20 .
  :r30 kg:role kg:shared ; kg:agency :a2 ; kg:position 1 .
  :t31 a kg:Task ; kg:path "3.1" ; kg:inDocument :d1 ; kg:source :s31 ; dcterms:title "丙" ;
       kg:responsibility :r1, :r2, :r3 .
  :s31 kg:start 22 .
  :r1 kg:role kg:shared ; kg:agency :a2 ; kg:position 2 .
  :r2 kg:role kg:shared ; kg:agency :a1 ; kg:position 1 .
  :r3 kg:role kg:shared ; kg:agency :a3 ; kg:position 3 .
  :t32 a kg:Task ; kg:path "3.2" ; kg:inDocument :d1 ; kg:source :s32 ; kg:ledBy :a1 .
  :s32 kg:start 25 .
  :a1 kg:shortName "市水务局"@zh-Hans, "市水利局"@zh-Hans .
  :a2 kg:shortName "市商务局"@zh-Hans .
}
:g2 {
  :d2 a kg:PolicyDocument ; rdfs:label "乙文件" .
  :t4 a kg:Task ; kg:path "4" ; kg:inDocument :d2 ; kg:source :s4 ; dcterms:title "丁", "戊" ;
      kg:responsibility :r4 .
  :s4 kg:start 5 .
  :r4 kg:role kg:support ; kg:agency :a2 ; kg:position 1 .
  :a1 kg:shortName "市水务局"@zh-Hans, "市水利局"@zh-Hans .
  :a2 kg:shortName "市商务局"@zh-Hans .
}
"""


def test_tasks_without_lead_on_a_store_breaks_ties_as_the_query_does():
    inner = ox.Store()
    inner.load(TIES.encode("utf-8"), ox.RdfFormat.TRIG)
    dataset = Dataset(default_union=True)
    dataset.parse(data=TIES, format="trig")
    text = library.load_query("tasks-without-lead").text
    fast = onstore.tasks_without_lead(inner)
    assert fast.rows == [  # 乙 (U+4E59) sorts before 甲 (U+7532)
        {"document": "乙文件", "path": "4", "title": "丁", "sharedBy": ""},
        {"document": "乙文件", "path": "4", "title": "戊", "sharedBy": ""},
        {"document": "甲〔2022〕1号", "path": "2.1", "title": "乙", "sharedBy": ""},
        {"document": "甲〔2022〕1号", "path": "3", "title": None, "sharedBy": "市商务局"},
        {
            "document": "甲〔2022〕1号",
            "path": "3.1",
            "title": "丙",
            "sharedBy": "市水利局、市水务局、市商务局",
        },
    ]
    assert fast.rows == onstore.run(inner, text).rows
    assert fast.rows == kg.query(dataset, "tasks-without-lead").rows  # rdflib
