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


def test_backups_are_listed_by_time_and_one_is_restored(qtbot, monkeypatch, window, store):
    """备份与恢复 lists each backup by when it was made (no file names), makes one on
    立即备份, and restoring it brings that data back into the window."""
    from desktop import app
    from forms.format.registry import CURRENT

    kept = store.create_report(UNIT, 2023, CURRENT)
    store.save_values(kept, {"s3.new.natural": 4})
    seen: dict[str, list[str]] = {}

    def backup_dialog(items, backup_now):
        made_label, made = backup_now()
        store.save_values(kept, {"s3.new.natural": 11})  # typed after the backup
        seen["labels"] = [label for label, _path in items] + [made_label]
        return made

    monkeypatch.setattr(dialogs, "manage_backups", backup_dialog)
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": seen.setdefault("ask", text))
    store.save_values(kept, {"s3.new.natural": 9})
    app.manage_backups(window)
    assert seen["labels"] and all("年" in s and ".db" not in s for s in seen["labels"])
    assert ".db" not in seen["ask"] and "nianbao" not in seen["ask"]
    assert window.store.load_report(kept).values["s3.new.natural"] == 9
    assert "已恢复" in window.status_message.text()
