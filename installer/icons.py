"""Make the icon files a desktop needs from resources/icons/tafdesk.svg (the one drawn source).

    python installer/icons.py OUT_DIR     -> tafdesk.png (256 px) and tafdesk.ico (16-256 px)

Qt draws the SVG (offscreen); Pillow writes the Windows .ico.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs it to draw)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "tafdesk.svg"))
    if not renderer.isValid():
        raise SystemExit("resources/icons/tafdesk.svg could not be read")
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = out / "tafdesk.png"
    image.save(str(png))
    Image.open(png).save(out / "tafdesk.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                                      (128, 128), (256, 256)])
    print(f"{png}, {out / 'tafdesk.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
