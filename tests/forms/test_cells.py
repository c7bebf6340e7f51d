"""Reading what a clerk types or pastes into number cells."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.format.cells import cells, tables
from forms.format.registry import CURRENT
from forms.report.input import CellInputError, parse_cell, paste_block, split_block
from forms.report.values import NA

CELLS = cells(CURRENT)
COUNT = CELLS["s3.new.natural"]
AMOUNT = CELLS["s2.fees.amount"]
S2_COUNT = CELLS["s2.rules.issued"]
S3 = next(t for t in tables(CURRENT) if t.id == "s3")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", 12),
        ("0", 0),
        ("１２", 12),
        ("  7 ", 7),
        ("\u30008\u3000", 8),
        ("1,234", 1234),
        ("1，234", 1234),
        ("１，２３４", 1234),
        ("12件", 12),
        ("1,234 件", 1234),
    ],
)
def test_counts_accepted(typed, value):
    assert parse_cell(typed, COUNT) == value


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("7545", "7545"),
        ("96171.6", "96171.6"),
        ("24252.311082", "24252.311082"),
        ("18651.060", "18651.060"),
        ("1,234.5万元", "1234.5"),
        ("０.５", "0.5"),
    ],
)
def test_amounts_kept_exactly_as_written(typed, value):
    parsed = parse_cell(typed, AMOUNT)
    assert isinstance(parsed, Decimal)
    assert str(parsed) == value


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_empty_is_blank_not_zero(typed):
    assert parse_cell(typed, COUNT) is None


@pytest.mark.parametrize(
    "typed", ["-1", "1.5", "abc", "十二", "1,23", "12万元", "1e3", "3件件", "0x10", "+5"]
)
def test_counts_refused_with_the_cell_named(typed):
    with pytest.raises(CellInputError) as refused:
        parse_cell(typed, COUNT)
    assert "本年新收/自然人" in str(refused.value)


@pytest.mark.parametrize("typed", ["1.1234567", "-3", "12件", "1.2.3", "NaN"])
def test_amounts_refused(typed):
    with pytest.raises(CellInputError, match="行政事业性收费"):
        parse_cell(typed, AMOUNT)


@pytest.mark.parametrize("typed", ["/", "／", "—", "-", "不适用"])
def test_not_applicable_only_where_offered(typed):
    assert parse_cell(typed, S2_COUNT) is NA
    with pytest.raises(CellInputError, match="不适用"):
        parse_cell(typed, COUNT)
    assert parse_cell(typed, COUNT, allow_na=True) is NA  # importers keep a published "/"


@given(st.integers(min_value=0, max_value=10**12))
def test_any_count_round_trips_with_separators_and_full_width(n):
    grouped = f"{n:,}"
    full_width = grouped.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_cell(grouped, COUNT) == n
    assert parse_cell(full_width + "件", COUNT) == n


def test_split_block_as_excel_copies_it():
    assert split_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert split_block('"a\tb"\t"line\nbreak"\n') == [["a\tb", "line\nbreak"]]
    assert split_block("5") == [["5"]]
    assert split_block("1\t\t3\n") == [["1", "", "3"]]


def test_paste_fills_a_block_and_skips_totals():
    pasted = paste_block(S3, CELLS, 0, 4, "1\t2\t3\n4\t\t6\n")
    assert pasted.values == {
        "s3.new.legal_service": 1,
        "s3.new.other_org": 2,
        "s3.carried.legal_service": 4,
        "s3.carried.other_org": None,
    }
    assert pasted.skipped_totals == 2  # the 总计 column is computed
    wider = paste_block(S3, CELLS, 0, 0, "1\t2\n\t3\n")
    assert wider.values["s3.carried.natural"] is None  # an empty pasted cell clears


def test_a_bad_cell_refuses_the_whole_paste():
    with pytest.raises(CellInputError, match="没有修改任何单元格") as refused:
        paste_block(S3, CELLS, 0, 0, "1\t2\nx\t4\n")
    assert "上年结转/自然人" in str(refused.value)


def test_paste_beyond_the_table_is_refused():
    with pytest.raises(CellInputError, match="超出"):
        paste_block(S3, CELLS, 24, 0, "1\n2\n")


@pytest.mark.parametrize("typed", ["3²", "²", "٣", "𝟙𝟚", "①"])
def test_digits_other_than_ascii_and_full_width_are_refused(typed):
    """NFKC reads a pasted footnote mark 3² as 32: only 0-9 and ０-９ are digits here."""
    with pytest.raises(CellInputError, match="本年新收/自然人"):
        parse_cell(typed, COUNT)
    with pytest.raises(CellInputError, match="行政事业性收费"):
        parse_cell(typed, AMOUNT)


def test_a_number_too_long_for_python_is_refused_not_a_crash():
    with pytest.raises(CellInputError, match="本年新收/自然人"):
        parse_cell("1" * 5000, COUNT)
    with pytest.raises(CellInputError, match="行政事业性收费"):
        parse_cell("1" * 5000, AMOUNT)
