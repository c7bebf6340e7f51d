"""The main window across starts: the page it opens on, one window per data file."""

from __future__ import annotations

from desktop import app


def test_the_report_reopens_on_the_page_last_worked_on(qtbot, store, editor):
    wizard = editor.wizard
    assert wizard.current_page() is wizard.info_page  # a new report starts at 基本信息
    s4 = next(
        i
        for i, p in enumerate(wizard.pages)
        if getattr(p, "section", None) and p.section.id == "s4"
    )
    wizard.page_list.setCurrentRow(s4)
    editor.close()

    again = app.build_main_window(store)  # the next start, on the same data file
    qtbot.addWidget(again)
    shown = again.wizard.current_page()
    assert shown is again.wizard.pages[s4]
    assert again.wizard.page_list.currentItem().text().startswith("四 ")
