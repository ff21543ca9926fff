"""Checks for registry entries as stored on disk (``app/docs/registry-format.md``).

``validate_entry`` returns a list of human-readable problems (empty when the entry is
well-formed); the loader refuses data with problems and the tests run it over every
bundled file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from app.registry.entry import (
    CATEGORIES,
    CLASSES,
    HEADER_STRENGTHS,
    LIFECYCLES,
    RETRY_POLICIES,
    category_of,
    class_of,
)

REQUIRED_TEXT = ("id", "code", "phrase", "class", "category", "lifecycle", "source", "summary")
CONTENT_TEXT = ("reference", "reference_url", "description", "client_action", "example")
ZH_TEXT = ("phrase", "summary", "description", "client_action", "retry_note")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(_nonempty_str(v) for v in value)


def validate_entry(raw: Any) -> list[str]:
    """Problems with one raw entry; ``[]`` when it is complete and consistent."""
    if not isinstance(raw, dict):
        return ["entry is not an object"]
    where = str(raw.get("id", "?"))
    problems = [
        f"{where}: missing or empty '{key}'"
        for key in REQUIRED_TEXT + CONTENT_TEXT
        if not _nonempty_str(raw.get(key))
    ]
    if problems:
        return problems
    code, cls = raw["code"], raw["class"]
    if cls not in CLASSES or class_of(code) != cls:
        problems.append(f"{where}: class '{cls}' does not fit code '{code}'")
    if raw["category"] not in CATEGORIES or raw["category"] != category_of(cls):
        problems.append(f"{where}: category '{raw['category']}' does not fit class '{cls}'")
    if raw["lifecycle"] not in LIFECYCLES:
        problems.append(f"{where}: unknown lifecycle '{raw['lifecycle']}'")
    expires = raw.get("expires")
    if raw["lifecycle"] == "temporary":
        if not (isinstance(expires, str) and _DATE.match(expires)):
            problems.append(f"{where}: temporary entry needs an ISO 'expires' date")
    elif expires is not None:
        problems.append(f"{where}: 'expires' is only for temporary entries")
    if not raw["reference_url"].startswith("https://"):
        problems.append(f"{where}: reference_url must be an https link")
    if not isinstance(raw.get("aliases"), list) or not all(
        _nonempty_str(a) for a in raw["aliases"]
    ):
        problems.append(f"{where}: 'aliases' must be a list of strings")
    if not isinstance(raw.get("causes"), list) or not all(_nonempty_str(c) for c in raw["causes"]):
        problems.append(f"{where}: 'causes' must be a list of strings")
    elif cls in ("4xx", "5xx") and not raw["causes"]:
        problems.append(f"{where}: error codes need at least one cause")
    problems += _validate_retry(where, raw.get("retry"))
    if not isinstance(raw.get("cacheable_by_default"), bool):
        problems.append(f"{where}: 'cacheable_by_default' must be true or false")
    problems += _cite_problems(
        f"{where}: cacheable_cite", raw.get("cacheable_cite"), raw["cacheable_by_default"] is True
    )
    problems += _validate_headers(where, raw.get("headers"))
    problems += _validate_related(where, raw.get("related"))
    problems += _validate_example(where, code, raw["example"])
    constants = raw.get("constants")
    if not isinstance(constants, dict) or not all(
        _nonempty_str(k) and _nonempty_str(v) for k, v in constants.items()
    ):
        problems.append(f"{where}: 'constants' must map language to a name")
    problems += _validate_old_constants(where, raw.get("constants_old", {}))
    problems += _validate_zh(where, raw)
    return problems


def _validate_retry(where: str, retry: Any) -> list[str]:
    if not isinstance(retry, dict) or retry.get("policy") not in RETRY_POLICIES:
        return [f"{where}: 'retry.policy' must be one of {', '.join(RETRY_POLICIES)}"]
    if not _nonempty_str(retry.get("note")):
        return [f"{where}: 'retry.note' is empty"]
    return _cite_problems(f"{where}: retry", retry.get("cite"), retry["policy"] in SPEC_POLICIES)


#: Retry policies that always rest on a spec statement (so they must cite it).
SPEC_POLICIES = frozenset({"honor-Retry-After", "safe-for-idempotent"})
_SECTION = re.compile(r"^(?:\d+|[A-Z])(?:\.\d+)*$")


def _cite_problems(where: str, cite: Any, required: bool) -> list[str]:
    """A normative claim's source: ``{spec, section, url}`` (see registry-format.md)."""
    if cite is None:
        return [f"{where} needs a cite (spec, section, url)"] if required else []
    if not (isinstance(cite, dict) and all(_nonempty_str(cite.get(k)) for k in _CITE_KEYS)):
        return [f"{where}: a cite needs 'spec', 'section' and 'url'"]
    if not cite["url"].startswith("https://"):
        return [f"{where}: a cite's url must be an https link"]
    if cite["spec"].startswith(("RFC ", "draft-")) and not (
        _SECTION.match(cite["section"]) and cite["url"].endswith(f"#section-{cite['section']}")
    ):
        return [f"{where}: cite {cite['spec']} §{cite['section']} must link to that section"]
    return []


