"""What a reader meets first: a document named by a short label when it has no 文号, and tasks
typed as the document numbers them (任务3, 第三项) as well as by kg's paths."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.graph import facts

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def table_graph():
    """A 分工方案 whose first section numbers its tasks 1, 2, 3 … and the second （一）（二）."""
    return kg.to_graph([kg.parse(FIXTURES / "styles" / "fenggong_table.txt")])


def test_a_document_without_a_wenhao_is_labelled_by_issuer_year_and_first_words():
    doc = kg.parse(FIXTURES / "real" / "anhui_luan_wanchengshixian.txt")
    assert doc.identifier is None
    assert doc.label() == "六安市政府 2021 重点工作及责任分解"
    g = kg.to_graph([doc])
    (d,) = facts.documents(g)
    assert facts.document_label(g, d) == "六安市政府 2021 重点工作及责任分解"
    assert {t.document for t in facts.tasks(g)} == {"六安市政府 2021 重点工作及责任分解"}


def test_a_long_title_is_cut_to_its_first_words():
    doc = kg.parse(FIXTURES / "real" / "henan_sanmenxia_luokuo.txt")
    assert doc.label() == "三门峡市政府办公室 2023 明确政府工作报告提出的2…"


def test_a_document_with_a_wenhao_is_labelled_by_it(seed_doc):
    assert seed_doc.label() == "鲁政发〔2022〕6号"


def test_a_document_with_neither_wenhao_title_nor_issuer_is_labelled_by_its_file():
    doc = kg.parse(FIXTURES / "real" / "chongqing_yuzhong_qiantou.txt")
    assert doc.label() == "chongqing_yuzhong_qiantou.txt"


@pytest.mark.parametrize(
    "typed, path",
    [
        ("任务3", "2.3"),
        ("第3项", "2.3"),
        ("3", "2.3"),
        ("task 10", "2.10"),
        ("第三项", "3.3"),
        ("2.3", "2.3"),
    ],
)
def test_a_task_may_be_typed_as_the_document_numbers_it(table_graph, typed, path):
    assert kg.task(table_graph, typed).path == path


def test_a_number_the_document_gives_several_tasks_lists_their_paths(seed_graph):
    with pytest.raises(kg.AmbiguousTask) as e:
        kg.task(seed_graph, "第三项")
    assert e.value.candidates == [f"鲁政发〔2022〕6号 {s}.3" for s in range(2, 8)]


def test_a_number_no_task_has_is_unknown(table_graph):
    with pytest.raises(kg.UnknownTask):
        kg.task(table_graph, "第九十九项")
