"""A filled-in report: its unit, year, texts and the values of its number cells.

A number cell is blank (absent from `Report.values`), a number (`int` for counts,
`Decimal` for 万元 amounts, kept exactly as entered), or not applicable (`NA`, the
published "/"). Blank is not 0.
"""

from __future__ import annotations

import datetime
import re
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

# Far above any real report (a county's requests, a city's fees in 万元): a larger
# number is a typing mistake, and a bound keeps every total printable (Python refuses
# to turn an int of more than 4300 digits into text).
MAX_COUNT = 10**9
MAX_AMOUNT = Decimal(10**9)  # 万元
LIMIT_TEXT = {Number.COUNT: "10 亿件（1000000000）", Number.AMOUNT: "10 亿万元（1000000000）"}


@dataclass(frozen=True)
class Acknowledgement:
    """A warning explained (出错说明): who wrote what, when, about which finding, and the
    values its cells and texts held then (None for blank). It applies while they still do."""

    code: str  # the rule code of the finding
    cells: tuple[str, ...]  # the finding's cell and text field ids
    values: tuple[str | None, ...]  # their values when explained, as value_text / the text
    note: str  # the 说明
    who: str
    at: str  # ISO 8601, to the second


@dataclass
class Report:
    """A report being filled in or read from a file; blank cells are absent."""

    form: Form
    unit: str
    year: int
    texts: dict[str, str] = field(default_factory=dict)
    values: dict[str, CellValue] = field(default_factory=dict)
    date: datetime.date | None = None  # 成文日期 of the 落款; None: the day of export
    # warnings explained; kept with the report, never printed in the document
    acknowledgements: list[Acknowledgement] = field(default_factory=list)

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


STORED = {  # the canonical text of a stored value, see `value_text`
    Number.COUNT: re.compile(r"-?[0-9]{1,10}"),
    Number.AMOUNT: re.compile(r"-?[0-9]{1,10}(\.[0-9]+)?"),
}
MAX_TEXT = 40  # characters of a number's text, far above any real count or amount


def value_from_text(text: str, number: Number) -> CellValue:
    """Return the value whose canonical text is `text` (see `value_text`); ValueError
    when `text` is no such text (a damaged file) or beyond the bound."""
    if text == "/":
        return NA
    if not isinstance(text, str) or len(text) > MAX_TEXT or not STORED[number].fullmatch(text):
        raise ValueError(text)
    value = Decimal(text) if number is Number.AMOUNT else int(text)
    if too_large(value, number):
        raise ValueError(text)
    return value


def too_large(value: CellValue, number: Number) -> bool:
    """Return True when `value` (a count or an amount) lies beyond the bound of its kind."""
    if isinstance(value, NotApplicable):
        return False
    return abs(value) > (MAX_COUNT if number is Number.COUNT else MAX_AMOUNT)


def too_large_message(number: Number) -> str:
    """Return why a number over the bound is refused, with the bound."""
    return f"数字过大（超过 {LIMIT_TEXT[number]}），可能是输入错误，请核对"


def as_number(value: CellValue | None) -> int | Decimal:
    """Return the value counted by the rules: blank and 不适用 count as 0."""
    return value if isinstance(value, int | Decimal) else 0
