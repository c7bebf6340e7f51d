"""Opening a report does not measure the tables of pages the clerk has not opened (most
of the start-up time); a page is laid out by the time it is shown."""

from __future__ import annotations

from desktop.table_page import TablePage
from desktop.table_view import ReportTableView


def test_tables_are_measured_when_their_page_opens(qtbot, window, report_id, monkeypatch):
    measured: list[ReportTableView] = []
    original = ReportTableView.resizeRowsToContents

    def counting(view: ReportTableView) -> None:
        measured.append(view)
        original(view)

    monkeypatch.setattr(ReportTableView, "resizeRowsToContents", counting)
    window.open_report(report_id)  # opens on 基本信息: no table shown yet
    assert measured == []
    s3 = next(p for p in window.wizard.section_pages if isinstance(p, TablePage) and
              p.tables[0].id.startswith("s3"))  # fmt: skip
    window.wizard.show_target("s3.new.natural")
    assert window.wizard.current_page() is s3
    assert measured == s3.views
    view = s3.views[0]
    label_height = view.fontMetrics().height()
    # every row was sized (to its text and the cell padding), none left at a bare line
    shown = [r for r in range(view.model().rowCount()) if not view.isRowHidden(r)]  # frozen
    assert shown and all(view.rowHeight(r) > label_height for r in shown)
