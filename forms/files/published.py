"""Reading a published report: the paragraphs and tables as printed → a Report.

The Word reader (`docx_reader`) and the web page reader (`html_reader`) each turn their
file into the same printed blocks (`forms.files.printed`); everything after that
happens once, for both: the tables found by their labels and their numbers read
(`printed_tables`, mapping rows and columns by `forms.format.labels.label_key`), the
texts by their section headings and unit and year from the title (`printed_texts`),
and here the report put together: totals, the 落款, what was not found.

Nothing is guessed: a blank cell stays blank, "/" and dashes are 不适用, a printed total
is kept when it differs from the sum of its parts (and then checked), and whatever
cannot be mapped is reported in `Reading.notes` with its place.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from forms.files.printed import (
    Block,
    PrintedParagraph,
    PrintedTable,
    UnreadableReport,
)
from forms.files.printed_tables import TableReader
from forms.files.printed_texts import TextReader, styled_level
from forms.format.cells import cells
from forms.format.labels import normalise
from forms.format.registry import CURRENT
from forms.format.spec import Form, Section, Table
from forms.report.checks import table_name
from forms.report.text import clean_text, paragraphs
from forms.report.totals import computed
from forms.report.values import NA, CellValue, Report, value_text


@dataclass
class Reading:
    """A report read from a published file, and what could not be read, each with its
    place (table, row label, column label), in Chinese."""

    report: Report
    notes: list[str] = field(default_factory=list)


# ── the whole report ─────────────────────────────────────────────────────────


def read_printed(blocks: Sequence[Block], form: Form = CURRENT) -> Reading:
    """Return the report printed as `blocks` and the notes on what was not read;
    raises UnreadableReport when no table or heading of the format is found."""
    paragraphs = [b for b in blocks if isinstance(b, PrintedParagraph)]
    text_reader = TextReader(form, styled_level(form, paragraphs))
    table_reader = TableReader(form)
    number = 0
    for block in blocks:
        if isinstance(block, PrintedTable):
            number += 1
            table_reader.read(block, number)
        else:
            text_reader.read(block)
    if not table_reader.seen_rows and text_reader.section is None:
        raise UnreadableReport(f"文件中没有找到{form.title}的表格和标题（一、总体情况……）")
    unit, year = text_reader.title()
    notes = []
    if year is None:
        raise UnreadableReport(
            f"没有找到报告标题中的年度（应在“一、总体情况”之前，如“2023年{form.title}”）"
        )
    if not unit:
        notes.append("标题中没有写单位名称")
    report = Report(form, unit, year)
    report.date = _signature(text_reader, unit)
    report.texts = {k: "\n".join(v) for k, v in text_reader.texts.items() if v}
    report.values = _with_totals(form, table_reader)
    table_reader.missing()
    missing_sections = [
        s.heading for s in form.sections if not _section_seen(s, text_reader, table_reader)
    ]
    notes += [f"没有找到“{h}”" for h in missing_sections]
    return Reading(report, notes + text_reader.notes + table_reader.notes)


_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _signature(texts: TextReader, unit: str) -> datetime.date | None:
    """Take the 落款 (the unit, then the 成文日期) off the end of the last text and
    return its date; None when the document ends without a date."""
    lines = texts.texts.get(texts.last.id, []) if texts.last else []
    found = _DATE.fullmatch(normalise(lines[-1])) if lines else None
    if found is None:
        return None
    try:
        day = datetime.date(*map(int, found.groups()))
    except ValueError:
        return None
    # the unit above the date, maybe in several balanced lines; a date without the
    # unit above it may be the clerk's own last line
    wanted = normalise(unit)
    for count in range(1, min(5, len(lines))):
        if wanted and normalise("".join(lines[-1 - count : -1])) == wanted:
            del lines[-1 - count :]
            return day
    return None


def _section_seen(section: Section, texts: TextReader, numbers: TableReader) -> bool:
    table_ids = {p.id for p in section.parts if isinstance(p, Table)}
    return section.id in texts.seen or bool(table_ids & {t for t, _ in numbers.seen_rows})


def _with_totals(form: Form, numbers: TableReader) -> dict[str, CellValue]:
    """Return the values read, less the printed totals that equal the sum of their
    printed parts (the program computes those, so editing a part moves the total);
    a total printed otherwise is kept as printed, for the checks to judge."""
    probe = Report(form, "", 0, values=dict(numbers.values))
    sums = computed(probe)
    values = dict(numbers.values)
    for cid, total in sums.items():
        if cid in values and _same(values[cid], total):
            del values[cid]
        elif cid in numbers.blanks and total is not None:
            numbers.notes.append(
                f"{_cell_place(form, cid)}：合计印为空白，程序按各项之和 {value_text(total)} 计算"
            )
    return values


def _same(printed: CellValue, total: CellValue | None) -> bool:
    return printed is not NA and total is not None and total is not NA and printed == total


def _cell_place(form: Form, cid: str) -> str:
    cell = cells(form)[cid]
    return f"{table_name(form, cell.table)} {cell.label}"


def printed_texts(texts: dict[str, str]) -> dict[str, str]:
    """Return texts as a document prints them and an import reads them back: each
    field's non-empty lines, stripped and cleaned; fields with no line left out."""
    printed = {k: "\n".join(paragraphs(clean_text(v))) for k, v in texts.items()}
    return {k: v for k, v in printed.items() if v}
