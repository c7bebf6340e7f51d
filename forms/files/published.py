"""Reading a published report: the paragraphs and tables as printed → a Report.

The Word reader (`docx_reader`) and the web page reader (`html_reader`) each turn their
file into the same `Printed…` blocks; everything after that — finding the tables by
their labels, mapping rows and columns by label text (`forms.format.labels.label_key`),
reading the printed numbers, the texts by their section headings, unit and year from
the title — happens here, once.

Nothing is guessed: a blank cell stays blank, "/" and dashes are 不适用, a printed total
is kept when it differs from the sum of its parts (and then checked), and whatever
cannot be mapped is reported in `Reading.notes` with its place.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from forms.format.cells import cell_id, cells, tables
from forms.format.labels import has_numbering, label_key, normalise
from forms.format.registry import CURRENT
from forms.format.spec import Column, Form, Number, Row, Section, Table, TextField
from forms.report.checks import table_name
from forms.report.text import clean_text, paragraphs
from forms.report.totals import computed
from forms.report.values import NA, CellValue, Report, value_text


@dataclass(frozen=True)
class PrintedCell:
    """One grid slot of a printed table; a merged cell fills every slot it covers with
    the same text and the same `origin` (its top-left slot)."""

    text: str
    origin: tuple[int, int]


@dataclass(frozen=True)
class PrintedParagraph:
    """A paragraph as printed. `level`: 0 title, 1 and 2 headings as the file's styles
    or tags say; None for body text or when the file does not say."""

    text: str
    level: int | None = None


@dataclass(frozen=True)
class PrintedTable:
    """A table as printed: rows of grid slots (rows may be ragged)."""

    rows: tuple[tuple[PrintedCell, ...], ...]


Block = PrintedParagraph | PrintedTable


@dataclass
class Reading:
    """A report read from a published file, and what could not be read, each with its
    place (table, row label, column label), in Chinese."""

    report: Report
    notes: list[str] = field(default_factory=list)


class UnreadableReport(ValueError):
    """The file holds no report this program can read; the message says why, in Chinese."""


# ── numbers ──────────────────────────────────────────────────────────────────

_NOT_APPLICABLE = re.compile(r"[/\\\-—–―─‐‑]+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_UNITS = ("万元", "件", "元", "个", "项")


class _Unreadable(str):
    """A printed cell that is neither blank, a number, "/" nor a dash (its text)."""


@lru_cache(maxsize=4096)  # the same few numbers fill most cells of a folder of reports
def printed_value(text: str, number: Number) -> CellValue | _Unreadable | None:
    """Return the value printed as `text`: None when blank, NA for "/" or a dash,
    a count or amount (full-width digits, thousands separators and a trailing 件 or
    万元 allowed); an `_Unreadable` holding the text otherwise."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not folded:
        return None
    if _NOT_APPLICABLE.fullmatch(folded):
        return NA
    bare = folded.replace(",", "")
    for unit in _UNITS:
        bare = bare.removesuffix(unit)
    if not _NUMBER.fullmatch(bare) or len(bare) > 30:
        return _Unreadable(text.strip())
    if number is Number.AMOUNT:
        try:
            return Decimal(bare)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            return _Unreadable(text.strip())
    return int(bare) if "." not in bare else _Unreadable(text.strip())


@lru_cache(maxsize=8192)
def _value_like(text: str) -> bool:
    return not isinstance(printed_value(text, Number.AMOUNT), _Unreadable)


# ── the format's labels ──────────────────────────────────────────────────────


@dataclass(frozen=True)
class _Labels:
    """The format's row and column labels by key, built once per form."""

    rows: dict[str, list[tuple[Table, Row]]]
    unlabelled: tuple[Table, ...]  # tables of one row without a label (表四)
    column_keys: frozenset[str]


_LABELS: dict[str, _Labels] = {}


def _labels(form: Form) -> _Labels:
    if form.id not in _LABELS:
        rows: dict[str, list[tuple[Table, Row]]] = {}
        unlabelled = []
        for table in tables(form):
            for row in table.rows:
                if row.path:
                    rows.setdefault(label_key(row.path[-1]), []).append((table, row))
                else:
                    unlabelled.append(table)
        keys = frozenset(label_key(p) for t in tables(form) for c in t.columns for p in c.path)
        _LABELS[form.id] = _Labels(rows, tuple(unlabelled), keys)
    return _LABELS[form.id]


def _path_keys(path: Iterable[str]) -> list[str]:
    return [label_key(part) for part in path]


