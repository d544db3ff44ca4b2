"""Clause forms the corpus generator (benchmarks/) and real documents showed kg misreading.

Each case is a synthetic snippet; the real passages of the same forms are in
``test_real_passages.py``.
"""

from __future__ import annotations

import pytest

import kg
from kg.lexicon.gazetteer import gazetteer
from kg.parse.clauses import split_agencies
from kg.vocab import WarningKind

PROVINCE = "山东省人民政府\n关于印发重点工作任务分工的通知\n一、重点任务\n"
REGION = "广西壮族自治区人民政府\n关于印发重点工作任务分工的通知\n一、重点任务\n"
CITY = "济南市人民政府办公厅\n关于印发重点工作任务分工的通知\n一、重点任务\n"
DISTRICT = "济南市历下区人民政府办公室\n关于印发重点工作任务分工的通知\n一、重点任务\n"
COUNTY = "济南市平阴县人民政府办公室\n关于印发重点工作任务分工的通知\n一、重点任务\n"
BANNER = "鄂尔多斯市鄂托克旗人民政府办公室\n关于印发重点工作任务分工的通知\n一、重点任务\n"


def _read(head: str, item: str) -> tuple[kg.Document, list[tuple[str, str, str]]]:
    """The document and its first task's (role, short name, key) triples."""
    doc = kg.parse_text(head + item + "\n")
    task = doc.tasks()[0]
    return doc, [(r.role, doc.agencies[r.agency].short, r.agency) for r in task.responsibilities]


def _roles(head: str, item: str) -> list[tuple[str, str]]:
    return [(role, short) for role, short, _ in _read(head, item)[1]]


# ---- 1. people's organisations, 政协 and military commands ---------------------------------
@pytest.mark.parametrize(
    "head, item, want",
    [
        (
            PROVINCE,
            "1.推进改革。（省应急厅牵头，省国资委、省科协配合）",
            [("lead", "省应急厅"), ("support", "省国资委"), ("support", "省科协")],
        ),
        (
            PROVINCE,
            "1.推进改革。（省退役军人厅牵头，省政协办公厅、省军区配合）",
            [("lead", "省退役军人厅"), ("support", "省政协办公厅"), ("support", "省军区")],
        ),
        (
            CITY,
            "1.推进改革。（市应急局牵头，市科协、市政协、济南警备区配合）",
            [("lead", "市应急局"), ("support", "市科协"), ("support", "市政协"), ("support", "市警备区")],
        ),
        (PROVINCE, "1.推进改革。（省科协、省总工会负责）", [("shared", "省科协"), ("shared", "省总工会")]),
        (CITY, "1.推进改革。（市政协负责）", [("shared", "市政协")]),
        (
            DISTRICT,
            "1.推进改革。（区人武部牵头，区退役军人局配合）",
            [("lead", "区人武部"), ("support", "区退役军人局")],
        ),
        (
            REGION,
            "1.推进改革。（自治区科协、自治区政协办公厅负责）",
            [("shared", "自治区科协"), ("shared", "自治区政协办公厅")],
        ),
    ],
)
def test_peoples_organisations_cppcc_and_military_commands_are_agencies(head, item, want):
    assert _roles(head, item) == want


def test_those_bodies_are_the_gazetteers_own():
    doc, got = _read(CITY, "1.推进改革。（市科协牵头，市政协、济南军分区配合）")
    assert [key for _, _, key in got] == [
        "370100/science-association",
        "370100/cppcc",
        "370100/military-district",
    ]
    assert not [w for w in doc.warnings if w.kind == WarningKind.UNKNOWN_AGENCY]


def test_a_segment_kg_cannot_read_is_a_warning_with_its_line():
    """The lead half is read; the half after it names nothing kg knows as a body: it is kept
    as a warning on the clause's line, never dropped in silence."""
    doc, got = _read(PROVINCE, "1.推进改革。\n2.扩大开放。（省商务厅牵头，视情况统筹推进配合）")
    assert got == []  # task 1 has no clause
    task = doc.tasks()[1]
    assert [(r.role, r.written) for r in task.responsibilities] == [("lead", "省商务厅")]
    (warning,) = [w for w in doc.warnings if w.kind == WarningKind.UNRECOGNISED_CLAUSE]
    assert "视情况统筹推进配合" in warning.message
    assert warning.line == 5


