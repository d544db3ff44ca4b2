"""Names that carry their place, and the --document / --jurisdiction / --role filters, on a
corpus of six documents from Shandong, Jiangsu and Guangdong."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.graph import facts
from kg.query.scope import within

SHANDONG = {
    "鲁政发〔2022〕6号",
    "济政发〔2022〕15号",
    "济政办字〔2024〕6号",
    "潍政办字〔2023〕21号",
    "青黄政发〔2023〕12号",
}
DRC_SD = "https://w3id.org/policy-kg/id/agency/370000/development-reform"
DRC_JS = "https://w3id.org/policy-kg/id/agency/320000/development-reform"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_an_ambiguous_short_name_lists_the_forms_that_resolve(corpus_graph):
    with pytest.raises(kg.AmbiguousAgency) as e:
        kg.resolve_agency(corpus_graph, "省发展改革委")
    assert e.value.candidates == ["山东省发展改革委", "江苏省发展改革委"]
    assert [str(kg.resolve_agency(corpus_graph, c)) for c in e.value.candidates] == [DRC_SD, DRC_JS]


def test_a_short_name_resolves_within_a_jurisdiction(corpus_file):
    result = run(
        "leads", "省发展改革委", "--jurisdiction", "江苏省", "--graph", corpus_file, "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["document"], r["path"], r["role"]) for r in rows] == [("苏政发〔2023〕18号", "2.1", "shared")]
    by_code = run(
        "leads", "省发展改革委", "--jurisdiction", "320000", "--graph", corpus_file, "--format", "csv"
    )
    assert by_code.stdout == result.stdout


def test_agencies_of_several_jurisdictions_print_with_their_jurisdiction(corpus_graph):
    table = kg.render(kg.agencies(corpus_graph))
    head = table.splitlines()[0].split()
    assert head[:3] == ["#", "agency", "jurisdiction"]
    rows = {a.label: a.jurisdiction for a in kg.agencies(corpus_graph).agencies}
    assert rows["山东省发展改革委"] == "山东省" and rows["江苏省发展改革委"] == "江苏省"
    assert "jurisdiction" not in kg.render(kg.agencies(kg.select(corpus_graph, document="鲁政发〔2022〕6号")))


def test_names_beside_a_task_carry_their_place_where_they_would_be_ambiguous(corpus_graph):
    rows = kg.leads(corpus_graph, "江苏省科技厅").tasks
    assert [(r.path, r.role, r.others) for r in rows] == [
        ("2.2.1", "lead", []),
        ("3.1", "lead", []),
        ("2.1", "shared", ["江苏省发展改革委", "南京市政府", "苏州市政府", "无锡市政府"]),
        ("3.3.1", "shared", ["江苏省教育厅"]),
        ("2.2.2", "support", ["江苏省人力资源社会保障厅"]),
    ]


@pytest.mark.parametrize("name", ["鲁政发〔2022〕6号", "鲁政发", "000_f665156fb817bb2f.txt"])
def test_document_is_named_by_wenhao_part_of_it_or_file_name(corpus_graph, name):
    part = kg.select(corpus_graph, document=name)
    assert {t.document for t in facts.tasks(part)} == {"鲁政发〔2022〕6号"}
    assert len(facts.tasks(part)) == 24


def test_a_document_name_that_matches_several_lists_them(corpus_graph):
    with pytest.raises(kg.AmbiguousDocument) as e:
        kg.select(corpus_graph, document="政发")
    assert e.value.candidates == [
        "济政发〔2022〕15号",
        "苏政发〔2023〕18号",
        "青黄政发〔2023〕12号",
        "鲁政发〔2022〕6号",
    ]


@pytest.mark.parametrize(
    "place, documents",
    [
        (
            "山东省",
            SHANDONG,
        ),
        (
            "山东",
            SHANDONG,
        ),
        ("青岛市", {"青黄政发〔2023〕12号"}),
        ("370100", {"济政办字〔2024〕6号", "济政发〔2022〕15号"}),
        ("Guangdong", {"粤府办〔2023〕9号"}),
    ],
)
def test_jurisdiction_keeps_the_documents_of_that_place_and_the_places_within_it(
    corpus_graph, place, documents
):
    assert {t.document for t in facts.tasks(kg.select(corpus_graph, jurisdiction=place))} == documents


def test_a_role_filter_keeps_only_that_roles_responsibilities(corpus_graph):
    leads = kg.select(corpus_graph, role="牵头")
    assert all(not t.support and not t.shared for t in facts.tasks(leads))
    assert {t.path: t.lead for t in facts.tasks(leads)} == {t.path: t.lead for t in facts.tasks(corpus_graph)}
    assert all(a.support == a.shared == 0 and a.lead for a in kg.agencies(leads).agencies)


def test_bad_filters_are_one_error_line(corpus_file):
    for args in (["--jurisdiction", "火星"], ["--document", "xyz"], ["--role", "boss"]):
        result = run("agencies", "--graph", corpus_file, *args)
        assert (
            result.exit_code == 1 and result.stderr.startswith("Error: ") and "Traceback" not in result.output
        )
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "command", ["leads", "agency", "task", "agencies", "query", "ask", "matrix", "report", "viz"]
)
def test_every_listing_command_and_view_takes_the_three_filters(command):
    out = run(command, "--help").output
    assert "--document" in out and "--jurisdiction" in out and "--role" in out


def test_views_draw_only_the_selected_part(corpus_file):
    result = run(
        "matrix",
        "--graph",
        corpus_file,
        "--jurisdiction",
        "江苏省",
        "--role",
        "lead",
        "--format",
        "csv",
        "-o",
        "-",
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[0] for r in rows[1:]] == ["省科技厅", "省人力资源社会保障厅", "省教育厅", "合计 total"]
    assert {cell for r in rows[1:-1] for cell in r[1:-4]} == {"", "牵头"}
    page = run("report", "--graph", corpus_file, "--document", "苏政发〔2023〕18号", "-o", "-").stdout
    assert "苏政发〔2023〕18号" in page and "鲁政发〔2022〕6号" not in page


def test_within_reads_the_gb_codes():
    assert within("370102", "370100") and within("370102", "370000") and within("370000", "370000")
    assert not within("320100", "370000") and not within("", "370000") and not within("370100", "370102")


def test_a_path_of_several_documents_is_picked_by_document(corpus_file):
    ambiguous = run("task", "2.1", "--graph", corpus_file)
    assert ambiguous.exit_code == 1 and "ambiguous" in ambiguous.stderr
    picked = run("task", "2.1", "--document", "苏政发", "--graph", corpus_file)
    assert picked.exit_code == 0 and picked.stdout.startswith("2.1 建设概念验证中心\n")


def test_a_jurisdiction_with_no_document_says_where_the_documents_are(corpus_graph):
    with pytest.raises(kg.UnknownDocument) as e:
        kg.select(corpus_graph, jurisdiction="浙江省")
    assert str(e.value) == (
        "no document of the graph is in 浙江省 (330000); its documents are in: "
        "山东省, 广东省, 江苏省, 济南市, 潍坊市, 黄岛区"
    )
