"""Answers become pandas DataFrames for notebooks: columns as printed, paths as strings."""

from __future__ import annotations

import sys

import pytest

import kg

pd = pytest.importorskip("pandas")


def test_a_query_result_is_a_dataframe_with_paths_as_strings(ten_task_graph):
    result = kg.query(ten_task_graph, "tasks-without-lead")
    frame = result.to_dataframe()
    assert list(frame.columns)[: len(result.columns)] == result.columns
    assert frame["path"].tolist() == [row["path"] for row in result.rows]
    assert "1.10" in frame["path"].tolist() and frame["path"].map(type).eq(str).all()


def test_leads_and_agencies_turn_into_frames(seed_graph):
    leads = kg.leads(seed_graph, "省商务厅")
    frame = leads.to_dataframe()
    assert len(frame) == len(leads.blocks()[-1].rows) > 0
    counts = kg.agencies(seed_graph).to_dataframe()
    assert counts["lead"].dtype.kind == "i" and counts.iloc[0]["label"] == "省市场监管局"
    assert counts.iloc[0]["iri"].endswith("/agency/370000/market-regulation")


def test_an_unknown_table_and_a_missing_pandas_are_clear_errors(seed_graph, monkeypatch):
    with pytest.raises(kg.KgError, match="no table 7"):
        kg.agencies(seed_graph).to_dataframe(7)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(kg.KgError, match="needs pandas"):
        kg.agencies(seed_graph).to_dataframe()


@pytest.fixture(scope="module")
def ten_task_graph():
    items = "\n".join(f"（{n}）第{n}项工作。（省商务厅、省财政厅分工负责）" for n in "一二三四五六七八九十")
    return kg.to_graph([kg.parse_text(f"山东省人民政府关于推进工作的实施意见\n一、重点任务\n{items}\n")])
