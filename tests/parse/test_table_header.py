"""A line that names a column (责任单位：… under every task) is tried as a table's header;
trying it reads only as far as a header could go, not the rest of the document."""

from __future__ import annotations

import kg
from kg.parse.structure import lines_of
from kg.parse.tables import _header_lines, _without_bars


def _document(n: int) -> str:
    items = "".join(
        f"（{i}）推进第{i}项工作，完善相关制度。\n责任单位：省商务厅、省财政厅\n" for i in range(1, n + 1)
    )
    return "鲁政发〔2023〕1号\n山东省人民政府关于推进工作的通知\n一、重点任务\n" + items


def test_the_header_of_a_column_line_is_read_from_the_next_few_lines_only():
    text = _document(200)
    lines = lines_of(text)
    i = next(k for k, line in enumerate(lines) if line.text.startswith("责任单位"))
    head = _header_lines(lines, i, lambda line: False)
    assert 1 <= len(head) <= 3
    assert head == _without_bars(lines, i)[0][: len(head)]


def test_every_task_keeps_its_own_line_clause():
    doc = kg.parse_text(_document(40), "many.txt")
    tasks = doc.tasks()
    assert len(tasks) == 40
    assert all(
        {r.role for r in t.responsibilities} == {"shared"} and len(t.responsibilities) == 2 for t in tasks
    )
