"""Faults the clerk meets in the window (issue 9): every exception is shown and logged,
start-up faults are said and the data opens read-only where it can be read, a damaged
report is listed and put back from a backup, a long unit name still exports."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from desktop import app, dialogs, faults
from forms.format.registry import CURRENT
from forms.storage import store as store_module
from tests.desktop.conftest import UNIT

ROOT = Path(__file__).resolve().parents[2]
REAL_FAULT = dialogs.fault  # taken before the autouse fixture replaces every dialog


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str]]:
    """The fault messages the clerk would see, with their details."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "fault", lambda text, details: seen.append((text, details)))
    return seen


@pytest.fixture
def hook(monkeypatch, tmp_path):
    """The fault hook installed for a data file in tmp_path, put back afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    return faults.install(tmp_path / "nianbao.db")


def test_an_exception_in_a_slot_is_shown_and_logged_beside_the_data(qtbot, hook, shown, tmp_path):
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: {}["missing"])
    button.click()
    assert len(shown) == 1
    text, details = shown[0]
    assert "程序出了问题" in text and "KeyError" in text and "复制详细信息" in text
    assert str(tmp_path / "nianbao.log") in text
    assert "Traceback" in details and "KeyError" in details
    assert "KeyError: 'missing'" in (tmp_path / "nianbao.log").read_text(encoding="utf-8")


def test_a_fault_with_a_message_for_the_clerk_shows_that_message(qtbot, hook, shown):
    button = QPushButton()
    qtbot.addWidget(button)

    def write_read_only() -> None:
        raise store_module.StoreReadOnly()

    button.clicked.connect(write_read_only)
    button.click()
    assert shown[0][0].startswith("数据文件是以只读方式打开的")


def test_the_copy_button_puts_the_details_on_the_clipboard(qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press_copy(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "复制详细信息").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_copy)
    REAL_FAULT("程序出了问题", "Traceback: details")
    assert QApplication.clipboard().text() == "程序出了问题\n\nTraceback: details"


def test_the_log_lives_beside_the_default_data_file(monkeypatch, tmp_path):
    """On Windows that folder is %LOCALAPPDATA%\\nianbao (store.default_db_path)."""
    monkeypatch.delenv("NIANBAO_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    data = store_module.default_db_path()
    data.parent.mkdir()
    assert faults.log_path(data) == tmp_path / "nianbao" / "nianbao.log"
    assert faults.log_path(tmp_path / "missing" / "nianbao.db").parent != tmp_path / "missing"


def test_without_a_console_a_fault_is_still_logged_and_shown(tmp_path):
    """A windowed PyInstaller exe has sys.stdout and sys.stderr None: the fault must
    not vanish with them."""
    db = tmp_path / "nianbao.db"
    marker = tmp_path / "shown.txt"
    script = f"""
import sys
sys.stdout = sys.stderr = None
from PySide6.QtCore import QTimer
from desktop import app, dialogs

def fault(text, details):
    open({str(marker)!r}, "w", encoding="utf-8").write(text)
    app.application().quit()

