"""Inno Setup 6.4.1 from the npm package `innosetup`: ISCC.exe and the English Default.isl.

Unpacked once into a cache outside the clone (~/.cache/nianbao/innosetup, or
$NIANBAO_CACHE/innosetup); a test that needs it is skipped, with the reason, when npm
is missing or the package cannot be fetched.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.packaging.windows_wheels import cache_root

INNO_NPM = "innosetup@6.4.1"  # Inno Setup 6.4.1: no ChineseSimplified.isl in Languages\


def inno_setup_bin() -> Path:
    """Return the package's bin folder (ISCC.exe, Default.isl, Languages\\)."""
    folder = cache_root() / "innosetup" / INNO_NPM.replace("@", "-")
    bin_folder = folder / "package" / "bin"
    if (bin_folder / "ISCC.exe").is_file() and (bin_folder / "Default.isl").is_file():
        return bin_folder
    if shutil.which("npm") is None:
        pytest.skip(f"npm is missing: cannot fetch the {INNO_NPM} package")
    folder.mkdir(parents=True, exist_ok=True)
    packed = subprocess.run(
        ["npm", "pack", INNO_NPM, "--pack-destination", str(folder)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if packed.returncode != 0:
        pytest.skip(f"npm pack {INNO_NPM} failed: {packed.stderr.strip()[-300:]}")
    tarball = folder / packed.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    tarball.unlink()
    return bin_folder
