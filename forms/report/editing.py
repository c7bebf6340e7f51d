"""One report being edited, for every client (the window, scripts, tests): every change
is stored first and only then applied to the report in memory, checked again, and
kept as a step that can be undone.

A change the store refuses (a full disk, a data file locked by another program) leaves
the report in memory as it was, so nothing can show or export a value the file does not
hold; the change is kept as unsaved, said in Chinese with what to do (`SaveFailed`), and
tried again before the next change. The text of a cell being typed is stored as a draft
at each keystroke (a crash keeps it); the next start shows it, still to be confirmed.

The store is anything with the methods of `ReportStore` (forms/storage/store.Store).
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from forms.format.cells import section_of
from forms.format.spec import Section
from forms.report import acknowledgements
from forms.report.carry import carry_over
from forms.report.checks import Finding, Tally, check, tally
from forms.report.totals import resolve
from forms.report.values import Acknowledgement, CellValue, Report

Values = dict[str, CellValue | None]


class Status(StrEnum):
    """How far along a report is: 草稿 (editable) or 定稿 (read-only)."""

    DRAFT = "draft"
    FINAL = "final"


class ReportEntryLike(Protocol):
    status: str


class ReportStore(Protocol):
    """What the editor needs of a store: reading, storing each kind of change, drafts."""

    def load_report(self, report_id: int) -> Report: ...
    def load_previous(self, unit: str, year: int) -> Report | None: ...
    def entry(self, report_id: int) -> ReportEntryLike: ...
    def save_values(self, report_id: int, values: Values) -> None: ...
    def save_text(self, report_id: int, field_id: str, text: str) -> None: ...
    def set_unit_year(self, report_id: int, unit: str, year: int) -> None: ...
    def set_date(self, report_id: int, day: date | None) -> None: ...
    def set_status(self, report_id: int, status: str) -> None: ...
    def save_draft(self, report_id: int, cell_id: str, text: str | None) -> None: ...
    def drafts(self, report_id: int) -> dict[str, str]: ...
    def save_acknowledgements(self, report_id: int, made: list[Acknowledgement]) -> None: ...
    def now(self) -> str: ...


class SaveFailed(Exception):
    """A change could not be stored; the message says why and what to do, in Chinese."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(save_problem(cause))
        self.cause = cause


class FinalRefused(Exception):
    """定稿 was asked for a report that still has errors."""

    def __init__(self, errors: list[Finding]) -> None:
        super().__init__(f"还有 {len(errors)} 个错误，改正后才能定稿")
        self.errors = errors


def save_problem(cause: BaseException) -> str:
    """Return what the clerk reads when a save fails: the cause and what to do."""
    text = str(cause).lower()
    number = getattr(cause, "errno", None)
    if number in (errno.ENOSPC, errno.EDQUOT) or "full" in text:
        what = "磁盘已满。请删除不用的文件或清空回收站，腾出空间"
    elif "locked" in text or "busy" in text or number == errno.EBUSY:
        what = (
            "数据文件被其他程序占用。请关闭同时打开这个数据文件的程序"
            "（例如另一个年报助手窗口、备份或杀毒软件）"
        )
    elif number in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        what = "数据文件不能写入（只读或没有权限）。请检查文件和所在文件夹是否允许修改"
    elif "i/o" in text or number == errno.EIO:
        what = "读写磁盘出错。请检查 U 盘或网络盘是否仍然连接"
    else:
        what = f"{cause}。请检查磁盘和数据文件"
    return f"未能保存：{what}。{RETRIED}"


RETRIED = "您继续填写时程序会再次保存；保存成功之前不能导出 Word。"


# What a store raises when a write does not happen: the file system's and SQLite's errors.
STORE_ERRORS = (OSError, sqlite3.Error)


@dataclass
class Change:
    """One step the clerk can undo: cells and texts before and after."""

    description: str
    values: Values = field(default_factory=dict)  # after
    old_values: Values = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # after
    old_texts: dict[str, str] = field(default_factory=dict)

    def reversed(self) -> Change:
        """Return the change that undoes this one."""
        return Change(self.description, self.old_values, self.values, self.old_texts, self.texts)

    def only_text(self) -> str | None:
        """Return the field id when the change is of one text field alone; else None."""
        return next(iter(self.texts)) if not self.values and len(self.texts) == 1 else None


