"""导出Word with a number still being typed: the open cell is confirmed first, as Enter
would; numbers typed and left unconfirmed (yellow) are not exported without asking."""

from __future__ import annotations

import docx

from desktop import dialogs
from tests.desktop.clerk import cell

ASK = dialogs.export_despite_drafts  # the question itself (the tests' fixture answers it)


def document_cells(path) -> list[str]:
    return [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]


def test_the_number_being_typed_is_confirmed_and_exported(monkeypatch, complete_editor, store):
    editor = complete_editor
    monkeypatch.setattr(dialogs, "export_done", lambda *a, **k: None)
    view, index = cell(editor, "s4.review.upheld")
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    line = view.focusWidget()
    line.setText("987")
    line.textEdited.emit("987")
    editor.export_action.trigger()
    report_id = editor.session.report_id
    assert store.load_report(report_id).value("s4.review.upheld") == 987
    assert store.drafts(report_id) == {}
    assert "987" in document_cells(editor.wizard.last_export)
    assert index.data() == "987"


def test_unconfirmed_numbers_are_exported_only_when_the_clerk_says_so(
    monkeypatch, window, store, complete_id
):
    store.save_draft(complete_id, "s4.review.upheld", "987")
    window.open_report(complete_id)
    asked = []
    monkeypatch.setattr(dialogs, "export_despite_drafts", lambda n: asked.append(n) or False)
    assert window.wizard.export_word() is None
    assert asked == [1]
    assert window.wizard.last_export is None

    monkeypatch.setattr(dialogs, "export_despite_drafts", lambda n: True)
    monkeypatch.setattr(dialogs, "export_done", lambda *a, **k: None)
    path = window.wizard.export_word()
    assert path is not None and "987" not in document_cells(path)
    assert store.drafts(complete_id) == {"s4.review.upheld": "987"}  # still to confirm


def test_the_question_says_how_many_cells_and_that_they_are_not_exported(monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda text, title: asked.append(text) or True)
    assert ASK(3)
    assert asked == ["还有 3 格输入未确认（黄色格），不会导出，仍要导出吗？"]
