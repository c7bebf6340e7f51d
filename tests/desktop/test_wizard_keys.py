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
