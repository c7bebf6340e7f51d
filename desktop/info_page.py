"""基本信息, the wizard's first page: what the report is, and the carry-over from last year."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.session import ReportSession
from desktop.style import heading_label, hint_label
from forms.storage import store as store_module


class InfoPage(QWidget):
    """基本信息: unit and year (correctable), format and status, and the carry-over
    from last year."""

    message = Signal(str)

    def __init__(self, session: ReportSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = "基本信息"
        self.heading = heading_label("")
        self.unit = QLineEdit()
        self.year = QSpinBox()
        self.status = QLabel()
        self.date = QDateEdit()
        self.date_reset = QPushButton("改回导出当天")
        self.previous_note = hint_label("")
        self.carry_button = QPushButton()
        self.carry_button.clicked.connect(self.carry)
        self._build()
        self.unit.editingFinished.connect(self.rename)
        self.year.valueChanged.connect(self.rename)
        self.date.dateChanged.connect(self.set_date)
        self.date_reset.clicked.connect(lambda: self.date.setDate(_UNSET))
        session.status_changed.connect(self._refresh)
        session.renamed.connect(self._show_identity)
        self._show_identity()
        self._refresh()

    def _build(self) -> None:
        self.unit.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 24)
        self.unit.setAccessibleName("单位名称")
        form = self.session.report.form
        self.year.setRange(min(form.first_year, self.session.report.year), 2100)
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)  # rename once the year is typed, not per digit
        self._build_date()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        rows = QFormLayout()
        rows.addRow("单位：", _left(self.unit))
        rows.addRow("年度：", _left(self.year))
        rows.addRow("报告格式：", QLabel(form.document))
        rows.addRow("状态：", self.status)
        date_row = _left(self.date)
        date_row.insertWidget(1, self.date_reset)
        rows.addRow("成文日期：", date_row)
        layout.addLayout(rows)
        layout.addWidget(
            hint_label(
                "单位名称或年度填错了可以直接改正，改后自动保存。"
                "成文日期印在文末落款，不填则为导出当天。"
            )
        )
        layout.addSpacing(12)
        layout.addWidget(heading_label("上年报告", 1.15))
        layout.addWidget(self.previous_note)
        layout.addLayout(_left(self.carry_button))
        layout.addSpacing(12)
        layout.addWidget(hint_label(_HOW_TO))
        layout.addStretch(1)

    def _build_date(self) -> None:
        """A date edit whose lowest date reads 导出当天 (no date of its own)."""
        self.date.setAccessibleName("成文日期")
        self.date.setMinimumWidth(self.fontMetrics().horizontalAdvance("2025年12月31日") + 48)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setCalendarPopup(True)
        self.date.setMinimumDate(_UNSET)
        self.date.setSpecialValueText("导出当天")
        self.date.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open the calendar on this month, not on the lowest date, when no date is set."""
        unset = self.date.date() == _UNSET
        if watched is self.date.calendarWidget() and event.type() == QEvent.Type.Show and unset:
            today = QDate.currentDate()
            self.date.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def set_date(self, chosen: QDate) -> None:
        """Store the 成文日期 as chosen; the lowest date means the day of export."""
        day = None if chosen == _UNSET else chosen.toPython()
        self.date_reset.setVisible(day is not None)
        if self.session.set_date(day):
            self.message.emit(f"成文日期：{chosen.toString('yyyy年M月d日') if day else '导出当天'}")

    def rename(self) -> None:
        """Store the unit and year as edited; refused ones are said and put back."""
        unit, year = self.unit.text().strip(), self.year.value()
        try:
            if not unit:
                self.message.emit("单位名称不能为空，已改回原来的名称")
            elif self.session.set_unit_year(unit, year):
                self.message.emit(f"已改为 {unit} {year} 年度报告")
        except store_module.ReportExists:
            self.message.emit(f"已有 {unit} {year} 年的报告，不能改成同一单位和年度，已改回")
        self._show_identity()

    def _show_identity(self) -> None:
        """Show the stored unit and year and what they mean for last year's report."""
        report, previous = self.session.report, self.session.previous
        self.heading.setText(f"{report.year}年{report.form.title}")
        with QSignalBlocker(self.unit), QSignalBlocker(self.year), QSignalBlocker(self.date):
            self.unit.setText(report.unit)
            self.year.setValue(report.year)
            day = self.session.editor.latest_date  # a refused one is tried again
            self.date.setDate(QDate(day) if day else _UNSET)
        self.date_reset.setVisible(day is not None)
        self.previous_note.setText(self._previous_text())
        self.carry_button.setText(f"从 {report.year - 1} 年报告带入")
        self.carry_button.setVisible(previous is not None)

    def _previous_text(self) -> str:
        year = self.session.report.year - 1
        if self.session.previous is None:
            return f"没有找到本单位 {year} 年的报告，结转数请按上年报告手工填写。"
        return (
            f"已找到本单位 {year} 年的报告。可以带入：表三“上年结转”取上年的“结转下年度继续办理”，"
            "以及上年的文字作为今年的初稿（今年已写的文字不会被覆盖）。"
            "表二的现行有效件数会显示上年数字作对照。"
        )

    def carry(self) -> None:
        """Fill 上年结转 and the unwritten texts from last year's report."""
        changed = self.session.carry_over()
        count, texts = len(changed.cells), len(changed.texts)
        self.message.emit(f"已从上年报告带入 {count} 个结转数和 {texts} 段文字初稿")

    def _refresh(self) -> None:
        final = self.session.is_final
        self.status.setText("定稿（只读）" if final else "草稿")
        for widget in (self.carry_button, self.unit, self.year, self.date, self.date_reset):
            widget.setEnabled(not final)

    def show_target(self, target: str) -> None:
        """Nothing on this page is a target."""

    def set_font_size(self, points: float) -> None:
        """The page has no tables or texts to enlarge."""


_UNSET = QDate(2000, 1, 1)  # the date edit's lowest date, shown as 导出当天

_HOW_TO = (
    "左边是报告的各部分，可以随意切换，不必按顺序填写；每一步都会自动保存。"
    "页名后的 ✓ 表示这一部分没有问题，红色数字是错误个数。"
    "下方“审核结果”列出全部问题，点一下就能跳到对应的格子。"
    "填完后到“检查与导出”页导出 Word 文档。"
)


def _left(widget: QWidget) -> QHBoxLayout:
    """Return a row holding `widget` at its natural width on the left."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row
