"""The program's look in one place: its colours and its styled labels.

Every red, amber, green and grey in the window comes from here, so an error looks the
same on every page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel

from forms.format.spec import Severity

ERROR = "#b3261e"  # text of an error: wrong totals, refused input, failed save
WARNING = "#8a5a00"  # text of a warning
GOOD = "#1f7a3a"  # text of "no problem"
HINT = "#5f6b7a"  # explanations under headings and editors
TEXT = "#1a1a1a"  # text on every background below, whatever the system's colour scheme
GRID = "#9aa3ae"  # table grid lines

HEADER_BACKGROUND = "#f1f3f6"  # the official header cells
TOTAL_BACKGROUND = "#e4e8ee"  # computed totals
ERROR_BACKGROUND = "#f7c5c5"  # a cell in an error
WARNING_BACKGROUND = "#ffe3a6"  # a cell in a warning
BLANK_BACKGROUND = "#fff7f7"  # a cell still blank when blanks are marked

BANNER = "background: #fff4d6; color: #6b4a00; padding: 6px; border: 1px solid #e0c070;"
HINT_STYLE = f"color: {HINT};"
SEVERITY_COLOR = {Severity.ERROR: ERROR, Severity.WARNING: WARNING}


def color(name: str) -> QColor:
    """Return one of the colours above as a QColor."""
    return QColor(name)


def force_light_scheme(app) -> None:
    """Ask Qt for the light colour scheme (Qt 6.8+): Windows 11 in dark mode would
    otherwise give the windows11 style a dark palette, i.e. light text on the light
    backgrounds below. The table cells also set TEXT wherever they set a background,
    for a system where the request is not honoured."""
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Light)


def brush(name: str) -> QBrush:
    """Return one of the backgrounds above as a QBrush."""
    return QBrush(QColor(name))


def heading_label(text: str, size: float = 1.5) -> QLabel:
    """Return a bold heading label, `size` times the normal font."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def hint_label(text: str) -> QLabel:
    """Return a grey, wrapped explanatory label."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label
