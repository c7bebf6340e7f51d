"""The findings panel: long findings stay on one line with the whole message as tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.findings_panel import FINDING_ROLE, FindingsPanel
from desktop.session import ReportSession


def test_table_three_blank_cells_finding_is_one_elided_line_with_full_tooltip(
    qtbot, store, report_id
):
    panel = FindingsPanel(ReportSession(store, report_id))
    qtbot.addWidget(panel)
    items = [
        panel.tree.topLevelItem(i).child(j)
        for i in range(panel.tree.topLevelItemCount())
        for j in range(panel.tree.topLevelItem(i).childCount())
    ]
    blank_s3 = next(i for i in items if i.data(0, FINDING_ROLE).message.startswith("三、"))
    message = blank_s3.data(0, FINDING_ROLE).message
    assert "格未填写" in message
    assert blank_s3.toolTip(0) == message
    assert not panel.tree.wordWrap()
    assert panel.tree.textElideMode() == Qt.TextElideMode.ElideRight
