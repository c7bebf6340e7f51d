"""Rules → findings: everything wrong or doubtful in a report, each with its rule
code, severity, the cells involved and a Chinese message showing both sides.

Message template fields, by rule: relations and totals `{where} {left} {right}
{difference}` (a side of several terms ends with its sum, = 3035);
FILLED `{table} {count} {cells}`; VALUE `{cell} {value} {expected}`;
TEXT_REQUIRED and FEE_STATEMENT `{field}`; NOT_APPLICABLE `{cell}`;
TEXT_MATCHES_TABLE `{field} {phrase} {stated} {cell} {table}`; TEXT_UNCHANGED
`{field} {reason}`; TEXT_PLACEHOLDER `{field} {text}`.

A relation with a blank term is not judged (FILLED already reports the blank).
Relations are compiled once per form, so checking a whole report after each
keystroke costs a few hundred additions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from functools import cache

from forms.format.cells import Cell, cells, section_of, tables, text_fields
from forms.format.spec import Code, Form, Number, Rule, Severity, StatedRequests, Table
from forms.report.input import MAX_PLACES, cell_name
from forms.report.relations import Line, Term, lines, side_sum
from forms.report.stated import statements
from forms.report.text import clean_text
from forms.report.totals import parts, resolve
from forms.report.values import NA, CellValue, Report, as_number, value_text


@dataclass(frozen=True)
class Finding:
    """One thing the clerk should look at."""

    code: StrEnum
    severity: Severity
    cells: tuple[str, ...]  # cell or text field ids, the first the one to go to
    message: str
    fix: tuple[str, int | Decimal] | None = None  # the one typed cell that settles it
    difference: int | Decimal | None = None  # of a relation: left side − right side
    candidates: tuple[str, ...] = ()  # of a relation: the typed cells that move it
    lists_blanks: bool = False  # see Rule.lists_blanks
    first_field_only: bool = False  # see Rule.first_field_only

    @property
    def is_error(self) -> bool:
        """Return True when the finding blocks marking the report final."""
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Tally:
    """How many errors and warnings a report has: counted here and nowhere else."""

    errors: int
    warnings: int

    def __str__(self) -> str:
        """Return e.g. "3 个错误，1 个提醒", or "没有发现问题"."""
        parts = [
            f"{self.errors} 个错误" if self.errors else "",
            f"{self.warnings} 个提醒" if self.warnings else "",
        ]
        return "，".join(p for p in parts if p) or "没有发现问题"


def tally(findings: list[Finding]) -> Tally:
    """Return the number of errors and of warnings among `findings`."""
    errors = sum(f.is_error for f in findings)
    return Tally(errors, len(findings) - errors)


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Return every finding of `report`, judged against last year's `previous`
    when given; errors first, each group in document order (of its first cell)."""
    shown = resolve(report)
    before = resolve(previous) if previous is not None else None
    found = [
        *_filled(report, shown),
        *_value_kinds(report),
        *_relations(report, shown, before),
        *_texts(report),
        *_not_applicable(report),
        *_text_matches_table(report, shown),
        *_texts_unchanged(report, previous),
        *_stated_counts(report, shown),
        *_placeholders(report),
    ]
    order = _document_order(report.form)
    return sorted(found, key=lambda f: (f.severity is not Severity.ERROR, order[f.cells[0]]))


def rule_severity(form: Form, code: str) -> Severity:
    """Return the severity of rule `code` of `form`."""
    return _rules(form)[code].severity


def table_name(form: Form, table: Table) -> str:
    """Return how messages name a table, e.g. 二、主动公开（第二十条第（一）项）."""
    for section in form.sections:
        if table in section.parts:
            number = section.heading.split("、", 1)[0]
            caption = f"（{table.caption}）" if table.caption else ""
            return f"{number}、{section.title}{caption}"
    raise KeyError(table.id)


def field_name(form: Form, field_id: str) -> str:
    """Return how messages name a text field, e.g. 五、存在的主要问题及改进情况（一）存在问题."""
    section, field = text_fields(form)[field_id]
    return section.heading + field.heading


# ── the rules ────────────────────────────────────────────────────────────────


@cache
def _document_order(form: Form) -> dict[str, int]:
    """Return the position in the document of every cell and text field id."""
    ids = [*text_fields(form), *cells(form)]
    sections = {i: form.sections.index(section_of(form, i)) for i in ids}
    return {i: n for n, i in enumerate(sorted(ids, key=lambda i: sections[i]))}


