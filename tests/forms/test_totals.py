"""Totals: computed from their parts unless a published file gives them."""

from forms.report.totals import computed, resolve
from forms.report.values import NA
from tests.conftest import fill_grid


def test_totals_are_computed_from_typed_cells(computed_seed):
    fill_grid(computed_seed, "s3", "1\t2\t3\t4\t5\t6\n", row=2)
    shown = resolve(computed_seed)
    assert shown["s3.disclosed.total"] == 21
    assert shown["s3.total.natural"] == 1
    assert shown["s3.total.total"] == 21


def test_a_total_of_blank_parts_is_blank_and_partial_parts_add_up(blank):
    assert resolve(blank)["s3.new.total"] is None
    fill_grid(blank, "s3", "4\n", row=0)
    assert resolve(blank)["s3.new.total"] == 4


def test_a_published_total_is_kept_as_given(seed):
    seed.values["s3.new.natural"] = 5
    assert resolve(seed)["s3.new.total"] == 0  # as published
    assert computed(seed)["s3.new.total"] == 5  # what it should be


def test_not_applicable_parts_count_as_zero(computed_seed):
    computed_seed.values["s4.review.upheld"] = NA
    computed_seed.values["s4.review.corrected"] = 2
    assert resolve(computed_seed)["s4.review.total"] == 2
