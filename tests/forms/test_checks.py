"""Every rule of the format, firing and not firing, with both sides in its message."""

from decimal import Decimal

import pytest

from forms.format.spec import Severity
from forms.report.checks import check
from forms.report.values import NA
from tests.conftest import data_report, fill_grid


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def only(findings, code):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, findings
    return found[0]


def test_the_seed_report_has_no_findings(seed, computed_seed):
    assert check(seed) == []
    assert check(computed_seed) == []


@pytest.mark.parametrize("name", ["hongzequ-2024", "pingtan-2024"])
def test_published_examples_balance(name):
    report = data_report(f"examples/{name}")
    assert not [f for f in check(report) if f.is_error]


def test_a_published_text_that_disagrees_with_its_table_is_a_warning():
    report = data_report("examples/hongzequ-2024")
    mismatch = only(check(report), "TEXT_MATCHES_TABLE")
    assert mismatch.severity is Severity.WARNING
    assert "受理政府信息公开申请17件" in mismatch.message
    assert mismatch.message.endswith("表三本年新收申请总计为 95")


def test_one_column_out_of_balance_names_that_column_with_both_sides():
    found = check(data_report("broken-s3-balance-natural"))
    balance = only(found, "S3_BALANCE")
    assert balance.severity is Severity.ERROR
    assert balance.message == (
        "自然人列：本年新收 3 + 上年结转 1 = 4，办理结果总计 3 + 结转下年度 0 = 3，差 1"
    )
    assert balance.cells == (
        "s3.new.natural",
        "s3.carried.natural",
        "s3.total.natural",
        "s3.carry_next.natural",
    )
    assert balance.fix is None  # 24 cells move the column: no guess
    assert balance.difference == 1
    assert codes(found) == ["S3_BALANCE"]  # the 总计 column only echoes it


def test_balance_typed_into_the_editor(computed_seed):
    fill_grid(computed_seed, "s3", "5\t1\n2\t0\n", row=0)  # 新收, 上年结转
    fill_grid(computed_seed, "s3", "4\t1\n", row=2)  # 予以公开
    fill_grid(computed_seed, "s3", "2\t0\n", row=24)  # 结转下年度
    found = check(computed_seed)
    balance = only(found, "S3_BALANCE")
    assert balance.message == (
        "自然人列：本年新收 5 + 上年结转 2 = 7，办理结果总计 4 + 结转下年度 2 = 6，差 1"
    )
    assert balance.fix is None
    assert balance.difference == 1
    assert len(balance.candidates) == 24  # 新收, 上年结转, 21 results, 结转下年度
    assert {"s3.partial.natural", "s3.carry_next.natural"} <= set(balance.candidates)
    fill_grid(computed_seed, "s3", "3\n", row=24)
    assert "S3_BALANCE" not in codes(check(computed_seed))


def test_published_row_total_that_does_not_add_up():
    found = check(data_report("broken-s3-row-total"))
    row_total = only(found, "S3_ROW_TOTAL")
    assert row_total.message == "本年新收：总计 3，各类申请人之和 2，差 1"
    assert row_total.cells[0] == "s3.new.total"


def test_published_result_total_that_does_not_add_up():
    found = check(data_report("broken-s3-result-total"))
    result_total = only(found, "S3_RESULT_TOTAL")
    assert result_total.message == "自然人列：办理结果总计 1，各项办理结果之和 2，差 1"
    assert len(result_total.cells) == 22


def test_s4_group_total():
    found = check(data_report("broken-s4-total"))
    total = only(found, "S4_TOTAL")
    assert total.message.startswith("行政复议：行政复议总计 1，行政复议结果维持 2 + ")
    assert total.fix is None  # a total is computed, not typed: nothing to offer


def test_blank_cells_are_errors_and_zero_is_not_blank(seed):
    found = check(data_report("broken-filled"))
    assert codes(found) == ["FILLED", "FILLED"]
    assert found[0].cells == ("s2.penalty.decisions",)
    assert "1 格未填写" in found[0].message
    assert found[1].cells == ("s3.unable.2.research",)
    assert seed.values["s2.penalty.decisions"] == 0
    assert "FILLED" not in codes(check(seed))


def test_a_new_report_lists_its_blanks_per_table(blank):
    filled = [f for f in check(blank) if f.code == "FILLED"]
    assert sum(len(f.cells) for f in filled) == 200 - 34
    assert all(f.is_error for f in filled)


def test_values_that_are_not_counts_or_amounts():
    found = check(data_report("broken-value"))
    assert codes(found) == ["VALUE", "VALUE"]
    assert "“-1”" in found[0].message
    assert found[1].cells == ("s2.fees.amount",)


def test_amount_with_six_places_is_fine(seed):
    seed.values["s2.fees.amount"] = Decimal("24252.311082")
    assert check(seed) == []