@cache
def _rules(form: Form) -> dict[str, Rule]:
    return {rule.code: rule for rule in form.rules}


def _finding(form: Form, code: StrEnum, ids: tuple[str, ...], **fields) -> Finding:
    rule = _rules(form)[code]
    return Finding(
        rule.code,
        rule.severity,
        ids,
        rule.message.format(**fields),
        lists_blanks=rule.lists_blanks,
        first_field_only=rule.first_field_only,
    )


def _filled(report: Report, shown: dict[str, CellValue | None]) -> list[Finding]:
    found = []
    for table in tables(report.form):
        blank = [
            c for c in _table_cells(report.form, table) if not c.is_total and shown[c.id] is None
        ]
        if blank:
            names = "、".join(c.label for c in blank[:5]) + ("等" if len(blank) > 5 else "")
            found.append(
                _finding(
                    report.form,
                    Code.FILLED,
                    tuple(c.id for c in blank),
                    table=table_name(report.form, table),
                    count=len(blank),
                    cells=names,
                )
            )
    return found


def _value_kinds(report: Report) -> list[Finding]:
    catalogue = cells(report.form)
    found = []
    for cid, value in report.values.items():
        cell = catalogue.get(cid)
        if cell is None or value is NA or _valid(value, cell.number):
            continue
        expected = (
            "不小于 0 的整数"
            if cell.number is Number.COUNT
            else (f"不小于 0、最多 {MAX_PLACES} 位小数的金额")
        )
        found.append(
            _finding(
                report.form,
                Code.VALUE,
                (cid,),
                cell=cell_name(cell),
                value=value_text(value),
                expected=expected,
            )
        )
    return found


def _valid(value: CellValue, number: Number) -> bool:
    if number is Number.COUNT:
        return type(value) is int and value >= 0
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return value.is_finite() and value >= 0 and -exponent <= MAX_PLACES  # type: ignore[operator]
    return type(value) is int and value >= 0


def _table_cells(form: Form, table: Table) -> list[Cell]:
    return [c for c in cells(form).values() if c.table is table]


# ── relations and totals ─────────────────────────────────────────────────────


def _relations(
    report: Report,
    shown: dict[str, CellValue | None],
    before: dict[str, CellValue | None] | None,
) -> list[Finding]:
    form = report.form
    found: list[tuple[Line, Finding]] = []
    for item in lines(form):
        left, right = side_sum(item.left, shown, before), side_sum(item.right, shown, before)
        if left is None or right is None or left == right:
            continue
        message_fields = {
            "where": item.where,
            "left": _side(item.left, shown, before, left, item.left_name),
            "right": _side(item.right, shown, before, right, item.right_name),
            "difference": _digits(abs(left - right)),
        }
        ids = tuple(t.cell for t in (*item.left, *item.right) if not t.previous)
        finding = _finding(form, item.code, ids, **message_fields)
        movers = typed_cells(report, item)
        fix = _one_cell_fix(report, movers, left - right, shown)
        settled = replace(finding, fix=fix, difference=left - right, candidates=tuple(movers))
        found.append((item, settled))
    return _without_echoes(found)


def _without_echoes(found: list[tuple[Line, Finding]]) -> list[Finding]:
    """Return the findings less the echoes: a line along a total (the 总计 column or
    row) that fails by exactly the sum of the amounts by which the lines it adds up
    fail says nothing new; one that fails by any other amount is wrong itself."""
    failing = {(item.family, item.along): f.difference for item, f in found if not item.on_total}
    kept = []
    for item, finding in found:
        if item.on_total:
            echo = sum((failing.get((item.family, key)) or 0 for key in item.echoes), start=0)
            if echo and finding.difference == echo:
                continue
        kept.append(finding)
    return kept


def line_text(item: Line, shown, before=None) -> str:
    """Return both sides of a relation line with their sums and difference, as the
    relation messages show them (自然人列：本年新收 3001 + 上年结转 34 = 3035，…，差 27);
    a side with a blank term is named with （未填完）."""
    left, right = side_sum(item.left, shown, before), side_sum(item.right, shown, before)
    if left is None or right is None:
        names = [" + ".join(t.name for t in side) for side in (item.left, item.right)]
        sums = ["（未填完）" if v is None else f"= {_digits(v)}" for v in (left, right)]
        return f"{item.where}：{names[0]} {sums[0]}，{names[1]} {sums[1]}"
    sides = [
        _side(item.left, shown, before, left, item.left_name),
        _side(item.right, shown, before, right, item.right_name),
    ]
    text = f"{item.where}：{sides[0]}，{sides[1]}"
    return text if left == right else f"{text}，差 {_digits(abs(left - right))}"


