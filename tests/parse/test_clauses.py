"""Responsibility clauses, one form at a time: who, in which role, and whether the list was open."""

from __future__ import annotations

import pytest

from kg.lexicon.gazetteer import gazetteer
from kg.parse.clauses import find_clauses, parse_clause, split_agencies

GAZ = gazetteer()


def roles(content: str) -> list[tuple[str, str, bool]]:
    clause = parse_clause(content, 0, GAZ)
    assert clause is not None, content
    return [(seg.role, n.name, n.open) for seg in clause.segments for n in seg.names]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("省发展改革委牵头", [("lead", "省发展改革委", False)]),
        (
            "省科技厅、省市场监管局牵头，省工业和信息化厅配合",
            [
                ("lead", "省科技厅", False),
                ("lead", "省市场监管局", False),
                ("support", "省工业和信息化厅", False),
            ],
        ),
        ("省教育厅负责", [("shared", "省教育厅", False)]),
        ("省卫生健康委牵头负责", [("lead", "省卫生健康委", False)]),
        ("省商务厅、省体育局分工负责", [("shared", "省商务厅", False), ("shared", "省体育局", False)]),
        ("省直有关部门按职责分工负责", [("shared", "省直有关部门", False)]),
        (
            "由省住房城乡建设厅牵头，各地级以上市人民政府落实",
            [("lead", "省住房城乡建设厅", False), ("shared", "各地级以上市人民政府", False)],
        ),
        (
            "责任单位：省发展改革委、省财政厅",
            [("shared", "省发展改革委", False), ("shared", "省财政厅", False)],
        ),
        (
            "牵头单位：省科技厅；配合单位：省教育厅、省工业和信息化厅",
            [
                ("lead", "省科技厅", False),
                ("support", "省教育厅", False),
                ("support", "省工业和信息化厅", False),
            ],
        ),
        (
            "牵头单位：省科技厅 配合单位：省教育厅",
            [("lead", "省科技厅", False), ("support", "省教育厅", False)],
        ),
    ],
)
def test_clause_forms(content, expected):
    assert roles(content) == expected


def test_deadline_in_a_clause_is_kept_apart_from_the_agencies():
    clause = parse_clause("省发展改革委牵头，2023年底前完成", 0, GAZ)
    assert clause.deadline == "2023年底前完成"
    assert [n.name for s in clause.segments for n in s.names] == ["省发展改革委"]


@pytest.mark.parametrize(
    "text, names, is_open",
    [
        ("济南、烟台、潍坊等市政府", ["济南市政府", "烟台市政府", "潍坊市政府"], True),
        ("日照、济宁市政府", ["日照市政府", "济宁市政府"], False),
        ("历下区、市中区、槐荫区政府", ["历下区政府", "市中区政府", "槐荫区政府"], False),
        (
            "省政府有关部门和济南、烟台等市政府",
            ["省政府有关部门", "济南市政府", "烟台市政府"],
            [False, True, True],
        ),
        ("省科技厅和省教育厅、省财政厅等部门", ["省科技厅", "省教育厅", "省财政厅"], [False, True, True]),
        ("省政府办公厅、省财政厅等有关部门", ["省政府办公厅", "省财政厅", "有关部门"], True),
        ("省工业和信息化厅、省文化和旅游厅", ["省工业和信息化厅", "省文化和旅游厅"], False),
        ("省人力资源和社会保障厅", ["省人力资源和社会保障厅"], False),
        ("省科技厅和省工业和信息化厅", ["省科技厅", "省工业和信息化厅"], False),
        ("各区、县级市人民政府", ["各区、县级市人民政府"], False),
        ("各县（市、区）人民政府", ["各县（市、区）人民政府"], False),
        (
            "省推进基本公共服务均等化工作领导小组各成员单位",
            ["省推进基本公共服务均等化工作领导小组各成员单位"],
            False,
        ),
        ("省教育厅、财政厅", ["省教育厅", "省财政厅"], False),
    ],
)
def test_agency_lists_split_only_between_agencies(text, names, is_open):
    got = split_agencies(text, 0, GAZ)
    assert [n.name for n in got] == names
    flags = is_open if isinstance(is_open, list) else [is_open] * len(names)
    assert [n.open for n in got] == flags  # 等 closes its own 、-list only


def test_names_keep_their_position_in_the_text():
    text = "省科技厅、省市场监管局"
    got = split_agencies(text, 100, GAZ)
    assert [(n.start, n.end) for n in got] == [(100, 104), (105, 111)]