def test_texts_required():
    found = check(data_report("broken-text-required"))
    assert codes(found) == ["TEXT_REQUIRED", "TEXT_REQUIRED"]
    assert "改进措施" in found[0].message
    assert "六、其他需要报告的事项" in found[1].message


def test_one_s1_text_is_enough(seed):
    for key in ("s1.intro", "s1.proactive", "s1.on_request", "s1.management", "s1.platforms"):
        seed.texts[key] = ""
    assert check(seed) == []
    seed.texts["s1.oversight"] = "  \n"
    assert codes(check(seed)) == ["TEXT_REQUIRED"]


def test_fee_statement():
    fee = only(check(data_report("broken-fee-statement")), "FEE_STATEMENT")
    assert fee.severity is Severity.WARNING
    assert fee.cells == ("s6.other",)


def test_not_applicable_counts_as_zero_with_a_warning():
    found = check(data_report("broken-not-applicable"))
    assert codes(found) == ["NOT_APPLICABLE"] * 3
    assert all(f.severity is Severity.WARNING for f in found)


def test_not_applicable_in_a_relation_counts_as_zero(computed_seed):
    computed_seed.values["s3.carried.natural"] = NA
    assert "S3_BALANCE" not in codes(check(computed_seed))


def test_text_that_disagrees_with_the_table():
    mismatch = only(check(data_report("broken-text-matches-table")), "TEXT_MATCHES_TABLE")
    assert "收到政府信息公开申请5件" in mismatch.message
    assert mismatch.message.endswith("表三本年新收申请总计为 0")


def test_text_saying_none_received_agrees_with_zero(seed):
    assert "TEXT_MATCHES_TABLE" not in codes(check(seed))
    seed.values["s3.new.natural"] = 2
    seed.values["s3.new.total"] = 2
    mismatch = only(check(seed), "TEXT_MATCHES_TABLE")
    assert "未收到" in mismatch.message


def test_text_matches_a_count_in_full_width_digits(seed):
    seed.texts["s1.on_request"] = "本年度新收政府信息公开申请０件。"
    assert "TEXT_MATCHES_TABLE" not in codes(check(seed))


def test_previous_year_carried_and_in_force(seed):
    previous = data_report("xijie-2022-previous")
    found = check(seed, previous)
    carried = only(found, "PREV_CARRIED")
    assert carried.message == "自然人列：上年结转 0，上年报告结转下年度 2，差 2"
    assert carried.cells == ("s3.carried.natural",)
    assert carried.fix == ("s3.carried.natural", 2)
    in_force = only(found, "PREV_IN_FORCE")
    assert in_force.message == (
        "行政规范性文件：现行有效 0，上年报告现行有效 4 + 本年制发 0 − 本年废止 0 = 4，差 4"
    )
    assert all(f.severity is Severity.WARNING for f in found)


def test_previous_year_that_agrees(seed):
    previous = data_report("xijie-2022-previous")
    seed.values.update({"s3.carried.natural": 2, "s3.carried.total": 2})
    seed.values.update({"s3.carry_next.natural": 2, "s3.carry_next.total": 2})
    seed.values.update({"s2.normative.issued": 3, "s2.normative.repealed": 1})
    seed.values["s2.normative.in_force"] = 6
    assert check(seed, previous) == []


def test_errors_come_before_warnings():
    report = data_report("broken-not-applicable")
    del report.values["s4.review.upheld"]
    assert codes(check(report)) == ["FILLED", *["NOT_APPLICABLE"] * 3]


def test_a_quoted_phrase_holds_no_character_that_cannot_be_printed(seed):
    """The phrase quoted from the text is printed by `nianbao check` and the window:
    a lone surrogate or control character in it would break UTF-8 output."""
    seed.texts["s1.on_request"] = "本年新收政府信息公开申请\ud800\x0c 3件。"
    mismatch = only(check(seed), "TEXT_MATCHES_TABLE")
    assert "申请 3件" in mismatch.message
    mismatch.message.encode("utf-8")


def test_an_amount_with_seven_places_is_quoted_as_written(seed):
    seed.values["s2.fees.amount"] = Decimal("0.0000001")
    assert "“0.0000001”" in only(check(seed), "VALUE").message


