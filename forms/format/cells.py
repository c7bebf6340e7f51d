"""The cells of a form: where each number cell and text field sits, by its stable id."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from forms.format.spec import Column, Form, Kind, Number, Row, Section, Table, TextField


@dataclass(frozen=True)
class Cell:
    """One number cell of a form: where it sits and what it accepts."""

    id: str
    table: Table
    row: Row
    column: Column
    row_index: int
    column_index: int

    @property
    def number(self) -> Number:
        """Return what the cell accepts (a count or an amount)."""
        return self.table.number

    @property
    def is_total(self) -> bool:
        """Return True when the cell is computed from other cells."""
        return Kind.TOTAL in (self.row.kind, self.column.kind)

    @property
    def label(self) -> str:
        """Return the cell's name for messages, e.g. 本年新收/自然人."""
        return "/".join(part for part in (self.row.name, self.column.name) if part)


def cell_id(table: Table, row: Row, column: Column) -> str:
    """Return the stable id of the cell at `row`, `column` of `table`."""
    return ".".join(part for part in (table.prefix, row.key, column.key) if part)


def tables(form: Form) -> tuple[Table, ...]:
    """Return every table of `form` in document order."""
    return tuple(p for s in form.sections for p in s.parts if isinstance(p, Table))


@cache
def text_fields(form: Form) -> dict[str, tuple[Section, TextField]]:
    """Return every text field of `form` by id, with its section, in document order."""
    return {
        part.id: (section, part)
        for section in form.sections
        for part in section.parts
        if isinstance(part, TextField)
    }


def section_of(form: Form, target: str) -> Section | None:
    """Return the section holding a cell or text field id; None when the id is unknown."""
    if target in text_fields(form):
        return text_fields(form)[target][0]
    cell = cells(form).get(target)
    return next((s for s in form.sections if cell is not None and cell.table in s.parts), None)


@cache
def cells(form: Form) -> dict[str, Cell]:
    """Return every number cell of `form` by id, in document order."""
    found: dict[str, Cell] = {}
    for table in tables(form):
        for i, row in enumerate(table.rows):
            for j, column in enumerate(table.columns):
                cid = cell_id(table, row, column)
                found[cid] = Cell(cid, table, row, column, i, j)
    return found
