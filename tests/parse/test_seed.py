"""The bundled document, 鲁政发〔2022〕6号, checked by hand clause by clause."""

from __future__ import annotations

import pytest

import kg

# Every responsibility clause of the document, read by hand from the original text.
ROLES = {
    "2.1": (["省科技厅", "省市场监管局"], ["省政府有关部门", "济南市政府", "烟台市政府", "潍坊市政府"], []),
    "2.2": (["省科技厅", "省市场监管局"], ["省工业和信息化厅", "省人力资源社会保障厅"], []),
    "2.3": (["省市场监管局"], ["日照市政府", "济宁市政府"], []),
    "3.1": (["省发展改革委", "省自然资源厅", "省市场监管局"], ["省政府有关部门"], []),
    "3.2": (
        [],
        [],
        [
            "省工业和信息化厅",
            "省民政厅",
            "省住房城乡建设厅",
            "省交通运输厅",
            "省水利厅",
            "省商务厅",
            "省文化和旅游厅",
            "省卫生健康委",
            "省市场监管局",
            "省体育局",
            "省邮政管理局",
        ],
    ),
    "3.3": (["省市场监管局", "省商务厅"], ["省政府有关部门", "青岛市政府"], []),
    "4.1": (
        ["省发展改革委", "省工业和信息化厅", "省市场监管局"],
        ["省政府有关部门", "聊城市政府", "滨州市政府"],
        [],
    ),
    "4.2": (
        ["省生态环境厅", "省市场监管局"],
        ["省发展改革委", "省工业和信息化厅", "省自然资源厅", "省住房城乡建设厅", "省交通运输厅", "省能源局"],
        [],
    ),
    "4.3": (
        ["省海洋局", "省市场监管局"],
        ["省工业和信息化厅", "省生态环境厅", "省交通运输厅", "省农业农村厅", "省气象局"],
        [],
    ),
    "5.1": (
        ["省农业农村厅", "省市场监管局"],
        [
            "省自然资源厅",
            "省住房城乡建设厅",
            "省生态环境厅",
            "省商务厅",
            "省发展改革委",
            "省畜牧局",
            "省气象局",
        ],
        [],
    ),
    "5.2": (
        ["省发展改革委", "省住房城乡建设厅", "省市场监管局"],
        ["省民政厅", "省自然资源厅", "省交通运输厅", "省文化和旅游厅", "省大数据局"],
        [],
    ),
    "5.3": (
        ["省发展改革委", "省市场监管局", "省民政厅"],
        ["省教育厅", "省人力资源社会保障厅", "省卫生健康委", "省退役军人厅", "省体育局", "省医保局"],
        [],
    ),
    "5.4": (
        [],
        [],
        [
            "省工业和信息化厅",
            "省公安厅",
            "省住房城乡建设厅",
            "省交通运输厅",
            "省卫生健康委",
            "省应急厅",
            "省市场监管局",
            "省能源局",
        ],
    ),
    "5.5": ([], [], ["省政府办公厅", "省财政厅", "省司法厅", "省大数据局", "省市场监管局", "省政府有关部门"]),
    "6.1": ([], [], ["省工业和信息化厅", "省科技厅", "省市场监管局"]),
    "6.2": ([], [], ["省发展改革委", "省工业和信息化厅", "省市场监管局"]),
    "6.3": (["省市场监管局", "省科技厅", "省发展改革委"], ["省政府有关部门"], []),
    "6.4": ([], [], ["省发展改革委", "省市场监管局"]),
    "6.5": ([], [], ["省人力资源社会保障厅", "省教育厅", "省市场监管局"]),
    "6.6": (
        [],
        [],
        ["省工业和信息化厅", "省科技厅", "省人力资源社会保障厅", "省市场监管局", "省地方金融监管局"],
    ),
    "7.1": (["省市场监管局"], ["省政府有关部门"], []),
    "7.2": (["省市场监管局"], [], []),
    "7.3": (["省市场监管局"], ["省政府有关部门"], []),
    "7.4": (["省市场监管局", "省财政厅"], ["省政府有关部门"], []),
}


def test_metadata(seed_doc):
    assert seed_doc.identifier == "鲁政发〔2022〕6号"
    assert seed_doc.issuer_name == "山东省人民政府"
    assert seed_doc.jurisdiction == "370000"
    assert seed_doc.date == "2022-04-15"
    assert seed_doc.printer == "山东省人民政府办公厅"
    assert seed_doc.printed == "2022-04-18"
    assert seed_doc.recipients == [
        "各市人民政府",
        "各县（市、区）人民政府",
        "省政府各部门",
        "各直属机构",
        "各大企业",
        "各高等院校",
    ]
    assert seed_doc.copied_to[0] == "省委各部门" and seed_doc.copied_to[-1] == "省工商联"
    assert seed_doc.title is None  # the file carries no title line


def test_seven_sections_and_twenty_four_tasks(seed_doc):
    assert [s.path for s in seed_doc.sections] == ["1", "2", "3", "4", "5", "6", "7"]
    assert seed_doc.sections[0].title == "建设全国标准化创新发展高地"
    assert seed_doc.sections[0].tasks == []
    assert seed_doc.sections[0].text.startswith("坚持以习近平新时代中国特色社会主义思想为指导")
    assert [t.path for t in seed_doc.tasks()] == list(ROLES)


