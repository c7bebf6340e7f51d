"""文档字体: the lists of fonts, 恢复默认, and the fonts reaching the exported document."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from desktop import dialogs
from desktop.fonts_dialog import NOT_INSTALLED, DocumentFontsDialog, chinese_families
from forms.files.document_style import DocumentStyle
from forms.storage.settings import Setting


def test_each_list_offers_the_official_font_first_then_substitutes_and_installed(qtbot):
    dialog = DocumentFontsDialog(DocumentStyle())
    qtbot.addWidget(dialog)
    body = dialog.combos["body_font"]
    names = [body.itemData(i) for i in range(body.count())]
    assert names[0] == "仿宋_GB2312" and dialog.combos["title_font"].itemData(0) == "方正小标宋简体"
    assert {"仿宋", "宋体", "黑体", "楷体"} <= set(names)
    assert set(chinese_families()) <= set(names)
    for i in range(body.count()):
        shown, name = body.itemText(i), body.itemData(i)
        assert shown in (name, name + NOT_INSTALLED)
        assert shown == name or name not in chinese_families()


def test_a_font_this_computer_lacks_is_marked(qtbot):
    dialog = DocumentFontsDialog(DocumentStyle(body_font="没有这种字体"))
    qtbot.addWidget(dialog)
    body = dialog.combos["body_font"]
    assert body.currentText() == "没有这种字体"  # typed names are kept as typed
    body.setCurrentIndex(body.findData("方正小标宋_GBK"))
    assert body.currentText() == "方正小标宋_GBK" + NOT_INSTALLED
    assert dialog.style().body_font == "方正小标宋_GBK"


def test_typed_names_are_kept_and_restore_defaults_brings_back_the_official_fonts(qtbot):
    dialog = DocumentFontsDialog(DocumentStyle(title_font="宋体"))
    qtbot.addWidget(dialog)
    dialog.combos["heading1_font"].setEditText(" 微软雅黑 ")
    dialog.combos["table_font"].setEditText("")
    chosen = dialog.style()
    assert (chosen.title_font, chosen.heading1_font) == ("宋体", "微软雅黑")
    assert chosen.table_font == DocumentStyle().table_font  # emptied keeps the default
    dialog.defaults_button.click()
    assert dialog.style() == DocumentStyle()


def choose_in_dialog(qtbot, **names: str):
    """Return a stand-in for ask_document_style that picks `names` in the real dialog."""

    def ask(current: DocumentStyle) -> DocumentStyle:
        dialog = DocumentFontsDialog(current)
        qtbot.addWidget(dialog)
        for key, name in names.items():
            dialog.combos[key].setCurrentIndex(dialog.combos[key].findData(name))
        return dialog.style()

    return ask


def east_asian_font(path, style: str = "Normal") -> str:
    rpr = docx.Document(str(path)).styles[style].element.rPr
    return rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_fonts_chosen_on_the_check_page_are_used_by_the_export(qtbot, monkeypatch, editor, store):
    monkeypatch.setattr(dialogs, "ask_document_style", choose_in_dialog(qtbot, body_font="仿宋"))
    editor.wizard.go_to(len(editor.wizard.pages) - 1)
    editor.wizard.check_page.fonts_button.click()
    assert store.setting(Setting.DOCUMENT_STYLE)["body_font"] == "仿宋"
    assert "已保存文档字体" in editor.status_message.text()
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)  # the report has errors
    monkeypatch.setattr(dialogs, "export_done", lambda *a: None)
    path = editor.wizard.export_word()
    assert east_asian_font(path) == "仿宋"
    assert east_asian_font(path, "Title") == "方正小标宋简体"


def test_fonts_from_the_toolbar_even_without_a_report_and_cancel_keeps_them(
    qtbot, monkeypatch, window, store
):
    monkeypatch.setattr(dialogs, "ask_document_style", choose_in_dialog(qtbot, title_font="黑体"))
    window.fonts_action.trigger()
    assert DocumentStyle.from_setting(store.setting(Setting.DOCUMENT_STYLE)).title_font == "黑体"
    monkeypatch.setattr(dialogs, "ask_document_style", lambda current: None)
    window.fonts_action.trigger()
    assert store.setting(Setting.DOCUMENT_STYLE)["title_font"] == "黑体"
