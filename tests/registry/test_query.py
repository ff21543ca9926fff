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
        ("404", Query(text="404", codes=("404",), prefixes=("404",))),
        ("50", Query(text="50", prefixes=("50",))),
        ("４０４", Query(text="４０４", codes=("404",), prefixes=("404",))),
        ("4xx", Query(text="4xx", classes=("4xx",))),
        (" 5XX ", Query(text=" 5XX ", classes=("5xx",))),
        ("500-504", Query(text="500-504", ranges=((500, 504),))),
        ("504 - 500", Query(text="504 - 500", ranges=((500, 504),))),
        (
            "HTTP/1.1 503 Service Temporarily Unavailable",
            Query(text="HTTP/1.1 503 Service Temporarily Unavailable", codes=("503",)),
        ),
        (
            '1.2.3.4 - - [01/Jan/2026] "GET /x HTTP/1.1" 499 0 "-" "curl"',
            Query(
                text='1.2.3.4 - - [01/Jan/2026] "GET /x HTTP/1.1" 499 0 "-" "curl"', codes=("499",)
            ),
        ),
        (
            "level=error status=502 upstream",
            Query(text="level=error status=502 upstream", codes=("502",)),
        ),
        ("status: 502", Query(text="status: 502", codes=("502",))),
        ("HTTP_404_NOT_FOUND", Query(text="HTTP_404_NOT_FOUND", codes=("404",), prefixes=("404",))),
        (
            "Payload Too  large",
            Query(
                text="Payload Too  large", words=("payload", "too", "large"), last_is_prefix=True
            ),
        ),
        ("I'm a teapot ", Query(text="I'm a teapot ", words=("im", "a", "teapot"))),
        (
            "APIG.0101",
            Query(
                text="APIG.0101",
                vendor_codes=("apig.0101",),
                words=("apig", "0101"),
                last_is_prefix=True,
            ),
        ),
        ("未找到", Query(text="未找到", cjk=("未找到",))),
        (
            "网关 timeout",
            Query(text="网关 timeout", words=("timeout",), cjk=("网关",), last_is_prefix=True),
        ),
        # combined queries and qualifiers
        (
            "4xx quota",
            Query(text="4xx quota", classes=("4xx",), words=("quota",), last_is_prefix=True),
        ),
        ("quota 4xx", Query(text="quota 4xx", classes=("4xx",), words=("quota",))),
        (
            "500-504 gateway ",
            Query(text="500-504 gateway ", ranges=((500, 504),), words=("gateway",)),
        ),
        ("404 410", Query(text="404 410", codes=("404", "410"), prefixes=("404", "410"))),
        ("source:nginx", Query(text="source:nginx", sources=("nginx",))),
        ("source:", Query(text="source:")),
        ("category:error", Query(text="category:error", categories=("error",))),
        ("category:错误", Query(text="category:错误", categories=("error",))),
        ("category:e", Query(text="category:e", categories=("error",))),
        ("category:x", Query(text="category:x", categories=("\x00",))),
        ("class:4xx", Query(text="class:4xx", only_classes=("4xx",))),
        ("class:5", Query(text="class:5", only_classes=("5xx",))),
        ("status:400", Query(text="status:400", statuses=("400",))),
        ("status:40", Query(text="status:40", statuses=("40",))),
        ("status:4xx", Query(text="status:4xx", only_classes=("4xx",))),
        ("status:teapot", Query(text="status:teapot", statuses=("\x00",))),
        ("http:x", Query(text="http:x", words=("http", "x"), last_is_prefix=True)),
    ],
)
def test_grammar(text: str, expected: Query) -> None:
    assert parse_query(text) == expected


def test_status_line_wins_over_words() -> None:
    query = parse_query("HTTP/2 404 whatever words")
    assert query.codes == ("404",) and not query.words and query.from_log


def test_the_key_is_the_meaning_not_the_text() -> None:
    assert parse_query("4xx  quota ").key == parse_query(" 4XX quota  ").key
    assert parse_query("quota").key != parse_query("quota ").key  # a prefix, then a word


def test_long_paste_is_cut() -> None:
    query = parse_query("a " * 10_000)
    assert len(query.text) == MAX_QUERY_CHARS


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_deterministically(text: str) -> None:
    first = parse_query(text)
    assert first == parse_query(text)
    for code in first.codes:
        assert len(code) == 3 and code.isdigit()
    for low, high in first.ranges:
        assert 100 <= low <= high <= 599
    assert all(word.isalnum() and word == word.casefold() for word in first.words)
    assert len(first.text) <= MAX_QUERY_CHARS
