"""Ctrl+V of rows copied with their labels from a published table or another clerk's
sheet: the labels naming the rows are skipped, and the status bar says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.desktop.clerk import cell

COPIED = "（一）予以公开\t12\t0\t0\t0\t0\t1\t13\n（二）部分公开\t1\t0\t0\t0\t0\t0\t1\n"


def test_rows_pasted_with_their_labels(qtbot, editor, store, report_id):
    view, index = cell(editor, "s3.disclosed.natural")
    QGuiApplication.clipboard().setText(COPIED)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    values = store.load_report(report_id).values
    assert values["s3.disclosed.natural"] == 12 and values["s3.disclosed.other_org"] == 1
    assert values["s3.partial.natural"] == 1
    assert "行名 2 格已跳过" in editor.status_message.text()


def test_a_label_of_another_row_is_refused_and_nothing_stored(qtbot, editor, store, report_id):
    view, index = cell(editor, "s3.partial.natural")  # one row below the copied one
    QGuiApplication.clipboard().setText("（一）予以公开\t12\t0")
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert store.load_report(report_id).values == {}
    assert "“（一）予以公开”不是件数" in editor.status_message.text()
