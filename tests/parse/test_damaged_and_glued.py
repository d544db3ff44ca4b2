"""Tables and items that lost what usually tells them apart: no 序号 and merged cells
(kg/parse/kind_rows.py), every separator (kg/parse/glued.py), a marker lost to mojibake
(kg/parse/damaged.py). Each guess is a warning with its line."""

from __future__ import annotations

import kg


def _roles(doc: kg.Document, task) -> list[tuple[str, str]]:
    """(role, the name as written) of each responsibility."""
    out = []
    for r in task.responsibilities:
        a = doc.agencies[r.agency]
        out.append((r.role, a.spellings[0] if a.spellings else a.short))
    return out


def _warnings(doc: kg.Document, kind: str) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in doc.warnings if w.kind == kind]


SCORED = """德阳市旌阳区人民政府
项 目
分值
目标任务
责任单位
经济发展
地区生产总值增长率
3
年终综合考核
区发改局区统计局
社会消费品零售总额
2
民生事业
城镇新增就业人数
1
5800
区人社局
"""


def test_unnumbered_cell_lines_are_cut_by_kind_with_merged_cells_carried():
    doc = kg.parse_text(SCORED)
    tasks = doc.tasks()
    assert [t.text.split("\n")[0] for t in tasks] == [
        "地区生产总值增长率",
        "社会消费品零售总额",
        "城镇新增就业人数",
    ]
    assert _roles(doc, tasks[0]) == [("shared", "区发改局"), ("shared", "区统计局")]
    assert _roles(doc, tasks[1]) == _roles(doc, tasks[0])  # the merged unit cell, carried down
    assert _roles(doc, tasks[2]) == [("shared", "区人社局")]
    table = _warnings(doc, "table")
    assert (6, "“经济发展” read as a merged category cell over the rows below it") in table
    assert (13, "“民生事业” read as a merged category cell over the rows below it") in table
    assert (11, "row 2 has no 责任单位 cell: the one above taken as merged") in table


def test_a_table_whose_lines_fit_its_columns_is_read_line_by_line_as_before():
    text = "项目\n工作任务\n责任单位\n道路\n完成道路改造\n区交通局\n学校\n新建学校两所\n区教育局\n"
    doc = kg.parse_text("旌阳区人民政府\n" + text)
    assert [_roles(doc, t) for t in doc.tasks()] == [[("shared", "区交通局")], [("shared", "区教育局")]]
    assert not any("category" in m for _, m in _warnings(doc, "table"))


DAMAGED = """广州市人民政府办公厅
一、产业发展
（一）加快建设汽车产业基地。（牵头单位：市经贸委；配合单位：市发改委）
？。ǘ┩七M石化基地建设。（牵头单位：市发改委；配合单位：市规划局）
？。ㄈ┲这一段没有分工。
（三）加快物流园区建设。（牵头单位：市交委）
"""


def test_a_damaged_marker_before_a_clause_is_the_next_item_with_a_warning():
    doc = kg.parse_text(DAMAGED)
    tasks = {t.path: t for t in doc.tasks()}
    assert sorted(tasks) == ["1.1", "1.2", "1.3"]
    assert _roles(doc, tasks["1.2"]) == [("lead", "市发改委"), ("support", "市规划局")]
    assert "石化基地" in tasks["1.2"].text and "物流园区" in tasks["1.3"].text
    assert "这一段没有分工" in tasks["1.2"].text  # no role word: not an item, kept as text
    assert _warnings(doc, "damaged-text") == [
        (4, "damaged item marker '？。ǘ┩' read as the item after '（一）' (number 2, a guess)")
    ]


def test_a_damaged_marker_with_no_item_before_it_stays_text_with_a_warning():
    doc = kg.parse_text(
        "广州市人民政府办公厅\n一、产业发展\n？。ǘ┩推进石化基地建设。（牵头单位：市发改委）\n"
    )
    assert _warnings(doc, "damaged-text") == [
        (3, "damaged item marker '？。ǘ┩': no item before it to number it by; kept as text")
    ]


GLUED = (
    "钟楼区人民政府\n"
    "1、重点任务分解表序号工作任务分管领导牵头单位配合单位1推进道路建设完成改造10公里。"
    "王小明区交通局区财\n"
    "2、政局各街道2实施学校扩建新增学位500个。李四区教育局区住建局"
    "序号工作任务分管领导牵头单位配合单位\n"
)


def test_a_glued_table_is_cut_at_its_numbers_and_unit_names():
    doc = kg.parse_text(GLUED)
    tasks = doc.tasks()
    assert [t.path for t in tasks] == ["1", "2"]
    assert tasks[0].text.startswith("推进道路建设") and tasks[1].text.startswith("实施学校扩建")
    assert [p.name for t in tasks for p in t.persons] == ["王小明", "李四"]
    assert _roles(doc, tasks[0]) == [("lead", "区交通局"), ("support", "区财政局"), ("support", "各街道")]
    assert _roles(doc, tasks[1]) == [("lead", "区教育局"), ("support", "区住建局")]
    assert (3, "page number '2、' of a document viewer inside the table left out") in _warnings(
        doc, "removed-text"
    )
    table = _warnings(doc, "table")
    assert any(line == 2 and "“区交通局” read as the 牵头单位" in m for line, m in table)
    assert (3, "repeated table header skipped") in table
    assert (2, "“1、重点任务分解表” before the glued table's header read as its title, in no task") in table


def test_rows_go_on_after_a_glued_header_repeated_on_a_new_page():
    text = (
        "钟楼区人民政府\n序号工作任务责任单位1推进道路建设。区交通局\n"
        "2实施学校扩建。区教育局序号工作任务责任单位3优化养老服务。区民政局\n"
    )
    doc = kg.parse_text(text)
    assert [(t.path, _roles(doc, t)) for t in doc.tasks()] == [
        ("1", [("shared", "区交通局")]),
        ("2", [("shared", "区教育局")]),
        ("3", [("shared", "区民政局")]),
    ]


def test_glued_sub_row_with_its_own_cells_shares_the_number():
    text = (
        "钟楼区人民政府\n序号工作任务分管领导牵头单位配合单位1老城复兴完成纪念馆提升。王小明区文旅局"
        "区财政局推进道路整治。李四区住建局五星街道2优化养老服务。张三区民政局各街道"
    )
    doc = kg.parse_text(text)
    tasks = doc.tasks()
    assert [t.path for t in tasks] == ["1", "1_2", "2"]
    assert tasks[1].text.startswith("推进道路整治")
    assert _roles(doc, tasks[1]) == [("lead", "区住建局"), ("support", "五星街道")]
