"""Structure: metadata, numbering styles and depths, sections without items, text kept as text."""

from __future__ import annotations

import kg


def outline(doc):
    return [(t.path, t.marker, t.title) for t in doc.tasks()]


def test_gb9704_levels_to_full_depth():
    doc = kg.parse_text(
        "一、总体要求\n坚持稳中求进。\n二、重点任务\n（一）加快发展。\n1.推进建设。（省发展改革委牵头）\n"
        "（1）细化方案。（省财政厅负责）\n①明确分工。（省教育厅负责）\n2.完善机制。（省科技厅牵头）\n"
        "（二）强化保障。（省财政厅负责）\n"
    )
    assert [(s.path, s.title, s.text) for s in doc.sections] == [
        ("1", "总体要求", "坚持稳中求进。"),
        ("2", "重点任务", ""),
    ]
    assert outline(doc) == [
        ("2.1", "（一）", "加快发展"),
        ("2.1.1", "1.", "推进建设"),
        ("2.1.1.1", "（1）", "细化方案"),
        ("2.1.1.1.1", "①", "明确分工"),
        ("2.1.2", "2.", "完善机制"),
        ("2.2", "（二）", "强化保障"),
    ]


def test_skipped_levels_and_numbering_that_runs_on_across_sections():
    doc = kg.parse_text(
        "一、基础\n1.甲。（省科技厅负责）\n2.乙。（省科技厅负责）\n二、应用\n3.丙。（省科技厅负责）\n"
        "4.丁。（省科技厅负责）\n"
    )
    assert [t.path for t in doc.tasks()] == ["1.1", "1.2", "2.3", "2.4"]
    assert not [w for w in doc.warnings if w.kind == "numbering"]


def test_full_width_and_half_width_markers_are_the_same():
    doc = kg.parse_text("一、任务\n(一)甲。(省科技厅负责)\n（二）乙。（省科技厅负责）\n１．丙。\n")
    assert outline(doc) == [("1.1", "（一）", "甲"), ("1.2", "（二）", "乙"), ("1.2.1", "1.", "丙")]


def test_a_document_may_start_below_the_section_level():
    doc = kg.parse_text("1.建立台账。（市商务局负责）\n2.开展检查。（市市场监管局负责）\n")
    assert [(s.path, s.marker) for s in doc.sections] == [("0", None)]
    assert [t.path for t in doc.tasks()] == ["1", "2"]


def test_sections_that_carry_their_own_clause_are_also_tasks():
    doc = kg.parse_text(
        "一、加强领导。成立工作专班。（市发展改革委牵头）\n二、强化督导。（市政府办公室负责）\n"
    )
    assert [(t.path, t.title) for t in doc.tasks()] == [("1", "加强领导"), ("2", "强化督导")]


def test_out_of_sequence_numbers_stay_text_and_warn():
    doc = kg.parse_text(
        "一、任务\n（一）甲。（省科技厅负责）\n一、二级医院要加强管理。\n（二）乙。（省科技厅负责）\n"
    )
    assert [t.path for t in doc.tasks()] == ["1.1", "1.2"]
    task = doc.tasks()[0]
    assert "一、二级医院要加强管理。" in task.text


def test_unrecognised_numbering_becomes_a_warning():
    doc = kg.parse_text("一、任务\n（一）甲。（省科技厅负责）\n（五）乙。（省科技厅负责）\n（三）丙。\n")
    kinds = [(w.kind, w.line) for w in doc.warnings if w.kind == "numbering"]
    assert kinds == [("numbering", 3), ("numbering", 4)]
    assert [t.path for t in doc.tasks()] == ["1.1", "1.5"]


def test_header_and_closing_metadata():
    doc = kg.parse_text(
        "济南市人民政府文件\n济政发〔2023〕5号\n济南市人民政府\n关于加快发展数字经济的实施意见\n"
        "各区县人民政府，市政府各部门：\n现提出如下意见。\n一、任务\n（一）建设数据中心。（市大数据局牵头）\n"
        "济南市人民政府\n二〇二三年三月八日\n（此件公开发布）\n抄送：市委各部门，市人大常委会办公厅。\n"
        "济南市人民政府办公厅                2023年3月9日印发\n"
    )
    assert doc.identifier == "济政发〔2023〕5号"
    assert doc.issuer_name == "济南市人民政府"
    assert doc.jurisdiction == "370100"
    assert doc.date == "2023-03-08"
    assert doc.recipients == ["各区县人民政府", "市政府各部门"]
    assert doc.copied_to == ["市委各部门", "市人大常委会办公厅"]
    assert (doc.printer, doc.printed) == ("济南市人民政府办公厅", "2023-03-09")
    assert doc.preamble == "现提出如下意见。"
    lead = doc.agencies[doc.tasks()[0].responsibilities[0].agency]
    assert (lead.key, lead.short, lead.full) == ("370100/big-data", "市大数据局", "济南市大数据局")


def test_city_issuer_resolves_shi_to_the_city_and_sheng_to_its_province():
    doc = kg.parse_text(
        "青岛市人民政府关于推进标准化工作的通知\n一、任务\n（一）甲。（市市场监管局牵头，省市场监管局配合）\n"
    )
    assert doc.jurisdiction == "370200"
    keys = [r.agency for r in doc.tasks()[0].responsibilities]
    assert keys == ["370200/market-regulation", "370000/market-regulation"]


