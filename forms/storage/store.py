"""Reports kept in one SQLite file: every edit committed the moment it is made.

The only module that imports `sqlite_utils`. The file lives in the per-user data folder
(`default_db_path`); it is checked read-only before anything writes to it, backed up
once a day beside itself (`forms/backups.py`), and its schema grows by numbered
migrations.
Several program instances may share the file (WAL, busy timeout, BEGIN IMMEDIATE).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import importlib
import importlib.util
import json
import os
import pkgutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

import forms.format
import forms.report
from forms.format.cells import cells, text_fields
from forms.format.registry import FORMS, form_by_id
from forms.format.spec import Form, Number
from forms.report.acknowledgements import counts as explained_counts
from forms.report.checks import check, tally
from forms.report.text import without_lone_surrogates as _storable
from forms.report.values import (
    MAX_TEXT,
    Acknowledgement,
    CellValue,
    NotApplicable,
    Report,
    too_large,
    too_large_message,
    value_text,
)
from forms.storage import backups
from forms.storage.damage import (
    UNREADABLE_UNIT,
    ReportDamaged,
    damaged_reports,
    decode,
    entry_problem,
    read_texts,
    read_values,
    readable_text,
)
from forms.storage.opening import (
    StoreDamaged,
    StoreUnavailable,
    check_health,
    check_place,
    unavailable,
)
from forms.storage.settings import Setting

# re-exported: callers catch them from the store
__all__ = ["ReportDamaged", "StoreDamaged", "StoreUnavailable"]

DRAFT, FINAL = "draft", "final"
_REPORT_COLUMNS = "id, unit, year, form_id, status, created, updated"

MIGRATIONS = Migrations("nianbao")
QUIET_SECONDS = 30  # after this long without a write, the WAL is folded into the file
PAUSE_SECONDS = 60  # keystrokes in one text field closer than this are one logged edit


@MIGRATIONS(name="0001_schema")
def _schema_v1(db: Database) -> None:
    """Create the first schema: reports, cell values, texts, edit log, settings."""
    for sql in (
        "CREATE TABLE reports (id INTEGER PRIMARY KEY, unit TEXT NOT NULL,"
        " year INTEGER NOT NULL, form_id TEXT NOT NULL, status TEXT NOT NULL"
        " CHECK (status IN ('draft', 'final')), created TEXT NOT NULL,"
        " updated TEXT NOT NULL, deleted_at TEXT)",
        # unit + year name a report; a deleted one no longer holds its name
        "CREATE UNIQUE INDEX reports_unit_year ON reports (unit, year) WHERE deleted_at IS NULL",
        # a blank cell has no row: blank is not 0
        "CREATE TABLE cell_values (report_id INTEGER NOT NULL REFERENCES reports (id),"
        " cell_id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (report_id, cell_id))",
        "CREATE TABLE texts (report_id INTEGER NOT NULL REFERENCES reports (id),"
        " field_id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (report_id, field_id))",
        "CREATE TABLE edits (id INTEGER PRIMARY KEY,"
        " report_id INTEGER NOT NULL REFERENCES reports (id), at TEXT NOT NULL,"
        " target TEXT NOT NULL, old TEXT, new TEXT)",
        "CREATE INDEX edits_report ON edits (report_id, id)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ):
        db.execute(sql)


# What changes a report's findings: its own cells and texts, and last year's report of
# the same unit. Counts kept for the report list are dropped by these triggers whatever
# code path writes, so the list never shows a stale count.
_FORGET_UNIT = (
    "DELETE FROM check_counts WHERE report_id IN (SELECT id FROM reports WHERE unit ="
    " (SELECT unit FROM reports WHERE id = {row}.report_id))"
)


@MIGRATIONS(name="0002_check_counts")
def _check_counts(db: Database) -> None:
    """Keep each report's numbers of errors and warnings, with the rules they came from."""
    db.execute(
        "CREATE TABLE check_counts (report_id INTEGER PRIMARY KEY REFERENCES reports (id),"
        " rules TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL)"
    )
    for table in ("cell_values", "texts"):
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_counts AFTER {event} ON {table}"
                f" BEGIN {_FORGET_UNIT.format(row=row)}; END"
            )
    # A report added, renamed, moved to another year or deleted changes which report is
    # last year's for the reports of its unit (before and after the change).
    forget = "DELETE FROM check_counts WHERE report_id IN (SELECT id FROM reports WHERE unit = {})"
    db.execute(
        "CREATE TRIGGER reports_insert_counts AFTER INSERT ON reports"
        f" BEGIN {forget.format('NEW.unit')}; END"
    )
    db.execute(
        "CREATE TRIGGER reports_update_counts AFTER UPDATE OF unit, year, form_id, deleted_at"
        f" ON reports BEGIN {forget.format('OLD.unit')}; {forget.format('NEW.unit')}; END"
    )


