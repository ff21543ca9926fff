"""The search-box grammar as a pure value object.

``parse_query(text)`` turns what the user typed (or pasted) into a :class:`Query`.

**A whole line** is recognised first; these give one exact code:

======================================  ===========================================
Input                                   Meaning
======================================  ===========================================
``HTTP/1.1 503 Service Unavailable``    a status line: the code 503
``... "GET / HTTP/1.1" 499 0 "-" ...``  an access-log line: the status after the request
``status=502`` / ``status: 502``        a log field: the code 502
``HTTP_404`` / ``HTTP_404_NOT_FOUND``   a framework constant (Django REST): the code 404
``500 - 504``                           a range of codes, inclusive (spaces allowed alone)
======================================  ===========================================

**Otherwise the text is split at spaces into tokens**, and every token is one of:

======================================  ===========================================
Token                                   Meaning
======================================  ===========================================
``404``, ``50``, ``5``                  a code or code prefix (``50`` → 500–509 and
                                        vendor numbers such as 5001); a 3-digit code
                                        also finds imported codes *returned with* it
``4xx`` / ``5XX``                       a class (the code's, or the HTTP status's of an
                                        imported code)
``500-504``                             a range of HTTP statuses, inclusive
``source:nginx``                        only codes whose source has a word starting so
``category:error``, ``category:e``     only that category: ``error``/``normal``
                                        (``错误``/``正常`` too), or its start
``class:4xx``                           only that class (like the class filter)
``status:400``, ``status:40``           only codes whose HTTP status is (starts with)
                                        400: the code itself, or an imported code's
                                        HTTP status
``APIG.0101``, ``iam.``                 a vendor code or its prefix: its words must
                                        match, and a code equal to it (or starting
                                        with it) ranks first
``payload``, ``nginx``                  a word: must match a word of the phrase, an
                                        alias, the source, a constant, a header or the
                                        text (summary, description, causes …)
``未找到``, ``网关超时``                  Chinese text: matched as a substring
======================================  ===========================================

All parts combine: every word, every qualifier and the codes must match (``4xx quota``,
``5xx nginx``, ``500-504 gateway``, ``404 source:cloud``). Several code tokens (``404
410``, ``4xx 5xx``) mean any of them; several qualifiers of one field (``source:a
source:b``) any of those. The **last word may be a prefix** while it is being typed (no
space after it): ``gate`` finds ``gateway``; nothing else is "while typing". A word that is
no word of the registry, nor the start of one, matches words within one typo (two from 8
letters on: ``forbiden``). A qualifier with nothing after the colon does nothing yet; one
with an unknown field name (``http:``) is read as words.

Ranking (done by the engine): first by code — exact code, then imported codes returned
with that HTTP status, then code prefix/class/range, then the rest — and within that by
words: all words in the phrase, an alias or another name field, then words anywhere, then
typo-tolerant matches; ties in display order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

MAX_QUERY_CHARS = 256  # longer pastes are cut: nobody types more, and it bounds the work

_STATUS_LINE = re.compile(r"\bHTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b", re.IGNORECASE)
_ACCESS_LOG = re.compile(r'"\s+([1-5]\d\d)\s+(?:\d+|-)(?:\s|$)')
_LOG_FIELD = re.compile(r"\bstatus(?:_code)?\s*[=:]\s*\"?([1-5]\d\d)\b", re.IGNORECASE)
_QUALIFIER_FORM = re.compile(r"status:\d{3}", re.IGNORECASE)  # a qualifier, not a log field
_CONSTANT = re.compile(r"^http_([1-5]\d\d)(?:_\w*)?$", re.IGNORECASE)  # HTTP_404_NOT_FOUND
_CLASS = re.compile(r"^([1-5])xx$", re.IGNORECASE)
_RANGE = re.compile(r"^([1-5]\d\d)\s*(?:-|–|\.\.)\s*([1-5]\d\d)$")
_CODE_PREFIX = re.compile(r"^\d{1,3}$")
_VENDOR_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*[.\-_][A-Za-z0-9_.\-]*$")
_QUALIFIER = re.compile(r"^([a-z]+):(.*)$")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
#: Field qualifiers (``source:nginx``) and the Chinese names ``category:`` accepts.
QUALIFIERS = ("source", "category", "class", "status")
CATEGORY_WORDS = {"normal": "normal", "error": "error", "正常": "normal", "错误": "error"}


def normalize(text: str) -> str:
    """Case- and width-fold text for matching (full-width digits, accents, case)."""
    return unicodedata.normalize("NFKC", text).casefold()


def words_of(text: str) -> list[str]:
    """Latin/digit words of ``text`` after :func:`normalize` (apostrophes dropped)."""
    return _WORD.findall(normalize(text).replace("'", "").replace("’", ""))


def cjk_runs(text: str) -> list[str]:
    return _CJK.findall(text)


def source_matches(source: str, value: str) -> bool:
    """``source:value``: the value's words start a run of the source's words (``obs`` and
    ``huawei-o`` match "Huawei OBS"); a value without Latin words is a substring."""
    wanted = words_of(value)
    if not wanted:
        return normalize(value) in normalize(source)
    return f" {' '.join(words_of(source))}".find(f" {' '.join(wanted)}") >= 0


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: code tokens, qualifiers and words, all of which must match."""

    text: str = ""
    codes: tuple[str, ...] = ()  # exact 3-digit codes ("503", also from a log line)
    prefixes: tuple[str, ...] = ()  # digit prefixes ("50"; "404" too)
    classes: tuple[str, ...] = ()  # "4xx"
    ranges: tuple[tuple[int, int], ...] = ()
    vendor_codes: tuple[str, ...] = ()  # casefolded "apig.0101" (its words are in ``words``)
    words: tuple[str, ...] = ()
    last_is_prefix: bool = False  # the last word may be a prefix (typed, no space after it)
    cjk: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # qualifier values, normalized
    categories: tuple[str, ...] = ()  # "normal" / "error"
    only_classes: tuple[str, ...] = ()  # class:4xx (and status:4xx)
    statuses: tuple[str, ...] = ()  # status:400
    from_log: bool = field(default=False, compare=False)

    @property
    def has_codes(self) -> bool:
        """Code tokens restrict the result (any of them must match)."""
        return bool(self.codes or self.prefixes or self.classes or self.ranges)

    @property
    def has_qualifiers(self) -> bool:
        return bool(self.sources or self.categories or self.only_classes or self.statuses)

    @property
    def is_empty(self) -> bool:
        return not (
            self.has_codes or self.has_qualifiers or self.vendor_codes or self.words or self.cjk
        )

    @property
    def key(self) -> tuple[object, ...]:
        """Everything the result depends on (not the raw text): equal keys, equal results."""
        return (
            self.codes,
            self.prefixes,
            self.classes,
            self.ranges,
            self.vendor_codes,
            self.words,
            self.last_is_prefix,
            self.cjk,
            self.sources,
            self.categories,
            self.only_classes,
            self.statuses,
        )


