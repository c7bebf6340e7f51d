"""Carry-over from last year's report: 上年结转 from 结转下年度, hints, texts."""

from forms.format.annual_report_2021 import ANNUAL_REPORT_2021 as FORM
from forms.report.carry import carry_over, carry_summary, copied_cells, previous_hints
from forms.report.values import Report
from tests.conftest import data_report

COLUMNS = ("natural", "commercial", "research", "public_interest", "legal_service", "other_org")


def last_year() -> Report:
    report = Report(FORM, "西街街道办事处", 2023)
    for index, column in enumerate(COLUMNS):
        report.values[f"s3.carry_next.{column}"] = index
    report.values["s2.rules.in_force"] = 5
    report.texts = {
        "s1.intro": "去年的概述。",
        "s5.problems": "  ",
        "s6.other": "本年度未收取信息处理费。",
    }
    return report


def test_carried_comes_from_last_years_carry_next_for_the_six_typed_columns():
    assert copied_cells(FORM) == {f"s3.carried.{c}": f"s3.carry_next.{c}" for c in COLUMNS}


def test_carry_over_copies_values_and_non_empty_texts():
    carried = carry_over(last_year())
    assert carried.values == {f"s3.carried.{c}": i for i, c in enumerate(COLUMNS)}
    assert carried.texts == {"s1.intro": "去年的概述。", "s6.other": "本年度未收取信息处理费。"}


def test_blank_carry_next_stays_blank():
    previous = Report(FORM, "西街街道办事处", 2023)
    previous.values["s3.carry_next.natural"] = 2
    assert carry_over(previous).values == {"s3.carried.natural": 2}


def test_hints_show_last_years_in_force_beside_this_years_table():
    hints = previous_hints(FORM, last_year())
    assert hints == {
        "s2.art20_1": ["上年报告 规章/现行有效：5", "上年报告 行政规范性文件/现行有效：未填写"]
    }


def test_what_a_new_report_takes_is_said_before_it_is_used():
    lines = carry_summary(data_report("xijie-2022-previous"))
    assert lines[0] == (
        "带入本年“上年结转”：自然人 2，商业企业 0，科研机构 0，社会公益组织 0，"
        "法律服务机构 0，其他法人或其他组织 0"
    )
    assert "上年报告 行政规范性文件/现行有效：4" in lines
    assert lines[-1] == "文字初稿：9 段文字"
