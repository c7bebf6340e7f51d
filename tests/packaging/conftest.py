"""The .deb every packaging test uses, built (or found up to date) once per session."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample-report.json"


def version() -> str:
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("version = "):
            return line.split('"')[1]
    raise AssertionError("no version in pyproject.toml")


@pytest.fixture(scope="session")
def deb() -> Path:
    """Return the .deb, built (or found up to date) by `make bundle deb`."""
    subprocess.run(["make", "-s", "bundle", "deb"], cwd=ROOT, check=True)
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    path = ROOT / "dist" / f"nianbao_{version()}_{arch}.deb"
    assert path.is_file()
    return path
