"""A second program instance for tests/forms/test_store.py, run as a child process.

`store_child DB REPORT START STEP` saves every STEP-th count cell of REPORT from START,
one edit at a time after reading a line from stdin (so that two instances start
together), printing "report cell value" after each save returns, then exits.
`store_child DB - 0 1` keeps creating reports and filling them until it is killed.
"""

import sys
import time
from itertools import count
from pathlib import Path

from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.format.spec import Number
from forms.storage.store import Store

COUNT_CELLS = [c.id for c in cells(CURRENT).values() if c.number is Number.COUNT]


def fill(store: Store, report_id: int, start: int, step: int, pause: float = 0) -> None:
    """Save the chosen cells one by one, acknowledging each on stdout."""
    for i in range(start, len(COUNT_CELLS), step):
        store.save_value(report_id, COUNT_CELLS[i], i)
        print(report_id, COUNT_CELLS[i], i, flush=True)
        time.sleep(pause)  # like a clerk's typing, lets the other instance take turns


def main(db: str, report: str, start: str, step: str) -> None:
    """Write edits as asked; without a report, forever into new reports."""
    store = Store.open(Path(db))
    if report != "-":
        sys.stdin.readline()
        fill(store, int(report), int(start), int(step), pause=0.002)
        store.close()
        return
    for n in count():
        fill(store, store.create_report(f"单位{n}", 2023, CURRENT), 0, 1)


if __name__ == "__main__":
    main(*sys.argv[1:])
