"""Print the real-document scores at the end of a run that scored them."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from test_real import report_lines

    lines = report_lines()
    if lines:
        terminalreporter.section("real-document F1 (task, role, agency)")
        for line in lines:
            terminalreporter.write_line(line)
