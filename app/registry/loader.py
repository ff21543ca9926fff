"""Load the built-in registry from ``resources/registry/*.json`` into ``StatusEntry`` objects.

The bundled files are validated as they load; a problem there is a packaging bug, so it
raises ``RegistryDataError`` with every problem listed rather than showing half a registry.

Once validated, the parsed files are kept in ``<data>/cache/builtin-registry.marshal``, keyed
by the app and Python versions and each file's name, size and modification time: later starts
read that (~1 ms) instead of importing ``json``, parsing and validating (~6 ms of the time to
the first paint). A cache that does not match or does not load is ignored and rewritten; one
that cannot be written is simply not used.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app import __version__
from app.registry.entry import Cite, Header, OldConstant, Related, StatusEntry
from app.services.paths import data_dir, resource_path

CACHE_NAME = "builtin-registry.marshal"


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
    #: language → the library version its constants were checked against (built-in data)
    constants_checked: tuple[tuple[str, str], ...] = ()

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
        retry_cite=cite_from_dict(retry.get("cite")),
        cacheable_by_default=bool(raw.get("cacheable_by_default", False)),
        cacheable_cite=cite_from_dict(raw.get("cacheable_cite")),
        headers=tuple(
            Header(h["name"], h["strength"], h.get("note", ""), cite_from_dict(h.get("cite")))
            for h in raw.get("headers") or ()
        ),
        related=tuple(
            Related(r["code"], r.get("why", ""), why_zh.get(r["code"], ""))
            for r in raw.get("related") or ()
        ),
        example=raw.get("example", ""),
        constants=tuple(sorted((raw.get("constants") or {}).items())),
        old_constants=tuple(
            OldConstant(language, old["name"], old["state"], old["since"])
            for language, olds in sorted((raw.get("constants_old") or {}).items())
            for old in olds
        ),
        zh=zh,
        registry=registry,
    )


def cite_from_dict(raw: dict[str, str] | None) -> Cite | None:
    return Cite(raw["spec"], raw["section"], raw["url"]) if raw else None


def registry_files(directory: Path | None = None) -> list[Path]:
    directory = directory or resource_path("registry")
    return sorted(p for p in directory.glob("*.json") if p.name != "meta.json")


def load_raw_entries(directory: Path | None = None) -> list[dict[str, Any]]:
    import json

    raws: list[dict[str, Any]] = []
    for path in registry_files(directory):
        data = json.loads(path.read_text(encoding="utf-8"))
        raws.extend(data.get("entries", []))
    return raws


@cache
def load_builtin() -> Registry:
    """The built-in registry, validated; cached for the life of the process (and, parsed,
    on disk: see the module docstring)."""
    directory = resource_path("registry")
    key = _source_key([*registry_files(directory), directory / "meta.json"])
    cached = _read_cache(key)
    if cached is not None:
        try:
            return _registry(*cached)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not what this version writes: parse the files again
    import json

    from app.registry.validation import validate_entries

    raws = load_raw_entries(directory)
    problems = validate_entries(raws)
    if problems:
        raise RegistryDataError("bundled registry data is invalid:\n" + "\n".join(problems))
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    _write_cache(key, raws, meta)
    return _registry(raws, meta)


def _registry(raws: list[dict[str, Any]], meta: dict[str, Any]) -> Registry:
    entries = sorted((entry_from_dict(raw) for raw in raws), key=display_order)
    checked = tuple(sorted((k, v["label"]) for k, v in meta.get("constants_checked", {}).items()))
    return Registry(tuple(entries), meta.get("iana_last_updated", ""), (), checked)


def iana_entry(code: str) -> StatusEntry | None:
    """The built-in IANA entry of an HTTP status code (``"413"``), if it is registered:
    what an imported code returned with that status is explained by."""
    return _iana_entries().get(code)


@cache
def _iana_entries() -> dict[str, StatusEntry]:
    return {e.code: e for e in load_builtin().entries if e.source == "IANA"}


def _source_key(files: list[Path]) -> tuple[object, ...]:
    stats = []
    for path in files:
        found = path.stat()  # once per file: size and time from the same call
        stats.append((path.name, found.st_size, found.st_mtime_ns))
    return (__version__, sys.version_info[:2], tuple(stats))


def _cache_path() -> Path:
    return data_dir() / "cache" / CACHE_NAME


def _read_cache(key: tuple[object, ...]) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    try:
        found = marshal.loads(_cache_path().read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(found, tuple) or len(found) != 3 or found[0] != key:
        return None
    raws, meta = found[1], found[2]
    if not isinstance(raws, list) or not isinstance(meta, dict):
        return None
    return raws, meta


def _write_cache(key: tuple[object, ...], raws: list[dict[str, Any]], meta: dict[str, Any]) -> None:
    path = _cache_path()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps((key, raws, meta)))  # type: ignore[arg-type]
        os.replace(temporary, path)  # whole or not at all, even with two starts at once
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
