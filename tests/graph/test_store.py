"""The store: builds into it, incremental and parallel builds, removal, interruption, and the
same answers from it as from an rdflib graph of the same documents."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from tests.graph.conftest import STYLES

BUILD = importlib.import_module("kg.build")  # the module; ``kg.build`` is the function

FIXTURES = Path(__file__).parent.parent / "fixtures"
DATASET = "https://w3id.org/policy-kg/id/dataset"  # the description a build writes


def _quads(store_path: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines, without the build records (which hold paths)
    and the description's build time."""
    st = kg.Store.open(store_path)
    record = {str(kg.KG.sourcePath), str(kg.KG.fileChecksum), str(kg.KG.builtWith), str(kg.KG.buildSummary)}
    record.add("http://purl.org/dc/terms/created")
    return sorted(
        f"{q.subject} {q.predicate} {q.object} {q.graph_name}"
        for q in st.inner.quads_for_pattern(None, None, None, None)
        if q.predicate.value not in record
    )


def test_a_build_fills_the_store_with_one_named_graph_per_document(corpus, tmp_path):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    assert result.header == f"store {tmp_path / 's'}: {len(STYLES)} documents"
    st = kg.Store.open(tmp_path / "s")
    entries = st.entries()
    assert len(entries) == len(STYLES)
    assert {Path(e.source).name for e in entries.values()} == {p.name for p in STYLES}
    assert all(e.version == kg.__version__ and len(e.checksum) == 64 for e in entries.values())


def test_an_unchanged_document_is_not_parsed_again_and_keeps_its_summary(corpus, tmp_path, monkeypatch):
    first = kg.build([corpus], store=tmp_path / "s", jobs=1)
    before = _quads(tmp_path / "s")
    monkeypatch.setattr(BUILD, "build_document", lambda *a, **k: pytest.fail("parsed an unchanged document"))
    again = kg.build([corpus], store=tmp_path / "s", jobs=1)
    assert len(again.unchanged) == len(STYLES)
    assert [s.__dict__ for s in again.summaries] == [s.__dict__ for s in first.summaries]
    assert _quads(tmp_path / "s") == before


def test_a_changed_document_replaces_only_its_own_graph(corpus, tmp_path, monkeypatch):
    kg.build([corpus], store=tmp_path / "s", jobs=1)
    changed = corpus / STYLES[0].name
    text = changed.read_text("utf-8")
    doc = kg.parse(changed)
    lead = next(
        doc.agencies[r.agency].short for t in doc.tasks() for r in t.responsibilities if r.role == "lead"
    )
    assert lead in text
    changed.write_text(text.replace(lead, "省审计厅"), "utf-8")
    calls: list[str] = []
    real = BUILD.build_document
    monkeypatch.setattr(
        BUILD,
        "build_document",
        lambda data, source, *a, **k: calls.append(source) or real(data, source, *a, **k),
    )
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    assert calls == [str(changed)] and len(result.unchanged) == len(STYLES) - 1
    fresh = tmp_path / "fresh"
    kg.build([corpus], store=fresh, jobs=1)
    assert _quads(tmp_path / "s") == _quads(fresh)  # as if built from scratch: the old text is gone


def test_the_workers_build_only_a_few_chunks_ahead_of_the_store(tmp_path, monkeypatch):
    """When the store is the slower side, built documents must not pile up in the main
    process: the workers stop AHEAD chunks ahead of what the build has taken."""
    log = tmp_path / "built"
    real = BUILD.build_document

    def counted(data, source, *args, **kwargs):
        with log.open("a") as f:
            f.write("x")
        return real(data, source, *args, **kwargs)

    monkeypatch.setattr(BUILD, "build_document", counted)  # the forked workers inherit it
    todo = [(f"doc{i}.txt", STYLES[0].read_bytes()) for i in range(200)]
    size = 16  # the chunk size _run takes for 200 documents and two jobs
    built = list(BUILD._run(todo, "https://w3id.org/policy-kg/", False, 2, "local", None, None, False))
    assert [b.source for b in built] == [s for s, _ in todo]  # all, in input order
    log.write_text("")
    first = None
    for _ in BUILD._run(todo, "https://w3id.org/policy-kg/", False, 2, "local", None, None, False):
        if first is None:
            time.sleep(1.5)  # the store busy with the first document: long enough to build all
            first = len(log.read_text())
    # one chunk taken, one more sent, and what was sent before: AHEAD a worker
    assert first is not None and first <= (2 * BUILD.AHEAD + 1) * size


