"""One window per data file: a second start brings the first window forward and ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from desktop.single_window import SingleWindow, bring_forward, server_name

ROOT = Path(__file__).resolve().parents[2]


def test_the_second_claim_on_a_data_file_asks_the_first_to_show(qtbot, tmp_path):
    db = tmp_path / "nianbao.db"
    first, second = SingleWindow(db), SingleWindow(db)
    assert first.claim()
    assert not second.claim()
    with qtbot.waitSignal(first.raise_requested, timeout=3000):
        assert second.ask_first_to_show()
    assert SingleWindow(tmp_path / "other.db").claim()  # another data file: its own window
    first.release()
    assert second.claim()  # the first window closed: the file is free again
    second.release()


def test_the_first_start_of_a_new_user_claims_the_file(tmp_path):
    """The data folder does not exist yet on a fresh install (found by the Debian 11
    root test: the first start said the file was already open)."""
    db = tmp_path / "home" / ".local" / "share" / "nianbao" / "nianbao.db"
    claim = SingleWindow(db)
    assert claim.claim()
    assert db.parent.is_dir()
    claim.release()


def test_the_name_is_the_data_files_however_its_path_is_spelt(tmp_path):
    (tmp_path / "sub").mkdir()
    db = tmp_path / "nianbao.db"
    assert server_name(db) == server_name(tmp_path / "sub" / ".." / "nianbao.db")
    assert server_name(db) != server_name(tmp_path / "other.db")


def test_no_answer_means_no_window_brought_forward(tmp_path):
    db = tmp_path / "nianbao.db"
    assert not SingleWindow(db).ask_first_to_show()


def test_bring_forward_restores_a_minimised_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_forward(window)
    assert window.isVisible() and not window.isMinimized()


CLAIM_AND_WAIT = (
    "import sys, time; from PySide6.QtCore import QCoreApplication;"
    "from desktop.single_window import SingleWindow; app = QCoreApplication([]);"
    "claim = SingleWindow(sys.argv[1]); assert claim.claim(); print('claimed', flush=True);"
    "time.sleep(60)"
)


def environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env.pop("NIANBAO_DB", None)
    return env


@pytest.mark.slow
def test_a_killed_program_leaves_the_data_file_free(tmp_path):
    db = tmp_path / "nianbao.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", CLAIM_AND_WAIT, str(db)],
        cwd=ROOT,
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "claimed"
        assert not SingleWindow(db).claim()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        holder.stdout.close()
    claim = SingleWindow(db)
    assert claim.claim()  # the lock of a dead program is stale at once
    claim.release()


@pytest.mark.slow
def test_a_second_start_on_the_same_data_file_ends_and_leaves_the_first(tmp_path):
    db = tmp_path / "nianbao.db"
    command = [sys.executable, "-m", "desktop", "--db", str(db)]
    first = subprocess.Popen(command, cwd=ROOT, env=environment(tmp_path))
    try:
        deadline = time.monotonic() + 60
        while not SingleWindow(db).ask_first_to_show():  # the first window is up
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.3)
        second = subprocess.run(
            command, cwd=ROOT, env=environment(tmp_path), timeout=60, capture_output=True
        )
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first window is still open
    finally:
        first.terminate()
        first.wait(timeout=30)
