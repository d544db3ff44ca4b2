"""A document tree as an indented outline, for ``kg parse`` without ``--json``."""

from __future__ import annotations

from kg.model import Document, Task
from kg.vocab import ROLE


def outline(doc: Document) -> list[str]:
    """Header, then one line per section and task with its agencies by role."""
    lines = [
        " ".join(x for x in (doc.identifier, doc.issuer_name, doc.date) if x) or doc.source,
    ]
    if doc.title:
        lines.append(doc.title)
    for section in doc.sections:
        if section.marker:
            lines.append(f"{section.path} {section.marker}{section.title or ''}")
        for task in section.tasks:
            lines.extend(_task_lines(doc, task, 1))
    for w in doc.warnings:
        where = f"line {w.line}: " if w.line else ""
        lines.append(f"warning: {where}{w.message}")
    return lines


def _task_lines(doc: Document, task: Task, depth: int) -> list[str]:
    roles: dict[str, list[str]] = {}
    for r in task.responsibilities:
        roles.setdefault(r.role, []).append(doc.agencies[r.agency].short)
    who = "；".join(f"{ROLE[k].zh}：{'、'.join(v)}" for k, v in roles.items())
    out = [f"{'  ' * depth}{task.path} {task.title}" + (f"  [{who}]" if who else "")]
    for child in task.children:
        out.extend(_task_lines(doc, child, depth + 1))
    return out
