"""Render the app icon (resources/icons/statuscope.svg) to every format the platforms want.

    python packaging/make_icons.py                 # hicolor PNGs into resources/icons/hicolor
    python packaging/make_icons.py --ico out.ico   # Windows icon (build-windows.ps1)
    python packaging/make_icons.py --icns out.icns # macOS icon (build-macos.sh)

PNGs are rendered with Qt's QSvgRenderer on the offscreen platform (no display needed).
``.ico`` and ``.icns`` are written by Pillow when it is installed, else by Qt's own image
writers (the ``ico``/``icns`` imageformat plugins of PySide6).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "statuscope.svg"
APP_ID = "org.statuscope.Statuscope"
HICOLOR_SIZES = (16, 32, 48, 64, 128, 256)  # committed to resources/icons/hicolor
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0]])


def render(svg: Path, size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def write_png(svg: Path, size: int, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not render(svg, size).save(str(target), "PNG"):
        raise SystemExit(f"make_icons: cannot write {target}")


def write_hicolor(svg: Path, root: Path) -> list[Path]:
    written = []
    for size in HICOLOR_SIZES:
        target = root / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        write_png(svg, size, target)
        written.append(target)
    scalable = root / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(svg.read_bytes())
    written.append(scalable)
    return written


def _pillow():
    try:
        from PIL import Image
    except ImportError:
        return None
    return Image


def write_ico(svg: Path, target: Path) -> None:
    image_module = _pillow()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "256.png"
        write_png(svg, 256, big)
        if image_module is not None:
            with image_module.open(big) as img:
                img.save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
            return
    # Qt's ico writer stores one image per file; the 256 px one scales down acceptably.
    if not render(svg, 256).save(str(target), "ICO"):
        raise SystemExit("make_icons: neither Pillow nor Qt's ico plugin could write the .ico")


def write_icns(svg: Path, target: Path) -> None:
    image_module = _pillow()
    if image_module is not None:
        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "1024.png"
            write_png(svg, 1024, big)
            with image_module.open(big) as img:
                img.save(target, format="ICNS",
                         sizes=[(s, s) for s in ICNS_SIZES if s <= 1024])
        return
    if not render(svg, 1024).save(str(target), "ICNS"):
        raise SystemExit("make_icons: neither Pillow nor Qt's icns plugin could write the .icns")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--hicolor", type=Path, default=None,
                        help="hicolor theme root (default resources/icons/hicolor when no "
                             "--ico/--icns is given)")
    parser.add_argument("--ico", type=Path)
    parser.add_argument("--icns", type=Path)
    args = parser.parse_args(argv)
    _app()
    outputs: list[Path] = []
    if args.hicolor or not (args.ico or args.icns):
        outputs += write_hicolor(args.svg, args.hicolor or ROOT / "resources/icons/hicolor")
    if args.ico:
        args.ico.parent.mkdir(parents=True, exist_ok=True)
        write_ico(args.svg, args.ico)
        outputs.append(args.ico)
    if args.icns:
        args.icns.parent.mkdir(parents=True, exist_ok=True)
        write_icns(args.svg, args.icns)
        outputs.append(args.icns)
    for path in outputs:
        print(f"make_icons: wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
