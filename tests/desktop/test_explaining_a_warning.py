"""A clerk explains a warning (说明): it is shown greyed with the 说明, survives closing
and reopening the program and a re-check, and is open again when one of its cells changes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import app, dialogs, style
from desktop.dialogs import Explanation, ExplanationDialog, NewReport
from desktop.findings_panel import EXPLAINED_COLOR, FINDING_ROLE, WARNING_COLOR
from desktop.table_model import WARNING_BRUSH
from forms.storage.settings import Setting
from forms.storage.store import Store
from tests.desktop.clerk import cell, write_text
from tests.desktop.conftest import UNIT
from tests.desktop.test_scenarios import fill_everything, type_value

NOTE = "另有 4 件处罚决定为上年作出、本年公开"
STATED = "本年度公开行政处罚决定9件。"


def finding_items(panel) -> list:
    tree = panel.tree
    return [
        tree.topLevelItem(t).child(r)
        for t in range(tree.topLevelItemCount())
        for r in range(tree.topLevelItem(t).childCount())
    ]


def stated_item(panel):
    return next(
        i for i in finding_items(panel) if i.data(0, FINDING_ROLE).code == "TEXT_MATCHES_TABLE"
    )


def test_an_explained_warning_is_kept_until_its_cell_changes(
    qtbot, monkeypatch, window, store, tmp_path
):
    monkeypatch.setattr(dialogs, "ask_new_report", lambda *a: NewReport(UNIT, 2024, False))
    report_id = window.report_list.new_report()
    fill_everything(qtbot, window)
    write_text(window, "s1.proactive", STATED)
    type_value(qtbot, window, "s2.penalty.decisions", "5")
    panel = window.wizard.findings
    item = stated_item(panel)
    assert "（9 件），表二行政处罚本年处理决定数量为 5" in item.text(0)
    assert item.text(0).startswith("【提醒】")

    asked = []
    monkeypatch.setattr(
        dialogs,
        "ask_explanation",
        lambda message, note, who: asked.append((message, note, who)) or Explanation(NOTE, "张三"),
    )
    message = item.data(0, FINDING_ROLE).message
    panel.tree.setCurrentItem(item)
    assert panel.explain_button.isVisibleTo(window) and panel.explain_button.text() == "说明…"
    panel.explain_button.click()
    assert asked == [(message, "", "")]
    item = stated_item(panel)
    assert item.text(0).startswith("【已说明】")
    assert item.foreground(0).color() == EXPLAINED_COLOR
    assert item.child(0).text(0).startswith(f"说明：{NOTE}（张三，")
    assert "1 个已说明" in panel.title.text() and "提醒" not in panel.title.text()
    assert "✓" in window.wizard.page_list.item(1).text()  # 一's page asks for nothing more
    assert store.setting(Setting.ACKNOWLEDGED_BY) == "张三"
    _view, index = cell(window, "s2.penalty.decisions")
    assert index.data(Qt.ItemDataRole.BackgroundRole) is None  # no longer amber
    assert "（已说明）" in index.data(Qt.ItemDataRole.ToolTipRole)

    window.close()  # close the program, open it again on the same data file
    store.close()
    reopened_store = Store.open(tmp_path / "nianbao.db")
    reopened = app.build_main_window(reopened_store)
    qtbot.addWidget(reopened)
    reopened.show()
    assert reopened.session.report_id == report_id
    panel = reopened.wizard.findings
    assert stated_item(panel).text(0).startswith("【已说明】")

    write_text(reopened, "s1.intro", "本年度，街道认真贯彻落实条例。")  # any edit checks again
    assert stated_item(panel).text(0).startswith("【已说明】")
    panel.tree.setCurrentItem(stated_item(panel))
    assert panel.explain_button.text() == "修改说明…"

    type_value(qtbot, reopened, "s2.penalty.decisions", "6")  # its cell changes
    item = stated_item(panel)
    assert item.text(0).startswith("【提醒】") and item.childCount() == 0
    assert item.foreground(0).color() == WARNING_COLOR
    _view, index = cell(reopened, "s2.penalty.decisions")
    assert index.data(Qt.ItemDataRole.BackgroundRole) == WARNING_BRUSH
    assert "1 个提醒" in panel.title.text()
    reopened.close()
    reopened_store.close()


def test_errors_offer_no_explanation(qtbot, editor):
    panel = editor.wizard.findings
    error = next(i for i in finding_items(panel) if i.data(0, FINDING_ROLE).is_error)
    panel.tree.setCurrentItem(error)
    assert not panel.explain_button.isVisibleTo(editor)


def test_the_explanation_dialog_returns_what_was_written(qtbot):
    dialog = ExplanationDialog("“六、其他需要报告的事项”中没有说明……", "", "张三")
    qtbot.addWidget(dialog)
    dialog.note.setPlainText("  本单位不收费，已在一中说明  ")
    assert dialog.explanation() == Explanation("本单位不收费，已在一中说明", "张三")


def test_the_context_menu_explains_and_withdraws(qtbot, monkeypatch, editor):
    write_text(editor, "s5.problems", "无")
    panel = editor.wizard.findings

    def placeholder():
        return next(
            i for i in finding_items(panel) if i.data(0, FINDING_ROLE).code == "TEXT_PLACEHOLDER"
        )

    def menu_of(item) -> dict:
        panel.tree.setCurrentItem(item)
        return {a.text(): a for a in panel.context_menu().actions()}

    monkeypatch.setattr(dialogs, "ask_explanation", lambda *a: Explanation("确无问题", "李四"))
    actions = menu_of(placeholder())
    assert list(actions) == ["说明…"]
    actions["说明…"].trigger()
    assert placeholder().text(0).startswith("【已说明】")
    actions = menu_of(placeholder())
    assert list(actions) == ["修改说明…", "撤销说明"]
    actions["撤销说明"].trigger()
    assert placeholder().text(0).startswith("【提醒】")
    assert editor.session.store.load_report(editor.session.report_id).acknowledgements == []
    error = next(i for i in finding_items(panel) if i.data(0, FINDING_ROLE).is_error)
    panel.tree.setCurrentItem(error)
    assert panel.context_menu() is None


def test_an_explained_placeholder_is_greyed_under_its_text(qtbot, monkeypatch, editor):
    write_text(editor, "s5.problems", "暂无。")
    page = next(p for p in editor.wizard.section_pages if p.section.id == "s5")
    assert "只写了“暂无。”" in page.marks["s5.problems"].text()
    session = editor.session
    placeholder = next(f for f in session.findings if f.code == "TEXT_PLACEHOLDER")
    session.acknowledge(placeholder, "本年度经自查确无问题", "张三")
    assert page.marks["s5.problems"].text().endswith("（已说明）")
    assert style.HINT in page.marks["s5.problems"].styleSheet()


def test_finalizing_lists_only_the_warnings_not_explained(qtbot, monkeypatch, window, store):
    monkeypatch.setattr(dialogs, "ask_new_report", lambda *a: NewReport(UNIT, 2024, False))
    window.report_list.new_report()
    fill_everything(qtbot, window)
    write_text(window, "s1.proactive", STATED)
    write_text(window, "s5.improvements", "暂无")
    session = window.session
    stated = next(f for f in session.findings if f.code == "TEXT_MATCHES_TABLE")
    session.acknowledge(stated, NOTE, "张三")
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": asked.append(text) or False)
    window.wizard.check_page.final_button.click()
    assert "还有 1 个提醒" in asked[0] and "只写了“暂无”" in asked[0]
    assert "另有 1 个提醒已加说明" in asked[0] and "行政处罚" not in asked[0]
