"""Nothing is lost silently: every rule that removes text says so, and no removed line ever
held a role word, an agency list or a deadline; leads under repeated lines stay."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.parse.cells import deadline_like
from kg.parse.clauses import mentions_role

FIXTURES = Path(__file__).parents[1] / "fixtures"
ALL = sorted(
    p for batch in ("styles", "styles2", "styles3", "real") for p in (FIXTURES / batch).glob("*.txt")
)

FIVE = "市工业和信息化局关于印发重点任务的通知\n一、重点任务\n" + "".join(
    f"{n}.推进第{n}项工作。\n牵头单位：市工信局\n完成时限：2023年6月底前\n" for n in range(1, 6)
)


def test_the_same_lead_line_under_five_tasks_keeps_all_five_leads():
    doc = kg.parse_text(FIVE)
    assert [[r.written for r in t.responsibilities if r.role == "lead"] for t in doc.tasks()] == [
        ["市工信局"]
    ] * 5
    assert [t.deadline for t in doc.tasks()] == ["2023年6月底前"] * 5
    assert not [w for w in doc.warnings if w.kind == "removed-text"]


def test_a_running_header_at_page_breaks_goes_with_a_warning_naming_its_line():
    page = (
        "某某市人民政府公报\n一、任务\n1.推进工作。（市发改委负责）\n— 1 —\n"
        "某某市人民政府公报\n2.推进改革。（市财政局负责）\n"
    )
    doc = kg.parse_text(page)
    removed = [(w.line, w.message) for w in doc.warnings if w.kind == "removed-text"]
    assert removed == [
        (1, "removed as page furniture: “某某市人民政府公报”"),
        (4, "removed as page furniture: “— 1 —”"),
        (5, "removed as page furniture: “某某市人民政府公报”"),
    ]
    assert [r.written for t in doc.tasks() for r in t.responsibilities] == ["市发改委", "市财政局"]


@pytest.mark.parametrize("path", ALL, ids=[f"{p.parent.name}/{p.stem}" for p in ALL])
def test_no_removed_line_ever_held_a_role_word_an_agency_list_or_a_deadline(path):
    doc = kg.parse(path)
    for w in doc.warnings:
        if w.kind != "removed-text":
            continue
        line = kg.normalize(w.span.quote).text
        assert not mentions_role(line), (w.line, line)
        assert not deadline_like(line), (w.line, line)


def test_the_last_tasks_own_line_clause_is_not_swallowed_by_the_signature():
    text = "一、任务\n1.推进工作。\n责任单位：区发改局\n某某区人民政府\n2023年3月1日\n"
    doc = kg.parse_text(text)
    assert doc.issuer_name == "某某区人民政府"
    assert [r.written for r in doc.tasks()[0].responsibilities] == ["区发改局"]


def test_build_counts_the_body_text_in_no_task_or_section(tmp_path):
    src = tmp_path / "progress.txt"
    src.write_text(
        "一、进展\n序号\t工作任务\t进展情况\t责任单位\n1\t推进工作\t已完成八成\t市发改委\n", encoding="utf-8"
    )
    result = kg.build([src], out=tmp_path / "out", views=False)
    assert result.summaries[0].unassigned == len("已完成八成")
    assert "  text in no task or section: 5 characters" in result.lines()
