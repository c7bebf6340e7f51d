"""A filled-in report: its unit, year, texts and the values of its number cells.

A number cell is blank (absent from `Report.values`), a number (`int` for counts,
`Decimal` for 万元 amounts, kept exactly as entered), or not applicable (`NA`, the
published "/"). Blank is not 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from forms.format.spec import Form, Number


class NotApplicable(Enum):
    """不适用: a published "/" in a cell; counted as 0 with a warning."""

    NA = "/"

    def __str__(self) -> str:
        return "/"


NA = NotApplicable.NA
CellValue = int | Decimal | NotApplicable


@dataclass
class Report:
    """A report being filled in or read from a file; blank cells are absent."""

    form: Form
    unit: str
    year: int
    texts: dict[str, str] = field(default_factory=dict)
    values: dict[str, CellValue] = field(default_factory=dict)
    date: datetime.date | None = None  # 成文日期 of the 落款; None: the day of export

    def value(self, cell: str) -> CellValue | None:
        """Return the stored value of `cell`; None when blank."""
        return self.values.get(cell)

    def text(self, field_id: str) -> str:
        """Return the text of a text field; "" when not written."""
        return self.texts.get(field_id, "")


def value_text(value: CellValue) -> str:
    """Return the canonical text of a value: "12", "96171.60" or "/"; an amount is
    written in plain digits as entered (str() would write 0.0000001 as 1E-7)."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def value_from_text(text: str, number: Number) -> CellValue:
    """Return the value whose canonical text is `text` (see `value_text`)."""
    if text == "/":
        return NA
    return Decimal(text) if number is Number.AMOUNT else int(text)


def as_number(value: CellValue | None) -> int | Decimal:
    """Return the value counted by the rules: blank and 不适用 count as 0."""
    return value if isinstance(value, int | Decimal) else 0
