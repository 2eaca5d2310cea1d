"""Render resources/icons/racedesk.svg to the PNG sizes desktops and installers want.

Run after editing the SVG: ``python packaging/render_icons.py``. Uses Qt's own SVG
renderer (QtSvg ships in PySide6-Essentials), so no extra tool is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows builds: racedesk.ico (ImageMagick)


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"could not write {target}")


def main() -> int:
    _app = QGuiApplication(sys.argv)
    svg = ICONS / "racedesk.svg"
    for size in SIZES:
        render(svg, size, ICONS / f"racedesk-{size}.png")
    print(f"rendered {len(SIZES)} sizes into {ICONS}")
    convert = shutil.which("convert")
    if convert:  # the .ico a Windows build embeds in racedesk.exe
        pngs = [str(ICONS / f"racedesk-{size}.png") for size in ICO_SIZES]
        subprocess.run([convert, *pngs, str(ICONS / "racedesk.ico")], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
