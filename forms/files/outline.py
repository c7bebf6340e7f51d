"""What a report's document says, in reading order, whatever file it is written to.

`outline(report)` takes the document's decisions once: the title (unit, then the year's
title), the headings, which text fields print (an empty one prints nothing, not even its
heading), the program's own sub-headings of 五 only when the clerk's text has none of
its own, a section's tables drawn as one grid, the 落款 (unit and 成文日期), and whether
the document is marked 草稿. A writer (`docx_writer`, a web page) only renders the
blocks; it never looks at the form again. Nothing here imports a file library.

Blocks, in the order they come:

- `Draft(errors)`: first, only when the report is not 定稿 and still has errors;
  Word prints 草稿 in the page header.
- `Title(unit, title)`: the unit and e.g. 2023年政府信息公开工作年度报告; a line break
  may come between the two, never inside the unit where it can be avoided.
- `Heading(text, level)`: 1 = 一、总体情况 (黑体), 2 = （一）主动公开 (楷体).
- `Paragraph(text)`: one body paragraph, as the clerk wrote it.
- `TableBlock`: one section's tables as one grid of `Cell`s (each at its top-left
  position with its row and column span; merged cells appear once). `parts` says which
  rows came from which format table, so a writer can repeat header rows or keep a
  block of rows together.
- `Signature(unit, date)`: the 落款 after the last section, right-aligned in Word
  (none when the report has no unit name).

All text is cleaned (`forms.report.text.clean_text`): it holds no character that Word
XML or HTML cannot hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from forms.format.cells import cell_id
from forms.format.grid import Grid, table_grid
from forms.format.spec import Section, Table, TextField
from forms.report.text import clean_text, paragraphs
from forms.report.totals import resolve
from forms.report.values import CellValue, Report, value_text


@dataclass(frozen=True)
class Draft:
    """The document is a draft: not 定稿 and `errors` errors remain (always > 0)."""

    errors: int


@dataclass(frozen=True)
class Title:
    """The document title: the unit's name and the year's title (`2023年…年度报告`)."""

    unit: str  # "" when the report has no unit name: the title is then one line
    title: str


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 a section (一、…), level 2 a part of one (（一）…)."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph (a non-empty line of a text field, stripped)."""

    text: str


@dataclass(frozen=True)
class Cell:
    """One drawn cell of a table: top-left grid position, extent and text."""

    row: int
    column: int
    rows: int
    columns: int
    text: str  # "" for a blank number cell
    header: bool  # a label (caption, column or row header), not a number


@dataclass(frozen=True)
class Part:
    """The rows of one format table inside a drawn table."""

    table: Table
    grid: Grid  # the format table's own grid (forms.format.grid)
    first_row: int  # where its caption or first header row is in the drawn table
    header_rows: int  # caption and column-header rows, starting at first_row

    @property
    def rows(self) -> range:
        """Return the drawn rows of this part."""
        return range(self.first_row, self.first_row + self.grid.rows)


@dataclass(frozen=True)
class TableBlock:
    """A section's tables drawn as one grid, narrower ones stretched to the widest: the
    last column of a narrower table spans the remaining columns."""

    section: str  # the section's id (s2, s3, s4)
    rows: int
    columns: int
    cells: tuple[Cell, ...]  # in reading order: by row, then column
    parts: tuple[Part, ...]

    def starting(self, row: int) -> list[Cell]:
        """Return the cells whose top-left corner is in `row`, left to right (an HTML
        row: each with its rowspan and colspan)."""
        return [c for c in self.cells if c.row == row]

    def covering(self, row: int) -> Iterator[tuple[Cell, bool]]:
        """Yield each cell that covers `row`, left to right, and whether it starts
        there (a Word row: a cell merged from above continues it)."""
        for cell in sorted(self.cells, key=lambda c: c.column):
            if cell.row <= row < cell.row + cell.rows:
                yield cell, cell.row == row


@dataclass(frozen=True)
class Signature:
    """The 落款: the unit and the 成文日期."""

    unit: str
    date: date

    @property
    def date_text(self) -> str:
        """Return the date as a 公文 prints it: 2025年1月20日 (no leading zeros)."""
        return chinese_date(self.date)


Block = Draft | Title | Heading | Paragraph | TableBlock | Signature


