"""One table of the report as a Qt model, laid out as the official table draws it.

The model's grid is the table's whole grid from `forms.format.grid`: caption and column
headers on top, row headers on the left, number cells in between; the view merges
header cells with `spans()`. Below a table that has a balance relation along its
columns (表三: 一 + 二 = 三（七）+ 四) one more row shows, under each column,
both sides and whether they agree. Parsing, totals and checks are called from
`forms`; this module only maps them to rows, columns and colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from desktop import style
from desktop.session import ReportSession
from forms.format.cells import Cell, cells
from forms.format.grid import Span, table_grid
from forms.format.spec import Axis, Severity, Table
from forms.report.checks import Finding, line_text
from forms.report.input import CellInputError, cell_name, parse_cell, paste_block
from forms.report.relations import Line, Term, expand, side_sum
from forms.report.totals import parts
from forms.report.values import CellValue, value_text

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROLE_ROLE = Qt.ItemDataRole.UserRole + 2  # "header", "input", "total" or "balance"

HEADER_BRUSH = style.brush(style.HEADER_BACKGROUND)
TOTAL_BRUSH = style.brush(style.TOTAL_BACKGROUND)
ERROR_BRUSH = style.brush(style.ERROR_BACKGROUND)
WARNING_BRUSH = style.brush(style.WARNING_BACKGROUND)
BLANK_BRUSH = style.brush(style.BLANK_BACKGROUND)
TEXT_COLOR = style.color(style.TEXT)  # wherever a background is set (dark mode)
GOOD_COLOR = style.color(style.GOOD)
BAD_COLOR = style.color(style.ERROR)
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Balance:
    """Both sides of a column relation under one column; None when not judged."""

    left: int | Decimal | None
    right: int | Decimal | None
    detail: str

    @property
    def holds(self) -> bool:
        return self.left == self.right


class ReportTableModel(QAbstractTableModel):
    """A table of the report session, editable where the clerk types."""

    input_refused = Signal(str)  # a Chinese message: what was refused and why
    edited = Signal(str)  # a short Chinese note of what was stored

    def __init__(self, session: ReportSession, table: Table, parent=None) -> None:
        super().__init__(parent)
        self.session, self.table = session, table
        self.grid = table_grid(table)
        self._cells = cells(session.report.form)
        # Qt asks data() tens of thousands of times while sizing a table: look cells up
        # by grid position instead of rebuilding their ids.
        self._at = {
            self.grid.body_position(c.row_index, c.column_index): c
            for c in self._cells.values()
            if c.table is table
        }
        self._headers = _header_cells(self.grid.spans)
        self._balances = _balance_relations(session.report.form, table)
        self._refresh_state()
        # findings_changed follows every change of values: one redraw per edit.
        session.findings_changed.connect(self._redraw)
        session.draft_dropped.connect(self._redraw)
        session.status_changed.connect(self._redraw_all)

    # ── shape ────────────────────────────────────────────────────────────────

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.rows + len(self._balances)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.columns

    def spans(self) -> list[Span]:
        """Return the merged cells of the grid (header spans and balance row labels)."""
        merged = [s for s in self.grid.spans if s.rows > 1 or s.columns > 1]
        if self.grid.header_columns > 1:
            for i in range(len(self._balances)):
                row = self.grid.rows + i
                merged.append(Span(row, 0, 1, self.grid.header_columns, ""))
        return merged

    def cell_at(self, index: AnyIndex) -> Cell | None:
        """Return the number cell at `index`; None for headers and the balance row."""
        return self._at.get((index.row(), index.column()))

    def index_of(self, cid: str) -> QModelIndex:
        """Return the index of cell `cid`; invalid when it is not in this table."""
        cell = self._cells.get(cid)
        if cell is None or cell.table is not self.table:
            return QModelIndex()
        row, column = self.grid.body_position(cell.row_index, cell.column_index)
        return self.index(row, column)

    def role(self, index: AnyIndex) -> str:
        """Return what sits at `index`: header, input, total or balance."""
        if index.row() >= self.grid.rows:
            return "header" if index.column() < self.grid.header_columns else "balance"
        cell = self.cell_at(index)
        if cell is None:
            return "header"
        return "total" if cell.is_total else "input"

    # ── reading ──────────────────────────────────────────────────────────────

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kind = self.role(index)
        if role == ROLE_ROLE:
            return kind
        if kind == "header":
            return self._header_data(index, role)
        if kind == "balance":
            return self._balance_data(index, role)
        if role == Qt.ItemDataRole.ForegroundRole:
            # dark text on the light backgrounds, none (the palette's) where there is none
            background = self._cell_data(self.cell_at(index), kind, Qt.ItemDataRole.BackgroundRole)
            return TEXT_COLOR if background is not None else None
        return self._cell_data(self.cell_at(index), kind, role)

    def _header_data(self, index: AnyIndex, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header_text(index)
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADER_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole:
            return TEXT_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _header_text(self, index: AnyIndex) -> str:
        if index.row() >= self.grid.rows:
            relation = self._balances[index.row() - self.grid.rows]
            return "核对：" + _relation_label(relation) if index.column() == 0 else ""
        return self._headers.get((index.row(), index.column()), "")

    def _cell_data(self, cell: Cell, kind: str, role: int):
        value = self._shown.get(cell.id)
        unsaved, pending = self.session.unsaved_value(cell.id)
        draft = self.session.drafts.get(cell.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if unsaved:
                return "" if pending is None else value_text(pending)
            if draft is not None:
                return draft
            return "" if value is None else value_text(value)
        if unsaved or draft is not None:
            return self._pending_data(cell, draft, role)
        if role == CELL_ID_ROLE:
            return cell.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._cell_brush(cell.id, kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tip(cell, kind)
        return None

    def _pending_data(self, cell: Cell, draft: str | None, role: int):
        """Show a value not stored yet (a save failed) or a draft left unconfirmed."""
        if role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BRUSH if draft is None else WARNING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            if draft is None:
                return f"这一格的修改未能保存：{self.session.problem or ''}"
            return f"上次输入了“{draft}”，尚未确认：按回车确认，按 Delete 清除，或直接重新输入"
        if role == CELL_ID_ROLE:
            return cell.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _cell_brush(self, cid: str, kind: str) -> QBrush | None:
        severity = self._marks.get(cid)
        if severity is Severity.ERROR:
            return ERROR_BRUSH
        if severity is Severity.WARNING:
            return WARNING_BRUSH
        if kind == "total":
            return TOTAL_BRUSH
        return BLANK_BRUSH if cid in self._blank else None

    def _cell_tip(self, cell: Cell, kind: str) -> str:
        lines = list(self._messages.get(cell.id, []))
        if kind == "total":
            lines.append(total_note(cell, self._cells))
        elif cell.id in self._blank:
            lines.append("尚未填写（没有的请填 0）")
        return "\n".join(lines)

    def _balance_data(self, index: AnyIndex, role: int):
        column = self.table.columns[index.column() - self.grid.header_columns]
        balance = self._balance(self._balances[index.row() - self.grid.rows], column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return _balance_text(balance)
        if role == Qt.ItemDataRole.ForegroundRole:
            if balance.left is None:
                return TEXT_COLOR
            return GOOD_COLOR if balance.holds else BAD_COLOR
        if role == Qt.ItemDataRole.ToolTipRole:
            return balance.detail
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADER_BRUSH
        return None

    def balance(self, column_key: str) -> Balance:
        """Return both sides of the table's first column relation under `column_key`."""
        return self._balance(self._balances[0], column_key)

    def _balance(self, lines: dict[str, Line], column_key: str) -> Balance:
        line = lines[column_key]
        left, right = side_sum(line.left, self._shown), side_sum(line.right, self._shown)
        return Balance(left, right, line_text(line, self._shown))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        kind = self.role(index)
        if kind in ("header", "balance"):
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if kind == "input" and not self.session.is_final:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # ── writing ──────────────────────────────────────────────────────────────

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.cell_at(index)
        if role != Qt.ItemDataRole.EditRole or cell is None:
            return False
        if not self._writable(cell):
            return False
        try:
            parsed = parse_cell(str(value), cell)
        except CellInputError as error:
            self.input_refused.emit(str(error))
            return False
        self.session.set_values({cell.id: parsed}, f"填写 {cell_name(cell)}")
        if cell.id in self.session.drafts and self.session.report.value(cell.id) == parsed:
            self.session.keep_draft(cell.id, None)  # the value was there already
        return True

    def keep_draft(self, index: AnyIndex, text: str | None) -> None:
        """Store what is being typed into the cell at `index` (None drops it)."""
        cell = self.cell_at(index)
        if cell is not None and not cell.is_total:
            self.session.keep_draft(cell.id, text)

    def confirm_draft(self, index: AnyIndex) -> bool:
        """Store the draft left in the cell at `index` as its value; False when none."""
        cell = self.cell_at(index)
        draft = self.session.drafts.get(cell.id) if cell is not None else None
        if draft is None:
            return False
        return self.setData(index, draft)

    def final_refused(self) -> bool:
        """Return True (and say why) when the report is 定稿 and so read-only."""
        if self.session.is_final:
            self.input_refused.emit("本报告已定稿，不能修改。如需修改，请先“撤销定稿”")
        return self.session.is_final

    def _writable(self, cell: Cell) -> bool:
        if self.final_refused():
            return False
        if cell.is_total:
            self.input_refused.emit(total_note(cell, self._cells))
            return False
        return True

    def explain_total(self, index: AnyIndex) -> None:
        """Say that the total at `index` is computed, and from which cells."""
        cell = self.cell_at(index)
        if cell is not None and cell.is_total:
            self.input_refused.emit(total_note(cell, self._cells))

    def paste(self, index: AnyIndex, text: str) -> bool:
        """Store a tab-separated block pasted at `index`; all or nothing."""
        cell = self.cell_at(index)
        if cell is None or self.final_refused():
            return False
        try:
            pasted = paste_block(self.table, self._cells, cell.row_index, cell.column_index, text)
        except CellInputError as error:
            self.input_refused.emit(str(error))
            return False
        self.session.set_values(pasted.values, "粘贴")
        skipped = (
            f"，{pasted.skipped_totals} 个合计格由程序计算，已跳过" if pasted.skipped_totals else ""
        )
        if pasted.skipped_labels:
            skipped += f"，行名 {pasted.skipped_labels} 格已跳过"
        self.edited.emit(f"已粘贴 {len(pasted.values)} 格{skipped}")
        return True

    def clear(self, indexes: list[QModelIndex]) -> None:
        """Make the typed cells among `indexes` blank, as one undo step."""
        found = [self.cell_at(i) for i in indexes]
        typed = {c.id: None for c in found if c is not None and not c.is_total}
        if typed and not self.final_refused():
            self.session.set_values(typed, "清除")
            for cid in typed:
                if cid in self.session.drafts:
                    self.session.keep_draft(cid, None)

    def zeros(self) -> dict[str, CellValue]:
        """Return a 0 for every blank typed cell of the table; a cell with a number being
        typed (yellow draft) or typed and not yet stored is not blank."""
        return {c.id: parse_cell("0", c) for c in self._blank_cells() if not self._typed(c.id)}

    def typed_unconfirmed(self) -> int:
        """Return how many blank cells hold a number typed and not confirmed or stored."""
        return sum(1 for c in self._blank_cells() if self._typed(c.id))

    def _blank_cells(self) -> list[Cell]:
        return [c for c in self.table_cells() if not c.is_total and c.id not in self._filled]

    def _typed(self, cell_id: str) -> bool:
        unsaved, pending = self.session.unsaved_value(cell_id)
        return cell_id in self.session.drafts or (unsaved and pending is not None)

    def fill_blanks_with_zero(self) -> int:
        """Fill every blank typed cell of the table with 0, as one undo step; return how many."""
        zeros = self.zeros()
        if not zeros or self.final_refused():
            return 0
        return len(zeros) if self.session.set_values(zeros, "本表空白填0") else 0

    def table_cells(self) -> list[Cell]:
        """Return the number cells of this table."""
        return list(self._at.values())

    # ── keeping up with the session ──────────────────────────────────────────

    def _refresh_state(self) -> None:
        self._shown: dict[str, CellValue | None] = self.session.shown
        self._filled = {cid for cid, v in self.session.report.values.items() if v is not None}
        mine = {c.id for c in self.table_cells()}
        found = self.session.findings
        explained = {f for f in found if self.session.explanation(f) is not None}
        self._marks, self._messages, self._blank = _marks(found, mine, explained)
        self._last_drawn = self._drawn()

    def _redraw(self, *_args) -> None:
        """Repaint the cells whose value, marks or balance changed, one by one: Qt
        repaints a range as the whole table, which costs most of an edit on 三."""
        before = self._last_drawn
        self._refresh_state()
        for (row, column), shown in self._last_drawn.items():
            if before.get((row, column)) != shown:
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    def _redraw_all(self, *_args) -> None:
        """Repaint every cell (定稿 changes what can be edited everywhere)."""
        self._refresh_state()
        top, bottom = self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
        self.dataChanged.emit(top, bottom)

    def _drawn(self) -> dict[tuple[int, int], object]:
        """Return what decides the look of each number and balance cell, by position."""
        drawn: dict[tuple[int, int], object] = {
            position: (
                self._shown.get(cell.id),
                self._marks.get(cell.id),
                tuple(self._messages.get(cell.id, ())),
                cell.id in self._blank,
                self.session.drafts.get(cell.id),
                self.session.unsaved_value(cell.id),
            )
            for position, cell in self._at.items()
        }
        for i, lines in enumerate(self._balances):
            for j, column in enumerate(self.table.columns):
                line = lines[column.key]  # a balance cell shows its two sums
                drawn[(self.grid.rows + i, self.grid.header_columns + j)] = (
                    side_sum(line.left, self._shown),
                    side_sum(line.right, self._shown),
                )
        return drawn


