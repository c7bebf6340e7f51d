"""`make bench`: every figure of the program beside its baseline, measured in the same run.

Each line prints the program's median (or p95), the baseline's, their ratio and the goal
(benchmarks/README.md). Not a test: timings depend on the machine; the goals are read
from the ratios, which hold across machines far better than absolute times.

    python -m benchmarks.run [--quick] [--bundle DIR] [--baseline-bundle DIR]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forms.format.cells import cells
from forms.format.registry import CURRENT
from forms.report.values import Report
from forms.storage.settings import Setting
from forms.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
BARE_WINDOW = ROOT / "packaging" / "baseline" / "bare_window.py"


@dataclass
class Figure:
    """One measured figure: the program's number beside the baseline's."""

    name: str
    unit: str
    ours: float
    baseline: float
    goal_ratio: float
    goal_absolute: float | None = None  # in `unit`, when the goal also has a ceiling

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    @property
    def holds(self) -> bool:
        under = self.goal_absolute is None or self.ours <= self.goal_absolute
        return self.ratio <= self.goal_ratio and under

    def line(self) -> str:
        goal = f"≤ {self.goal_ratio:g}×" + (
            f", < {self.goal_absolute:g} {self.unit}" if self.goal_absolute else ""
        )
        mark = "ok " if self.holds else "MISS"
        return (
            f"{mark} {self.name:<44} {self.ours:9.1f} {self.unit:<3} vs {self.baseline:9.1f} "
            f"{self.unit:<3} = {self.ratio:5.2f}×   goal {goal}"
        )


def full_report(unit: str = "基准测试街道办事处", year: int = 2024) -> Report:
    """Return a report with every typed cell filled and every text written."""
    report = Report(CURRENT, unit, year)
    for n, (cid, cell) in enumerate(cells(CURRENT).items()):
        if not cell.is_total:
            report.values[cid] = n % 7
    for section in CURRENT.sections:
        for part in section.parts:
            if hasattr(part, "hint"):
                report.texts[part.id] = "本年度，我单位认真贯彻落实政府信息公开条例。" * 20
    return report


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(work: Callable[[], object], runs: int) -> list[float]:
    """Return the milliseconds each of `runs` calls of `work` took."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


# ── start-up and memory: separate processes ─────────────────────────────────────


