"""A task-division table gives the same rows whatever form its text takes (kg/parse/tables.py)."""

from __future__ import annotations

import pytest

import kg

HEAD = "潍坊市人民政府办公室\n关于印发重点任务分工方案的通知\n一、任务分工\n"
ROWS = [
    ("1", "推行企业开办“一日办结”", "市市场监管局", "市公安局、市税务局", "2023年6月底前"),
    ("2", "深化工程建设项目审批制度改革", "市住房城乡建设局", "市行政审批服务局", "2023年9月底前"),
    ("3", "推进不动产登记便利化", "市自然资源和规划局", "市税务局", "持续推进"),
]
COLUMNS = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
WANT = [
    ("1.1", "推行企业开办“一日办结”", ["市市场监管局"], ["市公安局", "市税务局"], "2023年6月底前"),
    ("1.2", "深化工程建设项目审批制度改革", ["市住房城乡建设局"], ["市行政审批服务局"], "2023年9月底前"),
    ("1.3", "推进不动产登记便利化", ["市自然资源和规划局"], ["市税务局"], "持续推进"),
]


def _box() -> str:
    rule = "├──┼────┼────┼────┼────┤"
    out = ["┌──┬────┬────┬────┬────┐", "│" + "│".join(COLUMNS) + "│"]
    for row in ROWS:
        out += [rule, "│" + "│".join(row) + "│"]
    return "\n".join([*out, "└──┴────┴────┴────┴────┘"])


FORMS = {
    "tab": "\n".join("\t".join(r) for r in [COLUMNS, *ROWS]),
    "pipe": "\n".join("| " + " | ".join(r) + " |" for r in [COLUMNS, ("---",) * 5, *ROWS]),
    "box": _box(),
    "spaces": "\n".join("  ".join(r) for r in [COLUMNS, *ROWS]),
    "one cell per line": "\n".join(c for r in [COLUMNS, *ROWS] for c in r),
    "header on every page": "\n".join("\t".join(r) for r in [COLUMNS, ROWS[0], ROWS[1], COLUMNS, ROWS[2]]),
    "every cell glued": "".join(c for r in [COLUMNS, *ROWS] for c in r),  # a Word table in a viewer
    # a web table whose cells were put on lines: a bar opens every cell but the first, a lone
    # bar ends the row
    "cells on lines opened by bars": "\n".join(
        r[0] + "\n" + "\n".join("| " + c for c in r[1:]) + "\n|" for r in [COLUMNS, *ROWS]
    ),
}


def _rows(doc):
    out = []
    for t in doc.tasks():
        names = {
            role: [doc.agencies[r.agency].short for r in t.responsibilities if r.role == role]
            for role in ("lead", "support")
        }
        out.append((t.path, t.title, names["lead"], names["support"], t.deadline))
    return out


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_a_table_gives_the_same_rows(form):
    doc = kg.parse_text(HEAD + FORMS[form] + "\n")
    assert _rows(doc) == WANT


def test_a_repeated_header_is_skipped_with_a_warning():
    doc = kg.parse_text(HEAD + FORMS["header on every page"] + "\n")
    assert [w.kind for w in doc.warnings if "repeated table header" in w.message] == ["table"]


def test_a_box_cell_wrapped_over_two_lines_is_one_cell():
    text = (
        HEAD
        + "\n".join(
            [
                "│序号│重点任务│牵头单位│配合单位│",
                "├──┼──┼──┼──┤",
                "│1 │推行企业开办│市市场监管局│市公安局、市│",
                "│  │“一日办结”│            │税务局      │",
            ]
        )
        + "\n"
    )
    (task,) = kg.parse_text(text).tasks()
    assert task.title == "推行企业开办“一日办结”"
    doc = kg.parse_text(text)
    assert [doc.agencies[r.agency].short for r in doc.tasks()[0].responsibilities] == [
        "市市场监管局",
        "市公安局",
        "市税务局",
    ]


