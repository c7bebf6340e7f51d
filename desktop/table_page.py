"""A section of tables as a wizard page, generated from the form: each table as the
official format draws it, stacked in one scrolling page."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.section_page import SectionPage, scrolled
from desktop.session import ReportSession
from desktop.style import heading_label, hint_label
from desktop.table_model import ReportTableModel
from desktop.table_view import ReportTableView
from forms.format.spec import Section, Table
from forms.report.carry import previous_hints


def _reveal(area: QScrollArea, view: QTableView, index: QModelIndex) -> None:
    """Scroll `area` so the table holding the cursor, or at least its cell, is in view
    (Tab into a table, Enter, or a click on a finding may land below the fold)."""
    if not index.isValid():
        return
    area.ensureWidgetVisible(view, 0, 0)
    rect = view.visualRect(index)
    centre = view.viewport().mapTo(area.widget(), rect.center())
    area.ensureVisible(centre.x(), centre.y(), rect.width(), rect.height())


def _centre(area: QScrollArea, view: QTableView, index: QModelIndex) -> None:
    """Scroll `area` so the cell at `index` sits in the middle of what it shows."""
    area.widget().layout().activate()  # the page may only just have been shown
    rect = view.visualRect(index)
    centre = view.viewport().mapTo(area.widget(), rect.center())
    area.verticalScrollBar().setValue(centre.y() - area.viewport().height() // 2)
    area.horizontalScrollBar().setValue(centre.x() - area.viewport().width() // 2)


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
            view.left_table.connect(
                lambda d, by_column, i=index: self._leave_table(i, d, by_column)
            )

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading_label(self.section.heading), 1)
        top.addWidget(self.fill_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(hint_label(_TABLE_KEYS))
        self.hints = {table.id: hint_label("") for table in self.tables}
        self.area: QScrollArea | None = None  # pages of several tables scroll as one
        if len(self.views) == 1:
            self.views[0].freeze_header()
            layout.addWidget(self.views[0], 1)
            layout.addWidget(self.hints[self.tables[0].id])
        else:
            area = self.area = scrolled(self._stacked_tables())
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

    def prepare(self) -> None:
        """Size the tables before the page is shown, so it opens laid out."""
        for view in self.views:
            view.fit_if_due()

    def fill_blanks_with_zero(self) -> None:
        """Fill the blank cells of every table on the page with 0, as one undo step."""
        if self.models[0].final_refused():
            return
        zeros = {cid: value for model in self.models for cid, value in model.zeros().items()}
        typed = sum(model.typed_unconfirmed() for model in self.models)
        if zeros and not self.session.set_values(zeros, self.fill_button.text()):
            return
        said = f"已把 {len(zeros)} 个空白格填为 0" if zeros else "本页没有空白格"
        if typed:
            said += f"；{typed} 格有输入未确认或未保存的数字，没有改动"
        self.message.emit(said)

    def order_tabs(self) -> None:
        """Put the fill button after the last table in the Tab order, so Tab from the
        page list lands in the first table (call once the page is in its window:
        reparenting rebuilds the order)."""
        QWidget.setTabOrder(self.views[-1], self.fill_button)

    def show_target(self, target: str) -> None:
        """Put the cursor on cell `target`, scrolled to the middle of the page, with
        the focus, so the clerk can type the correction at once."""
        for model, view in zip(self.models, self.views, strict=True):
            index = model.index_of(target)
            if index.isValid():
                view.setCurrentIndex(index)
                if self.area is None:
                    view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                else:
                    _centre(self.area, view, index)
                view.setFocus(Qt.FocusReason.OtherFocusReason)
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

    def _leave_table(self, index: int, direction: int, by_column: bool) -> None:
        """Tab or Enter past a table's last typed cell goes on to the next table of the
        page (Shift: back to the previous one's last)."""
        target = index + direction
        if 0 <= target < len(self.views):
            self.views[target].enter_from(direction, by_column)
        else:  # past the page's tables: on to the button, or back to the page list
            self.views[index].focus_past(direction)


_TABLE_KEYS = (
    "直接输入数字，回车到下一行，Tab 到右边一格；可以从 Excel/WPS 复制整块后按 Ctrl+V 粘贴；"
    "Delete 清空；灰色格为自动计算的合计，红色格表示数字对不上（鼠标停在格上可看原因）。"
)
