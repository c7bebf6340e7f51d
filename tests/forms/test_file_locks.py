"""Windows' short-lived and long-lived locks: a new document held for a moment by
antivirus or the search indexer, a data file held open while a backup is restored."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from forms.files import formats
from forms.files.docx_writer import ExportError, export_report
from forms.format.registry import CURRENT
from forms.storage import backups
from forms.storage.store import Store


def _refusing(times: int | None):
    """Return an os.replace that raises PermissionError `times` times (None: always)."""
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(time.monotonic())
        if times is None or len(calls) <= times:
            raise PermissionError(13, "used by another process")
        real(source, target)

    return replace, calls


def test_a_document_held_for_a_moment_is_replaced_after_retrying(seed, tmp_path, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    replace, calls = _refusing(2)
    monkeypatch.setattr(formats, "REPLACE_PATIENCE", 2.0)  # as on Windows
    monkeypatch.setattr(formats.os, "replace", replace)
    export_report(seed, target)
    assert len(calls) == 3
    assert zipfile.is_zipfile(target)
    assert os.listdir(tmp_path) == ["report.docx"]


def test_a_document_still_open_after_the_retries_says_word_wps(seed, tmp_path, monkeypatch):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    replace, calls = _refusing(None)
    monkeypatch.setattr(formats, "REPLACE_PATIENCE", 0.5)
    monkeypatch.setattr(formats.os, "replace", replace)
    with pytest.raises(ExportError, match="Word/WPS"):
        export_report(seed, target)
    assert calls[-1] - calls[0] >= 0.5 and len(calls) >= 4
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["report.docx"]


def test_a_restore_refused_by_an_open_data_file_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "nianbao.db"
    store = Store.open(path)
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_value(rid, "s3.new.natural", 1)
    backup = store.backup_now()
    store.save_value(rid, "s3.new.natural", 2)
    before = sorted(p.name for p in tmp_path.iterdir())
    real_rename = Path.rename

    def rename(self, target):
        if self.name == "nianbao.db-wal":  # Windows: another program holds it open
            raise PermissionError(32, "used by another process")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    try:
        with pytest.raises(backups.RestoreRefused, match=r"另一个年报助手.*当前数据没有改动"):
            backups.restore(path, backup)
        monkeypatch.undo()
        assert sorted(p.name for p in tmp_path.iterdir()) == before  # all put back
    finally:
        monkeypatch.undo()
        store.close()
    reopened = Store.open(path)
    try:
        assert reopened.load_report(rid).values == {"s3.new.natural": 2}
    finally:
        reopened.close()
