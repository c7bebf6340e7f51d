"""The wizard's pages for the report's sections, generated from the form.

A section of tables becomes a TablePage, a section of texts a TextPage; no page is
drawn by hand for a particular section.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.session import ReportSession, page_findings
from desktop.table_model import ReportTableModel
from desktop.table_view import ReportTableView
from forms.carry import previous_hints
from forms.checks import Finding
from forms.spec import Section, Severity, Table, TextField

FEE_SENTENCE = "本年度未收取信息处理费。"
HINT_STYLE = "color: #5f6b7a;"
MARK_STYLE = {Severity.ERROR: "#b3261e", Severity.WARNING: "#9a6200"}


def heading_label(text: str, size: float = 1.5) -> QLabel:
    """Return a bold heading label, `size` times the normal font."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def hint_label(text: str) -> QLabel:
    """Return a grey, wrapped explanatory label."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class SectionPage(QWidget):
    """What every page of a section has: a title, the ids it holds, a way to show one."""

    message = Signal(str)  # something refused or done, for the status bar

    def __init__(self, section: Section, session: ReportSession, parent=None) -> None:
        super().__init__(parent)
        self.section, self.session = section, session
        self.title = f"{section.heading.split('、', 1)[0]} {section.title}"

    def findings(self) -> list[Finding]:
        """Return the findings whose first cell or field is on this page."""
        return page_findings(self.session, self.section)

    def show_target(self, target: str) -> None:
        """Put the cursor on a cell or text field of this page."""

    def set_font_size(self, points: float) -> None:
        """Show the tables and texts in `points`-sized type."""


def _scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Tab goes straight to the tables and editors inside: a focused scroll area would
    # swallow the first digits the clerk types.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area


def _reveal(area: QScrollArea, view: QTableView, index: QModelIndex) -> None:
    """Scroll `area` so the table holding the cursor, or at least its cell, is in view
    (Tab into a table, Enter, or a click on a finding may land below the fold)."""
    if not index.isValid():
        return
    area.ensureWidgetVisible(view, 0, 0)
    rect = view.visualRect(index)
    centre = view.viewport().mapTo(area.widget(), rect.center())
    area.ensureVisible(centre.x(), centre.y(), rect.width(), rect.height())


class TablePage(SectionPage):
    """A section of tables: each table as the official format draws it."""

    def __init__(self, section: Section, session: ReportSession, parent=None) -> None:
        super().__init__(section, session, parent)
        self.tables = [p for p in section.parts if isinstance(p, Table)]
        self.models = [ReportTableModel(session, t, self) for t in self.tables]
        self.views = [ReportTableView(m) for m in self.models]
        self.fill_button = QPushButton("本表空白填0" if len(self.tables) == 1 else "各表空白填0")
        self.fill_button.setToolTip("把本页所有还空着的格填为 0（可以撤销）")
        self.fill_button.clicked.connect(self.fill_blanks_with_zero)
        self._build()
        for model in self.models:
            model.input_refused.connect(self.message)
            model.edited.connect(self.message)
        for index, view in enumerate(self.views):
            view.left_table.connect(lambda d, i=index: self._leave_table(i, d))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading_label(self.section.heading), 1)
        top.addWidget(self.fill_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(hint_label(_TABLE_KEYS))
        self.hints = {table.id: hint_label("") for table in self.tables}
        if len(self.views) == 1:
            layout.addWidget(self.views[0], 1)
            layout.addWidget(self.hints[self.tables[0].id])
        else:
            area = _scrolled(self._stacked_tables())
            layout.addWidget(area, 1)
            for view in self.views:
                view.cursor_shown.connect(lambda current, v=view: _reveal(area, v, current))
        self._show_hints()
        self.session.renamed.connect(self._show_hints)

    def _stacked_tables(self) -> QWidget:
        """Return the page's tables one below the other, each at its full height."""
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        for table, view in zip(self.tables, self.views, strict=True):
            view.fit_height()
            inner.addWidget(view)
            inner.addWidget(self.hints[table.id])
            inner.addSpacing(8)
        inner.addStretch(1)
        return content

    def _show_hints(self) -> None:
        """Show under each table last year's numbers it is compared with, if any."""
        previous = self.session.previous
        found = previous_hints(self.session.report.form, previous) if previous else {}
        for table_id, label in self.hints.items():
            label.setText("；".join(found.get(table_id, [])) + "。")
            label.setVisible(table_id in found)

    def fill_blanks_with_zero(self) -> None:
        """Fill the blank cells of every table on the page with 0, as one undo step."""
        stack = self.session.undo_stack
        stack.beginMacro(self.fill_button.text())
        filled = sum(model.fill_blanks_with_zero() for model in self.models)
        stack.endMacro()
        self.message.emit(f"已把 {filled} 个空白格填为 0" if filled else "本页没有空白格")

    def order_tabs(self) -> None:
        """Put the fill button after the last table in the Tab order, so Tab from the
        page list lands in the first table (call once the page is in its window:
        reparenting rebuilds the order)."""
        QWidget.setTabOrder(self.views[-1], self.fill_button)

    def show_target(self, target: str) -> None:
        for model, view in zip(self.models, self.views, strict=True):
            index = model.index_of(target)
            if index.isValid():
                view.setCurrentIndex(index)
                view.scrollTo(index)
                view.setFocus()
                return

    def current_index(self) -> tuple[ReportTableView, QModelIndex]:
        """Return the table view with the focus (the first one if none) and its cell."""
        view = next((v for v in self.views if v.hasFocus()), self.views[0])
        return view, view.currentIndex()

    def set_font_size(self, points: float) -> None:
        for view in self.views:
            font = QFont(view.font())
            font.setPointSizeF(points)
            view.setFont(font)

    def _leave_table(self, index: int, direction: int) -> None:
        """Tab past a table's last cell goes on to the next table of the page."""
        target = index + direction
        if 0 <= target < len(self.views):
            self.views[target].enter_from(direction)
        else:  # past the page's tables: on to the button, or back to the page list
            self.views[index].focus_past(direction)


