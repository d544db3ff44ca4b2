"""``kg matrix``: the accountability matrix, agencies × tasks, as HTML, CSV or XLSX.

Rows are agencies in workload order (:func:`kg.facts.workload`), columns are tasks in
document order grouped by section, and a cell says 牵头 / 配合 / 分工负责. Row totals are
the workload counts, column totals the roles named in each task, so the matrix, the
workload chart and ``kg agencies`` agree by construction. Only non-empty cells are stored
(1,000 generated documents: 14,342 agencies × 24,001 tasks, 344 million cells, 66,874
roles), and a dense row exists only while a table that prints every cell is being written.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.choices import MATRIX_FORMATS as FORMATS
from kg.errors import KgError
from kg.graph import facts
from kg.graph.tabular import COLUMNS, ResponsibilityRow, responsibility_rows
from kg.ns import KG
from kg.output import csv_text, set_cell
from kg.views.data import ViewData, view_data
from kg.views.page import page_title, render, roles_zh
from kg.vocab import LEAD, ROLE, ROLES

FIXED_TIME = datetime(2000, 1, 1)  # xlsx metadata and zip entries, so the bytes never change
TOTALS = (*(r.key for r in ROLES), "total")
TOTAL_ZH = {**{r.key: r.zh for r in ROLES}, "total": "合计"}


# Above this many cells (agencies × tasks) an HTML page shows the aggregate of
# :func:`summary` instead of the table: the HTML table costs about 10 bytes a cell, so the
# 6.9 million cells of 100 documents were 70 MB no browser opens. CSV and XLSX hold every cell.
MATRIX_LIMIT = 100_000
MATRIX_TOP = 50  # agencies the aggregate lists by name, heaviest first
XLSX_COLUMNS = 16_384  # the most columns a sheet holds (Excel's limit, XFD)


@dataclass
class Column:
    iri: str
    path: str
    title: str
    group: int  # index into Matrix.groups

    @property
    def heading(self) -> str:
        return f"{self.path} {self.title}".strip()


EMPTY: tuple[str, ...] = ()


@dataclass
class Row:
    iri: str
    label: str
    full_name: str
    cells: dict[int, tuple[str, ...]]  # column index → role keys in kg.vocab.ROLES order; no empty cell
    lead: int
    support: int
    shared: int
    total: int
    documents: int = 0  # documents in which the agency holds a role

    def dense(self, columns: int) -> list[tuple[str, ...]]:
        """Every cell of the row, empty ones included, for a table that prints them all."""
        return [self.cells.get(i, EMPTY) for i in range(columns)]


@dataclass
class Matrix:
    groups: list[tuple[str, int]] = field(default_factory=list)  # (section label, columns)
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    column_totals: list[int] = field(default_factory=list)  # roles named in each task
    documents: int = 0
    _totals: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> int:
        """Cells of the full table, agencies × tasks (the empty ones too)."""
        return len(self.rows) * len(self.columns)

    def totals(self) -> dict[str, int]:
        return dict(self._totals)


@dataclass
class Summary:
    """What an HTML page shows instead of a matrix above the limit, and what it leaves out."""

    rows: list[Row]  # the heaviest agencies
    rest: int  # agencies not listed
    rest_totals: dict[str, int]  # their roles, so the listed rows and the rest add up to the totals
    agencies: int
    tasks: int
    documents: int
    cells: int
    limit: int
    full_table: tuple[str, ...]  # the commands that write every cell


def matrix(graph: Graph | ViewData, format: str = "html", limit: int | None = None) -> str | bytes:
    """The matrix as a standalone HTML page, CSV text or XLSX bytes; an HTML page of more than
    ``limit`` cells (default :data:`MATRIX_LIMIT`) shows :func:`summary` instead."""
    data = view_data(graph)
    graph = data.graph
    m = matrix_data(data)
    if format == "html":
        return render("matrix.html", m=m, summary=summary(m, limit), title=_title(graph))
    if format == "csv":
        return _csv(m)
    if format == "xlsx":
        return _xlsx(m, responsibility_rows(graph))
    raise KgError(f"unknown matrix format {format!r}; choose one of {', '.join(FORMATS)}")


def summary(m: Matrix, limit: int | None = None, top: int | None = None) -> Summary | None:
    """None when the table has at most ``limit`` cells; else the heaviest ``top`` agencies
    with their counts by role and documents, and the sum of the others."""
    limit = MATRIX_LIMIT if limit is None else limit
    if m.cells <= limit:
        return None
    shown = m.rows[: MATRIX_TOP if top is None else top]
    rest = m.rows[len(shown) :]
    return Summary(
        rows=shown,
        rest=len(rest),
        rest_totals={k: sum(getattr(r, k) for r in rest) for k in TOTALS},
        agencies=len(m.rows),
        tasks=len(m.columns),
        documents=m.documents,
        cells=m.cells,
        limit=limit,
        full_table=tuple(f"kg matrix --format {f}" for f in ("csv", "xlsx") if f == "csv" or _fits_xlsx(m)),
    )


def _fits_xlsx(m: Matrix) -> bool:
    """Whether the matrix sheet (agency, a column per task, the totals) fits in a sheet."""
    return 1 + len(m.columns) + len(TOTALS) <= XLSX_COLUMNS


def matrix_data(source: Graph | ViewData) -> Matrix:
    """Columns (tasks by section), rows (agencies in workload order) and their non-empty
    cells; every total in one pass over the role triples."""
    data = view_data(source)
    g = data.graph
    m = Matrix()
    docs = facts.documents(g)
    m.documents = len(docs)
    keys: dict[tuple, int] = {}
    group_doc: list[int] = []
    for d, doc in enumerate(docs):
        for task in facts.task_iris(g, doc):
            section = facts.section_of(g, task)
            key = (str(doc), str(section))
            if key not in keys:
                keys[key] = len(m.groups)
                m.groups.append((_group_label(g, doc, section, len(docs) > 1), 0))
                group_doc.append(d)
            label, count = m.groups[keys[key]]
            m.groups[keys[key]] = (label, count + 1)
            m.columns.append(
                Column(
                    str(task),
                    facts.literal(g, task, KG.path, None) or "",
                    facts.literal(g, task, DCTERMS.title) or "",
                    keys[key],
                )
            )
    loads, labels = data.workload, data.labels
    index = {c.iri: i for i, c in enumerate(m.columns)}
    cells: dict[str, dict[int, list[str]]] = {w.iri: {} for w in loads}
    m.column_totals = [0] * len(m.columns)
    for role in ROLES:
        for held, agency in g.subject_objects(role.task_property):
            i = index.get(str(held))
            row = cells.get(str(agency))
            if i is not None and row is not None:
                row.setdefault(i, []).append(role.key)
                m.column_totals[i] += 1
    for w in loads:
        row = cells[w.iri]
        m.rows.append(
            Row(
                w.iri,
                labels[w.iri],
                w.full_name,
                {i: tuple(sorted(row[i], key=lambda key: ROLE[key].order)) for i in sorted(row)},
                w.lead,
                w.support,
                w.shared,
                w.total,
                len({group_doc[m.columns[i].group] for i in row}),
            )
        )
    m._totals = {k: sum(getattr(r, k) for r in m.rows) for k in TOTALS}
    return m


def _group_label(g: Graph, doc: URIRef, section: URIRef | None, many: bool) -> str:
    if section is None:
        label = facts.document_label(g, doc)
    else:
        marker = facts.literal(g, section, KG.marker, None) or ""
        label = marker + (facts.literal(g, section, DCTERMS.title) or "")
    return f"{facts.document_label(g, doc)} {label}" if many and section is not None else label


def _title(g: Graph) -> str:
    return page_title(facts.document_label(g, d) for d in facts.documents(g))


def _table(m: Matrix) -> Iterator[list]:
    """Header, one row per agency, and the totals row, as plain values, one row at a time
    (a dense row exists only while it is written)."""
    n = len(m.columns)
    zh = {cell: roles_zh(list(cell)) for r in m.rows for cell in r.cells.values()}
    zh[EMPTY] = ""
    yield ["机构 agency", *(c.heading for c in m.columns), *(TOTAL_ZH[k] for k in TOTALS)]
    for r in m.rows:
        yield [r.label, *(zh[c] for c in r.dense(n)), *(getattr(r, k) for k in TOTALS)]
    totals = m.totals()
    yield ["合计 total", *m.column_totals, *(totals[k] for k in TOTALS)]


def _csv(m: Matrix) -> str:
    return csv_text(_table(m))


# The rows of kg export --format csv, less what only joins or orders them.
LONG_COLUMNS = tuple(
    c for c in COLUMNS if c not in ("position", "open", "responsibility_iri", "document_iri")
)


def _xlsx(m: Matrix, rows: list[ResponsibilityRow]) -> bytes:
    """The matrix sheet, and beside it the long format (one row per responsibility) that
    pivot tables and pandas want; paths are text cells, so 2.10 stays 2.10."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    if not _fits_xlsx(m):
        raise KgError(
            f"the matrix has {len(m.columns):,} tasks, {1 + len(m.columns) + len(TOTALS):,} columns: more "
            f"than the {XLSX_COLUMNS:,} of an xlsx sheet; write it with --format csv, or one row per "
            "responsibility with kg export --format csv"
        )
    wb = Workbook()
    ws = wb.active
    ws.title = "matrix"
    set_cell(ws.cell(1, 1), "机构 agency")
    col = 2
    for label, span in m.groups:
        set_cell(ws.cell(1, col), label)
        ws.cell(1, col).alignment = Alignment(horizontal="center")
        if span > 1:
            ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + span - 1)
        col += span
    set_cell(ws.cell(1, col), "合计 totals")
    ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + len(TOTALS) - 1)
    last = 1
    for last, values in enumerate(_table(m), 2):
        for c, value in enumerate(values, 1):
            if value != "":  # an empty cell is not stored: the sheet stays as large as its roles
                set_cell(ws.cell(last, c), value)  # a label that begins with = stays text
    fills = {r.key: PatternFill("solid", fgColor=r.tint.lstrip("#").upper()) for r in ROLES}
    for r, row in enumerate(m.rows, 3):
        for c, roles in row.cells.items():
            cell = ws.cell(r, c + 2)
            cell.fill = fills[roles[0]]
            first = ROLE[roles[0]]
            cell.font = Font(color=first.colour.lstrip("#").upper(), bold=first is LEAD)
            cell.alignment = Alignment(horizontal="center")
    for c in range(2, len(m.columns) + 2):
        ws.cell(2, c).alignment = Alignment(textRotation=255, vertical="bottom", horizontal="center")
        ws.column_dimensions[get_column_letter(c)].width = 7
    ws.column_dimensions["A"].width = 22
    bold = Font(bold=True)
    for cell in ws[1] + ws[2] + ws[last]:
        cell.font = bold
    ws.freeze_panes = "B3"
    long = wb.create_sheet("responsibilities")
    long.append(list(LONG_COLUMNS))
    for responsibility in rows:
        long.append([getattr(responsibility, c) for c in LONG_COLUMNS])
    for cell in long[1]:
        cell.font = bold
    long.freeze_panes = "A2"
    wb.properties.creator = "kg"
    wb.properties.created = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite an xlsx with fixed timestamps (openpyxl stamps the save time in two places)."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    lambda mo: mo.group(1) + stamp.encode(),
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, content)
    return out.getvalue()
