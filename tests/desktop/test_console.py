"""The windowed nianbao.exe has no console (sys.stdout/sys.stderr are None): what it
prints and any traceback go to nianbao.log beside the data file instead of nowhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# As PyInstaller's windowed bootloader starts the program: no streams at all.
WINDOWED = """
import sys
sys.stdout = sys.stderr = None
from desktop.__main__ import main
main(sys.argv[1:])
raise RuntimeError("出错的地方")
"""


def _run_windowed(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NIANBAO_DB": str(tmp_path / "数据" / "nianbao.db")}
    return subprocess.run(
        [sys.executable, "-c", WINDOWED, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_without_a_console_messages_and_tracebacks_go_to_the_log(tmp_path):
    for _ in range(2):
        result = _run_windowed(tmp_path, "check", str(tmp_path / "没有的文件.json"))
        assert result.stdout == "" and result.stderr == ""
    log = (tmp_path / "数据" / "nianbao.log").read_text(encoding="utf-8")
    assert "没有的文件.json" in log and "文件不存在" in log  # the CLI's own message
    # Python's traceback, through sys.stderr; the second run appended to the first
    assert log.count("RuntimeError: 出错的地方") == 2


def test_the_window_logs_beside_the_data_file_it_was_given(tmp_path):
    _run_windowed(tmp_path, "--self-test", "--db", str(tmp_path / "别处" / "my.db"))
    log = (tmp_path / "别处" / "nianbao.log").read_text(encoding="utf-8")
    assert "self-test passed" in log  # the window's own output
    assert "platform=offscreen style=" in log  # what the Windows release checks for windows
    assert "RuntimeError: 出错的地方" in log
    assert not (tmp_path / "数据").exists()


def test_with_a_console_nothing_is_redirected(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "check", str(tmp_path / "x.json")],
        cwd=ROOT, env={**os.environ, "NIANBAO_DB": str(tmp_path / "d" / "nianbao.db")},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "文件不存在" in result.stdout + result.stderr
    assert not (tmp_path / "d").exists()
