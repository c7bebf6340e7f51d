"""基本信息: correcting the unit name and the year of a report."""

from __future__ import annotations

from forms.format.registry import CURRENT
from tests.desktop.conftest import UNIT

RIGHT_NAME = "红旗区西街街道办事处（更正）"


def info(window):
    window.wizard.go_to(0)
    return window.wizard.info_page


def rename_unit(window, text: str) -> None:
    page = info(window)
    page.unit.setText(text)
    page.unit.editingFinished.emit()


def test_corrected_unit_is_stored_and_shown(editor, store, report_id):
    rename_unit(editor, RIGHT_NAME)
    assert store.entry(report_id).unit == RIGHT_NAME
    assert editor.session.report.unit == RIGHT_NAME
    assert RIGHT_NAME in editor.windowTitle()
    assert RIGHT_NAME in editor.status_message.text()


def test_corrected_year_finds_last_years_report(editor, store, report_id):
    last = store.create_report(UNIT, 2024 - 2, CURRENT)
    store.save_values(last, {"s2.rules.in_force": 7})
    page = info(editor)
    assert not page.carry_button.isVisibleTo(page)
    page.year.setValue(2023)
    assert store.entry(report_id).year == 2023
    assert page.heading.text().startswith("2023年")
    assert page.carry_button.isVisibleTo(page) and "2022" in page.carry_button.text()
    assert editor.session.previous is not None
    table_page = next(p for p in editor.wizard.section_pages if p.section.id == "s2")
    hints = table_page.hints["s2.art20_1"]
    assert "上年报告 规章/现行有效：7" in hints.text() and not hints.isHidden()


def test_unit_and_year_of_another_report_are_refused_and_put_back(editor, store, report_id):
    store.create_report(UNIT, 2023, CURRENT)
    page = info(editor)
    page.year.setValue(2023)
    assert store.entry(report_id).year == 2024 and editor.session.report.year == 2024
    assert page.year.value() == 2024
    message = editor.status_message.text()
    assert "已有" in message and "2023" in message and "已改回" in message
    assert "b3261e" in editor.status_message.styleSheet()  # said in red


def test_empty_unit_is_put_back(editor, store, report_id):
    rename_unit(editor, "  ")
    assert store.entry(report_id).unit == UNIT
    assert info(editor).unit.text() == UNIT
    assert "不能为空" in editor.status_message.text()


def test_final_report_cannot_be_renamed(complete_editor):
    editor = complete_editor
    assert editor.session.set_final(True)
    page = info(editor)
    assert not page.unit.isEnabled() and not page.year.isEnabled()