_CITE_KEYS = ("spec", "section", "url")


def _validate_old_constants(where: str, old: Any) -> list[str]:
    """``constants_old``: language → former names, each deprecated or removed since a version."""
    if not isinstance(old, dict):
        return [f"{where}: 'constants_old' must map language to a list"]
    return [
        f"{where}: constants_old item needs name, state (deprecated/removed), since: {item!r}"
        for items in old.values()
        for item in (items if isinstance(items, list) else [items])
        if not (
            isinstance(item, dict)
            and _nonempty_str(item.get("name"))
            and item.get("state") in ("deprecated", "removed")
            and _nonempty_str(item.get("since"))
        )
    ]


def _validate_headers(where: str, headers: Any) -> list[str]:
    if not isinstance(headers, list):
        return [f"{where}: 'headers' must be a list"]
    problems = []
    for header in headers:
        if not isinstance(header, dict) or not _FIELD_NAME.match(str(header.get("name", ""))):
            problems.append(f"{where}: header without a valid field name: {header!r}")
        elif header.get("strength") not in HEADER_STRENGTHS:
            problems.append(f"{where}: header {header['name']} has no valid strength")
        else:
            problems += _cite_problems(
                f"{where}: header {header['name']} ({header['strength']})",
                header.get("cite"),
                header["strength"] != "INFO",
            )
    return problems


def _validate_related(where: str, related: Any) -> list[str]:
    if not isinstance(related, list):
        return [f"{where}: 'related' must be a list"]
    return [
        f"{where}: related item needs 'code' and 'why': {item!r}"
        for item in related
        if not (
            isinstance(item, dict)
            and _nonempty_str(item.get("code"))
            and _nonempty_str(item.get("why"))
        )
    ]


def _validate_example(where: str, code: str, example: str) -> list[str]:
    lines = example.split("\n")
    if not lines[0].startswith(f"HTTP/1.1 {code} "):
        return [f"{where}: example must start with 'HTTP/1.1 {code} '"]
    bad = [line for line in lines[1:] if line and not re.match(r"^[A-Za-z][A-Za-z0-9-]*: ", line)]
    return [f"{where}: example line is not a header field: {line!r}" for line in bad]


def _validate_zh(where: str, raw: dict[str, Any]) -> list[str]:
    zh = raw.get("zh")
    if not isinstance(zh, dict):
        return [f"{where}: missing 'zh' object"]
    problems = [
        f"{where}: missing or empty 'zh.{key}'" for key in ZH_TEXT if not _nonempty_str(zh.get(key))
    ]
    if not _str_list(zh.get("causes")) or len(zh.get("causes", [])) != len(raw["causes"]):
        problems.append(f"{where}: 'zh.causes' must match 'causes' one to one")
    why = zh.get("related_why")
    codes = {item.get("code") for item in raw["related"] if isinstance(item, dict)}
    if (
        not isinstance(why, dict)
        or set(why) != codes
        or not all(_nonempty_str(v) for v in why.values())
    ):
        problems.append(f"{where}: 'zh.related_why' must explain every related code")
    return problems


def validate_entries(raws: list[Any]) -> list[str]:
    """Problems across a set of entries: each entry's, duplicate ids, dangling related codes."""
    problems: list[str] = []
    seen: set[str] = set()
    codes = {raw.get("code") for raw in raws if isinstance(raw, dict)}
    for raw in raws:
        problems += validate_entry(raw)
        if not isinstance(raw, dict):
            continue
        if raw.get("id") in seen:
            problems.append(f"duplicate id {raw.get('id')}")
        seen.add(str(raw.get("id")))
        for item in raw.get("related") or []:
            if isinstance(item, dict) and item.get("code") not in codes:
                problems.append(f"{raw.get('id')}: related code {item.get('code')} does not exist")
    return problems


def validate_file(path: str | Path) -> list[str]:
    """Validate one registry data file on its own (related codes checked within the file)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if (
        not isinstance(data, dict)
        or data.get("format") != 1
        or not isinstance(data.get("entries"), list)
    ):
        return [f"{path}: expected {{'format': 1, 'entries': [...]}}"]
    return [p for p in validate_entries(data["entries"]) if "does not exist" not in p]
