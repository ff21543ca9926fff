"""Export entries (the current view) to CSV, JSON, Markdown and a standalone HTML page.

Columns, in this order: ``code``, ``phrase``, ``class``, ``category``, ``lifecycle``,
``source``, ``reference``, ``summary``, ``aliases``; then ``description`` when any entry has
one; then every ``extra`` field of the entries (sorted by name; an extra field whose name is a
core column is written as ``extra_<name>``). Localized text (phrase, summary, description)
is taken in ``lang``.

* CSV: RFC 4180 quoting, CRLF line ends, ``aliases`` joined with ``"; "``. Plain data: no
  formula escaping, so that values re-import unchanged (spreadsheet users: Statuscope never
  writes cells that start with ``=`` unless the vendor's text does).
* JSON: a list of objects, ``aliases`` a list.
* Markdown: one pipe table; ``| \\ * _ ` [ ]`` are backslash-escaped, ``< > &`` written as
  entities, line breaks as ``<br>`` — a renderer shows the text, never markup from it.
* HTML: a standalone page, every value ``html.escape``-d, no scripts, no external resources,
  and a Content-Security-Policy that forbids loading any.

CSV and JSON exports re-import losslessly through :mod:`app.registry.importers` (code,
phrase, category, class, lifecycle, reference, summary, aliases and every extra column; the
re-imported registry's name becomes the source). :func:`export_to_file` writes atomically.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.registry.copy_formats import markdown_cell
from app.registry.entry import StatusEntry

EXPORT_FORMATS = ("csv", "json", "md", "html")
CORE_COLUMNS = (
    "code",
    "phrase",
    "class",
    "category",
    "lifecycle",
    "source",
    "reference",
    "summary",
    "aliases",
)

Record = dict[str, str | list[str]]


def _columns(entries: Sequence[StatusEntry], lang: str) -> tuple[list[str], dict[str, str]]:
    """All column names, and the mapping extra key → column name for renamed extras."""
    extra_keys: set[str] = set()
    description = False
    for entry in entries:
        for key, _value in entry.extra:
            extra_keys.add(key)
        if not description and entry.text("description", lang):
            description = True
    if "description" in extra_keys:
        description = True
        extra_keys.discard("description")
    renamed: dict[str, str] = {}
    names: list[str] = []
    taken = {*CORE_COLUMNS, "description", *extra_keys}
    for key in sorted(extra_keys):
        name = key
        if key in CORE_COLUMNS:
            name = f"extra_{key}"
            while name in taken:
                name = f"extra_{name}"
            taken.add(name)
            renamed[key] = name
        names.append(name)
    columns = [*CORE_COLUMNS, *(["description"] if description else []), *names]
    return columns, renamed


def entry_record(entry: StatusEntry, lang: str, renamed: dict[str, str]) -> Record:
    """One entry as an export record (aliases as a list)."""
    record: Record = {
        "code": entry.code,
        "phrase": str(entry.text("phrase", lang)),
        "class": entry.status_class,
        "category": entry.category,
        "lifecycle": entry.lifecycle,
        "source": entry.source,
        "reference": entry.reference,
        "summary": str(entry.text("summary", lang)),
        "aliases": list(entry.aliases),
    }
    extra = dict(entry.extra)
    description = extra.pop("description", "") or str(entry.text("description", lang))
    if description:
        record["description"] = description
    for key, value in extra.items():
        record[renamed.get(key, key)] = value
    return record


def _text(value: str | list[str] | None) -> str:
    if value is None:
        return ""
    return "; ".join(value) if isinstance(value, list) else value


def export_entries(entries: Iterable[StatusEntry], fmt: str, lang: str = "en") -> str:
    """The entries as text in ``fmt`` (csv, json, md or html). ValueError for other formats."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    items = list(entries)
    columns, renamed = _columns(items, lang)
    records = [entry_record(entry, lang, renamed) for entry in items]
    if fmt == "json":
        full = [{name: record.get(name, "") for name in columns} for record in records]
        return json.dumps(full, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for record in records:
            writer.writerow([_text(record.get(name)) for name in columns])
        return buffer.getvalue()
    if fmt == "md":
        lines = [
            "| " + " | ".join(markdown_cell(name) for name in columns) + " |",
            "|" + "|".join("---" for _ in columns) + "|",
        ]
        for record in records:
            cells = (markdown_cell(_text(record.get(name))) for name in columns)
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    return _html_page(columns, records, lang)


def _html_page(columns: list[str], records: list[Record], lang: str) -> str:
    def cell(value: str | list[str] | None) -> str:
        return "<br>".join(html.escape(line) for line in _text(value).split("\n"))

    head = "".join(f"<th>{html.escape(name)}</th>" for name in columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{cell(record.get(name))}</td>" for name in columns) + "</tr>"
        for record in records
    )
    html_lang = html.escape(lang.replace("_", "-"))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<title>Statuscope export</title>\n"
        "<style>table{border-collapse:collapse;font-family:sans-serif}"
        "th,td{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}"
        "</style>\n</head>\n<body>\n"
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"
        "</body>\n</html>\n"
    )


def export_to_file(
    entries: Iterable[StatusEntry], path: str | os.PathLike[str], fmt: str, lang: str = "en"
) -> None:
    """Write an export atomically (temp file, fsync, rename); CSV gets a UTF-8 BOM for Excel."""
    text = export_entries(entries, fmt, lang)
    target = Path(path)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(temp_name, mode)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
