"""Load the built-in registry from ``resources/registry/*.json`` into ``StatusEntry`` objects.

The bundled files are validated as they load; a problem there is a packaging bug, so it
raises ``RegistryDataError`` with every problem listed rather than showing half a registry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.registry.entry import Header, Related, StatusEntry
from app.registry.validation import validate_entries
from app.services.paths import resource_path


class RegistryDataError(ValueError):
    """The bundled registry data is malformed."""


@dataclass(frozen=True)
class Registry:
    """All entries plus data provenance. The built-in entries are in display order (numeric
    code, then source); imported registries follow as blocks (``ChainedEntries``), so a
    million imported rows are never sorted or materialized as a whole."""

    entries: Sequence[StatusEntry]
    iana_last_updated: str = ""
    warnings: tuple[str, ...] = field(default=())

    def by_code(self, code: str) -> list[StatusEntry]:
        wanted = code.strip().casefold()
        return [e for e in self.entries if e.code.casefold() == wanted]

    def by_id(self, entry_id: str) -> StatusEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def sources(self) -> list[str]:
        known = getattr(self.entries, "sources", None)  # ChainedEntries knows without a scan
        found = known() if callable(known) else {e.source for e in self.entries}
        return sorted(set(found), key=str.casefold)



def display_order(entry: StatusEntry) -> tuple[int, str, int, str]:
    """IANA meaning first for a shared code, then other sources alphabetically."""
    return (entry.numeric_code, entry.code.casefold(), entry.source != "IANA", entry.source)


def entry_from_dict(raw: dict[str, Any], registry: str = "builtin") -> StatusEntry:
    zh = dict(raw.get("zh") or {})
    why_zh = zh.get("related_why") or {}
    retry = raw.get("retry") or {}
    return StatusEntry(
        id=raw["id"],
        code=raw["code"],
        phrase=raw["phrase"],
        status_class=raw["class"],
        category=raw["category"],
        lifecycle=raw["lifecycle"],
        source=raw["source"],
        summary=raw.get("summary", ""),
        reference=raw.get("reference", ""),
        reference_url=raw.get("reference_url", ""),
        aliases=tuple(raw.get("aliases") or ()),
        expires=raw.get("expires"),
        description=raw.get("description", ""),
        causes=tuple(raw.get("causes") or ()),
        client_action=raw.get("client_action", ""),
        retry_policy=retry.get("policy", ""),
        retry_note=retry.get("note", ""),
        cacheable_by_default=bool(raw.get("cacheable_by_default", False)),
        headers=tuple(
            Header(h["name"], h["strength"], h.get("note", "")) for h in raw.get("headers") or ()
        ),
        related=tuple(
            Related(r["code"], r.get("why", ""), why_zh.get(r["code"], ""))
            for r in raw.get("related") or ()
        ),
        example=raw.get("example", ""),
        constants=tuple(sorted((raw.get("constants") or {}).items())),
        zh=zh,
        registry=registry,
    )


def registry_files(directory: Path | None = None) -> list[Path]:
    directory = directory or resource_path("registry")
    return sorted(p for p in directory.glob("*.json") if p.name != "meta.json")


def load_raw_entries(directory: Path | None = None) -> list[dict[str, Any]]:
    raws: list[dict[str, Any]] = []
    for path in registry_files(directory):
        data = json.loads(path.read_text(encoding="utf-8"))
        raws.extend(data.get("entries", []))
    return raws


@cache
def load_builtin() -> Registry:
    """The built-in registry, validated; cached for the life of the process."""
    raws = load_raw_entries()
    problems = validate_entries(raws)
    if problems:
        raise RegistryDataError("bundled registry data is invalid:\n" + "\n".join(problems))
    meta = json.loads(resource_path("registry", "meta.json").read_text(encoding="utf-8"))
    entries = sorted((entry_from_dict(raw) for raw in raws), key=display_order)
    return Registry(tuple(entries), meta.get("iana_last_updated", ""))

