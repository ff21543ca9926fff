"""The engine answers exactly what the grammar asks, at any size: row for row the same as a
plain scan over every entry (``search_reference.Reference``), over generated registries
and queries, with the tuning constants patched low so that bit maps, packed broad terms,
lazy postings, typing-narrows and every cache are exercised on a few hundred rows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.registry.search.engine as engine_module
import app.registry.search.matching as matching_module
from app.registry.entry_table import ChainedEntries, EntryTable
from app.registry.filters import Filters
from app.registry.importers import ImportedRow
from app.registry.loader import load_builtin
from app.registry.search import QueryEngine, RankedRows
from tests.registry.search_reference import Reference

WORDS = ["gateway", "gate", "timeout", "time", "quota", "exceeded", "token", "the", "to", "obs"]
STATUSES = ["400", "403", "404", "429", "500", "502", "504", "", "4000", "abc"]
CODES = ["OBS.0001", "OBS.0012", "APIG.0101", "404", "502", "40401", "E1", "obs.1", "iam.3"]
CHINESE = ["网关超时", "未找到", "请求"]


@pytest.fixture(autouse=True)
def low_constants() -> Iterator[None]:
    """Bit maps from 8 rows, broad terms packed from 6, small caches: every path runs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_module, "MIN_MAP_ROWS", 8)
        patch.setattr(engine_module, "MAP_FRACTION", 16)
        patch.setattr(engine_module, "RESULT_CACHE_SIZE", 3)
        patch.setattr(engine_module, "FACET_CACHE_SIZE", 2)
        patch.setattr(matching_module, "PACKED_MIN_ROWS", 6)
        patch.setattr(matching_module, "TERM_CACHE_SIZE", 4)
        patch.setattr(RankedRows, "BLOCK", 16)  # a view reads a large result block by block
        yield


def _row(draw: st.DrawFn, number: int) -> ImportedRow:
    phrase = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
    extra = {}
    if status := draw(st.sampled_from(STATUSES)):
        extra["http_status"] = status
    if draw(st.booleans()):
        extra["description"] = " ".join(
            draw(st.lists(st.sampled_from(WORDS + CHINESE), max_size=4))
        )
    code = draw(st.sampled_from(CODES)) if draw(st.booleans()) else f"SVC.{number:03d}"
    return ImportedRow(code, phrase, draw(st.sampled_from([None, "error", "normal"])), extra)


@st.composite
def registries(draw: st.DrawFn) -> ChainedEntries:
    tables = []
    for number in range(draw(st.integers(1, 2))):
        rows = [_row(draw, i) for i in range(draw(st.integers(0, 60)))]
        tables.append(EntryTable.from_imported(rows, ["Cloud OBS", "nginx-like"][number]))
    return ChainedEntries([load_builtin().entries, *tables])


PREFIXES_AND_TYPOS = ["g", "ga", "ti", "t", "o", "quot", "tokne", "gatewya", "timeuot", "xyz"]
CODE_TOKENS = ["4xx", "5xx", "2xx", "404", "40", "5", "502", "500-504", "400-404"]
VENDOR_TOKENS = ["obs.", "obs.00", "obs.1", "apig.0101", "iam.3", "e1"]
QUALIFIERS = ["source:nginx", "source:cl", "source:iana", "category:error", "category:n"]
QUALIFIERS += ["class:4xx", "class:5", "status:400", "status:40", "status:5xx", "status:x"]
TOKENS = st.sampled_from(
    [*WORDS, *PREFIXES_AND_TYPOS, *CODE_TOKENS, *VENDOR_TOKENS, *QUALIFIERS, *CHINESE, "网关", "超"]
)
QUERIES = st.lists(TOKENS, min_size=0, max_size=3).map(" ".join) | st.sampled_from(
    ["HTTP/1.1 503 Service Unavailable", "level=error status=404", "HTTP_429", "500 - 502"]
)
FILTERS = st.sampled_from(
    [
        Filters(),
        Filters(classes=frozenset({"4xx"})),
        Filters(categories=frozenset({"error"}), sources=frozenset({"Cloud OBS"})),
        Filters(lifecycles=frozenset({"standard"})),
    ]
)


