"""The query engine against the real built-in registry: what users type, what they get."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.registry.entry import StatusEntry
from app.registry.loader import load_builtin
from app.registry.search import Filters, QueryEngine, edit_distance_at_most

ENGINE = QueryEngine(load_builtin().entries)


def found(query: str, filters: Filters | None = None) -> list[StatusEntry]:
    return ENGINE.search_entries(query, filters)


def first_codes(query: str, n: int = 1) -> list[str]:
    return [e.code for e in found(query)[:n]]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("404", "404"),
        ("HTTP/1.1 503 Service Temporarily Unavailable", "503"),
        ('10.0.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET /api HTTP/1.1" 499 0 "-" "curl/8"', "499"),
        ("payload too large", "413"),
        ("request entity too large", "413"),
        ("too large payload", "413"),
        ("Unprocessable Entity", "422"),
        ("moved temporarily", "302"),
        ("gateway time-out", "504"),
        ("forbiden", "403"),
        ("unauthorised", "401"),
        ("teapot", "418"),
        ("未找到", "404"),
        ("网关超时", "504"),
        ("太多请求", "429"),
        ("StatusTooManyRequests", "429"),
        ("HTTP_404", "404"),
        ("enhance your calm", "420"),
        ("Client Closed Request", "499"),
    ],
)
def test_best_match(query: str, first: str) -> None:
    assert first_codes(query) == [first]


def test_exact_code_then_prefix() -> None:
    codes = [e.code for e in found("50")]
    assert codes[:10] == ["500", "501", "502", "503", "504", "505", "506", "507", "508", "509"]
    assert all(c.startswith("50") for c in codes)


def test_class_and_range() -> None:
    assert {e.status_class for e in found("4XX")} == {"4xx"}
    assert [e.code for e in found("500-504")] == ["500", "501", "502", "503", "504"]


def test_shared_code_lists_every_meaning_iana_first() -> None:
    assert [e.source for e in found("451")] == ["IANA", "Exchange ActiveSync"]
    assert {e.source for e in found("499")} == {"nginx", "Esri"}


def test_source_words() -> None:
    assert {e.source for e in found("cloudflare")[:8]} == {"Cloudflare"}
    nginx = found("nginx")
    assert nginx[0].source == "nginx"


def test_phrase_match_ranks_above_text_match() -> None:
    results = found("gateway")
    phrase_hits = [i for i, e in enumerate(results) if "gateway" in e.phrase.casefold()]
    others = [
        i
        for i, e in enumerate(results)
        if "gateway" not in e.phrase.casefold()
        and not any("gateway" in a.casefold() for a in e.aliases)
    ]
    assert phrase_hits and others and max(phrase_hits) < min(others)


def test_header_and_text_words() -> None:
    retry_after = {e.code for e in found("Retry-After")[:6]}
    assert {"429", "503"} <= retry_after
    assert "401" in {e.code for e in found("WWW-Authenticate")[:3]}
    assert "401" in first_codes("expired token", 5)  # words of the causes


def test_filters_combine_with_query() -> None:
    unofficial = Filters(lifecycles=frozenset({"unofficial"}))
    assert all(e.lifecycle == "unofficial" for e in found("timeout", unofficial))
    only_error = Filters(categories=frozenset({"error"}), classes=frozenset({"5xx"}))
    assert {e.status_class for e in found("", only_error)} == {"5xx"}


def test_empty_query_is_everything_in_display_order() -> None:
    everything = found("")
    assert len(everything) == len(load_builtin().entries)
    assert [e.numeric_code for e in everything] == sorted(e.numeric_code for e in everything)


def test_nonsense_finds_nothing() -> None:
    assert found("qqqzzzxx") == []


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("forbiden", "forbidden", 1, True),
        ("unauthorised", "unauthorized", 1, True),
        ("teapto", "teapot", 1, True),
        ("gateway", "getaway", 1, False),
        ("abc", "abcdef", 2, False),
        ("same", "same", 0, True),
    ],
)
def test_edit_distance(a: str, b: str, limit: int, expected: bool) -> None:
    assert edit_distance_at_most(a, b, limit) is expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_safe_and_deterministic(text: str) -> None:
    first = ENGINE.search(text)
    assert list(first) == list(ENGINE.search(text))
    assert len(set(first)) == len(first)
    assert all(0 <= row < len(ENGINE.entries) for row in first)
