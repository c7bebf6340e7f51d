"""Every finding of the report, grouped by section; a click goes to the cell.

When exactly one typed cell can settle a finding (Finding.fix), the panel offers that
change as a button, e.g. 将“上年结转/自然人”改为 3. Otherwise the program cannot know
which cell is wrong: the panel says by how much the sides differ and which typed cells
move them (差 30，涉及 24 格：…), and the clerk chooses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import style
from desktop.session import ReportSession
from forms.format.cells import cells, section_of
from forms.report.checks import Finding, tally
from forms.report.input import cell_name

ERROR_COLOR = style.color(style.ERROR)
WARNING_COLOR = style.color(style.WARNING)
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def summary(findings: list[Finding]) -> str:
    """Return e.g. "3 个错误，1 个提醒", or "没有发现问题"."""
    return str(tally(findings))


def difference_text(form, finding: Finding) -> str:
    """Return what a relation's finding without a fix says: the difference and the
    typed cells that move it; "" for other findings."""
    if finding.fix is not None or finding.difference is None:
        return ""
    catalogue = cells(form)
    names = [cell_name(catalogue[c]) for c in finding.candidates]
    shown = "、".join(names[:4]) + (f"等 {len(names)} 格" if len(names) > 4 else "")
    return f"差 {abs(finding.difference)}，涉及：{shown}。请核对原始记录后改正其中有误的格"


class FindingsPanel(QWidget):
    """A tree of findings by section, with the one-cell fix of the selected finding."""

    finding_activated = Signal(object)  # the Finding the clerk wants to go to
    message = Signal(str)  # for the status bar

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        # One line per finding, cut with … at the panel's edge: 表三's list of blank
        # cells would otherwise fill the panel; the tooltip holds the whole message.
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAccessibleName("审核结果")
        self.title = QLabel()
        self.fix_button = QPushButton()
        self.fix_button.hide()
        self.difference = QLabel()
        self.difference.setWordWrap(True)
        self.difference.setStyleSheet(style.HINT_STYLE)
        self.difference.hide()
        self.fix_button.clicked.connect(self.apply_fix)
        self._build()
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        session.findings_changed.connect(self.refresh)
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.fix_button)
        layout.addLayout(top)
        layout.addWidget(self.difference)
        layout.addWidget(self.tree, 1)

    def refresh(self) -> None:
        """Show the session's current findings, grouped by section."""
        self.tree.clear()
        findings = self.session.findings
        self.title.setText(f"审核结果：{summary(findings)}")
        color = ERROR_COLOR if tally(findings).errors else WARNING_COLOR
        self.title.setStyleSheet(
            f"font-weight: bold; color: {color.name()};"
            if findings
            else f"font-weight: bold; color: {style.GOOD};"
        )
        for heading, group in self._groups(findings):
            top = QTreeWidgetItem([f"{heading}（{summary(group)}）"])
            self.tree.addTopLevelItem(top)
            for finding in group:
                top.addChild(self._item(finding))
            top.setExpanded(True)
        self._selected(None)

    def _groups(self, findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
        form = self.session.report.form
        by_section: dict[str, list[Finding]] = {}
        for finding in findings:
            section = section_of(form, finding.cells[0])
            by_section.setdefault(section.heading if section else "其他", []).append(finding)
        order = [s.heading for s in form.sections]
        return sorted(by_section.items(), key=lambda kv: _position(order, kv[0]))

    def _item(self, finding: Finding) -> QTreeWidgetItem:
        kind = "错误" if finding.is_error else "提醒"
        item = QTreeWidgetItem([f"【{kind}】{finding.message}"])
        item.setData(0, FINDING_ROLE, finding)
        said = difference_text(self.session.report.form, finding)
        item.setToolTip(0, f"{finding.message}\n{said}" if said else finding.message)
        item.setForeground(0, QBrush(ERROR_COLOR if finding.is_error else WARNING_COLOR))
        return item

    def _selected(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        fix = finding.fix if finding is not None else None
        self.fix_button.setVisible(fix is not None and not self.session.is_final)
        if fix is not None:
            name = cell_name(cells(self.session.report.form)[fix[0]])
            self.fix_button.setText(f"将“{name}”改为 {fix[1]}")
        said = difference_text(self.session.report.form, finding) if finding else ""
        self.difference.setText(said)
        self.difference.setVisible(bool(said))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if finding is not None:
            self.finding_activated.emit(finding)

    def select(self, finding: Finding) -> None:
        """Select `finding` in the tree (and so offer its fix); nothing if it is not listed."""
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            for row in range(group.childCount()):
                if group.child(row).data(0, FINDING_ROLE) == finding:
                    self.tree.setCurrentItem(group.child(row))
                    return

    def current_finding(self) -> Finding | None:
        """Return the finding selected in the tree; None when a heading or nothing is."""
        item = self.tree.currentItem()
        return item.data(0, FINDING_ROLE) if item is not None else None

    def apply_fix(self) -> None:
        """Make the one-cell change that settles the selected finding (one undo step)."""
        finding = self.current_finding()
        if finding is not None and finding.fix is not None:
            cell, value = finding.fix
            self.session.set_values({cell: value}, "按审核结果修正")
            name = cell_name(cells(self.session.report.form)[cell])
            self.message.emit(f"已将“{name}”改为 {value}（Ctrl+Z 可撤销）")


def _position(order: list[str], heading: str) -> int:
    return order.index(heading) if heading in order else len(order)