@pytest.mark.parametrize("path", list(ROLES))
def test_every_clause_gives_the_right_agencies_their_roles(seed_tasks, path):
    lead, support, shared = ROLES[path]
    assert seed_tasks[path] == {"lead": lead, "support": support, "shared": shared}


def test_titles_are_first_sentences(seed_doc):
    titles = {t.path: t.title for t in seed_doc.tasks()}
    assert titles["2.1"] == "开展关键技术领域标准攻关"
    assert titles["3.3"] == "实施服务对外开放标准化建设"
    assert titles["7.2"] == "深化省部共建"


def test_open_lists_are_recorded(seed_doc):
    tasks = {t.path: t for t in seed_doc.tasks()}
    open_21 = {seed_doc.agencies[r.agency].short for r in tasks["2.1"].responsibilities if r.open}
    assert open_21 == {"济南市政府", "烟台市政府", "潍坊市政府"}  # not 省政府有关部门, joined by 和
    assert all(r.open for r in tasks["5.5"].responsibilities)
    assert not any(r.open for r in tasks["3.3"].responsibilities)


def test_agencies_resolve_to_shandong_with_full_and_english_names(seed_doc):
    by_short = {a.short: a for a in seed_doc.agencies.values()}
    commerce = by_short["省商务厅"]
    assert commerce.key == "370000/commerce"
    assert commerce.full == "山东省商务厅"
    assert commerce.en == "Department of Commerce of Shandong Province"
    assert commerce.kind == "department"
    assert "省商務廳" in commerce.spellings
    assert by_short["济南市政府"].key == "370100/government"
    assert by_short["济南市政府"].kind == "cityGovernment"
    assert by_short["省政府有关部门"].collective
    assert all(a.known for a in seed_doc.agencies.values())


def test_the_nine_2025_targets_of_section_one(seed_doc):
    got = [
        (t.object, t.quantity, t.unit, t.comparator, t.deadline_year) for t in seed_doc.sections[0].targets
    ]
    assert got == [
        ("原创技术标准", 100, "项", "exactly", 2025),
        ("国际标准", 50, "项", "exactly", 2025),
        ("国家和行业标准", 400, "项", "exactly", 2025),
        ("国家级标准化试点示范项目", 100, "个", "exactly", 2025),
        ("国际和国家技术标准组织", 5, "个", "exactly", 2025),
        ("标准创新型企业", 100, "个", "atLeast", 2025),
        ("省级技术标准创新中心", 20, "个", "exactly", 2025),
        ("共性技术标准创新平台", 50, "个", "exactly", 2025),
        ("共性关键技术和应用类科技计划项目形成标准研究成果的比率", 60, "%", "atLeast", 2025),
    ]


def test_task_targets_include_ranges_and_minimums(seed_doc):
    tasks = {t.path: t for t in seed_doc.tasks()}
    [pilot] = tasks["2.1"].targets
    assert (pilot.min, pilot.max, pilot.unit, pilot.comparator) == (3, 5, "个", "range")
    assert [(t.quantity, t.unit, t.comparator) for t in tasks["6.1"].targets] == [
        (10, "个", "exactly"),
        (100, "个", "exactly"),
        (200, "个", "exactly"),
    ]
    assert tasks["4.1"].targets == []  # 围绕全省42条重点产业链 describes, it does not set a goal


def test_places_named_in_tasks(seed_doc):
    def names(path):
        t = next(t for t in seed_doc.tasks() if t.path == path)
        return [seed_doc.places[k].name for k in t.places]

    assert names("2.1") == ["济南市", "烟台市", "潍坊市"]
    assert names("2.3") == ["日照市", "济宁市"]
    assert names("3.3") == ["青岛市"]
    assert names("6.2") == [
        "烟台市长岛海洋生态文明综合试验区",
        "张店区",
        "潍坊高新技术产业开发区",
        "兰山区",
        "邹平市",
    ]
    assert seed_doc.places["370303"].parent == "370300"


def test_both_damaged_spots_are_warnings_with_their_lines(seed_doc):
    damaged = [(w.line, w.span.quote) for w in seed_doc.warnings if w.kind == "damaged-text"]
    assert damaged == [(6, "?!?"), (16, "???")]
    assert len(seed_doc.warnings) == 2


def test_spans_point_at_the_original_traditional_text(seed_doc, seed_path):
    original = kg.read_text(seed_path).text
    task = next(t for t in seed_doc.tasks() if t.path == "3.3")
    assert original[task.span.start : task.span.end] == task.span.quote
    assert task.span.quote.startswith("(三)實施服務對外開放標準化建設")
    commerce = next(r for r in task.responsibilities if r.agency == "370000/commerce")
    assert original[commerce.span.start : commerce.span.end] == "省商務廳"
    assert (
        commerce.span.line,
        original.split("\n")[commerce.span.line - 1][commerce.span.column - 1 : commerce.span.column + 3],
    ) == (17, "省商務廳")
