"""A save that fails is said at once, in red, with what to do; the cell shows it is not
stored; nothing unstored can be exported; the next edit stores it."""

from __future__ import annotations

import sqlite3
from datetime import date

from PySide6.QtCore import QDate, Qt

from desktop import dialogs, style
from desktop.table_model import ERROR_BRUSH
from tests.desktop.clerk import cell, write_text


def refuse_writes(monkeypatch, store, error) -> None:
    for name in ("save_values", "save_text", "save_draft"):

        def refused(*args, **kwargs):
            raise error

        monkeypatch.setattr(store, name, refused)


def test_a_full_disk_turns_the_status_bar_red_and_nothing_unstored_is_exported(
    monkeypatch, editor, store, report_id
):
    with monkeypatch.context() as failing:
        refuse_writes(failing, store, sqlite3.OperationalError("database or disk is full"))
        view, index = cell(editor, "s4.review.upheld")
        view.report_model.setData(index, "7")
        assert editor.saved_label.text() == "未能保存"
        assert editor.status_message.text().startswith("未能保存：磁盘已满。请删除不用的文件")
        assert style.ERROR in editor.saved_label.styleSheet()
        assert index.data() == "7"  # what the clerk typed stays on screen …
        assert index.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH  # … marked
        assert "未能保存" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert editor.session.report.values == {} == store.load_report(report_id).values
        told = []
        failing.setattr(dialogs, "error", told.append)
        assert editor.wizard.export_word() is None
        assert "保存成功后才能导出" in told[0]
        write_text(editor, "s5.problems", "公开不够及时")  # the clerk goes on: still full
        assert editor.saved_label.text() == "未能保存"

    write_text(editor, "s5.problems", "公开不够及时。")  # room again: all is stored
    stored = store.load_report(report_id)
    assert stored.values == {"s4.review.upheld": 7}
    assert stored.text("s5.problems") == "公开不够及时。"
    assert editor.saved_label.text().startswith("已保存 ")
    assert editor.status_message.text() == "已重新保存，刚才未能保存的修改都已存好"
    assert index.data(Qt.ItemDataRole.BackgroundRole) != ERROR_BRUSH


def test_a_locked_data_file_says_which_program_to_close(monkeypatch, editor, store):
    refuse_writes(monkeypatch, store, sqlite3.OperationalError("database is locked"))
    view, index = cell(editor, "s3.new.natural")
    view.report_model.setData(index, "3")
    assert "数据文件被其他程序占用" in editor.status_message.text()
    assert "另一个年报助手窗口" in editor.status_message.text()


def test_each_keystroke_in_a_cell_is_kept_as_a_draft(qtbot, editor, store, report_id):
    view, index = cell(editor, "s4.review.upheld")
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    line = view.focusWidget()
    for typed in ("1", "12"):
        line.setText(typed)
        line.textEdited.emit(typed)
    assert store.drafts(report_id) == {"s4.review.upheld": "12"}
    assert editor.saved_label.text().startswith("已保存 ")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert store.load_report(report_id).values == {"s4.review.upheld": 12}
    assert store.drafts(report_id) == {}


def test_a_refused_date_is_kept_and_stored_with_the_next_edit(
    monkeypatch, editor, store, report_id
):
    info = editor.wizard.info_page
    with monkeypatch.context() as failing:
        failing.setattr(
            store, "set_date", lambda *a: (_ for _ in ()).throw(sqlite3.OperationalError("full"))
        )
        info.date.setDate(QDate(2025, 1, 15))
        assert editor.saved_label.text() == "未能保存"
        assert editor.status_message.text().startswith("未能保存：磁盘已满")
        assert info.date.date() == QDate(2025, 1, 15)  # the chosen date stays, to be stored
        told = []
        failing.setattr(dialogs, "error", told.append)
        assert editor.wizard.export_word() is None  # not with a date the file does not hold
        assert "保存成功后才能导出" in told[0]
        assert store.load_report(report_id).date is None

    view, index = cell(editor, "s4.review.upheld")
    view.report_model.setData(index, "7")  # room again: the date is stored with the cell
    assert store.load_report(report_id).date == date(2025, 1, 15)
    assert editor.session.report.date == date(2025, 1, 15)
    assert editor.status_message.text() == "已重新保存，刚才未能保存的修改都已存好"


def test_a_refused_date_alone_is_stored_by_the_retry_in_the_background(
    monkeypatch, editor, store, report_id
):
    info = editor.wizard.info_page
    with monkeypatch.context() as failing:
        failing.setattr(
            store, "set_date", lambda *a: (_ for _ in ()).throw(sqlite3.OperationalError("locked"))
        )
        info.date.setDate(QDate(2025, 1, 15))
        assert editor.saved_label.text() == "未能保存"
    assert editor.session.retry()  # what the retry timer does every few seconds
    assert store.load_report(report_id).date == date(2025, 1, 15)
    assert editor.saved_label.text().startswith("已保存 ")
    assert editor.status_message.text() == "已重新保存，刚才未能保存的修改都已存好"


def test_filling_blanks_with_zero_leaves_numbers_being_typed_and_unsaved_ones(
    monkeypatch, editor, store, report_id
):
    store.save_draft(report_id, "s4.review.upheld", "12")  # yellow: typed, not confirmed
    editor.open_report(report_id)
    with monkeypatch.context() as failing:
        refuse_writes(failing, store, sqlite3.OperationalError("database is locked"))
        view, index = cell(editor, "s4.review.corrected")
        view.report_model.setData(index, "3")  # red: typed, not stored
    editor.wizard.current_page().fill_blanks_with_zero()
    stored = store.load_report(report_id)
    assert stored.values["s4.review.corrected"] == 3
    assert "s4.review.upheld" not in stored.values
    assert store.drafts(report_id) == {"s4.review.upheld": "12"}
    assert cell(editor, "s4.review.upheld")[1].data() == "12"
    assert stored.values["s4.review.other"] == 0  # a blank cell beside them is filled
    assert "2 格有输入未确认或未保存的数字，没有改动" in editor.status_message.text()
