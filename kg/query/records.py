"""The records the answers about agencies are made of (``kg leads``, ``kg agency``,
``kg agencies``), apart from the code that reads them: the rdflib walk of :mod:`kg.query.answers`
and the store's own queries of :mod:`kg.query.onstore` fill the same records, so they print
alike, and a question on a store loads no rdflib.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from kg.query.tables import DataFrameRows, Fields, RoleCounts, Table
from kg.vocab import BY_RANK

# An agency's tasks are listed by how fully it answers for them: leads, then shares, then supports.
ANSWER_ORDER = tuple(r.key for r in BY_RANK)
# Whose names a row of ``kg leads`` shows beside a task, by the agency's own role in it.
OTHERS = {"lead": ("lead",), "shared": ("shared",), "support": ("lead", "shared")}


@dataclass
class AgencyInfo:
    """Who an agency is, as every answer about it starts."""

    iri: str
    name: str
    full_name: str
    english: str | None
    kind: str | None
    collective: bool

    def heading(self) -> str:
        names = [self.name] + [n for n in (self.full_name, self.english) if n and n != self.name]
        return " · ".join(names) + (" (collective)" if self.collective else "")


@dataclass
class TaskRow:
    """One task an agency is named in: its role there and the other agencies that matter to it
    (co-leads of a task it leads, co-sharers of one it shares, the leads or sharers of one it
    supports)."""

    document: str
    path: str
    title: str
    role: str
    others: list[str]
    iri: str


TASK_COLUMNS = ["document", "path", "title", "role", "others"]
OTHERS_NOTE = "others: its co-leads (lead), co-sharers (shared), the leads or sharers (support)"


@dataclass
class Leads(DataFrameRows):
    """``kg leads``: what an agency leads, shares and supports."""

    agency: AgencyInfo
    tasks: list[TaskRow]

    def counts(self) -> dict[str, int]:
        c = Counter(t.role for t in self.tasks)
        return {role: c.get(role, 0) for role in ANSWER_ORDER}

    def to_json(self) -> dict:
        return {
            "agency": asdict(self.agency),
            "counts": self.counts(),
            "tasks": [asdict(t) for t in self.tasks],
        }

    def blocks(self) -> list[Fields | Table]:
        return [
            Fields([(None, self.agency.heading()), (None, RoleCounts(self.counts())), (None, OTHERS_NOTE)]),
            Table(TASK_COLUMNS, [asdict(t) for t in self.tasks]),
        ]


@dataclass
class AgencyCount:
    rank: int
    name: str
    label: str  # the short name, or the full name where two agencies share it (two 省商务厅)
    full_name: str
    kind: str | None
    collective: bool
    lead: int
    support: int
    shared: int
    tasks: int
    iri: str
    jurisdiction: str = ""  # the government it belongs to: 江苏省, 济南市


@dataclass
class AgencyList(DataFrameRows):
    """``kg agencies``: every agency named in a task, heaviest first."""

    agencies: list[AgencyCount]
    multi_jurisdiction: bool = False  # its documents come from more than one government

    def to_json(self) -> dict:
        return {"agencies": [asdict(a) for a in self.agencies]}

    def blocks(self) -> list[Fields | Table]:
        where = ["jurisdiction"] if self.multi_jurisdiction else []
        return [
            Table(
                ["rank", "label", *where, "kind", "lead", "support", "shared", "tasks"],
                [asdict(a) for a in self.agencies],
                headers={"rank": "#", "label": "agency"},
            )
        ]
