"""What a clerk does, through the real window: create, fill, fix, export, finalize, reopen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop import app, dialogs
from desktop.dialogs import NewReport
from desktop.table_model import ERROR_BRUSH
from forms.format.registry import CURRENT
from forms.storage.settings import Setting
from tests.desktop.clerk import cell, write_text
from tests.desktop.conftest import UNIT

S3_ZERO_ROWS = "\n".join(["0\t0\t0\t0\t0\t0"] * 25)
TEXTS = {
    "s1.intro": "本年度，街道认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "s5.problems": "公开内容还不够全面。",
    "s5.improvements": "进一步加强培训。",
}


def page(window, section_id: str):
    return next(p for p in window.wizard.section_pages if p.section.id == section_id)


def type_value(qtbot, window, cid: str, text: str) -> None:
    """Go to a cell, type `text` (ASCII) and press Enter, as a clerk would."""
    view, index = cell(window, cid)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClicks(view, text)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)


def fill_everything(qtbot, window) -> None:
    """Fill every table with zeros (paste and 填0) and write every required text."""
    view, index = cell(window, "s3.new.natural")
    QGuiApplication.clipboard().setText(S3_ZERO_ROWS)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    for section in ("s2", "s4"):
        page(window, section).fill_button.click()
    for field_id, text in TEXTS.items():
        write_text(window, field_id, text)
    page(window, "s6").insert_fee_sentence("s6.other")


def test_clerk_creates_fills_fixes_exports_and_reopens(qtbot, monkeypatch, window, store, tmp_path):
    monkeypatch.setattr(dialogs, "ask_new_report", lambda *a: NewReport(UNIT, 2024, False))
    report_id = window.report_list.new_report()
    assert window.wizard is not None and window.session.report.year == 2024
    fill_everything(qtbot, window)
    assert window.session.errors == []

    type_value(qtbot, window, "s3.new.natural", "3")  # 3 new requests, nothing answered
    _view, index = cell(window, "s3.new.natural")
    assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert (
        "自然人列：本年新收 3 + 上年结转 0 = 3，办理结果总计 0 + 结转下年度 0 = 0，差 3"
        in index.data(Qt.ItemDataRole.ToolTipRole)
    )
    assert "1 个错误" in window.wizard.page_list.item(3).text()

    panel = window.wizard.findings
    item = panel.tree.topLevelItem(0).child(0)
    panel.tree.setCurrentItem(item)
    assert not panel.fix_button.isVisibleTo(window)  # 24 cells could be wrong: no guess
    assert panel.difference.text().startswith("差 3，涉及：")
    type_value(qtbot, window, "s3.carry_next.natural", "3")  # the clerk knows which
    assert index.data(Qt.ItemDataRole.BackgroundRole) is None
    assert window.session.errors == []
    assert "✓" in window.wizard.page_list.item(3).text()

    monkeypatch.setattr(dialogs, "export_done", lambda path, cleaned, errors: None)
    window.wizard.go_to(len(window.wizard.pages) - 1)
    window.export_action.trigger()
    exported = tmp_path / "文档" / window.wizard.last_export.name
    assert exported.exists() and exported.suffix == ".docx"
    assert window.wizard.check_page.open_file.isVisible()

    window.close()
    reopened = app.build_main_window(store)
    qtbot.addWidget(reopened)
    assert reopened.session.report_id == report_id  # opens on the last report
    values = reopened.session.report.values
    assert values["s3.new.natural"] == 3 and values["s3.carry_next.natural"] == 3
    assert reopened.session.report.text("s6.other") == CURRENT.fee_statement.sentence
    assert reopened.session.errors == []


def test_export_with_errors_asks_first_and_lists_them(monkeypatch, editor, tmp_path):
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": asked.append(text) or False)
    assert editor.wizard.export_word() is None
    assert "仍要导出草稿吗" in asked[0] and "尚未填写" in asked[0]
    assert not (tmp_path / "文档").exists()


def headers(path: Path) -> list[str]:
    section = docx.Document(str(path)).sections[0]
    found = (section.header, section.even_page_header)
    return [p.text for h in found if not h.is_linked_to_previous for p in h.paragraphs]


def test_a_draft_exported_with_errors_says_so_and_is_marked_草稿(
    qtbot, monkeypatch, editor, tmp_path
):
    done = []
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": True)
    monkeypatch.setattr(dialogs, "export_done", lambda *shown: done.append(shown))
    errors = len(editor.session.errors)
    path = editor.wizard.export_word()
    assert done[0][2] == errors > 0
    assert f"已导出草稿（还有 {errors} 个错误" in editor.status_message.text()
    assert headers(path) == ["草稿", "草稿"]

    fill_everything(qtbot, editor)
    editor.wizard.check_page.final_button.click()
    assert editor.session.is_final
    path = editor.wizard.export_word()
    assert done[1][2] == 0 and headers(path) == []
    assert editor.status_message.text().startswith("已导出：")


def test_the_signature_date_is_chosen_on_基本信息_and_printed(editor, store, report_id):
    from PySide6.QtCore import QDate

    page = editor.wizard.info_page
    editor.wizard.go_to(0)
    assert page.date.text() == "导出当天"
    page.date.setDate(QDate(2025, 1, 20))
    assert store.load_report(report_id).date == date(2025, 1, 20)
    assert "成文日期：2025年1月20日" in editor.status_message.text()
    assert page.date_reset.isVisibleTo(page)
    page.date_reset.click()
    assert store.load_report(report_id).date is None and page.date.text() == "导出当天"
    assert not page.date_reset.isVisibleTo(page)


def test_undo_and_redo_from_the_toolbar_are_saved(qtbot, editor, store, report_id):
    type_value(qtbot, editor, "s3.new.natural", "4")
    editor.undo_action.trigger()
    assert store.load_report(report_id).values == {}
    editor.redo_action.trigger()
    assert store.load_report(report_id).values == {"s3.new.natural": 4}


def test_refused_input_shows_in_the_status_bar(qtbot, editor, store, report_id):
    type_value(qtbot, editor, "s3.new.natural", "x1")
    assert "不是件数" in editor.status_message.text()
    assert store.load_report(report_id).values == {}


def test_finalized_report_is_read_only_until_unfinalized(qtbot, monkeypatch, editor):
    informed = []
    monkeypatch.setattr(dialogs, "inform", lambda text, title="": informed.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": True)
    check_page = editor.wizard.check_page
    check_page.final_button.click()
    assert "改正后才能定稿" in informed[0] and not editor.session.is_final
    fill_everything(qtbot, editor)
    check_page.final_button.click()
    assert editor.session.is_final and check_page.final_button.text() == "撤销定稿"
    type_value(qtbot, editor, "s3.new.natural", "5")
    assert editor.session.report.values["s3.new.natural"] == 0
    assert page(editor, "s1").editors["s1.intro"].isReadOnly()
    check_page.final_button.click()
    assert not editor.session.is_final


def test_carry_over_from_last_year(qtbot, monkeypatch, window, store):
    from forms.format.registry import CURRENT

    last = store.create_report(UNIT, 2023, CURRENT)
    store.save_values(last, {"s3.carry_next.natural": 2, "s2.rules.in_force": 7})
    store.save_text(last, "s5.problems", "去年的问题。")
    monkeypatch.setattr(dialogs, "ask_new_report", lambda *a: NewReport(UNIT, 2024, True))
    window.report_list.new_report()
    report = window.session.report
    assert report.values == {"s3.carried.natural": 2}
    assert report.text("s5.problems") == "去年的问题。"
    assert page(window, "s5").editors["s5.problems"].toPlainText() == "去年的问题。"
    hints = page(window, "s2").findChildren(type(window.status_message))
    assert any("上年报告 规章/现行有效：7" in label.text() for label in hints)


def test_new_report_dialog_offers_carry_over_only_when_last_year_exists(qtbot):
    dialog = dialogs.NewReportDialog([UNIT], UNIT, 2024, lambda u, y: y == 2023)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.carry.isVisible() and dialog.choice().carry_over
    dialog.year.setValue(2022)
    assert not dialog.carry.isVisible() and not dialog.choice().carry_over


def test_delete_is_confirmed_and_recoverable(monkeypatch, window, store, report_id):
    window.report_list.refresh()
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": True)
    window.report_list.delete_selected()
    assert store.list_reports() == []
    monkeypatch.setattr(dialogs, "choose_deleted_report", lambda items: items[0][1])
    window.report_list.restore_deleted()
    assert [e.id for e in store.list_reports()] == [report_id]


def test_import_and_the_error_marker_in_the_list(monkeypatch, window, store):
    example = Path(__file__).parents[2] / "tests" / "data"
    source = next(example.glob("*.json"))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: source)
    report_id = window.report_list.import_report()
    assert report_id is not None
    marker = window.report_list.table.item(0, 4).text()
    assert marker.startswith("●")


def test_zoom_changes_table_and_text_fonts_and_is_remembered(editor, store):
    view = page(editor, "s3").views[0]
    before = view.font().pointSizeF()
    editor.zoom_in_action.trigger()
    assert view.font().pointSizeF() == before + 1
    assert page(editor, "s1").editors["s1.intro"].font().pointSizeF() == before + 1
    assert store.setting(Setting.FONT_SIZE) == before + 1


def test_clicking_a_finding_goes_to_its_cell(qtbot, editor):
    type_value(qtbot, editor, "s4.review.upheld", "1")
    editor.wizard.go_to(0)
    editor.wizard.show_target("s3.carry_next.other_org")
    view = editor.wizard.current_page().views[0]
    assert view.model().cell_at(view.currentIndex()).id == "s3.carry_next.other_org"


def test_first_start_fits_the_screen_and_the_size_is_remembered(qtbot, store):
    window = app.build_main_window(store)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width()
    assert window.height() <= screen.height()
    window.resize(700, 500)
    window.close()  # closing remembers the layout
    again = app.build_main_window(store)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_fee_sentence_is_not_offered_once_final(complete_editor, store, complete_id):
    """定稿 is read-only: the one-click fee sentence must not write into the editor a
    text the report will never store."""
    editor = complete_editor
    written = store.load_report(complete_id).text("s6.other")
    assert editor.session.set_final(True)
    fee_page = page(editor, "s6")
    assert not fee_page.fee_button.isEnabled()
    fee_page.insert_fee_sentence("s6.other")
    assert fee_page.editors["s6.other"].toPlainText() == written
    assert editor.session.set_final(False)
    fee_page.fee_button.click()
    sentence = CURRENT.fee_statement.sentence
    assert store.load_report(complete_id).text("s6.other") == f"{written}\n{sentence}"


def test_undo_cannot_change_a_final_report(complete_editor, store, complete_id):
    """Ctrl+Z after 定稿 would store the old value in a report that is read-only."""
    editor = complete_editor
    editor.session.set_values({"s3.new.natural": 5, "s3.disclosed.natural": 5})
    assert editor.session.set_final(True)
    assert not editor.undo_action.isEnabled()
    editor.undo_action.trigger()
    assert store.load_report(complete_id).values["s3.new.natural"] == 5
    assert editor.session.set_final(False)
    assert editor.undo_action.text() == "撤销 修改"
    editor.undo_action.trigger()
    assert store.load_report(complete_id).values["s3.new.natural"] == 0


def test_final_is_refused_while_the_report_has_errors(monkeypatch, editor, store, report_id):
    told = []
    monkeypatch.setattr(dialogs, "inform", told.append)
    editor.wizard.set_final(True)
    assert "改正后才能定稿" in told[0]
    assert not editor.session.set_final(True)  # the core refuses it too
    assert store.entry(report_id).status == "draft" and not editor.session.is_final


def test_enter_opens_the_report_just_imported(qtbot, monkeypatch, window, store):
    source = Path(__file__).parents[2] / "tests" / "data" / "examples" / "pingtan-2024.json"
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: source)
    window.activateWindow()
    qtbot.waitExposed(window)
    window.report_list.buttons["import"].setFocus()  # as after clicking 导入…
    report_id = window.report_list.import_report()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.wizard is not None and window.wizard.session.report_id == report_id
