"""The keyboard through the whole editor: from the page list into the page, never lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def press(qtbot, key, text: str = "") -> None:
    """Send a key to whatever has the focus, as the keyboard does."""
    qtbot.keyClick(QApplication.focusWidget(), key)
    if text:
        qtbot.keyClicks(QApplication.focusWidget(), text)


def page_from_list(qtbot, editor, section_id: str):
    wizard = editor.wizard
    editor.activateWindow()
    qtbot.waitExposed(editor)
    index = next(
        i
        for i, p in enumerate(wizard.pages)
        if getattr(p, "section", None) and p.section.id == section_id
    )
    wizard.page_list.setFocus()
    wizard.page_list.setCurrentRow(index)
    return wizard.pages[index]


def test_tab_from_the_page_list_lands_in_the_first_table(qtbot, editor):
    """Tab then digits: nothing typed goes to the 填0 button or the scroll area."""
    page_from_list(qtbot, editor, "s2")
    press(qtbot, Qt.Key.Key_Tab, "5")
    press(qtbot, Qt.Key.Key_Tab, "3")
    press(qtbot, Qt.Key.Key_Return)
    values = editor.session.report.values
    assert (values.get("s2.rules.issued"), values.get("s2.rules.repealed")) == (5, 3)


def test_tab_from_the_page_list_lands_in_the_single_table(qtbot, editor):
    page_from_list(qtbot, editor, "s3")
    press(qtbot, Qt.Key.Key_Tab, "7")
    press(qtbot, Qt.Key.Key_Return)
    assert editor.session.report.values.get("s3.new.natural") == 7


def test_shift_tab_from_the_first_cell_goes_back_to_the_page_list(qtbot, editor):
    """The keyboard never gets stuck in a table: Shift+Tab leaves it backwards too."""
    page_from_list(qtbot, editor, "s3")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.wizard.page_list


def test_the_table_holding_the_cursor_is_scrolled_into_view(qtbot, editor):
    """On 二 the tables are stacked in a scroll area: Tab into the last one, or a finding
    about it, must show it, not leave the clerk typing below the fold."""
    editor.resize(1366, 700)
    page = page_from_list(qtbot, editor, "s2")
    press(qtbot, Qt.Key.Key_Tab)
    for _ in range(20):
        if QApplication.focusWidget() is page.views[-1]:
            break
        press(qtbot, Qt.Key.Key_Tab)
    last = page.views[-1]
    assert QApplication.focusWidget() is last
    assert last.visibleRegion().boundingRect().height() == last.height()

    page.views[0].setFocus()
    page.views[0].scrollTo(page.models[0].index(0, 0))
    editor.wizard.show_target("s2.fees.amount")
    assert last.visibleRegion().boundingRect().height() == last.height()


def test_tab_leaves_the_report_list_for_its_buttons(qtbot, window, store, report_id):
    """In the list of reports the arrows pick a row; Tab goes on to 新建报告, not to
    the next cell of the row."""
    window.report_list.refresh()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.report_list.table.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.report_list.buttons["new"]


def test_only_the_table_with_the_focus_shows_a_highlighted_cell(qtbot, editor):
    """Tab through 二's tables: the tables left behind do not keep a blue cell each."""
    page = page_from_list(qtbot, editor, "s2")
    press(qtbot, Qt.Key.Key_Tab)
    for _ in range(7):
        press(qtbot, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused in page.views[1:]
    for view in page.views:
        assert bool(view.selectionModel().selectedIndexes()) == (view is focused)
