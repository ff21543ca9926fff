"""EntryTable and ChainedEntries: the columnar entries equal what rows_to_entries builds, and
the engine sees the same words and facets through their columns as through the entries."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.registry.entry_table import ChainedEntries, EntryTable
from app.registry.importers import ImportedRow, rows_to_entries
from app.registry.loader import load_builtin
from app.registry.search import Filters, QueryEngine, TextColumn, dictionary_encode

ROWS = [
    ImportedRow("OBS.0001", "Invalid bucket name", "error", {"description": "The bucket is bad"}),
    ImportedRow("OBS.0002", "Invalid bucket name", None, {"http_status": "404", "module": "OBS"}),
    ImportedRow("404", "Not Found at all", None, {}),
    ImportedRow("200", "OK", "normal", {"solution": "Nothing to do", "module": "OBS"}),
    ImportedRow(
        "E-7", "桶不存在", None, {"description": "请求中指定的桶不存在。", "http_status": "5"}
    ),
    # Statuscope's own export columns go back into their fields
    ImportedRow(
        "418",
        "I'm a teapot",
        None,
        {
            "summary": "Short and stout",
            "aliases": "Teapot; Kettle",
            "lifecycle": "unused",
            "class": "4xx",
            "source": "Vendor",
            "reference": "RFC 2324",
        },
    ),
    ImportedRow("X.1", "Odd", None, {"lifecycle": "weird", "class": "9xx", "source": "Else"}),
]


def as_dicts(entries: list) -> list[dict]:
    return [dataclasses.asdict(e) for e in entries]


def test_entries_equal_rows_to_entries() -> None:
    table = EntryTable.from_imported(ROWS, "Vendor")
    assert len(table) == len(ROWS)
    assert as_dicts(list(table)) == as_dicts(rows_to_entries(ROWS, "Vendor"))


def test_table_read_column_by_column_from_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.registry.store import RegistryStore

    store = RegistryStore(tmp_path)
    store.save("Vendor", ROWS, None)
    table = EntryTable.from_columns(store.read_columns("vendor"))  # names match case-blind
    assert as_dicts(list(table)) == as_dicts(rows_to_entries(ROWS, "Vendor"))


def test_first_number_sets_the_ids() -> None:
    table = EntryTable.from_imported(ROWS, "Vendor", first_number=11)
    assert [e.id for e in table][:2] == ["Vendor:11", "Vendor:12"]


def test_sequence_protocol() -> None:
    table = EntryTable.from_imported(ROWS, "Vendor")
    assert table[-1].code == "X.1"
    assert [e.code for e in table[1:3]] == ["OBS.0002", "404"]
    assert table[0] is table[0]  # cached: a repainting view gets the same object
    with pytest.raises(IndexError):
        table[len(ROWS)]
    assert table.sources() == ["Vendor"]
    assert table.extra_of(1) == {"http_status": "404", "module": "OBS"}


def test_facets_match_the_entries() -> None:
    table = EntryTable.from_imported(ROWS, "Vendor")
    entries = rows_to_entries(ROWS, "Vendor")
    for name in ("status_class", "category", "lifecycle", "source"):
        column = table.facet(name)
        assert [column.value(r) for r in range(len(table))] == [
            getattr(e, name) for e in entries
        ], name


def test_columns_must_have_one_value_per_row() -> None:
    with pytest.raises(ValueError, match="one value per row"):
        EntryTable("V", ["A.1", "A.2"], ["only one"])


def test_dictionary_encode() -> None:
    column = dictionary_encode(["a", "b", "a", "c", "a"])
    assert list(column.texts) == ["a", "b", "c"]
    assert [column.value(r) for r in range(5)] == ["a", "b", "a", "c", "a"]
    unique = dictionary_encode(["x", "y"])
    assert unique.ids is None and unique.value(1) == "y"
    assert len(TextColumn(["x"], [0, 0, 0])) == 3


QUERIES = [
    "",
    "obs",
    "OBS.0",
    "obs.0002",
    "bucket",
    "invalid bucket",
    "404",
    "4xx",
    "5xx",
    "teapot",
    "kettle",
    "stout",
    "rfc",
    "vendor",
    "weird",
    "9xx",
    "else",
    "桶",
    "桶不存在",
    "nothing",
    "not found",
    "teapto",
]


def test_engine_over_table_equals_engine_over_entries() -> None:
    table = EntryTable.from_imported(ROWS, "Vendor")
    columnar, plain = QueryEngine(table), QueryEngine(list(table))
    filters = [None, Filters(classes=frozenset({"4xx"})), Filters(categories=frozenset({"error"}))]
    for query in QUERIES:
        for f in filters:
            assert list(columnar.search(query, f)) == list(plain.search(query, f)), (query, f)


def test_chained_entries_index_and_search() -> None:
    builtin = load_builtin().entries
    table = EntryTable.from_imported(ROWS, "Vendor")
    chained = ChainedEntries([builtin, table, ()])
    assert len(chained) == len(builtin) + len(ROWS)
    assert chained[0] is builtin[0]
    assert chained[len(builtin)].code == "OBS.0001"
    assert chained[-1].code == "X.1"
    assert [e.code for e in chained[len(builtin) - 1 : len(builtin) + 1]][1] == "OBS.0001"
    assert "Vendor" in chained.sources() and "IANA" in chained.sources()
    assert [e.id for e in chained] == [e.id for e in (*builtin, *table)]
    columnar, plain = QueryEngine(chained), QueryEngine(list(chained))
    for query in [*QUERIES, "gateway timeout", "nginx", "未找到", "500-504"]:
        assert list(columnar.search(query)) == list(plain.search(query)), query
    only_vendor = Filters(sources=frozenset({"Vendor"}))
    assert list(columnar.search("", only_vendor)) == list(plain.search("", only_vendor))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A.1", "B-2", "404", "C.3.x", "ｆｕｌｌ.1", "Z"]),
            st.text(max_size=30),
            st.sampled_from(["", "error", "normal", "bogus"]),
            st.dictionaries(
                st.sampled_from(["description", "solution", "http_status", "aliases", "class"]),
                st.text(min_size=1, max_size=20),  # importers keep non-empty cells only
                max_size=3,
            ),
        ),
        min_size=1,
        max_size=12,
    ),
    st.text(max_size=12),
)
def test_any_rows_index_like_their_entries(rows: list, query: str) -> None:
    imported = [ImportedRow(c, p, cat or None, dict(extra)) for c, p, cat, extra in rows]
    table = EntryTable.from_imported(imported, "Vendor")
    assert as_dicts(list(table)) == as_dicts(rows_to_entries(imported, "Vendor"))
    assert list(QueryEngine(table).search(query)) == list(QueryEngine(list(table)).search(query))