def outline(report: Report, errors: int = 0, today: date | None = None) -> list[Block]:
    """Return the blocks of `report`'s document in reading order.

    `errors`: how many errors the report still has when it is not 定稿 (0 for a 定稿
    report, which is never marked a draft). `today`: the 成文日期 when the report has
    none (default: the day of export)."""
    unit = clean_text(report.unit).strip()
    blocks: list[Block] = [Draft(errors)] if errors > 0 else []
    blocks.append(Title(unit, f"{report.year}年{report.form.title}"))
    shown = resolve(report)
    for section in report.form.sections:
        blocks += _section(section, report.texts, shown)
    if unit:
        blocks.append(Signature(unit, report.date or today or date.today()))
    return blocks


def chinese_date(day: date) -> str:
    """Return `day` as 2025年1月20日."""
    return f"{day.year}年{day.month}月{day.day}日"


# ── texts ────────────────────────────────────────────────────────────────────

# How a clerk's text starts a part of its own: （一） (一) 一、 一. (not 一是, which
# enumerates inside a paragraph and reads well under the program's heading).
_CHINESE_NUMBER = "[一二三四五六七八九十]+"
_OWN_NUMBERING = re.compile(
    rf"^\s*(?:[（(]\s*{_CHINESE_NUMBER}\s*[)）]|{_CHINESE_NUMBER}\s*[、.．])"
)
# Numbering in front of the program's own heading: （一）存在问题 → 存在问题.
_HEADING_NUMBER = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]\s*")


def _section(section: Section, texts: dict[str, str], shown: dict) -> list[Block]:
    """A section: its heading, its text fields in form order, its tables as one."""
    blocks: list[Block] = [Heading(section.heading, 1)]
    for part in section.parts:
        if isinstance(part, TextField):
            blocks += _text_field(part, clean_text(texts.get(part.id, "")))
    tables = [p for p in section.parts if isinstance(p, Table)]
    if tables:
        blocks.append(_table(section.id, tables, shown))
    return blocks


def _text_field(field: TextField, text: str) -> list[Block]:
    """A field's heading and paragraphs; nothing at all when it is empty."""
    lines = paragraphs(text)
    if not lines:
        return []
    printed = field.heading and not (field.optional_heading and _has_own_heading(field, lines[0]))
    heading: list[Block] = [Heading(field.heading, 2)] if printed else []
    return heading + [Paragraph(line) for line in lines]


def _has_own_heading(field: TextField, first: str) -> bool:
    """Return True when a text starts with a part-level numbering of its own
    (（一）, 一、 …) or with the words of the program's heading (存在问题：…).
    Item numbering (1. 2.) is not a heading: it reads well under （一）存在问题."""
    words = _HEADING_NUMBER.sub("", field.heading)
    return bool(_OWN_NUMBERING.match(first)) or "".join(first.split()).startswith(words)


# ── tables ───────────────────────────────────────────────────────────────────


def _table(section: str, tables: list[Table], shown: dict) -> TableBlock:
    """Draw `tables` one below the other as one grid as wide as the widest."""
    grids = [table_grid(t) for t in tables]
    width = max(g.columns for g in grids)
    drawn: list[Cell] = []
    parts: list[Part] = []
    top = 0
    for table, grid in zip(tables, grids, strict=True):
        parts.append(Part(table, grid, top, grid.header_rows))
        drawn += _cells(table, grid, shown, top, width)
        top += grid.rows
    drawn.sort(key=lambda c: (c.row, c.column))
    return TableBlock(section, top, width, tuple(drawn), tuple(parts))


def _cells(table: Table, grid: Grid, shown: dict, top: int, width: int) -> list[Cell]:
    """Return the cells of one table moved down by `top`; its last column stretches to
    `width`."""
    extra = width - grid.columns

    def stretched(column: int, columns: int) -> int:
        return columns + extra if column + columns == grid.columns else columns

    found = [
        Cell(top + s.row, s.column, s.rows, stretched(s.column, s.columns), s.text, True)
        for s in grid.spans
    ]
    for (r, c), text in _body(table, grid, shown).items():
        found.append(Cell(top + r, c, 1, stretched(c, 1), text, False))
    return found


def _body(table: Table, grid: Grid, shown: dict[str, CellValue | None]) -> dict:
    """Return the printed text of each number cell by grid position ("" when blank)."""
    texts = {}
    for i, row in enumerate(table.rows):
        for j, column in enumerate(table.columns):
            value = shown[cell_id(table, row, column)]
            texts[grid.body_position(i, j)] = "" if value is None else value_text(value)
    return texts
