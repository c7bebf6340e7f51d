"""Carry-over from last year's report of the same unit.

What moves forward is read from the form's own relations with last year
(`prev:` terms): a relation whose left side is one typed cell and whose right side is
one cell of last year (上年结转 = 上年报告的结转下年度) is copied; the others
(现行有效 = 上年现行有效 + 本年制发 − 本年废止) are shown to the clerk as a hint.
Last year's texts become this year's starting draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.spec import Axis, Form, Relation, Table
from forms.totals import resolve
from forms.values import CellValue, Report, cell_id, cells, tables, value_text

PREVIOUS = "prev:"


@dataclass(frozen=True)
class CarryOver:
    """What a new report takes from last year's: cell values and starting texts."""

    values: dict[str, CellValue]
    texts: dict[str, str]


def carry_over(previous: Report) -> CarryOver:
    """Return the values and texts this year's report starts from, given last year's.

    A cell whose source is blank last year is left out (stays blank)."""
    shown = resolve(previous)
    values: dict[str, CellValue] = {}
    for target, source in copied_cells(previous.form).items():
        value = shown.get(source)
        if value is not None:
            values[target] = value
    texts = {key: text for key, text in previous.texts.items() if text.strip()}
    return CarryOver(values, texts)


def copied_cells(form: Form) -> dict[str, str]:
    """Return {this year's cell: last year's cell} for every one-to-one relation with
    last year whose target is a typed (not total) cell."""
    catalogue = cells(form)
    copied: dict[str, str] = {}
    for relation in _previous_relations(form):
        if len(relation.left) != 1 or len(relation.right) != 1:
            continue
        if not relation.right[0].startswith(PREVIOUS):
            continue
        for target, source in _line_pairs(form, relation, relation.left[0], relation.right[0]):
            if not catalogue[target].is_total:
                copied[target] = source
    return copied


def previous_hints(form: Form, previous: Report) -> dict[str, list[str]]:
    """Return, by table id, lines showing last year's values that this year's cells
    are compared with (e.g. "上年报告 规章·现行有效件数：5"); blank shows as 未填写."""
    catalogue = cells(form)
    shown = resolve(previous)
    hints: dict[str, list[str]] = {}
    for relation in _previous_relations(form):
        if copied_by(relation):
            continue
        for term in (*relation.left, *relation.right):
            if not term.lstrip("-").startswith(PREVIOUS):
                continue
            for _target, source in _line_pairs(form, relation, term, term):
                value = shown.get(source)
                text = value_text(value) if value is not None else "未填写"
                hints.setdefault(relation.table, []).append(
                    f"上年报告 {catalogue[source].label}：{text}"
                )
    return hints


def copied_by(relation: Relation) -> bool:
    """Return True when `relation` is one that carry_over copies (one cell each side)."""
    return (
        len(relation.left) == 1
        and len(relation.right) == 1
        and relation.right[0].startswith(PREVIOUS)
    )


def _previous_relations(form: Form) -> list[Relation]:
    return [
        r
        for r in form.relations
        if any(t.lstrip("-").startswith(PREVIOUS) for t in (*r.left, *r.right))
    ]


def _line_pairs(form: Form, relation: Relation, left: str, right: str) -> list[tuple[str, str]]:
    """Return (cell named by `left`, cell named by `right`) along each line of the relation."""
    table = _table(form, relation.table)
    along_columns = relation.along is Axis.COLUMN
    lines = table.columns if along_columns else table.rows
    others = {o.key: o for o in (table.rows if along_columns else table.columns)}
    pairs = []
    for line in lines:
        if relation.lines and line.key not in relation.lines:
            continue
        ids = []
        for term in (left, right):
            other = others[term.lstrip("-").removeprefix(PREVIOUS)]
            row, column = (other, line) if along_columns else (line, other)
            ids.append(cell_id(table, row, column))
        pairs.append((ids[0], ids[1]))
    return pairs


def _table(form: Form, table_id: str) -> Table:
    return next(t for t in tables(form) if t.id == table_id)
