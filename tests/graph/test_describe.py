"""The dataset description (VoID + DCAT): counts that match the graphs, every source text's
checksum, the licence, the vocabularies and the kg version; no clock unless asked."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

import kg
from kg.cli import cli
from kg.graph.describe import DEFAULT_LICENCE, describe, describe_store, description_graphs
from kg.graph.rdf import named_graphs
from kg.graph.store import named_rdflib_graphs
from kg.ns import KG
from tests.graph.conftest import STYLES

FIXTURES = Path(__file__).parent.parent / "fixtures"
DATASET = URIRef("https://w3id.org/policy-kg/id/dataset")


@pytest.fixture(scope="module")
def docs(two_docs):
    return list(two_docs)


def test_the_description_counts_what_the_named_graphs_hold(docs):
    graphs = named_graphs(docs)
    d = describe(graphs)
    assert (DATASET, RDF.type, VOID.Dataset) in d and (DATASET, RDF.type, DCAT.Dataset) in d
    assert d.value(DATASET, VOID.documents) == Literal(2)
    for iri, g in graphs:
        assert (DATASET, VOID.subset, iri) in d
        assert d.value(iri, VOID.triples) == Literal(len(g))
    # the triples of the named graphs, as graph.trig holds them (an agency in both, twice)
    assert d.value(DATASET, VOID.triples) == Literal(sum(len(g) for _, g in graphs))
    # each graph is named by its document's label and rooted at it; none of the documents'
    # own triples is repeated (a union default graph is a bag: they would be joined twice)
    for iri, g in graphs:
        (doc,) = g.subjects(RDF.type, KG.PolicyDocument)
        assert d.value(iri, VOID.rootResource) == doc and d.value(iri, RDFS.label) == g.value(doc, RDFS.label)
        assert not set(d) & set(g)


def test_the_description_names_licence_vocabulary_version_and_the_newest_document_date(docs):
    d = describe(named_graphs(docs))
    assert d.value(DATASET, DCTERMS.license) == DEFAULT_LICENCE
    assert (DATASET, VOID.vocabulary, URIRef("https://w3id.org/policy-kg/def#")) in d
    software = d.value(DATASET, URIRef("http://www.w3.org/ns/prov#wasAttributedTo"))
    assert str(software).endswith(f"/software/kg/{kg.__version__}")
    assert d.value(DATASET, DCTERMS.modified) == Literal(max(doc.date for doc in docs), datatype=XSD.date)
    assert d.value(DATASET, DCTERMS.created) is None
    stamped = describe(named_graphs(docs), created="2026-12-01T20:00:00Z")
    assert stamped.value(DATASET, DCTERMS.created) == Literal("2026-12-01T20:00:00Z", datatype=XSD.dateTime)


def test_kg_export_void_describes_the_graph_and_loads_in_pyoxigraph(tmp_path, docs):
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(kg.export(kg.to_graph(docs), format="turtle"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--graph", str(ttl), "--format", "void"])
    assert result.exit_code == 0, result.output
    d = Graph().parse(data=result.output, format="turtle")
    assert d.value(DATASET, VOID.documents) == Literal(2)
    assert len(d) == len(describe(named_graphs(docs)))
    store = pyoxigraph.Store()
    store.load(result.output.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(d)


# -- the store's description ---------------------------------------------------------------


def _stored(store: kg.Store) -> Graph:
    d = Graph()
    for q in store.inner.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(str(DATASET))):
        d.parse(data=f"{q.subject} {q.predicate} {q.object} .", format="nt")
    return d


def test_a_build_writes_the_description_into_the_store_with_every_files_checksum(corpus, tmp_path):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    d = _stored(result.store)
    assert d.value(DATASET, VOID.documents) == Literal(len(STYLES))
    checksums = {str(o) for o in d.objects(None, KG.fileChecksum)}
    assert checksums == {hashlib.sha256(p.read_bytes()).hexdigest() for p in STYLES}
    entries = result.store.entries()
    assert set(d.objects(DATASET, VOID.subset)) == {URIRef(g) for g in entries}
    for g in entries:  # each named graph's count is what the store holds in it, less the record
        held = sum(1 for _ in result.store.inner.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(g)))
        assert d.value(URIRef(g), VOID.triples) == Literal(held - 4)
    stamp = d.value(DATASET, DCTERMS.created)
    assert stamp is not None and stamp.datatype == XSD.dateTime
    assert str(d.value(DATASET, DCTERMS.modified)) == max(
        doc.date for doc in map(kg.parse, STYLES) if doc.date
    )


def test_the_stores_description_is_the_one_of_its_graphs_with_the_build_time_and_file_checksums(
    corpus, tmp_path
):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    stored = _stored(result.store)
    computed = describe(named_rdflib_graphs(result.store, result.store.entries()))
    extra = {(s, p, o) for s, p, o in stored if p in (DCTERMS.created, KG.fileChecksum, KG.builtWith)}
    assert len(extra) == 2 * len(STYLES) + 1
    assert set(stored) - extra == set(computed)  # the same counts as a walk over every triple


def test_a_rebuild_replaces_the_description(corpus, tmp_path):
    store = tmp_path / "s"
    first = kg.build(sorted(corpus.glob("*.txt"))[:-1], store=store, jobs=1)
    describe_store(first.store, created="2000-01-01T00:00:00Z")
    assert _stored(first.store).value(DATASET, VOID.documents) == Literal(len(STYLES) - 1)
    result = kg.build([corpus], store=store, jobs=1)  # one more document, the others unchanged
    d = _stored(result.store)
    assert len(result.unchanged) == len(STYLES) - 1
    assert list(d.objects(DATASET, VOID.documents)) == [Literal(len(STYLES))]
    (stamp,) = d.objects(DATASET, DCTERMS.created)
    assert str(stamp) > "2000-01-01"
    assert len(list(d.objects(None, KG.fileChecksum))) == len(STYLES)
    assert len(list(d.objects(DATASET, DCTERMS.title))) == 2  # one in Chinese, one in English
    assert description_graphs(result.store) == [str(DATASET)]
    changed = corpus / STYLES[0].name  # a changed file: its graph is rebuilt, and counted again
    changed.write_text(
        changed.read_text("utf-8") + "\n一、补充任务\n（一）加强督查。（省政府办公厅牵头）\n", "utf-8"
    )
    again = kg.build([corpus], store=store, jobs=1)
    assert len(again.unchanged) == len(STYLES) - 1
    extra = (DCTERMS.created, KG.fileChecksum, KG.builtWith)
    computed = describe(named_rdflib_graphs(again.store, again.store.entries()))
    assert {t for t in _stored(again.store) if t[1] not in extra} == set(computed)


def test_kg_remove_describes_the_store_without_the_document_it_took_out(corpus, tmp_path):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    gone = sorted(corpus.glob("*.txt"))[0]
    kg.remove([str(gone)], store=result.store)
    d = _stored(result.store)
    assert d.value(DATASET, VOID.documents) == Literal(len(STYLES) - 1)
    assert hashlib.sha256(gone.read_bytes()).hexdigest() not in {
        str(o) for o in d.objects(None, KG.fileChecksum)
    }
    assert set(d.objects(DATASET, VOID.subset)) == {URIRef(g) for g in result.store.entries()}


def test_the_graph_trig_of_kg_build_o_describes_its_documents_without_the_build_time(corpus, tmp_path):
    some = sorted(corpus.glob("*.txt"))[:2]
    kg.build([corpus], store=tmp_path / "s", jobs=1)
    kg.build(some, store=tmp_path / "s", out=tmp_path / "out", jobs=1)
    ds = _dataset((tmp_path / "out" / "graph.trig").read_text("utf-8"))
    d = ds.graph(DATASET)
    assert d.value(DATASET, VOID.documents) == Literal(2)  # the documents written, not the store's
    assert {str(o) for o in d.objects(None, KG.fileChecksum)} == {
        hashlib.sha256(p.read_bytes()).hexdigest() for p in some
    }
    assert d.value(DATASET, DCTERMS.created) is None
    first = (tmp_path / "out" / "graph.trig").read_bytes()
    kg.build(some, store=tmp_path / "s2", out=tmp_path / "out", jobs=1)
    assert (tmp_path / "out" / "graph.trig").read_bytes() == first


def test_the_exports_of_a_store_carry_its_description_without_the_build_time(corpus, tmp_path):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    stored = _stored(result.store)
    for fmt in ("nquads", "trig"):
        text = kg.export(result.store, format=fmt)
        ds = Dataset()
        ds.parse(data=text, format=fmt)
        assert set(ds.graph(DATASET)) == {t for t in stored if t[1] != DCTERMS.created}, fmt
        assert kg.export(result.store, format=fmt) == text  # no clock: the same bytes again
    assert str(DCTERMS.created) not in kg.export(result.store, format="nt")
    void = Graph().parse(data=kg.export(result.store, format="void"), format="turtle")
    assert set(void) == set(stored)  # the description file beside the data has the build time


def test_the_trig_of_documents_not_built_into_a_store_holds_only_them(docs):
    for fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=kg.export(kg.to_graph(docs), format=fmt), format=fmt)
        names = {c.identifier for c in ds.graphs() if len(c)}
        assert DATASET not in names and len(names) == len(docs)  # kg export --format void has it


def _dataset(text: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=text, format="trig")
    return ds


def test_kg_build_returns_the_store_and_a_dataset_over_it(corpus, tmp_path):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    assert isinstance(result.store, kg.Store) and result.store.path == tmp_path / "s"
    assert result.header == f"store {tmp_path / 's'}: {len(STYLES)} documents" == result.lines()[-1]
    ds = result.dataset()
    assert isinstance(ds, Dataset)
    assert len(set(ds.subjects(RDF.type, KG.PolicyDocument))) == len(STYLES)
    assert kg.agencies(result.store).to_json() == kg.agencies(ds).to_json()


def test_a_stores_trig_read_back_gives_the_same_bytes_file_checksums_and_all(corpus, tmp_path):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    path = tmp_path / "graph.trig"
    path.write_text(kg.export(result.store, format="trig"), encoding="utf-8")
    assert path.read_text("utf-8").count("kg:fileChecksum") == len(STYLES)
    assert kg.export(kg.load_graph(path), format="trig") == path.read_text("utf-8")


def _description_quads(store: kg.Store) -> set[str]:
    """The description's quads as N-Quads lines, without its build time."""
    return {
        str(q)
        for name in description_graphs(store)
        for q in store.inner.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name))
        if q.predicate.value != str(DCTERMS.created)
    }


