"""Sort keys from columns equal the keys of the entries they stand for."""

from __future__ import annotations

import pytest

from app.registry.entry_table import ChainedEntries, EntryTable
from app.registry.importers import ImportedRow
from app.registry.loader import load_builtin
from app.registry.sort_keys import FIELDS, entry_key, sort_keys

ROWS = [
    ImportedRow("OBS.0002", "Invalid Bucket", "error", {"http_status": "404"}),
    ImportedRow("OBS.0001", "invalid bucket", None, {}),
    ImportedRow("200", "OK", "normal", {}),
    ImportedRow("0412", "Zero-padded", None, {"lifecycle": "deprecated"}),
    ImportedRow("²", "Not an ASCII number", None, {}),
    ImportedRow("E-7", "桶不存在", None, {"http_status": "503"}),
]


@pytest.mark.parametrize("field", FIELDS)
def test_columnar_keys_equal_entry_keys(field: str) -> None:
    entries = ChainedEntries([load_builtin().entries, EntryTable.from_imported(ROWS, "Vendor")])
    assert sort_keys(entries, field) == [entry_key(e, field) for e in entries]


def test_codes_sort_numerically_then_vendor_codes() -> None:
    table = EntryTable.from_imported(ROWS, "Vendor")
    keys = sort_keys(table, "code")
    ordered = [table[r].code for r in sorted(range(len(table)), key=keys.__getitem__)]
    assert ordered == ["200", "0412", "E-7", "OBS.0001", "OBS.0002", "²"]
