"""Makes the Windows icon, ``resources/icons/scrutiny-desk.ico``, from the one drawn
icon, ``resources/icons/scrutiny-desk.svg`` (`make icons`).

Each size is rendered from the SVG itself with QtSvg, not scaled down from a large
bitmap, so the 16-pixel icon in Explorer is drawn for 16 pixels; Pillow writes the
sizes into one .ico. The .ico is committed (the spec and the installer script use it on
a Windows machine that has no Qt to hand); a test renders the SVG again and compares,
so the two cannot drift apart. Run it with the project's Python:

    python packaging/icons/make_icons.py [SVG] [ICO]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "resources" / "icons" / "scrutiny-desk.svg"
ICO = ROOT / "resources" / "icons" / "scrutiny-desk.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> Image.Image:
    """The SVG drawn on a transparent square of ``size`` pixels, as an RGBA image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:  # run as a script: Qt needs an application
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render.app = QGuiApplication([])  # type: ignore[attr-defined]  # kept alive
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_RGBA8888)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = bytes(image.constBits())[: image.sizeInBytes()]
    return Image.frombuffer("RGBA", (size, size), data, "raw", "RGBA", image.bytesPerLine(), 1)


def write_ico(svg: Path, ico: Path) -> None:
    """Every size in ``SIZES`` rendered from ``svg`` into one .ico, written to a
    temporary name and renamed so a failed run leaves the old icon whole."""
    images = [render(svg, size) for size in SIZES]
    partial = ico.with_name(ico.name + ".partial")
    images[-1].save(partial, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    partial.replace(ico)


def main(argv: list[str]) -> int:
    svg = Path(argv[0]) if argv else SVG
    ico = Path(argv[1]) if len(argv) > 1 else ICO
    write_ico(svg, ico)
    print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