def test_parallel_and_dask_builds_give_the_same_store(corpus, tmp_path):
    kg.build([corpus], store=tmp_path / "one", jobs=1)
    kg.build([corpus], store=tmp_path / "two", jobs=2)
    kg.build([corpus], store=tmp_path / "dask", jobs=2, engine="dask")  # a LocalCluster
    assert _quads(tmp_path / "one") == _quads(tmp_path / "two") == _quads(tmp_path / "dask")


def test_build_document_is_a_pure_function_of_the_bytes(tmp_path):
    data = STYLES[0].read_bytes()
    a, b = kg.build_document(data, "a/x.txt"), kg.build_document(data, "b/x.txt")
    assert a.nquads == b.nquads and a.graph == b.graph and a.error is None
    assert kg.build_document(b"", "empty.txt").error == "empty.txt: the file is empty"


def test_kg_remove_takes_a_document_out_by_wenhao_or_path(corpus, tmp_path):
    store = tmp_path / "s"
    kg.build([corpus], store=store, jobs=1)
    doc = kg.parse(corpus / STYLES[1].name)
    assert doc.identifier
    result = CliRunner().invoke(
        cli, ["remove", doc.identifier, str(corpus / STYLES[2].name), "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"store {store}: {len(STYLES) - 2} documents"
    left = {Path(e.source).name for e in kg.Store.open(store).entries().values()}
    assert left == {p.name for p in STYLES} - {STYLES[1].name, STYLES[2].name}
    unknown = CliRunner().invoke(cli, ["remove", "no such document", "--store", str(store)])
    assert unknown.exit_code == 1 and unknown.output.startswith("Error: ")


def test_inputs_are_files_folders_patterns_and_lists(corpus, tmp_path):
    nested = corpus / "sub"
    nested.mkdir()
    (nested / "more.txt").write_bytes(STYLES[0].read_bytes())
    (corpus / ".hidden.txt").write_text("x")
    listed = tmp_path / "list.txt"
    listed.write_text(f"# two documents\ndocs/{STYLES[0].name}\n{corpus / STYLES[1].name}\n", "utf-8")
    assert kg.expand_inputs([corpus]) == sorted([*(corpus / p.name for p in STYLES), nested / "more.txt"])
    assert kg.expand_inputs([str(corpus / "*.txt")]) == sorted(corpus / p.name for p in STYLES)
    assert kg.expand_inputs([f"@{listed}"]) == [tmp_path / "docs" / STYLES[0].name, corpus / STYLES[1].name]
    with pytest.raises(kg.InputError, match="no file matches this pattern"):
        kg.expand_inputs([str(tmp_path / "*.docx")])


def test_the_store_answers_as_the_rdflib_graph_of_the_same_documents(corpus, tmp_path):
    kg.build([corpus], store=tmp_path / "s", jobs=1)
    st = kg.Store.open(tmp_path / "s")
    g = kg.to_graph([kg.parse(corpus / p.name) for p in STYLES])
    assert kg.agencies(st).to_json() == kg.agencies(g).to_json()
    for name in ("tasks-without-lead", "workload", "places", "tasks"):
        assert kg.query(st, name).rows == kg.query(g, name).rows, name
    for row in kg.agencies(g).to_json()["agencies"][:8]:
        assert kg.leads(st, f"<{row['iri']}>").to_json() == kg.leads(g, f"<{row['iri']}>").to_json()


def test_each_command_names_the_store_it_answers_from(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(cli, ["build", str(corpus), "--jobs", "1"])
    assert built.exit_code == 0, built.output
    assert f"store kg-store: {len(STYLES)} documents" in built.output.splitlines()
    for args in (
        ["agencies"],
        ["query", "workload"],
        ["ask", "list all agencies"],
        ["export", "--format", "nt"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stderr.splitlines()[0] == f"# store kg-store: {len(STYLES)} documents", args


# A build that writes each document in its own step (a batch of one), so that a kill lands
# between documents or inside one's writing, not only before or after the whole build; each
# step one transaction, or (BULK_BYTES 0) a bulk load and then the records.
BUILDER = """
import importlib, sys
build = importlib.import_module("kg.build")
build.BATCH_BYTES = 0
if sys.argv[1] == "bulk":
    build.BULK_BYTES = 0
import kg
kg.build(sys.argv[3:], store=sys.argv[2], jobs=1)
"""


@pytest.mark.parametrize("way", ["transaction", "bulk"])
@pytest.mark.parametrize("after", [0.0, 0.05, 0.3])
def test_a_killed_build_leaves_whole_documents_only(corpus, tmp_path, after, way):
    """A build killed (SIGKILL) once it has begun writing the store: every document the store
    then holds is whole, and the next build completes it."""
    whole = tmp_path / "whole"
    kg.build([corpus], store=whole, jobs=1)
    expected: dict[str, list[str]] = {}
    for line in _quads(whole):
        expected.setdefault(line.rsplit(" ", 1)[-1], []).append(line)
    store = tmp_path / "killed"
    docs = [str(p) for p in sorted(corpus.glob("*.txt"))]
    proc = subprocess.Popen([sys.executable, "-c", BUILDER, way, str(store), *docs])
    deadline = time.monotonic() + 120
    while not kg.Store.exists(store) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert kg.Store.exists(store)  # the store was begun before the kill
    found: dict[str, list[str]] = {}
    for line in _quads(store):
        found.setdefault(line.rsplit(" ", 1)[-1], []).append(line)
    for graph, lines in found.items():
        if not graph.endswith("/citations>"):
            assert lines == expected[graph], f"{graph}: {len(lines)} of {len(expected[graph])} quads"
    kg.build([corpus], store=store, jobs=1)  # the next build adds what the kill left out
    assert _quads(store) == _quads(whole)


# What a kill inside a bulk load leaves, made in another process (a store is locked by the
# process that writes it): one document whole, and half of another's quads with no build record,
# its graph named in the pending file.
HALF_LOADED = """
import os, sys
import pyoxigraph as ox
import kg
kg.build([sys.argv[2]], store=sys.argv[1], jobs=1)
built = kg.build_document(open(sys.argv[3], "rb").read(), sys.argv[3])
inner = kg.Store.open(sys.argv[1], create=True).inner
open(os.path.join(sys.argv[1], "kg-pending"), "w").write(built.graph + "\\n")
inner.bulk_load(b"".join(built.nquads.splitlines(keepends=True)[::2]), format=ox.RdfFormat.N_QUADS)
inner.flush()
os._exit(0)
"""


def test_a_bulk_load_stopped_midway_is_taken_out_when_the_store_is_next_opened(corpus, tmp_path):
    one, two, store = corpus / STYLES[0].name, corpus / STYLES[1].name, tmp_path / "s"
    subprocess.run([sys.executable, "-c", HALF_LOADED, str(store), str(one), str(two)], check=True)
    assert (store / "kg-pending").exists()
    kg.build([one], store=tmp_path / "whole", jobs=1)
    assert _quads(store) == _quads(tmp_path / "whole")  # a reader sees whole documents only
    assert not (store / "kg-pending").exists()
    assert len(kg.Store.open(store).entries()) == 1


def test_a_bulk_loaded_build_is_the_transactional_one(corpus, tmp_path, monkeypatch):
    kg.build([corpus], store=tmp_path / "one", jobs=1)
    monkeypatch.setattr(BUILD, "BULK_BYTES", 0)
    kg.build([corpus], store=tmp_path / "bulk", jobs=1)
    assert _quads(tmp_path / "one") == _quads(tmp_path / "bulk")
    one, bulk = (kg.Store.open(tmp_path / n).entries() for n in ("one", "bulk"))
    assert {g: e.summary for g, e in one.items()} == {g: e.summary for g, e in bulk.items()}
    assert not (tmp_path / "bulk" / "kg-pending").exists()


def test_a_store_reads_as_a_graph_source_with_no_copy(corpus, tmp_path):
    kg.build([corpus], store=tmp_path / "s", jobs=1)
    source = kg.open_source(store=tmp_path / "s")
    assert isinstance(source.graph, kg.Store) and source.header.endswith(f"{len(STYLES)} documents")
    assert isinstance(source.graph.inner, ox.Store)


def test_the_fast_n_quads_export_of_a_store_is_the_rdflib_one(corpus, tmp_path):
    kg.build([corpus], store=tmp_path / "s", jobs=1)
    st = kg.Store.open(tmp_path / "s")
    g = kg.to_graph([kg.parse(corpus / p.name) for p in STYLES])
    for fmt, rdf in (("nt", ox.RdfFormat.N_TRIPLES), ("nquads", ox.RdfFormat.N_QUADS)):
        fast, slow = kg.export(st, format=fmt), kg.export(g, format=fmt)
        assert fast == kg.export(st, format=fmt) and fast.splitlines() == sorted(fast.splitlines())
        quads = set(ox.parse(fast.encode(), format=rdf))
        # a store's N-Quads carry its description too, in a graph of its own
        own = {q for q in quads if isinstance(q, ox.Quad) and q.graph_name == ox.NamedNode(DATASET)}
        assert bool(own) == (fmt == "nquads")
        assert quads - own == set(ox.parse(slow.encode(), format=rdf)), fmt


def test_the_same_document_twice_stops_the_build_or_with_keep_going_is_skipped(corpus, tmp_path):
    twin = tmp_path / "twin.txt"
    twin.write_bytes((corpus / STYLES[0].name).read_bytes())
    with pytest.raises(kg.InputError, match="are the same document"):
        kg.build([corpus, twin], store=tmp_path / "s", jobs=1)
    assert not kg.Store.exists(tmp_path / "s")  # a small build writes all its documents or none
    result = kg.build([corpus, twin], store=tmp_path / "s", jobs=1, keep_going=True)
    assert len(result.summaries) == len(STYLES)
    assert len(result.skipped) == 1 and "twin.txt and" in result.skipped[0]


def test_the_default_graph_adapter_reads_the_triples_rdflib_reads(seed_doc):
    from kg.graph.store import default_graph

    expected = kg.to_graph([seed_doc])
    memory = kg.graph.store.ox.Store()
    memory.load(expected.serialize(format="nt").encode("utf-8"), format=kg.graph.store.ox.RdfFormat.N_TRIPLES)
    adapted = default_graph(memory)
    assert len(adapted) == len(expected) > 0
    assert {tuple(map(str, t)) for t in adapted} == {tuple(map(str, t)) for t in expected}
    task = next(iter(expected.subjects(kg.ns.KG.ledBy, None)))
    assert set(adapted.objects(task, kg.ns.KG.ledBy)) == set(expected.objects(task, kg.ns.KG.ledBy))


def test_the_files_are_the_same_from_kept_terms_from_n_quads_read_back_and_from_the_store(corpus, tmp_path):
    """A build in one process writes its files from the terms it kept; with workers, from
    the N-Quads they sent back (terms are not pickled); with every document unchanged,
    from the store. The three must be the same bytes."""
    kept = kg.build([corpus], out=tmp_path / "kept", store=tmp_path / "s1", jobs=1)
    assert kept.documents and len(_files(tmp_path / "kept")) == 4
    kg.build([corpus], out=tmp_path / "sent", store=tmp_path / "s2", jobs=2)
    stored = kg.build([corpus], out=tmp_path / "stored", store=tmp_path / "s1", jobs=1)
    assert len(stored.unchanged) == len(STYLES)
    assert _files(tmp_path / "kept") == _files(tmp_path / "sent") == _files(tmp_path / "stored")


def test_workers_send_their_n_quads_back_without_the_terms(tmp_path):
    built = BUILD._build_chunk([("a.txt", STYLES[0].read_bytes())], kg.DEFAULT_BASE, False, True)
    assert built[0].model is not None and built[0].nquads and built[0].terms is None
    here = BUILD.build_document(STYLES[0].read_bytes(), "a.txt", keep_model=True)
    assert here.terms is not None and len(here.terms) == here.triples


def test_the_default_graph_adapter_answers_every_pattern_as_rdflib_does_and_sees_what_is_added(seed_doc):
    """The adapter keeps each subject's triples once read (the views ask one node for one
    predicate after another): every shape of question must still get rdflib's answer, in
    the store's own order, and a triple added or removed afterwards is seen (compared as
    text: the adapter's plain strings are xsd:string, as oxrdflib's are)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.graph.store import _to_ox, default_graph

    ox = kg.graph.store.ox
    expected = kg.to_graph([seed_doc])
    memory = ox.Store()
    memory.load(expected.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    adapted = default_graph(memory)

    def scanned(s, p):  # the store's order, asked without the adapter
        return [
            str(q.object.value)
            for q in memory.quads_for_pattern(_to_ox(s), _to_ox(p), None, ox.DefaultGraph())
        ]

    subjects = sorted(set(expected.subjects()))[::7]
    assert len(subjects) > 50
    for s in subjects:
        assert _text(adapted.predicate_objects(s)) == _text(expected.predicate_objects(s))
        for p in set(expected.predicates(s)):
            objects = list(adapted.objects(s, p))
            assert _text(objects) == _text(expected.objects(s, p))
            assert [str(o) for o in objects] == scanned(s, p)
            for o in objects:
                assert (s, p, o) in adapted
                assert p in set(adapted.predicates(s, o))
        assert (s, kg.ns.KG.ledBy, Literal("no such agency")) not in adapted
    assert _text(adapted.subjects(kg.ns.KG.ledBy, None)) == _text(expected.subjects(kg.ns.KG.ledBy, None))
    task = next(iter(expected.subjects(kg.ns.KG.ledBy, None)))
    assert len(list(adapted.objects(task, kg.ns.KG.ledBy))) >= 1  # read, and kept
    other = URIRef("https://example.org/other-agency")
    adapted.add((task, kg.ns.KG.ledBy, other))
    assert other in set(adapted.objects(task, kg.ns.KG.ledBy))
    adapted.remove((task, kg.ns.KG.ledBy, other))
    assert other not in set(adapted.objects(task, kg.ns.KG.ledBy))
    adapted.add((task, kg.ns.KG.position, Literal("1", datatype=XSD.integer)))
    assert list(adapted.triples((task, kg.ns.KG.position, None)))  # read, and kept
    unnormalised = Literal("01", datatype=XSD.integer, normalize=False)
    assert (task, kg.ns.KG.position, unnormalised) in adapted  # by value, as the store matches it


def _text(items) -> set:
    return {tuple(map(str, x)) if isinstance(x, tuple) else str(x) for x in items}


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_the_last_load_runs_beside_the_files_which_are_written_once_the_store_has_it(
    corpus, tmp_path, monkeypatch
):
    """The earlier batches are loaded as the build goes, the last in a thread beside the
    files; a slow load must still be complete before the files are made from the store
    (the description of the documents) and written."""
    import threading

    in_main: list[bool] = []
    real_put = kg.Store.put
    kg.build([corpus], out=tmp_path / "quick", store=tmp_path / "s1", jobs=1)

    def slow(self, *args, **kwargs):
        in_main.append(threading.current_thread() is threading.main_thread())
        if not in_main[-1]:
            time.sleep(1.5)
        return real_put(self, *args, **kwargs)

    monkeypatch.setattr(kg.Store, "put", slow)
    monkeypatch.setattr(BUILD, "BATCH_BYTES", 1)  # one document a batch
    kg.build([corpus], out=tmp_path / "slow", store=tmp_path / "s2", jobs=1)
    assert in_main == [True] * (len(STYLES) - 1) + [False]
    assert _files(tmp_path / "slow") == _files(tmp_path / "quick")


def test_a_build_whose_files_fail_before_the_last_load_still_finishes_the_store(
    corpus, tmp_path, monkeypatch
):
    def no_fork(*args, **kwargs):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(BUILD, "beside", no_fork)
    with pytest.raises(OSError, match="Cannot allocate memory"):
        kg.build([corpus], out=tmp_path / "out", store=tmp_path / "s", jobs=1)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    fresh = tmp_path / "fresh"
    kg.build([corpus], store=fresh, jobs=1)
    assert len(kg.Store.open(tmp_path / "s").entries()) == len(STYLES)
    assert _quads(tmp_path / "s") == _quads(fresh)


def test_a_store_that_fails_to_load_leaves_the_old_files_as_they_were(corpus, tmp_path, monkeypatch):
    from kg.errors import GraphError

    out = tmp_path / "out"
    kg.build([corpus], out=out, store=tmp_path / "s1", jobs=1)
    before = _files(out)

    def put(self, *args, **kwargs):
        raise GraphError("the disk is full")

    monkeypatch.setattr(kg.Store, "put", put)
    with pytest.raises(GraphError, match="the disk is full"):
        kg.build([corpus], out=out, store=tmp_path / "s2", jobs=1)
    assert _files(out) == before
