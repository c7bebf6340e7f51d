"""`make bench` keeps working: its start-up probe sees the real program's window with a
report open, and a figure reads as the README's table does. (No timing is asserted:
speed goals live in the benchmarks, not in tests.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from benchmarks.run import Figure, full_report, launch
from forms.storage.settings import Setting
from forms.storage.store import Store


def test_the_start_probe_sees_the_window_open_on_the_last_report(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "start.db")
    store.set_setting(Setting.LAST_REPORT, store.add_report(full_report()))
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_MEASURE_START="1")
    started, memory = launch(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "start.db")], env
    )
    assert started > 0 and memory > 10  # MiB: Qt and a window were loaded


def test_a_figure_says_whether_its_goal_holds() -> None:
    assert Figure("edit", "ms", 10, 8, 2, 16).holds
    assert not Figure("edit", "ms", 20, 8, 2, 16).holds  # over the ceiling
    assert not Figure("list", "ms", 40, 10, 1.5).holds  # 4× the baseline
    assert "4.00×" in Figure("list", "ms", 40, 10, 1.5).line()