def typed(query: str) -> list[str]:
    """Every keystroke of typing ``query``, a space, and deleting it again."""
    forward = [query[:i] for i in range(1, len(query) + 1)]
    return [*forward, query + " ", *reversed(forward[:-1]), ""]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registries(), st.lists(QUERIES, min_size=1, max_size=3), FILTERS)
def test_engine_equals_the_plain_scan(
    entries: ChainedEntries, queries: list[str], filters: Filters
) -> None:
    engine = QueryEngine(entries)
    reference = Reference(entries)
    for query in queries:
        for text in typed(query):  # one engine, warm caches: each keystroke reuses the last
            expected = reference.search(text, filters)
            rows = engine.search(text, filters)
            assert list(rows) == expected, text
            assert [rows[i] for i in range(len(rows))] == expected, text  # as a view reads it


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registries(), st.lists(QUERIES, min_size=1, max_size=4), st.integers(0, 150))
def test_the_status_map_s_figures_equal_the_scan(
    entries: ChainedEntries, queries: list[str], first_row: int
) -> None:
    """What the status map shows: the HTTP statuses of a result, rows per status."""
    engine = QueryEngine(entries)
    reference = Reference(entries)
    for text in ["", *queries]:
        expected = {reference.rows[r].status for r in reference.search(text)} - {""}
        assert engine.statuses_in(engine.search(text)) == expected, text
    statuses = [row.status for row in reference.rows[first_row:] if row.status]
    assert engine.status_counts(first_row) == {s: statuses.count(s) for s in set(statuses)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registries(), st.lists(QUERIES, min_size=1, max_size=4))
def test_a_snapshot_answers_like_the_build(entries: ChainedEntries, queries: list[str]) -> None:
    built = QueryEngine(entries)
    loaded = QueryEngine.from_snapshot(entries, built.snapshot())
    reference = Reference(entries)
    for text in queries:
        assert list(loaded.search(text)) == reference.search(text) == list(built.search(text))


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("400", ["400", "SVC.1"]),  # IANA 400 first, then the codes returned with HTTP 400
        ("status:400", ["400", "SVC.1"]),
        ("4xx quota", ["SVC.1", "402", "429"]),  # the word in the phrase first
        ("quota 4xx", ["SVC.1", "402", "429"]),
        ("5xx gateway", ["502", "504", "SVC.2", "511", "526"]),
        ("500-504 gateway", ["502", "504", "SVC.2"]),
        ("502 gateway", ["502", "SVC.2"]),
        ("source:cloud gateway", ["SVC.2", "526"]),  # "Cloud" and "Cloudflare"
        ("source:iana 4xx gate", ["408", "413", "421"]),  # "gate…" in their text
    ],
)
def test_combined_queries_and_the_http_status_tier(text: str, codes: list[str]) -> None:
    rows = [
        ImportedRow("SVC.1", "Quota exceeded", None, {"http_status": "400"}),
        ImportedRow("SVC.2", "Gateway quota", None, {"http_status": "502"}),
    ]
    entries = ChainedEntries([load_builtin().entries, EntryTable.from_imported(rows, "Cloud")])
    engine = QueryEngine(entries)
    assert [entries[r].code for r in engine.search(text)] == codes
    assert list(engine.search(text)) == Reference(entries).search(text)


def test_a_vendor_code_returned_with_a_typed_status_is_kept() -> None:
    """``400 obs.1``: the vendor code OBS.1 is returned with 400, so it passes the code token
    and ranks first (its code equals the vendor token)."""
    rows = [ImportedRow("OBS.1", "Bad bucket", None, {"http_status": "400"})]
    entries = ChainedEntries([load_builtin().entries, EntryTable.from_imported(rows, "Cloud")])
    engine = QueryEngine(entries)
    for text in ("400 obs.1", "400 obs.1 ", "obs.1 400"):
        found = [entries[r].code for r in engine.search(text)]
        assert found == ["OBS.1"] and list(engine.search(text)) == Reference(entries).search(text)
