"""The vocabulary an official report format is written in: sections, text fields,
tables with their header structure, and the rules between cells.

A format module (e.g. `annual_report_2021`) is plain data in these terms. Nothing
here knows a particular format, and nothing here imports the rest of the project.

Header structure: a column's `path` names its header cells from the top down
(`("申请人情况", "法人或其他组织", "商业企业")`); a row's `path` names its header
cells from the left (`("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")`).
Neighbours that share a leading part share one merged header cell, and the last part
of a shorter path stretches over the remaining header depth. Both the editor and the
Word document draw their merged headers from these paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding matters: errors block 定稿, warnings never block."""

    ERROR = "error"
    WARNING = "warning"


class Kind(StrEnum):
    """What a row or column holds: typed numbers, or a total of its parts."""

    INPUT = "input"
    TOTAL = "total"


class Number(StrEnum):
    """What a number cell accepts."""

    COUNT = "count"  # a non-negative integer (件)
    AMOUNT = "amount"  # a non-negative decimal in 万元, at most 6 places


class Axis(StrEnum):
    """Along which line a relation is repeated."""

    ROW = "row"  # once per row; terms name columns
    COLUMN = "column"  # once per column; terms name rows


@dataclass(frozen=True)
class TextField:
    """A free-text part of the report; a line break starts a new paragraph."""

    id: str
    heading: str  # as printed in the document; "" for an opening paragraph
    hint: str  # what the format asks to be reported here, shown to the clerk
    # The heading is the program's own label, not the format's: the document prints it
    # only when the clerk's text does not start with a heading or numbering of its own.
    optional_heading: bool = False


@dataclass(frozen=True, eq=False)
class Column:
    """A column of number cells."""

    key: str  # part of the cell id; may itself contain a dot ("review.upheld")
    path: tuple[str, ...]  # header cells from the top
    short: str = ""  # name used in messages; defaults to the last header part
    kind: Kind = Kind.INPUT
    parts: tuple[str, ...] = ()  # for a total: keys of the columns it adds up
    parts_name: str = ""  # how a message names the sum of the parts
    rule: str = ""  # for a total: the rule code that checks it

    @property
    def name(self) -> str:
        """Return the name messages use for this column."""
        return self.short or self.path[-1]


@dataclass(frozen=True, eq=False)
class Row:
    """A row of number cells."""

    key: str  # part of the cell id; "" for a table's single unlabelled row
    path: tuple[str, ...]  # header cells from the left
    short: str = ""
    kind: Kind = Kind.INPUT
    parts: tuple[str, ...] = ()
    parts_name: str = ""
    rule: str = ""

    @property
    def name(self) -> str:
        """Return the name messages use for this row."""
        return self.short or (self.path[-1] if self.path else "")


@dataclass(frozen=True, eq=False)
class Table:
    """A grid of number cells with its header structure."""

    id: str
    prefix: str  # cell ids are prefix.row.column
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""  # a full-width first header row (e.g. 第二十条第（一）项)
    corner: str = ""  # text of the top-left header block (e.g. the 勾稽 note)
    number: Number = Number.COUNT
    not_applicable: bool = False  # the editor offers 不适用 ("/") here


@dataclass(frozen=True, eq=False)
class Section:
    """One numbered part of the report, holding text fields and tables in order."""

    id: str
    heading: str
    parts: tuple[TextField | Table, ...]
    title: str = ""  # short name for page lists


@dataclass(frozen=True)
class Relation:
    """sum(left) == sum(right), repeated along each row or column of a table.

    Terms are keys of the other axis; a leading "-" subtracts the term and a
    leading "prev:" reads it from last year's report of the same unit.
    """

    code: str
    table: str
    along: Axis
    left: tuple[str, ...]
    right: tuple[str, ...]
    lines: tuple[str, ...] = ()  # only these rows/columns; () = all
    left_name: str = ""
    right_name: str = ""


@dataclass(frozen=True)
class Rule:
    """A rule code with its severity and the message shown to the clerk."""

    code: str
    severity: Severity
    description: str  # the rule in one Chinese sentence
    message: str  # str.format template; fields are listed in forms/checks.py


@dataclass(frozen=True, eq=False)
class StatedCount:
    """A way the text states a count that the tables hold (TEXT_MATCHES_TABLE).

    Each pattern is a regular expression read over text after NFKC, with `{n}` where
    the number stands (digits, 1,234 or Chinese numerals: 三, 一百零三). A phrase is
    read only where it is unambiguous: its sentence holds none of `unless` (nor the
    form's `stated_unless`), holds one of `needs` when given, and the count is neither
    part of a breakdown (after 其中) nor followed by its own (其中…, （…）).
    """

    name: str  # how the message names the cells, e.g. 表三（七）总计
    patterns: tuple[str, ...]
    cells: tuple[str, ...]  # the stated count must equal the sum of these cells
    fields: tuple[str, ...] = ()  # text fields read; () = every field
    unless: tuple[str, ...] = ()  # words that make a sentence ambiguous for this count
    needs: tuple[str, ...] = ()  # the sentence must hold one of these


@dataclass(frozen=True, eq=False)
class Form:
    """An official report format: its sections, rules and relations."""

    id: str
    title: str  # e.g. 政府信息公开工作年度报告
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...]
    relations: tuple[Relation, ...]
    # Which text fields must say something (TEXT_REQUIRED): each group needs one.
    required_texts: tuple[tuple[str, ...], ...] = ()
    fee_field: str = ""  # the text field that must state the 信息处理费 (FEE_STATEMENT)
    fee_words: tuple[str, ...] = ()  # any of these counts as such a statement
    fee_cell: str = ""  # the fees collected (行政事业性收费); 0 or blank: none were
    request_texts: tuple[str, ...] = ()  # text fields that speak of applications
    request_total: str = ""  # the cell those statements must agree with
    # Text fields that must not say the same thing (TEXT_UNCHANGED), e.g. 五's two parts.
    distinct_texts: tuple[str, ...] = ()
    stated_counts: tuple[StatedCount, ...] = ()  # further counts read from the text
    stated_unless: tuple[str, ...] = ()  # words that make any sentence ambiguous
    # Text fields that must say something real (TEXT_PLACEHOLDER): not only one of
    # `placeholder_words` or punctuation.
    placeholder_texts: tuple[str, ...] = ()
    placeholder_words: tuple[str, ...] = ()
