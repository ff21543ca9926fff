"""The status codes an OpenAPI 3.x or Swagger 2.0 document declares, as one code table.

Rules:

* A document is OpenAPI when it is a mapping with ``openapi: 3.*`` or ``swagger: "2.0"`` and a
  ``paths`` mapping; anything else gives ``None`` so that the caller reads it another way.
* Every operation (``get``, ``put``, ``post``, ``delete``, ``options``, ``head``, ``patch``,
  ``trace`` under each path) contributes its ``responses``. A numeric key (``200`` from YAML or
  ``"200"`` from JSON) in 100–599 is a row; its message is the response's ``description``
  with runs of whitespace collapsed.
* A response given as ``$ref`` is looked up in the document (``#/components/responses/X`` in
  3.x, ``#/responses/X`` in 2.0, any local JSON pointer in fact, chains followed). A ref to
  another file, or one that leads nowhere, keeps the ref text as its message, with a warning.
* Rows are keyed by (code, message): operations that declare the same pair share one row
  that lists them all (``GET /pet/{petId}, DELETE /pet/{petId}``) and the union of their tags.
  Rows keep the order in which the document first declares them.
* ``default``, range keys (``4XX``) and other non-numeric keys, and numbers outside 100–599,
  give no row; each such key gives one warning naming the first operation and how many
  others declare it.

The table's headers are ``HTTP status code``, ``Message``, ``Operations`` and ``Tags``; the
header words give the status and phrase roles and keep the last two in ``extra``.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeGuard
from urllib.parse import unquote

from .base import ParseContext, RawTable

HEADERS = ["HTTP status code", "Message", "Operations", "Tags"]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

_RANGE_RE = re.compile(r"[1-5]xx", re.IGNORECASE)
_DIGITS_RE = re.compile(r"[0-9]{1,9}")
#: A ref chain longer than this is treated as circular.
_MAX_REF_HOPS = 32
#: ctx.check is called once per this many operations.
_CHECK_EVERY = 256


@dataclasses.dataclass(slots=True)
class _Row:
    """One (code, message) pair and the operations and tags that declare it."""

    code: str
    message: str
    operations: dict[str, None] = dataclasses.field(default_factory=dict)
    tags: dict[str, None] = dataclasses.field(default_factory=dict)


class _Collector:
    """Rows keyed by (code, message) and warnings collapsed per message, in document order."""

    def __init__(self, document: dict[Any, Any], ctx: ParseContext) -> None:
        self.document = document
        self.ctx = ctx
        self.rows: dict[tuple[str, str], _Row] = {}
        self.refs: dict[str, tuple[str, str | None]] = {}
        #: warning text (without the operation) → the operations it applies to
        self.issues: dict[str, dict[str, None]] = {}

    def follow(self, ref: str) -> tuple[str, str | None]:
        """:func:`follow_ref`, once per distinct ref (specs repeat a few refs very often)."""
        known = self.refs.get(ref)
        if known is None:
            known = self.refs[ref] = follow_ref(self.document, ref)
        return known

    def issue(self, operation: str, message: str) -> None:
        self.issues.setdefault(message, {})[operation] = None

    def add(self, code: str, message: str, operation: str, tags: list[str]) -> None:
        row = self.rows.get((code, message))
        if row is None:
            self.ctx.add_rows(1)
            self.ctx.add_cells(len(HEADERS))
            row = self.rows[(code, message)] = _Row(code, message)
        row.operations[operation] = None
        for tag in tags:
            row.tags[tag] = None

    def flush_warnings(self) -> None:
        for message, operations in self.issues.items():
            names = list(operations)
            where = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
            self.ctx.warn(f"{where}: {message}")


def is_openapi(data: object) -> TypeGuard[dict[Any, Any]]:
    """True for an OpenAPI 3.x or Swagger 2.0 document with a ``paths`` mapping.

    Plain dicts only, as the JSON and YAML loaders give: on a large spec an ABC check
    (``Mapping``) on every response costs several times a dict check.
    """
    if not isinstance(data, dict) or not isinstance(data.get("paths"), dict):
        return False
    # Unquoted YAML turns "openapi: 3.0" and "swagger: 2.0" into floats; compare the text.
    openapi = data.get("openapi")
    if isinstance(openapi, (str, float)) and str(openapi).startswith("3."):
        return True
    swagger = data.get("swagger")
    return isinstance(swagger, (str, float)) and str(swagger) == "2.0"


def openapi_tables(data: object, ctx: ParseContext) -> list[RawTable] | None:
    """The code table of an OpenAPI/Swagger document; None when ``data`` is not one."""
    if not is_openapi(data):
        return None
    collector = _Collector(data, ctx)
    paths: dict[Any, Any] = data["paths"]
    total = _operation_count(paths)
    done = 0
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method, operation in item.items():
            if not isinstance(method, str) or method.lower() not in METHODS:
                continue  # "parameters", "summary", "$ref", "x-…" are not operations
            if isinstance(operation, dict):
                _read_operation(f"{method.upper()} {path}", operation, collector)
            done += 1
            if done % _CHECK_EVERY == 0:
                ctx.check(done / total)
    collector.flush_warnings()
    if not collector.rows:
        return []
    grid = [list(HEADERS)]
    grid.extend(
        [row.code, row.message, ", ".join(row.operations), ", ".join(row.tags)]
        for row in collector.rows.values()
    )
    caption = document_caption(data)
    return [RawTable(grid, 1, section=None, kind="OpenAPI responses", caption=caption)]


def _operation_count(paths: dict[Any, Any]) -> int:
    """How many operations the walk will visit (for progress; at least 1)."""
    return max(
        1,
        sum(
            1
            for item in paths.values()
            if isinstance(item, dict)
            for method in item
            if isinstance(method, str) and method.lower() in METHODS
        ),
    )


def document_caption(data: dict[Any, Any]) -> str | None:
    """``info.title`` and ``info.version`` (``"Swagger Petstore 1.0.7"``), when present."""
    info = data.get("info")
    if not isinstance(info, dict):
        return None
    parts = [_text(info.get("title")), _text(info.get("version"))]
    caption = " ".join(part for part in parts if part)
    return caption or None


def _read_operation(name: str, operation: dict[Any, Any], collector: _Collector) -> None:
    responses = operation.get("responses")
    if not isinstance(responses, dict):
        return
    raw_tags = operation.get("tags")
    tags = [tag for tag in map(_text, raw_tags) if tag] if isinstance(raw_tags, list) else []
    for key, response in responses.items():
        code = _status_code(key, name, collector)
        if code is not None:
            message = _response_message(key, response, name, collector)
            collector.add(code, message, name, tags)


def _status_code(key: object, operation: str, collector: _Collector) -> str | None:
    """The code of a ``responses`` key, or None after noting why it gives no row."""
    # YAML gives 200 (int), JSON "200"; a bool key is an int in Python but "True" here.
    text = key.strip() if isinstance(key, str) else str(key)
    if _DIGITS_RE.fullmatch(text):
        number = int(text)
        if 100 <= number <= 599:
            return str(number)
        collector.issue(operation, f"response '{text}' is outside 100–599, not imported")
    elif _RANGE_RE.fullmatch(text):
        collector.issue(operation, f"response '{text}' is a range of status codes, not imported")
    else:
        collector.issue(operation, f"response '{text}' is not a status code, not imported")
    return None


def _response_message(key: object, response: object, operation: str, collector: _Collector) -> str:
    """The description of a response, following a local ``$ref``."""
    ref = response.get("$ref") if isinstance(response, dict) else None
    if isinstance(ref, str):
        message, problem = collector.follow(ref)
        if problem is not None:
            collector.issue(operation, f"response {key}{problem}")
        return message
    return _description(response)


def _description(response: object) -> str:
    if not isinstance(response, dict):
        return ""
    return " ".join(_text(response.get("description")).split())


def follow_ref(document: object, ref: str) -> tuple[str, str | None]:
    """``(message, None)`` for a ref chain that ends at a response in ``document``, else
    ``(the ref that failed, what went wrong)``."""
    seen: set[str] = set()
    target: object = {"$ref": ref}
    while isinstance(target, dict) and isinstance(target.get("$ref"), str):
        ref = target["$ref"]
        if not ref.startswith("#"):
            return ref, (
                f" refers to {ref!r} in another file; the reference is kept as its message"
            )
        if ref in seen or len(seen) >= _MAX_REF_HOPS:
            return ref, f": $ref {ref!r} is circular"
        seen.add(ref)
        target = resolve_pointer(document, ref)
        if target is None:
            return ref, (
                f": $ref {ref!r} is not found in the document; the reference is kept as its message"
            )
    return _description(target), None


def resolve_pointer(document: object, ref: str) -> object | None:
    """The value a local ref (``#/components/responses/NotFound``) points to, or None."""
    fragment = unquote(ref[1:])  # the part after "#" is URI-encoded
    if not fragment:
        return document
    if not fragment.startswith("/"):
        return None
    node: object = document
    for raw in fragment[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")  # JSON pointer escapes, in this order
        # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
        index = int(token) if _DIGITS_RE.fullmatch(token) else None
        if isinstance(node, dict):
            if token in node:
                node = node[token]
            elif index is not None and index in node:  # YAML int keys ("200:")
                node = node[index]
            else:
                return None
        elif isinstance(node, list) and index is not None and index < len(node):
            node = node[index]
        else:
            return None
    return node


def _text(value: object) -> str:
    """Scalar values as text (YAML may give numbers for versions or tags); others as ''."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return ""
