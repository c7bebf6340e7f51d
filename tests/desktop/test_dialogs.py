"""The dialogs themselves, answered with the keyboard as a clerk would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import dialogs
from tests.desktop.conftest import UNIT


def test_new_report_keeps_the_carry_over_choice_once_accepted(qtbot):
    """The choice is read after 确定 has closed the dialog: carry-over must survive that."""
    dialog = dialogs.NewReportDialog([UNIT], UNIT, 2024, lambda u, y: y == 2023)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.year, Qt.Key.Key_Return)
    assert dialog.result() == dialogs.QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.choice() == dialogs.NewReport(UNIT, 2024, True)

    dialog.year.setValue(2022)  # no report of 2021: nothing to carry over
    assert dialog.choice().carry_over is False