_TABLE_KEYS = (
    "直接输入数字，回车到下一行，Tab 到右边一格；可以从 Excel/WPS 复制整块后按 Ctrl+V 粘贴；"
    "Delete 清空；灰色格为自动计算的合计，红色格表示数字对不上（鼠标停在格上可看原因）。"
)


class TextPage(SectionPage):
    """A section of texts: one editor per field with its heading, hint and length."""

    def __init__(self, section: Section, session: ReportSession, parent=None) -> None:
        super().__init__(section, session, parent)
        self.fields = [p for p in section.parts if isinstance(p, TextField)]
        self.editors: dict[str, QPlainTextEdit] = {}
        self.counts: dict[str, QLabel] = {}
        self.marks: dict[str, QLabel] = {}
        self.fee_button: QPushButton | None = None
        self._build()
        session.text_changed.connect(self._reload)
        session.findings_changed.connect(self.refresh_marks)
        session.status_changed.connect(self._apply_read_only)
        self.refresh_marks()
        self._apply_read_only()

    def _build(self) -> None:
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(heading_label(self.section.heading))
        for field in self.fields:
            inner.addLayout(self._field_block(field))
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scrolled(content))

    def _field_block(self, field: TextField) -> QVBoxLayout:
        block = QVBoxLayout()
        block.setSpacing(4)
        title = field.heading or ("开头部分" if len(self.fields) > 1 else "")
        if title:
            block.addWidget(heading_label(title, 1.15))
        block.addWidget(hint_label(field.hint))
        editor = QPlainTextEdit(self.session.report.text(field.id))
        editor.setMinimumHeight(150 if len(self.fields) > 1 else 260)
        editor.setTabChangesFocus(True)
        editor.setAccessibleName(title or self.section.heading)
        editor.textChanged.connect(lambda f=field.id: self._edited(f))
        self.editors[field.id] = editor
        block.addWidget(editor)
        block.addLayout(self._field_footer(field))
        block.addSpacing(10)
        return block

    def _field_footer(self, field: TextField) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.marks[field.id] = QLabel()
        self.marks[field.id].setWordWrap(True)
        footer.addWidget(self.marks[field.id], 1)
        if field.id == self.session.report.form.fee_field:
            button = QPushButton(f"插入“{FEE_SENTENCE}”")
            button.setToolTip("没有收取信息处理费时，一键写入标准表述")
            button.clicked.connect(lambda: self.insert_fee_sentence(field.id))
            footer.addWidget(button)
            self.fee_button = button
        self.counts[field.id] = QLabel()
        self.counts[field.id].setStyleSheet(HINT_STYLE)
        footer.addWidget(self.counts[field.id])
        self._count(field.id)
        return footer

    def _edited(self, field_id: str) -> None:
        self.session.set_text(field_id, self.editors[field_id].toPlainText())
        self._count(field_id)

    def _count(self, field_id: str) -> None:
        self.counts[field_id].setText(f"{len(self.editors[field_id].toPlainText())} 字")

    def _reload(self, field_id: str) -> None:
        """Show a text changed elsewhere (carry-over), unless this editor made the change."""
        editor = self.editors.get(field_id)
        text = self.session.report.text(field_id)
        if editor is not None and editor.toPlainText() != text:
            editor.setPlainText(text)

    def insert_fee_sentence(self, field_id: str) -> None:
        """Add the standard sentence on 信息处理费 as a paragraph of its own."""
        editor = self.editors[field_id]
        if editor.isReadOnly():  # 定稿: a cursor would still write into the editor
            return
        if FEE_SENTENCE in editor.toPlainText():
            self.message.emit("已经写有这句话")
            return
        cursor = editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(("\n" if editor.toPlainText().strip() else "") + FEE_SENTENCE)
        editor.setTextCursor(cursor)

    def refresh_marks(self) -> None:
        """Show under each editor what is wrong with its text, in red or amber."""
        for field_id, label in self.marks.items():
            found = _field_findings(self.session.findings, field_id)
            label.setText("\n".join(f.message for f in found))
            worst = Severity.ERROR if any(f.is_error for f in found) else Severity.WARNING
            label.setStyleSheet(f"color: {MARK_STYLE[worst]};")

    def _apply_read_only(self) -> None:
        for editor in self.editors.values():
            editor.setReadOnly(self.session.is_final)
        if self.fee_button is not None:
            self.fee_button.setEnabled(not self.session.is_final)

    def show_target(self, target: str) -> None:
        editor = self.editors.get(target) or next(iter(self.editors.values()))
        editor.setFocus()
        editor.ensureCursorVisible()

    def set_font_size(self, points: float) -> None:
        for editor in self.editors.values():
            font = QFont(editor.font())
            font.setPointSizeF(points)
            editor.setFont(font)


def _field_findings(findings: list[Finding], field_id: str) -> list[Finding]:
    """Return the findings to show under a field: those about it first of all, and
    those comparing it with a table; a group's TEXT_REQUIRED shows under its first."""
    return [
        f
        for f in findings
        if f.cells[0] == field_id or (field_id in f.cells and f.code != "TEXT_REQUIRED")
    ]
