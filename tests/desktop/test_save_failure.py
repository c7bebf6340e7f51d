"""A save that fails is said at once, in red, with what to do; the cell shows it is not
stored; nothing unstored can be exported; the next edit stores it."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

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