def _side(terms: tuple[Term, ...], shown, before, total: int | Decimal, name: str) -> str:
    """Return one side of a relation as the clerk reads it: terms with values and
    their sum (本年新收 3001 + 上年结转 34 = 3035), or the side's name and sum when
    it has many terms."""
    if name and len(terms) > 4:
        return f"{name} {_digits(total)}"
    text = ""
    for index, term in enumerate(terms):
        number = as_number((before if term.previous else shown)[term.cell])
        sign = " − " if term.sign < 0 else (" + " if index else "")
        text += f"{sign}{term.name} {_digits(number)}"
    return f"{text} = {_digits(total)}" if len(terms) > 1 else text


def _digits(number: int | Decimal) -> str:
    """Return a number in plain digits as a clerk writes it (never 1E-7)."""
    return format(number, "f") if isinstance(number, Decimal) else str(number)


def typed_cells(report: Report, item: Line) -> dict[str, int]:
    """Return the cells of this year a clerk can type that move the line, each with how
    much left − right grows per unit it grows: a computed total stands for its parts
    (recursively), a total given by a file is itself typed, last year's terms are fixed."""
    catalogue = cells(report.form)
    weights: dict[str, int] = {}

    def add(cid: str, sign: int) -> None:
        cell = catalogue[cid]
        if cell.is_total and report.values.get(cid) is None:
            for part in parts(cell):
                add(part, sign)
        else:
            weights[cid] = weights.get(cid, 0) + sign

    for term in item.left:
        if not term.previous:
            add(term.cell, term.sign)
    for term in item.right:
        if not term.previous:
            add(term.cell, -term.sign)
    return {cid: weight for cid, weight in weights.items() if weight}


def _one_cell_fix(
    report: Report, movers: dict[str, int], difference: int | Decimal, shown
) -> tuple[str, int | Decimal] | None:
    """Return (cell, value) when exactly one typed cell moves the line and a valid value
    of it settles the line; None otherwise: with several cells the program cannot know
    which one is wrong, and a guess would put a wrong number in the report. A total
    given by a file is never the target (it would hide the disagreement with its parts)."""
    if len(movers) != 1:
        return None
    ((cid, weight),) = movers.items()
    if weight not in (1, -1):
        return None
    value = as_number(shown[cid]) - difference * weight
    cell = cells(report.form)[cid]
    if cell.is_total or value < 0 or not _valid(value, cell.number):
        return None
    return cid, value


# ── texts ────────────────────────────────────────────────────────────────────


def _texts(report: Report) -> list[Finding]:
    form = report.form
    found = []
    groups = form.texts_required.groups if form.texts_required else ()
    for group in groups:
        if not any(report.text(f).strip() for f in group):
            name = field_name(form, group[0]) if len(group) == 1 else _heading_of(form, group)
            found.append(_finding(form, Code.TEXT_REQUIRED, group, field=name))
    fee = form.fee_statement
    said = report.text(fee.field) if fee else ""
    if fee and said.strip() and not any(word in said for word in fee.words):
        name = field_name(form, fee.field)
        found.append(_finding(form, Code.FEE_STATEMENT, (fee.field,), field=name))
    return found


def _heading_of(form: Form, group: tuple[str, ...]) -> str:
    return text_fields(form)[group[0]][0].heading


def _not_applicable(report: Report) -> list[Finding]:
    catalogue = cells(report.form)
    return [
        _finding(report.form, Code.NOT_APPLICABLE, (cid,), cell=cell_name(catalogue[cid]))
        for cid in catalogue
        if report.values.get(cid) is NA
    ]


@cache
def _patterns(stated: StatedRequests) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    return re.compile(stated.none), tuple(re.compile(p) for p in stated.counted)


def _text_matches_table(report: Report, shown: dict[str, CellValue | None]) -> list[Finding]:
    form, stated_requests = report.form, report.form.stated_requests
    total = shown.get(stated_requests.cell) if stated_requests else None
    if stated_requests is None or total is None:
        return []
    for field_id in stated_requests.fields:
        text = clean_text(unicodedata.normalize("NFKC", report.text(field_id)))  # quoted
        stated = _stated_requests(stated_requests, text)
        if stated is None:
            continue
        phrase, count = stated
        if count != as_number(total):
            return [
                _finding(
                    form,
                    Code.TEXT_MATCHES_TABLE,
                    (stated_requests.cell, field_id),
                    field=field_name(form, field_id),
                    phrase=phrase,
                    stated=count,
                    cell="表三本年新收申请总计",
                    table=total,
                )
            ]
        return []
    return []


