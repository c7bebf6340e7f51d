"""Where print() and error output go when the program has no console.

The windowed nianbao.exe on Windows (PyInstaller's `runw` bootloader) starts with
sys.stdout and sys.stderr set to None: print() is lost without a trace and whatever
calls sys.stderr.write() fails. The missing streams are pointed at nianbao.log beside
the data file (%LOCALAPPDATA%\\nianbao\\nianbao.log by default), appended to, so an error
(and the fault log of issue #9, written through sys.stderr) can be found and sent in.
Qt-free: it runs before anything else, for the window and the CLI alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOG_NAME = "nianbao.log"


def log_path(db_path: Path) -> Path:
    """Return the log file that belongs to the data file `db_path`."""
    return db_path.parent / LOG_NAME


def attach_missing_streams(log: Path) -> Path | None:
    """Point a missing sys.stdout/sys.stderr at `log` (appending, UTF-8, line by line);
    return `log`, or None when both streams exist and nothing was changed."""
    if sys.stdout is not None and sys.stderr is not None:
        return None
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        stream = open(log, "a", encoding="utf-8", errors="backslashreplace", buffering=1)  # noqa: SIM115
    except OSError:
        # nowhere to write (a read-only profile): lose the text, but never crash on it
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream
    return log
