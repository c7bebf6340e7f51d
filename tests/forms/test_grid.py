"""Merged headers derived from header paths, as the official tables draw them."""

from forms.format.annual_report_2021 import S2_ART20_1, S3_TABLE, S4_TABLE
from forms.format.grid import Span, table_grid


def spans_by_text(table) -> dict[str, list[Span]]:
    found: dict[str, list[Span]] = {}
    for span in table_grid(table).spans:
        found.setdefault(span.text, []).append(span)
    return found


def test_s3_header_merges_follow_the_official_layout():
    grid = table_grid(S3_TABLE)
    spans = spans_by_text(S3_TABLE)
    assert (grid.header_rows, grid.header_columns, grid.rows, grid.columns) == (3, 3, 28, 10)
    assert spans[S3_TABLE.corner] == [Span(0, 0, 3, 3, S3_TABLE.corner)]
    assert spans["申请人情况"] == [Span(0, 3, 1, 7, "申请人情况")]
    assert spans["自然人"] == [Span(1, 3, 2, 1, "自然人")]
    assert spans["法人或其他组织"] == [Span(1, 4, 1, 5, "法人或其他组织")]
    assert spans["总计"] == [Span(1, 9, 2, 1, "总计")]
    assert spans["三、本年度办理结果"] == [Span(5, 0, 22, 1, "三、本年度办理结果")]
    assert spans["（三）不予公开"] == [Span(7, 1, 8, 1, "（三）不予公开")]
    assert spans["（一）予以公开"] == [Span(5, 1, 1, 2, "（一）予以公开")]
    assert spans["（七）总计"] == [Span(26, 1, 1, 2, "（七）总计")]
    assert spans["一、本年新收政府信息公开申请数量"][0].columns == 3


def test_every_grid_position_is_covered_exactly_once():
    for table in (S2_ART20_1, S3_TABLE, S4_TABLE):
        grid = table_grid(table)
        covered = [
            (r, c)
            for s in grid.spans
            for r in range(s.row, s.row + s.rows)
            for c in range(s.column, s.column + s.columns)
        ]
        body = [
            grid.body_position(i, j)
            for i in range(len(table.rows))
            for j in range(len(table.columns))
        ]
        assert sorted(covered + body) == [
            (r, c) for r in range(grid.rows) for c in range(grid.columns)
        ]


def test_s4_groups_and_their_outcomes():
    spans = spans_by_text(S4_TABLE)
    assert spans["行政复议"] == [Span(0, 0, 1, 5, "行政复议")]
    assert spans["行政诉讼"] == [Span(0, 5, 1, 10, "行政诉讼")]
    assert spans["未经复议直接起诉"] == [Span(1, 5, 1, 5, "未经复议直接起诉")]
    assert [s.rows for s in spans["结果维持"]] == [2, 1, 1]
    assert table_grid(S4_TABLE).header_columns == 0


def test_s2_caption_spans_the_table():
    grid = table_grid(S2_ART20_1)
    assert grid.spans[0] == Span(0, 0, 1, 4, "第二十条第（一）项")
    assert grid.body_position(0, 0) == (2, 1)
