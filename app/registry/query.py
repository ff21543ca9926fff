"""The search-box grammar as a pure value object.

``parse_query(text)`` turns what the user typed (or pasted) into a :class:`Query`. Rules,
tried in this order; the first that fits wins:

======================================  ===========================================
Input                                   Meaning
======================================  ===========================================
``""`` or only spaces                   everything
``HTTP/1.1 503 Service Unavailable``    a status line: the code 503
``... "GET / HTTP/1.1" 499 0 "-" ...``  an access-log line: the status after the request
``status=502`` / ``status: 502``        a log field: the code 502
``HTTP_404`` / ``HTTP_404_NOT_FOUND``   a framework constant (Django REST): the code 404
``4xx`` / ``5XX``                       a class
``500-504``                             a range of codes, inclusive
``404``, ``50``, ``5``                  a code or code prefix (``50`` → 500–509);
                                        an exact code ranks first
``APIG.0101``, ``iam.``                 a vendor code or its prefix (also matched as words)
``payload too large``, ``nginx``        words, any order, each must match a word of the
                                        phrase, an alias, the source, a constant, a header
                                        or the text (summary, description, causes …);
                                        the last word may be a prefix while typing;
                                        small typos are forgiven (``forbiden``)
``未找到``, ``网关超时``                  Chinese text: matched by character pairs
======================================  ===========================================

Ranking (done by the engine): exact code → code prefix/class/range → all words in the
phrase or an alias → words anywhere → typo-tolerant matches; ties in display order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 256  # longer pastes are cut: nobody types more, and it bounds the work

_STATUS_LINE = re.compile(r"\bHTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b", re.IGNORECASE)
_ACCESS_LOG = re.compile(r'"\s+([1-5]\d\d)\s+(?:\d+|-)(?:\s|$)')
_LOG_FIELD = re.compile(r"\bstatus(?:_code)?\s*[=:]\s*\"?([1-5]\d\d)\b", re.IGNORECASE)
_CONSTANT = re.compile(r"^http_([1-5]\d\d)(?:_\w*)?$", re.IGNORECASE)  # HTTP_404_NOT_FOUND
_CLASS = re.compile(r"^([1-5])xx$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{3})\s*(?:-|–|\.\.)\s*(\d{3})$")
_CODE_PREFIX = re.compile(r"^\d{1,3}$")
_VENDOR_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*[.\-_][A-Za-z0-9_.\-]*$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")


def normalize(text: str) -> str:
    """Case- and width-fold text for matching (full-width digits, accents, case)."""
    return unicodedata.normalize("NFKC", text).casefold()


def words_of(text: str) -> list[str]:
    """Latin/digit words of ``text`` after :func:`normalize` (apostrophes dropped)."""
    return _WORD.findall(normalize(text).replace("'", "").replace("’", ""))


def cjk_runs(text: str) -> list[str]:
    return _CJK.findall(text)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. Exactly one of the modes is active; ``words``/``cjk`` go together."""

    text: str = ""
    exact_code: str = ""  # "503" from a status/log line, or typed
    code_prefix: str = ""  # "50" → 500–509 (also set for an exact 3-digit code)
    status_class: str = ""  # "4xx"
    code_range: tuple[int, int] | None = None
    vendor_code: str = ""  # casefolded "apig.0101" (exact or prefix)
    words: tuple[str, ...] = ()
    cjk: tuple[str, ...] = ()
    from_log: bool = False

    @property
    def is_empty(self) -> bool:
        return not (
            self.exact_code
            or self.code_prefix
            or self.status_class
            or self.code_range
            or self.vendor_code
            or self.words
            or self.cjk
        )


def parse_query(text: str) -> Query:
    """Parse the search box's text; never raises, whatever the input."""
    text = (text or "")[:MAX_QUERY_CHARS]
    stripped = normalize(text).strip()
    if not stripped:
        return Query(text=text)
    if m := _CONSTANT.match(stripped):
        return Query(text=text, exact_code=m.group(1), code_prefix=m.group(1))
    for pattern in (_STATUS_LINE, _ACCESS_LOG, _LOG_FIELD):
        found = pattern.search(text)
        if found:
            return Query(text=text, exact_code=found.group(1), from_log=True)
    if m := _CLASS.match(stripped):
        return Query(text=text, status_class=f"{m.group(1)}xx")
    if m := _RANGE.match(stripped):
        low, high = sorted((int(m.group(1)), int(m.group(2))))
        return Query(text=text, code_range=(low, high))
    if _CODE_PREFIX.match(stripped):
        exact = stripped if len(stripped) == 3 else ""
        return Query(text=text, exact_code=exact, code_prefix=stripped)
    vendor = stripped if _VENDOR_CODE.match(stripped) else ""
    return Query(
        text=text,
        vendor_code=vendor,
        words=tuple(words_of(stripped)),
        cjk=tuple(cjk_runs(stripped)),
    )
