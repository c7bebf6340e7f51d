"""The findings panel: long findings stay on one line with the whole message as tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.findings_panel import FINDING_ROLE, FindingsPanel
from desktop.session import ReportSession
from forms.format.registry import CURRENT
from tests.desktop.conftest import UNIT


def test_table_three_blank_cells_finding_is_one_elided_line_with_full_tooltip(
    qtbot, store, report_id
):
    panel = FindingsPanel(ReportSession(store, report_id))
    qtbot.addWidget(panel)
    items = [
        panel.tree.topLevelItem(i).child(j)
        for i in range(panel.tree.topLevelItemCount())
        for j in range(panel.tree.topLevelItem(i).childCount())
    ]
    blank_s3 = next(i for i in items if i.data(0, FINDING_ROLE).message.startswith("三、"))
    message = blank_s3.data(0, FINDING_ROLE).message
    assert "格未填写" in message
    assert blank_s3.toolTip(0) == message
    assert not panel.tree.wordWrap()
    assert panel.tree.textElideMode() == Qt.TextElideMode.ElideRight


def test_a_finding_picked_on_the_check_page_offers_its_fix_on_the_cell_page(
    qtbot, window, store, report_id
):
    """检查与导出 lists the findings and a click leaves for the cell; the panel there
    shows the same finding selected, with its one-click fix (上年结转 differs from last
    year's 结转下年度: one typed cell alone settles it)."""
    last_year = store.create_report(UNIT, 2023, CURRENT)
    store.save_values(last_year, {"s3.carry_next.natural": 2})
    window.open_report(report_id)
    wizard = window.wizard
    next(p for p in wizard.section_pages if p.section.id == "s3").fill_button.click()
    wizard.go_to(len(wizard.pages) - 1)
    tree = wizard.check_page.findings.tree
    fixable = next(
        tree.topLevelItem(t).child(r)
        for t in range(tree.topLevelItemCount())
        for r in range(tree.topLevelItem(t).childCount())
        if tree.topLevelItem(t).child(r).data(0, FINDING_ROLE).fix is not None
    )
    tree.itemClicked.emit(fixable, 0)
    assert wizard.current_page() is not wizard.check_page
    panel = wizard.findings
    assert panel.current_finding() == fixable.data(0, FINDING_ROLE)
    assert panel.fix_button.text() == "将“上年结转/自然人”改为 2"
    assert panel.fix_button.isVisibleTo(wizard) and not panel.difference.isVisibleTo(wizard)
    panel.fix_button.click()
    assert store.load_report(report_id).values["s3.carried.natural"] == 2


def test_a_balance_that_fails_says_the_difference_and_offers_no_guess(editor, store, report_id):
    """部分公开 typed 30 too high: 24 typed cells move the 自然人 column, so no cell is
    offered (it once offered a wrong 结转下年度); the panel says 差 30 and the cells."""
    wizard = editor.wizard
    next(p for p in wizard.section_pages if p.section.id == "s3").fill_button.click()
    editor.session.set_values({"s3.partial.natural": 30})
    balance = next(f for f in editor.session.findings if f.code == "S3_BALANCE")
    wizard.show_finding(balance)
    panel = wizard.findings
    assert not panel.fix_button.isVisibleTo(wizard)
    assert panel.difference.isVisibleTo(wizard)
    assert panel.difference.text().startswith("差 30，涉及：本年新收/自然人、上年结转/自然人、")
    assert "等 24 格" in panel.difference.text()


def test_the_check_page_counts_the_findings_once(editor):
    wizard = editor.wizard
    wizard.go_to(len(wizard.pages) - 1)
    page = wizard.check_page
    shown = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page) and w.text()]
    assert sum("个错误" in text for text in shown) == 1
