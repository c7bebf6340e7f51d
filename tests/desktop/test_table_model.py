"""The table model: the official grid, values shown and typed, totals, paste, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.session import ReportSession
from desktop.table_model import ERROR_BRUSH, TOTAL_BRUSH, ReportTableModel
from forms.format.annual_report_2021 import S2_ART20_1, S2_ART20_8, S3_TABLE, S4_TABLE

S3_COLUMN = "3\t0\t0\t0\t0\t0\n1\t0\t0\t0\t0\t0\n2\t0\t0\t0\t0\t0"


@pytest.fixture
def session(qtbot, store, report_id):
    return ReportSession(store, report_id)


def model_of(session, table=S3_TABLE) -> ReportTableModel:
    return ReportTableModel(session, table)


def at(model, cid):
    return model.index_of(cid)


@pytest.mark.parametrize("table", [S2_ART20_1, S2_ART20_8, S3_TABLE, S4_TABLE])
def test_every_table_passes_qt_model_tester(qtmodeltester, session, table):
    qtmodeltester.check(model_of(session, table))


def test_grid_has_the_official_headers_and_a_balance_row(session):
    model = model_of(session)
    assert model.rowCount() == 3 + 25 + 1  # headers, rows, 核对 row
    assert model.columnCount() == 3 + 7
    assert model.index(0, 3).data() == "申请人情况"
    assert model.index(1, 4).data() == "法人或其他组织"
    spans = {(s.row, s.column): (s.rows, s.columns) for s in model.spans()}
    assert spans[(0, 3)] == (1, 7)  # 申请人情况 over all seven columns
    assert spans[(1, 4)] == (1, 5)  # 法人或其他组织 over five
    assert model.index(model.rowCount() - 1, 0).data().startswith("核对：本年新收 + 上年结转")


def test_blank_is_shown_blank_not_zero_and_totals_are_read_only(session):
    model = model_of(session)
    assert at(model, "s3.new.natural").data() == ""
    total = at(model, "s3.new.total")
    assert not total.flags() & Qt.ItemFlag.ItemIsEditable
    assert total.data(Qt.ItemDataRole.BackgroundRole) == TOTAL_BRUSH


def test_typed_value_is_stored_and_totals_follow(session, store, report_id):
    model = model_of(session)
    assert model.setData(at(model, "s3.new.natural"), "３件")
    assert store.load_report(report_id).values["s3.new.natural"] == 3
    assert at(model, "s3.new.total").data() == "3"


def test_refused_input_is_said_and_never_stored(qtbot, session, store, report_id):
    model = model_of(session)
    with qtbot.waitSignal(model.input_refused) as said:
        assert not model.setData(at(model, "s3.new.natural"), "三")
    assert "不是件数" in said.args[0]
    assert store.load_report(report_id).values == {}
    with qtbot.waitSignal(model.input_refused):
        assert not model.setData(at(model, "s3.new.natural"), "/")  # 不适用 only in 表二
    assert not model.setData(at(model, "s3.new.total"), "5")


def test_not_applicable_is_offered_in_section_two(session):
    model = model_of(session, S2_ART20_1)
    assert model.setData(at(model, "s2.rules.issued"), "／")
    assert at(model, "s2.rules.issued").data() == "/"


def test_paste_fills_a_block_and_a_bad_paste_stores_nothing(qtbot, session, store, report_id):
    model = model_of(session)
    assert model.paste(at(model, "s3.new.natural"), S3_COLUMN)
    assert store.load_report(report_id).values["s3.disclosed.natural"] == 2
    with qtbot.waitSignal(model.input_refused) as said:
        assert not model.paste(at(model, "s3.partial.natural"), "1\n二\n3")
    assert "没有修改任何单元格" in said.args[0]
    assert "s3.partial.natural" not in store.load_report(report_id).values


def test_unbalanced_column_is_red_with_its_message_and_the_balance_row_says_so(session):
    model = model_of(session)
    model.fill_blanks_with_zero()
    model.setData(at(model, "s3.new.natural"), "3")
    new = at(model, "s3.new.natural")
    assert new.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert "自然人列" in new.data(Qt.ItemDataRole.ToolTipRole)
    assert model.balance("natural").left == 3 and model.balance("natural").right == 0
    assert model.index(model.rowCount() - 1, 3).data() == "3 ✗\n≠ 0\n差 3"
    model.setData(at(model, "s3.carry_next.natural"), "3")
    assert new.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(model.rowCount() - 1, 3).data() == "3 ✓\n= 3"


def test_fill_blanks_with_zero_is_one_undo_step_and_undo_is_saved(session, store, report_id):
    model = model_of(session)
    model.setData(at(model, "s3.new.natural"), "3")
    assert model.fill_blanks_with_zero() == 24 * 6 - 1
    assert session.editor.undo_text() == "本表空白填0"
    session.undo()
    assert store.load_report(report_id).values == {"s3.new.natural": 3}
    assert session.editor.undo_text() == "填写 本年新收/自然人"
    session.undo()
    assert store.load_report(report_id).values == {}
    assert not session.editor.can_undo()
    session.redo()
    assert store.load_report(report_id).values == {"s3.new.natural": 3}


def test_clear_makes_cells_blank(session, store, report_id):
    model = model_of(session)
    model.paste(at(model, "s3.new.natural"), "1\t2")
    model.clear([at(model, "s3.new.natural"), at(model, "s3.new.commercial")])
    assert store.load_report(report_id).values == {}


def test_final_report_is_read_only(qtbot, store, complete_id):
    session = ReportSession(store, complete_id)
    model = model_of(session)
    assert session.set_final(True)
    assert not at(model, "s3.new.natural").flags() & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.input_refused):
        assert not model.paste(at(model, "s3.new.natural"), "1")


def test_an_edit_repaints_the_cell_its_totals_and_the_balance_not_the_table(session):
    model = model_of(session)
    model.fill_blanks_with_zero()  # every column judged: the balance row shows sums
    repainted = []
    model.dataChanged.connect(lambda top, bottom: repainted.append((top, bottom)))
    assert model.setData(at(model, "s3.new.natural"), "3")
    assert repainted and all(top == bottom for top, bottom in repainted)  # not the table
    cells = {(top.row(), top.column()) for top, _ in repainted}
    for cid in ("s3.new.natural", "s3.new.total"):  # the cell and its row total
        assert (at(model, cid).row(), at(model, cid).column()) in cells
    balance_row, column = model.rowCount() - 1, at(model, "s3.new.natural").column()
    assert (balance_row, column) in cells  # "3 ✗ ≠ 0 差 3" replaces "0 ✓ = 0"
    assert model.index(balance_row, column).data() == "3 ✗\n≠ 0\n差 3"
    assert len(cells) < 20


def test_final_repaints_every_cell(qtbot, store, complete_id):
    session = ReportSession(store, complete_id)
    model = model_of(session)
    repainted = []
    model.dataChanged.connect(lambda top, bottom: repainted.append((top, bottom)))
    assert session.set_final(True)
    top, bottom = repainted[-1]
    assert (top.row(), top.column()) == (0, 0)
    assert (bottom.row(), bottom.column()) == (model.rowCount() - 1, model.columnCount() - 1)
    assert not at(model, "s3.new.natural").flags() & Qt.ItemFlag.ItemIsEditable
