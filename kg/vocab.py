"""The words kg's stages share: roles, agency and place kinds, warning kinds (one definition each).

The parser writes ``Responsibility.role = "lead"``, the graph writes ``kg:lead`` and
``kg:ledBy``, the views write 牵头 in red: all of them read it from :data:`ROLES`, so a role
means the same everywhere. The terms are those of ``ontology.ttl``; ``tests/graph/test_ns.py``
checks every IRI here against it. This module imports nothing of kg, so every stage may use it,
and makes its IRIs on first use, so that ``kg --help`` can name the roles without loading rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import URIRef

KG_NAMESPACE = "https://w3id.org/policy-kg/def#"
DEFAULT_BASE = "https://w3id.org/policy-kg/id/"  # where the instances' IRIs live unless --base says


def _kg(local: str) -> URIRef:
    """A term of the kg vocabulary, made on first use: the command line prints the roles in its
    help (``kg --help``) without loading rdflib, so this module imports it only here."""
    from rdflib import URIRef

    return URIRef(KG_NAMESPACE + local)


@dataclass(frozen=True)
class Role:
    """One agency's part in a task: lead (牵头), support (配合) or shared (分工负责)."""

    key: str  # what the document tree, JSON and CSV say: lead, support, shared; the concept's name
    zh: str  # the label every page and table prints
    en: str
    property_name: str  # the name of the task → agency shortcut (ledBy)
    colour: str  # one palette for map, matrix and chart: a colour means one role everywhere
    tint: str  # the light fill of a matrix cell
    order: int  # the one order of roles: columns, chart segments, cells, counts
    rank: int  # how fully the agency answers for the task (lead, then shared, then support):
    # the order in which ``kg leads`` and the agency-tasks query list an agency's tasks

    @cached_property
    def concept(self) -> URIRef:
        """The kg:Role concept a kg:Responsibility points at (kg:lead)."""
        return _kg(self.key)

    @cached_property
    def task_property(self) -> URIRef:
        """The task → agency shortcut (kg:ledBy)."""
        return _kg(self.property_name)


LEAD = Role("lead", "牵头", "lead", "ledBy", "#c62828", "#ffcdd2", 0, 0)
SUPPORT = Role("support", "配合", "support", "supportedBy", "#1565c0", "#bbdefb", 1, 2)
SHARED = Role("shared", "分工负责", "shared", "sharedBy", "#7b1fa2", "#e1bee7", 2, 1)
ROLES: tuple[Role, ...] = (LEAD, SUPPORT, SHARED)
ROLE = {r.key: r for r in ROLES}
ROLE_KEYS = tuple(r.key for r in ROLES)
BY_RANK: tuple[Role, ...] = tuple(sorted(ROLES, key=lambda r: r.rank))
ROLE_OF_CONCEPT: dict[URIRef, Role]  # made on first use, by __getattr__ below: its keys are IRIs
# How messages and help name the roles: "lead (牵头), support (配合) or shared (分工负责)".
ROLE_CHOICES = ", ".join(f"{r.key} ({r.zh})" for r in ROLES[:-1]) + f" or {ROLES[-1].key} ({ROLES[-1].zh})"


if not TYPE_CHECKING:  # the type checker reads the declaration above

    def __getattr__(name: str) -> object:
        """The names whose values are IRIs, made when first asked for (PEP 562); see :func:`_kg`."""
        if name == "ROLE_OF_CONCEPT":
            value = globals()[name] = {r.concept: r for r in ROLES}
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Kind:
    """A kind of agency or place: the key the tree uses and the SKOS concept of the graph."""

    key: str  # the concept's name

    @cached_property
    def concept(self) -> URIRef:
        return _kg(self.key)


def _kinds(*keys: str) -> dict[str, Kind]:
    return {k: Kind(k) for k in keys}


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
    # what a reader of Word, PDF, web pages and sheets left out or could not keep as it was
    WEB_NAVIGATION = "web-navigation"  # a web page's menus, breadcrumb, previous/next links
    WEB_HEADER = "web-header"  # the site's banner above the document
    WEB_FOOTER = "web-footer"  # copyright, site codes, contact lines under the document
    WEB_SHARE_BAR = "web-share-bar"  # 分享到 微信 微博
    WEB_ATTACHMENTS = "web-attachments"  # the 附件下载 list of links
    WEB_SIDEBAR = "web-sidebar"  # related documents, hot topics
    WEB_TOOLS = "web-tools"  # 【打印】【关闭】, font size buttons
    WEB_OUTSIDE = "web-outside"  # other text of the page outside the document's part
    TABLE_HEADER_REPEAT = "table-header-repeat"  # a table's header row a later page repeats
    NESTED_TABLE = "nested-table"  # a table inside a table cell, its text kept in the cell
    HIDDEN_SHEET = "hidden-sheet"  # a workbook's hidden sheet, read like the others
    OCR = "ocr"  # a PDF page without a text layer, read by tesseract (--ocr)
    REMOVED_TEXT = "removed-text"  # a line removed as page furniture (page number, running header)
    TABLE = "table"  # a table column or row the parser could not read, or a header it skipped
    UNRECOGNISED_CELL = "unrecognised-cell"  # a table cell under a role column, unread
    UNRECOGNISED_PERSON = "unrecognised-person"  # a name under a leader label that is no person
