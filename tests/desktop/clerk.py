"""What a clerk does to the real window, shared by the scenario tests and the
separate-process driver: find a cell on its page, write a text field."""

from __future__ import annotations

from desktop.text_page import TextPage


def cell(window, cid: str):
    """Return (view, index) of a cell on its page, after going to that page."""
    window.wizard.show_target(cid)
    table_page = window.wizard.current_page()
    for model, view in zip(table_page.models, table_page.views, strict=True):
        if model.index_of(cid).isValid():
            return view, model.index_of(cid)
    raise KeyError(cid)


def write_text(window, field_id: str, text: str) -> None:
    """Write Chinese text in a field's editor (as an input method would commit it)."""
    for text_page in window.wizard.section_pages:
        if isinstance(text_page, TextPage) and field_id in text_page.editors:
            text_page.editors[field_id].setPlainText(text)
            return
    raise KeyError(field_id)