def parse_query(text: str) -> Query:
    """Parse the search box's text; never raises, whatever the input."""
    text = (text or "")[:MAX_QUERY_CHARS]
    stripped = normalize(text).strip()
    if not stripped:
        return Query(text=text)
    if m := _CONSTANT.match(stripped):
        return Query(text=text, codes=(m.group(1),), prefixes=(m.group(1),))
    for pattern in (_STATUS_LINE, _ACCESS_LOG, _LOG_FIELD):
        found = pattern.search(text)
        if found and not (pattern is _LOG_FIELD and _QUALIFIER_FORM.fullmatch(found.group(0))):
            return Query(text=text, codes=(found.group(1),), from_log=True)
    if m := _RANGE.match(stripped):
        return Query(text=text, ranges=(_ordered(m),))
    return _tokens(text, stripped)


def _ordered(m: re.Match[str]) -> tuple[int, int]:
    low, high = sorted((int(m.group(1)), int(m.group(2))))
    return low, high


def _tokens(text: str, stripped: str) -> Query:
    parts: dict[str, list[object]] = {name: [] for name in Query.__slots__}
    words: list[str] = []
    cjk: list[str] = []
    tokens = stripped.split()
    last_word_token = -1
    for number, token in enumerate(tokens):
        if m := _CLASS.match(token):
            parts["classes"].append(f"{m.group(1)}xx")
        elif m := _RANGE.match(token):
            parts["ranges"].append(_ordered(m))
        elif _CODE_PREFIX.match(token):
            parts["prefixes"].append(token)
            if len(token) == 3:
                parts["codes"].append(token)
        elif (m := _QUALIFIER.match(token)) and m.group(1) in QUALIFIERS:
            _qualifier(m.group(1), m.group(2), parts, words, cjk)
        else:
            if _VENDOR_CODE.match(token):
                parts["vendor_codes"].append(token)
            found = words_of(token)
            words.extend(found)
            cjk.extend(cjk_runs(token))
            if found:
                last_word_token = number
    return Query(
        text=text,
        codes=_unique(parts["codes"]),
        prefixes=_unique(parts["prefixes"]),
        classes=_unique(parts["classes"]),
        ranges=_unique(parts["ranges"]),
        vendor_codes=_unique(parts["vendor_codes"]),
        words=tuple(words),
        last_is_prefix=last_word_token == len(tokens) - 1 and not text[-1:].isspace(),
        cjk=tuple(cjk),
        sources=_unique(parts["sources"]),
        categories=_unique(parts["categories"]),
        only_classes=_unique(parts["only_classes"]),
        statuses=_unique(parts["statuses"]),
    )


def _qualifier(
    name: str, value: str, parts: dict[str, list[object]], words: list[str], cjk: list[str]
) -> None:
    """One ``name:value`` token; a value nothing can have (``class:9xx``) matches nothing."""
    if not value:
        return  # still being typed: no condition yet
    if name == "source":
        parts["sources"].append(value)
    elif name == "category":
        found = [key for word, key in CATEGORY_WORDS.items() if word.startswith(value)]
        parts["categories"].extend(found or [_NOTHING])
    elif (
        m := _CLASS.match(value) or _DIGIT.match(value) if name == "class" else _CLASS.match(value)
    ):
        parts["only_classes"].append(f"{m.group(1)}xx")
    elif name == "status" and _STATUS_PREFIX.match(value):
        parts["statuses"].append(value)
    else:
        parts["only_classes" if name == "class" else "statuses"].append(_NOTHING)


_NOTHING = "\x00"  # a qualifier value no code has
_DIGIT = re.compile(r"^([1-5])$")
_STATUS_PREFIX = re.compile(r"^[1-5]\d{0,2}$")


def _unique(values: list[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(values))
