"""XML code tables, such as a copy of the IANA registry file (``http-status-codes.xml``).

Any element whose children repeat one tag (``<record>`` × n) is a table: one row per repeated
child, one column per tag found in those children (``value``, ``description``, ``xref`` …).
A child with no text contributes its attributes (``<xref type="rfc" data="rfc9110"/>`` →
``rfc9110``), several children of one tag are joined with ``"; "``. A ``<title>`` child of the
enclosing element names the section. Parsed with the standard library's expat-based
ElementTree, which resolves no external entities and refuses exponential entity expansion.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from .base import MAX_COLUMNS, ParseContext, RawTable

_MIN_RECORDS = 2


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1]


def _text(element: ET.Element) -> str:
    text = " ".join("".join(element.itertext()).split())
    if text:
        return text
    return " ".join(value for key, value in element.attrib.items() if key != "type")


def _record_row(record: ET.Element, columns: dict[str, None]) -> dict[str, str]:
    values: dict[str, list[str]] = {}
    for key, value in record.attrib.items():
        values.setdefault(_local(key), []).append(value)
    for child in record:
        values.setdefault(_local(child.tag), []).append(_text(child))
    row: dict[str, str] = {}
    for name, parts in values.items():
        if name not in columns and len(columns) < MAX_COLUMNS:
            columns[name] = None
        row[name] = "; ".join(p for p in parts if p)
    return row


def _table(parent: ET.Element, tag: str, ctx: ParseContext) -> RawTable:
    columns: dict[str, None] = {}
    records = [child for child in parent if _local(child.tag) == tag]
    ctx.add_rows(len(records))
    rows = [_record_row(record, columns) for record in records]
    names = list(columns)
    ctx.add_cells(len(rows) * len(names))
    grid = [names, *([row.get(name, "") for name in names] for row in rows)]
    title = next((c for c in parent if _local(c.tag) == "title"), None)
    section = _text(title) if title is not None else None
    return RawTable(grid, 1, section=section or None, kind="XML records")


def parse_xml(text: str, ctx: ParseContext) -> list[RawTable]:
    """Every table of repeated records in an XML document, in document order."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ctx.fail(f"invalid XML at line {line} column {column}") from None
    out: list[RawTable] = []
    for number, element in enumerate(root.iter()):
        if number & 4095 == 0:
            ctx.check(0.5)
        counts = Counter(_local(child.tag) for child in element if len(child) or child.attrib)
        for tag, count in counts.items():
            if count >= _MIN_RECORDS and tag != "title":
                out.append(_table(element, tag, ctx))
    return out
