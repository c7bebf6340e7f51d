"""Reading what a clerk types or pastes into number cells."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.format.cells import cells, tables
from forms.format.registry import CURRENT
from forms.report.input import CellInputError, parse_cell, paste_block, split_block
from forms.report.values import MAX_COUNT, NA

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


@given(st.integers(min_value=0, max_value=MAX_COUNT))
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


# ── a row pasted with its labels ─────────────────────────────────────────────

PUBLISHED_ROWS = (  # as copied from a published 表三: labels first, merged cells empty
    "三、本年度办理结果\t（一）予以公开\t12\t0\t0\t0\t0\t1\t13\n"
    "\t（二）部分公开\t1\t0\t0\t0\t0\t0\t1\n"
    "\t（三）不予公开\t1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n"
)


def test_a_row_pasted_with_its_labels_skips_them():
    pasted = paste_block(S3, CELLS, 2, 0, "予以公开\t12\t0\t0\t0\t0\t1")
    assert pasted.values["s3.disclosed.natural"] == 12
    assert pasted.values["s3.disclosed.other_org"] == 1
    assert pasted.skipped_labels == 1


def test_rows_copied_from_a_published_table_skip_labels_and_merged_cells():
    pasted = paste_block(S3, CELLS, 2, 0, PUBLISHED_ROWS)
    assert pasted.values["s3.disclosed.natural"] == 12
    assert pasted.values["s3.partial.natural"] == 1  # label without its long note
    assert pasted.values["s3.withheld.1.other_org"] == 0
    assert pasted.skipped_labels == 7
    assert pasted.skipped_totals == 3


@pytest.mark.parametrize(
    "label", ["（一） 予以公开", "(一)予以公开", "予以　公开", "予以公开\u200b"]
)
def test_labels_match_after_the_importers_normalisation(label):
    assert paste_block(S3, CELLS, 2, 0, f"{label}\t5").values == {"s3.disclosed.natural": 5}


def test_a_label_of_another_row_is_refused_as_any_text():
    with pytest.raises(CellInputError, match="“部分公开”不是件数"):
        paste_block(S3, CELLS, 2, 0, "部分公开\t5")  # landed one row off
    with pytest.raises(CellInputError, match="“合计”不是件数"):
        paste_block(S3, CELLS, 2, 0, "予以公开\t合计\t5")  # a label after the label


def test_labels_in_section_two():
    s2 = next(t for t in tables(CURRENT) if t.id == "s2.art20_1")
    pasted = paste_block(s2, CELLS, 0, 0, "规章\t1\t0\t7\n行政规范性文件\t2\t1\t9")
    assert pasted.values["s2.rules.in_force"] == 7
    assert pasted.values["s2.normative.issued"] == 2


@pytest.mark.parametrize("typed", ["1000000001", "1,000,000,001", "9" * 40])
def test_a_count_above_a_billion_is_refused_as_a_typing_mistake_with_the_limit(typed):
    """Paste goes through parse_cell too (paste_block), as does every typed cell."""
    with pytest.raises(CellInputError, match="超过 10 亿件（1000000000）"):
        parse_cell(typed, COUNT)
    assert parse_cell("1000000000", COUNT) == MAX_COUNT


def test_an_amount_above_a_billion_wan_yuan_is_refused():
    with pytest.raises(CellInputError, match="超过 10 亿万元"):
        parse_cell("1000000000.5", AMOUNT)


def test_a_message_quotes_at_most_sixty_characters_of_what_was_typed():
    with pytest.raises(CellInputError) as refused:
        parse_cell("x" * 100_000, COUNT)
    assert "x" * 60 + "…" in str(refused.value) and "x" * 61 not in str(refused.value)
