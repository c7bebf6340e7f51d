"""The document's outline: which blocks a report prints, in which order, whatever the
file format (forms/files/outline.py)."""

from __future__ import annotations

from datetime import date

import pytest

from forms.files.outline import (
    Draft,
    Heading,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    chinese_date,
    outline,
)
from forms.format.cells import tables
from forms.report.values import Report
from tests.conftest import fill_grid


def kinds(blocks) -> list[str]:
    return [type(b).__name__ for b in blocks]


def test_the_seed_reads_title_sections_tables_and_signature(seed: Report) -> None:
    blocks = outline(seed, today=date(2024, 1, 20))
    assert blocks[0] == Title("红旗区西街街道办事处", "2023年政府信息公开工作年度报告")
    sections = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert sections == [s.heading for s in seed.form.sections]
    assert [b.section for b in blocks if isinstance(b, TableBlock)] == ["s2", "s3", "s4"]
    assert blocks[-1] == Signature("红旗区西街街道办事处", date(2024, 1, 20))
    assert Paragraph(seed.texts["s6.other"]) == blocks[-2]


def test_the_signature_date_is_the_reports_own_when_it_has_one(seed: Report) -> None:
    seed.date = date(2025, 1, 5)
    signature = outline(seed, today=date(2025, 3, 1))[-1]
    assert signature.date == date(2025, 1, 5)
    assert signature.date_text == "2025年1月5日"
    assert chinese_date(date(2024, 12, 31)) == "2024年12月31日"


def test_a_draft_is_marked_only_when_errors_remain(seed: Report) -> None:
    assert outline(seed, errors=3)[0] == Draft(3)
    assert not any(isinstance(b, Draft) for b in outline(seed, errors=0))


def test_an_empty_field_prints_neither_heading_nor_paragraph(seed: Report) -> None:
    seed.texts["s1.management"] = "  \n "
    texts = [b.text for b in outline(seed) if isinstance(b, Heading | Paragraph)]
    assert "（三）政府信息管理" not in texts
    assert "（四）政府信息公开平台建设" in texts


def test_each_line_of_a_text_is_one_paragraph(seed: Report) -> None:
    seed.texts["s6.other"] = "第一段。\n\n  第二段。\v第三段。"
    blocks = outline(seed)
    assert blocks[-4:-1] == [Paragraph("第一段。"), Paragraph("第二段。"), Paragraph("第三段。")]


def section_5(report: Report) -> list:
    blocks = outline(report)
    start = blocks.index(Heading("五、存在的主要问题及改进情况", 1))
    end = blocks.index(Heading("六、其他需要报告的事项", 1))
    return blocks[start + 1 : end]


@pytest.mark.parametrize(
    "problems",
    [
        "（一）存在问题\n人员不足。",
        "(一)存在的问题：人员不足。",
        "一、存在问题",
        "存在问题：人员不足。",
    ],
)
def test_section_5_prints_no_sub_heading_over_the_clerks_own(seed, problems) -> None:
    seed.texts["s5.problems"] = problems
    blocks = section_5(seed)
    assert Heading("（一）存在问题", 2) not in blocks
    assert blocks[0] == Paragraph(problems.split("\n")[0].strip())


@pytest.mark.parametrize("improvements", ["1.加强培训。\n2.完善制度。", "一是加强培训。"])
def test_section_5_prints_its_sub_heading_over_plain_or_item_numbered_text(
    seed, improvements
) -> None:
    seed.texts["s5.improvements"] = improvements
    blocks = section_5(seed)
    heading = blocks.index(Heading("（二）改进措施", 2))
    assert blocks[heading + 1] == Paragraph(improvements.split("\n")[0])


def test_section_1_headings_are_the_formats_and_always_printed(seed) -> None:
    seed.texts["s1.proactive"] = "（一）主动公开\n正文。"
    assert Heading("（一）主动公开", 2) in outline(seed)


def test_texts_are_cleaned_of_what_word_cannot_hold(seed) -> None:
    seed.unit = "西街\x00街道"
    seed.texts["s6.other"] = "甲\x01乙"
    blocks = outline(seed)
    assert blocks[0].unit == "西街街道"
    assert Paragraph("甲乙") in blocks


def grid_of(block: TableBlock) -> dict[tuple[int, int], str]:
    """Return what each grid position shows, each position covered exactly once."""
    covered: dict[tuple[int, int], str] = {}
    for cell in block.cells:
        for r in range(cell.row, cell.row + cell.rows):
            for c in range(cell.column, cell.column + cell.columns):
                assert (r, c) not in covered
                covered[(r, c)] = cell.text if (r, c) == (cell.row, cell.column) else "^"
    assert set(covered) == {(r, c) for r in range(block.rows) for c in range(block.columns)}
    return covered


def test_section_2_is_one_grid_with_narrower_tables_stretched(blank) -> None:
    blank.values["s2.licensing.decisions"] = 7
    block = next(b for b in outline(blank) if isinstance(b, TableBlock))
    shown = grid_of(block)
    assert block.columns == 4 and [p.table.id for p in block.parts] == [
        t.id for t in tables(blank.form) if t.prefix == "s2"
    ]
    five = block.parts[1]
    assert shown[(five.first_row, 0)] == "第二十条第（五）项"
    value = next(c for c in block.starting(five.first_row + 2) if not c.header)
    assert (value.text, value.column, value.columns) == ("7", 1, 3)


def test_every_value_of_section_3_sits_at_its_rows_and_columns(blank) -> None:
    fill_grid(blank, "s3", "1\t2\t3\t4\t5\t6")
    blank.values["s3.carry_next.natural"] = 9
    block = next(b for b in outline(blank) if getattr(b, "section", "") == "s3")
    shown = grid_of(block)
    grid = block.parts[0].grid
    assert [shown[grid.body_position(0, j)] for j in range(7)] == [*"123456", "21"]
    assert shown[grid.body_position(len(block.parts[0].table.rows) - 1, 0)] == "9"
    assert shown[grid.body_position(1, 0)] == ""  # blank stays blank
    labels = {c.text for c in block.cells if c.header}
    assert {"三、本年度办理结果", "（三）不予公开", "自然人", "总计"} <= labels


def test_covering_continues_cells_merged_from_above(blank) -> None:
    block = next(b for b in outline(blank) if getattr(b, "section", "") == "s3")
    results = next(c for c in block.cells if c.text == "三、本年度办理结果")
    for row in range(results.row, results.row + results.rows):
        first, starts = next(block.covering(row))
        assert first == results and starts == (row == results.row)
