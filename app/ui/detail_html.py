"""Rich text for the detail pane. Every piece of data is escaped: imported registries carry
untrusted text, so markup in a phrase or description shows as text, never as HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.models.columns import CATEGORY_NAMES, CLASS_NAMES, LIFECYCLE_NAMES
from app.registry.entry import Cite, StatusEntry
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
# Readable names of the extra fields the importers name by role; other keys are the
# document's own column headers, shown as they are.
EXTRA_LABELS = {
    "http_status": QT_TRANSLATE_NOOP("ExtraFields", "HTTP status"),
    "module": QT_TRANSLATE_NOOP("ExtraFields", "Module"),
    "description": QT_TRANSLATE_NOOP("ExtraFields", "Description"),
    "solution": QT_TRANSLATE_NOOP("ExtraFields", "Solution"),
    "translation": QT_TRANSLATE_NOOP("ExtraFields", "Name in the other language"),
    "group": QT_TRANSLATE_NOOP("ExtraFields", "Group"),
    "section": QT_TRANSLATE_NOOP("ExtraFields", "Section"),
}
#: How many imported codes returned with a status the IANA entry lists by name.
RETURNED_WITH_SHOWN = 5
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


def entry_html(
    entry: StatusEntry,
    lang: str,
    today: dt.date | None = None,
    returned_with: tuple[int, Sequence[StatusEntry]] = (0, ()),
) -> str:
    """The pane's document; ``returned_with``: for an IANA entry, how many imported codes
    are returned with its status, and the first few of them."""
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
        + (
            _badge(
                translate("Lifecycle", LIFECYCLE_NAMES.get(entry.lifecycle, entry.lifecycle)),
                "#e65100" if entry.lifecycle != "standard" else "#37474f",
            )
            if entry.registry == "builtin"  # a vendor's code has no IANA lifecycle
            else ""
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
    parts.append(_standard(entry, lang))
    if entry.retry_policy:
        note = str(entry.text("retry_note", lang))
        policy = translate("DetailPane", RETRY_NAMES.get(entry.retry_policy, ""))
        body = f"<p><b>{escape(policy)}</b> — {escape(note)}{_cite_link(entry.retry_cite)}</p>"
        if entry.cacheable_by_default:
            cache = escape(translate("DetailPane", "Cacheable by default (heuristically)."))
            cache += _cite_link(entry.cacheable_cite)
        else:
            cache = escape(translate("DetailPane", "Not cacheable by default."))
        body += f"<p>{cache}</p>"
        parts.append(_section(translate("DetailPane", "Retry and caching"), body))
    parts.append(_section(translate("DetailPane", "Headers"), _headers(entry)))
    parts.append(_section(translate("DetailPane", "Often confused with"), _related(entry, lang)))
    if entry.aliases:
        parts.append(
            _section(translate("DetailPane", "Also known as"), _para(" · ".join(entry.aliases)))
        )
    parts.append(_section(translate("DetailPane", "In code"), _constants(entry)))
    parts.append(_returned_with(entry, *returned_with))
    extra = [(k, v) for k, v in entry.extra if k not in SHOWN_ELSEWHERE]
    if extra:
        rows = "".join(
            f"<tr><td><b>{escape(_extra_label(k))}</b>&nbsp;</td><td>{escape(v)}</td></tr>"
            for k, v in extra
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
        f"{_strength(h.strength, h.cite)}{' — ' + escape(h.note) if h.note else ''}</li>"
        for h in entry.headers
    )
    return f"<ul>{rows}</ul>" if rows else ""


def _strength(strength: str, cite: Cite | None) -> str:
    """MUST/SHOULD/MAY in bold, linked to the section that says so (tooltip: its label)."""
    if cite is None or not cite.url.startswith("https://"):
        return f"<b>{escape(strength)}</b>"
    return f'<a href="{escape(cite.url, quote=True)}"><b>{escape(strength)}</b></a>'


def _cite_link(cite: Cite | None) -> str:
    """`` (RFC 9110 §15.1)`` linking to the section, or nothing."""
    if cite is None or not cite.url.startswith("https://"):
        return ""
    return f' (<a href="{escape(cite.url, quote=True)}">{escape(cite.label)}</a>)'


def link_tips(entry: StatusEntry | None) -> dict[str, str]:
    """Tooltips of the pane's cite links: section URL → ``RFC 9110 §7.8``."""
    if entry is None:
        return {}
    cites = [h.cite for h in entry.headers] + [entry.retry_cite, entry.cacheable_cite]
    return {c.url: c.label for c in cites if c is not None}