def test_parentheses_that_are_not_clauses_are_left_alone():
    text = "培育具有STES（科学、技术、工程、标准）背景的专家。（省科技厅牵头）"
    clauses, doubtful = find_clauses(text, 0, GAZ)
    assert [c.text for c in clauses] == ["省科技厅牵头"]
    assert doubtful == []


def test_a_clause_on_its_own_line_is_found():
    text = "推进项目建设。\n责任单位：省发展改革委、省财政厅\n"
    clauses, _ = find_clauses(text, 0, GAZ)
    assert [c.text for c in clauses] == ["责任单位：省发展改革委、省财政厅"]


def test_an_unbracketed_closing_sentence_is_a_clause_only_when_it_reads_as_one():
    clauses, _ = find_clauses("加强组织保障。省发展改革委牵头，省财政厅配合。", 0, GAZ)
    assert [(s.role, n.name) for c in clauses for s in c.segments for n in s.names] == [
        ("lead", "省发展改革委"),
        ("support", "省财政厅"),
    ]
    clauses, _ = find_clauses("各市要加强组织领导，主要负责同志亲自负责。", 0, GAZ)
    assert clauses == []


def test_a_line_that_opens_with_who_answers_for_the_item_is_a_clause():
    text = "轨道交通项目\n由吴继德副市长负责，市建设局牵头，市发改委配合，按照要求修改完善方案。\n"
    (clause,) = [c for c in find_clauses(text, 0, GAZ)[0] if c.segments]
    assert [(s.role, n.name) for s in clause.segments for n in s.names] == [
        ("lead", "市建设局"),
        ("support", "市发改委"),
    ]
    assert [(text[s:e], role) for s, e, role in clause.persons] == [("吴继德副市长", "responsible")]
    assert clause.text == "由吴继德副市长负责，市建设局牵头，市发改委配合，"
    clauses, _ = find_clauses("由市政府统一部署，各地抓好落实。\n", 0, GAZ)
    assert all(not c.segments for c in clauses)


def test_role_words_that_cannot_be_read_are_reported():
    _, doubtful = find_clauses("推进工作。（由相关方面统筹考虑后牵头）", 0, GAZ)
    assert doubtful == ["由相关方面统筹考虑后牵头"]


def test_a_role_word_closes_every_comma_separated_list_before_it():
    assert roles("自治区工业和信息化厅牵头，自治区发展改革委、自治区商务厅，柳州、南宁等市人民政府配合") == [
        ("lead", "自治区工业和信息化厅", False),
        ("support", "自治区发展改革委", False),
        ("support", "自治区商务厅", False),
        ("support", "柳州市人民政府", True),
        ("support", "南宁市人民政府", True),
    ]


def test_huitong_joins_two_agencies():
    assert roles("省生态环境厅会同省自然资源厅负责") == [
        ("shared", "省生态环境厅", False),
        ("shared", "省自然资源厅", False),
    ]


@pytest.mark.parametrize(
    "text, names",
    [
        ("融水苗族自治县、三江侗族自治县人民政府", ["融水苗族自治县人民政府", "三江侗族自治县人民政府"]),
        ("天荒坪镇、山川乡人民政府", ["天荒坪镇人民政府", "山川乡人民政府"]),
        ("各乡镇人民政府、街道办事处", ["各乡镇人民政府、街道办事处"]),
        ("市地方金融监管局、人民银行上海总部", ["市地方金融监管局", "人民银行上海总部"]),
    ],
)
def test_shared_suffixes_and_prefixes_fit_each_name(text, names):
    assert [n.name for n in split_agencies(text, 0, GAZ)] == names


def test_a_table_cell_takes_its_column_role_unless_marked_or_written_as_a_clause():
    from kg.parse.clauses import parse_cell

    cell = parse_cell("省发展改革委（牵头）、省经济和信息化厅、省大数据中心", 0, "shared", GAZ)
    assert [(s.role, [n.name for n in s.names]) for s in cell.segments] == [
        ("lead", ["省发展改革委"]),
        ("shared", ["省经济和信息化厅", "省大数据中心"]),
    ]
    assert cell.segments[0].names[0].end == 6
    cell = parse_cell("省经济和信息化厅牵头，省科技厅配合", 0, "shared", GAZ)
    assert [s.role for s in cell.segments] == ["lead", "support"]
