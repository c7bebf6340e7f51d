"""Every finding of the report, grouped by section; a click goes to the cell.

When exactly one typed cell can settle a finding (Finding.fix), the panel offers that
change as a button, e.g. 将“上年结转/自然人”改为 3. Otherwise the program cannot know
which cell is wrong: the panel says by how much the sides differ and which typed cells
move them (差 30，涉及 24 格：…), and the clerk chooses. A warning can be explained
(说明…, also in the context menu): it is then shown greyed with its 说明, who and when,
until one of its cells changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, style
from desktop.session import ReportSession
from forms.format.cells import cells, section_of
from forms.report.acknowledgements import CannotAcknowledge
from forms.report.checks import Finding, tally
from forms.report.input import cell_name
from forms.report.values import Acknowledgement
from forms.storage.settings import Setting

ERROR_COLOR = style.color(style.ERROR)
WARNING_COLOR = style.color(style.WARNING)
EXPLAINED_COLOR = style.color(style.HINT)
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def summary(findings: list[Finding], explained: int = 0) -> str:
    """Return e.g. "3 个错误，1 个提醒，2 个已说明", or "没有发现问题"; `explained`
    of the warnings have a 说明 and are counted apart."""
    if not explained:
        return str(tally(findings))
    counted = tally(findings)
    parts = [
        f"{counted.errors} 个错误" if counted.errors else "",
        f"{counted.warnings - explained} 个提醒" if counted.warnings > explained else "",
        f"{explained} 个已说明",
    ]
    return "，".join(p for p in parts if p)


def difference_text(form, finding: Finding) -> str:
    """Return what a relation's finding without a fix says: the difference and the
    typed cells that move it; "" for other findings."""
    if finding.fix is not None or finding.difference is None:
        return ""
    catalogue = cells(form)
    names = [cell_name(catalogue[c]) for c in finding.candidates]
    shown = "、".join(names[:4]) + (f"等 {len(names)} 格" if len(names) > 4 else "")
    return f"差 {abs(finding.difference)}，涉及：{shown}。请核对原始记录后改正其中有误的格"


def explained_line(made: Acknowledgement) -> str:
    """Return how a 说明 is shown under its finding: 说明：… （张三，2025-01-20 10:00）."""
    who = f"{made.who}，" if made.who else ""
    return f"说明：{made.note}（{who}{made.at.replace('T', ' ')[:16]}）"


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
        self.explain_button = QPushButton("说明…")
        self.explain_button.setToolTip("说明这个提醒为什么没有问题；说明不会印在 Word 文档里")
        self.explain_button.hide()
        self.explain_button.clicked.connect(self.explain)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
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
        top.addWidget(self.explain_button)
        layout.addLayout(top)
        layout.addWidget(self.difference)
        layout.addWidget(self.tree, 1)

    def refresh(self) -> None:
        """Show the session's current findings, grouped by section."""
        self.tree.clear()
        findings = self.session.findings
        explained = self._explained(findings)
        self.title.setText(f"审核结果：{summary(findings, explained)}")
        color = ERROR_COLOR if tally(findings).errors else WARNING_COLOR
        self.title.setStyleSheet(
            f"font-weight: bold; color: {color.name()};"
            if len(findings) > explained
            else f"font-weight: bold; color: {style.GOOD};"
        )
        for heading, group in self._groups(findings):
            top = QTreeWidgetItem([f"{heading}（{summary(group, self._explained(group))}）"])
            self.tree.addTopLevelItem(top)
            for finding in group:
                top.addChild(self._item(finding))
            top.setExpanded(True)
            for row in range(top.childCount()):
                top.child(row).setExpanded(True)  # the 说明 line under an explained warning
        self._selected(None)

    def _groups(self, findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
        form = self.session.report.form
        by_section: dict[str, list[Finding]] = {}
        for finding in findings:
            section = section_of(form, finding.cells[0])
            by_section.setdefault(section.heading if section else "其他", []).append(finding)
        order = [s.heading for s in form.sections]
        return sorted(by_section.items(), key=lambda kv: _position(order, kv[0]))

    def _explained(self, findings: list[Finding]) -> int:
        return sum(self.session.explanation(f) is not None for f in findings)

    def _item(self, finding: Finding) -> QTreeWidgetItem:
        made = self.session.explanation(finding)
        kind = "错误" if finding.is_error else ("已说明" if made else "提醒")
        item = QTreeWidgetItem([f"【{kind}】{finding.message}"])
        item.setData(0, FINDING_ROLE, finding)
        said = difference_text(self.session.report.form, finding)
        item.setToolTip(0, f"{finding.message}\n{said}" if said else finding.message)
        color = ERROR_COLOR if finding.is_error else WARNING_COLOR
        item.setForeground(0, QBrush(EXPLAINED_COLOR if made else color))
        if made is not None:
            line = QTreeWidgetItem([explained_line(made)])
            line.setData(0, FINDING_ROLE, finding)
            line.setToolTip(0, explained_line(made))
            line.setForeground(0, QBrush(EXPLAINED_COLOR))
            item.addChild(line)
            item.setToolTip(0, f"{finding.message}\n{explained_line(made)}")
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
        warning = finding is not None and not finding.is_error
        self.explain_button.setVisible(warning)
        if warning:
            explained = self.session.explanation(finding) is not None
            self.explain_button.setText("修改说明…" if explained else "说明…")

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

    def explain(self) -> None:
        """Ask for a 说明 of the selected warning and keep it with the report."""
        finding = self.current_finding()
        if finding is None or finding.is_error:
            return
        made = self.session.explanation(finding)
        store = self.session.store
        who = made.who if made else store.setting(Setting.ACKNOWLEDGED_BY, "")
        written = dialogs.ask_explanation(finding.message, made.note if made else "", who)
        if written is None:
            return
        try:
            self.session.acknowledge(finding, written.note, written.who)
        except CannotAcknowledge as error:
            dialogs.error(str(error))
            return
        store.set_setting(Setting.ACKNOWLEDGED_BY, written.who)
        self.select(finding)
        self.message.emit("已保存说明：这个提醒不再计入待处理的提醒")

    def withdraw(self) -> None:
        """Remove the 说明 of the selected warning: it is open again."""
        finding = self.current_finding()
        if finding is not None:
            self.session.withdraw(finding)
            self.select(finding)
            self.message.emit("已撤销说明")

    def _menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is not None:
            self.tree.setCurrentItem(item)
        menu = self.context_menu()
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(point))

    def context_menu(self) -> QMenu | None:
        """Return the menu of the selected warning (说明… / 修改说明…, 撤销说明); None for
        an error or a heading."""
        finding = self.current_finding()
        if finding is None or finding.is_error:
            return None
        menu = QMenu(self)
        explained = self.session.explanation(finding) is not None
        menu.addAction("修改说明…" if explained else "说明…", self.explain)
        if explained:
            menu.addAction("撤销说明", self.withdraw)
        return menu

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
