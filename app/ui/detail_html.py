"""Rich text for the detail pane. Every piece of data is escaped: imported registries carry
untrusted text, so markup in a phrase or description shows as text, never as HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.models.columns import CATEGORY_NAMES, CLASS_NAMES, LIFECYCLE_NAMES
from app.registry.entry import StatusEntry
from app.services.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    import datetime as dt


def escape(text: str, quote: bool = True) -> str:
    """``html.escape``, imported when first needed: not part of the first paint (the
    ``html`` package loads ``html.entities``, ~2 ms)."""
    import html

    return html.escape(text, quote)


CLASS_COLOURS = {
    "1xx": "#1565c0",
    "2xx": "#2e7d32",
    "3xx": "#6a1b9a",
    "4xx": "#c62828",
    "5xx": "#ad1457",
}
RETRY_NAMES = {
    "never": QT_TRANSLATE_NOOP("DetailPane", "Do not retry"),
    "after-fix": QT_TRANSLATE_NOOP("DetailPane", "Retry after fixing the request"),
    "with-backoff": QT_TRANSLATE_NOOP("DetailPane", "Retry with backoff"),
    "honor-Retry-After": QT_TRANSLATE_NOOP("DetailPane", "Retry after the Retry-After delay"),
    "safe-for-idempotent": QT_TRANSLATE_NOOP("DetailPane", "Retry idempotent requests"),
    "not-applicable": QT_TRANSLATE_NOOP("DetailPane", "Not applicable"),
}
# Imported columns that already fill description / client_action (see rows_to_entries).
SHOWN_ELSEWHERE = frozenset({"description", "solution"})
CONSTANT_NAMES = {
    "python": "Python",
    "go": "Go",
    "spring": "Java Spring",
    "dotnet": ".NET",
    "rust": "Rust",
    "node": "Node.js",
    "rails": "Rails",
}


def _badge(text: str, colour: str) -> str:
    return (
        f'<span style="background-color:{colour}; color:#ffffff;">'
        f"&nbsp;{escape(text)}&nbsp;</span>&nbsp; "
    )


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}" if body else ""


def _para(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def lifecycle_note(entry: StatusEntry, today: dt.date | None = None) -> str:
    """A sentence about a dated lifecycle (104's temporary registration), else ``""``."""
    if entry.lifecycle != "temporary" or not entry.expires:
        return ""
    import datetime as dt  # first needed after the first paint

    today = today or dt.date.today()
    try:
        expires = dt.date.fromisoformat(entry.expires)
    except ValueError:
        return ""
    if expires < today:
        return translate(
            "DetailPane",
            "Temporary registration: it expired on %1 unless it was renewed. "
            "Check the IANA registry.",
        ).replace("%1", entry.expires)
    return translate(
        "DetailPane", "Temporary registration: it expires on %1 unless renewed."
    ).replace("%1", entry.expires)


def entry_html(entry: StatusEntry, lang: str, today: dt.date | None = None) -> str:
    phrase = entry.text("phrase", lang)
    title = (
        f'<span style="font-size:xx-large; font-weight:600;">{escape(entry.code)}'
        f"&nbsp; {escape(phrase)}</span>"
    )
    if phrase != entry.phrase:
        title += f'<br><span style="font-size:large;">{escape(entry.phrase)}</span>'
    colour = CLASS_COLOURS.get(entry.status_class, "#455a64")
    badges = (
        _badge(
            f"{entry.status_class} {translate('Classes', CLASS_NAMES.get(entry.status_class, ''))}",
            colour,
        )
        + _badge(
            translate("Categories", CATEGORY_NAMES.get(entry.category, entry.category)),
            "#b71c1c" if entry.category == "error" else "#1b5e20",
        )
        + _badge(
            translate("Lifecycle", LIFECYCLE_NAMES.get(entry.lifecycle, entry.lifecycle)),
            "#e65100" if entry.lifecycle != "standard" else "#37474f",
        )
        + _badge(entry.source, "#455a64")
    )
    parts = [f"<p>{title}</p>", f"<p>{badges}</p>"]
    note = lifecycle_note(entry, today)
    if note:
        parts.append(f"<p><b>{escape(note)}</b></p>")
    if entry.reference:
        ref = escape(entry.reference)
        if entry.reference_url.startswith("https://"):
            ref = f'<a href="{escape(entry.reference_url, quote=True)}">{ref}</a>'
        label = translate("DetailPane", "Specification:")
        parts.append(f"<p>{escape(label)} {ref}</p>")
    parts.append(_para(str(entry.text("summary", lang))))
    parts.append(
        _section(
            translate("DetailPane", "Description"), _para(str(entry.text("description", lang)))
        )
    )
    causes = entry.text("causes", lang)
    if causes:
        items = "".join(f"<li>{escape(str(c))}</li>" for c in causes)
        parts.append(_section(translate("DetailPane", "Typical causes"), f"<ul>{items}</ul>"))
    parts.append(
        _section(
            translate("DetailPane", "What to do"), _para(str(entry.text("client_action", lang)))
        )
    )
    if entry.retry_policy:
        note = str(entry.text("retry_note", lang))
        policy = translate("DetailPane", RETRY_NAMES.get(entry.retry_policy, ""))
        body = f"<p><b>{escape(policy)}</b>"
        body += f" — {escape(note)}</p>"
        cache = (
            translate("DetailPane", "Cacheable by default (heuristically, RFC 9110 §15.1).")
            if entry.cacheable_by_default
            else translate("DetailPane", "Not cacheable by default.")
        )
        parts.append(_section(translate("DetailPane", "Retry and caching"), body + _para(cache)))
    parts.append(_section(translate("DetailPane", "Headers"), _headers(entry)))
    parts.append(_section(translate("DetailPane", "Often confused with"), _related(entry, lang)))
    if entry.aliases:
        parts.append(
            _section(translate("DetailPane", "Also known as"), _para(" · ".join(entry.aliases)))
        )
    parts.append(_section(translate("DetailPane", "In code"), _constants(entry)))
    extra = [(k, v) for k, v in entry.extra if k not in SHOWN_ELSEWHERE]
    if extra:
        rows = "".join(
            f"<tr><td><b>{escape(k)}</b>&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in extra
        )
        parts.append(
            _section(translate("DetailPane", "More from the source"), f"<table>{rows}</table>")
        )
    if entry.example:
        parts.append(
            _section(
                translate("DetailPane", "Example response"), f"<pre>{escape(entry.example)}</pre>"
            )
        )
    return "".join(parts)


def _headers(entry: StatusEntry) -> str:
    rows = "".join(
        f'<li><a href="header:{escape(h.name, quote=True)}">{escape(h.name)}</a> '
        f"<b>{escape(h.strength)}</b>{' — ' + escape(h.note) if h.note else ''}</li>"
        for h in entry.headers
    )
    return f"<ul>{rows}</ul>" if rows else ""


def _related(entry: StatusEntry, lang: str) -> str:
    rows = "".join(
        f'<li><a href="code:{escape(r.code, quote=True)}">{escape(r.code)}</a> — '
        f"{escape(entry.related_why(r.code, lang))}</li>"
        for r in entry.related
    )
    return f"<ul>{rows}</ul>" if rows else ""


def _constants(entry: StatusEntry) -> str:
    rows = "".join(
        f"<tr><td>{escape(CONSTANT_NAMES.get(lang, lang))}&nbsp;&nbsp;</td>"
        f"<td><code>{escape(name)}</code></td></tr>"
        for lang, name in entry.constants
    )
    return f"<table>{rows}</table>" if rows else ""


def empty_html(query: str, total: int) -> str:
    if query:
        missing = translate("DetailPane", "No code matches “%1”.").replace("%1", query)
        hint = translate(
            "DetailPane",
            "Try a number (404), a class (4xx), a range (500-504), "
            "words of the phrase, or clear the filters.",
        )
        return f"<p>{escape(missing)}</p><p>{escape(hint)}</p>"
    prompt = translate("DetailPane", "Select a code to see what it means.")
    return f"<p>{escape(prompt)}</p>"
