"""The program as a separate process: acknowledged edits survive SIGKILL, so does a
number still being typed (no Enter yet), and the program starts again on the same data
file showing it as a draft to confirm."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
EDITS = [
    "s3.new.natural=3",
    "s3.carry_next.natural=3",
    "s2.fees.amount=1.25",
    "s6.other~本年度未收取信息处理费。",
    "s4.review.upheld^12",  # killed while typing: Enter never pressed
]


def environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env.pop("NIANBAO_DB", None)
    return env


@pytest.mark.slow
def test_edits_survive_sigkill_and_the_program_restarts(tmp_path):
    db = tmp_path / "tmp.db"
    driver = subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.driver", str(db), *EDITS],
        cwd=ROOT,
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        text=True,
    )
    acks = []
    try:
        for line in driver.stdout:
            if line.strip() == "done":
                break
            acks.append(line.strip())
    finally:
        driver.send_signal(signal.SIGKILL)
        driver.wait(timeout=30)
        driver.stdout.close()
    assert acks == [f"ack {e}" for e in EDITS]

    program = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(db)],
        cwd=ROOT,
        env=environment(tmp_path),
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    still_running = program.poll() is None
    program.send_signal(signal.SIGKILL)
    _, errors = program.communicate(timeout=30)
    assert still_running, errors

    store = Store.open(db)
    try:
        report_id = store.find_report("红旗区西街街道办事处", 2024)
        report = store.load_report(report_id)
        drafts = store.drafts(report_id)
    finally:
        store.close()
    assert report.values["s3.new.natural"] == 3
    assert report.values["s3.carry_next.natural"] == 3
    assert str(report.values["s2.fees.amount"]) == "1.25"
    assert report.text("s6.other") == "本年度未收取信息处理费。"
    assert "s4.review.upheld" not in report.values  # not confirmed …
    assert drafts == {"s4.review.upheld": "12"}  # … but every keystroke is kept
