"""The 2021 format definition itself: ids, totals, rules, texts."""

import dataclasses
import re
from collections import Counter

import pytest

from forms.format.annual_report_2021 import ANNUAL_REPORT_2021 as FORM
from forms.format.annual_report_2021 import Check
from forms.format.cells import cells, tables
from forms.format.spec import Code, Kind, TextField
from forms.report.relations import lines
from forms.report.totals import parts

SPEC_CODES = {
    "FILLED",
    "VALUE",
    "S3_ROW_TOTAL",
    "S3_RESULT_TOTAL",
    "S3_BALANCE",
    "S4_TOTAL",
    "PREV_CARRIED",
    "PREV_IN_FORCE",
    "TEXT_REQUIRED",
    "FEE_STATEMENT",
    "NOT_APPLICABLE",
    "TEXT_MATCHES_TABLE",
    "TEXT_UNCHANGED",
    "TEXT_PLACEHOLDER",
}


def text_fields() -> list[TextField]:
    return [p for s in FORM.sections for p in s.parts if isinstance(p, TextField)]


def test_counts_of_cells_and_text_fields():
    by_prefix = Counter(cid.split(".")[0] for cid in cells(FORM))
    assert by_prefix == {"s2": 10, "s3": 175, "s4": 15}
    assert len(cells(FORM)) == 200
    assert [f.id for f in text_fields()] == [
        "s1.intro",
        "s1.proactive",
        "s1.on_request",
        "s1.management",
        "s1.platforms",
        "s1.oversight",
        "s5.problems",
        "s5.improvements",
        "s6.other",
    ]


def test_six_sections_in_official_order():
    assert [s.heading[:2] for s in FORM.sections] == [
        "一、",
        "二、",
        "三、",
        "四、",
        "五、",
        "六、",
    ]


def test_ids_are_unique_and_ascii():
    ids = [*cells(FORM), *(f.id for f in text_fields()), *(t.id for t in tables(FORM))]
    assert len(ids) == len(set(ids))
    assert all(i.isascii() for i in ids)


def test_spec_cell_ids_exist():
    expected = {
        "s2.rules.issued",
        "s2.normative.in_force",
        "s2.licensing.decisions",
        "s2.penalty.decisions",
        "s2.enforcement.decisions",
        "s2.fees.amount",
        "s3.new.natural",
        "s3.withheld.8.legal_service",
        "s3.other.3.other_org",
        "s3.total.total",
        "s3.carry_next.research",
        "s4.review.upheld",
        "s4.suit_direct.pending",
        "s4.suit_after_review.total",
    }
    assert expected <= set(cells(FORM))


def test_totals_are_the_total_column_and_row_of_s3_and_s4_group_totals():
    totals = {cid for cid, c in cells(FORM).items() if c.is_total}
    s3 = {c for c in totals if c.startswith("s3.")}
    assert len(s3) == 25 + 7 - 1
    assert all(c.endswith(".total") or c.startswith("s3.total.") for c in s3)
    assert {c for c in totals if c.startswith("s4.")} == {
        "s4.review.total",
        "s4.suit_direct.total",
        "s4.suit_after_review.total",
    }
    assert not any(c.startswith("s2.") for c in totals)


def test_every_total_has_parts_in_its_table_and_a_rule():
    catalogue = cells(FORM)
    for cid, cell in catalogue.items():
        if cell.is_total:
            assert parts(cell), cid
            assert all(catalogue[p].table is cell.table for p in parts(cell))
    for table in tables(FORM):
        for line in (*table.rows, *table.columns):
            if line.kind is Kind.TOTAL:
                assert line.rule in SPEC_CODES


def test_s3_result_total_adds_the_21_result_rows():
    assert len(parts(cells(FORM)["s3.total.natural"])) == 21
    assert len(parts(cells(FORM)["s3.new.total"])) == 6


def test_every_spec_rule_has_a_code_severity_and_message():
    assert {r.code for r in FORM.rules} == SPEC_CODES
    assert all(r.message and r.description for r in FORM.rules)


def test_every_relation_names_real_cells():
    catalogue = cells(FORM)
    for check in lines(FORM):
        for term in (*check.left, *check.right):
            assert term.cell in catalogue, (check.code, term.cell)


def test_text_rules_name_real_fields():
    ids = {f.id for f in text_fields()}
    assert {f for group in FORM.texts_required.groups for f in group} <= ids
    assert FORM.fee_statement.field in ids
    assert FORM.fee_statement.sentence.count("信息处理费") == 1
    assert set(FORM.stated_requests.fields) <= ids
    assert FORM.stated_requests.cell in cells(FORM)
    assert set(FORM.distinct_texts.fields) <= ids
    assert FORM.fee_statement.cell in cells(FORM)


def test_rule_codes_are_enum_members_so_a_misspelling_fails_at_import():
    assert all(r.code in set(Code) | set(Check) for r in FORM.rules)
    assert {type(r.code) for r in FORM.rules} == {Code, Check}
    assert {r.code for r in FORM.rules} >= set(Code) | set(Check)
    with pytest.raises(AttributeError):
        Check.S3_BALANSE  # noqa: B018 - a misspelt name is no string: it cannot be written


def test_a_format_naming_a_rule_it_does_not_define_is_refused():
    without_balance = tuple(r for r in FORM.rules if r.code is not Check.S3_BALANCE)
    with pytest.raises(ValueError, match="S3_BALANCE"):
        dataclasses.replace(FORM, rules=without_balance)


def test_views_read_flags_on_the_rules_not_their_codes():
    flagged = {r.code: (r.lists_blanks, r.first_field_only) for r in FORM.rules}
    assert flagged[Code.FILLED] == (True, False)
    assert flagged[Code.TEXT_REQUIRED] == (False, True)
    assert sum(any(v) for v in flagged.values()) == 2


def test_every_text_field_has_a_hint():
    assert all(len(f.hint) > 10 for f in text_fields())


def test_numbered_labels_are_printed_as_the_official_format_does():
    """`1.属于国家秘密`, no space after the number, as the format and real reports print it."""
    labels = [part for table in tables(FORM) for row in table.rows for part in row.path]
    numbered = [label for label in labels if label[:1].isdigit()]
    assert len(numbered) == 19
    assert all(re.match(r"^\d+\.\S", label) for label in numbered), numbered
