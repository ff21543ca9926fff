"""Puts formatted entries on the system clipboard (formatting lives in the registry)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication

from app.registry.copy_formats import format_entry, markdown_table, summary_line, tsv_table
from app.registry.entry import StatusEntry


class Clipboard:
    def __init__(self, language: str = "en") -> None:
        self.language = language

    def set_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    def copy(self, entry: StatusEntry, fmt: str) -> str:
        text = format_entry(entry, fmt, self.language)
        self.set_text(text)
        return text

    def copy_lines(self, entries: Sequence[StatusEntry]) -> str:
        """Ctrl+C: one ``404 Not Found — summary`` line per selected entry."""
        text = "\n".join(summary_line(e, self.language) for e in entries)
        self.set_text(text)
        return text

    def copy_table(self, entries: Sequence[StatusEntry], fmt: str) -> str:
        text = (
            markdown_table(entries, self.language)
            if fmt == "markdown"
            else tsv_table(entries, self.language)
        )
        self.set_text(text)
        return text
