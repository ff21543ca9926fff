"""Plain-dict views of entries for JSON output (CLI ``--json``, exports)."""

from __future__ import annotations

from typing import Any

from app.registry.entry import LOCALIZED_FIELDS, Cite, StatusEntry


def entry_to_dict(entry: StatusEntry, lang: str = "en") -> dict[str, Any]:
    """Every field by its documented name; localized text in ``lang`` (``en``/``zh_CN``)."""
    data: dict[str, Any] = {
        "id": entry.id,
        "code": entry.code,
        "phrase": entry.text("phrase", lang),
        "phrase_en": entry.phrase,
        "class": entry.status_class,
        "category": entry.category,
        "lifecycle": entry.lifecycle,
        "expires": entry.expires,
        "source": entry.source,
        "registry": entry.registry,
        "reference": entry.reference,
        "reference_url": entry.reference_url,
        "aliases": list(entry.aliases),
    }
    for name in LOCALIZED_FIELDS[1:]:
        value = entry.text(name, lang)
        data[name] = list(value) if isinstance(value, tuple) else value
    from app.registry.loader import iana_entry, load_builtin

    checked = dict(load_builtin().constants_checked)
    languages = {language for language, _ in entry.constants}
    languages.update(old.language for old in entry.old_constants)
    data.update(
        retry={
            "policy": entry.retry_policy,
            "note": entry.text("retry_note", lang),
            "cite": _cite(entry.retry_cite),
        },
        cacheable_by_default=entry.cacheable_by_default,
        cacheable_cite=_cite(entry.cacheable_cite),
        headers=[
            {"name": h.name, "strength": h.strength, "note": h.note, "cite": _cite(h.cite)}
            for h in entry.headers
        ],
        related=[{"code": r.code, "why": entry.related_why(r.code, lang)} for r in entry.related],
        example=entry.example,
        constants=dict(entry.constants),
        constants_checked={k: checked[k] for k in sorted(languages) if k in checked},
        old_constants=[
            {"language": o.language, "name": o.name, "state": o.state, "since": o.since}
            for o in entry.old_constants
        ],
        extra=dict(entry.extra),
        http_status=entry.http_status or None,
    )
    standard = iana_entry(entry.http_status) if entry.registry != "builtin" else None
    if standard is not None:
        data["standard"] = {
            "code": standard.code,
            "phrase": standard.text("phrase", lang),
            "phrase_en": standard.phrase,
            "summary": standard.text("summary", lang),
        }
    return data


def _cite(cite: Cite | None) -> dict[str, str] | None:
    return {"spec": cite.spec, "section": cite.section, "url": cite.url} if cite else None
