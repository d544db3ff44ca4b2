"""The words kg's stages share: roles, agency and place kinds, warning kinds (one definition each).

The parser writes ``Responsibility.role = "lead"``, the graph writes ``kg:lead`` and
``kg:ledBy``, the views write 牵头 in red: all of them read it from :data:`ROLES`, so a role
means the same everywhere. The terms are those of ``ontology.ttl``; ``tests/graph/test_ns.py``
checks every IRI here against it. This module imports nothing of kg, so every stage may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rdflib import URIRef

KG_NAMESPACE = "https://w3id.org/policy-kg/def#"


def _kg(local: str) -> URIRef:
    return URIRef(KG_NAMESPACE + local)


@dataclass(frozen=True)
class Role:
    """One agency's part in a task: lead (牵头), support (配合) or shared (分工负责)."""

    key: str  # what the document tree, JSON and CSV say: lead, support, shared
    zh: str  # the label every page and table prints
    en: str
    concept: URIRef  # the kg:Role concept a kg:Responsibility points at (kg:lead)
    task_property: URIRef  # task → agency shortcut (kg:ledBy)
    colour: str  # one palette for map, matrix and chart: a colour means one role everywhere
    tint: str  # the light fill of a matrix cell
    order: int  # the one order of roles: columns, chart segments, cells, counts
    rank: int  # how fully the agency answers for the task (lead, then shared, then support):
    # the order in which ``kg leads`` and the agency-tasks query list an agency's tasks


LEAD = Role("lead", "牵头", "lead", _kg("lead"), _kg("ledBy"), "#c62828", "#ffcdd2", 0, 0)
SUPPORT = Role("support", "配合", "support", _kg("support"), _kg("supportedBy"), "#1565c0", "#bbdefb", 1, 2)
SHARED = Role("shared", "分工负责", "shared", _kg("shared"), _kg("sharedBy"), "#7b1fa2", "#e1bee7", 2, 1)
ROLES: tuple[Role, ...] = (LEAD, SUPPORT, SHARED)
ROLE = {r.key: r for r in ROLES}
ROLE_KEYS = tuple(r.key for r in ROLES)
BY_RANK: tuple[Role, ...] = tuple(sorted(ROLES, key=lambda r: r.rank))
ROLE_OF_CONCEPT = {r.concept: r for r in ROLES}


@dataclass(frozen=True)
class Kind:
    """A kind of agency or place: the key the tree uses and the SKOS concept of the graph."""

    key: str
    concept: URIRef


def _kinds(*keys: str) -> dict[str, Kind]:
    return {k: Kind(k, _kg(k)) for k in keys}


# What ``Agency.kind`` may be; the gazetteer's rows give the kind, names outside it take the
# kind their last characters say (kg/data/lexicon/agency-kinds.csv).
AGENCY_KINDS = _kinds(
    "department",
    "commission",
    "bureau",
    "office",
    "government",
    "cityGovernment",
    "collective",
    "partyOrgan",
    "otherAgency",
)
OTHER_AGENCY = AGENCY_KINDS["otherAgency"]
# What ``Place.kind`` may be: the GB/T 2260 levels, and zones without a code.
PLACE_KINDS = _kinds("province", "prefecture", "county", "zone")


class WarningKind(str, Enum):
    """Every kind of ``TextWarning``; each is documented in ``ontology.ttl`` (kg:warningKind)."""

    DAMAGED_TEXT = "damaged-text"  # ?!?, ???, U+FFFD and mojibake in the original
    ENCODING = "encoding"  # bytes that could not be decoded
    JURISDICTION = "jurisdiction"  # no issuer or 文号 says which government issued it
    NUMBERING = "numbering"  # a number that does not continue its list: kept as text
    UNRECOGNISED_CLAUSE = "unrecognised-clause"  # a parenthesis with role words, unread
    UNKNOWN_AGENCY = "unknown-agency"  # an agency the gazetteer does not know
    CONFLICTING_ROLES = "conflicting-roles"  # one agency both leads and supports a task
    NO_CLAUSE = "no-clause"  # a task (or the whole document) names no responsible agency
    NO_TASKS = "no-tasks"  # the document has no numbered tasks
