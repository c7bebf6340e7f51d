"""Each report's numbers of errors and warnings are kept in the data file and worked out
again only when the report, or last year's report of the same unit, changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.report import checks
from forms.report.values import Report
from forms.storage import store as store_module
from forms.storage.store import Store


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
