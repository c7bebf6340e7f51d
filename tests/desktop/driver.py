"""Drive the real window in a process of its own: open the store, open (or create) the
2024 report, make edits through the widgets, print an ack after each, then wait to be
killed. Used by test_process.py to prove an acknowledged edit survives SIGKILL.

    python -m tests.desktop.driver DB CELL=TEXT... FIELD~TEXT... CELL^KEYS

CELL^KEYS types KEYS into the cell's editor key by key and leaves it open (no Enter):
the program is killed while the clerk is still typing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtTest import QTest

from desktop import app
from forms.format.registry import CURRENT
from tests.desktop.clerk import cell, write_text

UNIT = "红旗区西街街道办事处"


def edit_cell(window, cid: str, text: str) -> None:
    """Type `text` into cell `cid` the way the view hands it to the model."""
    view, index = cell(window, cid)
    view.setCurrentIndex(index)
    view.edit(index)
    view.focusWidget().setText(text)
    view.commitData(view.focusWidget())


def type_without_enter(window, cid: str, keys: str) -> None:
    """Open the cell's editor and press KEYS one by one, as a keyboard does; no Enter."""
    view, index = cell(window, cid)
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    for key in keys:
        QTest.keyClicks(view.focusWidget(), key)


def main(argv: list[str]) -> int:
    qt = app.application()
    store = app.open_store(Path(argv[0]))
    report_id = store.find_report(UNIT, 2024) or store.create_report(UNIT, 2024, CURRENT)
    window = app.build_main_window(store)
    window.open_report(report_id)
    window.show()
    for edit in argv[1:]:
        if "~" in edit:
            field_id, text = edit.split("~", 1)
            write_text(window, field_id, text)
        elif "^" in edit:
            type_without_enter(window, *edit.split("^", 1))
        else:
            cid, text = edit.split("=", 1)
            edit_cell(window, cid, text)
        qt.processEvents()
        print(f"ack {edit}", flush=True)
    print("done", flush=True)
    while True:  # wait for SIGKILL
        qt.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