# ── tables ───────────────────────────────────────────────────────────────────


@dataclass
class _TableReader:
    """Reads the number cells of every printed table into `values`, noting the rest."""

    form: Form
    values: dict[str, CellValue] = field(default_factory=dict)
    blanks: set[str] = field(default_factory=set)  # cells printed blank
    notes: list[str] = field(default_factory=list)
    seen_rows: set[tuple[str, str]] = field(default_factory=set)
    seen_columns: set[tuple[str, str]] = field(default_factory=set)
    noted: set[str] = field(default_factory=set)
    mappings: dict[tuple, dict[int, Column]] = field(default_factory=dict)

    def read(self, printed: PrintedTable, number: int) -> None:
        header: list[tuple[PrintedCell, ...]] = []
        after_body = False
        for index, row in enumerate(printed.rows):
            if not any(c.text.strip() for c in row):
                # an empty row: 表四's numbers all blank right under its header, or nothing
                if header and not after_body and self._unlabelled(row, header, number):
                    after_body = True
                continue
            match = self._row_match(row)
            if match is not None:
                table, form_row, end = match
                self._read_row(table, form_row, row, end, header, number)
                after_body = True
            elif self._unlabelled(row, header, number):
                after_body = True
            elif self._body_like(row):
                self._note_row(row, number, index)
            else:
                if after_body:
                    header, after_body = [], False
                header.append(row)

    # rows ------------------------------------------------------------------

    def _row_match(self, row: Sequence[PrintedCell]) -> tuple[Table, Row, int] | None:
        """Return the form row a printed row is labelled with, and the grid index of
        its last label slot; None when its leading labels name no row of the format."""
        labels = _labels(self.form)
        preceding: list[str] = []
        found = None
        for _, cell in _distinct(row):
            key = label_key(cell.text)
            if not key:
                continue
            if _value_like(cell.text):
                break
            candidates = labels.rows.get(key, [])
            if candidates and not any(p in labels.column_keys for p in preceding):
                chosen = _by_path(candidates, preceding, lambda r: r[1].path)
                end = _last_slot(row, cell)
                while end + 1 < len(row) and label_key(row[end + 1].text) == key:
                    end += 1  # the label written again in the next cell, not merged
                if chosen is not None and end + 1 < len(row):
                    found = (*chosen, end)
            preceding.append(key)
        return found

    def _unlabelled(
        self, row: Sequence[PrintedCell], header: list[tuple[PrintedCell, ...]], number: int
    ) -> bool:
        """Read a row of numbers without a label (表四) under a header naming its columns."""
        if not header or not all(_value_like(c.text) for c in row):
            return False
        for table in _labels(self.form).unlabelled:
            columns = self._columns(table, header, row, -1, note=False)
            if len(columns) >= len(table.columns) // 2:
                self._read_row(table, table.rows[0], row, -1, header, number)
                return True
        return False

    def _body_like(self, row: Sequence[PrintedCell]) -> bool:
        """Return True for a labelled row of numbers whose label the format lacks."""
        cells = [c for _, c in _distinct(row) if c.text.strip()]
        if not cells or _value_like(cells[0].text):
            return all(_value_like(c.text) for c in cells)
        rest = [c for c in cells[1:] if label_key(c.text) != label_key(cells[0].text)]
        return bool(rest) and all(_value_like(c.text) for c in rest)

    def _note_row(self, row: Sequence[PrintedCell], number: int, index: int) -> None:
        labels = [c.text.strip() for _, c in _distinct(row) if not _value_like(c.text)]
        if not any(c.text.strip() and _value_like(c.text) for c in row):
            return  # a label with nothing in it: nothing is lost
        name = "“" + " ".join(labels) + "”行" if labels else f"第 {index + 1} 行"
        self._note(f"第 {number} 个表格的{name}：报告格式中没有这一行，其中的数字未读取")

    # columns ---------------------------------------------------------------

    def _columns(
        self,
        table: Table,
        header: list[tuple[PrintedCell, ...]],
        printed: Sequence[PrintedCell],
        end: int,
        note: bool = True,
    ) -> dict[int, Column]:
        """Return the format column under each grid slot right of `end`, by the
        header's labels; unmapped labelled columns are noted (once)."""
        # the rows under one header share its mapping: work it out once per shape
        merged = tuple(
            slot > end + 1 and printed[slot].origin == printed[slot - 1].origin
            for slot in range(end + 1, len(printed))
        )
        key = (tuple(map(id, header)), table.id, end, merged, note)  # rows live in the table
        if key not in self.mappings:
            self.mappings[key] = self._map_columns(table, header, printed, end, note)
        return self.mappings[key]

    def _map_columns(
        self,
        table: Table,
        header: list[tuple[PrintedCell, ...]],
        printed: Sequence[PrintedCell],
        end: int,
        note: bool,
    ) -> dict[int, Column]:
        mapped: dict[int, Column] = {}
        for slot in range(end + 1, len(printed)):
            if slot > end + 1 and printed[slot].origin == printed[slot - 1].origin:
                if slot - 1 in mapped:
                    mapped[slot] = mapped[slot - 1]
                continue  # one merged cell: read (and noted) at its first slot
            path = _header_path(header, slot)
            column = _by_path(
                [c for c in table.columns if path and label_key(c.path[-1]) == path[-1]],
                path[:-1],
                lambda c: c.path,
            )
            if column is not None:
                mapped[slot] = column
            elif note and path:
                printed_path = "/".join(_header_texts(header, slot))
                where = f"{table_name(self.form, table)} “{printed_path}”列"
                self._note(f"{where}：报告格式中没有这一列，其中的数字未读取")
        return mapped

    def _read_row(
        self,
        table: Table,
        row: Row,
        printed: Sequence[PrintedCell],
        end: int,
        header: list[tuple[PrintedCell, ...]],
        number: int,
    ) -> None:
        columns = self._columns(table, header, printed, end)
        place = f"{table_name(self.form, table)} “{row.name or '数字'}”行"
        if (table.id, row.key) in self.seen_rows:
            self._note(f"{place}：出现了两次，只读取了第一次")
            return
        self.seen_rows.add((table.id, row.key))
        by_column: dict[str, list[PrintedCell]] = {}
        for slot, column in columns.items():
            by_column.setdefault(column.key, []).append(printed[slot])
        for column in table.columns:
            if column.key not in by_column:
                continue
            self.seen_columns.add((table.id, column.key))
            self._read_cell(table, row, column, by_column[column.key], place)
        for slot in range(end + 1, len(printed)):
            cell = printed[slot]
            if slot not in columns and cell.text.strip() and not _header_path(header, slot):
                self._note(f"{place}：没有表头的一格“{cell.text.strip()}”未读取")

    def _read_cell(
        self, table: Table, row: Row, column: Column, slots: list[PrintedCell], place: str
    ) -> None:
        cid = cell_id(table, row, column)
        if len(slots) == 1:  # the usual case: one slot, one cell
            filled = [slots[0].text.strip()] if slots[0].text.strip() else []
        else:
            texts = dict.fromkeys(s.text.strip() for s in _unique_origins(slots))
            filled = [t for t in texts if t]
        if len(filled) > 1:
            where = f"{place}“{column.name}”列"
            self._note(f"{where}：同一格印有几个数（{'、'.join(filled)}），未读取")
            return
        if not filled:
            self.blanks.add(cid)
            return
        value = printed_value(filled[0], table.number)
        if isinstance(value, _Unreadable):
            where = f"{place}“{column.name}”列"
            self._note(f"{where}：“{value}”不是数字，也不是“/”，未读取")
        elif value is not None:
            self.values[cid] = value

    def _note(self, text: str) -> None:
        if text not in self.noted:
            self.noted.add(text)
            self.notes.append(text)

    def missing(self) -> None:
        """Note the format's tables, rows and columns that no printed table held."""
        read_tables = {t for t, _ in self.seen_rows}
        for table in tables(self.form):
            name = table_name(self.form, table)
            if table.id not in read_tables:
                self._note(f"没有找到{name}的表格，其中各格按未填写处理")
                continue
            for row in table.rows:
                if (table.id, row.key) not in self.seen_rows:
                    self._note(f"{name}：没有找到“{row.name}”行，按未填写处理")
            for column in table.columns:
                if (table.id, column.key) not in self.seen_columns:
                    self._note(f"{name}：没有找到“{column.name}”列，按未填写处理")