def test_merged_cells_left_out_of_later_rows_are_carried_down():
    cells = [
        "序号",
        "项目",
        "目标任务",
        "责任单位",
        "1",
        "经济发展",
        "地区生产总值增长7%",
        "区发改局",
        "2",
        "规上工业增加值增长8%",
        "3",
        "社会事业",
        "新增城镇就业1000人",
        "区人社局区财政局",
    ]
    doc = kg.parse_text("一、目标任务\n" + "\n".join(cells) + "\n")
    got = [(t.path, [r.written for r in t.responsibilities]) for t in doc.tasks()]
    assert got == [("1.1", ["区发改局"]), ("1.2", ["区发改局"]), ("1.3", ["区人社局", "区财政局"])]


def test_cells_opened_by_bars_keep_a_cell_broken_over_lines_and_carry_merged_cells():
    """A lead cell written once over its rows, broken over lines (市政 / 府办 / 公厅), and a
    row that has only its task cell (its units merged from the row above)."""
    lines = [
        "牵头单位",
        "| 目标任务",
        "| 责任单位",
        "|",
        "市发",
        "展改",
        "革委",
        "| 地区生产总值增长7%",
        "| 市统计局、各县区政府",
        "|",
        "固定资产投资增长10%",
        "|",
        "推进河西商业配套建设",
        "| 市商务局、高新区、岳麓区",
        "|",
    ]
    doc = kg.parse_text("长沙市人民政府\n" + "\n".join(lines) + "\n")
    got = [
        (t.title, [(r.role, doc.agencies[r.agency].short) for r in t.responsibilities]) for t in doc.tasks()
    ]
    units = [("shared", "市统计局"), ("shared", "各县区政府")]
    assert got[0] == ("地区生产总值增长7%", [("lead", "市发展改革委"), *units])
    assert got[1] == ("固定资产投资增长10%", [("lead", "市发展改革委"), *units])
    assert got[2][1] == [
        ("lead", "市发展改革委"),
        ("shared", "市商务局"),
        ("shared", "高新区"),
        ("shared", "岳麓区政府"),
    ]


def test_a_responsible_person_column_names_people():
    text = HEAD + "序号 | 项目内容 | 责任单位 | 责任人 |\n1 | 新增托位1140个 | 市卫健局 | 黄李虎 |\n"
    doc = kg.parse_text(text)
    (task,) = doc.tasks()
    assert [(p.name, p.role) for p in task.persons] == [("黄李虎", "responsible")]
    assert [r.written for r in task.responsibilities] == ["市卫健局"]


def test_a_row_glued_together_is_split_into_its_cells():
    text = HEAD + "\t".join(COLUMNS) + "\n1推行企业开办“一日办结”。市市场监管局2023年6月底前\n"
    (task,) = kg.parse_text(text).tasks()
    assert task.title == "推行企业开办“一日办结”"
    assert task.deadline == "2023年6月底前"
    assert [r.role for r in task.responsibilities] == ["lead"]


def test_a_half_understood_table_keeps_what_it_read_and_says_what_it_did_not():
    text = HEAD + "序号\t工作任务\t进展情况\t责任单位\n1\t推行企业开办“一日办结”\t已完成80%\t市市场监管局\n"
    doc = kg.parse_text(text)
    (task,) = doc.tasks()
    assert [r.role for r in task.responsibilities] == ["shared"]
    assert any(w.kind == "table" and "进展情况" in w.message for w in doc.warnings)
    assert doc.unassigned == len("已完成80%")


def test_leaders_in_a_table_are_persons_not_agencies():
    text = HEAD + "序号\t重点任务\t责任领导\t牵头单位\n1\t推行企业开办“一日办结”\t副市长张三\t市市场监管局\n"
    doc = kg.parse_text(text)
    (task,) = doc.tasks()
    assert [(p.name, p.post, p.role) for p in task.persons] == [("张三", "副市长", "responsible")]
    assert all("张三" not in a.short for a in doc.agencies.values())
