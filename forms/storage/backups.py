"""Backups of a data file and the health check that decides when one is needed.

A backup is a self-contained copy made through SQLite's backup API, named after its
data file (nianbao.db → backups/nianbao-20250115-103205.db), at most one a day, the
newest 14 kept. Nothing here writes to the data file itself.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

from forms.report.file_problems import cause


class BackupFailed(Exception):
    """The day's backup could not be made; the data file itself is untouched. The
    message says why and what to do, in Chinese."""


KEEP = 14
LEFTOVER_AGE = 3600  # seconds: an unfinished copy older than this was left by a crash
_STAMP = "%Y%m%d-%H%M%S"
_STAMP_LENGTH = len("20250115-103205")


def healthy(path: Path) -> bool:
    """Return True when `path` passes integrity_check, read without writing to it."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            conn.execute("PRAGMA busy_timeout = 5000")
            return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except sqlite3.OperationalError:
        raise  # locked, unreadable, …: not a sign of damage
    except sqlite3.DatabaseError:
        return False


def holds_reports(path: Path) -> bool:
    """Return True when the data file or backup at `path` holds at least one report."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            return bool(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
    except sqlite3.Error:
        return False


def _folder(db_path: Path) -> Path:
    """Return the folder that holds the backups of `db_path`."""
    return db_path.parent / "backups"


def of(db_path: Path) -> list[Path]:
    """Return the backups of `db_path` (named after it: nianbao.db → nianbao-STAMP.db;
    other data files in the same folder have their own), newest first."""
    found = _folder(db_path).glob(f"{glob.escape(db_path.stem)}-*.db")
    return sorted((b for b in found if made_at(b, db_path) is not None), reverse=True)


def made_at(backup: Path, db_path: Path | None = None) -> datetime | None:
    """Return when a backup was made, read from its name; None for a file that is
    not a backup (of `db_path`, when given)."""
    owner, stamp = backup.stem[: -_STAMP_LENGTH - 1], backup.stem[-_STAMP_LENGTH:]
    if db_path is not None and backup.stem != f"{db_path.stem}-{stamp}":
        return None
    if not owner:
        return None
    try:
        return datetime.strptime(stamp, _STAMP)
    except ValueError:
        return None


def restore(db_path: Path, backup: Path, *, now: Callable[[], datetime] = datetime.now) -> None:
    """Put `backup` in place of `db_path`, whose files are renamed aside, never deleted.

    Close any Store on `db_path` first.
    """
    label = "replaced" if db_path.exists() and healthy(db_path) else "damaged"
    aside = db_path.with_name(f"{db_path.name}.{label}-{now().strftime(_STAMP)}")
    n = 1
    while aside.exists():
        n += 1
        aside = aside.with_name(f"{db_path.name}.{label}-{now().strftime(_STAMP)}-{n}")
    _move_aside(db_path, aside)
    partial = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup, partial)
    os.replace(partial, db_path)


class RestoreRefused(Exception):
    """The data file could not be moved aside; nothing was changed. str() says what to do."""


def _move_aside(db_path: Path, aside: Path) -> None:
    """Rename the data file and its -wal/-shm to `aside`; on a refusal put back what was
    renamed and raise RestoreRefused (Windows refuses while any program has it open)."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", "-wal", "-shm"):
            current = Path(f"{db_path}{suffix}")
            if current.exists():
                current.rename(f"{aside}{suffix}")
                moved.append((current, Path(f"{aside}{suffix}")))
    except OSError as error:
        for original, renamed in reversed(moved):
            renamed.rename(original)
        raise RestoreRefused(
            f"无法恢复备份：数据文件 {db_path} 正被其他程序使用"
            "（可能还开着另一个年报助手窗口，或杀毒、同步软件正在读取它）。"
            "请关闭其他年报助手窗口，稍等片刻后再试一次；当前数据没有改动。"
        ) from error


def write(connection: sqlite3.Connection, db_path: Path, now: datetime) -> Path:
    """Copy the open database into a new backup of `db_path`, keep the newest 14, and
    return the copy; BackupFailed (no half-written copy left) when it cannot."""
    folder = _folder(db_path)
    if folder.exists() and not folder.is_dir():
        raise BackupFailed(
            f"备份文件夹的位置被一个同名文件占用（{folder}），无法备份。"
            "请把这个文件改名或移走，程序会在下次启动时备份。"
        )
    target = folder / f"{db_path.stem}-{now.strftime(_STAMP)}.db"
    # a half-written copy must never look like a backup; other instances may race
    partial = folder / f".{target.name}.{os.getpid()}.partial"
    try:
        folder.mkdir(exist_ok=True)
        with closing(sqlite3.connect(partial)) as copy:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(
            f"今天的备份没有完成：{cause(error)}。数据本身已保存，不受影响。"
        ) from error
    for old in of(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def remove_leftovers(db_path: Path, now: float) -> list[Path]:
    """Delete unfinished copies (`.….partial`) a crash or a full disk left more than an
    hour ago (younger ones may be another instance's copy in progress); return them."""
    removed = []
    for leftover in _folder(db_path).glob(f".{glob.escape(db_path.stem)}-*.partial"):
        try:
            if now - leftover.stat().st_mtime > LEFTOVER_AGE:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    return removed
