"""Every exception that reaches the Qt event loop is shown and logged, never lost.

PySide6 hands an exception raised in a slot to `sys.excepthook` and goes on; by
default that prints to stderr, which a windowed program (the PyInstaller .exe) does not
have, so the clerk saw nothing happen. `install` replaces the hook: the traceback goes
to the log beside the data file (on Windows %LOCALAPPDATA%\\nianbao\\nianbao.log, where
desktop/console.py also sends the output of a program without a console), and the clerk
gets a message with 复制详细信息.
"""

from __future__ import annotations

import re
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from desktop import console, dialogs
from forms.report.text import shown

LOG_NAME = console.LOG_NAME  # one log beside the data file: output and faults
# PySide6 puts this before the message of an exception raised in a Python override
_QT_PREFIX = re.compile(r"^Error calling Python override of [\w:]+\(\): ")
LOG_LIMIT = 1024 * 1024  # bytes; a longer log starts again (the newest faults matter)
# exceptions whose message is written for the clerk (Chinese, says what to do)
_SAID = ("StoreReadOnly", "ReportDamaged", "BackupFailed", "StoreUnavailable", "ExportError")


class FaultReporter:
    """The hook: log the traceback, then show it once (a fault inside the message box
    itself, or a second one while it is open, is only logged)."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self._showing = False

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        written = self.write_log(details)
        if self._showing or issubclass(kind, KeyboardInterrupt):
            return
        self._showing = True
        try:
            dialogs.fault(message(error, written), details)
        except Exception:  # the message box itself failed: the log still holds it
            self.write_log("".join(traceback.format_exc()))
        finally:
            self._showing = False

    def write_log(self, details: str) -> Path | None:
        """Append `details` with the time to the log (in the temporary folder when the
        data folder is read-only); return where it went, None if nowhere."""
        for log in (self.log, Path(tempfile.gettempdir()) / LOG_NAME):
            try:
                if log.exists() and log.stat().st_size > LOG_LIMIT:
                    log.unlink()
                with log.open("a", encoding="utf-8", errors="backslashreplace") as file:
                    file.write(f"── {datetime.now():%Y-%m-%d %H:%M:%S} ──\n{details}\n")
            except OSError:
                continue
            return log
        return None


def message(error: BaseException, log: Path | None) -> str:
    """Return what the clerk reads: our own Chinese message where there is one, else
    what happened in a line, that stored data is safe, and where the details are."""
    where = f"详细信息已记录在：{log}" if log else "详细信息未能写入日志文件"
    said = _QT_PREFIX.sub("", str(error))
    if type(error).__name__ in _SAID:
        return f"{said}\n\n{where}"
    what = shown(f"{type(error).__name__}: {said}", 120)
    return (
        f"程序出了问题，这一步没有完成：{what}\n\n"
        "已经保存的数据不受影响。请点“复制详细信息”，发给技术人员。\n"
        f"{where}"
    )


def log_path(db_path: Path) -> Path:
    """Return the log beside the data file; in the temporary folder when that folder
    is missing or not a folder (a start-up fault)."""
    folder = Path(db_path).parent
    return (folder if folder.is_dir() else Path(tempfile.gettempdir())) / LOG_NAME


def install(db_path: Path) -> FaultReporter:
    """Route every unhandled exception to the log and a message; return the hook."""
    reporter = FaultReporter(log_path(db_path))
    sys.excepthook = reporter
    return reporter
