"""Rows of a code table: :class:`ImportedRow` records from its cells under its column roles.

Rows: a cell ``400 Bad Request`` (or ``HTTP/1.1 400 Bad Request``) splits into code and phrase;
a row whose only text spans the table (``<td colspan=3>Normal</td>``) or sits alone in the
first column is a *group row* that sets the category (or ``extra["group"]``) of the rows below
it; a row whose code cell continues a ``rowspan`` code cell of the row above is merged into
that row (one code, several causes), differing values joined with ``"; "``. The vendor's
wording is never changed: cells are only stripped of surrounding whitespace.

Also: a class row (``4xx | Client Error``) sets the category of the rows below it; a range
(``104-199``) or a registry's ``Unassigned`` code is skipped with a warning; one cell naming
several codes (``429000, 429001``, ``CDS60003 or INTERNAL_SERVER_ERROR``) gives a row each;
``-``/``N/A`` cells of rendered documents count as empty (data files keep them); a full
sentence among names in a phrase column is that row's description, and a description
``Bad Request -- Your request is invalid.`` gives its name as the phrase. A table-wide
category (section, caption, header, page title) yields to the HTTP class of a status code.

:func:`build_table` decides the header rows and column roles of a raw table (:mod:`.columns`)
and builds its rows; :func:`remap` rebuilds them after the user re-mapped the columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .base import ImportedRow, ParseContext, ParsedTable, RawTable
from .columns import (
    RANGE_RE,
    category_from_text,
    combine_headers,
    detect_roles,
    guess_header_rows,
    is_code_like,
    is_sentence,
    is_status,
    is_symbol,
    is_token,
    split_status_phrase,
    strong_category,
    validate_roles,
)
from .header_words import extra_key, header_role

# -- building rows ------------------------------------------------------------------------
_ROLE_EXTRA_KEYS = {
    "translation": "translation",
    "description": "description",
    "solution": "solution",
    "module": "module",
    "status": "http_status",
}
_RESERVED_KEYS = {"code", "phrase", "category"}
#: Cells that say "nothing here" in tables of rendered documents (data files keep them).
_PLACEHOLDERS = frozenset({"-", "--", "–", "—", "N/A", "n/a", "无"})
_DATA_KINDS = frozenset(
    {
        "CSV",
        "JSON objects",
        "JSON rows",
        "code map",
        "XML records",
        "OpenAPI responses",
        "status text map",
    }
)
_CLASS_ROW_RE = re.compile(r"([1-9])[xX]{2}\b.*", re.DOTALL)
_STATUS_LIST_RE = re.compile(r"-?[0-9]{3}(?:\s*[,;/ ]\s*-?[0-9]{3})*")
_NUMBER_RE = re.compile(r"-?[0-9]+")
_NAMED_EXPLANATION_RE = re.compile(r"([^.。!?\n]{1,60}?)\s+(?:--|—|–)\s+(\S.*)", re.DOTALL)
#: A registry's free codes ("427 | Unassigned"): not codes.
_UNASSIGNED = frozenset({"Unassigned", "unassigned", "UNASSIGNED", "未分配"})
#: Characters that class rows (1xx), ranges (104-199) and code lists (a, b / a or b) need.
_SPECIAL_RE = re.compile(r"[xX]{2}|[-–—~,，、;/\s]|或")
_CODE_LIST_RE = re.compile(r"[\w.:-]+(?:(?:\s*[,，、;/]\s*|\s+or\s+|\s*或\s*)[\w.:-]+)+")
_LIST_SPLIT_RE = re.compile(r"\s*[,，、;/]\s*|\s+or\s+|\s*或\s*")


def _extra_plan(headers: Sequence[str], roles: Sequence[str | None]) -> list[tuple[int, str]]:
    """(column, key) of every column that goes to ``extra``."""
    has_error_code = "error_code" in roles
    plan: list[tuple[int, str]] = []
    used = set(_RESERVED_KEYS)
    for j, role in enumerate(roles):
        if role in ("translation", "description", "solution", "module"):
            plan.append((j, _ROLE_EXTRA_KEYS[role]))
            used.add(_ROLE_EXTRA_KEYS[role])
        elif role == "status" and has_error_code:
            plan.append((j, "http_status"))
            used.add("http_status")
    for j, role in enumerate(roles):
        if role is not None:
            continue
        base = extra_key(headers[j], j)
        key, n = base, 2
        while key in used:
            key, n = f"{base}_{n}", n + 1
        used.add(key)
        plan.append((j, key))
    return plan


def build_rows(
    table: ParsedTable,
    table_number: int,
    ctx: ParseContext | None = None,
    *,
    user_roles: bool = False,
) -> tuple[list[ImportedRow], list[str]]:
    """Rows of ``table`` from its ``raw_rows`` under its ``roles`` (also used by remap).

    With detected roles, a full sentence in a description column that was taken as the
    phrase column (its other cells are names) is that row's description; roles the user
    chose are followed as they are.
    """
    roles = table.roles
    warnings: list[str] = []
    if "error_code" in roles:
        code_col = roles.index("error_code")
        code_is_status = False
    elif "status" in roles:
        code_col = roles.index("status")
        code_is_status = True
    else:
        return [], [f"skipped table {table_number}: no code column"]
    status_col = roles.index("status") if "status" in roles and not code_is_status else None
    phrase_col = roles.index("phrase") if "phrase" in roles else None
    category_col = roles.index("category") if "category" in roles else None
    plan = _extra_plan(table.headers, roles)
    rendered = table.kind not in _DATA_KINDS  # a page's table, not a data file's columns
    # OpenAPI gives one row per (code, description): a code listed again is by design.
    several_meanings = table.kind == "OpenAPI responses"
    phrase_is_description = (
        not user_roles
        and phrase_col is not None
        and header_role(table.headers[phrase_col]) == "description"
    )

    header_category = strong_category(table.headers[code_col]) if code_is_status else None
    caption_category = strong_category(table.caption)
    table_category = (
        table.section_category or caption_category or header_category or table.page_category
    )
    section_extra = (
        table.section
        if table.section
        and table.section_category is None
        and category_from_text(table.section)[0] is None
        else None
    )
    group_category: str | None = None
    group_label: str | None = None
    by_class = False  # the table is grouped by class rows (1xx, 2xx …)
    rows: list[ImportedRow] = []
    continued = table.continued
    first_seen: dict[str, int] = {}
    raw_rows = table.raw_rows
    total = len(raw_rows)
    for number, cells in enumerate(raw_rows, start=1):
        if ctx is not None and number & 4095 == 0:
            ctx.check(number / total)
        code = cells[code_col].strip() if code_col < len(cells) else ""
        inline_phrase = ""
        # Plain codes (APIG.0101, 404) skip the checks for class rows, ranges and lists.
        special = _SPECIAL_RE.search(code) is not None
        class_category = _class_row_category(code) if special else None
        if class_category is not None:
            # "1xx | Informational | 信息" names the class of the rows below it, not a code.
            group_category, group_label, by_class = class_category or None, None, True
            continue
        label = _group_label(cells, code_col, code)
        if label is not None:
            group_category, _strong = category_from_text(label)
            group_label = None if group_category else label
            continue
        if not code:
            if any(c.strip() for c in cells):
                warnings.append(f"table {table_number}, row {number}: no code, row skipped")
            continue
        unassigned = (
            phrase_col is not None
            and phrase_col < len(cells)
            and (cells[phrase_col] in _UNASSIGNED)
        )
        skipped = _skip_reason(code, unassigned) if special or unassigned else None
        if skipped:
            warnings.append(f"table {table_number}, row {number}: {_short(code)!r} {skipped}")
            continue
        codes = _code_list(code) if special else None
        if code_is_status and not is_status(code) and codes is None:
            split = split_status_phrase(code)
            if split is not None:
                code, inline_phrase = split
                if inline_phrase.startswith("(") and inline_phrase.endswith(")"):
                    inline_phrase = inline_phrase[1:-1].strip()  # "200 (OK)"
        if codes is None and not is_token(code):
            warnings.append(
                f"table {table_number}, row {number}: {_short(code)!r} is not a code, row skipped"
            )
            continue
        phrase = (
            cells[phrase_col].strip() if phrase_col is not None and phrase_col < len(cells) else ""
        )
        explanation = ""
        if phrase_is_description and is_sentence(phrase):
            explanation, phrase = phrase, ""  # one sentence among names: the description
        if not phrase:
            phrase = inline_phrase
        extra: dict[str, str] = {}
        category: str | None = None
        if category_col is not None and category_col < len(cells):
            value = cells[category_col].strip()
            if value:
                category, _strong = category_from_text(value)
                if category is None:
                    extra["group"] = value
        if category is None:
            if by_class and code_is_status and is_status(code):
                # A table grouped by class rows files a stray 207 after "5xx" by its own class.
                category = "normal" if code[0] in "123" else "error"
            else:
                category = group_category or _agreeing(table_category, code, code_is_status)
        if group_label and "group" not in extra:
            extra["group"] = group_label
        if section_extra:
            extra["section"] = section_extra
        if explanation:
            extra["description"] = explanation
        for j, key in plan:
            if j < len(cells):
                value = cells[j].strip()
                if value:
                    if j == status_col and not is_status(value):
                        statuses = _STATUS_LIST_RE.fullmatch(value)
                        split = None if statuses else split_status_phrase(value)
                        if statuses:
                            value = ", ".join(_NUMBER_RE.findall(value))  # "400 403", "-503"
                        elif split is not None:
                            value = split[0]
                        elif value == phrase:
                            continue  # a colspan cell over status and phrase: not a status
                    extra[key] = value
        if not phrase and "description" in extra and rendered:
            named = _NAMED_EXPLANATION_RE.fullmatch(extra["description"])
            if named is not None and len(named[1].split()) <= 6:
                # "Bad Request -- Your request is invalid.": a name, then what it means.
                phrase, extra["description"] = named[1], named[2]
        previous = rows[-1] if rows else None
        if previous is not None and previous.code == code and (number - 1, code_col) in continued:
            _merge_into(previous, extra)
            continue
        for one in codes or (code,):
            if one in first_seen and not several_meanings:
                warnings.append(
                    f"table {table_number}: code {_short(one)} appears more than once "
                    f"(rows {first_seen[one]} and {number})"
                )
            else:
                first_seen[one] = number
            rows.append(ImportedRow(one, phrase, category, dict(extra) if codes else extra))
    return rows, warnings


def _skip_reason(code: str, unassigned: bool) -> str | None:
    """Why a row with a code cell is not a code: a range, or a registry's unassigned code."""
    if RANGE_RE.fullmatch(code):
        return "is a range of codes, row skipped"
    if unassigned:
        return "is unassigned, row skipped"
    return None


