"""The list of stored reports: new, open, import, delete, and the way back to deleted
reports and backups. Each report shows whether it still has errors."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, style
from desktop.style import heading_label, hint_label
from forms.files.formats import FileProblem, read_file
from forms.format.registry import CURRENT
from forms.storage import backups
from forms.storage import store as store_module
from forms.storage.settings import Setting

COLUMNS = ("单位", "年度", "状态", "最后修改", "检查结果")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def when_made(backup: Path) -> str:
    """Return when a backup was made, as the clerk reads it (2025-01-15 10:32)."""
    made = backups.made_at(backup)
    return made.strftime("%Y-%m-%d %H:%M") if made else backup.name


def when(stamp: str) -> str:
    """Return a stored ISO time as 2024-01-15 10:32; the text itself when unreadable."""
    try:
        return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class ReportListPage(QWidget):
    """The reports of the data file, newest year first."""

    open_requested = Signal(int)  # a report id
    carry_requested = Signal(int)  # a new report to fill from last year's
    backups_requested = Signal()
    message = Signal(str)

    def __init__(self, store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.table = QTableWidget(0, len(COLUMNS))
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading_label("政府信息公开工作年度报告", 1.6))
        layout.addWidget(hint_label("选择一份报告后点“打开”（或双击）；新的一年请点“新建报告”。"))
        self._setup_table()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for key, text, slot in (
            ("new", "新建报告…", self.new_report),
            ("open", "打开", self.open_selected),
            ("import", "导入…", self.import_report),
            ("delete", "删除", self.delete_selected),
            ("deleted", "已删除的报告…", self.restore_deleted),
            ("backups", "备份与恢复…", self.backups_requested.emit),
        ):
            self.buttons[key] = QPushButton(text)
            self.buttons[key].clicked.connect(slot)
            row.addWidget(self.buttons[key])
            if key == "delete":
                row.addStretch(1)
        layout.addLayout(row)
        self.empty = QLabel("还没有报告。点“新建报告”开始填写，或点“导入”读入报告数据文件。")
        self.empty.setStyleSheet(style.HINT_STYLE)
        layout.addWidget(self.empty)

    def _setup_table(self) -> None:
        table = self.table
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # rows are picked with the arrows; Tab goes to 新建…
        table.setAccessibleName("报告列表")
        table.setStyleSheet("QTableWidget::item { padding: 4px 12px; }")
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _index: self.open_selected())
        table.activated.connect(lambda _index: self.open_selected())

    # ── the list ────────────────────────────────────────────────────────────

    def refresh(self) -> None:
        """Show the stored reports, each with its number of errors."""
        entries = sorted(self.store.list_reports(), key=lambda e: (-e.year, e.unit))
        # Columns sized to their contents re-measure every row at each setItem (9 ms an
        # item with 200 reports): fill with fixed columns, then size them once.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setRowCount(len(entries))
        counts = self.store.all_check_counts([e.id for e in entries if not e.problem])
        for row, entry in enumerate(entries):
            errors = counts[entry.id][0] if entry.id in counts else 0
            for column, item in enumerate(self._row_items(entry, errors)):
                item.setData(ID_ROLE, entry.id)
                self.table.setItem(row, column, item)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if entries:
            self.table.selectRow(0)
        self.empty.setVisible(not entries)
        for key in ("open", "delete"):
            self.buttons[key].setEnabled(bool(entries))

    def _row_items(self, entry, errors: int) -> list[QTableWidgetItem]:
        status = "定稿" if entry.status == store_module.FINAL else "草稿"
        if entry.problem:
            status = "已损坏"
            marker = QTableWidgetItem("● 已损坏")
            marker.setToolTip(f"{entry.problem}。打开它可以从备份恢复。")
            marker.setForeground(style.brush(style.ERROR))
        else:
            marker = QTableWidgetItem(f"● {errors} 个错误" if errors else "● 无错误")
            marker.setForeground(style.brush(style.ERROR if errors else style.GOOD))
        year = QTableWidgetItem(f"{entry.year}" if entry.year else "？")
        year.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return [
            QTableWidgetItem(entry.unit),
            year,
            QTableWidgetItem(status),
            QTableWidgetItem(when(entry.updated)),
            marker,
        ]

    def selected_id(self) -> int | None:
        """Return the id of the selected report; None when nothing is selected."""
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def select(self, report_id: int) -> None:
        """Select the row of a report, with the focus on the list so that Enter opens it
        (after 导入 the focus was left on the button, and Enter did nothing)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == report_id:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, 0)
                self.table.setFocus()

    # ── actions ─────────────────────────────────────────────────────────────

    def open_selected(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        problem = self.store.damage(report_id)
        if problem and not self.recover(replace(self.store.entry(report_id), problem=problem)):
            return
        self.open_requested.emit(report_id)

    def recover(self, entry) -> bool:
        """Offer the newest backup that holds a damaged report whole and put it back;
        return True when the report can now be opened."""
        damaged = store_module.ReportDamaged(entry.id, entry.unit, entry.year, entry.problem)
        backup = self.store.backup_holding(entry.id)
        label = when_made(backup) if backup else None
        if not dialogs.offer_report_backup(str(damaged), label):
            return False
        self.store.recover_report(entry.id, backup)
        self.refresh()
        self.select(entry.id)
        self.message.emit(f"已从 {label} 的备份恢复这份报告")
        return True

    def new_report(self) -> int | None:
        """Ask for unit and year, create the report, and open it; return its id."""
        units = sorted({e.unit for e in self.store.list_reports()})
        unit = self.store.setting(Setting.UNIT, units[0] if units else "")
        choice = dialogs.ask_new_report(
            units,
            unit,
            datetime.now().year - 1,
            lambda u, y: self.store.find_report(u, y) is not None,
        )
        if choice is None:
            return None
        existing = self.store.find_report(choice.unit, choice.year)
        if existing is not None:
            if dialogs.confirm(f"{choice.unit} {choice.year} 年的报告已经存在，是否打开它？"):
                self.open_requested.emit(existing)
            return None
        if choice.previous is not None:
            self._store_previous(choice)
        report_id = self.store.create_report(choice.unit, choice.year, CURRENT)
        self.store.set_setting(Setting.UNIT, choice.unit)
        self.refresh()
        self.open_requested.emit(report_id)
        if choice.carry_over:
            self.carry_requested.emit(report_id)
        return report_id

    def _store_previous(self, choice) -> None:
        """Keep last year's report read from a file as this unit's report of that year
        (定稿, as published), so the carry-over and the checks against last year use it."""
        previous = choice.previous
        previous.unit, previous.year = choice.unit, choice.year - 1
        with contextlib.suppress(store_module.ReportExists):
            self.store.add_report(previous, store_module.FINAL)

    def import_report(self) -> int | None:
        """Read a report file (.json, .docx, a web page) into the store and select it;
        what could not be read is shown first; return its id."""
        path = dialogs.ask_open_path()
        if path is None:
            return None
        path = Path(path)
        try:
            reading = read_file(path)
        except FileProblem as problem:
            dialogs.error(f"无法导入“{path.name}”：{problem}")
            return None
        report = reading.report
        if not report.unit.strip():
            dialogs.error(f"无法导入“{path.name}”：标题中没有单位名称，请在文件中补上后重试。")
            return None
        if reading.notes and not dialogs.confirm(_notes_question(path, reading.notes), "导入"):
            return None
        try:
            report_id = self.store.add_report(report)
        except store_module.ReportExists as problem:
            dialogs.error(f"无法导入：{problem}。如要替换，请先删除原来的报告。")
            return None
        except OSError as problem:
            dialogs.error(f"无法导入“{path.name}”：{problem}")
            return None
        self.refresh()
        self.select(report_id)
        self.message.emit(f"已导入 {report.unit} {report.year} 年的报告")
        return report_id

    def delete_selected(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        entry = self.store.entry(report_id)
        if dialogs.confirm(
            f"删除“{entry.unit} {entry.year} 年”的报告？\n删除后可以在“已删除的报告”中恢复。",
            "删除报告",
        ):
            self.store.delete_report(report_id)
            self.refresh()
            self.message.emit(f"已删除 {entry.unit} {entry.year} 年的报告")

    def restore_deleted(self) -> None:
        items = [
            (f"{e.unit}  {e.year} 年（最后修改 {when(e.updated)}）", e.id)
            for e in self.store.deleted_reports()
        ]
        report_id = dialogs.choose_deleted_report(items)
        if report_id is None:
            return
        try:
            self.store.restore_report(report_id)
        except store_module.ReportExists as problem:
            dialogs.error(f"无法恢复：{problem}")
            return
        self.refresh()
        self.select(report_id)


def _notes_question(path: Path, notes: list[str], limit: int = 10) -> str:
    """Return the question asked before importing a file with parts that were not read."""
    lines = [f"“{path.name}”中有 {len(notes)} 处内容未能读取（按未填写处理）："]
    lines += [f"· {note}" for note in notes[:limit]]
    if len(notes) > limit:
        lines.append(f"……等共 {len(notes)} 处")
    lines.append("\n仍要导入吗？导入后可在程序中补填。")
    return "\n".join(lines)
