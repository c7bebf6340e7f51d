"""Shared fixtures: the seed report and reports built from tab-separated grids."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from forms.files.json_file import read_report_file
from forms.format.cells import cells, tables
from forms.format.registry import CURRENT
from forms.report.input import paste_block
from forms.report.values import Report

DATA = Path(__file__).parent / "data"

# Qt runs offscreen in every test, whether pytest is started by make or by hand.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


def data_report(name: str) -> Report:
    """Return the report in tests/data/{name}.json."""
    return read_report_file(DATA / f"{name}.json")


def fill_grid(report: Report, table_id: str, grid: str, row: int = 0, column: int = 0) -> None:
    """Write a tab-separated grid (as pasted from Excel) into a table of `report`,
    from (row, column); pasted totals are left to be computed."""
    table = next(t for t in tables(report.form) if t.id == table_id)
    pasted = paste_block(table, cells(report.form), row, column, grid.strip("\n"))
    for cid, value in pasted.values.items():
        if value is None:
            report.values.pop(cid, None)
        else:
            report.values[cid] = value


@pytest.fixture
def seed() -> Report:
    """The real 2023 report of 红旗区西街街道办事处 (all tables zero)."""
    return data_report("xijie-2023")


@pytest.fixture
def computed_seed(seed: Report) -> Report:
    """The seed report as the editor holds it: typed cells only, totals computed."""
    catalogue = cells(seed.form)
    seed.values = {k: v for k, v in seed.values.items() if not catalogue[k].is_total}
    return seed


@pytest.fixture
def blank() -> Report:
    """A new report with nothing filled in."""
    return Report(CURRENT, "测试街道办事处", 2024)


# ── real faults: file systems that are full or read-only (issue 9) ───────────
# Tests run as root, to whom file modes deny nothing; a small or read-only tmpfs
# gives the real errors (ENOSPC, EROFS). Where mounting is not allowed the test is
# skipped with the reason.


def _mount(folder: Path, options: str) -> None:
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        reason = done.stderr.strip()
        pytest.skip(f"cannot mount a tmpfs here ({reason}): needs root where mount is allowed")


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def small_tmpfs(tmp_path) -> Path:
    """A real file system of 256 KB, filled up: every further write fails with ENOSPC."""
    folder = tmp_path / "full"
    _mount(folder, "size=256k")
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as file, contextlib.suppress(OSError):
        while True:
            file.write(b"\0" * 4096)
    try:
        yield folder
    finally:
        _unmount(folder)


@pytest.fixture
def disk_4m(tmp_path) -> Path:
    """A real, empty file system of 4 MB, for tests that fill it to a chosen point."""
    folder = tmp_path / "disk"
    _mount(folder, "size=4m")
    try:
        yield folder
    finally:
        _unmount(folder)


@pytest.fixture
def read_only_tmpfs(tmp_path):
    """A function that remounts a tmpfs read-only once the test has put its files in:
    call it with no argument; it returns the folder."""
    folder = tmp_path / "ro"
    _mount(folder, "size=8m")

    def make_read_only() -> Path:
        done = subprocess.run(
            ["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True, check=False
        )
        if done.returncode:
            pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
        return folder

    try:
        yield folder, make_read_only
    finally:
        _unmount(folder)


def complete(store, report_id: int) -> None:
    """Store the real seed report's typed numbers and texts: a report without errors."""
    seed = data_report("xijie-2023")
    catalogue = cells(seed.form)
    store.save_values(
        report_id, {c: v for c, v in seed.values.items() if not catalogue[c].is_total}
    )
    for field_id, text in seed.texts.items():
        store.save_text(report_id, field_id, text)
