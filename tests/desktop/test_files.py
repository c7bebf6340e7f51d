"""Reports in the world, through the real window: importing a published Word report,
carrying over from last year's file when creating a report, exporting a web page."""

from __future__ import annotations

from pathlib import Path

from desktop import dialogs
from desktop.dialogs import NewReport
from forms.files.docx_writer import export_report
from forms.files.formats import read_file
from forms.report.carry import carry_over
from forms.report.totals import resolve
from tests.conftest import data_report
from tests.desktop.conftest import UNIT
from tests.forms.template_docs import sample_report, template_docx


def test_importing_a_word_report_shows_what_was_not_read_first(
    monkeypatch, window, store, tmp_path
):
    path = template_docx(sample_report(), tmp_path / "西街2023.docx", {"subtotal"})
    asked = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: path)
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": asked.append(text) or True)
    report_id = window.report_list.import_report()
    assert "1 处内容未能读取" in asked[0] and "小计”列" in asked[0]
    stored = store.load_report(report_id)
    assert (stored.unit, stored.year) == ("红旗区西街街道办事处", 2023)
    assert resolve(stored) == resolve(sample_report())


def test_an_old_word_file_is_refused_with_what_to_do(monkeypatch, window, tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    errors = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: path)
    monkeypatch.setattr(dialogs, "error", lambda text, title="": errors.append(text))
    assert window.report_list.import_report() is None
    assert "另存为” Word 文档（.docx）后再导入" in errors[0]


def test_new_report_carries_over_from_last_years_word_file(
    qtbot, monkeypatch, window, store, tmp_path
):
    """First year with the program: last year's report is only a Word file."""
    last_year = data_report("xijie-2022-previous")
    path = export_report(last_year, tmp_path / "2022年报.docx").path
    shown = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: path)
    monkeypatch.setattr(
        dialogs, "confirm_previous_from_file", lambda p, r, y: shown.append(r) or True
    )
    dialog = dialogs.NewReportDialog([], last_year.unit, 2023, lambda u, y: False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.from_file.isVisible() and not dialog.carry.isVisible()
    dialog.from_file.click()
    assert shown[0].report.year == 2022  # what was read is shown before it is used
    assert dialog.carry.isVisible() and "2022年报.docx" in dialog.carry.text()
    choice = dialog.choice()
    assert choice.previous is not None and choice.carry_over

    monkeypatch.setattr(dialogs, "ask_new_report", lambda *a: choice)
    window.report_list.new_report()
    report = window.session.report
    assert report.values == carry_over(last_year).values  # 上年结转 from the file
    assert report.values["s3.carried.natural"] == 2
    assert report.text("s5.problems") == last_year.text("s5.problems")
    stored = store.load_previous(last_year.unit, 2023)
    assert stored is not None and resolve(stored) == resolve(last_year)


def test_a_file_of_another_year_is_refused_for_carry_over(qtbot, monkeypatch, tmp_path):
    path = export_report(data_report("xijie-2023"), tmp_path / "2023.docx").path
    errors = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: path)
    monkeypatch.setattr(dialogs, "error", lambda text, title="": errors.append(text))
    dialog = dialogs.NewReportDialog([], UNIT, 2023, lambda u, y: False)
    qtbot.addWidget(dialog)
    dialog.from_file.click()
    assert "是 2023 年的报告，不是 2022 年的" in errors[0]
    assert dialog.choice() == NewReport(UNIT, 2023, False)


def test_export_web_page(monkeypatch, editor, store, tmp_path):
    target = tmp_path / "page"
    monkeypatch.setattr(
        dialogs, "ask_save_path", lambda suggested, kind: target.with_suffix(".html")
    )
    monkeypatch.setattr(dialogs, "confirm", lambda text, title="": True)
    told = []
    monkeypatch.setattr(
        dialogs, "export_done", lambda path, cleaned, errors: told.append((path, errors))
    )
    path = editor.wizard.export_web_page()
    errors = len(editor.session.errors)
    assert errors and path == Path(tmp_path / "page.html") and told == [(path, errors)]
    assert f"草稿（还有 {errors} 个错误）" in path.read_text(encoding="utf-8")
    assert "页首标有“草稿”" in editor.status_message.text()
    assert read_file(path).report.unit == editor.session.report.unit
