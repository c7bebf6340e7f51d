"""Opening the data file: what makes it impossible, said in Chinese with what to do.

A folder given as the file, a folder that cannot be made, damage or an emptied file
(with backups to offer), a read-only place, a full disk, another program writing.
Where the data can still be read, `StoreUnavailable.readable` says so and the program
opens it read-only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from forms.report.file_problems import (
    DISK_FULL,
    NO_PERMISSION,
    READ_ONLY,
    cause,
    cause_name,
)
from forms.report.text import shown
from forms.storage import backups


class StoreDamaged(Exception):
    """The data file cannot be read safely (or is empty while its backups are not);
    it has not been written to."""

    def __init__(self, path: Path, backups: list[Path], empty: bool = False) -> None:
        hint = f"可以从最近的备份恢复（{backups[0].name}）。" if backups else "没有找到可用的备份。"
        what = (
            "数据文件是空的（0 字节），可能在复制或磁盘出错时被清空，而备份中还有数据"
            if empty
            else "数据文件已损坏，无法打开"
        )
        super().__init__(f"{what}：{path}。{hint}")
        self.path = path
        self.backups = backups
        self.empty = empty


class StoreUnavailable(Exception):
    """The data file cannot be opened for writing; the message says why and what to
    do. `readable`: it can still be opened read-only (`Store.open_read_only`)."""

    def __init__(self, message: str, readable: bool) -> None:
        super().__init__(message)
        self.readable = readable


def check_place(path: Path) -> None:
    """Raise StoreUnavailable when `path` is a folder or its folder cannot be made."""
    if path.is_dir():
        raise StoreUnavailable(
            f"指定的数据文件 {path} 是一个文件夹，不是文件。"
            f"请指定一个文件，例如 {path / 'nianbao.db'}。",
            readable=False,
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailable(
            f"无法创建数据文件夹 {path.parent}：{cause(error)}。"
            "请检查这个位置，或用 --db 指定另一个可写的位置。",
            readable=False,
        ) from None


def check_health(path: Path) -> None:
    """Raise StoreDamaged for a file that fails the health check, or is empty while
    good backups exist; OperationalError/OSError when it cannot be read at all."""
    if not path.exists():
        return
    size = path.stat().st_size
    if size and backups.healthy(path):
        return
    good = [b for b in backups.of(path) if backups.healthy(b)]
    if not size:  # an emptied file matters only when a backup held reports
        good = [b for b in good if backups.holds_reports(b)]
    if size or good:
        raise StoreDamaged(path, good, empty=not size)


FILE_READ_ONLY = "数据文件是只读的"


def unavailable(path: Path, error: BaseException) -> StoreUnavailable:
    """Return why the data file cannot be opened for writing, and what to do."""
    text = str(error).lower()
    has_data = path.is_file() and path.stat().st_size > 0
    read_only = "\n\n现在以只读方式打开：可以查看和导出，但不能修改。"
    if "locked" in text or "busy" in text:
        return StoreUnavailable(
            f"另一个程序（可能是另一个年报助手窗口）正在写入数据文件：{path}{read_only}\n\n"
            "如需修改，请关闭另一个程序后重新打开年报助手。",
            readable=has_data,
        )
    folder_fault = _probe(path.parent)
    if folder_fault is not None:  # SQLite says only "unable to open" or "disk I/O"
        reason = cause_name(folder_fault)
    elif "readonly" in text or "unable to open" in text:  # the folder takes files
        reason = FILE_READ_ONLY
    else:
        reason = cause_name(error)
    said = reason or f"系统报告：{shown(str(error), 120)}"
    if not has_data:
        return StoreUnavailable(
            f"无法创建数据文件：{path}\n原因：{said}。\n\n"
            "请换一个可写的位置（启动时用 --db 指定），或请技术人员处理。",
            readable=False,
        )
    return StoreUnavailable(
        f"无法写入数据文件：{path}\n原因：{said}。{read_only}\n\n"
        + _TO_DO.get(reason or "", "请排除上述问题后重新打开年报助手；需要时请技术人员处理。"),
        readable=True,
    )


_TO_DO = {
    DISK_FULL: "如需修改，请清理磁盘空间后重新打开年报助手。",
    READ_ONLY: "如需修改，请把数据文件夹复制到可写的位置，或请技术人员处理，然后重新打开年报助手。",
    FILE_READ_ONLY: (
        "如需修改，请取消数据文件的“只读”属性，或请技术人员处理，然后重新打开年报助手。"
    ),
    NO_PERMISSION: "如需修改，请技术人员开放这个文件夹的写入权限，然后重新打开年报助手。",
}


def _probe(folder: Path) -> OSError | None:
    """Return why a file cannot be written in `folder` (read-only, full, no
    permission); None when it can. SQLite says only "unable to open" or "disk I/O"."""
    try:
        with tempfile.TemporaryFile(dir=folder) as file:
            file.write(b"\0" * 65536)
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        return error
    return None