@cache
def rules_fingerprint() -> str:
    """Return a digest of the checks' code and of the formats: counts kept by another
    version of the program are worked out again."""
    digest = hashlib.sha256()
    for package in (forms.format, forms.report):
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            name = f"{package.__name__}.{info.name}"
            spec = importlib.util.find_spec(name)
            # The module's whole code: every function, cached or not, every class and
            # method, every constant (also from the bundle, whose loader has get_code).
            code = spec.loader.get_code(name) if spec and spec.loader else None
            digest.update(_code_text(code).encode() if code else name.encode())
    for form_id in sorted(FORMS):
        digest.update(repr(FORMS[form_id]).encode())
    return digest.hexdigest()[:16]


def _code_text(code: CodeType) -> str:
    """Return a function's bytecode, names and constants as text that is the same in
    every process (a frozenset constant is listed sorted, not in hash order)."""
    parts = [code.co_code.hex(), repr(code.co_names)]
    for const in code.co_consts:
        if isinstance(const, CodeType):
            parts.append(_code_text(const))
        elif isinstance(const, frozenset):
            parts.append(repr(sorted(map(repr, const))))
        else:
            parts.append(repr(const))
    return "|".join(parts)


@MIGRATIONS(name="0003_report_date")
def _report_date(db: Database) -> None:
    """Add the 成文日期 of the 落款 (ISO date; NULL: the day of export)."""
    db.execute("ALTER TABLE reports ADD COLUMN date TEXT")


@MIGRATIONS(name="0004_cell_drafts")
def _cell_drafts(db: Database) -> None:
    """Add drafts: the text being typed into a cell, kept at each keystroke until the
    value is stored (or dropped), so that a crash loses nothing typed."""
    db.execute(
        "CREATE TABLE cell_drafts (report_id INTEGER NOT NULL REFERENCES reports (id),"
        " cell_id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (report_id, cell_id))"
    )


class ReportHasErrors(Exception):
    """定稿 was asked for a report that still has errors."""

    def __init__(self, errors: int) -> None:
        super().__init__(f"还有 {errors} 个错误，改正后才能定稿")
        self.errors = errors


@MIGRATIONS(name="0005_acknowledgements")
def _acknowledgements(db: Database) -> None:
    """Add the warnings explained (出错说明): one row per finding, by its rule and cells."""
    db.execute(
        "CREATE TABLE acknowledgements (report_id INTEGER NOT NULL REFERENCES reports (id),"
        " code TEXT NOT NULL, cells TEXT NOT NULL, cell_values TEXT NOT NULL,"
        " note TEXT NOT NULL, who TEXT NOT NULL, at TEXT NOT NULL,"
        " PRIMARY KEY (report_id, code, cells))"
    )


class StoreReadOnly(sqlite3.OperationalError):
    """A write to a store opened read-only; nothing was changed."""

    errno = errno.EROFS  # what editing.save_problem reads as "cannot be written"

    def __init__(self) -> None:
        super().__init__(
            "数据文件是以只读方式打开的，这次修改没有保存。请按启动时的提示处理后重新打开年报助手。"
        )


class ReportExists(Exception):
    """Another report (not deleted) already has this unit and year."""

    def __init__(self, unit: str, year: int) -> None:
        super().__init__(f"{unit} {year} 年的报告已经存在")
        self.unit = unit
        self.year = year


@dataclass(frozen=True)
class ReportEntry:
    """A report as listed: who, which year, which format, how far along."""

    id: int
    unit: str
    year: int
    form_id: str
    status: str
    created: str
    updated: str
    problem: str | None = None  # why the report cannot be read; None when it can


@dataclass(frozen=True)
class Edit:
    """One logged change; old/new None means blank (or not written)."""

    id: int
    report_id: int
    at: str
    target: str  # a cell id, a text field id, "status", "unit", "year" or "date"
    old: str | None
    new: str | None


