"""Terminal tables line up with Chinese text; JSON is stable; CSV is one plain table."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.query.tables import Fields, Table, dumps, render, render_fields, render_table, width, wrap


def test_chinese_characters_take_two_columns():
    assert width("省商务厅") == 8
    assert width("3.3") == 3
    assert width("鲁政发〔2022〕6号") == 17
    assert width("e\u0301") == 1  # a combining accent takes none


def _starts(line: str, cells: list[str]) -> list[int]:
    """The terminal column at which each cell starts on ``line``."""
    out, pos = [], 0
    for cell in cells:
        i = line.index(cell, pos)
        out.append(width(line[:i]))
        pos = i + len(cell)
    return out


def test_columns_line_up_whatever_the_mix_of_chinese_and_ascii():
    rows = [
        {"path": "3.3", "title": "实施服务对外开放标准化建设", "role": "lead"},
        {"path": "10.12", "title": "Open", "role": "support"},
        {"path": "2.1", "title": "开展关键技术领域标准攻关", "role": "shared"},
    ]
    lines = render_table(Table(["path", "title", "role"], rows)).splitlines()
    assert lines[0].split() == ["path", "title", "role"]
    starts = [_starts(line, [r["path"], r["title"], r["role"]]) for line, r in zip(lines[2:], rows)]
    assert starts[0] == starts[1] == starts[2] == [0, 7, 35]


def test_long_lists_wrap_inside_their_column_after_the_separator():
    many = ["省工业和信息化厅", "省民政厅", "省住房城乡建设厅", "省交通运输厅", "省水利厅", "省文化和旅游厅"]
    lines = render_table(Table(["path", "others"], [{"path": "3.2", "others": many}]), cell=20).splitlines()
    body = [line[5:] for line in lines[2:]]
    assert lines[2].startswith("3.2  ") and all(line.startswith("     ") for line in lines[3:])
    assert "".join(body).replace(" ", "") == "、".join(many)
    assert all(not b.lstrip().startswith("、") for b in body)
    assert all(b.endswith("、") for b in body[:-1])


def test_numbers_are_right_aligned():
    lines = render_table(Table(["name", "n"], [{"name": "a", "n": 5}, {"name": "b", "n": 16}])).splitlines()
    assert lines[2:] == ["a      5", "b     16"]


def test_an_empty_table_says_none():
    assert render_table(Table(["a"], [], title="Targets (0)")) == "Targets (0)\n(none)"


def test_fields_align_their_values_and_wrap_long_ones():
    text = render_fields(
        Fields([("path", "3.3"), ("clause", "省市场监管局、省商务厅牵头"), ("text", "标准" * 60)]), total=40
    )
    lines = text.splitlines()
    assert lines[:2] == ["path    3.3", "clause  省市场监管局、省商务厅牵头"]
    assert all(width(line) <= 40 for line in lines)
    assert all(line.startswith("        ") for line in lines[3:])


@given(
    st.text(alphabet=st.sampled_from(list("省商务厅局市、，, ab1")), max_size=200),
    st.integers(min_value=2, max_value=50),
)
def test_wrapping_keeps_every_character_and_every_line_fits(text, columns):
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_json_is_sorted_and_every_row_has_every_key(seed_graph):
    out = render(kg.leads(seed_graph, "省商务厅"), "json")
    data = json.loads(out)
    assert list(data) == sorted(data) == ["agency", "counts", "tasks"]
    assert {tuple(sorted(t)) for t in data["tasks"]} == {
        ("document", "iri", "others", "path", "role", "title")
    }
    assert out == dumps(data) and out.endswith("}\n") and "省商务厅" in out


def test_json_of_an_agency_with_no_tasks_has_the_same_keys(seed_graph):
    empty = json.loads(render(kg.agency(seed_graph, "省政府"), "json"))
    full = json.loads(render(kg.agency(seed_graph, "省商务厅"), "json"))
    assert sorted(empty) == sorted(full)
    assert empty["counts"] == {"lead": 0, "shared": 0, "support": 0, "tasks": 0}


def test_csv_is_the_main_table_with_lists_joined(seed_graph):
    rows = list(csv.reader(io.StringIO(render(kg.leads(seed_graph, "省商务厅"), "csv"))))
    assert rows[0] == ["document", "path", "title", "role", "others", "iri"]
    assert rows[1][:5] == ["鲁政发〔2022〕6号", "3.3", "实施服务对外开放标准化建设", "lead", "省市场监管局"]
    assert rows[1][5].endswith("/t/3.3")
    assert rows[3][4] == "省农业农村厅、省市场监管局" and len(rows) == 4


def test_csv_of_a_query_writes_booleans_and_empty_values_plainly(seed_graph):
    rows = list(csv.DictReader(io.StringIO(render(kg.query(seed_graph, "agency-profile"), "csv"))))
    collective = next(r for r in rows if r["name"] == "省政府有关部门")
    assert (collective["collective"], collective["support"]) == ("true", "8")