def test_an_unread_segment_of_an_own_line_clause_is_a_warning():
    text = CITY + "1.推进改革。\n责任单位：市发改委，视情况统筹推进\n"
    doc = kg.parse_text(text)
    assert [(r.role, r.written) for r in doc.tasks()[0].responsibilities] == [("shared", "市发改委")]
    (warning,) = [w for w in doc.warnings if w.kind == WarningKind.UNRECOGNISED_CLAUSE]
    assert "视情况统筹推进" in warning.message
    assert warning.line == 5


# ---- 2. 等有关部门 takes the issuer's level ---------------------------------------------------
@pytest.mark.parametrize(
    "head, item, short, key",
    [
        (
            DISTRICT,
            "1.推进改革。（区发改局牵头，区财政局等有关部门配合）",
            "区政府有关部门",
            "370102/relevant-departments",
        ),
        (
            COUNTY,
            "1.推进改革。（县发改局牵头，县财政局等有关部门配合）",
            "县政府有关部门",
            "370124/relevant-departments",
        ),
        (
            BANNER,
            "1.推进改革。（旗发改委牵头，旗财政局等有关部门配合）",
            "旗政府有关部门",
            "150624/relevant-departments",
        ),
        (
            CITY,
            "1.推进改革。（市发改委牵头，市财政局等有关部门配合）",
            "市政府有关部门",
            "370100/relevant-departments",
        ),
    ],
)
def test_etc_relevant_departments_take_the_issuers_level(head, item, short, key):
    _, got = _read(head, item)
    assert got[-1] == ("support", short, key)


def test_a_county_document_naming_the_citys_departments_keeps_the_city():
    _, got = _read(DISTRICT, "1.推进改革。（区发改局牵头，市直有关部门配合）")
    assert got[-1] == ("support", "济南市政府有关部门", "370100/relevant-departments")


# ---- 3. lists of places that share one suffix ------------------------------------------------
JILIN = "吉林省人民政府\n关于印发重点工作任务分工的通知\n一、重点任务\n"
SHAANXI = "陕西省人民政府\n关于印发重点工作任务分工的通知\n一、重点任务\n"


@pytest.mark.parametrize(
    "head, item, want",
    [
        (
            JILIN,
            "1.推进改革。（省发展改革委牵头，吉林、长春等市政府配合）",
            [("support", "吉林市政府", "220200/government"), ("support", "长春市政府", "220100/government")],
        ),
        (
            SHAANXI,
            "1.推进改革。（省发展改革委牵头，西安、宝鸡市政府配合）",
            [("support", "西安市政府", "610100/government"), ("support", "宝鸡市政府", "610300/government")],
        ),
        (
            SHAANXI,
            "1.推进改革。（省发展改革委牵头，西安、宝鸡配合）",
            [("support", "西安市政府", "610100/government"), ("support", "宝鸡市政府", "610300/government")],
        ),
        (
            SHAANXI,
            "1.推进改革。（省发展改革委牵头，宝鸡、西安负责）",
            [("shared", "宝鸡市政府", "610300/government"), ("shared", "西安市政府", "610100/government")],
        ),
        (
            SHAANXI,
            "1.推进改革。（省发展改革委牵头，西安配合）",
            [("support", "西安市政府", "610100/government")],
        ),
    ],
)
def test_each_place_of_a_list_is_its_own_government(head, item, want):
    _, got = _read(head, item)
    assert got[1:] == want
    assert got[0][0] == "lead"


def test_a_list_of_provinces_keeps_the_provinces():
    national = "国务院办公厅\n关于印发重点工作任务分工的通知\n一、重点任务\n"
    _, got = _read(national, "1.推进改革。（国家发展改革委牵头，吉林、辽宁省政府配合）")
    assert [key for _, _, key in got[1:]] == ["220000/government", "210000/government"]


