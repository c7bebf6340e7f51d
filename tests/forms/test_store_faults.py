"""forms/storage: damage SQLite cannot see, start-up faults, a small edit log, a
self-contained file (issue 9).

Faults are real where the machine allows: a full or read-only tmpfs (tests run as
root, to whom file modes deny nothing), a byte changed in the file itself, a second
connection holding the write lock. Only the leftover-copy age is simulated (mtime).
"""

import os
import shutil
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from forms.format.registry import CURRENT
from forms.storage import backups
from forms.storage.store import (
    ReportDamaged,
    Store,
    StoreDamaged,
    StoreReadOnly,
    StoreUnavailable,
)
from tests.forms.test_store import Clock, integrity

NEWER_FORM = "gov-info-disclosure-annual-report/2025"


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 3, 1, 9, 0, 0))


def two_reports(path: Path, clock: Clock) -> tuple[int, int]:
    """Store 西街 2023 (12345 in a cell, a text) and 东街 2023; return their ids."""
    store = Store.open(path, now=clock)
    west = store.create_report("西街街道办事处", 2023, CURRENT)
    store.save_value(west, "s3.new.natural", 12345)
    store.save_text(west, "s1.intro", "甲乙丙丁")
    east = store.create_report("东街街道办事处", 2023, CURRENT)
    store.save_value(east, "s3.new.natural", 7)
    store.close()
    return west, east


def change_byte(path: Path, find: bytes, replace: bytes) -> None:
    """Change the stored bytes `find` to `replace` where the file holds them (the value
    and its edit log row), as a bad sector or a careless tool would."""
    data = path.read_bytes()
    assert find in data, find
    path.write_bytes(data.replace(find, replace))


@pytest.mark.parametrize(
    ("find", "replace", "reason"),
    [
        (b"12345", b"12\x0045", "数字已损坏"),  # a number
        ("甲乙丙丁".encode(), "甲乙丙丁".encode()[:-1] + b"\xff", "“一、总体情况”的文字已损坏"),
        (b"annual-report/2021", b"annual-report/2O21", "报告格式"),  # a form id
    ],
)
def test_a_changed_byte_marks_one_report_damaged_and_the_others_open(
    tmp_path, clock, find, replace, reason
):
    path = tmp_path / "nianbao.db"
    west, east = two_reports(path, clock)
    clock.at += timedelta(days=1)
    Store.open(path, now=clock).close()  # the day's backup holds both whole
    if find == b"annual-report/2021":
        _damage_form_id(path, west, replace)
    else:
        change_byte(path, find, replace)
    assert integrity(path) == "ok"  # SQLite's health check cannot see it
    store = Store.open(path, now=clock)
    try:
        listed = {e.id: e for e in store.list_reports()}
        damaged = [e for e in listed.values() if e.problem]
        assert len(damaged) == 1 and reason in damaged[0].problem
        hurt, whole = damaged[0].id, ({west, east} - {damaged[0].id}).pop()
        assert (listed[hurt].unit, listed[hurt].year) == (
            ("西街街道办事处", 2023) if hurt == west else ("东街街道办事处", 2023)
        )
        with pytest.raises(ReportDamaged, match="已损坏，无法打开"):
            store.load_report(hurt)
        before = {west: {"s3.new.natural": 12345}, east: {"s3.new.natural": 7}}
        assert store.load_report(whole).values == before[whole]
        offered = store.backup_holding(hurt)
        assert offered == store.backups()[0]
        store.recover_report(hurt, offered)
        assert store.load_report(hurt).values == before[hurt]
        assert store.history(hurt, 1)[0].target == "recovered"
        assert store.load_report(west).texts == {"s1.intro": "甲乙丙丁"}
    finally:
        store.close()


def _damage_form_id(path: Path, report_id: int, replace: bytes) -> None:
    """The form id is in both reports' rows: change the bytes of the first found."""
    data = bytearray(path.read_bytes())
    at = data.find(b"annual-report/2021")
    data[at : at + len(replace)] = replace
    path.write_bytes(bytes(data))


