"""`make bench`: how long the work done on every keystroke takes (not a test).

Re-validating the whole report after one edit must stay far below a frame (16 ms)
so the editor can do it on every keystroke.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from forms.checks import check
from forms.formats import CURRENT
from forms.totals import resolve
from forms.values import Report, cells


def _full_report() -> Report:
    report = Report(CURRENT, "基准测试街道办事处", 2024, {"s6.other": "未收取信息处理费。"})
    for n, (cid, cell) in enumerate(cells(CURRENT).items()):
        if not cell.is_total:
            report.values[cid] = n % 7
    return report


def _time(label: str, work: Callable[[], object], runs: int = 300) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    median, worst = statistics.median(samples), max(samples)
    print(f"{label:<36} median {median:6.3f} ms   max {worst:6.3f} ms   ({runs} runs)")


def main() -> None:
    report, previous = _full_report(), _full_report()
    previous.year -= 1
    keys = [cid for cid, c in cells(CURRENT).items() if not c.is_total]

    def edit_and_check() -> None:
        report.values[keys[len(report.texts) % len(keys)]] = 3
        check(report, previous)

    _time("resolve totals (200 cells)", lambda: resolve(report))
    _time("check whole report", lambda: check(report))
    _time("edit one cell + check with last year", edit_and_check)


if __name__ == "__main__":
    main()
