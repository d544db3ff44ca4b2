"""Cross-document questions on a corpus of seven documents from Shandong, Jiangsu and
Guangdong: agencies in several documents, one function across jurisdictions, documents that
cite documents, and `kg compare`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.ns import KG
from kg.parse.citations import citations, normalise_wenhao
from kg.query.ask import understand

FIXTURES = Path(__file__).parents[1] / "fixtures" / "corpus"
PLAN, JINAN = "鲁政发〔2022〕6号", "济政发〔2022〕15号"


def _rows(graph, name, **params):
    return [tuple(r.values()) for r in kg.query(graph, name, params).rows]


def test_agencies_in_two_or_more_documents_with_their_roles_in_each(corpus_graph):
    assert _rows(corpus_graph, "agencies-across-documents") == [
        ("各区县政府", "济南市", 2, "济政办字〔2024〕6号", 0, 0, 2),
        ("各区县政府", "济南市", 2, JINAN, 0, 1, 0),
        ("市发展改革委", "济南市", 2, "济政办字〔2024〕6号", 1, 0, 0),
        ("市发展改革委", "济南市", 2, JINAN, 0, 1, 0),
        ("市工业和信息化局", "济南市", 2, "济政办字〔2024〕6号", 0, 1, 0),
        ("市工业和信息化局", "济南市", 2, JINAN, 0, 1, 0),
        ("市市场监管局", "济南市", 2, "济政办字〔2024〕6号", 0, 0, 2),
        ("市市场监管局", "济南市", 2, JINAN, 5, 1, 1),
    ]


def test_agencies_across_documents_takes_the_fewest_documents(corpus_graph):
    rows = _rows(corpus_graph, "agencies-across-documents", min="1")
    assert len({r[0:2] for r in rows}) > 8 and {r[2] for r in rows} == {1, 2}
    assert _rows(corpus_graph, "agencies-across-documents", min="3") == []


def test_what_one_function_leads_in_each_jurisdiction(corpus_graph):
    rows = _rows(corpus_graph, "function-across-jurisdictions", function="发展改革委", role="lead")
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("山东省", "省发展改革委", PLAN, "3.1"),
        ("山东省", "省发展改革委", PLAN, "4.1"),
        ("山东省", "省发展改革委", PLAN, "5.2"),
        ("山东省", "省发展改革委", PLAN, "5.3"),
        ("山东省", "省发展改革委", PLAN, "6.3"),
        ("济南市", "市发展改革委", "济政办字〔2024〕6号", "4.1"),
        ("潍坊市", "市发展改革委", "潍政办字〔2023〕21号", "2.10"),
    ]


def test_the_template_key_finds_a_function_whatever_each_government_calls_it(corpus_graph):
    rows = _rows(corpus_graph, "function-across-jurisdictions", function="development-reform")
    assert sorted({(r[0], r[1]) for r in rows}) == [
        ("山东省", "省发展改革委"),
        ("江苏省", "省发展改革委"),
        ("济南市", "市发展改革委"),
        ("潍坊市", "市发展改革委"),
        ("黄岛区", "区发展改革局"),
    ]
    assert rows[0][:5] == ("江苏省", "省发展改革委", "shared", "苏政发〔2023〕18号", "2.1")


def test_references_by_wenhao_and_title_are_kept_and_resolved_when_the_document_is_there(corpus_graph):
    assert _rows(corpus_graph, "cites") == [
        (JINAN, "《国家标准化发展纲要》", None),
        (JINAN, "《山东省人民政府关于推动标准化创新发展的实施意见》", None),
        (JINAN, PLAN, PLAN),
        (PLAN, "《国家标准化发展纲要》", None),
    ]
    cited = {
        (str(a).rsplit("/", 1)[-1], str(b).rsplit("/", 1)[-1])
        for a, b in corpus_graph.subject_objects(KG.cites)
    }
    assert cited == {("370100-2022-15-995e9d", "370000-2022-6-563b29")}


def test_a_citation_is_read_without_the_words_that_lead_into_it():
    doc = kg.parse_text(
        "苏政发〔2024〕3号\n\n一、总体要求\n（一）推进工作。根据苏政发[2023]第18号和《江苏省标准化条例》，推进工作。（省科技厅牵头）\n"
    )
    assert citations(doc) == ["苏政发〔2023〕18号", "《江苏省标准化条例》"]
    assert normalise_wenhao("苏政发[2023]第18号") == "苏政发〔2023〕18号"


def test_the_corpus_graph_with_citations_conforms(corpus_graph):
    assert kg.validate(corpus_graph).conforms


def test_compare_ranks_the_true_pairs_first_and_leaves_the_new_task_alone(corpus_graph):
    c = kg.compare(corpus_graph, PLAN, JINAN)
    assert [(p.a.split()[0], p.b.split()[0]) for p in c.pairs] == [
        ("5.1", "2.1"),
        ("5.3", "2.2"),
        ("2.2", "1.2"),
        ("2.3", "1.3"),
        ("7.1", "3.1"),
        ("2.1", "1.1"),
    ]
    assert all(p.similarity >= 0.8 for p in c.pairs)
    assert c.only_b == ["2.3 建设泉城标准化服务平台"] and len(c.only_a) == 24 - 6


def test_compare_shows_where_lead_support_and_shared_differ_by_function(corpus_graph):
    pairs = {p.a.split()[0]: p for p in kg.compare(corpus_graph, PLAN, JINAN).pairs}
    assert (
        pairs["2.2"].lead == "科技厅 → —"
    )  # the province's 科技厅 co-leads; the city's 科技局 only supports
    assert pairs["2.2"].support == "工业和信息化厅、人力资源社会保障厅 → 科技局"
    assert pairs["2.3"].shared == "— → 市场监管局、科技局"
    assert pairs["7.1"].lead == ""  # 市场监管局 leads in both: one function, two governments


def test_two_documents_that_share_no_task_have_no_pairs(corpus_graph):
    assert kg.compare(corpus_graph, "苏政发〔2023〕18号", "粤府办〔2023〕9号").pairs == []


def test_kg_compare_prints_the_pairs_and_names_documents_by_file_name(corpus_file):
    result = CliRunner().invoke(
        cli, ["compare", "鲁政发", "jinan_biaozhunhua_shishi.txt", "--graph", corpus_file, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["document_a"], data["document_b"], len(data["pairs"])) == (PLAN, JINAN, 6)
    table = CliRunner().invoke(cli, ["compare", PLAN, JINAN, "--graph", corpus_file]).stdout
    assert "similarity" in table and "牵头" in table and "Only in B (1)" in table


def test_kg_compare_of_an_unknown_document_is_one_error_line(corpus_file):
    result = CliRunner().invoke(cli, ["compare", PLAN, "xyz", "--graph", corpus_file])
    assert result.exit_code == 1 and result.stderr.startswith("Error: no document called 'xyz'")


@pytest.mark.parametrize(
    "question, query, params",
    [
        ("哪些部门出现在两个以上文件中？", "agencies-across-documents", {}),
        ("which agencies appear in two or more documents?", "agencies-across-documents", {}),
        (
            "发展改革委在各省牵头哪些任务？",
            "function-across-jurisdictions",
            {"function": "发展改革委", "role": "lead"},
        ),
        (
            "what does 发展改革委 lead in each province?",
            "function-across-jurisdictions",
            {"function": "发展改革委", "role": "lead"},
        ),
        ("商务厅在各地负责哪些工作", "function-across-jurisdictions", {"function": "商务厅"}),
        ("哪些文件引用了其他文件？", "cites", {}),
        ("which documents cite other documents?", "cites", {}),
    ],
)
def test_cross_document_questions_map_to_their_queries(question, query, params):
    assert understand(question) == (query, params)


def test_kg_build_of_several_documents_links_the_documents_they_cite(tmp_path, seed_path):
    result = CliRunner().invoke(
        cli, ["build", str(seed_path), str(FIXTURES / "jinan_biaozhunhua_shishi.txt"), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    rows = kg.query(kg.load_graph(tmp_path / "graph.ttl"), "cites").rows
    assert [(r["document"], r["cited"]) for r in rows if r["cited"]] == [(JINAN, PLAN)]
