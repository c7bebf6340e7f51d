"""Restoring a backup while Windows refuses to move the data file: the clerk is told
what to do, and the window goes on with the data as it was."""

from __future__ import annotations

from desktop import app, dialogs
from forms.format.registry import CURRENT
from forms.storage import backups
from tests.desktop.conftest import UNIT


def test_a_refused_restore_says_what_to_do_and_keeps_working(qtbot, monkeypatch, window, store):
    kept = store.create_report(UNIT, 2023, CURRENT)
    store.save_values(kept, {"s3.new.natural": 4})
    backup = store.backup_now()
    store.save_values(kept, {"s3.new.natural": 9})
    said = []
    monkeypatch.setattr(dialogs, "manage_backups", lambda items, backup_now: backup)
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": True)
    monkeypatch.setattr(dialogs, "error", lambda text, title="": said.append(text))

    def refuse(path, chosen):
        raise backups.RestoreRefused("无法恢复备份：……请关闭其他年报助手窗口，稍等片刻后再试一次")

    monkeypatch.setattr(backups, "restore", refuse)
    app.manage_backups(window)
    assert said and "请关闭其他年报助手窗口" in said[0]
    assert window.store.load_report(kept).values["s3.new.natural"] == 9
    window.store.save_values(kept, {"s3.new.natural": 10})  # the store is open again
    assert window.store.load_report(kept).values["s3.new.natural"] == 10


def test_a_refused_restore_of_a_damaged_file_at_start_says_what_to_do(monkeypatch, tmp_path):
    from forms.storage import store as store_module

    path = tmp_path / "nianbao.db"
    backup = tmp_path / "backups" / "nianbao-20250115-103205.db"

    def damaged(db_path, **kwargs):
        raise store_module.StoreDamaged(db_path, [backup])

    said = []
    monkeypatch.setattr(store_module.Store, "open", damaged)
    monkeypatch.setattr(dialogs, "offer_backup", lambda message, newest: True)
    monkeypatch.setattr(dialogs, "error", lambda text, title="": said.append(text))

    def refuse(db_path, chosen):
        raise backups.RestoreRefused("无法恢复备份：……请关闭其他年报助手窗口，稍等片刻后再试一次")

    monkeypatch.setattr(backups, "restore", refuse)
    assert app.open_store(path) is None  # the program ends instead of crashing
    assert said and "请关闭其他年报助手窗口" in said[0]