def test_issuer_from_the_wenhao_when_nothing_else_names_it():
    doc = kg.parse_text("苏政发〔2023〕12号\n一、任务\n（一）甲。（省科技厅牵头）\n")
    assert doc.jurisdiction == "320000"
    assert doc.agencies["320000/science-technology"].full == "江苏省科学技术厅"


def test_unknown_agencies_get_stable_keys_and_a_warning():
    a = kg.parse_text("一、任务\n（一）甲。（省新设专班负责）\n", "a.txt")
    b = kg.parse_text("一、任务\n（一）乙。（省新设专班负责）\n", "b.txt")
    assert list(a.agencies) == list(b.agencies)
    assert [w.message for w in a.warnings] == [
        "could not tell which government issued the document; 省/市 prefixes are left unresolved",
        "agency not in the gazetteer: 省新设专班",
    ]


def test_task_division_table():
    doc = kg.parse_text(
        "潍坊市人民政府办公室关于印发任务分工的通知\n一、任务分工\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t优化审批。压缩时限。\t市行政审批服务局\t市发展改革委、市财政局\t2023年底前\n"
        "2\t加强监管。\t市市场监管局\t\t长期坚持\n"
    )
    tasks = doc.tasks()
    assert [(t.path, t.title, t.deadline) for t in tasks] == [
        ("1.1", "优化审批", "2023年底前"),
        ("1.2", "加强监管", "长期坚持"),
    ]
    assert [(r.role, doc.agencies[r.agency].short) for r in tasks[0].responsibilities] == [
        ("lead", "市行政审批服务局"),
        ("support", "市发展改革委"),
        ("support", "市财政局"),
    ]


def test_text_without_structure_is_still_a_document():
    doc = kg.parse_text("这是一段没有编号的文字。")
    assert doc.sections == [] and doc.tasks() == []
    assert doc.preamble == "这是一段没有编号的文字。"
    assert [w.kind for w in doc.warnings][-1] == "no-tasks"


def test_tree_round_trips_through_json(seed_doc):
    again = kg.Document.from_json(seed_doc.to_json())
    assert again == seed_doc
    assert again.to_json() == seed_doc.to_json()


def test_a_notice_that_wraps_a_plan_is_signed_before_the_plan():
    doc = kg.parse_text(
        "豫政办〔2023〕15号\n河南省人民政府办公厅关于印发《冷链物流实施方案》的通知\n各省辖市人民政府：\n"
        "现将《冷链物流实施方案》印发给你们，请认真贯彻执行。\n河南省人民政府办公厅\n2023年3月28日\n"
        "（此件公开发布）\n冷链物流实施方案\n一、任务\n（一）建设冷库。（省发展改革委牵头）\n"
    )
    assert (doc.issuer_name, doc.date) == ("河南省人民政府办公厅", "2023-03-28")
    assert doc.jurisdiction == "410000"
    assert doc.title == "河南省人民政府办公厅关于印发《冷链物流实施方案》的通知"
    assert [t.path for t in doc.tasks()] == ["1.1"]


def test_markdown_table_rows():
    doc = kg.parse_text(
        "川办发〔2023〕19号\n一、任务清单\n| 序号 | 重点任务 | 责任单位 | 完成时限 |\n|---|---|---|---|\n"
        "| 1 | 建设枢纽节点。到2025年标准机架达到30万架。 "
        "| 省发展改革委（牵头）、省大数据中心 | 2025年底前 |\n"
    )
    [task] = doc.tasks()
    assert (task.path, task.title, task.deadline) == ("1.1", "建设枢纽节点", "2025年底前")
    assert [(r.role, r.written) for r in task.responsibilities] == [
        ("lead", "省发展改革委"),
        ("shared", "省大数据中心"),
    ]
    assert [(t.quantity, t.unit, t.deadline_year) for t in task.targets] == [(30, "万架", 2025)]


def test_headings_justified_with_spaces_lose_them():
    doc = kg.parse_text(
        "第一章　总　则\n第一条　为了规范管理，制定本办法。\n第二章　职　责\n"
        "第二条　加强监管。（省市场监管局负责）\n"
    )
    assert [(s.path, s.title) for s in doc.sections] == [("1", "总则"), ("2", "职责")]
    assert [t.path for t in doc.tasks()] == ["1.1", "2.2"]


def test_attachments_after_the_signature_become_sections_of_their_own():
    doc = kg.parse_text(
        "鲁政办发〔2023〕5号\n一、重点任务\n（一）推进甲。（省发展改革委牵头）\n"
        "附件：1．重点任务分工\n　　　2．工作清单\n山东省人民政府办公厅\n2023年3月1日\n"
        "附件1\n重点任务分工\n序号\t工作任务\t牵头单位\t配合单位\n1\t建设平台。\t省商务厅\t省财政厅\n"
        "附件2\n工作清单\n1.编制清单。（省发展改革委负责）\n"
    )
    assert (doc.issuer_name, doc.date) == ("山东省人民政府办公厅", "2023-03-01")
    assert [(s.path, s.marker, s.title) for s in doc.sections] == [
        ("1", "一、", "重点任务"),
        ("2", "附件1", "重点任务分工"),
        ("3", "附件2", "工作清单"),
    ]
    assert [t.path for t in doc.tasks()] == ["1.1", "2.1", "3.1"]
    assert doc.tasks()[0].text == "推进甲。（省发展改革委牵头）"
