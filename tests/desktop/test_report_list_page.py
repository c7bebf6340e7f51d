"""The report list reads each report's kept error count: it does not check reports that
did not change (a 政务公开办 may hold 200 reports)."""

from __future__ import annotations

from desktop.report_list_page import ReportListPage
from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.report import checks
from forms.report.values import Report
from forms.storage import store as store_module


def test_the_list_checks_only_the_reports_that_changed(qtbot, store, monkeypatch):
    typed = {cid: 0 for cid, cell in cells(CURRENT).items() if not cell.is_total}
    typed["s3.new.natural"] = 2  # 2 new requests, none handled: the 自然人 column fails
    ids = {
        unit: store.add_report(Report(CURRENT, unit, 2024, values=dict(typed)))
        for unit in ("东街街道办事处", "西街街道办事处", "南街街道办事处")
    }
    page = ReportListPage(store)
    qtbot.addWidget(page)
    page.refresh()
    checked: list[str] = []

    def counting(report, previous=None):
        checked.append(report.unit)
        return checks.check(report, previous)

    monkeypatch.setattr(store_module, "check", counting)
    page.refresh()
    assert checked == []
    store.save_value(ids["西街街道办事处"], "s3.new.natural", 0)
    page.refresh()
    assert checked == ["西街街道办事处"]
    markers = {page.table.item(r, 0).text(): page.table.item(r, 4).text() for r in range(3)}
    errors = {unit: int(text.split()[1]) for unit, text in markers.items()}
    assert errors["西街街道办事处"] == errors["东街街道办事处"] - 1  # its column now balances