def _code_list(cell: str) -> tuple[str, ...] | None:
    """``"429000, 429001, 429002"``: several codes sharing one row; None for one code."""
    if not _CODE_LIST_RE.fullmatch(cell):
        return None
    codes = tuple(part for part in _LIST_SPLIT_RE.split(cell) if part)
    if len(codes) < 2 or not all(is_token(c) and (is_code_like(c) or is_symbol(c)) for c in codes):
        return None
    return codes


def _agreeing(category: str | None, code: str, code_is_status: bool) -> str | None:
    """A table-wide category, unless the row's HTTP class says otherwise (a 200 on an
    "Error codes" page is not an error)."""
    if category is None or not code_is_status or not is_status(code):
        return category
    return category if (code[0] in "123") == (category == "normal") else None


def _class_row_category(code: str) -> str | None:
    """``"normal"``/``"error"`` for a class row's code cell (``1xx``, ``4XX Client Error``);
    ``""`` for a class row that is no HTTP class (``7xx Developer Error``)."""
    match = _CLASS_ROW_RE.fullmatch(code)
    if match is None:
        return None
    digit = match.group(1)
    return "normal" if digit in "123" else "error" if digit in "45" else ""


def _group_label(cells: Sequence[str], code_col: int, code: str) -> str | None:
    """The text of a group row ("Normal" spanning the table), else None."""
    if code:
        # Most rows: a code and some other, different text — not a group row (fast exit).
        for j, cell in enumerate(cells):
            if j != code_col:
                text = cell.strip()
                if text and text != code:
                    return None
    values = [c.strip() for c in cells]
    filled = [v for v in values if v]
    if not filled or len(set(filled)) != 1:
        return None
    label = filled[0]
    if len(label) > 80 or is_code_like(label):
        return None
    if len(filled) >= 2 and len(filled) == len(values):
        return label
    if len(filled) == 1 and values[0] and (code_col != 0 or not is_token(code)):
        return label
    if len(filled) == 1 and values[0] and category_from_text(label)[1]:
        return label
    return None


