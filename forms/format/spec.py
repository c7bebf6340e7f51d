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


class Code(StrEnum):
    """The rules the engine checks in every format (`forms.report.checks`); a format
    names its own relation rules in an enum of its own."""

    FILLED = "FILLED"
    VALUE = "VALUE"
    TEXT_REQUIRED = "TEXT_REQUIRED"
    FEE_STATEMENT = "FEE_STATEMENT"
    NOT_APPLICABLE = "NOT_APPLICABLE"
    TEXT_MATCHES_TABLE = "TEXT_MATCHES_TABLE"
    TEXT_UNCHANGED = "TEXT_UNCHANGED"
    TEXT_PLACEHOLDER = "TEXT_PLACEHOLDER"


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
    rule: StrEnum | None = None  # for a total: the rule that checks it

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
    rule: StrEnum | None = None

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

    code: StrEnum
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

    code: StrEnum  # a member of `Code` or of the format's own enum
    severity: Severity
    description: str  # the rule in one Chinese sentence
    message: str  # str.format template; fields are listed in forms/report/checks.py
    lists_blanks: bool = False  # its cells are blank ones: drawn lightly, not as wrong
    first_field_only: bool = False  # about a group of fields: shown under the first only


@dataclass(frozen=True)
class TextsRequired:
    """TEXT_REQUIRED: each group of text fields must say something (one field of a
    group is enough)."""

    groups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class FeeStatement:
    """FEE_STATEMENT: a text field must state the 信息处理费 charged."""

    field: str
    words: tuple[str, ...]  # any of these counts as such a statement
    sentence: str  # the standard statement the editor offers to insert
    cell: str = ""  # the fees collected (行政事业性收费): 0 or blank, the sentence fits


@dataclass(frozen=True)
class StatedRequests:
    """TEXT_MATCHES_TABLE: a number of applications stated in a text field agrees
    with a cell. Patterns are regular expressions over NFKC-normalised text; in a
    `counted` pattern group 1 is the count (digits, maybe with thousands commas)."""

    fields: tuple[str, ...]  # the first of these that states a number is compared
    cell: str
    counted: tuple[str, ...]  # e.g. 收到申请 12 件; the earliest match counts
    none: str  # a statement that none came in (未收到申请), read as 0


@dataclass(frozen=True)
class DistinctTexts:
    """TEXT_UNCHANGED: these text fields must not say the same thing (五's two parts)."""

    fields: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class StatedCount:
    """A way the text states a count that the tables hold (TEXT_MATCHES_TABLE).

    Each pattern is a regular expression read over text after NFKC, with `{n}` where
    the number stands (digits, 1,234 or Chinese numerals: 三, 一百零三). A phrase is
    read only where it is unambiguous: its sentence holds none of `unless` (nor the
    `StatedCounts.unless` of all), holds one of `needs` when given, and the count is neither
    part of a breakdown (after 其中) nor followed by its own (其中…, （…）).
    """

    name: str  # how the message names the cells, e.g. 表三（七）总计
    patterns: tuple[str, ...]
    cells: tuple[str, ...]  # the stated count must equal the sum of these cells
    fields: tuple[str, ...] = ()  # text fields read; () = every field
    unless: tuple[str, ...] = ()  # words that make a sentence ambiguous for this count
    needs: tuple[str, ...] = ()  # the sentence must hold one of these


@dataclass(frozen=True, eq=False)
class StatedCounts:
    """TEXT_MATCHES_TABLE, further: counts the text states beside the applications
    (答复, 结转, 复议, 现行有效文件 …), each read against its cells."""

    counts: tuple[StatedCount, ...]
    unless: tuple[str, ...] = ()  # words that make any sentence ambiguous


@dataclass(frozen=True)
class Placeholders:
    """TEXT_PLACEHOLDER: these text fields must say something real, not only one of
    `words` (无, 暂无) or punctuation."""

    fields: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Form:
    """An official report format: its sections, rules and relations."""

    id: str
    title: str  # e.g. 政府信息公开工作年度报告
    document: str  # the official document defining it, e.g. 国办公开办函〔2021〕30号
    first_year: int  # the first year reported in this format
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...]
    relations: tuple[Relation, ...]
    texts_required: TextsRequired | None = None
    fee_statement: FeeStatement | None = None
    stated_requests: StatedRequests | None = None
    distinct_texts: DistinctTexts | None = None
    stated_counts: StatedCounts | None = None
    placeholders: Placeholders | None = None

    def __post_init__(self) -> None:
        """Refuse a format whose relations or totals name a rule it does not define."""
        defined = {rule.code for rule in self.rules}
        named = {relation.code for relation in self.relations} | {
            line.rule
            for section in self.sections
            for table in section.parts
            if isinstance(table, Table)
            for line in (*table.rows, *table.columns)
            if line.rule is not None
        }
        if not named <= defined:
            raise ValueError(f"{self.id}: rules used but not defined: {sorted(named - defined)}")