@dataclass(frozen=True)
class Changed:
    """What a call changed in the report: cell ids and text field ids (both empty when
    nothing changed)."""

    cells: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.cells or self.texts)

    def __or__(self, other: Changed) -> Changed:
        return Changed(self.cells + other.cells, self.texts + other.texts)


class ReportEditor:
    """The report open for editing, last year's report of the same unit, the findings,
    the undo steps, the drafts and the changes not yet stored."""

    def __init__(self, store: ReportStore, report_id: int) -> None:
        self.store = store
        self.report_id = report_id
        self.report: Report = store.load_report(report_id)
        self.previous: Report | None = store.load_previous(self.report.unit, self.report.year)
        self.drafts: dict[str, str] = dict(store.drafts(report_id))
        self.is_final = store.entry(report_id).status == Status.FINAL
        self.findings: list[Finding] = check(self.report, self.previous)
        # Every cell as shown (totals computed), worked out once per change for all views.
        self.shown: dict[str, CellValue | None] = resolve(self.report)
        self.unsaved: list[Change] = []  # refused by the store, tried again before the next
        self.unsaved_date: list[date | None] = []  # a 成文日期 refused, tried again likewise
        self.problem: str | None = None  # why the last save failed; None once all is stored
        self._done: list[Change] = []
        self._undone: list[Change] = []

    # ── what the report holds ────────────────────────────────────────────────

    @property
    def tally(self) -> Tally:
        """Return how many errors and warnings the report has."""
        return tally(self.findings)

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that block 定稿."""
        return [f for f in self.findings if f.is_error]

    def section_findings(self, section: Section) -> list[Finding]:
        """Return the findings whose first cell or field lies in `section`."""
        form = self.report.form
        return [f for f in self.findings if section_of(form, f.cells[0]) is section]

    @property
    def has_unsaved(self) -> bool:
        """Return True while a change (cells, texts or the 成文日期) is not stored."""
        return bool(self.unsaved or self.unsaved_date)

    @property
    def latest_date(self) -> date | None:
        """Return the 成文日期 last chosen, stored or not yet."""
        return self.unsaved_date[0] if self.unsaved_date else self.report.date

    def unsaved_value(self, cell_id: str) -> tuple[bool, CellValue | None]:
        """Return (True, value) when the latest change of `cell_id` is not stored yet
        (a change stored in part, e.g. its cells but not its texts, counts as stored)."""
        for change in reversed(self.unsaved):
            if cell_id in change.values:
                value = change.values[cell_id]
                stored = value == self.report.value(cell_id)
                return (False, None) if stored else (True, value)
        return False, None

    # ── changes ──────────────────────────────────────────────────────────────

    def set_values(
        self, values: Mapping[str, CellValue | None], description: str = "修改"
    ) -> Changed:
        """Store `values` (None = blank) as one undo step. Returns what changed (nothing
        when the report is 定稿 or the values are already there); SaveFailed when the
        store refused it (it is kept and tried again before the next change)."""
        old = {cid: self._latest_value(cid) for cid in values}
        if self.is_final or old == dict(values):
            return self.retry()
        return self._change(Change(description, dict(values), old))

    def set_text(self, field_id: str, text: str) -> Changed:
        """Store the text of a field; consecutive edits of one field are one undo step."""
        if self.is_final:
            return self.retry()
        pending = self.unsaved[-1] if self.unsaved else None
        if pending is not None and pending.only_text() == field_id:
            pending.texts[field_id] = text  # typing on while the store refuses: one change
            return self.retry()
        old = self._latest_text(field_id)
        if old == text:
            return self.retry()
        return self._change(Change("修改文字", texts={field_id: text}, old_texts={field_id: old}))

    def _latest_value(self, cell_id: str) -> CellValue | None:
        """Return the value the clerk last gave `cell_id`: that of the latest unsaved
        change holding it, else the stored one (what an undo of the next change restores)."""
        for change in reversed(self.unsaved):
            if cell_id in change.values:
                return change.values[cell_id]
        return self.report.value(cell_id)

    def _latest_text(self, field_id: str) -> str:
        """Return the text the clerk last gave `field_id` (unsaved or stored)."""
        for change in reversed(self.unsaved):
            if field_id in change.texts:
                return change.texts[field_id]
        return self.report.text(field_id)

    def carry_over(self) -> Changed:
        """Take 上年结转 and the starting texts from last year's report as one undo step;
        texts already written this year are kept. Nothing when there is no last year."""
        if self.previous is None or self.is_final:
            return Changed()
        carried = carry_over(self.previous)
        values = {c: v for c, v in carried.values.items() if self._latest_value(c) != v}
        texts = {
            f: t
            for f, t in carried.texts.items()
            if not self._latest_text(f).strip() and self._latest_text(f) != t
        }
        old_values = {c: self._latest_value(c) for c in values}
        old_texts = {f: self._latest_text(f) for f in texts}
        if not values and not texts:
            return Changed()
        return self._change(Change("从上年报告带入", values, old_values, texts, old_texts))

    def _change(self, change: Change) -> Changed:
        """Store any earlier unsaved changes, then this one; push it on the undo list."""
        self.unsaved.append(change)
        return self.retry()

    def retry(self) -> Changed:
        """Store the changes the store refused before, in order (storing a change again
        is harmless: the store writes only what differs). Returns what changed;
        SaveFailed (the refused changes kept) when the store refuses again."""
        if self.unsaved_date:
            self._store_date(self.unsaved_date[0])
            self.unsaved_date.clear()
        changed = Changed()
        while self.unsaved:
            change = self.unsaved[0]
            changed = changed | self._store(change)
            self.unsaved.pop(0)
            self._record(change)
        return changed

    def _record(self, change: Change) -> None:
        """Keep a stored change as an undo step; a text typed on merges with the last."""
        last = self._done[-1] if self._done else None
        field_id = change.only_text()
        if last is not None and field_id is not None and last.only_text() == field_id:
            last.texts[field_id] = change.texts[field_id]
        else:
            self._done.append(change)
        self._undone.clear()

    def _store(self, change: Change) -> Changed:
        """Store a change, then apply it in memory and check again; SaveFailed (memory
        untouched by the refused part) when the store refuses it."""
        changed = Changed()
        try:
            if change.values:
                self.store.save_values(self.report_id, change.values)
                self._apply_values(change.values)
                changed = changed | Changed(cells=tuple(change.values))
            for field_id, text in list(change.texts.items()):
                self.store.save_text(self.report_id, field_id, text)
                self.report.texts[field_id] = text
                changed = changed | Changed(texts=(field_id,))
        except STORE_ERRORS as cause:
            self._after_change()
            self.problem = save_problem(cause)
            raise SaveFailed(cause) from cause
        self.problem = None
        self._after_change()
        return changed

    def _apply_values(self, values: Values) -> None:
        for cid, value in values.items():
            if value is None:
                self.report.values.pop(cid, None)
            else:
                self.report.values[cid] = value
            self.drafts.pop(cid, None)  # the store drops a cell's draft with its value

    def _after_change(self) -> None:
        self.shown = resolve(self.report)
        self.findings = check(self.report, self.previous)

    # ── undo ─────────────────────────────────────────────────────────────────

    def can_undo(self) -> bool:
        return bool(self._done) and not self.is_final

    def can_redo(self) -> bool:
        return bool(self._undone) and not self.is_final

    def undo_text(self) -> str:
        """Return the description of the step Ctrl+Z would undo; "" when none."""
        return self._done[-1].description if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].description if self._undone else ""

    def undo(self) -> Changed:
        """Undo the last step (stored first); SaveFailed leaves the step where it was."""
        if not self.can_undo():
            return Changed()
        self.retry()
        step = self._done[-1]
        changed = self._store(_copy(step).reversed())
        self._undone.append(self._done.pop())
        return changed

    def redo(self) -> Changed:
        """Make the last undone step again."""
        if not self.can_redo():
            return Changed()
        self.retry()
        step = self._undone[-1]
        changed = self._store(_copy(step))
        self._done.append(self._undone.pop())
        return changed

    def forget_steps(self) -> None:
        """Start with nothing to undo (a new report's carry-over is its starting point)."""
        self._done.clear()
        self._undone.clear()

    # ── drafts: what is being typed in a cell ─────────────────────────────────

    def keep_draft(self, cell_id: str, text: str | None) -> None:
        """Store the text being typed into a cell (None or "" drops it); SaveFailed
        when the store refuses it."""
        text = text or None
        if self.drafts.get(cell_id) == text or self.is_final:
            return
        try:
            self.store.save_draft(self.report_id, cell_id, text)
        except STORE_ERRORS as cause:
            self.problem = save_problem(cause)
            raise SaveFailed(cause) from cause
        if text is None:
            self.drafts.pop(cell_id, None)
        else:
            self.drafts[cell_id] = text

    # ── the report itself ────────────────────────────────────────────────────

    def set_unit_year(self, unit: str, year: int) -> bool:
        """Store a corrected unit name and year and look up last year's report again;
        False when nothing changes or the report is 定稿. The store's own exception when
        another report has them; SaveFailed when the store refuses."""
        if (unit, year) == (self.report.unit, self.report.year) or self.is_final:
            return False
        try:
            self.store.set_unit_year(self.report_id, unit, year)
        except STORE_ERRORS as cause:
            self.problem = save_problem(cause)
            raise SaveFailed(cause) from cause
        self.report.unit, self.report.year = unit, year
        self.previous = self.store.load_previous(unit, year)
        self._after_change()
        return True

    def set_date(self, day: date | None) -> bool:
        """Store the 成文日期 of the 落款 (None: the day of export); False when nothing
        changes or the report is 定稿; SaveFailed when the store refuses (the date is
        kept and tried again before the next change, as a refused cell is)."""
        if day == self.latest_date or self.is_final:
            return False
        self.unsaved_date[:] = [day]  # kept and tried again like a cell when refused
        self.retry()
        return True

    def _store_date(self, day: date | None) -> None:
        try:
            self.store.set_date(self.report_id, day)
        except STORE_ERRORS as cause:
            self.problem = save_problem(cause)
            raise SaveFailed(cause) from cause
        self.report.date = day
        if not self.unsaved:
            self.problem = None

    # ── warnings explained (说明) ─────────────────────────────────────────────

    def explanation(self, finding: Finding) -> Acknowledgement | None:
        """Return the 说明 that applies to `finding`; None when it is open or an error."""
        return acknowledgements.explanation(self.report, finding)

    def acknowledge(self, finding: Finding, note: str, who: str, at: str) -> None:
        """Store a 说明 of the warning `finding`, then keep it in the report (also when
        定稿: nothing printed changes). CannotAcknowledge for an error or an empty note;
        SaveFailed when the store refuses (the report keeps its earlier 说明)."""
        explained = replace(self.report, acknowledgements=list(self.report.acknowledgements))
        acknowledgements.acknowledge(explained, finding, note, who, at)
        self._store_acknowledgements(explained.acknowledgements)

    def withdraw(self, finding: Finding) -> bool:
        """Store the report without the 说明 of `finding`, then drop it; False when it had
        none; SaveFailed when the store refuses."""
        kept = [
            a
            for a in self.report.acknowledgements
            if (a.code, a.cells) != (finding.code, finding.cells)
        ]
        if len(kept) == len(self.report.acknowledgements):
            return False
        self._store_acknowledgements(kept)
        return True

    def _store_acknowledgements(self, made: list[Acknowledgement]) -> None:
        try:
            self.store.save_acknowledgements(self.report_id, made)
        except STORE_ERRORS as cause:
            self.problem = save_problem(cause)
            raise SaveFailed(cause) from cause
        self.report.acknowledgements[:] = made

    def set_final(self, final: bool) -> None:
        """Mark the report 定稿, or back to 草稿. FinalRefused while it has errors
        (unsaved changes are stored first); SaveFailed when the store refuses."""
        if final:
            self.retry()
            if self.errors:
                raise FinalRefused(self.errors)
        try:
            self.store.set_status(self.report_id, Status.FINAL if final else Status.DRAFT)
        except STORE_ERRORS as cause:
            self.problem = save_problem(cause)
            raise SaveFailed(cause) from cause
        self.is_final = final


def _copy(change: Change) -> Change:
    return Change(
        change.description,
        dict(change.values),
        dict(change.old_values),
        dict(change.texts),
        dict(change.old_texts),
    )