def _anew(store: kg.Store) -> set[str]:
    """The description the store gets when it is written from scratch."""
    describe_store(store, created="2000-01-01T00:00:00Z")
    return _description_quads(store)


def test_a_rebuild_and_a_removal_describe_the_store_as_a_description_written_anew(corpus, tmp_path):
    result = kg.build([corpus], store=tmp_path / "s", jobs=1)
    store = result.store
    changed = corpus / STYLES[1].name  # a changed file: its part, the totals and the date follow
    changed.write_text(
        changed.read_text("utf-8") + "\n一、补充任务\n（一）加强督查。（省政府办公厅牵头）\n", "utf-8"
    )
    kg.build([corpus], store=store, jobs=1)
    after_rebuild = _description_quads(store)
    assert after_rebuild == _anew(store)
    newest = max((p for p in STYLES if kg.parse(p).date), key=lambda p: kg.parse(p).date)
    kg.remove([str(corpus / newest.name)], store=store)  # the newest date goes with it
    after_removal = _description_quads(store)
    assert after_removal == _anew(store)
    d = _stored(store)
    rest = [kg.parse(p).date for p in STYLES if p != newest and kg.parse(p).date]
    assert str(d.value(DATASET, DCTERMS.modified)) == max(rest)
    assert d.value(DATASET, VOID.documents) == Literal(len(STYLES) - 1)
    held = sum(int(o) for g in store.entries() for o in d.objects(URIRef(g), VOID.triples))
    assert d.value(DATASET, VOID.triples) == Literal(held)