def _marks(
    findings: list[Finding], mine: set[str], explained: set[Finding] | None = None
) -> tuple[dict[str, Severity], dict[str, list[str]], set[str]]:
    """Return the worst severity and the messages of each cell in `mine`, and the blank
    cells (a finding listing blanks marks them lightly: a new report is all blank, not
    all red). A warning in `explained` (说明) colours no cell; its message says so."""
    marks: dict[str, Severity] = {}
    messages: dict[str, list[str]] = {}
    blank: set[str] = set()
    for finding in findings:
        hit = [c for c in finding.cells if c in mine]
        if finding.lists_blanks:
            blank.update(hit)
            continue
        said = explained is not None and finding in explained
        for cid in hit:
            messages.setdefault(cid, []).append(finding.message + ("（已说明）" if said else ""))
            if not said and marks.get(cid) is not Severity.ERROR:
                marks[cid] = finding.severity
    return marks, messages, blank


def total_note(cell: Cell, catalogue: dict[str, Cell]) -> str:
    """Return what a clerk typing into a total is told: it is computed, and from
    which cells (all named up to six, else the first, the last and how many)."""
    along_row = bool(cell.column.parts)  # a 总计 column adds the row's cells
    names = [catalogue[p].column.name if along_row else catalogue[p].row.name for p in parts(cell)]
    summed = " + ".join(names) if len(names) <= 6 else f"{names[0]}至{names[-1]}共 {len(names)} 格"
    return f"{cell_name(cell)}由程序自动计算（= {summed}），不用填写，请填写这些格"


