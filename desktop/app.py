"""The composition root: parse the arguments, open the store, build and wire the window.

`main(argv)` is what `nianbao` runs without a CLI command; `build_main_window(store)`
is the same window without an event loop (the packaging self-test uses it).
"""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import dialogs, faults, style
from desktop.main_window import APP_NAME, MainWindow
from desktop.single_window import SingleWindow, bring_forward
from forms.storage import backups
from forms.storage import store as store_module
from forms.storage.settings import Setting

RESOURCES = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"
ICON = RESOURCES / "icons" / "nianbao-256.png"


def parse_args(argv: list[str]) -> tuple[Path, bool]:
    """Return the data file (--db PATH, else $NIANBAO_DB, else the default) and
    whether --self-test was asked for."""
    db = None
    if "--db" in argv:
        position = argv.index("--db")
        if position + 1 < len(argv):
            db = Path(argv[position + 1])
    if db is None and os.environ.get("NIANBAO_DB"):
        db = Path(os.environ["NIANBAO_DB"])
    return db or store_module.default_db_path(), "--self-test" in argv


def main(argv: list[str]) -> int:
    """Open the desktop application on the data file; return the exit code."""
    db_path, self_test = parse_args(argv)
    if self_test:
        from desktop import self_test  # only for --self-test

        return self_test.run(argv, build_main_window)
    app = application()
    faults.install(db_path)  # before anything can fail: nothing reaches a missing console
    with contextlib.suppress(OSError):  # the lock file goes beside the data file;
        db_path.parent.mkdir(parents=True, exist_ok=True)  # open_store says if it cannot
    claim = SingleWindow(db_path)
    if not claim.claim():
        return _already_open(claim, db_path)
    store = open_store(db_path)
    if store is None:
        claim.release()
        return 1
    window = build_main_window(store)
    if os.environ.get("NIANBAO_MEASURE_START"):
        _report_first_show(window)
    claim.raise_requested.connect(lambda: bring_forward(window))
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
        claim.release()


def _already_open(claim: SingleWindow, db_path: Path) -> int:
    """A second start on the data file: bring the first window forward and end."""
    if claim.ask_first_to_show():
        return 0
    dialogs.error(
        f"年报助手已经打开了这个数据文件，但没有响应：\n{db_path}\n\n"
        "请先关闭已打开的年报助手窗口（或在任务管理器中结束它），再重新打开。"
    )
    return 1


def _report_first_show(window: MainWindow) -> None:
    """For `make bench` only (NIANBAO_MEASURE_START=1): print `shown` when the window is
    first shown, then quit, as the bare baseline window does."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Reporter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show:
                print("shown", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    window.installEventFilter(Reporter(window))


def application() -> QApplication:
    """Return the QApplication, made once: Chinese Qt dialogs, the window icon."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "nianbao"])
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName(APP_NAME)
    style.force_light_scheme(app)
    install_chinese(app)
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    return app  # type: ignore[return-value]


def install_chinese(app: QApplication) -> None:
    """Show Qt's own buttons and dialogs (是/否, 取消, file dialogs) in Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)


def open_store(db_path: Path):
    """Return the opened store: on a damaged or emptied file offer the newest backup;
    where it cannot be written say why and open it read-only if it can be read; None
    when there is nothing to open (the clerk has been told why)."""
    try:
        return store_module.Store.open(db_path)
    except store_module.StoreDamaged as damaged:
        newest = damaged.backups[0] if damaged.backups else None
        if not dialogs.offer_backup(str(damaged), newest.name if newest else None):
            return None
        try:
            backups.restore(damaged.path, newest)
        except backups.RestoreRefused as refused:
            dialogs.error(str(refused), "无法恢复备份")
            return None
        return open_store(db_path)
    except store_module.StoreUnavailable as unavailable:
        if not unavailable.readable:
            dialogs.error(str(unavailable), "无法打开数据文件")
            return None
        dialogs.inform(str(unavailable), "只读打开")
        try:
            return store_module.Store.open_read_only(db_path)
        except store_module.StoreUnavailable as unreadable:
            dialogs.error(str(unreadable), "无法打开数据文件")
            return None


def build_main_window(store) -> MainWindow:
    """Return the main window on `store`, showing the report last worked on if any."""
    application()
    window = MainWindow(store, on_backups=manage_backups)
    last = store.setting(Setting.LAST_REPORT)
    if any(e.id == last and not e.problem for e in store.list_reports()):
        window.open_report(last)
    return window


def backup_label(backup: Path) -> str:
    """Return how the clerk sees a backup: when it was made, e.g. 2025年1月15日 10:32:05."""
    made = backups.made_at(backup) or datetime.fromtimestamp(backup.stat().st_mtime)
    return f"{made.year}年{made.month}月{made.day}日 {made:%H:%M:%S}"


def manage_backups(window: MainWindow) -> None:
    """List the backups; restore the chosen one in place of the data file."""
    store = window.store
    items = [(backup_label(p), p) for p in store.backups()]
    chosen = dialogs.manage_backups(items, lambda: _labelled(store.backup_now()))
    if chosen is None:
        return
    label = backup_label(chosen)
    if not dialogs.confirm(
        f"用 {label} 的备份替换当前数据？当前数据会另存在同一文件夹，不会删除。", "恢复备份"
    ):
        return
    path = store.path
    store.close()
    try:
        backups.restore(path, chosen)
    except backups.RestoreRefused as refused:
        window.replace_store(store_module.Store.open(path))  # the data as it was
        dialogs.error(str(refused), "无法恢复备份")
        return
    window.replace_store(store_module.Store.open(path))
    window.show_message(f"已恢复 {label} 的备份")


def _labelled(backup: Path) -> tuple[str, Path]:
    return backup_label(backup), backup
