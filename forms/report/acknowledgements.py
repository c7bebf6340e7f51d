"""Warnings explained (出错说明): a clerk or reviewer writes why a warning is fine, and the
explanation stays with the finding while the cells and texts it is about keep their
values. When one of them changes, the explanation no longer applies and the warning
is open again; it applies once more if the values come back (undo). Errors cannot be
explained: they block 定稿 until fixed.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.format.cells import text_fields
from forms.report.checks import Finding
from forms.report.values import Acknowledgement, Report, value_text

MAX_NOTE = 200  # characters: a 说明 is a sentence or two, not a document


class CannotAcknowledge(ValueError):
    """The finding cannot be explained (an error, or an empty 说明); the message says why."""


@dataclass(frozen=True)
class Counts:
    """How many findings a report has: errors, warnings still open and warnings explained
    (`checks.tally` counts errors and warnings without the 说明)."""

    errors: int
    open_warnings: int
    explained_warnings: int


def snapshot(report: Report, ids: tuple[str, ...]) -> tuple[str | None, ...]:
    """Return the values of cells and texts `ids` as an explanation records them:
    a cell's canonical text, a text field's text; None for blank."""
    fields = text_fields(report.form)
    values: list[str | None] = []
    for i in ids:
        if i in fields:
            values.append(report.text(i) or None)
        else:
            value = report.value(i)
            values.append(None if value is None else value_text(value))
    return tuple(values)


def acknowledge(report: Report, finding: Finding, note: str, who: str, at: str) -> Acknowledgement:
    """Return the explanation of `finding` with the values of its cells now, and keep it in
    `report` in place of an earlier one of the same finding. Raises CannotAcknowledge."""
    note, who = note.strip(), who.strip()
    if finding.is_error:
        raise CannotAcknowledge("错误不能加说明，请改正后再检查")
    if not note:
        raise CannotAcknowledge("请写明说明的内容")
    if len(note) > MAX_NOTE:
        raise CannotAcknowledge(f"说明最多 {MAX_NOTE} 个字，现在是 {len(note)} 个字")
    made = Acknowledgement(
        finding.code, finding.cells, snapshot(report, finding.cells), note, who, at
    )
    withdraw(report, finding)
    report.acknowledgements.append(made)
    return made


def withdraw(report: Report, finding: Finding) -> bool:
    """Remove the explanation of `finding` from `report`; False when it had none."""
    before = len(report.acknowledgements)
    report.acknowledgements[:] = [
        a for a in report.acknowledgements if (a.code, a.cells) != (finding.code, finding.cells)
    ]
    return len(report.acknowledgements) != before


def explanation(report: Report, finding: Finding) -> Acknowledgement | None:
    """Return the explanation that applies to `finding`: written for it, with its cells and
    texts still holding the values they had; None when the warning is open."""
    if finding.is_error:
        return None
    now = snapshot(report, finding.cells)
    for made in report.acknowledgements:
        if (made.code, made.cells, made.values) == (finding.code, finding.cells, now):
            return made
    return None


def counts(report: Report, findings: list[Finding]) -> Counts:
    """Return the counts of errors, open warnings and explained warnings among `findings`."""
    errors = sum(f.is_error for f in findings)
    explained = sum(explanation(report, f) is not None for f in findings)
    return Counts(errors, len(findings) - errors - explained, explained)


def applying(report: Report, findings: list[Finding]) -> list[Acknowledgement]:
    """Return the explanations that apply to one of `findings`, in their order."""
    found = [explanation(report, f) for f in findings]
    return [a for a in found if a is not None]