dialogs.fault = fault
app.application()
QTimer.singleShot(300, lambda: 1 / 0)
sys.exit(app.main(["--db", {str(db)!r}]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "ZeroDivisionError" in marker.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in (tmp_path / "nianbao.log").read_text(encoding="utf-8")


def test_a_unit_of_300_characters_exports_word(monkeypatch, qtbot, window, store):
    """导出Word did nothing at all for a unit of 239+ characters."""
    report_id = store.create_report("红旗区" * 100, 2024, CURRENT)
    window.open_report(report_id)
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)  # export the draft
    monkeypatch.setattr(dialogs, "export_done", lambda *args: None)
    path = window.wizard.export_word()
    assert path is not None and path.exists()
    assert len(path.name.encode("utf-8")) <= 255


def test_an_unexpected_fault_in_export_is_shown_not_swallowed(
    qtbot, monkeypatch, hook, shown, editor
):
    from forms.files import docx_writer

    def broken(*args, **kwargs):
        raise RuntimeError("python-docx broke")

    monkeypatch.setattr(docx_writer, "document_bytes", broken)  # what formats.write_file calls
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    QTimer.singleShot(0, editor.export_action.trigger)
    qtbot.waitUntil(lambda: bool(shown))
    assert "python-docx broke" in shown[0][0]


# ── start-up ─────────────────────────────────────────────────────────────────


def test_a_folder_given_as_the_data_file_is_said_and_nothing_opens(monkeypatch, tmp_path):
    said = []
    monkeypatch.setattr(dialogs, "error", lambda text, title="": said.append((title, text)))
    assert app.open_store(tmp_path) is None
    assert said[0][0] == "无法打开数据文件" and "是一个文件夹" in said[0][1]


def test_a_held_write_lock_opens_read_only_and_says_so(qtbot, monkeypatch, tmp_path):
    db = tmp_path / "nianbao.db"
    with store_module.Store.open(db) as first:
        kept = first.create_report(UNIT, 2023, CURRENT)
        first.save_value(kept, "s3.new.natural", 9)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    said = []
    monkeypatch.setattr(dialogs, "inform", lambda text, title="": said.append((title, text)))
    try:
        store = app.open_store(db)
    finally:
        other.rollback()
        other.close()
    try:
        assert said[0][0] == "只读打开" and "另一个程序" in said[0][1]
        assert store.read_only
        window = app.build_main_window(store)
        qtbot.addWidget(window)
        assert window.notice.text().startswith("只读打开")
        assert store.load_report(kept).values == {"s3.new.natural": 9}
    finally:
        store.close()


def test_a_read_only_folder_opens_every_report_read_only(qtbot, monkeypatch, read_only_tmpfs):
    folder, make_read_only = read_only_tmpfs
    db = folder / "nianbao.db"
    with store_module.Store.open(db) as first:
        kept = first.create_report(UNIT, 2023, CURRENT)
        first.save_value(kept, "s3.new.natural", 9)
    make_read_only()
    said = []
    monkeypatch.setattr(dialogs, "inform", lambda text, title="": said.append(text))
    store = app.open_store(db)
    try:
        assert "所在位置是只读的" in said[0]
        window = app.build_main_window(store)
        qtbot.addWidget(window)
        window.open_report(kept)
        assert window.session.report.values == {"s3.new.natural": 9}
    finally:
        store.close()


def test_backups_as_a_file_is_shown_in_the_status_bar(qtbot, tmp_path):
    (tmp_path / "backups").write_text("x")
    with store_module.Store.open(tmp_path / "nianbao.db") as store:
        window = app.build_main_window(store)
        assert "同名文件占用" in window.notice.text() and window.notice.isVisibleTo(window)
        window.close()  # it saves its layout into the store


# ── a damaged report ─────────────────────────────────────────────────────────


def test_a_damaged_report_is_listed_and_put_back_from_the_backup(qtbot, monkeypatch, tmp_path):
    db = tmp_path / "nianbao.db"
    clock = _Clock()
    with store_module.Store.open(db, now=clock) as first:
        hurt = first.create_report(UNIT, 2023, CURRENT)
        first.save_value(hurt, "s3.new.natural", 12)
        first.create_report("东街街道", 2023, CURRENT)
    clock.at += timedelta(days=1)
    store_module.Store.open(db, now=clock).close()  # today's backup holds both
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE cell_values SET text = '1O' WHERE report_id = ?", (hurt,))
    conn.close()
    store = store_module.Store.open(db, now=clock)
    try:
        window = app.build_main_window(store)
        listing = window.report_list
        rows = {listing.table.item(r, 0).text(): r for r in range(listing.table.rowCount())}
        assert listing.table.item(rows[UNIT], 2).text() == "已损坏"
        assert "已损坏" in listing.table.item(rows[UNIT], 4).text()
        assert "个错误" in listing.table.item(rows["东街街道"], 4).text()  # read and checked
        offered = []
        monkeypatch.setattr(
            dialogs, "offer_report_backup", lambda text, made: offered.append((text, made)) or True
        )
        listing.select(hurt)
        listing.open_selected()
        assert "红旗区西街街道办事处 2023 年" in offered[0][0] and offered[0][1]
        assert window.session is not None and window.session.report.values == {"s3.new.natural": 12}
        window.close()  # it saves its layout into the store
    finally:
        store.close()


class _Clock:
    def __init__(self) -> None:
        from datetime import datetime

        self.at = datetime(2024, 3, 1, 9, 0, 0)

    def __call__(self):
        return self.at


def test_a_fault_inside_an_undo_step_reads_without_qts_english_prefix(qtbot, hook, shown):
    """PySide6 prefixes “Error calling Python override of QUndoCommand::redo():”."""
    from PySide6.QtGui import QUndoCommand, QUndoStack

    class Refused(QUndoCommand):
        def redo(self) -> None:
            raise store_module.StoreReadOnly()

    stack = QUndoStack()
    try:
        stack.push(Refused("填写"))  # called from Python, it comes back here…
    except store_module.StoreReadOnly as error:
        assert str(error).startswith("Error calling Python override")
        hook(type(error), error, error.__traceback__)  # …from the event loop, to the hook
    assert shown[0][0].startswith("数据文件是以只读方式打开的")


def test_the_log_goes_to_the_temporary_folder_when_the_data_folder_is_read_only(
    monkeypatch, tmp_path
):
    reporter = faults.FaultReporter(tmp_path / "no-such-folder" / faults.LOG_NAME)
    monkeypatch.setattr(faults.tempfile, "gettempdir", lambda: str(tmp_path))
    assert reporter.write_log("details") == tmp_path / faults.LOG_NAME


def test_the_window_folds_the_wal_in_when_the_clerk_pauses(qtbot, monkeypatch, window, store):
    asked = []
    monkeypatch.setattr(store, "checkpoint_if_quiet", lambda: asked.append(True) or True)
    window._checkpoint_timer.timeout.emit()
    assert asked == [True]
    assert window._checkpoint_timer.isActive()


def test_a_lock_file_that_cannot_be_made_is_not_taken_for_another_window(qtbot, tmp_path):
    """A read-only or uncreatable data folder: start, and let opening say why."""
    from desktop.single_window import SingleWindow

    (tmp_path / "blocker").write_text("x")
    claim = SingleWindow(tmp_path / "blocker" / "nianbao.db")
    try:
        assert claim.claim()
    finally:
        claim.release()
