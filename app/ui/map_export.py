"""File → Export status map…: the map as a PNG or SVG image, for slides and wiki pages.

The image is painted by :meth:`StatusMap.render_map` at a fixed size (not the window's),
with the map's current state: dimmed tiles, badges and the selected code included. SVG
comes from ``QSvgGenerator`` (QtSvg, whose library the bundle already ships for the SVG
icon plugin), imported only when an SVG is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QImage, QImageWriter, QPainter
from PySide6.QtWidgets import QFileDialog, QWidget

from app.services.i18n import translate
from app.ui.export_flow import warn_not_written
from app.ui.status_map import StatusMap

EXPORT_SIZE = QSize(1600, 400)
FILTERS = {"PNG (*.png)": "png", "SVG (*.svg)": "svg"}


def write_map(status_map: StatusMap, path: str | Path, fmt: str | None = None) -> None:
    """Write the map to ``path`` as PNG or SVG (``fmt``, else the suffix); OSError when the
    file cannot be written."""
    target = Path(path)
    fmt = fmt or ("svg" if target.suffix.lower() == ".svg" else "png")
    width, height = EXPORT_SIZE.width(), EXPORT_SIZE.height()
    if fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator

        generator = QSvgGenerator()
        generator.setFileName(str(target))
        generator.setSize(EXPORT_SIZE)
        generator.setViewBox(QRect(0, 0, width, height))
        generator.setTitle(translate("StatusMap", "Status map"))
        generator.setDescription(translate("StatusMap", "HTTP status codes 100–599 by class"))
        painter = QPainter(generator)
        status_map.render_map(painter, width, height)
        painter.end()
        if not target.is_file() or target.stat().st_size == 0:
            raise OSError(f"{target} could not be written")
        return
    image = QImage(EXPORT_SIZE, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    status_map.render_map(painter, width, height)
    painter.end()
    writer = QImageWriter(str(target), QByteArray(b"png"))
    if not writer.write(image):
        raise OSError(writer.errorString())


def export_map(parent: QWidget, status_map: StatusMap) -> str | None:
    """Ask where, write, report a failure; the path written, or None."""
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        translate("StatusMap", "Export status map"),
        str(Path.home() / "statuscope-status-map.png"),
        ";;".join(FILTERS),
    )
    if not path:
        return None
    fmt = FILTERS.get(chosen)
    if fmt and Path(path).suffix.lower() != f".{fmt}":
        path += f".{fmt}"
    try:
        write_map(status_map, path, fmt)
    except OSError as error:
        warn_not_written(parent, path, error)
        return None
    return path
