"""Typing a whole page with the keyboard alone: one distinct number into every typed cell
with Tab only, then with Enter only; each must land where the official order puts it
(reading order for Tab, down the columns for Enter, table after table), never over a
cell the clerk did not land on, and never in a computed total."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.format.spec import Table
from tests.desktop.test_wizard_keys import page_from_list, press

PAGES = ["s2", "s3", "s4"]


def official_order(section_id: str, by_column: bool) -> list[str]:
    """Return the typed cells of a section, table after table: along each row (Tab) or
    down each column (Enter)."""
    section = next(s for s in CURRENT.sections if s.id == section_id)
    order = []
    for table in (p for p in section.parts if isinstance(p, Table)):
        typed = [c for c in cells(CURRENT).values() if c.table is table and not c.is_total]
        key = (lambda c: (c.column_index, c.row_index)) if by_column else None
        order += [c.id for c in sorted(typed, key=key or (lambda c: (c.row_index, c.column_index)))]
    return order


def type_digits(qtbot, text: str) -> None:
    """Type each key into whatever has the focus, as a keyboard does (the first digit
    opens the cell's editor, the next ones go into it)."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def type_page(qtbot, editor, section_id: str, key: Qt.Key) -> list[str]:
    """Type 1, 2, 3 … into the page with only `key` between them; return the order."""
    page_from_list(qtbot, editor, section_id)
    press(qtbot, Qt.Key.Key_Tab)  # from the page list into the first table
    order = official_order(section_id, by_column=key == Qt.Key.Key_Return)
    for number in range(1, len(order) + 1):
        type_digits(qtbot, str(number))
        press(qtbot, key)
    return order


@pytest.mark.parametrize("section_id", PAGES)
@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Return], ids=["tab", "enter"])
def test_typing_a_whole_page_with_one_key_fills_it_in_the_official_order(
    qtbot, editor, store, report_id, section_id, key
):
    order = type_page(qtbot, editor, section_id, key)
    stored = store.load_report(report_id).values
    assert stored == {cid: n for n, cid in enumerate(order, start=1)}
    assert not [f for f in editor.session.findings if f.lists_blanks and f.cells[0] in order]
    assert QApplication.focusWidget() is not None
    assert not editor.session.drafts  # every draft became its value


def test_a_one_cell_table_hands_over_to_the_next_instead_of_overwriting(qtbot, editor, store):
    """5 Tab 7 Tab 9 Enter in 第二十条第（五）项 once left 行政许可 = 9."""
    wizard = editor.wizard
    page = page_from_list(qtbot, editor, "s2")
    view = page.views[1]  # 第二十条第（五）项: one cell
    view.enter_from(+1)
    for text, key in (("5", Qt.Key.Key_Tab), ("7", Qt.Key.Key_Tab), ("9", Qt.Key.Key_Return)):
        type_digits(qtbot, text)
        press(qtbot, key)
    values = wizard.session.report.values
    assert values == {
        "s2.licensing.decisions": 5,
        "s2.penalty.decisions": 7,
        "s2.enforcement.decisions": 9,
    }


def test_shift_tab_walks_back_across_tables(qtbot, editor):
    page = page_from_list(qtbot, editor, "s2")
    page.views[2].enter_from(+1)  # 第二十条第（六）项, its first cell
    press(qtbot, Qt.Key.Key_Backtab)
    view = page.views[1]
    assert QApplication.focusWidget() is view
    assert view.report_model.cell_at(view.currentIndex()).id == "s2.licensing.decisions"
    press(qtbot, Qt.Key.Key_Backtab)
    view = page.views[0]
    assert view.report_model.cell_at(view.currentIndex()).id == "s2.normative.in_force"


def test_tab_passes_over_the_computed_totals(qtbot, editor):
    page = page_from_list(qtbot, editor, "s3")
    view = page.views[0]
    view.setCurrentIndex(view.report_model.index_of("s3.new.other_org"))
    view.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert view.report_model.cell_at(view.currentIndex()).id == "s3.carried.natural"
    view.setCurrentIndex(view.report_model.index_of("s3.other.3.natural"))
    press(qtbot, Qt.Key.Key_Return)
    assert view.report_model.cell_at(view.currentIndex()).id == "s3.carry_next.natural"
