"""Computed cells: a total is the sum of its parts unless a published file gives it."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from forms.format.cells import Cell, cell_id, cells
from forms.report.values import CellValue, Report, as_number


@cache
def parts(cell: Cell) -> tuple[str, ...]:
    """Return the ids of the cells a total adds up; () for a typed cell."""
    table, row, column = cell.table, cell.row, cell.column
    if column.parts:
        by_key = {c.key: c for c in table.columns}
        return tuple(cell_id(table, row, by_key[k]) for k in column.parts)
    if row.parts:
        by_key = {r.key: r for r in table.rows}
        return tuple(cell_id(table, by_key[k], column) for k in row.parts)
    return ()


def resolve(report: Report) -> dict[str, CellValue | None]:
    """Return every cell's value as shown: stored values, and totals not stored
    computed from their parts (blank when all parts are blank)."""
    shown: dict[str, CellValue | None] = {}
    catalogue = cells(report.form)
    for cid, cell in catalogue.items():
        if cid not in shown:
            _resolve_cell(report, catalogue, cid, cell, shown)
    return shown


def computed(report: Report) -> dict[str, CellValue | None]:
    """Return each total computed from its parts, whether or not a file gave it."""
    catalogue = cells(report.form)
    shown = resolve(report)
    return {
        cid: _sum([shown[p] for p in parts(cell)])
        for cid, cell in catalogue.items()
        if cell.is_total
    }


def _resolve_cell(
    report: Report,
    catalogue: dict[str, Cell],
    cid: str,
    cell: Cell,
    shown: dict[str, CellValue | None],
) -> CellValue | None:
    if cid in shown:
        return shown[cid]
    stored = report.values.get(cid)
    if stored is not None or not cell.is_total:
        shown[cid] = stored
        return stored
    values = [_resolve_cell(report, catalogue, p, catalogue[p], shown) for p in parts(cell)]
    shown[cid] = _sum(values)
    return shown[cid]


def _sum(values: list[CellValue | None]) -> int | Decimal | None:
    """Return the sum of the filled values; None when every one is blank."""
    filled = [v for v in values if v is not None]
    if not filled:
        return None
    return sum((as_number(v) for v in filled), start=0)
