"""Why a file or folder could not be read or written, said as a clerk understands it.

Shared by the data file (forms/storage) and the documents and interchange files
(forms/files): the operating system's reason in Chinese, and what to do about it.
"""

from __future__ import annotations

import errno
import sqlite3

NAME_TOO_LONG = "文件名过长"
IS_FOLDER = "是一个文件夹"
DISK_FULL = "磁盘已满"
NO_PERMISSION = "没有写入权限"
READ_ONLY = "所在位置是只读的"

_CAUSES = {
    errno.ENAMETOOLONG: (NAME_TOO_LONG, "请缩短文件名或换一个较短的文件夹"),
    errno.EISDIR: (IS_FOLDER, "请另选一个文件名"),
    errno.ENOSPC: (DISK_FULL, "请清理磁盘空间或换一个磁盘后重试"),
    errno.EDQUOT: (DISK_FULL, "磁盘配额已用完，请清理空间后重试"),
    errno.EACCES: (
        NO_PERMISSION,
        "文件可能正在 Word/WPS 中打开，请关闭文件后重试，或换一个文件夹",
    ),
    errno.EPERM: (NO_PERMISSION, "请换一个文件夹，或请管理员开放权限"),
    errno.EROFS: (READ_ONLY, "请换一个可写的位置（如“文档”文件夹）"),
    errno.ENOENT: ("文件夹不存在", "请另选位置"),
    errno.ENOTDIR: ("路径中有一部分不是文件夹", "请另选位置"),
}


def cause(error: BaseException) -> str:
    """Return the reason of a failed file operation and what to do, in Chinese,
    e.g. “磁盘已满，请清理磁盘空间或换一个磁盘后重试”."""
    found = _CAUSES.get(getattr(error, "errno", None) or 0)
    if found is None and isinstance(error, sqlite3.Error):
        found = _sqlite_cause(str(error))
    if found is None:
        detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return f"系统报告：{detail[:120]}"
    return "，".join(found)


def cause_name(error: BaseException) -> str | None:
    """Return only the reason of a failed file operation (磁盘已满, …); None when it is
    none of the known ones."""
    found = _CAUSES.get(getattr(error, "errno", None) or 0)
    if found is None and isinstance(error, sqlite3.Error):
        found = _sqlite_cause(str(error))
    return found[0] if found else None


def _sqlite_cause(text: str) -> tuple[str, str] | None:
    text = text.lower()
    if "disk is full" in text or "database or disk is full" in text:
        return _CAUSES[errno.ENOSPC]
    if "readonly" in text or "read-only" in text:
        return (READ_ONLY, "数据只能查看，不能修改")
    if "locked" in text or "busy" in text:
        return ("另一个程序正在写入数据文件", "请关闭另一个年报助手窗口后重试")
    return None
