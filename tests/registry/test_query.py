"""The query grammar, table-driven, plus property tests: any input parses, deterministically."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.registry.query import MAX_QUERY_CHARS, Query, parse_query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Query(text="")),
        ("   ", Query(text="   ")),
        ("404", Query(text="404", exact_code="404", code_prefix="404")),
        ("50", Query(text="50", code_prefix="50")),
        ("４０４", Query(text="４０４", exact_code="404", code_prefix="404")),
        ("4xx", Query(text="4xx", status_class="4xx")),
        (" 5XX ", Query(text=" 5XX ", status_class="5xx")),
        ("500-504", Query(text="500-504", code_range=(500, 504))),
        ("504 - 500", Query(text="504 - 500", code_range=(500, 504))),
        (
            "HTTP/1.1 503 Service Temporarily Unavailable",
            Query(
                text="HTTP/1.1 503 Service Temporarily Unavailable", exact_code="503", from_log=True
            ),
        ),
        (
            '1.2.3.4 - - [01/Jan/2026] "GET /x HTTP/1.1" 499 0 "-" "curl"',
            Query(
                text='1.2.3.4 - - [01/Jan/2026] "GET /x HTTP/1.1" 499 0 "-" "curl"',
                exact_code="499",
                from_log=True,
            ),
        ),
        (
            "level=error status=502 upstream",
            Query(text="level=error status=502 upstream", exact_code="502", from_log=True),
        ),
        (
            "HTTP_404_NOT_FOUND",
            Query(text="HTTP_404_NOT_FOUND", exact_code="404", code_prefix="404"),
        ),
        ("Payload Too  large", Query(text="Payload Too  large", words=("payload", "too", "large"))),
        ("I'm a teapot", Query(text="I'm a teapot", words=("im", "a", "teapot"))),
        ("APIG.0101", Query(text="APIG.0101", vendor_code="apig.0101", words=("apig", "0101"))),
        ("未找到", Query(text="未找到", cjk=("未找到",))),
        ("网关 timeout", Query(text="网关 timeout", words=("timeout",), cjk=("网关",))),
    ],
)
def test_grammar(text: str, expected: Query) -> None:
    assert parse_query(text) == expected


def test_status_line_wins_over_words() -> None:
    query = parse_query("HTTP/2 404 whatever words")
    assert query.exact_code == "404" and not query.words


def test_long_paste_is_cut() -> None:
    query = parse_query("a " * 10_000)
    assert len(query.text) == MAX_QUERY_CHARS


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_deterministically(text: str) -> None:
    first = parse_query(text)
    assert first == parse_query(text)
    if first.exact_code:
        assert first.exact_code.isdigit() and 100 <= int(first.exact_code) <= 599
    if first.code_range:
        assert first.code_range[0] <= first.code_range[1]
    assert all(word.isalnum() and word == word.casefold() for word in first.words)
    assert len(first.text) <= MAX_QUERY_CHARS