def test_errors_are_listed_in_the_order_of_the_document():
    report = data_report("broken-s4-total")
    report.values.update({"s3.new.natural": 1, "s3.new.total": 1, "s3.total.natural": 1})
    report.values["s3.total.total"] = 1
    report.texts["s1.on_request"] = "本年度依申请公开工作按规定办理。"
    del report.values["s2.penalty.decisions"]
    report.texts["s5.problems"] = ""
    for key in ("s1.intro", "s1.proactive", "s1.on_request", "s1.management", "s1.platforms"):
        report.texts[key] = ""
    report.texts["s1.oversight"] = ""
    found = check(report)
    assert [(f.code, f.cells[0]) for f in found] == [
        ("TEXT_REQUIRED", "s1.intro"),
        ("FILLED", "s2.penalty.decisions"),
        ("S3_RESULT_TOTAL", "s3.total.natural"),
        ("S4_TOTAL", "s4.review.total"),
        ("TEXT_REQUIRED", "s5.problems"),
    ]


@pytest.mark.parametrize("written", ["1,234", "1，234", "１，２３４"])
def test_text_count_with_thousands_separators(seed, written):
    seed.values.update({"s3.new.natural": 1234, "s3.new.total": 1234})
    seed.values.update({"s3.disclosed.natural": 1234, "s3.disclosed.total": 1234})
    seed.values.update({"s3.total.natural": 1234, "s3.total.total": 1234})
    seed.texts["s1.on_request"] = f"本年度共收到政府信息公开申请{written}件，均已按期答复。"
    assert check(seed) == []
    seed.values.update({"s3.new.natural": 1235, "s3.new.total": 1235})
    mismatch = only(check(seed), "TEXT_MATCHES_TABLE")
    assert "（1234 件），表三本年新收申请总计为 1235" in mismatch.message


# ── the one-click fix: offered only where one typed cell alone settles the line ──


def test_the_balance_never_offers_a_fix_it_cannot_know(computed_seed):
    """部分公开/自然人 typed 477 instead of 447: the 自然人 column fails by 30, and any of
    its 24 typed cells could be the wrong one, so none is offered (it offered 结转下年度)."""
    computed_seed.values["s3.partial.natural"] = 30
    found = check(computed_seed)
    balance = only(found, "S3_BALANCE")
    assert (balance.fix, balance.difference, len(balance.candidates)) == (None, -30, 24)
    assert balance.cells[0] == "s3.new.natural"


def test_carried_from_last_year_offers_the_one_cell_that_settles_it(computed_seed):
    previous = data_report("xijie-2022-previous")
    computed_seed.values["s3.carried.natural"] = 7
    carried = only(check(computed_seed, previous), "PREV_CARRIED")  # 总计 column: an echo
    assert carried.candidates == ("s3.carried.natural",)
    assert carried.fix == ("s3.carried.natural", 2)
    computed_seed.values["s3.carried.natural"] = 2
    assert "PREV_CARRIED" not in codes(check(computed_seed, previous))


def test_carried_on_the_total_column_offers_no_fix(seed):
    """A total given by a file is the only cell of its line, but a total is never
    typed: the fix would hide the disagreement with its parts."""
    previous = data_report("xijie-2022-previous")
    seed.values.update({"s3.carried.natural": 2, "s3.carried.total": 5})
    found = [f for f in check(seed, previous) if f.code == "PREV_CARRIED"]
    assert [(f.cells, f.fix, f.difference) for f in found] == [(("s3.carried.total",), None, 3)]


def test_in_force_moves_with_three_typed_cells_so_it_offers_no_fix(seed):
    previous = data_report("xijie-2022-previous")
    in_force = only(check(seed, previous), "PREV_IN_FORCE")
    assert in_force.fix is None
    assert in_force.difference == -4
    assert set(in_force.candidates) == {
        "s2.normative.in_force",
        "s2.normative.issued",
        "s2.normative.repealed",
    }


@pytest.mark.parametrize("name", ["broken-s3-row-total", "broken-s3-result-total"])
def test_a_published_total_that_disagrees_offers_no_fix(name):
    total = next(f for f in check(data_report(name)) if f.code.endswith("TOTAL"))
    assert total.fix is None
    assert len(total.candidates) > 1


# ── the echo rule: a 总计 line is left out only when it fails by exactly the sum ──


def where(finding) -> str:
    return finding.message.split("：", 1)[0]


def test_a_total_column_failing_by_the_sum_of_its_columns_is_an_echo(computed_seed):
    computed_seed.values["s3.partial.natural"] = 2
    computed_seed.values["s3.disclosed.research"] = 3
    found = [f for f in check(computed_seed) if f.code == "S3_BALANCE"]
    assert [(where(f), f.difference) for f in found] == [("自然人列", -2), ("科研机构列", -3)]


def test_a_total_column_failing_by_another_amount_is_reported(computed_seed):
    """其他处理-其他/总计 given as 6 over parts that add up to 1, and the 法律服务机构
    column out of balance: the 总计 line's own error is not hidden by the column's."""
    computed_seed.values["s3.other.3.natural"] = 1
    computed_seed.values["s3.other.3.total"] = 6
    computed_seed.values["s3.partial.legal_service"] = 1
    found = check(computed_seed)
    assert sorted((f.code, where(f), f.difference) for f in found if f.is_error) == [
        ("S3_BALANCE", "法律服务机构列", -1),
        ("S3_BALANCE", "自然人列", -1),
        ("S3_RESULT_TOTAL", "总计列", -5),
        ("S3_ROW_TOTAL", "其他处理-其他", 5),
    ]