def _stated_requests(stated: StatedRequests, text: str) -> tuple[str, int] | None:
    """Return the first phrase stating how many applications came in, and that number."""
    none_pattern, counted = _patterns(stated)
    matches = [m for m in (p.search(text) for p in counted) if m]
    none = none_pattern.search(text)
    if none and not any(m.start() < none.start() for m in matches):
        return none.group(0), 0
    if not matches:
        return None
    first = min(matches, key=lambda m: m.start())
    return first.group(0), int(first.group(1).replace(",", ""))


def _stated_counts(report: Report, shown: dict[str, CellValue | None]) -> list[Finding]:
    """Return, for each count the format reads from the text, the first phrase that
    disagrees with its cells; none while one of the cells is blank."""
    form = report.form
    fields = {f: report.text(f) for f in text_fields(form)}
    found: dict[str, Finding] = {}
    for said in statements(form, fields):
        rule = said.rule
        if rule.name in found or any(shown.get(c) is None for c in rule.cells):
            continue
        total = sum(as_number(shown[c]) for c in rule.cells)
        if said.count != total:
            found[rule.name] = _finding(
                form,
                Code.TEXT_MATCHES_TABLE,
                (*rule.cells, said.field),
                field=field_name(form, said.field),
                phrase=said.phrase,
                stated=said.count,
                cell=rule.name,
                table=total,
            )
    return list(found.values())


_PLACEHOLDER_MAX = 40  # characters: a text longer than this says something


def _placeholders(report: Report) -> list[Finding]:
    """Return a finding for each text that says nothing: only a placeholder word
    (无, 暂无) or punctuation; an empty text is TEXT_REQUIRED's."""
    form, placeholders = report.form, report.form.placeholders
    if placeholders is None:
        return []
    found = []
    for field_id in placeholders.fields:
        text = report.text(field_id).strip()
        if not text or len(text) > _PLACEHOLDER_MAX:
            continue
        said = "".join(c for c in text if unicodedata.category(c)[0] not in "PZSC")
        if not said or said in placeholders.words:
            found.append(
                _finding(
                    form,
                    Code.TEXT_PLACEHOLDER,
                    (field_id,),
                    field=field_name(form, field_id),
                    text=clean_text(text)[:20],
                )
            )
    return found


# ── texts still last year's ──────────────────────────────────────────────────


def _texts_unchanged(report: Report, previous: Report | None) -> list[Finding]:
    """Return a TEXT_UNCHANGED warning for each text still as last year's report wrote
    it, or opening on last year as the year reported on (2024年，… in a 2025 report),
    and for distinct texts (五's two parts) that say the same."""
    form = report.form
    opening = re.compile(rf"\s*{report.year - 1}\s*年度?(?:内|以来)?\s*[，,]")
    found = []
    for field_id in text_fields(form):
        text = _plain(report.text(field_id))
        if not text:
            continue
        if previous is not None and text == _plain(previous.text(field_id)):
            reason = "与上年报告的文字相同，请按本年度的情况修改"
        elif opening.match(unicodedata.normalize("NFKC", text)):
            reason = f"开头写的是{report.year - 1}年，本报告是{report.year}年度的，请核对年份"
        else:
            continue
        found.append(
            _finding(
                form,
                Code.TEXT_UNCHANGED,
                (field_id,),
                field=field_name(form, field_id),
                reason=reason,
            )
        )
    found.extend(_same_texts(report))
    return found


def _same_texts(report: Report) -> list[Finding]:
    """Return a warning on each distinct text that repeats an earlier one word for word."""
    form = report.form
    distinct = form.distinct_texts.fields if form.distinct_texts else ()
    found = []
    for index, field_id in enumerate(distinct):
        text = _plain(report.text(field_id))
        same = [f for f in distinct[:index] if text and _plain(report.text(f)) == text]
        if same:
            reason = f"与“{field_name(form, same[0])}”的文字相同，请分别写明"
            found.append(
                _finding(
                    form,
                    Code.TEXT_UNCHANGED,
                    (field_id, same[0]),
                    field=field_name(form, field_id),
                    reason=reason,
                )
            )
    return found


def _plain(text: str) -> str:
    """Return `text` without any whitespace: a changed line break is not a new text."""
    return "".join(text.split())
