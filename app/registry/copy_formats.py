"""Text the user copies: status lines, descriptions, Markdown/TSV rows. Pure functions.

The clipboard service (``app/services/clipboard.py``) puts the results on the clipboard;
keeping the formatting here lets the CLI and the tests use it without Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.registry.entry import StatusEntry

CONSTANT_LANGUAGES = ("python", "go", "spring", "dotnet", "rust", "node", "rails")


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: HTML escaped, Markdown marks and pipes
    backslash-escaped, line breaks as ``<br>``. Shared with the Markdown exporter."""
    import html  # at copy time, not at start-up (see app.ui.detail_html.escape)

    text = html.escape(text, quote=False)
    for char in "\\|*_`[]":
        text = text.replace(char, "\\" + char)
    return "<br>".join(text.split("\n"))


def summary_line(entry: StatusEntry, lang: str = "en") -> str:
    """``404 Not Found — <summary>``: what Ctrl+C copies for each selected row."""
    summary = entry.text("summary", lang)
    return f"{entry.status_line(lang)} — {summary}" if summary else entry.status_line(lang)


def bilingual_line(entry: StatusEntry) -> str:
    """``413 Content Too Large（内容过大）``; just the status line when there is no Chinese."""
    zh = entry.zh.get("phrase")
    return f"{entry.code} {entry.phrase}（{zh}）" if zh else entry.status_line()


def description_text(entry: StatusEntry, lang: str = "en") -> str:
    return str(entry.text("description", lang) or entry.text("summary", lang))


TABLE_COLUMNS = ("code", "phrase", "class", "category", "source", "summary")
MARKDOWN_HEADER = (
    "| Code | Phrase | Class | Category | Source | Summary |\n|---|---|---|---|---|---|"
)


def table_cells(entry: StatusEntry, lang: str = "en") -> tuple[str, ...]:
    """The cells of one row of a copied table, in :data:`TABLE_COLUMNS` order."""
    return (
        entry.code,
        str(entry.text("phrase", lang)),
        entry.status_class,
        entry.category,
        entry.source,
        str(entry.text("summary", lang)),
    )


def markdown_row(entry: StatusEntry, lang: str = "en") -> str:
    return "| " + " | ".join(markdown_cell(c) for c in table_cells(entry, lang)) + " |"


def markdown_table(entries: Sequence[StatusEntry], lang: str = "en") -> str:
    return "\n".join([MARKDOWN_HEADER, *(markdown_row(e, lang) for e in entries)])


def tsv_table(entries: Sequence[StatusEntry], lang: str = "en") -> str:
    rows = [TABLE_COLUMNS, *(table_cells(e, lang) for e in entries)]
    return "\n".join("\t".join(" ".join(c.split()) for c in row) for row in rows)


def format_entry(entry: StatusEntry, fmt: str, lang: str = "en") -> str:
    """One entry as ``line``, ``description``, ``status_line``, ``bilingual``, ``markdown``,
    ``example`` or ``constant:<language>``."""
    if fmt.startswith("constant:"):
        return dict(entry.constants).get(fmt.split(":", 1)[1], "")
    formatters = {
        "line": lambda: summary_line(entry, lang),
        "description": lambda: description_text(entry, lang),
        "status_line": lambda: entry.status_line(),  # the on-wire form, always English
        "bilingual": lambda: bilingual_line(entry),
        "markdown": lambda: markdown_row(entry, lang),
        "example": lambda: entry.example,
    }
    if fmt not in formatters:
        raise ValueError(f"unknown copy format {fmt!r}")
    return formatters[fmt]()
