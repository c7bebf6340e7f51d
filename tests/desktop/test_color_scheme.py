"""Windows 11 in dark mode: the program asks for the light scheme, and where the
system gives a dark palette anyway, every cell with a background stays readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QStyleHints
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop import app
from desktop.session import ReportSession
from desktop.table_model import ReportTableModel
from desktop.table_view import ReportTableView
from forms.format.annual_report_2021 import S3_TABLE


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * (channel(color.blueF()))
    )


def contrast(a: QColor, b: QColor) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21; 4.5 is readable text)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def dark_palette() -> QPalette:
    """Return a palette like the windows11 style's in dark mode: light text on dark."""
    palette = QPalette()
    for role, name in (
        (QPalette.ColorRole.Window, "#202020"),
        (QPalette.ColorRole.Base, "#1c1c1c"),
        (QPalette.ColorRole.Text, "#ffffff"),
        (QPalette.ColorRole.WindowText, "#ffffff"),
        (QPalette.ColorRole.ButtonText, "#ffffff"),
    ):
        palette.setColor(role, QColor(name))
    return palette


@pytest.fixture
def scheme(qapp, request):
    """Switch the application's palette to the scheme asked for; restore it after."""
    saved = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(saved)


def test_the_application_asks_for_the_light_scheme(qapp, monkeypatch):
    asked = []
    monkeypatch.setattr(QStyleHints, "setColorScheme", lambda _hints, s: asked.append(s))
    app.application()
    assert asked == [Qt.ColorScheme.Light]


@pytest.mark.parametrize("scheme", ["light", "dark"], indirect=True)
def test_cells_with_a_background_are_readable_in_both_schemes(qtbot, store, report_id, scheme):
    session = ReportSession(store, report_id)
    session.set_values({"s3.new.natural": 5})  # a total and a failing balance
    model = ReportTableModel(session, S3_TABLE)
    view = ReportTableView(model)
    qtbot.addWidget(view)
    checked = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            # what the view paints: the delegate's text colour over the cell's background
            option = QStyleOptionViewItem()
            option.initFrom(view)
            view.itemDelegate().initStyleOption(option, index)
            if option.backgroundBrush.style() == Qt.BrushStyle.NoBrush:
                continue
            text = option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
            background = option.backgroundBrush.color()
            assert contrast(text, background) >= 4.5, (scheme, row, column, text.name())
            checked += 1
    assert checked > 50  # headers, totals, the balance row
