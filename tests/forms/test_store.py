"""forms/store.py: reports in SQLite, durable edits, migrations, backups, damage."""

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from forms.format.registry import CURRENT
from forms.report.values import NA, Report
from forms.storage import backups
from forms.storage.settings import Setting
from forms.storage.store import (
    DRAFT,
    FINAL,
    MIGRATIONS,
    ReportExists,
    ReportHasErrors,
    Store,
    StoreDamaged,
    default_db_path,
)

ROOT = Path(__file__).resolve().parents[2]
V1_FIXTURE = ROOT / "tests" / "data" / "store-v1.db"


class Clock:
    """A settable clock for `Store.open(now=...)`."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 3, 1, 9, 0, 0))


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data" / "nianbao.db", now=clock)
    yield opened
    opened.close()


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return result


def test_default_db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NIANBAO_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("NIANBAO_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    if sys.platform != "win32":
        assert default_db_path() == tmp_path / "nianbao" / "nianbao.db"


def test_values_round_trip_keep_blank_zero_amounts_and_na(store: Store) -> None:
    rid = store.create_report("西街街道办事处", 2023, CURRENT)
    store.save_value(rid, "s3.new.natural", 12)
    store.save_value(rid, "s3.new.commercial", 0)
    store.save_value(rid, "s2.fees.amount", Decimal("96171.60"))
    store.save_value(rid, "s2.rules.issued", NA)
    report = store.load_report(rid)
    assert report.values == {
        "s3.new.natural": 12,
        "s3.new.commercial": 0,
        "s2.fees.amount": Decimal("96171.60"),
        "s2.rules.issued": NA,
    }
    assert str(report.values["s2.fees.amount"]) == "96171.60"
    assert report.value("s3.new.research") is None  # blank, not 0
    store.save_value(rid, "s3.new.commercial", None)
    assert "s3.new.commercial" not in store.load_report(rid).values
    assert (report.form, report.unit, report.year) == (CURRENT, "西街街道办事处", 2023)


def test_unknown_ids_and_unfit_values_are_refused(store: Store) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    with pytest.raises(KeyError):
        store.save_value(rid, "s9.nowhere", 1)
    with pytest.raises(KeyError):
        store.save_text(rid, "s3", "a table is not a text field")
    with pytest.raises(TypeError):
        store.save_value(rid, "s3.new.natural", Decimal("1.5"))
    with pytest.raises(KeyError):
        store.save_value(999, "s3.new.natural", 1)
    assert store.history(rid) == []


def test_texts_round_trip(store: Store) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_text(rid, "s1.intro", "第一段\n第二段")
    store.save_text(rid, "s6.other", "本年度未收取信息处理费。")
    store.save_text(rid, "s6.other", "")
    assert store.load_report(rid).texts == {"s1.intro": "第一段\n第二段"}


def test_save_values_is_one_transaction(store: Store) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    with pytest.raises(KeyError):
        store.save_values(rid, {"s3.new.natural": 1, "bogus": 2})
    store.save_values(rid, {"s3.new.natural": 1, "s3.new.research": 0})
    store.db.execute(  # make the second cell fail, after the first was written
        "CREATE TEMP TRIGGER refuse_nine BEFORE INSERT ON cell_values"
        " WHEN NEW.text = '9' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.save_values(rid, {"s3.new.natural": 5, "s3.new.research": 9})
    assert store.load_report(rid).values == {"s3.new.natural": 1, "s3.new.research": 0}
    assert len(store.history(rid)) == 2


def test_the_signature_date_is_stored_logged_and_cleared(store: Store) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    assert store.load_report(rid).date is None
    store.set_date(rid, date(2024, 1, 20))
    assert store.load_report(rid).date == date(2024, 1, 20)
    assert [(e.target, e.old, e.new) for e in store.history(rid)][-1] == (
        "date",
        None,
        "2024-01-20",
    )
    store.set_date(rid, None)
    assert store.load_report(rid).date is None
    imported = store.add_report(Report(CURRENT, "东街", 2023, date=date(2024, 2, 1)))
    assert store.load_report(imported).date == date(2024, 2, 1)


def test_unit_year_unique_among_live_reports(store: Store) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    with pytest.raises(ReportExists, match="西街 2023 年的报告已经存在"):
        store.create_report("西街", 2023, CURRENT)
    other = store.create_report("西街", 2022, CURRENT)
    with pytest.raises(ReportExists):
        store.set_unit_year(other, "西街", 2023)
    store.set_unit_year(other, "东街", 2022)
    assert store.find_report("东街", 2022) == other
    assert store.find_report("西街", 2022) is None
    with pytest.raises(ReportExists):
        store.add_report(Report(CURRENT, "西街", 2023))
    with pytest.raises(sqlite3.IntegrityError):  # the index holds even past the code
        store.db.execute(
            "INSERT INTO reports (unit, year, form_id, status, created, updated)"
            " VALUES ('西街', 2023, 'f', 'draft', '', '')"
        )
    assert store.find_report("西街", 2023) == rid


def test_add_report_stores_a_whole_report(store: Store) -> None:
    report = Report(
        CURRENT, "西街", 2022, {"s1.intro": "概述"}, {"s3.new.natural": 3, "s2.fees.amount": NA}
    )
    rid = store.add_report(report, FINAL)
    assert store.load_report(rid) == report
    assert store.entry(rid).status == FINAL
    with pytest.raises(KeyError):
        store.add_report(Report(CURRENT, "东街", 2022, values={"s9.nowhere": 1}))
    assert store.find_report("东街", 2022) is None


def test_soft_delete_and_restore(store: Store, clock: Clock) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_value(rid, "s3.new.natural", 7)
    store.delete_report(rid)
    assert store.list_reports() == []
    assert [e.id for e in store.deleted_reports()] == [rid]
    assert store.find_report("西街", 2023) is None
    store.restore_report(rid)
    assert [e.id for e in store.list_reports()] == [rid]
    assert store.load_report(rid).values == {"s3.new.natural": 7}
    store.delete_report(rid)
    newer = store.create_report("西街", 2023, CURRENT)
    with pytest.raises(ReportExists):
        store.restore_report(rid)
    assert [e.id for e in store.list_reports()] == [newer]


def test_list_reports_most_recently_updated_first(store: Store, clock: Clock) -> None:
    first = store.create_report("西街", 2023, CURRENT)
    clock.at += timedelta(minutes=1)
    second = store.create_report("东街", 2023, CURRENT)
    clock.at += timedelta(minutes=1)
    store.save_value(first, "s3.new.natural", 1)
    entries = store.list_reports()
    assert [e.id for e in entries] == [first, second]
    assert entries[0].updated == "2024-03-01T09:02:00"
    assert entries[0].created == "2024-03-01T09:00:00"


def test_history_old_to_new_and_same_value_is_no_op(
    store: Store, clock: Clock, seed: Report
) -> None:
    rid = store.add_report(seed)  # complete: it may be marked final
    store.save_value(rid, "s2.rules.issued", 1)
    clock.at += timedelta(seconds=5)
    store.save_value(rid, "s2.rules.issued", 2)
    store.save_value(rid, "s2.rules.issued", 2)
    store.save_values(rid, {"s2.rules.issued": 2})
    store.save_text(rid, "s5.problems", "概述")
    store.save_text(rid, "s5.problems", "概述")
    store.set_status(rid, FINAL)
    store.set_status(rid, FINAL)
    store.save_value(rid, "s2.rules.issued", None)
    got = [(e.target, e.old, e.new) for e in store.history(rid)]
    assert got == [
        ("s2.rules.issued", "2", None),
        ("status", DRAFT, FINAL),
        ("s5.problems", seed.texts["s5.problems"], "概述"),
        ("s2.rules.issued", "1", "2"),
        ("s2.rules.issued", "0", "1"),
    ]
    assert len(store.history(rid, limit=2)) == 2
    assert store.history(rid)[-1].at == "2024-03-01T09:00:00"
    assert store.entry(rid).status == FINAL
    with pytest.raises(ValueError):
        store.set_status(rid, "done")


def test_final_is_refused_while_the_report_has_errors(store: Store) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    with pytest.raises(ReportHasErrors, match="改正后才能定稿"):
        store.set_status(rid, FINAL)
    assert store.entry(rid).status == DRAFT
    assert store.history(rid) == []


def test_a_draft_is_kept_until_its_value_is_stored(store: Store) -> None:
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_draft(rid, "s4.review.upheld", "1")
    store.save_draft(rid, "s4.review.upheld", "12")
    store.save_draft(rid, "s3.new.natural", "7")
    assert store.drafts(rid) == {"s4.review.upheld": "12", "s3.new.natural": "7"}
    assert store.load_report(rid).values == {} and store.history(rid) == []
    store.save_values(rid, {"s4.review.upheld": 12})
    store.save_draft(rid, "s3.new.natural", None)
    assert store.drafts(rid) == {}
    with pytest.raises(KeyError):
        store.save_draft(rid, "s9.nowhere", "1")


def test_settings_are_json(store: Store) -> None:
    assert store.setting(Setting.SPLITTERS, {}) == {}
    store.set_setting(Setting.SPLITTERS, {"wizard": [200, 800]})
    store.set_setting(Setting.FONT_SIZE, 1.25)
    assert store.setting(Setting.SPLITTERS) == {"wizard": [200, 800]}
    assert store.setting(Setting.FONT_SIZE) == 1.25


def test_reopen_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    store = Store.open(path)
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_value(rid, "s3.new.natural", 4)
    store.close()
    store = Store.open(path)
    try:
        assert store.load_report(rid).values == {"s3.new.natural": 4}
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        store.close()


def test_database_made_by_first_schema_opens_and_works(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    shutil.copyfile(V1_FIXTURE, path)
    store = Store.open(path)
    try:
        rid = store.find_report("西街街道办事处", 2023)
        assert rid is not None
        report = store.load_report(rid)
        assert report.values["s2.fees.amount"] == Decimal("96171.60")
        assert report.values["s2.rules.issued"] is NA
        assert report.text("s6.other") == "本年度未收取信息处理费。"
        assert store.entry(rid).status == FINAL
        assert store.setting("last_unit") == "西街街道办事处"
        store.save_value(rid, "s3.new.research", 2)
        assert store.load_report(rid).values["s3.new.research"] == 2
        assert MIGRATIONS.pending(store.db) == []
    finally:
        store.close()


def test_backups_at_most_once_a_day_and_only_14_kept(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "nianbao.db"
    Store.open(path, now=clock).close()
    Store.open(path, now=clock).close()
    clock.at += timedelta(hours=8)
    store = Store.open(path, now=clock)
    assert store.backup_if_due() is None
    assert [b.name for b in store.backups()] == ["nianbao-20240301-090000.db"]
    store.close()
    for _ in range(20):
        clock.at += timedelta(days=1)
        Store.open(path, now=clock).close()
    store = Store.open(path, now=clock)
    try:
        names = [b.name for b in store.backups()]
        assert len(names) == 14
        assert names[0] == "nianbao-20240321-170000.db"
        assert names == sorted(names, reverse=True)
        assert store.backups()[0].parent == tmp_path / "backups"
        made = store.backup_now()
        assert store.backups()[0] == made
    finally:
        store.close()


def test_backup_holds_the_data_and_restore_keeps_current_aside(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "nianbao.db"
    store = Store.open(path, now=clock)
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_value(rid, "s3.new.natural", 1)
    clock.at += timedelta(minutes=1)
    backup = store.backup_now()
    store.save_value(rid, "s3.new.natural", 2)
    store.close()
    assert integrity(backup) == "ok"
    backups.restore(path, backup, now=clock)
    aside = list(tmp_path.glob("nianbao.db.replaced-????????-??????"))
    assert len(aside) == 1
    store = Store.open(path, now=clock)
    try:
        assert store.load_report(rid).values == {"s3.new.natural": 1}
    finally:
        store.close()
    assert integrity(aside[0]) == "ok"


def _damage(path: Path, offset: int) -> None:
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(b"\xde\xad\xbe\xef" * 1024)


@pytest.mark.parametrize("offset", [0, 4096], ids=["header", "page"])
def test_damaged_file_is_refused_untouched_then_restored(
    tmp_path: Path, clock: Clock, offset: int
) -> None:
    path = tmp_path / "nianbao.db"
    store = Store.open(path, now=clock)
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_values(rid, {f"s3.{r.key}.natural": 1 for r in CURRENT.sections[2].parts[0].rows})
    for i in range(40):
        store.save_text(rid, "s1.intro", f"第{i}稿" * 200)
    clock.at += timedelta(minutes=1)
    backup = store.backup_now()
    store.close()
    _damage(path, offset)
    damaged = path.read_bytes()

    with pytest.raises(StoreDamaged) as refused:
        Store.open(path, now=clock)
    assert refused.value.path == path
    assert refused.value.backups[0] == backup  # newest first; the other is from the open
    assert "数据文件已损坏" in str(refused.value)
    assert backup.name in str(refused.value)
    assert path.read_bytes() == damaged

    backups.restore(path, refused.value.backups[0], now=clock)
    kept = list(tmp_path.glob("nianbao.db.damaged-????????-??????"))
    assert [p.read_bytes() for p in kept] == [damaged]
    store = Store.open(path, now=clock)
    try:
        assert store.load_report(rid).values["s3.new.natural"] == 1
    finally:
        store.close()


def test_damaged_file_without_backups(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreDamaged, match="没有找到可用的备份") as refused:
        Store.open(path)
    assert refused.value.backups == []


def _child(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.forms.store_child", str(db), *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_every_acknowledged_edit_survives_a_kill(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    Store.open(path).close()
    with _child(path, "-", "0", "1") as child:
        assert child.stdout is not None
        acknowledged = [child.stdout.readline().split() for _ in range(60)]
        child.kill()
        child.wait()
    assert Path(f"{path}-wal").stat().st_size > 0  # the killed instance left its WAL
    store = Store.open(path)  # checks the file read-only, with that WAL
    try:
        for rid, cell, value in acknowledged:
            assert store.load_report(int(rid)).values[cell] == int(value)
    finally:
        store.close()
    assert integrity(path) == "ok"


@pytest.mark.slow
def test_two_instances_write_one_file(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.db"
    store = Store.open(path)
    rid = store.create_report("西街", 2023, CURRENT)
    store.close()
    with _child(path, str(rid), "0", "2") as even, _child(path, str(rid), "1", "2") as odd:
        for child in (even, odd):
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.close()  # both start writing now
        outputs = [child.stdout.read() for child in (even, odd) if child.stdout]
        assert (even.wait(60), odd.wait(60)) == (0, 0)
    assert integrity(path) == "ok"
    written = {
        cell: int(value) for out in outputs for _, cell, value in map(str.split, out.splitlines())
    }
    store = Store.open(path)
    try:
        assert len(written) > 150
        assert store.load_report(rid).values == written
        targets = [edit.target for edit in reversed(store.history(rid))]
        assert sorted(targets) == sorted(written)
        switches = sum(_parity(a) != _parity(b) for a, b in pairwise(targets))
        assert switches > 2  # the two instances really wrote at the same time
    finally:
        store.close()


def _parity(cell: str) -> int:
    from tests.forms.store_child import COUNT_CELLS

    return COUNT_CELLS.index(cell) % 2


def test_lone_surrogates_are_dropped_not_a_crash(store: Store) -> None:
    """A lone surrogate (Qt paste, a "\\ud800" escape in an imported file) has no UTF-8
    form that SQLite could hold; it is invisible anyway, so it is left out."""
    report = Report(CURRENT, "西街\ud800办", 2022, {"s1.intro": "概\udc80述"})
    rid = store.add_report(report)
    assert store.load_report(rid).unit == "西街办"
    assert store.load_report(rid).texts == {"s1.intro": "概述"}
    assert store.find_report("西街\ud800办", 2022) == rid
    other = store.create_report("东街\udfff", 2023, CURRENT)
    store.save_text(other, "s6.other", "未收取\ud800信息处理费")
    store.set_unit_year(other, "南街\ud800", 2023)
    again = store.load_report(other)
    assert (again.unit, again.texts) == ("南街", {"s6.other": "未收取信息处理费"})
    assert store.history(other)[0].new == "南街"


def test_each_data_file_has_its_own_backups(tmp_path):
    clock = iter([datetime(2025, 1, 15, 10, 32, 5), datetime(2025, 1, 15, 11, 0, 0)])
    first = Store.open(tmp_path / "nianbao.db", now=lambda: next(clock))
    second = Store.open(tmp_path / "nianbao-old.db", now=lambda: datetime(2025, 1, 16, 9, 0))
    try:
        assert [b.name for b in first.backups()] == ["nianbao-20250115-103205.db"]
        assert [b.name for b in second.backups()] == ["nianbao-old-20250116-090000.db"]
        assert backups.made_at(first.backups()[0]) == datetime(2025, 1, 15, 10, 32, 5)
        assert backups.made_at(tmp_path / "backups" / "notes.db") is None
    finally:
        first.close()
        second.close()


def test_load_previous_is_the_same_units_year_before(store: Store) -> None:
    last = store.create_report("西街", 2022, CURRENT)
    store.save_value(last, "s3.carry_next.natural", 2)
    store.create_report("东街", 2023, CURRENT)
    previous = store.load_previous("西街", 2023)
    assert previous is not None
    assert (previous.unit, previous.year) == ("西街", 2022)
    assert previous.values == {"s3.carry_next.natural": 2}
    assert store.load_previous("东街", 2023) is None
    assert store.load_previous("西街", 2022) is None