# ---- 4. Party organs of a region, a province and a city --------------------------------------
@pytest.mark.parametrize(
    "head, name, key",
    [
        (REGION, "自治区党委宣传部", "450000/publicity-department"),
        (REGION, "自治区党委组织部", "450000/organization-department"),
        (REGION, "自治区党委办公厅", "450000/party-general-office"),
        (REGION, "自治区党委", "450000/party-committee"),
        (REGION, "广西壮族自治区党委宣传部", "450000/publicity-department"),
        (PROVINCE, "省委宣传部", "370000/publicity-department"),
        (CITY, "市委宣传部", "370100/publicity-department"),
        (
            "南宁市人民政府办公室\n关于印发重点工作任务分工的通知\n一、重点任务\n",
            "自治区党委宣传部",
            "450000/publicity-department",
        ),
    ],
)
def test_party_organs_are_known_with_their_jurisdiction(head, name, key):
    doc, got = _read(head, f"1.推进改革。（{name}牵头，有关部门配合）")
    assert got[0][2] == key
    assert doc.agencies[key].kind == "partyOrgan"


# ---- 5. deadlines and numbering seen in the real corpus --------------------------------------
def test_a_parenthesised_deadline_after_the_clause_is_the_tasks_deadline():
    doc = kg.parse_text(CITY + "1.推进改革。（市发改委牵头，市财政局配合）（2023年底前完成）\n")
    (task,) = doc.tasks()
    assert task.deadline == "2023年底前完成"
    assert (task.due.kind, task.due.end) == ("date", "2023-12-31")
    assert [r.written for r in task.responsibilities] == ["市发改委", "市财政局"]


def test_an_own_line_parenthesised_deadline_is_read():
    doc = kg.parse_text(
        CITY + "1.推进改革。\n责任单位：市发改委\n（2023年底前完成）\n2.扩大开放。（市商务局负责）\n"
    )
    first, second = doc.tasks()
    assert (first.deadline, second.deadline) == ("2023年底前完成", None)


@pytest.mark.parametrize(
    "clause",
    [
        "（市发改委负责，持续推进）",
        "（市发改委负责）（持续推进）",
        "\n责任单位：市发改委\n完成时限：持续推进",
    ],
)
def test_ongoing_is_a_deadline_form(clause):
    (task,) = kg.parse_text(CITY + "1.推进改革。" + clause + "\n").tasks()
    assert task.deadline == "持续推进"
    assert task.due.kind == "ongoing"
    assert [r.written for r in task.responsibilities] == ["市发改委"]


def test_small_full_stop_numbering_with_three_tasks_or_more():
    items = "".join(f"{n}\ufe52第{n}项工作。（市人社局负责）\n" for n in range(1, 5))
    doc = kg.parse_text(CITY + items)
    assert [(t.path, t.title) for t in doc.tasks()] == [(f"1.{n}", f"第{n}项工作") for n in range(1, 5)]
    assert all(t.responsibilities for t in doc.tasks())


@pytest.mark.parametrize(
    "written, want",
    [
        ("吉林、长春", ["吉林市政府", "长春市政府"]),
        ("长春、吉林", ["长春市政府", "吉林市政府"]),
        ("吉林、辽宁", ["吉林省政府", "辽宁省政府"]),
        ("延安、西安", ["延安市政府", "西安市政府"]),
        ("喀什、和田地区行政公署", ["喀什地区行政公署", "和田地区行政公署"]),
    ],
)
def test_a_bare_place_takes_the_kind_of_its_neighbours(written, want):
    assert [n.name for n in split_agencies(written, 0, gazetteer())] == want


def test_the_ge_of_an_autonomous_county_of_all_nationalities_is_no_collective():
    """隆林各族自治县: 各 there names the nationalities, not every county."""
    baise = "百色市人民政府办公室\n关于印发重点工作任务分工的通知\n一、重点任务\n"
    _, got = _read(baise, "1.推进改革。（市发改委牵头，德保县、隆林各族自治县人民政府配合）")
    assert got[1:] == [
        ("support", "德保县政府", "451024/government"),
        ("support", "隆林各族自治县政府", "451031/government"),
    ]
