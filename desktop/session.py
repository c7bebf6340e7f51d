"""One report being edited: its values in memory and in the store, undo, findings.

Every change goes through here: it is stored at once (there is no save button),
recorded on the undo stack, and followed by a fresh check of the whole report.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from forms.format.cells import section_of
from forms.format.spec import Section
from forms.report import acknowledgements
from forms.report.carry import carry_over
from forms.report.checks import Finding, check
from forms.report.totals import resolve
from forms.report.values import Acknowledgement, CellValue, Report
from forms.storage import store as store_module

Values = dict[str, CellValue | None]


class ReportSession(QObject):
    """The report open in the editor and what has been found wrong with it."""

    values_changed = Signal(tuple)  # cell ids whose stored value changed
    text_changed = Signal(str)  # a text field id
    findings_changed = Signal()
    saved = Signal()
    status_changed = Signal()
    renamed = Signal()  # the unit or year changed, and with it last year's report

    def __init__(self, store, report_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report_id = report_id
        self.report: Report = store.load_report(report_id)
        self.previous: Report | None = self._load_previous()
        self.undo_stack = QUndoStack(self)
        self.findings: list[Finding] = check(self.report, self.previous)
        # Every cell as shown (totals computed), worked out once per change for all tables.
        self.shown: dict[str, CellValue | None] = resolve(self.report)
        self._final = store.entry(report_id).status == store_module.FINAL

    def _load_previous(self) -> Report | None:
        """Return last year's report of the same unit; None when there is none."""
        return self.store.load_previous(self.report.unit, self.report.year)

    @property
    def is_final(self) -> bool:
        """Return True when the report is marked 定稿 (and so read-only)."""
        return self._final

    @property
    def errors(self) -> list[Finding]:
        """Return the findings that block 定稿."""
        return [f for f in self.findings if f.is_error]

    def set_values(self, values: Values, description: str = "修改") -> bool:
        """Store `values` (None = blank) as one undo step; False when nothing changes."""
        old = {cid: self.report.value(cid) for cid in values}
        if old == values or self.is_final:
            return False
        self.undo_stack.push(_SetValuesCommand(self, values, old, description))
        return True

    def apply_values(self, values: Values) -> None:
        """Write `values` to the report and the store, then check again (used by undo)."""
        for cid, value in values.items():
            if value is None:
                self.report.values.pop(cid, None)
            else:
                self.report.values[cid] = value
        self.store.save_values(self.report_id, values)
        self.values_changed.emit(tuple(values))
        self._after_change()

    def set_text(self, field_id: str, text: str) -> None:
        """Store the text of a field at once."""
        if self.report.text(field_id) == text or self.is_final:
            return
        self.report.texts[field_id] = text
        self.store.save_text(self.report_id, field_id, text)
        self.text_changed.emit(field_id)
        self._after_change()

    def set_unit_year(self, unit: str, year: int) -> bool:
        """Store a corrected unit name and year; False when nothing changes or the
        report is 定稿. Raises store.ReportExists when another report has them."""
        if (unit, year) == (self.report.unit, self.report.year) or self.is_final:
            return False
        self.store.set_unit_year(self.report_id, unit, year)
        self.report.unit, self.report.year = unit, year
        self.previous = self._load_previous()
        self.renamed.emit()
        self._after_change()
        return True

    def set_date(self, day: date | None) -> bool:
        """Store the 成文日期 of the 落款 (None: the day of export); False when nothing
        changes or the report is 定稿."""
        if day == self.report.date or self.is_final:
            return False
        self.store.set_date(self.report_id, day)
        self.report.date = day
        self.saved.emit()
        return True

    def set_final(self, final: bool) -> None:
        """Mark the report 定稿 or back to 草稿."""
        status = store_module.FINAL if final else store_module.DRAFT
        self.store.set_status(self.report_id, status)
        self._final = final
        self.status_changed.emit()

    def explanation(self, finding: Finding) -> Acknowledgement | None:
        """Return the 说明 that applies to `finding`; None when it is open or an error."""
        return acknowledgements.explanation(self.report, finding)

    def acknowledge(self, finding: Finding, note: str, who: str) -> None:
        """Store a 说明 of the warning `finding` (also on a 定稿 report: it changes nothing
        printed). Raises acknowledgements.CannotAcknowledge for an error or an empty note."""
        acknowledgements.acknowledge(self.report, finding, note, who, self.store.now())
        self.store.save_acknowledgements(self.report_id, self.report.acknowledgements)
        self.findings_changed.emit()

    def withdraw(self, finding: Finding) -> None:
        """Remove the 说明 of `finding`: the warning is open again."""
        if acknowledgements.withdraw(self.report, finding):
            self.store.save_acknowledgements(self.report_id, self.report.acknowledgements)
            self.findings_changed.emit()

    def _after_change(self) -> None:
        self.shown = resolve(self.report)
        self.findings = check(self.report, self.previous)
        self.findings_changed.emit()
        self.saved.emit()


class _SetValuesCommand(QUndoCommand):
    """An edit of one or more cells; undoing it stores the old values again."""

    def __init__(self, session: ReportSession, new: Values, old: Values, text: str) -> None:
        super().__init__(text)
        self._session, self._new, self._old = session, dict(new), dict(old)

    def redo(self) -> None:
        self._session.apply_values(self._new)

    def undo(self) -> None:
        self._session.apply_values(self._old)


def page_findings(session: ReportSession, section: Section) -> list[Finding]:
    """Return the findings of the session whose first cell or field lies in `section`."""
    form = session.report.form
    return [f for f in session.findings if section_of(form, f.cells[0]) is section]


def apply_carry_over(session: ReportSession) -> int:
    """Take 上年结转 and starting texts from last year's report; return how many cells
    were filled. Texts already written this year are kept; values are one undo step."""
    if session.previous is None:
        return 0
    carried = carry_over(session.previous)
    session.set_values(dict(carried.values), "从上年报告带入")
    for field_id, text in carried.texts.items():
        if not session.report.text(field_id).strip():
            session.set_text(field_id, text)
    return len(carried.values)
