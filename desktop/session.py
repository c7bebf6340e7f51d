"""The report being edited, as Qt signals: a thin adapter of `forms.report.editing`.

Everything that decides (store first, then apply; check again; undo; refusing edits
once 定稿 or 定稿 with errors; keeping what is being typed) is in the core's
`ReportEditor`; here each change becomes the signals the pages redraw from, and a save
the store refuses becomes `save_failed` (the status bar turns red) instead of an
exception. While something is not stored it is tried again every few seconds and before
the next change.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from forms.format.spec import Section
from forms.report.checks import Finding, Tally
from forms.report.editing import STORE_ERRORS, Changed, FinalRefused, ReportEditor, SaveFailed
from forms.report.values import Acknowledgement, CellValue, Report

Values = dict[str, CellValue | None]
RETRY_MS = 5000


def remember(store, key, value) -> bool:
    """Store a setting the program keeps for convenience (the layout, the page last
    shown, the export folder…); False, and nothing said, when the data file refuses it
    (full or locked): the clerk's work does not depend on it."""
    try:
        store.set_setting(key, value)
    except STORE_ERRORS:
        return False
    return True


class ReportSession(QObject):
    """The report open in the editor and what has been found wrong with it."""

    values_changed = Signal(tuple)  # cell ids whose value (or unsaved value) changed
    text_changed = Signal(str)  # a text field id
    findings_changed = Signal()
    saved = Signal()  # everything typed so far is stored
    save_failed = Signal(str)  # a Chinese message: what is not stored, why, what to do
    status_changed = Signal()
    renamed = Signal()  # the unit or year changed, and with it last year's report
    undo_changed = Signal()  # what Ctrl+Z and Ctrl+Y would do changed
    draft_dropped = Signal(str)  # a cell id whose unconfirmed draft is gone

    def __init__(self, store, report_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report_id = report_id
        self.editor = ReportEditor(store, report_id)
        self._retry_timer = QTimer(self, interval=RETRY_MS)
        self._retry_timer.timeout.connect(self.retry)

    # ── reading ──────────────────────────────────────────────────────────────

    @property
    def report(self) -> Report:
        return self.editor.report

    @property
    def previous(self) -> Report | None:
        """Return last year's report of the same unit; None when there is none."""
        return self.editor.previous

    @property
    def findings(self) -> list[Finding]:
        return self.editor.findings

    @property
    def shown(self) -> dict[str, CellValue | None]:
        """Return every cell as shown (totals computed), worked out once per change."""
        return self.editor.shown

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that block 定稿."""
        return self.editor.errors

    @property
    def tally(self) -> Tally:
        return self.editor.tally

    @property
    def is_final(self) -> bool:
        """Return True when the report is marked 定稿 (and so read-only)."""
        return self.editor.is_final

    @property
    def drafts(self) -> dict[str, str]:
        """Return the texts typed into cells and not confirmed, by cell id."""
        return self.editor.drafts

    @property
    def problem(self) -> str | None:
        """Return why the last save failed; None when everything is stored."""
        return self.editor.problem

    def unsaved_value(self, cell_id: str) -> tuple[bool, CellValue | None]:
        return self.editor.unsaved_value(cell_id)

    # ── changes ──────────────────────────────────────────────────────────────

    def set_values(self, values: Values, description: str = "修改") -> bool:
        """Store `values` (None = blank) as one undo step; False when nothing was stored."""
        return bool(self._run(lambda: self.editor.set_values(values, description)))

    def set_text(self, field_id: str, text: str) -> None:
        """Store the text of a field at once (the editor keeps showing it if refused)."""
        self._run(lambda: self.editor.set_text(field_id, text))

    def carry_over(self) -> Changed:
        """Take 上年结转 and the unwritten texts from last year's report as one undo step;
        return the cells and texts filled."""
        return self._run(self.editor.carry_over)

    def undo(self) -> None:
        self._run(self.editor.undo)

    def redo(self) -> None:
        self._run(self.editor.redo)

    def retry(self) -> bool:
        """Try again to store what was refused; True when everything is stored now."""
        waiting = self.editor.has_unsaved
        self._run(self.editor.retry)
        if waiting and self.editor.problem is None:
            self.saved.emit()  # e.g. a 成文日期 stored at last: no cell or text to redraw
        return not self.editor.has_unsaved

    def forget_steps(self) -> None:
        self.editor.forget_steps()
        self.undo_changed.emit()

    def keep_draft(self, cell_id: str, text: str | None) -> None:
        """Store what is being typed into a cell (None or "" drops it)."""
        try:
            self.editor.keep_draft(cell_id, text)
        except SaveFailed as failure:
            self._failed(str(failure))
            return
        if not text:
            self.draft_dropped.emit(cell_id)
        if self.editor.problem is None:
            self.saved.emit()

    def set_unit_year(self, unit: str, year: int) -> bool:
        """Store a corrected unit name and year; False when nothing changes, the report
        is 定稿 or the store refused (said). The store's ReportExists when taken."""
        try:
            changed = self.editor.set_unit_year(unit, year)
        except SaveFailed as failure:
            self._failed(str(failure))
            return False
        if changed:
            self.renamed.emit()
            self.findings_changed.emit()
            self.saved.emit()
        return changed

    def set_date(self, day: date | None) -> bool:
        """Store the 成文日期 of the 落款 (None: the day of export); False when nothing
        changes or the report is 定稿; False too when the store refused (said, and the
        date tried again with the other unsaved changes)."""
        try:
            changed = self.editor.set_date(day)
        except SaveFailed as failure:
            self._failed(str(failure))
            return False
        if changed:
            self.saved.emit()
        return changed

    # ── warnings explained (说明) ─────────────────────────────────────────────

    def explanation(self, finding: Finding) -> Acknowledgement | None:
        """Return the 说明 that applies to `finding`; None when it is open or an error."""
        return self.editor.explanation(finding)

    def acknowledge(self, finding: Finding, note: str, who: str) -> bool:
        """Store a 说明 of the warning `finding`; False when the store refused (said).
        Raises acknowledgements.CannotAcknowledge for an error or an empty note."""
        try:
            self.editor.acknowledge(finding, note, who, self.store.now())
        except SaveFailed as failure:
            self._failed(str(failure))
            return False
        self.findings_changed.emit()
        return True

    def withdraw(self, finding: Finding) -> None:
        """Remove the 说明 of `finding`: the warning is open again."""
        try:
            withdrawn = self.editor.withdraw(finding)
        except SaveFailed as failure:
            self._failed(str(failure))
            return
        if withdrawn:
            self.findings_changed.emit()

    def set_final(self, final: bool) -> bool:
        """Mark the report 定稿 or back to 草稿; False when refused: FinalRefused's
        errors are the clerk's to correct (the wizard lists them), a failed save is said."""
        try:
            self.editor.set_final(final)
        except FinalRefused:
            return False
        except SaveFailed as failure:
            self._failed(str(failure))
            return False
        self.status_changed.emit()
        self.undo_changed.emit()
        return True

    def _run(self, change) -> Changed:
        """Run one editor change and say what it did as signals."""
        try:
            changed = change()
        except SaveFailed as failure:
            unsaved = tuple(c for step in self.editor.unsaved for c in step.values)
            self.values_changed.emit(unsaved)  # the cells marked as not stored
            self.findings_changed.emit()
            self._failed(str(failure))
            return Changed()
        if changed.cells:
            self.values_changed.emit(changed.cells)
        for field_id in changed.texts:
            self.text_changed.emit(field_id)
        if changed:
            self.findings_changed.emit()
        if self.editor.problem is None:
            self._retry_timer.stop()
            if changed:
                self.saved.emit()
        self.undo_changed.emit()
        return changed

    def _failed(self, message: str) -> None:
        self._retry_timer.start()
        self.save_failed.emit(message)
        self.undo_changed.emit()


def page_findings(session: ReportSession, section: Section) -> list[Finding]:
    """Return the findings of the session whose first cell or field lies in `section`."""
    return session.editor.section_findings(section)


def apply_carry_over(session: ReportSession) -> int:
    """Take 上年结转 and starting texts from last year's report; return how many cells
    were filled (texts already written this year are kept)."""
    return len(session.carry_over().cells)
