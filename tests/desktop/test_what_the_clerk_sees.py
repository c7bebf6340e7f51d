"""What the clerk sees in the editor (issue 8, items 7–14): whole sums in the 核对 row,
the header of 表三 while it scrolls, findings brought into view, refusals said at the
cell, the fee button, 定稿."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop import dialogs, style
from desktop.findings_panel import FINDING_ROLE
from forms.format.registry import CURRENT
from tests.desktop.clerk import cell
from tests.desktop.conftest import UNIT

S3_NATURAL = {  # 3001 + 34 = 3035 ≠ 2932 + 130 = 3062
    "s3.new.natural": 3001,
    "s3.carried.natural": 34,
    "s3.disclosed.natural": 2900,
    "s3.partial.natural": 32,
    "s3.carry_next.natural": 130,
}


def page(window, section_id: str):
    """Go to the page of section `section_id` and return it."""
    wizard = window.wizard
    for index, shown in enumerate(wizard.pages):
        if getattr(shown, "section", None) is not None and shown.section.id == section_id:
            wizard.go_to(index)
            return shown
    raise KeyError(section_id)


def fill_s3(window, values: dict[str, int]) -> None:
    page(window, "s3").fill_button.click()
    window.session.set_values(values)


def test_the_balance_message_and_the_check_row_show_both_sums_in_full(qtbot, editor):
    fill_s3(editor, S3_NATURAL)
    balance = next(f for f in editor.session.findings if f.code == "S3_BALANCE")
    assert balance.message == (
        "自然人列：本年新收 3001 + 上年结转 34 = 3035，"
        "办理结果总计 2932 + 结转下年度 130 = 3062，差 27"
    )
    view, index = cell(editor, "s3.new.natural")
    model = view.model()
    check_row = model.index(model.rowCount() - 1, index.column())
    assert check_row.data() == "3035 ✗\n≠ 3062\n差 27"
    assert check_row.data(Qt.ItemDataRole.ToolTipRole) == balance.message
    fits(view, check_row)
    editor.session.set_values({"s3.disclosed.natural": 50})  # 差 2823: wider, still whole
    assert check_row.data() == "3035 ✗\n≠ 212\n差 2823"
    fits(view, check_row)


def fits(view, index) -> None:
    """Assert that each line of the cell's text fits its width (item margins included)
    and that the row is tall enough for all of them: nothing is wrapped or cut."""
    metrics = view.fontMetrics()
    lines = index.data().split("\n")
    assert view.rowHeight(index.row()) >= len(lines) * metrics.lineSpacing()
    width = view.columnWidth(index.column()) - 8
    assert all(metrics.horizontalAdvance(t) <= width for t in lines), lines


def test_the_fee_sentence_is_offered_only_when_no_fees_were_collected(editor):
    s6 = page(editor, "s6")
    button = s6.fee_button
    assert button.isVisibleTo(s6)  # 行政事业性收费 blank
    editor.session.set_values({"s2.fees.amount": Decimal("12.5")})
    assert not button.isVisibleTo(s6)
    editor.session.set_values({"s2.fees.amount": 0})
    assert button.isVisibleTo(s6)
    editor.session.undo()  # back to 12.5 万元
    assert not button.isVisibleTo(s6)


def pick(window, cid: str) -> None:
    """Click, on 检查与导出, the finding whose first cell is `cid`."""
    wizard = window.wizard
    wizard.go_to(len(wizard.pages) - 1)
    tree = wizard.check_page.findings.tree
    items = [
        tree.topLevelItem(t).child(r)
        for t in range(tree.topLevelItemCount())
        for r in range(tree.topLevelItem(t).childCount())
    ]
    item = next(i for i in items if i.data(0, FINDING_ROLE).cells[0] == cid)
    tree.setFocus()
    tree.itemClicked.emit(item, 0)


def screen_size(window) -> None:
    window.resize(1366, 768)
    window.activateWindow()


@pytest.mark.parametrize("cid", ["s3.unable.2.research", "s2.licensing.decisions"])
def test_picking_a_finding_centres_its_cell_and_gives_it_the_focus(qtbot, editor, cid):
    screen_size(editor)
    for section in ("s2", "s3"):
        page(editor, section).fill_button.click()
    editor.session.set_values({cid: None})  # one blank cell: 表… 有 1 格未填写
    pick(editor, cid)
    view, index = cell(editor, cid)
    qtbot.waitUntil(view.hasFocus)
    assert view.currentIndex() == index
    shown = view.visibleRegion().boundingRect()
    centre = view.visualRect(index).center()
    assert shown.contains(centre)
    area = editor.wizard.current_page().area or view
    middle = area.viewport().mapToGlobal(area.viewport().rect().center())
    assert abs(view.viewport().mapToGlobal(centre).y() - middle.y()) < 2 * view.rowHeight(
        index.row()
    )


def test_picking_a_text_finding_centres_its_editor_with_the_cursor_in_it(qtbot, editor):
    screen_size(editor)
    pick(editor, "s5.improvements")
    s5 = editor.wizard.current_page()
    field = s5.editors["s5.improvements"]
    qtbot.waitUntil(field.hasFocus)
    middle = s5.area.viewport().mapToGlobal(s5.area.viewport().rect().center())
    assert abs(field.mapToGlobal(field.rect().center()).y() - middle.y()) < field.height()


def balloon_below(view, index) -> str:
    """Return the text of the balloon shown just below the cell at `index`."""
    balloon = view.balloon
    assert balloon.isVisible()
    cell_bottom = view.viewport().mapToGlobal(view.visualRect(index).bottomLeft())
    assert 0 <= balloon.geometry().top() - cell_bottom.y() <= 4
    on_screen = view.screen().availableGeometry().right() - balloon.width()
    assert abs(balloon.geometry().left() - min(cell_bottom.x(), on_screen)) <= 4
    return balloon.text()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Tab])
def test_refused_input_is_said_beside_the_cell_and_the_cursor_stays(qtbot, editor, store, key):
    screen_size(editor)
    view, index = cell(editor, "s3.carried.natural")
    view.setFocus()
    for char in "12x":
        qtbot.keyClicks(view.focusWidget(), char)  # the first opens the cell's editor
    qtbot.keyClick(view.focusWidget(), key)
    assert "不是件数" in balloon_below(view, index)
    assert view.currentIndex() == index
    assert view.state() == view.State.EditingState  # still typing in the cell
    assert view.focusWidget().text() == "12x" and view.focusWidget().selectedText() == "12x"
    assert "s3.carried.natural" not in store.load_report(editor.session.report_id).values
    qtbot.keyClicks(view.focusWidget(), "12")  # the correction replaces the selected text
    qtbot.keyClick(view.focusWidget(), key)
    assert store.load_report(editor.session.report_id).values["s3.carried.natural"] == 12
    assert view.currentIndex() != index  # accepted: on to the next cell as usual


def test_typing_into_a_total_says_it_is_computed_and_from_which_cells(qtbot, editor, store):
    screen_size(editor)
    view, index = cell(editor, "s3.new.total")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_5)
    said = balloon_below(view, index)
    assert said == (
        "本年新收/总计由程序自动计算（= 自然人 + 商业企业 + 科研机构 + 社会公益组织 + "
        "法律服务机构 + 其他法人或其他组织），不用填写，请填写这些格"
    )
    assert view.currentIndex() == index
    assert store.load_report(editor.session.report_id).values == {}
    assert editor.status_message.text() == said  # also in the status bar, in red
    assert style.ERROR in editor.status_message.styleSheet()
    _view, column_total = cell(editor, "s3.total.natural")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert "办理结果总计/自然人由程序自动计算（= 予以公开至其他处理-其他共 21 格）" in (
        balloon_below(view, column_total)
    )


def test_final_asks_once_listing_the_warnings_and_nothing_moves(qtbot, monkeypatch, editor):
    screen_size(editor)
    for section in ("s2", "s3", "s4"):
        page(editor, section).fill_button.click()
    for field, text in {
        "s1.intro": "本年度工作情况。",
        "s5.problems": "存在问题。",
        "s5.improvements": "存在问题。",  # the same: a TEXT_UNCHANGED warning
        "s6.other": "无。",  # no 信息处理费 sentence: a FEE_STATEMENT warning
    }.items():
        editor.session.set_text(field, text)
    assert editor.session.errors == []
    wizard = editor.wizard
    check_page = wizard.check_page
    wizard.go_to(len(wizard.pages) - 1)
    buttons = (check_page.export_button, check_page.final_button, wizard.next_button)
    wizard.back_button.ensurePolished()
    before = [b.mapTo(editor, b.rect().topLeft()) for b in (*buttons, wizard.back_button)]
    asked = []
    answers = iter([False, True])
    monkeypatch.setattr(
        dialogs, "confirm", lambda text, title="": asked.append(text) or next(answers)
    )

    check_page.final_button.click()  # 否: still a draft
    assert not editor.session.is_final and len(asked) == 1
    assert "还有 2 个提醒" in asked[0]
    assert "五、存在的主要问题及改进情况（二）改进措施" in asked[0] and "信息处理费" in asked[0]

    check_page.final_button.click()  # 是
    assert editor.session.is_final and len(asked) == 2
    assert wizard.final_banner.isVisible()
    after = [b.mapTo(editor, b.rect().topLeft()) for b in (*buttons, wizard.back_button)]
    assert after == before
    check_page.final_button.click()  # 撤销定稿 asks nothing
    assert not editor.session.is_final and len(asked) == 2


def exporting(monkeypatch) -> list[str]:
    """Let exports of a draft go ahead; return the questions 导出Word asks."""
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)  # the drafts have errors
    monkeypatch.setattr(dialogs, "export_done", lambda *a: None)
    return asked


def test_export_never_silently_replaces_a_document_changed_since(monkeypatch, editor):
    exporting(monkeypatch)
    path = editor.wizard.export_word()
    assert editor.wizard.export_word() == path  # unchanged since: replaced without asking
    path.write_bytes(b"edited in WPS")
    answers = iter([None, "save_as", "replace"])
    asked = []
    monkeypatch.setattr(
        dialogs, "ask_replace", lambda p, changed: asked.append((p, changed)) or next(answers)
    )
    assert editor.wizard.export_word() is None  # 取消
    assert path.read_bytes() == b"edited in WPS" and asked == [(path, True)]
    elsewhere = path.parent / "另存.docx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda suggested: elsewhere)
    assert editor.wizard.export_word() == elsewhere  # 另存为
    assert path.read_bytes() == b"edited in WPS" and elsewhere.stat().st_size > 1000
    assert editor.wizard.export_word() == path  # 替换
    assert path.stat().st_size > 1000 and len(asked) == 3


def test_two_units_whose_names_clean_alike_keep_their_own_documents(
    monkeypatch, editor, store, report_id
):
    exporting(monkeypatch)
    first = editor.wizard.export_word()
    other = store.create_report(UNIT.replace("区", "区:"), 2024, CURRENT)  # ':' is cleaned
    editor.open_report(other)
    second = editor.wizard.export_word()
    assert second != first and second.name == first.name.replace(".docx", "（2）.docx")
    assert UNIT in docx_text(first) and "区:" in docx_text(second)
    assert editor.wizard.export_word() == second  # each back to its own file
    editor.open_report(report_id)
    assert editor.wizard.export_word() == first
    assert "区:" not in docx_text(first) and "区:" in docx_text(second)


def docx_text(path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_table_three_keeps_its_header_in_view_scrolled_to_the_bottom(qtbot, editor):
    screen_size(editor)
    fill_s3(editor, S3_NATURAL)
    s3 = page(editor, "s3")
    view = s3.views[0]
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0  # 25 rows do not fit: the table scrolls
    bar.setValue(bar.maximum())
    model, header = view.model(), view._frozen
    last = model.index(model.rowCount() - 1, model.grid.header_columns)  # the 核对 row
    first = model.index(model.grid.header_rows, model.grid.header_columns)  # 本年新收
    assert view.viewport().rect().contains(view.visualRect(last))
    assert not view.viewport().rect().intersects(view.visualRect(first))  # scrolled away
    # the header rows sit above the rows, in full, with their official labels
    assert header.isVisible() and header.geometry().bottom() < view.viewport().geometry().top()
    labels = {
        model.index(r, c).data()
        for r in range(model.grid.header_rows)
        for c in range(model.columnCount())
        if header.viewport().rect().contains(header.visualRect(model.index(r, c)))
    }
    assert {"申请人情况", "自然人", "法人或其他组织", "商业企业", "总计"} <= labels
    header_height = sum(header.rowHeight(r) for r in range(model.grid.header_rows))
    assert (
        header.height() == header_height >= model.grid.header_rows * header.fontMetrics().height()
    )
    # the header follows a sideways scroll and a change of type size
    editor.zoom(+6)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert header.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    assert all(header.columnWidth(c) == view.columnWidth(c) for c in range(model.columnCount()))


def test_table_four_fits_a_1366_by_768_screen_without_scrolling_sideways(qtbot, editor):
    editor.resize(1280, 706)  # the first-start size on a 1366×768 screen (MainWindow)
    s4 = page(editor, "s4")
    view = s4.views[0]
    qtbot.waitExposed(view)
    assert view.contents_width() <= view.viewport().width() + 2 * view.frameWidth()
    assert view.horizontalScrollBar().maximum() == 0
