"""Each report's numbers of errors and warnings are kept in the data file and worked out
again only when the report, or last year's report of the same unit, changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.report import checks
from forms.report.values import Report
from forms.storage import store as store_module
from forms.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """Record the unit and year of every report the store checks."""
    seen: list[str] = []

    def counting(report, previous=None):
        seen.append(f"{report.unit}{report.year}")
        return checks.check(report, previous)

    monkeypatch.setattr(store_module, "check", counting)
    return seen


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "nianbao.db"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    opened = Store.open(path)
    yield opened
    opened.close()


def add(store: Store, unit: str, year: int, values: dict | None = None) -> int:
    return store.add_report(Report(CURRENT, unit, year, values=values or {}))


def test_counts_are_checked_once_and_kept_across_a_restart(store, path, checked):
    rid = add(store, "西街", 2024, {"s3.new.natural": 3})  # 3 new, nothing handled: errors
    errors, warnings = store.check_counts(rid)
    assert errors > 0
    assert store.check_counts(rid) == (errors, warnings)
    store.close()
    reopened = Store.open(path)
    assert reopened.check_counts(rid) == (errors, warnings)
    reopened.close()
    assert checked == ["西街2024"]


def test_an_edit_rechecks_that_unit_only(store, checked):
    last, this = add(store, "西街", 2023), add(store, "西街", 2024)
    other = add(store, "东街", 2024)
    for rid in (last, this, other):
        store.check_counts(rid)
    checked.clear()
    store.save_value(last, "s3.carry_next.natural", 5)  # last year's 结转 is this year's 上年结转
    for rid in (last, this, other):
        store.check_counts(rid)
    assert sorted(checked) == ["西街2023", "西街2024"]


def test_the_count_follows_the_edit(store):
    zeros = {cid: 0 for cid, cell in cells(CURRENT).items() if not cell.is_total}
    rid = store.add_report(Report(CURRENT, "西街", 2024, values=zeros))
    before = store.check_counts(rid)
    store.save_value(rid, "s3.new.natural", 3)
    assert store.check_counts(rid)[0] > before[0]
    store.save_value(rid, "s3.new.natural", 0)
    assert store.check_counts(rid) == before


def test_renaming_deleting_and_adding_reports_recheck(store, checked):
    last, this = add(store, "西街", 2023, {"s3.carry_next.natural": 5}), add(store, "西街", 2024)
    store.check_counts(this)
    store.delete_report(last)  # this year's 上年结转 is no longer compared with anything
    checked.clear()
    store.check_counts(this)
    assert checked == ["西街2024"]
    store.restore_report(last)
    store.set_unit_year(this, "西街", 2025)
    checked.clear()
    store.check_counts(this)
    assert checked == ["西街2025"]


def test_counts_of_another_program_version_are_checked_again(store, checked, monkeypatch):
    rid = add(store, "西街", 2024)
    store.check_counts(rid)
    monkeypatch.setattr(store_module, "rules_fingerprint", lambda: "newer-rules")
    store.check_counts(rid)
    assert checked == ["西街2024", "西街2024"]


def test_adding_or_deleting_a_report_rechecks_only_its_unit(store, checked):
    west, east = add(store, "西街", 2024), add(store, "东街", 2024)
    store.all_check_counts([west, east])
    checked.clear()
    north = add(store, "北街", 2024)
    store.all_check_counts([west, east, north])
    assert checked == ["北街2024"]
    checked.clear()
    store.delete_report(west)
    store.all_check_counts([east, north])
    assert checked == []
    store.set_unit_year(north, "东街", 2023)  # now last year's report of 东街
    checked.clear()
    store.all_check_counts([east, north])
    assert sorted(checked) == ["东街2023", "东街2024"]


def fingerprint_of(forms_copy: Path) -> str:
    """Return rules_fingerprint() as a program installed from `forms_copy` computes it."""
    code = "from forms.storage.store import rules_fingerprint; print(rules_fingerprint())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=forms_copy,
        env={**os.environ, "PYTHONPATH": str(forms_copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        # a method of a class, and a function behind @cache: both decide the counts
        (
            "forms/report/checks.py",
            "def is_error(self) -> bool:",
            "def is_error(self) -> bool:  # x\n        assert True",
        ),
        ("forms/report/totals.py", "    return ()\n", "    return tuple()\n"),
    ],
)
def test_counts_kept_by_another_program_version_are_not_read(tmp_path, module, old, new):
    before, after = tmp_path / "before", tmp_path / "after"
    for copy in (before, after):
        shutil.copytree(ROOT / "forms", copy / "forms", ignore=shutil.ignore_patterns("*.pyc"))
    target = after / module
    source = target.read_text(encoding="utf-8")
    assert old in source
    target.write_text(source.replace(old, new, 1), encoding="utf-8")
    assert fingerprint_of(before) != fingerprint_of(after)
    assert fingerprint_of(before) == fingerprint_of(before)  # the same program agrees