def _merge_into(row: ImportedRow, extra: dict[str, str]) -> None:
    for key, value in extra.items():
        old = row.extra.get(key)
        if old is None:
            row.extra[key] = value
        elif value not in old.split("; "):
            row.extra[key] = f"{old}; {value}"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- tables -------------------------------------------------------------------------------
def build_table(raw: RawTable, number: int, ctx: ParseContext) -> ParsedTable | None:
    """Decide header rows and roles of ``raw`` and build its rows; None for non-code tables."""
    grid = raw.rows
    if not grid:
        return None
    width = max(len(r) for r in grid)
    if width == 0:
        return None
    header_count = raw.header_rows if raw.header_rows is not None else guess_header_rows(grid)
    header_count = min(header_count, len(grid), 5)
    headers = combine_headers(grid[:header_count], width)
    data = [r if len(r) == width else [*r, *([""] * (width - len(r)))] for r in grid[header_count:]]
    if raw.kind not in _DATA_KINDS:
        data = [
            r if _PLACEHOLDERS.isdisjoint(r) else ["" if c in _PLACEHOLDERS else c for c in r]
            for r in data
        ]
    roles = detect_roles(headers, data)
    if "status" not in roles and "error_code" not in roles:
        ctx.warn(f"skipped table {number}: no code column")
        return None
    table = ParsedTable(
        headers=headers,
        roles=roles,
        rows=[],
        section=raw.section,
        raw_rows=data,
        index=number,
        section_category=raw.section_category,
        continued=frozenset((r - header_count, c) for r, c in raw.continued if r >= header_count),
        caption=raw.caption,
        page_category=raw.page_category,
        kind=raw.kind,
    )
    table.rows, table.warnings = build_rows(table, number, ctx)
    for message in table.warnings:
        ctx.warn(message)
    if not table.rows:
        ctx.warn(f"skipped table {number}: no rows with a code")
        return None
    return table


def remap(table: ParsedTable, roles: Sequence[str | None]) -> ParsedTable:
    """A copy of ``table`` with other column roles and rows rebuilt from ``raw_rows``.

    Raises ValueError for a wrong number of roles, an unknown role or a role given twice.
    """
    validate_roles(roles, len(table.headers))
    result = ParsedTable(
        headers=list(table.headers),
        roles=list(roles),
        rows=[],
        section=table.section,
        raw_rows=table.raw_rows,
        index=table.index,
        section_category=table.section_category,
        continued=table.continued,
        caption=table.caption,
        page_category=table.page_category,
        kind=table.kind,
    )
    result.rows, result.warnings = build_rows(result, table.index, user_roles=True)
    return result
