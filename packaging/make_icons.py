"""Render nianbao.svg to the PNG sizes of the hicolor theme and to nianbao.ico.

Run after changing the SVG (the outputs are committed, so builds need no renderer):
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
The .ico embeds PNG images (readable by Windows Vista and later).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """Return the SVG drawn at `size`×`size` pixels as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """Return an .ico file holding the PNG `images` by size."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    """Write resources/icons/nianbao-SIZE.png for each size and nianbao.ico."""
    _app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "nianbao.svg"))
    images = {size: render_png(renderer, size) for size in SIZES}
    for size, png in images.items():
        (ICONS / f"nianbao-{size}.png").write_bytes(png)
    (ICONS / "nianbao.ico").write_bytes(ico({s: images[s] for s in (16, 24, 32, 48, 256)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
