"""Spreadsheets (.xlsx, .csv) → a heading and tab-separated rows, as a task-division table
reads in a text document.

openpyxl (already a dependency for the xlsx export) reads the cells and the merged ranges;
the csv module reads CSV. A sheet's title row (one filled cell, usually merged across the
table: 《…重点任务分工表》) becomes the heading line; a sheet without one is headed by the
sheet's name. Empty sheets and hidden sheets are reported, not read silently.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from kg.errors import InputError
from kg.model import TextWarning
from kg.text.readers import Cell, Extracted, TextBuilder, expand
from kg.vocab import WarningKind


def read_xlsx(data: bytes, name: str) -> Extracted:
    """Every sheet of a workbook, in order: heading, then its rows."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise InputError(
            f"{name}: a damaged Excel file ({e}); open it in Excel or LibreOffice and save it again as .xlsx"
        ) from None
    out = TextBuilder("xlsx")
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            out.warnings.append(
                TextWarning(
                    WarningKind.HIDDEN_SHEET.value, f"read hidden sheet {sheet.title!r} too", line=out.line
                )
            )
        _sheet(sheet, out)
    if not out.length:
        raise InputError(f"{name}: the workbook has no filled cells")
    return out.result()


def _sheet(sheet: Any, out: TextBuilder) -> None:
    by_pos: dict[tuple[int, int], Cell] = {}
    for row in sheet.iter_rows():
        for cell in row:
            text = _text(cell.value)
            if text:
                by_pos[(cell.row, cell.column)] = Cell(text, (("cell", cell.coordinate),))
    for rng in sheet.merged_cells.ranges:  # a merged range's text in every cell it covers
        top = by_pos.get((rng.min_row, rng.min_col))
        if top is not None:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    by_pos[(r, c)] = top
    if not by_pos:
        return  # an empty sheet: nothing to read, nothing lost
    columns = sorted({c for _, c in by_pos})
    grid = [[by_pos.get((r, c)) for c in columns] for r in sorted({r for r, _ in by_pos})]
    where = (("sheet", sheet.title),)
    first = {id(c) for c in grid[0] if c is not None}
    if len(first) == 1 and len(columns) > 1:
        title = next(c for c in grid[0] if c is not None)
        out.add_line(title.text, (*where, *title.origin))
        grid = grid[1:]
    else:
        out.add_line(sheet.title, where)
    out.add_table(grid, where)


def read_csv(text: str, name: str) -> Extracted:
    """A CSV file (already decoded) as one table under a heading from its name."""
    dialect: type[csv.Dialect] | csv.Dialect
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[tuple[Cell, int, int]]] = []
    for r, values in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        rows.append([(Cell(v, (("row", str(r)), ("cell", str(c)))), 1, 1) for c, v in enumerate(values, 1)])
    out = TextBuilder("csv")
    grid = [g for g in expand(rows) if any(c is not None and c.text.strip() for c in g)]
    if not grid:
        raise InputError(f"{name}: the CSV file has no filled cells")
    first = [c for c in grid[0] if c is not None and c.text.strip()]
    if len(first) == 1 and max(len(g) for g in grid) > 1:
        out.add_line(first[0].text, first[0].origin)
        grid = grid[1:]
    else:
        out.add_line(name.rsplit(".", 1)[0], ())
    out.add_table(grid)
    return out.result()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def _column(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out