def test_a_wrong_carry_next_total_does_not_hide_a_wrong_result_total(seed):
    """结转下年度 is not a part of the 办理结果总计 row: its failing row total is no
    reason to leave out the total row's own failure."""
    seed.values["s3.carry_next.total"] = 1
    seed.values["s3.total.total"] = 2
    rows = [(where(f), f.difference) for f in check(seed) if f.code == "S3_ROW_TOTAL"]
    assert rows == [("办理结果总计", 2), ("结转下年度", 1)]


def test_a_total_row_failing_by_the_sum_of_its_result_rows_is_an_echo(seed):
    seed.values["s3.partial.total"] = 4
    seed.values["s3.withheld.1.total"] = 1
    seed.values["s3.total.total"] = 5
    rows = [(where(f), f.difference) for f in check(seed) if f.code == "S3_ROW_TOTAL"]
    assert rows == [("部分公开", 4), ("不予公开-国家秘密", 1)]


# ── TEXT_UNCHANGED ───────────────────────────────────────────────────────────


def unchanged(findings) -> dict[str, str]:
    return {f.cells[0]: f.message for f in findings if f.code == "TEXT_UNCHANGED"}


def test_texts_carried_from_last_year_are_marked_until_rewritten(seed):
    from forms.report.carry import carry_over
    from forms.report.values import Report

    this_year = Report(seed.form, seed.unit, seed.year + 1)
    this_year.texts.update(carry_over(seed).texts)
    marked = unchanged(check(this_year, seed))
    assert set(marked) == {k for k, v in seed.texts.items() if v.strip()}
    assert marked["s5.problems"] == (
        "“五、存在的主要问题及改进情况（一）存在问题”与上年报告的文字相同，请按本年度的情况修改"
    )
    marks = [f for f in check(this_year, seed) if f.code == "TEXT_UNCHANGED"]
    assert all(f.severity is Severity.WARNING for f in marks)
    this_year.texts["s5.problems"] = "本年度存在的问题是……"
    this_year.texts["s1.management"] = seed.texts["s1.management"].replace("，", "，\n", 1)
    marked = unchanged(check(this_year, seed))
    assert "s5.problems" not in marked
    assert "s1.management" in marked  # a new line break alone is no rewrite
    # without last year's report only the texts opening on 2023 年，/2023 年内， are marked
    assert set(unchanged(check(this_year))) == {"s1.intro", "s1.on_request"}


def test_a_text_opening_on_last_year_is_marked():
    report = data_report("examples/hongzequ-2024")
    assert unchanged(check(report)) == {}
    report.year = 2025  # last year's texts kept in a new report: they begin 2024年，
    marked = unchanged(check(report))
    assert set(marked) == {"s1.intro", "s5.problems", "s6.other"}
    assert marked["s1.intro"] == ("“一、总体情况”开头写的是2024年，本报告是2025年度的，请核对年份")
    # 五（二） may well speak of last year's problems: only an opening 2024年， counts
    report.texts["s5.improvements"] = "2024年度存在问题的改进情况：已全部整改。"
    report.texts["s5.problems"] = "２０２４ 年，" + report.texts["s5.problems"][5:]  # full-width
    marked = unchanged(check(report))
    assert "s5.improvements" not in marked and "s5.problems" in marked


def test_the_two_parts_of_five_must_differ(seed):
    seed.texts["s5.improvements"] = " " + seed.texts["s5.problems"] + "\n"
    same = only(check(seed), "TEXT_UNCHANGED")
    assert same.severity is Severity.WARNING
    assert same.cells == ("s5.improvements", "s5.problems")
    assert same.message == (
        "“五、存在的主要问题及改进情况（二）改进措施”与"
        "“五、存在的主要问题及改进情况（一）存在问题”的文字相同，请分别写明"
    )
    seed.texts["s5.improvements"] = seed.texts["s5.problems"] = ""
    assert "TEXT_UNCHANGED" not in codes(check(seed))  # blank is TEXT_REQUIRED's to say


@pytest.mark.parametrize("name", ["hongzequ-2024", "pingtan-2024", "xijie-2023"])
def test_no_text_unchanged_on_the_published_reports(name):
    report = data_report(name if name.startswith("xijie") else f"examples/{name}")
    assert unchanged(check(report)) == {}
    previous = data_report("xijie-2022-previous") if name.startswith("xijie") else None
    assert unchanged(check(report, previous)) == {}
