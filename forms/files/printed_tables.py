"""The tables of a published report read by their labels: each printed table's header
rows name its columns, each row's leading labels name its row (`label_key` folds the
printing differences away), and the numbers under them are read as printed. What no
label of the format names is noted with its place, never guessed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from forms.files.printed import PrintedCell, PrintedTable
from forms.format.cells import cell_id, tables
from forms.format.labels import label_key
from forms.format.spec import Column, Form, Number, Row, Table
from forms.report.checks import table_name as _table_name
from forms.report.values import NA, CellValue

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


_NAMES: dict[tuple[str, str], str] = {}
_IDS: dict[tuple[str, str, str], str] = {}


def table_name(form: Form, table: Table) -> str:
    """Return how messages name a table (forms.report.checks.table_name), worked out
    once per table (a frozen dataclass hashes all its rows at every call)."""
    key = (form.id, table.id)
    if key not in _NAMES:
        _NAMES[key] = _table_name(form, table)
    return _NAMES[key]


def _cell_id(table: Table, row: Row, column: Column) -> str:
    key = (table.id, row.key, column.key)
    if key not in _IDS:
        _IDS[key] = cell_id(table, row, column)
    return _IDS[key]


@dataclass
class TableReader:
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
        cid = _cell_id(table, row, column)
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