def default_db_path() -> Path:
    """Return the data file: $NIANBAO_DB, else the platform's per-user data folder."""
    if env := os.environ.get("NIANBAO_DB"):
        return Path(env)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or "~"
        return Path(base).expanduser() / "nianbao" / "nianbao.db"
    base = os.environ.get("XDG_DATA_HOME") or "~/.local/share"
    return Path(base).expanduser() / "nianbao" / "nianbao.db"


def stored_setting(path: Path, key: Setting, default: Any = None) -> Any:
    """Return a setting of the data file at `path`, read without writing to it;
    `default` when the file, the setting or the file's health is missing."""
    if not path.is_file():
        return default
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default
    except (sqlite3.Error, ValueError, TypeError):  # unreadable, damaged: the default
        return default


class Store:
    """The reports of one data file; each save is one durable transaction."""

    def __init__(
        self, path: Path, db: Database, now: Callable[[], datetime], read_only: bool = False
    ) -> None:
        self.path = path
        self.db = db
        self._now = now
        self.read_only = read_only
        self.backup_problem: str | None = None  # why today's backup failed, if it did
        self._read_ok: set[int] = set()  # reports whose stored rows were all read whole
        self._last_write = time.monotonic()
        self._unfolded = False  # writes since the last checkpoint

    @classmethod
    def open(cls, path: Path, *, now: Callable[[], datetime] = datetime.now) -> Store:
        """Open (or create) the data file; StoreDamaged when it cannot be trusted,
        StoreUnavailable (with the reason and what to do) when it cannot be written."""
        path = Path(path)
        check_place(path)
        try:
            check_health(path)
            db = Database(path)
        except (sqlite3.OperationalError, OSError) as error:
            raise unavailable(path, error) from error
        try:
            for pragma in ("busy_timeout = 5000", "journal_mode = WAL", "synchronous = FULL"):
                db.execute(f"PRAGMA {pragma}")
            db.execute("PRAGMA foreign_keys = ON")
            store = cls(path, db, now)
            with store._write():
                MIGRATIONS.apply(db)
                # a write that changes nothing: SQLite opens a read-only file without
                # complaint and BEGIN IMMEDIATE passes; this fails there, at start-up
                version = db.execute("PRAGMA user_version").fetchone()[0]
                db.execute(f"PRAGMA user_version = {int(version)}")
        except (sqlite3.OperationalError, OSError) as error:
            db.close()
            raise unavailable(path, error) from error
        except BaseException:
            db.close()
            raise
        store._back_up_quietly()
        return store

    @classmethod
    def open_read_only(cls, path: Path, *, now: Callable[[], datetime] = datetime.now) -> Store:
        """Open the data file for reading only (a read-only folder, another program
        writing, a full disk); StoreUnavailable when even that is impossible."""
        path = Path(path)
        # immutable: a read-only folder where SQLite cannot make its -shm file
        for query in ("mode=ro", "mode=ro&immutable=1"):
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
            try:
                conn.execute("PRAGMA busy_timeout = 5000")
                conn.execute("SELECT count(*) FROM reports").fetchone()
            except sqlite3.Error:
                conn.close()
                continue
            return cls(path, Database(conn), now, read_only=True)
        raise StoreUnavailable(f"无法读取数据文件 {path}。请联系技术人员。", readable=False)

    def _back_up_quietly(self) -> None:
        """Make the day's backup; a failure is kept in `backup_problem`, never fatal."""
        backups.remove_leftovers(self.path, time.time())
        try:
            self.backup_if_due()
        except backups.BackupFailed as failed:
            self.backup_problem = str(failed)

    def close(self) -> None:
        """Fold the WAL into the data file and close it; the Store is unusable afterwards."""
        self.checkpoint()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def checkpoint(self) -> bool:
        """Fold the WAL into the data file, so that the file alone holds every edit;
        return False when another instance is reading and it must wait."""
        if self.read_only:
            return False
        try:
            busy = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error:
            return False
        self._unfolded = self._unfolded and bool(busy)
        return not busy

    def checkpoint_if_quiet(self, seconds: float = QUIET_SECONDS) -> bool:
        """Checkpoint when there were writes and none for `seconds`; return True if done."""
        if not self._unfolded or time.monotonic() - self._last_write < seconds:
            return False
        return self.checkpoint()

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """Run one write transaction, holding the write lock from its start.

        BEGIN IMMEDIATE lets the busy timeout wait for another instance; a deferred
        BEGIN would fail at once when a read turns into a write.
        """
        if self.read_only:
            raise StoreReadOnly()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            with self.db.atomic():
                yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()
        self._last_write, self._unfolded = time.monotonic(), True

    def _stamp(self) -> str:
        """Return the current time as stored: ISO 8601 to the second."""
        return self._now().isoformat(timespec="seconds")

    def _rows(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        """Return the rows of a query."""
        return self._read(lambda: list(self.db.query(sql, params)))

    def _read(self, query: Callable[[], Any]) -> Any:
        """Return what `query` reads; stored text that is not UTF-8 (a damaged byte)
        is read again as lone surrogates, which damage.readable_text refuses (decoding
        every text in Python would make each listing slower)."""
        try:
            return query()
        except sqlite3.OperationalError as error:
            if "decode" not in str(error):
                raise
        self.db.conn.text_factory = decode
        try:
            return query()
        finally:
            self.db.conn.text_factory = str

    # ── reports ──────────────────────────────────────────────────────────────

    def _check_free(self, unit: str, year: int, other_than: int = 0) -> None:
        """Raise ReportExists when a live report other than `other_than` has unit+year."""
        found = self.find_report(unit, year)
        if found is not None and found != other_than:
            raise ReportExists(unit, year)

    def _insert_report(self, unit: str, year: int, form_id: str, status: str) -> int:
        """Insert a report row (inside a transaction) and return its id."""
        unit = _storable(unit)
        self._check_free(unit, year)
        at = self._stamp()
        cursor = self.db.execute(
            "INSERT INTO reports (unit, year, form_id, status, created, updated)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (unit, year, form_id, status, at, at),
        )
        return int(cursor.lastrowid or 0)

    def create_report(self, unit: str, year: int, form: Form) -> int:
        """Create an empty draft report and return its id; ReportExists when taken."""
        with self._write():
            return self._insert_report(unit, year, form.id, DRAFT)

    def add_report(self, report: Report, status: str = DRAFT) -> int:
        """Store a whole report (an import) in one transaction and return its id."""
        texts = {cid: self._cell_text(report.form, cid, v) for cid, v in report.values.items()}
        with self._write():
            rid = self._insert_report(report.unit, report.year, report.form.id, status)
            if report.date is not None:
                self.db.execute(
                    "UPDATE reports SET date = ? WHERE id = ?", (report.date.isoformat(), rid)
                )
            for cid, text in texts.items():
                self._put("cell_values", "cell_id", rid, cid, text)
            for fid, text in report.texts.items():
                self._put("texts", "field_id", rid, fid, _storable(text) or None)
            self._put_acknowledgements(rid, report.acknowledgements)
            return rid

    def find_report(self, unit: str, year: int) -> int | None:
        """Return the id of the live report for unit+year; None when there is none."""
        rows = self._rows(
            "SELECT id FROM reports WHERE unit = ? AND year = ? AND deleted_at IS NULL",
            (_storable(unit), year),
        )
        return rows[0]["id"] if rows else None

    def check_counts(self, report_id: int) -> tuple[int, int]:
        """Return the report's numbers of errors and of open (not explained) warnings,
        checked with last year's report, kept in the file until the report, its 说明 or
        last year's report changes."""
        return self.all_check_counts([report_id])[report_id]

    def all_check_counts(self, report_ids: list[int]) -> dict[int, tuple[int, int]]:
        """Return `check_counts` of several reports, the kept ones read in one query."""
        rules = rules_fingerprint()
        kept = {
            row["report_id"]: (row["errors"], row["warnings"])
            for row in self._rows(
                "SELECT report_id, errors, warnings FROM check_counts WHERE rules = ?", (rules,)
            )
        }
        counted = {rid: self._count(rid) for rid in report_ids if rid not in kept}
        if counted and not self.read_only:  # kept in one transaction (one fsync)
            with self._write():
                self.db.conn.executemany(
                    "INSERT OR REPLACE INTO check_counts (report_id, rules, errors, warnings)"
                    " VALUES (?, ?, ?, ?)",
                    [(rid, rules, *counts) for rid, counts in counted.items()],
                )
        return {rid: kept.get(rid) or counted[rid] for rid in report_ids}

    def _count(self, report_id: int) -> tuple[int, int]:
        """Check a report with last year's and return its numbers of errors and
        warnings; ReportDamaged when it cannot be read."""
        report = self.load_report(report_id)
        counted = explained_counts(
            report, check(report, self.load_previous(report.unit, report.year))
        )
        return counted.errors, counted.open_warnings  # an explained warning asks for nothing

    def load_previous(self, unit: str, year: int) -> Report | None:
        """Return the report of `unit` for the year before `year`; None when there is
        none or it is damaged."""
        previous_id = self.find_report(unit, year - 1)
        if previous_id is None:
            return None
        try:
            return self.load_report(previous_id)
        except ReportDamaged:  # listed as damaged; this year's report still opens
            return None

    def _entries(self, deleted: bool) -> list[ReportEntry]:
        """Return live or deleted reports, most recently updated first."""
        where = "IS NOT NULL" if deleted else "IS NULL"
        rows = self._rows(
            f"SELECT {_REPORT_COLUMNS} FROM reports WHERE deleted_at {where}"
            " ORDER BY updated DESC, id DESC"
        )
        entries = [_entry(row) for row in rows]
        unread = {e.id: e.form_id for e in entries if not e.problem and e.id not in self._read_ok}
        damaged = self._damaged(unread)
        # what this program writes reads back: a report read whole once needs no second look
        self._read_ok.update(unread.keys() - damaged)
        # the message of a damaged report comes from reading it
        return [replace(e, problem=self.damage(e.id)) if e.id in damaged else e for e in entries]

    def _damaged(self, forms: dict[int, str]) -> set[int]:
        """Return which of the reports (id → form id) hold a row that does not read."""
        if not forms:
            return set()
        ids = ",".join(str(int(rid)) for rid in forms)
        rows = [
            self._read(lambda sql=sql: self.db.conn.execute(sql).fetchall())
            for sql in (
                f"SELECT report_id, cell_id, text FROM cell_values WHERE report_id IN ({ids})",
                f"SELECT report_id, field_id, text FROM texts WHERE report_id IN ({ids})",
            )
        ]
        return damaged_reports(forms, *rows)

    def list_reports(self) -> list[ReportEntry]:
        """Return the reports not deleted, most recently updated first; a report that
        cannot be read is listed with its `problem`."""
        return self._entries(deleted=False)

    def deleted_reports(self) -> list[ReportEntry]:
        """Return the deleted (recoverable) reports, most recently updated first."""
        return self._entries(deleted=True)

    def entry(self, report_id: int) -> ReportEntry:
        """Return the listing of one report (deleted or not); KeyError when unknown."""
        rows = self._rows(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise KeyError(report_id)
        return _entry(rows[0])

    def _form(self, report_id: int) -> Form:
        """Return the format a report is filled under."""
        return form_by_id(self.entry(report_id).form_id)

    def load_report(self, report_id: int) -> Report:
        """Return the report with its texts and values; blank cells are absent.
        ReportDamaged when a stored row does not read as the program wrote it."""
        entry = self.entry(report_id)
        if entry.problem:
            raise ReportDamaged(report_id, entry.unit, entry.year or None, entry.problem)
        try:
            values = read_values(entry.form_id, self._rows(_VALUES, (report_id,)))
            texts = read_texts(entry.form_id, self._rows(_TEXTS, (report_id,)))
            day = self._date(report_id)
        except ValueError as problem:
            raise ReportDamaged(report_id, entry.unit, entry.year, str(problem)) from None
        report = Report(form_by_id(entry.form_id), entry.unit, entry.year, texts, values)
        report.date = day
        report.acknowledgements = self._acknowledgements(report_id)
        return report

    def damage(self, report_id: int) -> str | None:
        """Return why a report cannot be read; None when it reads as written."""
        try:
            self.load_report(report_id)
        except ReportDamaged as damaged:
            return damaged.reason
        return None

    def backup_holding(self, report_id: int) -> Path | None:
        """Return the newest backup from which the report reads whole; None if none."""
        for backup in self.backups():
            try:
                with contextlib.closing(Store.open_read_only(backup)) as old:
                    old.load_report(report_id)
            except (StoreUnavailable, ReportDamaged, KeyError, sqlite3.Error):
                continue
            return backup
        return None

    def recover_report(self, report_id: int, backup: Path) -> None:
        """Put the report as `backup` holds it in place of its damaged rows, in one
        transaction; the other reports are left as they are."""
        with contextlib.closing(Store.open_read_only(backup)) as old:
            entry, report = old.entry(report_id), old.load_report(report_id)
        texts = {c: self._cell_text(report.form, c, v) for c, v in report.values.items()}
        with self._write():
            self._check_free(entry.unit, entry.year, other_than=report_id)
            self.db.execute(
                "UPDATE reports SET unit = ?, year = ?, form_id = ?, status = ? WHERE id = ?",
                (entry.unit, entry.year, entry.form_id, entry.status, report_id),
            )
            for table in ("cell_values", "texts"):
                self.db.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))
            for cid, text in texts.items():
                self._put("cell_values", "cell_id", report_id, cid, text)
            for fid, text in report.texts.items():
                self._put("texts", "field_id", report_id, fid, text or None)
            self.db.execute(
                "UPDATE reports SET date = ? WHERE id = ?",
                (report.date.isoformat() if report.date else None, report_id),
            )
            self._log(report_id, "recovered", None, backup.name)

    def _date(self, report_id: int) -> date | None:
        """Return the report's 成文日期; None when not set (the day of export);
        ValueError when the stored date is damaged."""
        rows = self._rows("SELECT date FROM reports WHERE id = ?", (report_id,))
        stored = rows[0]["date"] if rows else None
        if not stored:
            return None
        try:
            return date.fromisoformat(stored)
        except (TypeError, ValueError):
            raise ValueError("成文日期已损坏") from None

    def set_date(self, report_id: int, day: date | None) -> None:
        """Set the 成文日期 of the 落款 (None: the day of export), with its log row."""
        old = self._date(report_id)
        new = day.isoformat() if day else None
        with self._write():
            self.db.execute("UPDATE reports SET date = ? WHERE id = ?", (new, report_id))
            self._log(report_id, "date", old.isoformat() if old else None, new)

    # ── warnings explained ───────────────────────────────────────────────────

    def _acknowledgements(self, report_id: int) -> list[Acknowledgement]:
        """Return the stored explanations of a report's warnings, oldest first."""
        rows = self._rows(
            "SELECT code, cells, cell_values, note, who, at FROM acknowledgements"
            " WHERE report_id = ? ORDER BY at, rowid",
            (report_id,),
        )
        made = []
        for r in rows:
            try:
                cells_, values = json.loads(r["cells"]), json.loads(r["cell_values"])
                fields = (r["code"], r["note"], r["who"], r["at"])
                if not all(isinstance(f, str) for f in fields) or len(cells_) != len(values):
                    raise ValueError(r)
            except (ValueError, TypeError):
                continue  # a damaged 说明 is dropped: its warning shows open, nothing is hidden
            made.append(Acknowledgement(r["code"], tuple(cells_), tuple(values), *fields[1:]))
        return made

    def _put_acknowledgements(self, report_id: int, made: list[Acknowledgement]) -> None:
        """Replace a report's explanations (inside a transaction); its kept counts of open
        warnings are worked out again."""
        self.db.execute("DELETE FROM acknowledgements WHERE report_id = ?", (report_id,))
        self.db.execute("DELETE FROM check_counts WHERE report_id = ?", (report_id,))
        for a in made:
            self.db.execute(
                "INSERT OR REPLACE INTO acknowledgements"
                " (report_id, code, cells, cell_values, note, who, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    report_id,
                    a.code,
                    json.dumps(list(a.cells)),
                    json.dumps([_storable(v) if v else v for v in a.values], ensure_ascii=False),
                    _storable(a.note),
                    _storable(a.who),
                    a.at,
                ),
            )

    def save_acknowledgements(self, report_id: int, made: list[Acknowledgement]) -> None:
        """Store the explanations of a report's warnings in place of the earlier ones."""
        self.entry(report_id)
        with self._write():
            self._put_acknowledgements(report_id, made)

    def now(self) -> str:
        """Return the current time as the store writes it (ISO 8601, to the second)."""
        return self._stamp()

    # ── edits ────────────────────────────────────────────────────────────────

    def _put(self, table: str, key: str, rid: int, target: str, new: str | None) -> str | None:
        """Set one value or text row (None deletes it) and return the old text."""
        rows = self._rows(
            f"SELECT text FROM {table} WHERE report_id = ? AND {key} = ?", (rid, target)
        )
        old = rows[0]["text"] if rows else None
        if new is None:
            self.db.execute(f"DELETE FROM {table} WHERE report_id = ? AND {key} = ?", (rid, target))
        elif new != old:
            self.db.execute(
                f"INSERT OR REPLACE INTO {table} (report_id, {key}, text) VALUES (?, ?, ?)",
                (rid, target, new),
            )
        return old

    def _log(
        self, rid: int, target: str, old: str | None, new: str | None, coalesce: bool = False
    ) -> None:
        """Log one change and touch the report's updated time; no-op when unchanged.
        With `coalesce`, a change to the field the last logged edit changed less than
        PAUSE_SECONDS ago extends that edit (keystrokes in one field are one edit)."""
        if old == new:
            return
        at = self._stamp()
        self.db.execute("UPDATE reports SET updated = ? WHERE id = ?", (at, rid))
        if coalesce and self._extend_last_edit(rid, target, new, at):
            return
        self.db.execute(
            "INSERT INTO edits (report_id, at, target, old, new) VALUES (?, ?, ?, ?, ?)",
            (rid, at, target, old, new),
        )

    def _extend_last_edit(self, rid: int, target: str, new: str | None, at: str) -> bool:
        """Make the report's last edit end at `new` when it changed `target` within the
        pause; return False when a new edit must be logged."""
        rows = self._rows(
            "SELECT id, at, target, old FROM edits WHERE report_id = ? ORDER BY id DESC LIMIT 1",
            (rid,),
        )
        if not rows or rows[0]["target"] != target:
            return False
        try:
            since = self._now() - datetime.fromisoformat(rows[0]["at"])
        except (TypeError, ValueError):
            return False
        if not 0 <= since.total_seconds() < PAUSE_SECONDS:
            return False
        if rows[0]["old"] == new:  # typed and taken back: no change at all
            self.db.execute("DELETE FROM edits WHERE id = ?", (rows[0]["id"],))
        else:
            self.db.execute(
                "UPDATE edits SET at = ?, new = ? WHERE id = ?", (at, new, rows[0]["id"])
            )
        return True

    def _cell_text(self, form: Form, cell_id: str, value: CellValue | None) -> str | None:
        """Return the stored text of a value for a cell; KeyError/TypeError when unfit."""
        number = cells(form)[cell_id].number
        if value is None:
            return None
        fits = int if number is Number.COUNT else (int, Decimal)
        if isinstance(value, bool) or not isinstance(value, (fits, NotApplicable)):
            raise TypeError(f"{cell_id}: {value!r}")
        if too_large(value, number) or len(value_text(value)) > MAX_TEXT:
            raise ValueError(f"{cell_id}: {too_large_message(number)}")
        return value_text(value)

    def save_value(self, report_id: int, cell_id: str, value: CellValue | None) -> None:
        """Store one cell (None = blank) with its log row, in one transaction."""
        self.save_values(report_id, {cell_id: value})

    def save_values(self, report_id: int, values: dict[str, CellValue | None]) -> None:
        """Store several cells (a paste, 'fill blanks with 0') in one transaction."""
        form = self._form(report_id)
        texts = {cid: self._cell_text(form, cid, value) for cid, value in values.items()}
        with self._write():
            for cid, new in texts.items():
                self._log(
                    report_id, cid, self._put("cell_values", "cell_id", report_id, cid, new), new
                )
                self._drop_draft(report_id, cid)

    def save_text(self, report_id: int, field_id: str, text: str) -> None:
        """Store one text field ("" = not written) with its log row, in one transaction."""
        form = self._form(report_id)
        if field_id not in text_fields(form):
            raise KeyError(field_id)
        with self._write():
            new = _storable(text) or None
            old = self._put("texts", "field_id", report_id, field_id, new)
            self._log(report_id, field_id, old, new, coalesce=True)

    def save_draft(self, report_id: int, cell_id: str, text: str | None) -> None:
        """Keep the text being typed into a cell (None drops it); not logged: it is not
        a value until the clerk confirms it."""
        if cell_id not in cells(self._form(report_id)):
            raise KeyError(cell_id)
        with self._write():
            if text:
                self.db.execute(
                    "INSERT OR REPLACE INTO cell_drafts (report_id, cell_id, text)"
                    " VALUES (?, ?, ?)",
                    (report_id, cell_id, _storable(text)),
                )
            else:
                self._drop_draft(report_id, cell_id)

    def _drop_draft(self, report_id: int, cell_id: str) -> None:
        self.db.execute(
            "DELETE FROM cell_drafts WHERE report_id = ? AND cell_id = ?", (report_id, cell_id)
        )

    def drafts(self, report_id: int) -> dict[str, str]:
        """Return the texts left typed into cells and not confirmed, by cell id."""
        rows = self._rows("SELECT cell_id, text FROM cell_drafts WHERE report_id = ?", (report_id,))
        known = cells(self._form(report_id))
        # a damaged draft is dropped: it was never a stored value
        return {
            row["cell_id"]: row["text"]
            for row in rows
            if readable_text(row["cell_id"])
            and row["cell_id"] in known
            and readable_text(row["text"])
        }

    def set_unit_year(self, report_id: int, unit: str, year: int) -> None:
        """Rename a report's unit and year; ReportExists when another report has them."""
        old, unit = self.entry(report_id), _storable(unit)
        with self._write():
            self._check_free(unit, year, other_than=report_id)
            self.db.execute(
                "UPDATE reports SET unit = ?, year = ? WHERE id = ?", (unit, year, report_id)
            )
            self._log(report_id, "unit", old.unit, unit)
            self._log(report_id, "year", str(old.year), str(year))

    def set_status(self, report_id: int, status: str) -> None:
        """Mark a report draft or final; ValueError for any other status, ReportHasErrors
        for final while the report has errors."""
        if status not in (DRAFT, FINAL):
            raise ValueError(status)
        old = self.entry(report_id).status
        if status == FINAL:
            report = self.load_report(report_id)
            found = check(report, self.load_previous(report.unit, report.year))
            if errors := tally(found).errors:
                raise ReportHasErrors(errors)
        with self._write():
            self.db.execute("UPDATE reports SET status = ? WHERE id = ?", (status, report_id))
            self._log(report_id, "status", old, status)

    def delete_report(self, report_id: int) -> None:
        """Move a report to the deleted list; `restore_report` brings it back."""
        self.entry(report_id)
        with self._write():
            self.db.execute(
                "UPDATE reports SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (self._stamp(), report_id),
            )

    def restore_report(self, report_id: int) -> None:
        """Bring back a deleted report; ReportExists when its unit+year was taken meanwhile."""
        entry = self.entry(report_id)
        with self._write():
            self._check_free(entry.unit, entry.year, other_than=report_id)
            self.db.execute("UPDATE reports SET deleted_at = NULL WHERE id = ?", (report_id,))

    def history(self, report_id: int, limit: int | None = None) -> list[Edit]:
        """Return a report's logged changes, newest first; all when `limit` is None."""
        rows = self._rows(
            "SELECT id, report_id, at, target, old, new FROM edits WHERE report_id = ?"
            " ORDER BY id DESC LIMIT ?",
            (report_id, -1 if limit is None else limit),
        )
        return [Edit(**row) for row in rows]

    # ── settings ─────────────────────────────────────────────────────────────

    def setting(self, key: Setting, default: Any = None) -> Any:
        """Return a stored setting; `default` when it was never set."""
        rows = self._rows("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0]["value"]) if rows else default

    def set_setting(self, key: Setting, value: Any) -> None:
        """Store a setting as JSON; not stored (and no error) when opened read-only."""
        if self.read_only:
            return
        with self._write():
            self.db.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    # ── backups ──────────────────────────────────────────────────────────────

    def backups(self) -> list[Path]:
        """Return the backup files, newest first."""
        return backups.of(self.path)

    def backup_if_due(self) -> Path | None:
        """Back up when no backup was made today; return the new file or None."""
        made = [t for t in (backups.made_at(b) for b in self.backups()) if t is not None]
        if made and max(made).date() >= self._now().date():
            return None
        return self.backup_now()

    def backup_now(self) -> Path:
        """Copy the file through SQLite's backup API, keep the newest 14, return the copy;
        backups.BackupFailed with the reason when it cannot."""
        return backups.write(self.db.conn, self.path, self._now())


_VALUES = "SELECT cell_id, text FROM cell_values WHERE report_id = ?"
_TEXTS = "SELECT field_id, text FROM texts WHERE report_id = ?"


def _entry(row: dict[str, Any]) -> ReportEntry:
    """Return a report's listing; a damaged row is listed with its problem, and with
    its unit and year where they are readable."""
    problem = entry_problem(row)
    unit = row["unit"] if readable_text(row["unit"]) else UNREADABLE_UNIT
    year = row["year"] if type(row["year"]) is int else 0
    text = {
        k: row[k] if readable_text(row[k]) else ""
        for k in ("form_id", "status", "created", "updated")
    }
    return ReportEntry(row["id"], unit, year, problem=problem, **text)
