"""Leaving a report (报告列表, another report, closing the window) while the data file
refuses changes: they are tried once more; if still refused, the clerk is asked, told
they would be lost and what to do, and stays unless choosing to leave."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import dialogs
from forms.format.registry import CURRENT
from forms.report.editing import RETRIED
from tests.desktop.clerk import cell
from tests.desktop.conftest import UNIT

ASK = dialogs.leave_unsaved  # the question itself (the tests' fixture answers it)


def type_refused(monkeypatch, editor, value="7") -> None:
    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(editor.store, "save_values", full)
    view, index = cell(editor, "s4.review.upheld")
    view.report_model.setData(index, value)
    assert editor.saved_label.text() == "未能保存"


def answer(monkeypatch, leave: bool) -> list[str | None]:
    asked: list[str | None] = []
    monkeypatch.setattr(dialogs, "leave_unsaved", lambda problem: asked.append(problem) or leave)
    return asked


def test_the_report_list_is_not_shown_over_unsaved_changes_unless_the_clerk_says_so(
    monkeypatch, editor, store, report_id
):
    type_refused(monkeypatch, editor)
    asked = answer(monkeypatch, leave=False)
    editor.list_action.trigger()
    assert len(asked) == 1 and asked[0].startswith("未能保存：磁盘已满")
    assert editor.stack.currentWidget() is editor.wizard  # stayed, the 7 still there
    assert editor.session.unsaved_value("s4.review.upheld") == (True, 7)

    asked = answer(monkeypatch, leave=True)
    editor.list_action.trigger()
    assert asked and editor.stack.currentWidget() is editor.report_list
    assert store.load_report(report_id).values == {}


def test_changes_the_file_takes_again_are_stored_before_leaving(
    monkeypatch, editor, store, report_id
):
    with monkeypatch.context() as failing:
        type_refused(failing, editor)
    editor.list_action.trigger()  # room again: stored, no question (none is expected)
    assert editor.stack.currentWidget() is editor.report_list
    assert store.load_report(report_id).values == {"s4.review.upheld": 7}


def test_another_report_is_not_opened_over_unsaved_changes_unless_the_clerk_says_so(
    monkeypatch, editor, store, report_id
):
    other = store.create_report(UNIT, 2023, CURRENT)
    type_refused(monkeypatch, editor)
    asked = answer(monkeypatch, leave=False)
    editor.open_report(other)
    assert asked and editor.session.report_id == report_id
    answer(monkeypatch, leave=True)
    editor.open_report(other)
    assert editor.session.report_id == other


def test_the_window_stays_open_over_unsaved_changes_unless_the_clerk_says_so(
    monkeypatch, editor, store
):
    type_refused(monkeypatch, editor)
    asked = answer(monkeypatch, leave=False)
    editor.close()
    assert asked and editor.isVisible()
    answer(monkeypatch, leave=True)
    editor.close()
    assert not editor.isVisible()


def test_a_locked_data_file_does_not_break_page_switches_or_closing(
    monkeypatch, editor, store, report_id, tmp_path
):
    """The layout, the page last shown and the like are not worth a word when the file
    is locked; the window goes on and closes."""
    store.db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "nianbao.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the file
    try:
        view, index = cell(editor, "s4.review.upheld")
        view.report_model.setData(index, "7")
        assert "数据文件被其他程序占用" in editor.status_message.text()
        editor.wizard.go_to(1)  # remembers the page: refused, said nothing
        editor.zoom(+1)
        assert editor.wizard.current_page() is editor.wizard.pages[1]
        asked = answer(monkeypatch, leave=True)
        editor.close()
        assert asked and not editor.isVisible()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_question_says_what_is_lost_and_what_to_do_and_stays_on_enter(qtbot):
    seen: list[str] = []

    def press_enter():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    assert ASK("未能保存：磁盘已满。" + RETRIED) is False
    assert "这些修改就会丢失" in seen[0]
    assert "未能保存：磁盘已满。" in seen[0]
    assert "腾出磁盘空间或关闭占用数据文件的程序" in seen[0]
    assert RETRIED not in seen[0]  # going on typing is not what the clerk is deciding