def _distinct(row: Sequence[PrintedCell]) -> list[tuple[int, PrintedCell]]:
    """Return each merged cell of a row once, with its first grid slot."""
    found, last = [], None
    for position, cell in enumerate(row):
        if cell.origin != last:
            found.append((position, cell))
        last = cell.origin
    return found


def _unique_origins(slots: list[PrintedCell]) -> list[PrintedCell]:
    return list({s.origin: s for s in slots}.values())


def _last_slot(row: Sequence[PrintedCell], cell: PrintedCell) -> int:
    return max(i for i, c in enumerate(row) if c.origin == cell.origin)


def _header_path(header: list[tuple[PrintedCell, ...]], slot: int) -> list[str]:
    """Return the label keys above grid slot `slot`, top down, each merged cell once."""
    path: list[str] = []
    origins = set()
    for row in header:
        if slot >= len(row) or row[slot].origin in origins:
            continue
        origins.add(row[slot].origin)
        key = label_key(row[slot].text)
        if key and (not path or path[-1] != key):
            path.append(key)
    return path


def _header_texts(header: list[tuple[PrintedCell, ...]], slot: int) -> list[str]:
    """Return the labels above grid slot `slot` as printed (white space removed), for
    messages: each merged cell once."""
    texts: list[str] = []
    origins = set()
    for row in header:
        if slot >= len(row) or row[slot].origin in origins:
            continue
        origins.add(row[slot].origin)
        text = re.sub(r"\s+", "", row[slot].text)
        if text and (not texts or texts[-1] != text):
            texts.append(text)
    return texts


