"""Keyboard work in a table, as in a spreadsheet: type, Enter, Tab, Delete, Ctrl+V."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.session import ReportSession
from desktop.table_model import ReportTableModel
from desktop.table_view import ReportTableView
from forms.format.annual_report_2021 import S3_TABLE


@pytest.fixture
def view(qtbot, store, report_id):
    session = ReportSession(store, report_id)
    table_view = ReportTableView(ReportTableModel(session, S3_TABLE))
    qtbot.addWidget(table_view)
    table_view.resize(1100, 700)
    table_view.show()
    table_view.setFocus()
    return table_view


def current_id(view) -> str:
    return view.model().cell_at(view.currentIndex()).id


def type_in(qtbot, view, text: str, key=Qt.Key.Key_Return) -> None:
    qtbot.keyClicks(view.focusWidget() or view, text)
    qtbot.keyClick(view.focusWidget() or view, key)


def test_starts_on_the_first_number_cell(view):
    assert current_id(view) == "s3.new.natural"


def test_typing_then_enter_stores_and_moves_down(qtbot, view, store, report_id):
    type_in(qtbot, view, "5")
    assert store.load_report(report_id).values["s3.new.natural"] == 5
    assert current_id(view) == "s3.carried.natural"
    type_in(qtbot, view, "2", Qt.Key.Key_Tab)
    assert current_id(view) == "s3.carried.commercial"


def test_typing_replaces_the_old_value(qtbot, view, store, report_id):
    type_in(qtbot, view, "5")
    qtbot.keyClick(view, Qt.Key.Key_Up)
    type_in(qtbot, view, "7")
    assert store.load_report(report_id).values["s3.new.natural"] == 7


def test_arrows_stay_on_number_cells(qtbot, view):
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert current_id(view) == "s3.new.natural"
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert current_id(view) == "s3.new.total"
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert current_id(view) == "s3.carried.natural"


def test_refused_value_is_not_stored(qtbot, view, store, report_id):
    messages = []
    view.model().input_refused.connect(messages.append)
    type_in(qtbot, view, "abc")
    assert store.load_report(report_id).values == {}
    assert "不是件数" in messages[0]


def test_delete_clears_and_ctrl_v_pastes(qtbot, view, store, report_id):
    QGuiApplication.clipboard().setText("1\t2\t3\n4\t5\t6\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    values = store.load_report(report_id).values
    assert values["s3.new.research"] == 3 and values["s3.carried.natural"] == 4
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "s3.new.natural" not in store.load_report(report_id).values


def test_ctrl_c_copies_the_selection_as_a_block(qtbot, view):
    view.model().paste(view.currentIndex(), "1\t2\n3\t4")
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "1\t2\n3\t4"
