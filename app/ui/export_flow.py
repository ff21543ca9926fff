"""Export the current view (query + filters) to CSV, JSON, Markdown or HTML."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.registry.entry import StatusEntry
from app.services.i18n import translate

FORMATS = {  # file-dialog filter → format name
    "CSV (*.csv)": "csv",
    "JSON (*.json)": "json",
    "Markdown (*.md)": "md",
    "HTML (*.html)": "html",
}


def export_view(
    parent: QWidget, entries: Sequence[StatusEntry], language: str, report: Callable[[str], None]
) -> None:
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        translate("ExportFlow", "Export the current view"),
        str(Path.home() / "statuscope-export.csv"),
        ";;".join(FORMATS),
    )
    if not path:
        return
    fmt = FORMATS.get(chosen) or {".json": "json", ".md": "md", ".html": "html"}.get(
        Path(path).suffix.lower(), "csv"
    )
    write_export(parent, entries, path, fmt, language, report)


def write_export(
    parent: QWidget,
    entries: Sequence[StatusEntry],
    path: str,
    fmt: str,
    language: str,
    report: Callable[[str], None],
) -> bool:
    from app.registry.exporters import export_to_file

    try:
        export_to_file(entries, path, fmt, language)
    except (OSError, ValueError) as error:
        warn_not_written(parent, path, error)
        return False
    report(
        translate("ExportFlow", "Exported %1 codes to %2")
        .replace("%1", f"{len(entries):,}")
        .replace("%2", path)
    )
    return True


def warn_not_written(parent: QWidget, path: str, error: Exception) -> None:
    """The export failed: say which file and why (nothing else was changed)."""
    QMessageBox.warning(
        parent,
        translate("ExportFlow", "Export failed"),
        translate("ExportFlow", "%1 could not be written: %2")
        .replace("%1", path)
        .replace("%2", str(error)),
    )
