"""JSON code tables, and the walker over parsed data that TOML shares.

Three shapes are read (also when nested under a key such as ``"errors"`` or ``"entries"``):

* a list of objects — ``[{"code": "APIG.0101", "message": "…"}, …]``; keys are the headers
  and a nested ``"extra"`` object is flattened into columns (so Statuscope's own
  ``import --dry-run --json`` output re-imports);
* a list of rows with a header row — ``[["code", "message"], ["400", "Bad Request"]]``;
* a code→text (or code→object) map — ``{"400": "Bad Request", "401": {"message": …}}``.

Sibling keys holding tables become sections, so ``{"normal": […], "error": […]}`` gives
categories. Values become text: numbers as written, lists joined with ``"; "``.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from .base import MAX_COLUMNS, ParseContext, RawTable
from .columns import is_code_like, is_token, strong_category
from .header_words import header_role

_MAX_DEPTH = 4


def value_text(value: Any) -> str:
    """One JSON/TOML value as cell text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, list):
        return "; ".join(
            value_text(item) if not isinstance(item, (list, dict)) else _dump(item)
            for item in value
        )
    if isinstance(value, dict):
        return _dump(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _is_code_map(data: dict[Any, Any]) -> bool:
    """Codes as keys: ``{"400": …}``, ``{"APIG.0101": {…}}`` or an error catalogue whose every
    value is an object with a message (``["FLASH:Checksum:IOFailure"] error = "…"``)."""
    if not data:
        return False
    keys = [str(k).strip() for k in data]
    if all(isinstance(v, dict) for v in data.values()) and all(is_token(k) for k in keys):
        messages = sum(1 for v in data.values() if _message_field(v) is not None)
        if messages >= 0.8 * len(keys):
            return True
    codes = sum(1 for k in keys if is_code_like(k) or (is_token(k) and any(c.isdigit() for c in k)))
    return codes >= 0.8 * len(keys) and all(not isinstance(v, list) for v in data.values())


#: Fields that carry an error's message in catalogues (``error = "…"`` in PingCAP's errors.toml).
_MESSAGE_FIELDS = ("error", "message", "msg", "errmsg", "error_message", "title")


def _message_field(obj: dict[Any, Any]) -> str | None:
    for key in obj:
        if str(key).lower() in _MESSAGE_FIELDS and isinstance(obj[key], str):
            return str(key)
    return None


def _row_object(item: dict[Any, Any]) -> dict[str, Any]:
    """One row's fields; a nested object's fields become columns of their own
    (``"comment": {"description": …}`` → ``comment.description``; ``extra`` → its keys)."""
    flat: dict[str, Any] = {}
    for key, value in item.items():
        if (
            isinstance(value, dict)
            and value
            and not any(isinstance(v, (dict, list)) for v in value.values())
        ):
            prefix = "" if key == "extra" else f"{key}."
            for sub_key, sub_value in value.items():
                flat.setdefault(f"{prefix}{sub_key}", sub_value)
        else:
            flat[str(key)] = value
    return flat


def _table_from_objects(items: list[Any], ctx: ParseContext) -> RawTable:
    objects = [_row_object(item) for item in items if isinstance(item, dict)]
    headers: dict[str, None] = {}
    for obj in objects:
        for key in obj:
            if key not in headers and len(headers) < MAX_COLUMNS:
                headers[key] = None
    names = list(headers)
    rows: list[list[str]] = [names]
    for number, obj in enumerate(objects):
        if number & 4095 == 0:
            ctx.check(number / max(len(objects), 1))
            ctx.add_rows(min(4096, len(objects) - number))
            ctx.add_cells(min(4096, len(objects) - number) * len(names))
        rows.append([value_text(obj.get(name)) for name in names])
    return RawTable(rows, 1, kind="JSON objects")


def _table_from_rows(items: list[Any], ctx: ParseContext) -> RawTable:
    rows: list[list[str]] = []
    for number, item in enumerate(items):
        if number & 4095 == 0:
            ctx.check(number / max(len(items), 1))
            ctx.add_rows(min(4096, len(items) - number))
        cells = item if isinstance(item, list) else [item]
        row = [value_text(cell) for cell in cells[:MAX_COLUMNS]]
        ctx.add_cells(len(row))
        rows.append(row)
    return RawTable(rows, None, kind="JSON rows")


def _table_from_map(data: dict[Any, Any], ctx: ParseContext) -> RawTable:
    fields: dict[str, None] = {}
    for value in data.values():
        if isinstance(value, dict):
            for key in _row_object(value):
                if key not in fields and len(fields) < MAX_COLUMNS - 1:
                    fields[key] = None
    names = list(fields)
    # Plain "code": "text" values go to the objects' phrase field (or a "phrase" column).
    phrase_name = next((name for name in names if name.lower() in _MESSAGE_FIELDS), None)
    if phrase_name is None:
        phrase_name = next((name for name in names if header_role(name) == "phrase"), None)
    if phrase_name is None and any(not isinstance(v, dict) for v in data.values()):
        phrase_name = "phrase"
        names.insert(0, phrase_name)
    rows: list[list[str]] = [["code", *names]]
    ctx.add_rows(len(data))
    ctx.add_cells(len(data) * (len(names) + 1))
    for key, value in data.items():
        if isinstance(value, dict):
            obj = _row_object(value)
            rows.append([str(key), *(value_text(obj.get(name)) for name in names)])
        else:
            text = value_text(value)
            rows.append([str(key), *(text if name == phrase_name else "" for name in names)])
    return RawTable(rows, 1, kind="code map")


def tables_from_data(data: Any, ctx: ParseContext) -> list[RawTable]:
    """Every table shape found in parsed JSON/TOML data, in document order."""
    out: list[RawTable] = []
    _walk(data, ctx, out, None, 0)
    return out


def _walk(
    data: Any, ctx: ParseContext, out: list[RawTable], section: str | None, depth: int
) -> None:
    if depth > _MAX_DEPTH:
        return
    table: RawTable | None = None
    if isinstance(data, list) and data:
        if all(isinstance(item, dict) for item in data):
            table = _table_from_objects(data, ctx)
        elif all(isinstance(item, list) for item in data) or all(
            not isinstance(item, (list, dict)) for item in data
        ):
            table = _table_from_rows(data, ctx)
    elif isinstance(data, dict):
        if _is_code_map(data):
            table = _table_from_map(data, ctx)
        else:
            nested = [(k, v) for k, v in data.items() if isinstance(v, (list, dict)) and v]
            grouped = len(nested) > 1
            for key, value in nested:
                _walk(value, ctx, out, str(key) if grouped else section, depth + 1)
            return
    if table is not None:
        table.section = section
        table.section_category = strong_category(section)
        out.append(table)


def parse_json(text: str, ctx: ParseContext) -> list[RawTable]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ctx.fail(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ctx.fail("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise ctx.fail(f"invalid JSON: {exc}") from None
    if not isinstance(data, (list, dict)):
        raise ctx.fail("the JSON document is not a list or an object of codes")
    from .openapi import openapi_tables

    tables = openapi_tables(data, ctx)
    return tables if tables is not None else tables_from_data(data, ctx)