def _extra_label(key: str) -> str:
    label = EXTRA_LABELS.get(key)
    return translate("ExtraFields", label) if label else key


def _standard(entry: StatusEntry, lang: str) -> str:
    """For an imported code with an HTTP status: what the standard says about that status."""
    if entry.registry == "builtin":
        return ""
    from app.registry.loader import iana_entry

    standard = iana_entry(entry.http_status)
    if standard is None:
        return ""
    heading = translate("DetailPane", "HTTP %1 %2").replace("%1", standard.code)
    heading = heading.replace("%2", str(standard.text("phrase", lang)))
    link = f'<a href="code:{escape(standard.code, quote=True)}">{escape(heading)}</a>'
    body = [f"<p><b>{link}</b> — {escape(str(standard.text('summary', lang)))}</p>"]
    own = entry.phrase.casefold()
    if own != standard.phrase.casefold() and own in (a.casefold() for a in standard.aliases):
        renamed = translate("DetailPane", "“%1” is a former name: IANA now calls it “%2”.")
        body.append(_para(renamed.replace("%1", entry.phrase).replace("%2", standard.phrase)))
    action = str(standard.text("client_action", lang))
    if action:
        body.append(
            f"<p><b>{escape(translate('DetailPane', 'What to do'))}:</b> {escape(action)}</p>"
        )
    if standard.retry_policy:
        policy = translate("DetailPane", RETRY_NAMES.get(standard.retry_policy, ""))
        note = str(standard.text("retry_note", lang))
        body.append(f"<p><b>{escape(policy)}</b> — {escape(note)}</p>")
    title = translate("DetailPane", "What the standard says")
    return _section(title, "".join(body))


def _returned_with(entry: StatusEntry, count: int, first: Sequence[StatusEntry]) -> str:
    """For an IANA entry: the imported codes returned with its status (count, first few)."""
    if not count:
        return ""
    items = "".join(
        f'<li><a href="code:{escape(e.code, quote=True)}">{escape(e.code)}</a> '
        f"{escape(e.phrase)} [{escape(e.source)}]</li>"
        for e in first[:RETURNED_WITH_SHOWN]
    )
    more = ""
    if count > len(first[:RETURNED_WITH_SHOWN]):
        search = f"status:{entry.code}"
        text = translate("DetailPane", "All %1 of them").replace("%1", f"{count:,}")
        more = f'<p><a href="search:{escape(search, quote=True)}">{escape(text)}</a></p>'
    title = translate("DetailPane", "Imported codes returned with %1 (%2)")
    title = title.replace("%1", entry.code).replace("%2", f"{count:,}")
    return _section(title, f"<ul>{items}</ul>{more}")


def _related(entry: StatusEntry, lang: str) -> str:
    rows = "".join(
        f'<li><a href="code:{escape(r.code, quote=True)}">{escape(r.code)}</a> — '
        f"{escape(entry.related_why(r.code, lang))}</li>"
        for r in entry.related
    )
    return f"<ul>{rows}</ul>" if rows else ""


def _constants(entry: StatusEntry) -> str:
    """Each library's name for the code, the version it was checked against, and former
    names (deprecated: still there; removed) since a version."""
    from app.registry.loader import load_builtin

    checked = dict(load_builtin().constants_checked) if entry.registry == "builtin" else {}
    old: dict[str, list[str]] = {}
    for former in entry.old_constants:
        state = (
            translate("DetailPane", "deprecated since %1")
            if former.state == "deprecated"
            else translate("DetailPane", "removed in %1")
        ).replace("%1", former.since)
        old.setdefault(former.language, []).append(
            f"<s>{escape(former.name)}</s> <small>({escape(state)})</small>"
        )
    names = dict(entry.constants)
    rows = ""
    for language in [*CONSTANT_NAMES, *sorted(set(names) - set(CONSTANT_NAMES))]:
        if language not in names and language not in old:
            continue
        cells = [f"<code>{escape(names[language])}</code>"] if language in names else []
        cells += old.get(language, [])
        version = checked.get(language)
        tail = f" <small>— {escape(version)}</small>" if version else ""
        rows += (
            f"<tr><td>{escape(CONSTANT_NAMES.get(language, language))}&nbsp;&nbsp;</td>"
            f"<td>{' · '.join(cells)}{tail}</td></tr>"
        )
    if not rows:
        return ""
    note = translate("DetailPane", "Checked against the library versions shown.")
    return f"<table>{rows}</table>" + (f"<p><small>{escape(note)}</small></p>" if checked else "")


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
