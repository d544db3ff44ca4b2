"""The build summary and the store's citations graph, computed without a graph of their own,
say what the named queries and :func:`kg.graph.rdf.link_citations` say."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from rdflib import Graph

import kg
from kg.graph.load import bundled_document
from kg.graph.store import CITATIONS
from kg.ns import KG
from kg.query.library import tasks_without_lead

BUILD = importlib.import_module("kg.build")  # the module; ``kg.build`` is the function
FIXTURES = Path(__file__).parent.parent / "fixtures"
DOCUMENTS = [bundled_document(), *sorted(FIXTURES.glob("*/*.txt"))]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_tasks_without_lead_of_the_summary_are_the_named_query_on_the_document(path):
    doc = kg.parse(path)
    assert BUILD._without_lead(doc) == tasks_without_lead(kg.to_graph([doc]))


def test_some_fixture_has_tasks_without_a_lead():  # so that the test above can fail
    assert any(BUILD._without_lead(kg.parse(p)) for p in DOCUMENTS)


def _cites(store: kg.Store) -> set[tuple[str, str]]:
    return {
        (q.subject.value, q.object.value)
        for q in store.inner.quads_for_pattern(None, kg.graph.store.ox.NamedNode(str(KG.cites)), None, None)
        if q.graph_name.value.endswith(CITATIONS)
    }


def test_the_citations_graph_is_link_citations_and_follows_removals(corpus_docs, corpus_graph, tmp_path):
    paths = [bundled_document(), FIXTURES / "corpus" / "jinan_biaozhunhua_shishi.txt"]
    paths += [FIXTURES / "styles" / n for n in ("jiangsu_shishi_fangan.txt", "guangdong_fuze.txt")]
    store = tmp_path / "s"
    kg.build(paths, store=store, jobs=1)
    expected = {(str(a), str(b)) for a, b in corpus_graph.subject_objects(KG.cites)}
    assert expected and _cites(kg.Store.open(store)) == expected
    kg.remove([str(paths[0])], store=store)
    assert _cites(kg.Store.open(store)) == set()
    kg.build(paths, store=store, jobs=1)
    assert _cites(kg.Store.open(store)) == expected


def test_the_graph_file_of_some_documents_holds_the_citations_among_those_only(tmp_path):
    paths = [bundled_document(), FIXTURES / "corpus" / "jinan_biaozhunhua_shishi.txt"]
    paths += [FIXTURES / "styles" / n for n in ("jiangsu_shishi_fangan.txt", "guangdong_fuze.txt")]
    store = tmp_path / "s"
    kg.build(paths, store=store, jobs=1)
    everything = _cites(kg.Store.open(store))
    seen = []
    for n, chosen in enumerate([paths, paths[:2], paths[1:], paths[:1]]):
        out = tmp_path / f"out{n}"
        kg.build(chosen, out=out, store=store, jobs=1)
        written = Graph().parse(out / "graph.ttl")
        got = {(str(a), str(b)) for a, b in written.subject_objects(KG.cites)}
        union = kg.to_graph([kg.parse(p) for p in chosen])
        assert got == {(str(a), str(b)) for a, b in union.subject_objects(KG.cites)}
        seen.append(got)
    assert seen[0] == everything and everything  # all of the store's links, and there are some
    assert seen[1] == everything  # the documents at both ends of each link
    assert seen[2] == seen[3] == set()  # a link to a document not written is left out


def test_citations_within_some_documents_are_the_store_s_links_between_those(tmp_path):
    """kg build -o finds the links between the documents it writes before the store holds
    them (the load runs beside the files): they must be the store's links between them."""
    from kg.graph.store import citations_within

    paths = [bundled_document(), FIXTURES / "corpus" / "jinan_biaozhunhua_shishi.txt"]
    paths += [FIXTURES / "styles" / n for n in ("jiangsu_shishi_fangan.txt", "guangdong_fuze.txt")]
    kg.build(paths, store=tmp_path / "s", jobs=1)
    st = kg.Store.open(tmp_path / "s")
    everything = _cites(st)
    graphs = {
        g: [(q.subject, q.predicate, q.object) for q in quads]
        for g, quads in st.named_graphs(sorted(st.entries()))
    }
    typed = str(KG.PolicyDocument)
    docs = {g: {s.value for s, p, o in triples if o.value == typed} for g, triples in graphs.items()}
    names = sorted(graphs)
    for chosen in [names, names[:2], names[1:], names[:1], names[::2]]:
        got = {(t.subject.value, t.object.value) for t in citations_within([(g, graphs[g]) for g in chosen])}
        among = set().union(*(docs[g] for g in chosen))
        assert got == {(a, b) for a, b in everything if a in among and b in among}
    assert everything and citations_within([(g, graphs[g]) for g in names])


def test_citations_within_link_by_title_as_the_store_does(tmp_path):
    """A citation in 《》 names a document by its title alone (no 文号 in it)."""
    from kg.graph.rdf import document_triples
    from kg.graph.store import citations_within

    cited = (
        "鲁政发〔2023〕2号\n山东省人民政府关于推进标准化工作的意见\n一、任务\n"
        "（一）做好标准化工作。（省市场监管局牵头）\n"
    )
    citing = (
        "鲁政办字〔2023〕5号\n山东省人民政府办公厅关于做好有关工作的通知\n一、任务\n"
        "（一）落实《山东省人民政府关于推进标准化工作的意见》要求。（省商务厅牵头）\n"
    )
    paths = []
    for name, text in (("cited.txt", cited), ("citing.txt", citing)):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, "utf-8")
    kg.build(paths, store=tmp_path / "s", jobs=1)
    stored = _cites(kg.Store.open(tmp_path / "s"))
    docs = [kg.parse(p) for p in paths]
    got = {(t.subject.value, t.object.value) for t in citations_within([document_triples(d) for d in docs])}
    assert got == stored == {(f"{kg.DEFAULT_BASE}doc/{docs[1].id}", f"{kg.DEFAULT_BASE}doc/{docs[0].id}")}
