"""The .deb on an older system than the build machine: a Debian 11 root (glibc 2.31, made
with debootstrap and cached outside the clone) where apt installs it, the program runs
(self-test, check, convert, the window on Xvfb) and apt removes it without a trace.

The screenshot of the window is kept as build/debian11/window.png."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, SAMPLE

OUT = ROOT / "build" / "debian11"
SCRIPT = ROOT / "packaging" / "linux" / "test-debian-root.sh"


def _cannot() -> str | None:
    """Return why this machine cannot run the test, or None."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None:
        return "the .deb is built on Debian-family Linux"
    if os.geteuid() != 0:
        return "needs root (debootstrap, chroot, mount): run make test as root"
    for tool in ("debootstrap", "unshare", "chroot"):
        if shutil.which(tool) is None:
            return f"needs {tool} (apt: debootstrap util-linux coreutils)"
    return None


pytestmark = [pytest.mark.slow, pytest.mark.skipif(_cannot() is not None, reason=str(_cannot()))]


def xwd_to_png(xwd: Path, png: Path):
    """Convert Xvfb's screen dump (XWD, ZPixmap, 32 bits per pixel) to PNG with Qt;
    return the QImage."""
    from PySide6.QtGui import QImage

    data = xwd.read_bytes()
    header = struct.unpack(">25I", data[:100])
    header_size, _version, pixmap_format, _depth, width, height = header[:6]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = (
        header[7], header[11], header[12], header[19],
    )  # fmt: skip
    assert (pixmap_format, bits_per_pixel, byte_order) == (2, 32, 0), header
    start = header_size + 12 * ncolors
    pixels = data[start : start + bytes_per_line * height]
    image = QImage(pixels, width, height, bytes_per_line, QImage.Format.Format_RGB32).copy()
    assert image.save(str(png))
    return image


def test_installs_runs_and_removes_on_debian_11(deb: Path) -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    result = subprocess.run(
        [str(SCRIPT), str(deb), str(SAMPLE), str(OUT)],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "debian_version 11." in result.stdout
    assert any(line.startswith("ldd (Debian GLIBC 2.31") for line in lines)
    for step in (
        "ok  apt-get install ./",
        "ok  nianbao --self-test",
        "ok  nianbao check sample.json",
        "ok  nianbao convert sample.json out.docx",
        "ok  window shown under Xvfb",
        "ok  apt-get remove nianbao: none of its",
        "ok  purge + autoremove: nothing gone, nothing left that no package owns",
    ):
        assert any(line.startswith(step) for line in lines), step
    assert any(line.startswith("window ") and '"年报助手": ("nianbao"' in line for line in lines)
    assert "frozen=True" in (OUT / "self-test.txt").read_text(encoding="utf-8")
    assert (OUT / "out.docx").stat().st_size > 10_000

    # The screen shows the window, not an empty X root: many colours, and the 年报 title.
    image = xwd_to_png(OUT / "window.xwd", OUT / "window.png")
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), 8)
        for y in range(0, image.height(), 8)
    }  # fmt: skip
    assert len(colours) > 20, f"{len(colours)} colours on the screen"
    print(f"screenshot: {OUT / 'window.png'}")