def _header_cells(spans: tuple[Span, ...]) -> dict[tuple[int, int], str]:
    return {(s.row, s.column): s.text for s in spans}


def _balance_relations(form, table: Table) -> list[dict[str, Line]]:
    """Return, for each relation checked down every column of `table` within this
    year, its lines by column key."""
    found = []
    for relation in form.relations:
        if relation.table == table.id and relation.along is Axis.COLUMN:
            lines = {line.along: line for line in expand(form, relation)}
            if not any(t.previous for line in lines.values() for t in (*line.left, *line.right)):
                found.append(lines)
    return found


def _names(terms: tuple[Term, ...]) -> str:
    return "".join(
        f"{' − ' if t.sign < 0 else (' + ' if i else '')}{t.name}" for i, t in enumerate(terms)
    )


def _relation_label(lines: dict[str, Line]) -> str:
    line = next(iter(lines.values()))
    return f"{_names(line.left)} = {_names(line.right)}"


def _balance_text(balance: Balance) -> str:
    """Return both sums under a column, one per line so neither is cut off in a
    narrow column, and the difference when they disagree."""
    if balance.left is None or balance.right is None:
        return ""
    if balance.holds:
        return f"{balance.left} ✓\n= {balance.right}"
    return f"{balance.left} ✗\n≠ {balance.right}\n差 {abs(balance.left - balance.right)}"