def _by_path(candidates, printed_before: Sequence[str], path_of):
    """Return the one candidate whose earlier path parts agree with the printed ones;
    None when none or several do."""
    if len(candidates) == 1:
        return candidates[0]
    agreeing = [c for c in candidates if set(_path_keys(path_of(c)[:-1])) <= set(printed_before)]
    return agreeing[0] if len(agreeing) == 1 else None


# ── texts, title ─────────────────────────────────────────────────────────────

_PAGE_NUMBER = re.compile(r"[-—－–]+\s*\d+\s*[-—－–]+|第\s*\d+\s*页(\s*共\s*\d+\s*页)?")
_TITLE = re.compile(r"(\d{4})年度?")
_AFTER_HEADING = re.compile(r"^[。．.：:，,、;；]+")
_HEADING_SUFFIXES = ("", "情况", "工作", "方面", "工作情况")


def section_of_heading(form: Form, text: str) -> Section | None:
    """Return the section whose heading `text` is, in any numbering style; None for
    other text."""
    key = _AFTER_HEADING.sub("", label_key(text)[::-1])[::-1]
    for section in form.sections:
        if key == label_key(section.heading):
            return section
    return None


def title_year(text: str) -> tuple[str, int] | None:
    """Return (text before the year, year) of a title line such as
    "红旗区2023年度政府信息公开工作年度报告"; None when `text` is no such title."""
    folded = unicodedata.normalize("NFKC", text)
    if "报告" not in folded:
        return None
    matches = list(_TITLE.finditer(folded))
    if not matches:
        return None
    year = matches[-1]
    return folded[: year.start()].strip(), int(year.group(1))


