"""A note beside a cell, styled as a tooltip: what was refused there and why.

The status bar is far from where the clerk looks while typing; the balloon appears
just below the cell and goes after a few seconds or at the next key.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop import style

SHOWN_MS = 6000
WIDTH = 420  # wider notes wrap


class Balloon(QLabel):
    """A tooltip-like window showing one message below a spot of a widget."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip)
        self.setWordWrap(True)
        self.setMaximumWidth(WIDTH)
        self.setStyleSheet(
            f"background: #fffbe6; color: {style.ERROR}; border: 1px solid {style.ERROR};"
            " padding: 4px 6px;"
        )
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.hide)

    def show_below(self, widget: QWidget, spot: QRect, text: str) -> None:
        """Show `text` just below `spot` (in `widget`'s coordinates), kept on screen."""
        self.setText(text)
        self.adjustSize()
        place = widget.mapToGlobal(spot.bottomLeft() + QPoint(0, 2))
        screen = widget.screen().availableGeometry()
        x = max(screen.left(), min(place.x(), screen.right() - self.width()))
        y = place.y()
        if y + self.height() > screen.bottom():  # no room below: above the spot
            y = widget.mapToGlobal(spot.topLeft()).y() - self.height() - 2
        self.move(x, y)
        self.show()
        self.raise_()
        self._timer.start()
