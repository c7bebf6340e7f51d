"""A bare PySide6 window with one table: the baseline nianbao's start is measured against.

`--measure` prints `shown <seconds since the interpreter started>` at the first
show event and quits, so `packaging/measure_start.py` can time start-to-window.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem


class _ShownReporter(QObject):
    """Prints one line when the watched window is first shown, then quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            print(f"shown {time.perf_counter():.3f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main(argv: list[str]) -> int:
    """Show a window holding one table (25 rows of numbers, as large as 表三); with
    --measure report the first show and quit."""
    app = QApplication(argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    table = QTableWidget(25, 9)
    for row in range(25):
        for column in range(9):
            table.setItem(row, column, QTableWidgetItem(str(row * column)))
    window.setCentralWidget(table)
    if "--measure" in argv:
        reporter = _ShownReporter(window)
        window.installEventFilter(reporter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
