"""Shared fixtures: the seed report and reports built from tab-separated grids."""

from __future__ import annotations

import os
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
