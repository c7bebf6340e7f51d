"""Reading printed blocks: numbers as printed, and what cannot be mapped reported with
its place, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms.files.printed import PrintedCell, PrintedParagraph, PrintedTable, UnreadableReport
from forms.files.printed_tables import printed_value
from forms.files.published import read_printed
from forms.format.spec import Number
from forms.report.values import NA


@pytest.mark.parametrize(
    ("text", "number", "value"),
    [
        ("", Number.COUNT, None),
        ("  \u00a0", Number.COUNT, None),
        ("0件", Number.COUNT, 0),
        ("１２", Number.COUNT, 12),
        ("1,234", Number.COUNT, 1234),
        ("1，234 件", Number.COUNT, 1234),
        ("/", Number.COUNT, NA),
        ("／", Number.COUNT, NA),
        ("—", Number.COUNT, NA),
        ("——", Number.COUNT, NA),
        ("-", Number.COUNT, NA),
        ("96171.60", Number.AMOUNT, Decimal("96171.60")),
        ("12.5万元", Number.AMOUNT, Decimal("12.5")),
    ],
)
def test_numbers_as_printed(text, number, value) -> None:
    assert printed_value(text, number) == value
    assert type(printed_value(text, number)) is type(value)


@pytest.mark.parametrize("text", ["12.0", "无", "三", "1 2 x", "12%"])
def test_what_is_not_a_count_is_not_read(text) -> None:
    assert isinstance(printed_value(text, Number.COUNT), str)


def grid(*rows: str) -> PrintedTable:
    """A printed table from tab-separated rows; a cell equal to the one on its left is
    the same merged cell."""
    printed = []
    for r, line in enumerate(rows):
        cells, origin = [], None
        for c, text in enumerate(line.split("\t")):
            if not (cells and text == cells[-1].text and text):
                origin = (r, c)
            cells.append(PrintedCell(text, origin))
        printed.append(tuple(cells))
    return PrintedTable(tuple(printed))


TITLE = PrintedParagraph("某街道办事处2023年政府信息公开工作年度报告")


def test_rows_and_columns_the_format_lacks_are_reported_with_their_place() -> None:
    table = grid(
        "第二十条第（一）项\t第二十条第（一）项\t第二十条第（一）项\t第二十条第（一）项\t第二十条第（一）项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\t备注",
        "规章\t1\t2\t3\t见说明",
        "地方性法规\t4\t5\t6\t",
        "行政规范性文件\t7\t8\t9\t",
    )
    reading = read_printed([TITLE, PrintedParagraph("二、主动公开政府信息情况"), table])
    values = {k: v for k, v in reading.report.values.items() if k.startswith("s2")}
    assert values == {
        "s2.rules.issued": 1,
        "s2.rules.repealed": 2,
        "s2.rules.in_force": 3,
        "s2.normative.issued": 7,
        "s2.normative.repealed": 8,
        "s2.normative.in_force": 9,
    }
    notes = reading.notes
    assert (
        "二、主动公开（第二十条第（一）项） “第二十条第（一）项/备注”列："
        "报告格式中没有这一列，其中的数字未读取" in notes
    )
    assert "第 1 个表格的“地方性法规”行：报告格式中没有这一行，其中的数字未读取" in notes
    assert "没有找到三、依申请公开的表格，其中各格按未填写处理" in notes


def test_a_cell_printed_twice_differently_and_a_word_in_a_number_cell_are_not_read() -> None:
    table = grid(
        "信息内容\t本年处理决定数量\t本年处理决定数量",
        "行政许可\t3\t4",
        "行政处罚\t无\t",
    )
    reading = read_printed([TITLE, PrintedParagraph("二、主动公开政府信息情况"), table])
    assert "s2.licensing.decisions" not in reading.report.values
    assert "s2.penalty.decisions" not in reading.report.values
    assert any(
        "“行政许可”行“本年处理决定数量”列：同一格印有几个数（3、4）" in n for n in reading.notes
    )
    assert any("“行政处罚”行“本年处理决定数量”列：“无”不是数字" in n for n in reading.notes)


def test_a_printed_total_that_differs_is_kept_and_one_that_agrees_is_computed() -> None:
    header = "\t".join(["信息"] + ["申请人情况"] * 7)
    names = "\t".join(
        ["信息", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    )
    table = grid(
        header,
        names,
        "一、本年新收政府信息公开申请数量\t1\t1\t0\t0\t0\t0\t9",
        "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
    )
    values = read_printed([TITLE, table]).report.values
    assert values["s3.new.total"] == 9  # as printed, for the checks to judge
    assert "s3.carried.total" not in values  # equal to its parts: computed again


def test_texts_go_by_headings_and_text_without_one_is_reported() -> None:
    blocks = [
        TITLE,
        PrintedParagraph("一、总体情况"),
        PrintedParagraph("总述。"),
        PrintedParagraph("（一）主动公开"),
        PrintedParagraph("主动公开了很多。"),
        PrintedParagraph("(二) 依申请公开：收到申请3件。"),
        PrintedParagraph("五、存在的主要问题及改进情况"),
        PrintedParagraph("另起一段。"),
        PrintedParagraph("（一）存在问题。人手不足。"),
        PrintedParagraph("二、改进措施：加强培训。"),
        PrintedParagraph("六、其他需要报告的事项"),
        PrintedParagraph("未收取信息处理费。"),
        PrintedParagraph("第 3 页 共 5 页"),
    ]
    reading = read_printed(blocks)
    assert reading.report.texts == {
        "s1.intro": "总述。",
        "s1.proactive": "主动公开了很多。",
        "s1.on_request": "收到申请3件。",
        "s5.problems": "（一）存在问题。人手不足。",
        "s5.improvements": "二、改进措施：加强培训。",
        "s6.other": "未收取信息处理费。",
    }
    assert "五、存在的主要问题及改进情况：“另起一段。”不在任何小标题下，未读取" in reading.notes
    assert (reading.report.unit, reading.report.year) == ("某街道办事处", 2023)


def test_a_page_without_a_report_is_refused() -> None:
    with pytest.raises(UnreadableReport):
        read_printed([PrintedParagraph("首页")])
    with pytest.raises(UnreadableReport, match="年度"):
        read_printed([PrintedParagraph("一、总体情况")])