def test_a_build_stopped_before_it_described_the_store_is_described_by_the_next(
    corpus, tmp_path, monkeypatch
):
    store = tmp_path / "s"
    kg.build([corpus], store=store, jobs=1)
    changed = corpus / STYLES[0].name
    changed.write_text(
        changed.read_text("utf-8") + "\n一、补充任务\n（一）加强督查。（省政府办公厅牵头）\n", "utf-8"
    )
    module = importlib.import_module("kg.build")
    with monkeypatch.context() as m:
        m.setattr(module, "describe_store", lambda *a, **k: 0)  # as if killed right after writing
        stopped = kg.build([corpus], store=store, jobs=1)
    stale = _description_quads(stopped.store)
    again = kg.build([corpus], store=store, jobs=1)  # nothing to build: every file is unchanged
    assert len(again.unchanged) == len(STYLES)
    described = _description_quads(again.store)
    assert described != stale and described == _anew(again.store)


def test_the_n_quads_of_a_store_rebuilt_after_a_change_are_those_of_a_fresh_build(corpus, tmp_path):
    kg.build([corpus], store=tmp_path / "s", jobs=1)
    changed = corpus / STYLES[2].name
    text = changed.read_text("utf-8")
    assert "推进" in text
    changed.write_text(text.replace("推进", "推动", 1), "utf-8")
    gone = corpus / STYLES[3].name
    gone.unlink()
    rebuilt = kg.build([corpus], store=tmp_path / "s", jobs=1).store
    kg.remove([str(gone)], store=rebuilt)
    fresh = kg.build([corpus], store=tmp_path / "fresh", jobs=1).store
    assert kg.export(rebuilt, format="nquads") == kg.export(fresh, format="nquads")


@pytest.mark.parametrize("folder", ["styles", "styles2", "styles3", "corpus", "real"])
def test_the_counts_a_build_takes_from_its_workers_are_the_stores_own(folder, tmp_path):
    """A build counts each graph by the quads its worker wrote, not by asking the store: the
    description must be the one counted on the store's index."""
    result = kg.build([FIXTURES / folder], store=tmp_path / "s", jobs=2, keep_going=True)
    built = _description_quads(result.store)
    assert any(str(VOID.triples) in q for q in built)
    assert built == _anew(result.store)
