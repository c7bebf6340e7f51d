"""nianbao.iss compiles: Inno Setup's own compiler (ISCC.exe from the npm package
`innosetup`) under 32-bit Wine, against a stand-in dist\\nianbao.

Proves the script, its paths, its version check and its Chinese messages file compile
with an Inno Setup 6 that has no ChineseSimplified.isl of its own. Wine comes from
`make test` (packaging/windows/ensure-wine.sh), when it can be installed; the compiler
and the Wine prefix are cached outside the clone (~/.cache/nianbao). Skipped, with the
reason, where Wine is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.inno_setup_package import inno_setup_bin
from tests.packaging.windows_wheels import cache_root

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "nianbao.iss"

pytestmark = pytest.mark.slow


def _wine_or_skip() -> str:
    wine = shutil.which("wine")
    if wine is None:
        reason = cache_root() / "wine-unavailable.txt"
        why = reason.read_text().strip() if reason.is_file() else "wine is not installed"
        pytest.skip(f"Inno Setup test needs 32-bit Wine: {why}")
    return wine


def _windows_path(wine_env: dict, path: Path) -> str:
    result = subprocess.run(
        ["winepath", "-w", str(path)], env=wine_env, capture_output=True, text=True, timeout=120
    )
    return result.stdout.strip()


def _stand_in_bundle(folder: Path) -> Path:
    """Return a folder shaped like dist\\nianbao: the two executables and _internal."""
    for name in ("nianbao.exe", "nianbao-cli.exe", "_internal/python311.dll",
                 "_internal/PySide6/plugins/platforms/qwindows.dll"):  # fmt: skip
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"MZ stand-in " + name.encode())
    return folder


def test_the_installer_script_compiles_with_its_chinese_messages(tmp_path):
    wine = _wine_or_skip()
    bin_folder = inno_setup_bin()
    assert not (bin_folder / "Languages" / "ChineseSimplified.isl").exists()
    env = {
        **os.environ,
        "WINEPREFIX": str(cache_root() / "wine-prefix"),
        "WINEDEBUG": "-all",
        "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono/Gecko prompts
        "DISPLAY": "",
    }
    bundle = _stand_in_bundle(tmp_path / "dist" / "nianbao")
    out = tmp_path / "out"
    result = subprocess.run(
        [wine, str(bin_folder / "ISCC.exe"), "/DAppVersion=1.2.3",
         f"/DBundle={_windows_path(env, bundle)}", f"/DOutputDir={_windows_path(env, out)}",
         _windows_path(env, SCRIPT)],
        env=env, capture_output=True, timeout=600,
    )  # fmt: skip
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == 0, output[-3000:]
    setup = out / "nianbao-setup-1.2.3.exe"
    assert setup.is_file() and setup.stat().st_size > 500_000, output[-2000:]
    # the wizard's Chinese messages: the file committed beside the script
    assert re.search(r"Reading file: .*packaging\\windows\\ChineseSimplified\.isl", output), output
