"""The registry's record type: one meaning of one status (or vendor error) code.

Several entries may share a code (IANA 451 and Exchange ActiveSync 451); ``id`` tells
them apart. Entries are immutable and hashable by ``id`` so that views and indexes can hold
them cheaply. Pure Python: no Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CLASSES = ("1xx", "2xx", "3xx", "4xx", "5xx")
CATEGORIES = ("normal", "error")
LIFECYCLES = ("standard", "temporary", "unused", "obsoleted", "deprecated", "unofficial")
RETRY_POLICIES = (
    "never",
    "after-fix",
    "with-backoff",
    "honor-Retry-After",
    "safe-for-idempotent",
    "not-applicable",
)
HEADER_STRENGTHS = ("MUST", "SHOULD", "MAY", "INFO")
#: Text fields that exist in English at the top level and in Chinese under ``zh``.
LOCALIZED_FIELDS = ("phrase", "summary", "description", "causes", "client_action")


def class_of(code: str) -> str:
    """Return ``"4xx"`` for ``"404"``; ``""`` when the code is not a 3-digit HTTP status."""
    if len(code) == 3 and code.isdigit() and code[0] in "12345":
        return code[0] + "xx"
    return ""


def http_status_of(code: str, returned_with: str = "") -> str:
    """The HTTP status a code stands for: the code itself when it is a 3-digit HTTP status,
    else the status it is returned with (an imported ``http_status`` field, whose first
    three characters count, as for the class); ``""`` for neither."""
    if class_of(code):
        return code
    return returned_with[:3] if class_of(returned_with[:3]) else ""


def category_of(status_class: str) -> str:
    """Normal (正常) for 1xx–3xx, Error (错误) for 4xx/5xx — the seed page's two tables."""
    return "error" if status_class in ("4xx", "5xx") else "normal"


def code_sort_key(code: str) -> tuple[int, str]:
    """Numeric codes by number, vendor codes (``APIG.0101``) after them alphabetically."""
    return (int(code) if code.isascii() and code.isdigit() else 10_000, code.casefold())


@dataclass(frozen=True, slots=True)
class Cite:
    """Where a normative claim comes from: ``RFC 9110``, section ``7.8``, and the URL of that
    section (an RFC's or a draft's section anchor)."""

    spec: str
    section: str
    url: str

    @property
    def label(self) -> str:
        """``RFC 9110 §7.8`` (a vendor page's heading is shown as it is)."""
        if self.section[:1].isdigit() or self.section[:2] in ("A.", "B."):
            return f"{self.spec} §{self.section}"
        return f"{self.spec}: {self.section}"


@dataclass(frozen=True, slots=True)
class Header:
    name: str
    strength: str
    note: str = ""
    cite: Cite | None = None  # required for every strength but INFO


@dataclass(frozen=True, slots=True)
class OldConstant:
    """A library's former name for the code: ``deprecated`` (still there) or ``removed``,
    ``since`` a version of the library (``Spring Framework 7.0``)."""

    language: str
    name: str
    state: str
    since: str


@dataclass(frozen=True, slots=True)
class Related:
    code: str
    why: str = ""
    why_zh: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class StatusEntry:
    """One registry entry. See ``app/docs/registry-format.md`` for every field."""

    id: str
    code: str
    phrase: str
    status_class: str
    category: str
    lifecycle: str
    source: str
    summary: str = ""
    reference: str = ""
    reference_url: str = ""
    aliases: tuple[str, ...] = ()
    expires: str | None = None
    description: str = ""
    causes: tuple[str, ...] = ()
    client_action: str = ""
    retry_policy: str = ""
    retry_note: str = ""
    retry_cite: Cite | None = None  # when the policy rests on a spec statement
    cacheable_by_default: bool = False
    cacheable_cite: Cite | None = None  # required when cacheable by default
    headers: tuple[Header, ...] = ()
    related: tuple[Related, ...] = ()
    example: str = ""
    constants: tuple[tuple[str, str], ...] = ()
    old_constants: tuple[OldConstant, ...] = ()
    zh: dict[str, Any] = field(default_factory=dict)
    registry: str = "builtin"
    extra: tuple[tuple[str, str], ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StatusEntry) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def numeric_code(self) -> int:
        """Sort key: the number for HTTP codes, a large value for vendor codes."""
        return code_sort_key(self.code)[0]

    @property
    def http_status(self) -> str:
        """See :func:`http_status_of`; searchable as ``status:400``."""
        return http_status_of(self.code, dict(self.extra).get("http_status", ""))

    @property
    def official(self) -> bool:
        return self.lifecycle != "unofficial"

    def text(self, name: str, lang: str = "en") -> Any:
        """A localized field: the Chinese text when ``lang`` is zh_CN and it exists."""
        if lang.startswith("zh"):
            value = self.zh.get(name)
            if value:
                return tuple(value) if isinstance(value, list) else value
        return getattr(self, name)

    def related_why(self, code: str, lang: str = "en") -> str:
        for rel in self.related:
            if rel.code == code:
                return rel.why_zh if lang.startswith("zh") and rel.why_zh else rel.why
        return ""

    def status_line(self, lang: str = "en") -> str:
        return f"{self.code} {self.text('phrase', lang)}"
