"""A report table as the clerk works in it: keyboard first, like a spreadsheet.

Tab and Enter go from typed cell to typed cell, passing over the computed totals: Tab
in reading order (along each row), Enter down each column and on to the top of the next;
past a table's last typed cell both go on to the next table of the page (`left_table`),
and Shift walks back the same way. A cell is only ever written where the clerk landed.
Arrows move to any number cell, typing replaces, Delete clears, Ctrl+V pastes a block
copied from Excel/WPS, Ctrl+C copies. Header cells are drawn but never selected.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QFrame,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from desktop import style
from desktop.balloon import Balloon
from desktop.table_model import ReportTableModel

Move = QAbstractItemView.CursorAction
HEADER_CHARS = 14  # widest row-header column, in characters; longer labels wrap
NUMBER_CHARS = 4  # narrowest number column: 表四's fifteen fit 1366 pixels at the default size
BALANCE_LINES = 3  # a 核对 cell: left sum, right sum, difference


_KEY_HINTS = {
    Qt.Key.Key_Return: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
    Qt.Key.Key_Enter: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
    Qt.Key.Key_Tab: QAbstractItemDelegate.EndEditHint.EditNextItem,
    Qt.Key.Key_Backtab: QAbstractItemDelegate.EndEditHint.EditPreviousItem,
}


class _CellDelegate(QStyledItemDelegate):
    """Edits a number cell in a plain centred line edit that starts with its text selected."""

    refused = False  # the last value committed was refused by the model

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        """Return the line edit; each keystroke is stored as the cell's draft, so a
        crash before Enter loses nothing typed."""
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        model, cell = index.model(), QPersistentModelIndex(index)
        editor.textEdited.connect(lambda text: model.keep_draft(cell, text))
        return editor

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        """A header merged over several rows asks for no height of its own: its rows
        are sized by their other cells (Qt would give the whole text to the first row)."""
        hint = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QTableView) and view.rowSpan(index.row(), index.column()) > 1:
            return QSize(hint.width(), 0)
        return hint

    def setModelData(self, editor, model, index: QModelIndex) -> None:
        self.refused = not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor, event) -> bool:
        """Enter commits and closes at once, so the view moves down exactly one row;
        Tab moves right. Refused input keeps the editor open on the text typed (the
        model says why beside the cell), so the clerk corrects it where it is."""
        hint = _KEY_HINTS.get(event.key()) if event.type() == QEvent.Type.KeyPress else None
        if hint is None:
            return super().eventFilter(editor, event)
        self.commitData.emit(editor)
        if self.refused:
            editor.selectAll()
        else:
            self.closeEditor.emit(editor, hint)
        return True


class _FrozenHeader(QTableView):
    """The header rows of a table drawn above its scrolling body (as Excel's 冻结窗格):
    the same model shown again, its rows below the header hidden, never focused."""

    def __init__(self, body: ReportTableView) -> None:
        super().__init__(body)
        self.setModel(body.model())
        self.setItemDelegate(_CellDelegate(self))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.setEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(body.styleSheet())
        header_rows = body.report_model.grid.header_rows
        for span in body.report_model.spans():
            if span.row < header_rows:
                self.setSpan(span.row, span.column, span.rows, span.columns)
        for row in range(header_rows, self.model().rowCount()):
            self.setRowHidden(row, True)
        body.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)

    def follow(self, body: ReportTableView) -> int:
        """Take the body's font and column widths; return the header's height."""
        self.setFont(body.font())
        self.verticalHeader().setMinimumSectionSize(body.verticalHeader().minimumSectionSize())
        for column in range(self.model().columnCount()):
            self.setColumnWidth(column, body.columnWidth(column))
        header_rows = body.report_model.grid.header_rows
        for row in range(header_rows):
            self.resizeRowToContents(row)
        return sum(self.rowHeight(r) for r in range(header_rows))

    def wheelEvent(self, event) -> None:
        """Scrolling over the header scrolls the table."""
        self.parent().wheelEvent(event)


class ReportTableView(QTableView):
    """A QTableView over a ReportTableModel, with the official merged headers."""

    # (+1 past the last typed cell / -1 before the first, True when going by columns)
    left_table = Signal(int, bool)
    cursor_shown = Signal(QModelIndex)  # the cursor moved, or the table took the focus

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(_CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(f"QTableView {{ gridline-color: {style.GRID}; }}")
        for span in model.spans():
            self.setSpan(span.row, span.column, span.rows, span.columns)
        self._fit_height = False
        self._orders = {by_column: _typing_order(model, by_column) for by_column in (False, True)}
        self._fit_due = True  # sized when first shown: most pages are never opened at start
        self._frozen: _FrozenHeader | None = None
        self.balloon = Balloon(self)
        model.input_refused.connect(self.say_at_cursor)
        # a cursor without a selection: only the table with the focus shows a highlight
        self.selectionModel().setCurrentIndex(
            self._first_cell(), QItemSelectionModel.SelectionFlag.NoUpdate
        )

    @property
    def report_model(self) -> ReportTableModel:
        return self.model()  # type: ignore[return-value]

    # ── size ────────────────────────────────────────────────────────────────

    def fit_to_contents(self, now: bool = False) -> None:
        """Size columns to the headers' text and rows to their wrapped text; while the
        view is hidden, only when it is about to be shown (`now`, or at its next show):
        measuring every cell of pages never opened was most of the start-up time."""
        if not (now or self.isVisible()):
            self._fit_due = True
            return
        self._fit_due = False
        grid = self.report_model.grid
        em = self.fontMetrics().horizontalAdvance("中")
        widths = _header_widths(self.report_model, em)
        for column in range(grid.columns):
            width = widths.get(column, NUMBER_CHARS * em)
            self.setColumnWidth(column, width + em)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 8)
        # Rows are sized here, once per change of font or widths; ResizeToContents would
        # measure every cell again on each layout pass (most of the start-up time).
        self.resizeRowsToContents()
        self._fit_balance_rows()
        self._place_frozen()
        if self._fit_height:
            self.setFixedHeight(self.contents_height())
            self.setMaximumWidth(self.contents_width())

    def _fit_balance_rows(self) -> None:
        """Give each 核对 row room for both sums and the difference, one per line
        (its text changes with every edit; rows are sized only here)."""
        lines = self.fontMetrics().lineSpacing() * BALANCE_LINES + 8
        for row in range(self.report_model.grid.rows, self.model().rowCount()):
            self.setRowHeight(row, max(self.rowHeight(row), lines))

    def freeze_header(self) -> None:
        """Keep the header rows in view while the rows below scroll (a table that
        scrolls by itself, as 表三 does: its 26 rows are taller than the page)."""
        self._frozen = _FrozenHeader(self)
        for row in range(self.report_model.grid.header_rows):
            self.setRowHidden(row, True)
        self._place_frozen()
        self._frozen.show()

    def _place_frozen(self) -> None:
        if self._frozen is None:
            return
        height = self._frozen.follow(self)
        self.setViewportMargins(0, height, 0, 0)
        frame = self.frameWidth()
        self._frozen.setGeometry(frame, frame, self.viewport().width(), height)
        self._frozen.horizontalScrollBar().setValue(self.horizontalScrollBar().value())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_frozen()

    def contents_height(self) -> int:
        """Return the height that shows every row without scrolling."""
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        return rows + 2 * self.frameWidth()

    def contents_width(self) -> int:
        """Return the width that shows every column without scrolling."""
        columns = sum(self.columnWidth(c) for c in range(self.model().columnCount()))
        return columns + 2 * self.frameWidth()

    def fit_height(self) -> None:
        """Keep the view exactly as tall as its rows (for pages holding several tables)."""
        self._fit_height = True
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.Box)
        self.fit_to_contents()

    def fit_if_due(self) -> None:
        """Size the view now if a change of font or width was left for later."""
        if self._fit_due:
            self.fit_to_contents(now=True)

    def showEvent(self, event) -> None:
        self.fit_if_due()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_contents()

    # ── keys ────────────────────────────────────────────────────────────────

    def say_at_cursor(self, text: str) -> None:
        """Show `text` in a balloon just below the cell under the cursor."""
        index = self.currentIndex()
        if index.isValid() and self.isVisible():
            self.balloon.show_below(self.viewport(), self.visualRect(index), text)

    def keyPressEvent(self, event) -> None:
        self.balloon.hide()
        if self._typed_on_total(event):
            self.report_model.explain_total(self.currentIndex())
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.report_model.paste(self.currentIndex(), QGuiApplication.clipboard().text())
        elif event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.selected_text())
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.report_model.clear(self.selectedIndexes() or [self.currentIndex()])
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.report_model.confirm_draft(self.currentIndex())
            back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.advance(-1 if back else +1, by_column=True)
        elif event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.advance(+1 if event.key() == Qt.Key.Key_Tab else -1, by_column=False)
        else:
            super().keyPressEvent(event)

    def _typed_on_total(self, event) -> bool:
        """Return True for a character typed on a computed (grey) cell."""
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        typed = event.text() and event.text().isprintable() and not event.text().isspace()
        return bool(plain and typed) and self.report_model.role(self.currentIndex()) == "total"

    def closeEditor(self, editor, hint) -> None:
        """After typing in a cell, Enter goes down and Tab right, as in a sheet; Esc
        drops what was typed (and its draft)."""
        Hint = QAbstractItemDelegate.EndEditHint
        super().closeEditor(editor, Hint.NoHint)
        if hint == Hint.SubmitModelCache:
            self.advance(+1, by_column=True)
        elif hint == Hint.EditNextItem:
            self.advance(+1, by_column=False)
        elif hint == Hint.EditPreviousItem:
            self.advance(-1, by_column=False)
        elif hint == Hint.RevertModelCache:
            self.report_model.keep_draft(self.currentIndex(), None)

    def commit_open_editor(self) -> None:
        """Confirm the number being typed in the open cell, as Enter does (without
        moving on); refused input stays open on what was typed, kept as its draft."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is None:
            return
        delegate = self.itemDelegate()
        delegate.commitData.emit(editor)
        if not getattr(delegate, "refused", False):
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def advance(self, step: int, by_column: bool) -> None:
        """Go to the next (+1) or previous (-1) typed cell, by rows or by columns; past
        the table's first or last one, say so (`left_table`) and stay."""
        order = self._orders[by_column]
        current = self.currentIndex()
        here = (current.row(), current.column())
        key = _column_first if by_column else _row_first
        if step > 0:
            later = [p for p in order if key(p) > key(here)]
            target = later[0] if later else None
        else:
            earlier = [p for p in order if key(p) < key(here)]
            target = earlier[-1] if earlier else None
        if target is None:
            self.left_table.emit(step, by_column)
        else:
            self.setCurrentIndex(self.model().index(*target))

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        self.cursor_shown.emit(current)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.cursor_shown.emit(self.currentIndex())

    def focusOutEvent(self, event) -> None:
        """Leaving for another widget drops the highlight, so a page of several tables
        shows one highlighted cell, where the focus is (switching to Excel keeps it)."""
        super().focusOutEvent(event)
        if event.reason() in (
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            return
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.selectionModel().clearSelection()

    def _go(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)

    def moveCursor(self, action, modifiers) -> QModelIndex:
        """Return where the cursor goes: only ever a number cell of the table."""
        grid = self.report_model.grid
        rows, columns = len(self.report_model.table.rows), len(self.report_model.table.columns)
        current = self.currentIndex()
        row = max(0, current.row() - grid.header_rows) if current.isValid() else 0
        column = max(0, current.column() - grid.header_columns) if current.isValid() else 0
        row, column = _step(action, row, column, rows, columns)
        return self.model().index(*grid.body_position(row, column))

    def _first_cell(self) -> QModelIndex:
        grid = self.report_model.grid
        return self.model().index(grid.header_rows, grid.header_columns)

    def focus_past(self, direction: int) -> None:
        """Give the focus to the next (+1) or previous (-1) widget of the window, as Tab
        does outside a table (inside one, Tab moves the cursor instead)."""
        QWidget.focusNextPrevChild(self, direction > 0)

    def enter_from(self, direction: int, by_column: bool = False) -> None:
        """Take the focus, on the first typed cell coming forward or the last coming
        back (by rows, or by columns as Enter goes)."""
        order = self._orders[by_column]
        self.setCurrentIndex(self.model().index(*(order[0] if direction > 0 else order[-1])))
        self.setFocus(Qt.FocusReason.TabFocusReason)

    def selected_text(self) -> str:
        """Return the selected cells as a tab-separated block, as Excel copies it."""
        indexes = self.selectedIndexes()
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        model = self.model()
        return "\n".join("\t".join(model.index(r, c).data() or "" for c in columns) for r in rows)


def _row_first(position: tuple[int, int]) -> tuple[int, int]:
    return position


def _column_first(position: tuple[int, int]) -> tuple[int, int]:
    return position[1], position[0]


def _typing_order(model: ReportTableModel, by_column: bool) -> list[tuple[int, int]]:
    """Return the grid positions of the table's typed cells in the order Tab (by rows)
    or Enter (by columns) visits them."""
    positions = [
        model.grid.body_position(c.row_index, c.column_index)
        for c in model.table_cells()
        if not c.is_total
    ]
    return sorted(positions, key=_column_first if by_column else _row_first)


def _step(action, row: int, column: int, rows: int, columns: int) -> tuple[int, int]:
    """Return the body position one move away, kept inside the table."""
    if action in (Move.MoveNext, Move.MovePrevious):
        flat = row * columns + column + (1 if action == Move.MoveNext else -1)
        flat = min(max(flat, 0), rows * columns - 1)
        return divmod(flat, columns)
    moves = {
        Move.MoveUp: (row - 1, column),
        Move.MoveDown: (row + 1, column),
        Move.MoveLeft: (row, column - 1),
        Move.MoveRight: (row, column + 1),
        Move.MoveHome: (row, 0),
        Move.MoveEnd: (row, columns - 1),
        Move.MovePageUp: (0, column),
        Move.MovePageDown: (rows - 1, column),
    }
    row, column = moves.get(action, (row, column))
    return min(max(row, 0), rows - 1), min(max(column, 0), columns - 1)


def _header_widths(model: ReportTableModel, em: int) -> dict[int, int]:
    """Return a width for each column from the one-column header cells that start in it.

    A row header spanning many rows may wrap onto several lines, so it can be narrow."""
    widths: dict[int, int] = {}
    grid = model.grid
    for span in grid.spans:
        if span.columns != 1:
            continue
        header = span.column < grid.header_columns
        chars = len(span.text)
        if header and span.rows > 2:
            chars = -(-chars // (span.rows // 2))
        low, high = (4, HEADER_CHARS) if header else (NUMBER_CHARS, NUMBER_CHARS + 4)
        chars = min(max(chars, low), high)
        widths[span.column] = max(widths.get(span.column, 0), chars * em)
    return widths
