"""Rows that pass SQLite's integrity check but do not hold what this program wrote.

One changed byte in a stored number, text or form id, or a form id written by a newer
version, is not damage to SQLite; it is to a report. Each row is checked as it is read,
so one unreadable report is listed as damaged and the others still open.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from forms.format.cells import cells, text_fields
from forms.format.registry import FORMS
from forms.format.spec import Number
from forms.report.checks import field_name
from forms.report.input import cell_name
from forms.report.text import LONE_SURROGATE
from forms.report.values import STORED, CellValue, value_from_text

STATUSES = ("draft", "final")
UNREADABLE_UNIT = "（单位名称无法读取）"


class ReportDamaged(Exception):
    """A stored report cannot be read as written; nothing was changed."""

    def __init__(self, report_id: int, unit: str, year: int | None, reason: str) -> None:
        which = f"“{unit} {year} 年”的报告" if year else f"“{unit}”的报告"
        super().__init__(f"{which}已损坏，无法打开（{reason}）")
        self.report_id, self.unit, self.year, self.reason = report_id, unit, year, reason


def decode(data: bytes) -> str:
    """Return stored text as read from the file: bytes that are not UTF-8 (damage)
    become lone surrogates, which `readable_text` refuses; nothing the program
    stores has one (forms/report/text.without_lone_surrogates)."""
    return data.decode("utf-8", "surrogateescape")


def readable_text(value: Any) -> bool:
    """Return True when a stored text column holds text as the program writes it."""
    return isinstance(value, str) and not LONE_SURROGATE.search(value)


def entry_problem(row: dict[str, Any]) -> str | None:
    """Return what is wrong with a report's own row; None when it reads as written."""
    if not readable_text(row["unit"]):
        return "单位名称已损坏"
    if type(row["year"]) is not int or not 1990 <= row["year"] <= 2100:
        return "年度已损坏"
    if not isinstance(row["form_id"], str) or row["form_id"] not in FORMS:
        form = row["form_id"] if readable_text(row["form_id"]) else "？"
        return f"报告格式“{form[:60]}”不认识，可能由更新版本的程序写入，请升级本程序"
    if row["status"] not in STATUSES:
        return "状态已损坏"
    return None


def read_values(form_id: str, rows: list[dict[str, Any]]) -> dict[str, CellValue]:
    """Return the values of the cell rows; ValueError naming the first damaged row."""
    catalogue = cells(FORMS[form_id])
    values: dict[str, CellValue] = {}
    for row in rows:
        cell = catalogue.get(row["cell_id"]) if readable_text(row["cell_id"]) else None
        if cell is None:
            raise ValueError("有一个单元格编号已损坏")
        try:
            values[cell.id] = value_from_text(row["text"], cell.number)
        except ValueError:
            raise ValueError(f"“{cell_name(cell)}”中的数字已损坏") from None
    return values


def read_texts(form_id: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Return the texts of the text rows; ValueError naming the first damaged row."""
    form = FORMS[form_id]
    known = text_fields(form)
    texts: dict[str, str] = {}
    for row in rows:
        if not readable_text(row["field_id"]) or row["field_id"] not in known:
            raise ValueError("有一个文字项编号已损坏")
        if not readable_text(row["text"]):
            raise ValueError(f"“{field_name(form, row['field_id'])}”的文字已损坏")
        texts[row["field_id"]] = row["text"]
    return texts


@cache
def _numbers(form_id: str) -> dict[str, Number]:
    return {cid: cell.number for cid, cell in cells(FORMS[form_id]).items()}


def damaged_reports(
    forms: dict[int, str], values: Iterable[tuple], texts: Iterable[tuple]
) -> set[int]:
    """Return the reports (id → form id in `forms`) with a value row (report, cell,
    text) or text row (report, field, text) that does not read; quick enough to run
    over every report at each listing (a report's message comes from `read_values`)."""
    damaged = set()
    for rid, cid, text in values:
        number = _numbers(forms[rid]).get(cid) if rid in forms else None
        if number is None or not (text == "/" or _quick(text, number)):
            damaged.add(rid)
    for rid, fid, text in texts:
        if rid not in forms or fid not in text_fields(FORMS[forms[rid]]) or not readable_text(text):
            damaged.add(rid)
    return damaged


def _quick(text: Any, number: Number) -> bool:
    if not isinstance(text, str) or not STORED[number].fullmatch(text):
        return False
    if len(text) < 10:  # fewer digits than the bound has: fits
        return True
    try:
        value_from_text(text, number)
    except ValueError:
        return False
    return True
