"""The program never opens a network socket (issue 9 kept this guarantee in make test):
the window, `check` and `convert` run under strace, which lists every socket() and
connect() call of the process and its children. Local (AF_UNIX) sockets are allowed:
Qt may use them for the display and D-Bus."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "xijie-2023.json"
NETWORK = re.compile(r"\b(socket|connect)\(.*AF_INET6?\b")


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (apt: strace)")
@pytest.mark.parametrize(
    "args",
    [
        ["--db", "{tmp}/nianbao.db"],  # the window, closed after 4 s
        ["check", str(SEED)],
        ["convert", str(SEED), "{tmp}/out.docx", "--db", "{tmp}/none.db"],
    ],
)
def test_no_network_socket_is_ever_opened(tmp_path, args):
    trace = tmp_path / "strace.txt"
    command = [sys.executable, "-m", "desktop", *(a.format(tmp=tmp_path) for a in args)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    done = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect",
            "-o",
            str(trace),
            "timeout",
            "-s",
            "TERM",
            "4",
            *command,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    calls = trace.read_text(encoding="utf-8", errors="replace")
    if "PTRACE" in done.stderr.decode(errors="replace") or not trace.exists():
        pytest.skip("strace cannot trace here")
    assert done.returncode in (0, 124), done.stderr  # 124: the window ran until timeout
    assert NETWORK.findall(calls) == []
