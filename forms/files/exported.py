"""Which Word document the program wrote where, so an export never silently replaces
a file the clerk changed since, nor another report's document of the same name.

The records live in the program's settings (`Setting.EXPORTED`): {path: stamp}, a
stamp being the report id and the file's size and modification time once written.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

Records = dict[str, dict[str, int]]


class Target(Enum):
    """What is at the path an export would write to."""

    FREE = "free"  # nothing: write
    OURS = "ours"  # this report's document as the program left it: replace
    CHANGED = "changed"  # this report's document, changed since: ask
    FOREIGN = "foreign"  # a file the program did not write: ask


def key(path: Path) -> str:
    """Return how the records name `path` (absolute, as typed: no symlinks followed)."""
    return os.path.abspath(path)


def stamp(path: Path, report_id: int) -> dict[str, int]:
    """Return the record of `path` just written for report `report_id`."""
    status = path.stat()
    return {"report": report_id, "size": status.st_size, "mtime_ns": status.st_mtime_ns}


def choose_target(path: Path, report_id: int, records: Records) -> tuple[Path, Target]:
    """Return where report `report_id`'s document goes, starting at `path`, and what
    is there. A document the program wrote for another report is never a target: the
    next free name is taken instead (名称（2）.docx, 名称（3）.docx, …)."""
    for number in range(1, 1000):
        candidate = path if number == 1 else path.with_name(f"{path.stem}（{number}）{path.suffix}")
        record = records.get(key(candidate))
        if not candidate.exists():
            return candidate, Target.FREE
        if record is None:
            return candidate, Target.FOREIGN
        if record.get("report") != report_id:
            continue  # another unit's (or year's) document of the same name
        return candidate, Target.OURS if _unchanged(candidate, record) else Target.CHANGED
    return path, Target.FOREIGN  # a thousand namesakes: let the clerk decide


def _unchanged(path: Path, record: dict[str, int]) -> bool:
    status = path.stat()
    return (status.st_size, status.st_mtime_ns) == (record.get("size"), record.get("mtime_ns"))