def test_a_form_id_from_a_newer_version_asks_for_an_upgrade(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    west, east = two_reports(path, clock)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE reports SET form_id = ? WHERE id = ?", (NEWER_FORM, west))
    conn.close()
    store = Store.open(path, now=clock)
    try:
        entry = store.entry(west)
        assert "更新版本" in entry.problem and "升级" in entry.problem
        assert (entry.unit, entry.year) == ("西街街道办事处", 2023)
        with pytest.raises(ReportDamaged):
            store.load_report(west)
        assert store.load_report(east).values == {"s3.new.natural": 7}
    finally:
        store.close()


def test_an_emptied_data_file_with_good_backups_says_so(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    two_reports(path, clock)
    clock.at += timedelta(days=1)
    Store.open(path, now=clock).close()  # the day's backup holds both reports
    path.write_bytes(b"")
    Path(f"{path}-wal").unlink(missing_ok=True)
    with pytest.raises(StoreDamaged, match="数据文件是空的（0 字节）") as damaged:
        Store.open(path, now=clock)
    assert damaged.value.empty and damaged.value.backups
    assert path.stat().st_size == 0  # nothing written over it
    backups.restore(path, damaged.value.backups[0], now=clock)
    store = Store.open(path, now=clock)
    try:
        assert len(store.list_reports()) == 2
    finally:
        store.close()


def test_an_empty_file_whose_backups_hold_no_report_starts_empty(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    Store.open(path, now=clock).close()  # a backup of the new, empty file
    path.write_bytes(b"")
    Store.open(path, now=clock).close()


# ── start-up faults ──────────────────────────────────────────────────────────


def test_a_folder_given_as_the_data_file_is_named(tmp_path):
    with pytest.raises(StoreUnavailable, match="是一个文件夹，不是文件") as refused:
        Store.open(tmp_path)
    assert not refused.value.readable


def test_a_data_folder_that_cannot_be_made_is_named(tmp_path):
    (tmp_path / "blocker").write_text("x")
    with pytest.raises(StoreUnavailable, match="无法创建数据文件夹") as refused:
        Store.open(tmp_path / "blocker" / "nianbao" / "nianbao.db")
    assert "--db" in str(refused.value)


def test_a_read_only_folder_opens_read_only_with_every_report(read_only_tmpfs, clock):
    folder, make_read_only = read_only_tmpfs
    path = folder / "nianbao.db"
    west, _ = two_reports(path, clock)
    make_read_only()
    clock.at += timedelta(days=1)  # a backup would be due
    with pytest.raises(StoreUnavailable, match="只读") as refused:
        Store.open(path, now=clock)
    assert refused.value.readable
    assert "所在位置是只读的" in str(refused.value)
    store = Store.open_read_only(path, now=clock)
    try:
        assert store.load_report(west).values == {"s3.new.natural": 12345}
        with pytest.raises(StoreReadOnly, match="只读方式打开"):
            store.save_value(west, "s3.new.natural", 1)
        store.set_setting("font_size", 14)  # settings are quietly not kept
    finally:
        store.close()


def test_a_read_only_data_file_opens_read_only(tmp_path, clock):
    """A read-only bind mount of the one file (the folder stays writable)."""
    path = tmp_path / "nianbao.db"
    west, _ = two_reports(path, clock)
    bound = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if bound.returncode:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.decode().strip()}")
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True)
        assert done.returncode == 0, done.stderr
        with pytest.raises(StoreUnavailable, match="原因：数据文件是只读的") as refused:
            Store.open(path, now=clock)
        assert refused.value.readable
        with Store.open_read_only(path) as store:
            assert store.load_report(west).values == {"s3.new.natural": 12345}
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_another_program_holding_the_write_lock(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    west, _ = two_reports(path, clock)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock, as a stuck instance would
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="另一个程序") as refused:
            Store.open(path, now=clock)
        assert time.monotonic() - started >= 4  # it waited for the lock first
        assert refused.value.readable
        store = Store.open_read_only(path)
        assert store.load_report(west).values == {"s3.new.natural": 12345}
        store.close()
    finally:
        other.rollback()
        other.close()


def test_a_full_disk_names_the_cause_for_a_new_file(small_tmpfs):
    with pytest.raises(StoreUnavailable, match="磁盘已满") as refused:
        Store.open(small_tmpfs / "nianbao.db")
    assert not refused.value.readable


def test_no_room_for_the_days_backup_starts_and_leaves_no_partial_copy(disk_4m, clock):
    folder = disk_4m
    path = folder / "nianbao.db"
    west, _ = two_reports(path, clock)
    with Store.open(path, now=clock) as store:  # a file larger than the room left
        store.save_text(west, "s6.other", "年报" * 40_000)
    _fill(folder, leave=120_000)  # room for SQLite's -shm and -wal, not for a copy
    clock.at += timedelta(days=1)
    store = Store.open(path, now=clock)
    try:
        assert "今天的备份没有完成：磁盘已满" in store.backup_problem
        assert store.load_report(west).values == {"s3.new.natural": 12345}
    finally:
        store.close()
    assert list((folder / "backups").glob(".*partial")) == []


def _fill(folder: Path, leave: int) -> None:
    free = shutil.disk_usage(folder).free - leave
    with (folder / "filler").open("wb") as file:
        file.write(b"\0" * max(free, 0))


def test_backups_existing_as_a_file_is_named_and_the_data_opens(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    (tmp_path / "backups").write_text("not a folder")
    store = Store.open(path, now=clock)
    try:
        assert "同名文件占用" in store.backup_problem
        assert str(tmp_path / "backups") in store.backup_problem
        store.create_report("西街", 2023, CURRENT)
    finally:
        store.close()


def test_a_leftover_partial_copy_is_removed(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    Store.open(path, now=clock).close()
    old = tmp_path / "backups" / ".nianbao-20240101-090000.db.99.partial"
    young = tmp_path / "backups" / ".nianbao-20240301-090000.db.98.partial"
    for leftover in (old, young):
        leftover.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    Store.open(path, now=clock).close()
    assert not old.exists()
    assert young.exists()  # may be another instance's copy in progress


# ── the edit log and the WAL ─────────────────────────────────────────────────


def test_typing_key_by_key_logs_one_edit_per_field_per_pause(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    store = Store.open(path, now=clock)
    store.db.execute("PRAGMA synchronous = OFF")  # sizes are measured, not durability
    rid = store.create_report("西街", 2023, CURRENT)
    text = ""
    for n in range(2000):
        text += "政府信息公开"[n % 6]
        store.save_text(rid, "s1.intro", text)
    assert [(e.old, e.new) for e in store.history(rid)] == [(None, text)]
    clock.at += timedelta(minutes=5)  # the clerk paused
    store.save_text(rid, "s1.intro", text + "。")
    store.save_text(rid, "s5.problems", "无")
    store.save_text(rid, "s5.problems", "")  # typed and taken back: no change
    assert [e.new for e in store.history(rid)] == [text + "。", text]
    store.close()
    assert path.stat().st_size < 1024 * 1024


def test_a_whole_report_typed_key_by_key_stays_under_a_megabyte(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    store = Store.open(path, now=clock)
    store.db.execute("PRAGMA synchronous = OFF")  # sizes are measured, not durability
    rid = store.create_report("西街", 2023, CURRENT)
    for field in ("s1.intro", "s5.problems", "s5.improvements", "s6.other"):
        text = ""
        for n in range(1500):
            text += "本机关认真贯彻落实条例"[n % 11]
            store.save_text(rid, field, text)
            # a keystroke every 2 s, and a pause to think every 200 characters
            clock.at += timedelta(seconds=90 if n % 200 == 199 else 2)
    assert len(store.history(rid)) == 4 * 8
    store.close()
    size = path.stat().st_size + sum(f.stat().st_size for f in (tmp_path / "backups").iterdir())
    assert path.stat().st_size < 1024 * 1024, size


def test_a_quiet_period_folds_the_wal_into_the_file(tmp_path, clock):
    path = tmp_path / "nianbao.db"
    store = Store.open(path, now=clock)
    rid = store.create_report("西街", 2023, CURRENT)
    store.save_value(rid, "s3.new.natural", 5)
    assert Path(f"{path}-wal").stat().st_size > 0
    assert not store.checkpoint_if_quiet()  # just written: not quiet yet
    assert store.checkpoint_if_quiet(seconds=0)
    assert Path(f"{path}-wal").stat().st_size == 0
    copy = tmp_path / "usb" / "nianbao.db"
    copy.parent.mkdir()
    shutil.copyfile(path, copy)  # the file alone, as copied to a USB stick
    store.close()
    with Store.open(copy) as copied:
        assert copied.load_report(rid).values == {"s3.new.natural": 5}


def test_a_full_disk_with_data_opens_read_only_and_names_the_cause(disk_4m, clock):
    folder = disk_4m
    path = folder / "nianbao.db"
    west, _ = two_reports(path, clock)
    _fill(folder, leave=0)
    with pytest.raises(StoreUnavailable, match="原因：磁盘已满") as refused:
        Store.open(path, now=clock)
    assert refused.value.readable and "清理磁盘空间" in str(refused.value)
    with Store.open_read_only(path) as store:
        assert store.load_report(west).values == {"s3.new.natural": 12345}