def launch(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return (ms from launch to the `shown` line, peak resident MiB) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    elapsed = None
    for line in process.stdout:
        if line.startswith("shown") and elapsed is None:
            elapsed = (time.perf_counter() - start) * 1000
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if elapsed is None:
        raise RuntimeError(f"{command} exited {process.returncode} without showing a window")
    return elapsed, usage.ru_maxrss / 1024


def launches(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Return the median start time and median peak memory over `runs` (after a warm-up)."""
    results = [launch(command, env) for _ in range(runs + 1)][1:]
    return median([r[0] for r in results]), median([r[1] for r in results])


def start_figures(folder: Path, runs: int, bundle: Path | None, bare_bundle: Path | None):
    """Start time and memory of the program with a full report open, beside the bare
    window with one table, in the venv and (when built) in the bundles."""
    db = folder / "start.db"
    store = Store.open(db)
    store.set_setting(Setting.LAST_REPORT, store.add_report(full_report()))
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_MEASURE_START="1")
    ours = launches([sys.executable, "-m", "desktop", "--db", str(db)], env, runs)
    bare = launches([sys.executable, str(BARE_WINDOW), "--measure"], env, runs)
    found = [
        Figure("launch → window shown with a report (venv)", "ms", ours[0], bare[0], 1.5),
        Figure("peak memory with a report open (venv)", "MiB", ours[1], bare[1], 1.3),
    ]
    if bundle and bare_bundle:
        ours = launches([str(bundle), "--db", str(db)], env, runs)
        bare = launches([str(bare_bundle), "--measure"], env, runs)
        found += [
            Figure("launch → window shown with a report (bundle)", "ms", ours[0], bare[0], 1.5),
            Figure("peak memory with a report open (bundle)", "MiB", ours[1], bare[1], 1.3),
        ]
    return found


# ── one cell edit, in the window ──────────────────────────────────────────────────


def edit_figure(folder: Path, runs: int) -> Figure:
    """One typed cell → stored, totals, every rule, repainted (p95), beside the same edit
    in a bare QAbstractTableModel with no validation and no storage."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    from desktop import app

    application = app.application()
    store = Store.open(folder / "edit.db")
    store.set_setting(Setting.LAST_REPORT, store.add_report(full_report()))
    window = app.build_main_window(store)
    window.resize(1366, 768)
    window.show()
    target = next(
        c for c, cell in cells(CURRENT).items() if c.startswith("s3") and not cell.is_total
    )
    window.wizard.show_target(target)
    page = window.wizard.current_page()
    model = next(m for m in page.models if m.index_of(target).isValid())
    index = model.index_of(target)
    application.processEvents()
    counter = iter(range(10**9))

    def ours() -> None:
        model.setData(index, str(next(counter) % 50 + 1))
        application.processEvents()

    class Bare(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.values = {(r, c): 0 for r in range(25) for c in range(9)}

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 25

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 9

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.values[(index.row(), index.column())])
            return None

        def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
            self.values[(index.row(), index.column())] = int(value)
            self.dataChanged.emit(index, index)
            return True

        def flags(self, index):
            return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    bare_model = Bare()
    view = QTableView()
    view.setModel(bare_model)
    view.resize(1366, 768)
    view.show()
    bare_index = bare_model.index(3, 3)
    application.processEvents()

    def bare() -> None:
        bare_model.setData(bare_index, str(next(counter) % 50 + 1))
        application.processEvents()

    figure = Figure(
        "one cell edit → stored, checked, repainted (p95)",
        "ms",
        p95(timed(ours, runs)),
        p95(timed(bare, runs)),
        2,
        16,
    )
    window.close()
    view.close()
    store.close()
    return figure


# ── export ─────────────────────────────────────────────────────────────────────────


def export_figure(folder: Path, runs: int) -> Figure:
    """The Word export of a full report, beside python-docx writing the same paragraphs
    and tables with no formatting."""
    from docx import Document

    from forms.files.docx_writer import export_report
    from forms.format.cells import tables
    from forms.report.totals import resolve

    report = full_report()
    shown = resolve(report)

    def plain() -> None:
        document = Document()
        document.add_paragraph(f"{report.unit}{report.year}年政府信息公开工作年度报告")
        for text in report.texts.values():
            for paragraph in text.split("\n"):
                document.add_paragraph(paragraph)
        for table in tables(CURRENT):
            grid = document.add_table(rows=len(table.rows) + 1, cols=len(table.columns) + 1)
            for i, row in enumerate(grid.rows[1:]):
                for j, cell in enumerate(row.cells[1:]):
                    cid = next(
                        c
                        for c, cell_ in cells(CURRENT).items()
                        if cell_.table is table and cell_.row_index == i and cell_.column_index == j
                    )
                    cell.text = str(shown.get(cid) or "")
        document.save(str(folder / "plain.docx"))

    return Figure(
        "export a full report to .docx",
        "ms",
        median(timed(lambda: export_report(report, folder / "ours.docx"), runs)),
        median(timed(plain, runs)),
        1.5,
    )


# ── the report list with 200 reports ──────────────────────────────────────────────


def list_figure(folder: Path, runs: int) -> Figure:
    """The report list shown over 200 reports, beside the same list with no checking."""
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    from desktop import app
    from desktop.report_list_page import ReportListPage

    app.application()
    store = Store.open(folder / "list.db")
    for n in range(100):
        for year in (2023, 2024):
            store.add_report(full_report(f"第{n:03d}号街道办事处", year))
    start = time.perf_counter()
    page = ReportListPage(store)  # shows the list: every count worked out and kept
    page.show()
    QApplication.processEvents()
    first = (time.perf_counter() - start) * 1000

    def ours() -> None:
        page.refresh()
        QApplication.processEvents()

    bare_table = QTableWidget(0, 5)
    bare_table.show()

    def bare() -> None:
        entries = sorted(store.list_reports(), key=lambda e: (-e.year, e.unit))
        bare_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate(
                (entry.unit, str(entry.year), entry.status, entry.updated, "● 无错误")
            ):
                bare_table.setItem(row, column, QTableWidgetItem(text))
        QApplication.processEvents()

    print(f"     (the first showing after adding 200 reports, all checked: {first:.0f} ms)")
    ours_ms = median(timed(ours, runs))
    figure = Figure(
        "report list shown with 200 reports", "ms", ours_ms, median(timed(bare, runs)), 1.5, 1000
    )
    page.close()
    bare_table.close()
    store.close()
    return figure


# ── durable edits ─────────────────────────────────────────────────────────────────


def store_figure(folder: Path, edits: int) -> Figure:
    """1,000 single-cell edits stored durably, beside raw sqlite3 single-row upserts +
    commit with the same settings (WAL, synchronous=FULL)."""
    store = Store.open(folder / "edits.db")
    rid = store.add_report(full_report())
    keys = [c for c, cell in cells(CURRENT).items() if not cell.is_total and c.startswith("s3")]

    def ours() -> None:
        for n in range(edits):
            store.save_value(rid, keys[n % len(keys)], n % 97)

    raw = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL"):
        raw.execute(f"PRAGMA {pragma}")
    raw.execute(
        "CREATE TABLE v (report_id INT, cell_id TEXT, text TEXT, PRIMARY KEY (report_id, cell_id))"
    )

    def bare() -> None:
        for n in range(edits):
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(
                "INSERT INTO v VALUES (1, ?, ?) ON CONFLICT DO UPDATE SET text = excluded.text",
                (keys[n % len(keys)], str(n % 97)),
            )
            raw.execute("COMMIT")

    figure = Figure(
        f"{edits:,} single-cell edits stored durably",
        "ms",
        median(timed(ours, 3)),
        median(timed(bare, 3)),
        1.5,
    )
    store.close()
    raw.close()
    return figure


def import_figure(folder: Path, count: int) -> Figure:
    """Importing a folder of Word reports (benchmarks/import_folder.py)."""
    from benchmarks.import_folder import import_figure as measure

    return measure(folder, count)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    parser.add_argument("--bundle", type=Path, help="the bundled nianbao executable")
    parser.add_argument("--baseline-bundle", type=Path, help="the bundled bare window")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 11
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"nianbao benchmarks, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}; program vs baseline, median of runs")  # fmt: skip
    figures = []
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as name:
        folder = Path(name)
        bundle = args.bundle if args.bundle and args.bundle.exists() else None
        bare = (
            args.baseline_bundle if args.baseline_bundle and args.baseline_bundle.exists() else None
        )
        for figure in start_figures(folder, runs, bundle, bare):
            print(figure.line(), flush=True)
            figures.append(figure)
        for measure in (
            lambda: edit_figure(folder, 20 if args.quick else 200),
            lambda: export_figure(folder, runs),
            lambda: list_figure(folder, runs),
            lambda: store_figure(folder, 100 if args.quick else 1000),
            lambda: import_figure(folder, 20 if args.quick else 200),
        ):
            figure = measure()
            print(figure.line(), flush=True)
            figures.append(figure)
    missed = [f.name for f in figures if not f.holds]
    print(f"{len(figures) - len(missed)} of {len(figures)} goals hold" + (
        f"; missed: {', '.join(missed)}" if missed else ""))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