@dataclass
class _TextReader:
    """Reads the texts by their section headings; unit and year by the title."""

    form: Form
    styled_level: int | None
    texts: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    section: Section | None = None
    current: TextField | None = None
    before: list[PrintedParagraph] = field(default_factory=list)  # title area
    seen: set[str] = field(default_factory=set)  # sections whose heading was read
    last: TextField | None = None  # the field the last body paragraph went to

    def read(self, paragraph: PrintedParagraph) -> None:
        text = paragraph.text.strip()
        if not text or _PAGE_NUMBER.fullmatch(text):
            return  # a page number, from a page saved with its footers
        section = self._section_heading(paragraph, text)
        if section is not None:
            self.section = section
            self.seen.add(section.id)
            self.current = next(
                (p for p in section.parts if isinstance(p, TextField) and not p.heading), None
            )
            return
        if self.section is None:
            self.before.append(paragraph)
            return
        heading = self._field_heading(paragraph, text)
        if heading is not None:
            self.current, kept = heading
            if kept:
                self.texts.setdefault(self.current.id, []).append(kept)
            return
        if self.current is None:
            self.notes.append(f"{self.section.heading}：“{_short(text)}”不在任何小标题下，未读取")
            return
        self.texts.setdefault(self.current.id, []).append(text)
        self.last = self.current

    def _section_heading(self, paragraph: PrintedParagraph, text: str) -> Section | None:
        if self.styled_level is not None and paragraph.level != self.styled_level:
            return None
        return section_of_heading(self.form, text)

    def _field_heading(
        self, paragraph: PrintedParagraph, text: str
    ) -> tuple[TextField, str] | None:
        """Return the text field a paragraph starts, with the text it keeps; None for a
        paragraph that goes on the current field.

        A heading alone ("（一）主动公开", or a heading paragraph of the file's styles)
        keeps nothing. A heading followed by text on the same line ("（一）主动公开。
        本年度……") keeps the text after it — or the whole line for a field whose heading
        the clerk may write himself (五's （一）存在问题, see `optional_heading`): the
        program then prints it as written. A later field of that kind also starts where
        a line is numbered with its place ("二、……" for 改进措施)."""
        assert self.section is not None
        styled = self.styled_level is not None
        if styled and paragraph.level not in (None, self.styled_level + 1):
            return None
        headed = [p for p in self.section.parts if isinstance(p, TextField) and p.heading]
        later = headed[headed.index(self.current) + 1 :] if self.current in headed else headed
        key = label_key(text)
        for place, part in enumerate(headed, start=1):
            own = label_key(part.heading)
            for suffix in _HEADING_SUFFIXES:
                if key == own + suffix and (not styled or paragraph.level is not None):
                    return part, ""
            if styled and paragraph.level is not None:
                continue
            if part not in later:
                continue
            rest = next(
                (key[len(own + x) :] for x in _HEADING_SUFFIXES if key.startswith(own + x)),
                None,
            )
            if part.optional_heading and (
                (rest is not None and (not rest or _AFTER_HEADING.match(rest)))
                or _ordinal(text) == place
                or (styled and rest is not None)
            ):
                return part, text
            if rest and not styled and has_numbering(text) and _AFTER_HEADING.match(rest):
                return part, _rest_of_line(text, key[: len(key) - len(rest)])
        return None

    def title(self) -> tuple[str, int | None]:
        """Return the unit and year printed above 一、; "" and None when not found."""
        lines = [p.text.strip() for p in self.before if p.text.strip()]
        titled = [p.text.strip() for p in self.before if p.level == 0 and p.text.strip()]
        styled = self.styled_level is not None and bool(titled)
        lines = titled if styled else lines
        for index in range(len(lines) - 1, -1, -1):
            found = title_year(lines[index])
            if found is None:
                continue
            unit, year = found
            if not unit and index > 0:
                # the unit above the year's title: in title-styled lines, all of them (a
                # long unit is printed in balanced lines); otherwise the line above
                unit = "".join(lines[:index]) if styled else lines[index - 1]
            return unit, year
        return "", None


_CHINESE_DIGITS = "一二三四五六七八九十"
_ORDINAL = re.compile(r"^(?:\(([一二三四五六七八九十])\)|([一二三四五六七八九十])[、.])")


def _ordinal(text: str) -> int | None:
    """Return the place a line's part numbering names: （二） or 二、 → 2; None without."""
    match = _ORDINAL.match(normalise(text))
    if match is None:
        return None
    return _CHINESE_DIGITS.index(match.group(1) or match.group(2)) + 1


def _rest_of_line(text: str, key: str) -> str:
    """Return what follows the heading `key` in `text` (as printed), less its punctuation."""
    consumed, position = "", 0
    while position < min(len(text), 80) and label_key(text[:position]) != key:
        position += 1
        consumed = text[:position]
    rest = text[len(consumed) :]
    return _AFTER_HEADING.sub("", rest.lstrip()).strip()


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def _styled_level(form: Form, paragraphs: list[PrintedParagraph]) -> int | None:
    """Return the level at which the file's own heading styles or tags mark all six
    section headings; None when they do not (headings are then found by their text)."""
    by_level: dict[int, set[str]] = {}
    for paragraph in paragraphs:
        if paragraph.level:
            section = section_of_heading(form, paragraph.text)
            if section is not None:
                by_level.setdefault(paragraph.level, set()).add(section.id)
    whole = {s.id for s in form.sections}
    return next((level for level, found in sorted(by_level.items()) if found == whole), None)


# ── the whole report ─────────────────────────────────────────────────────────


def read_printed(blocks: Sequence[Block], form: Form = CURRENT) -> Reading:
    """Return the report printed as `blocks` and the notes on what was not read;
    raises UnreadableReport when no table or heading of the format is found."""
    paragraphs = [b for b in blocks if isinstance(b, PrintedParagraph)]
    text_reader = _TextReader(form, _styled_level(form, paragraphs))
    table_reader = _TableReader(form)
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


def _signature(texts: _TextReader, unit: str) -> datetime.date | None:
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


def _section_seen(section: Section, texts: _TextReader, numbers: _TableReader) -> bool:
    table_ids = {p.id for p in section.parts if isinstance(p, Table)}
    return section.id in texts.seen or bool(table_ids & {t for t, _ in numbers.seen_rows})


def _with_totals(form: Form, numbers: _TableReader) -> dict[str, CellValue]:
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
