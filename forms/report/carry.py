"""Carry-over from last year's report of the same unit.

What moves forward is read from the form's own relations with last year (see
`forms.report.relations`): a line whose two sides are one typed cell and one cell of last
year (上年结转 = 上年报告的结转下年度) is copied; the other cells of last year that
relations read (上年现行有效) are shown to the clerk as a hint. Last year's texts
become this year's starting draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.format.cells import cells
from forms.format.spec import Form
from forms.report.relations import Line, lines
from forms.report.totals import resolve
from forms.report.values import CellValue, Report, value_text


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
    """Return {this year's cell: last year's cell} for every copied line."""
    return {line.left[0].cell: line.right[0].cell for line in lines(form) if _copied(form, line)}


def previous_hints(form: Form, previous: Report) -> dict[str, list[str]]:
    """Return, by table id, lines showing last year's values that this year's cells
    are compared with (e.g. "上年报告 规章/现行有效：5"); blank shows as 未填写."""
    catalogue = cells(form)
    shown = resolve(previous)
    hints: dict[str, list[str]] = {}
    for line in lines(form):
        if _one_to_one(line):
            continue
        for term in (t for t in (*line.left, *line.right) if t.previous):
            value = shown.get(term.cell)
            text = value_text(value) if value is not None else "未填写"
            source = catalogue[term.cell]
            hints.setdefault(source.table.id, []).append(f"上年报告 {source.label}：{text}")
    return hints


def _one_to_one(line: Line) -> bool:
    """Return True for a line of one cell of this year equal to one of last year."""
    return (
        len(line.left) == len(line.right) == 1
        and line.right[0].previous
        and not line.left[0].previous
    )


def _copied(form: Form, line: Line) -> bool:
    """Return True for a one-to-one line whose cell is typed (a total is computed)."""
    return _one_to_one(line) and not cells(form)[line.left[0].cell].is_total


def carry_summary(previous: Report) -> list[str]:
    """Return what a new report would take from `previous`, line by line, for the clerk
    to see before it is used: the cells copied with their values, last year's cells
    the checks compare with, and how many texts become the starting draft."""
    catalogue = cells(previous.form)
    carried = carry_over(previous)
    lines = []
    if carried.values:
        by_row: dict[str, list[str]] = {}
        for target, value in carried.values.items():
            cell = catalogue[target]
            by_row.setdefault(cell.row.name, []).append(f"{cell.column.name} {value_text(value)}")
        for row, parts in by_row.items():
            lines.append(f"带入本年“{row}”：" + "，".join(parts))
    else:
        lines.append("带入本年的数字：无（上年报告中这些格都是空白）")
    for hints in previous_hints(previous.form, previous).values():
        lines.extend(hints)
    filled = len(carried.texts)
    lines.append(f"文字初稿：{filled} 段文字" if filled else "文字初稿：无")
    return lines
