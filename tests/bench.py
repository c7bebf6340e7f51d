"""`make bench`: how long the work done on every keystroke takes, and how long the
window takes to open a report (not tests: timings vary with the machine).

Re-validating the whole report after one edit must stay far below a frame (16 ms)
so the editor can do it on every keystroke; opening the window on the last report
must leave the whole start well under a second.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.report.checks import check
from forms.report.totals import resolve
from forms.report.values import Report
from forms.storage.settings import Setting


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
    _time_window(report)


def _time_window(report: Report) -> None:
    """Time building the main window with `report` open, as at start-up."""
    import tempfile
    from pathlib import Path

    start = time.perf_counter()
    from desktop import app  # Qt and the window modules, as the program imports them

    print(f"{'import the window modules':<36} {(time.perf_counter() - start) * 1000:8.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        from forms.storage.store import Store

        store = Store.open(Path(folder) / "bench.db")
        store.set_setting(Setting.LAST_REPORT, store.add_report(report))
        app.application()
        windows = []

        def build() -> None:
            window = app.build_main_window(store)
            window.show()
            windows.append(window)

        _time("open the window on a report", build, runs=5)
        for window in windows:
            window.close()
        store.close()


def time_import_folder(count: int = 200) -> float:
    """Import a folder of `count` Word reports (the program's exports and hand-filled
    templates, alternately) and compare with python-docx alone opening the same files;
    return the ratio (issue 11 asks for at most 1.5)."""
    import tempfile
    from pathlib import Path

    from docx import Document

    from forms.files.docx_writer import document_bytes
    from forms.files.formats import read_file
    from tests.forms.template_docs import QUIRKS, sample_report, template_docx

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        exported = document_bytes(sample_report())
        for n in range(count):
            path = Path(folder) / f"report-{n:03}.docx"
            if n % 2:
                template_docx(sample_report(), path, {QUIRKS[n % len(QUIRKS)]})
            else:
                path.write_bytes(exported)
            paths.append(path)
        opened = _seconds(lambda: [Document(str(p)) for p in paths])
        imported = _seconds(lambda: [read_file(p) for p in paths])
    ratio = imported / opened
    print(
        f"{'import ' + str(count) + ' Word reports':<36} {imported:8.2f} s   python-docx "
        f"alone opening them {opened:.2f} s   ratio {ratio:.2f}"
    )
    return ratio


def _seconds(work: Callable[[], object], runs: int = 3) -> float:
    """Return the best of `runs` timings of `work`, in seconds (the machine is shared)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    main()
    time_import_folder()
