"""Relations and totals of a form as concrete cell terms, one per row or column.

The form writes a relation once with row or column keys (`forms.format.spec.Relation`) and
a total once with its parts (`Column.parts`, `Row.parts`); here each becomes the
lines it stands for, named for messages. Checking and carrying over both read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from forms.format.cells import Cell, cell_id, cells, tables
from forms.format.spec import Axis, Form, Kind, Relation
from forms.report.totals import parts
from forms.report.values import CellValue, as_number

PREVIOUS = "prev:"  # a term read from last year's report


@dataclass(frozen=True)
class Term:
    """One cell in a relation: its id, its name in messages, its sign, which year."""

    cell: str
    name: str
    sign: int = 1
    previous: bool = False


@dataclass(frozen=True)
class Line:
    """sum(left) == sum(right) along one row or column."""

    code: str
    where: str  # e.g. 自然人列
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    left_name: str = ""  # a side's name when a message sums it instead of listing it
    right_name: str = ""
    family: str = ""  # lines repeated from one relation or one total share it
    on_total: bool = False  # along a total line, e.g. the 总计 column
    along: str = ""  # key of the row or column the line runs along
    # For a line along a total: the keys of the lines it adds up (its echo, see
    # forms.report.checks); () for an ordinary line.
    echoes: tuple[str, ...] = ()


def side_sum(
    terms: tuple[Term, ...],
    shown: dict[str, CellValue | None],
    before: dict[str, CellValue | None] | None = None,
) -> int | Decimal | None:
    """Return the signed sum of one side, reading last year's terms from `before`;
    None when a term is blank or last year's report is missing (not judged)."""
    total: int | Decimal = 0
    for term in terms:
        source = before if term.previous else shown
        value = source.get(term.cell) if source is not None else None
        if value is None:
            return None
        total += as_number(value) * term.sign
    return total


@cache
def lines(form: Form) -> tuple[Line, ...]:
    """Return every total and relation line of `form`: totals first, in cell order."""
    found: list[Line] = []
    for cell in cells(form).values():
        if cell.is_total:
            found.extend(_total_lines(form, cell))
    for relation in form.relations:
        found.extend(expand(form, relation))
    return tuple(found)


def expand(form: Form, relation: Relation) -> list[Line]:
    """Return the lines `relation` stands for, one per row or column of its table."""
    table = next(t for t in tables(form) if t.id == relation.table)
    along_columns = relation.along is Axis.COLUMN
    others = {o.key: o for o in (table.rows if along_columns else table.columns)}
    found = []
    for line in table.columns if along_columns else table.rows:
        if relation.lines and line.key not in relation.lines:
            continue

        def term(spec: str, line=line) -> Term:
            key = spec.lstrip("-").removeprefix(PREVIOUS)
            previous = spec.lstrip("-").startswith(PREVIOUS)
            other = others[key]
            row, column = (other, line) if along_columns else (line, other)
            name = f"上年报告{other.name}" if previous else other.name
            sign = -1 if spec.startswith("-") else 1
            return Term(cell_id(table, row, column), name, sign, previous)

        found.append(
            Line(
                relation.code,
                f"{line.name}列" if along_columns else line.name,
                tuple(term(s) for s in relation.left),
                tuple(term(s) for s in relation.right),
                relation.left_name,
                relation.right_name,
                f"{relation.code}:{table.id}",
                line.kind is Kind.TOTAL,
                line.key,
                line.parts,
            )
        )
    return found


def _total_lines(form: Form, cell: Cell) -> list[Line]:
    """Return the line(s) checking a total: along its row, its column, or both."""
    catalogue = cells(form)
    row, column, table = cell.row, cell.column, cell.table
    found = []
    if column.parts:
        found.append(
            Line(
                column.rule,
                row.name or column.path[-2],
                (Term(cell.id, column.name),),
                tuple(Term(p, catalogue[p].column.name) for p in parts(cell)),
                right_name=column.parts_name,
                family=f"{column.rule}:{table.id}:{column.key}",
                on_total=row.kind is Kind.TOTAL,
                along=row.key,
                echoes=row.parts,
            )
        )
    if row.parts:
        by_key = {r.key: r for r in table.rows}
        ids = tuple(cell_id(table, by_key[k], column) for k in row.parts)
        found.append(
            Line(
                row.rule,
                f"{column.name}列",
                (Term(cell.id, row.name),),
                tuple(Term(p, catalogue[p].row.name) for p in ids),
                right_name=row.parts_name,
                family=f"{row.rule}:{table.id}:{row.key}",
                on_total=column.kind is Kind.TOTAL,
                along=column.key,
                echoes=column.parts,
            )
        )
    return found
