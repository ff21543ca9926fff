"""The user-registry store: save/list/rename/disable/remove/reimport, atomic saves, corrupt
files moved aside, read-only directories, and two processes saving at once."""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from app.registry.importers import ImportedRow, ImportFailed, parse_file
from app.registry.store import DATABASE_NAME, RegistryInfo, RegistryStore, StoreError
from app.registry.stored_columns import decode_columns

ROOT = Path(__file__).resolve().parents[2]
SEED = Path(__file__).parent / "fixtures" / "seed_status_codes.txt"


def rows(count: int, prefix: str = "E") -> list[ImportedRow]:
    return [
        ImportedRow(
            f"{prefix}.{i:05d}",
            f"Phrase {i}",
            "error" if i % 3 else None,
            {"description": f"Text {i}", "http_status": "400"} if i % 2 else {},
        )
        for i in range(count)
    ]


def codes(store: RegistryStore, name: str) -> list[str]:
    return [e.code for e in store.load_entries(name)]


def test_save_list_and_load(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    assert store.list() == []
    assert store.save("Vendor X", parse_file(SEED).rows, str(SEED)) == 15
    (info,) = store.list()
    assert isinstance(info, RegistryInfo)
    assert (info.name, info.enabled, info.source_path, info.row_count) == (
        "Vendor X",
        True,
        str(SEED),
        15,
    )
    stamp = datetime.datetime.fromisoformat(info.imported_at)
    assert stamp.tzinfo is not None
    assert abs((datetime.datetime.now(datetime.UTC) - stamp).total_seconds()) < 120
    entries = store.load_entries("vendor x")  # names compare case-insensitively
    assert [(e.code, e.phrase, e.category) for e in entries[:2]] == [
        ("200", "OK", "normal"),
        ("201", "Created", "normal"),
    ]
    assert entries[10].phrase == "Request Entity Too Large"
    assert {e.registry for e in entries} == {e.source for e in entries} == {"Vendor X"}
    assert (tmp_path / "registries" / DATABASE_NAME).is_file()
    assert "Vendor X" in store and "nope" not in store


def test_extra_fields_survive_storage(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    odd = ImportedRow("X.1", "Sep \x1f inside", None, {"note": "a\x1fb", "多": "行\n文本"})
    store.save("odd", [*rows(3), odd], None)
    again = RegistryStore(tmp_path).load_rows("odd")
    assert again == [*rows(3), odd]


def test_rename_disable_remove(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("alpha", rows(3, "A"), None)
    store.save("beta", rows(2, "B"), None)
    store.rename("alpha", "Gamma")
    assert [i.name for i in store.list()] == ["beta", "Gamma"]
    assert [e.id for e in store.load_entries("gamma")][:1] == ["Gamma:1"]
    store.rename("gamma", "GAMMA")  # a change of case is allowed
    with pytest.raises(StoreError, match="a registry named 'beta' already exists"):
        store.rename("GAMMA", "Beta")
    with pytest.raises(StoreError, match="there is no registry named 'zeta'"):
        store.rename("zeta", "eta")
    store.set_enabled("beta", False)
    assert [i.enabled for i in store.list()] == [False, True]
    assert [e.code for e in store.load_enabled_entries()] == ["A.00000", "A.00001", "A.00002"]
    store.set_enabled("beta", True)
    assert len(store.load_enabled_entries()) == 5
    store.remove("GAMMA")
    assert [i.name for i in store.list()] == ["beta"]
    with pytest.raises(StoreError):
        store.load_entries("GAMMA")
    with closing(sqlite3.connect(store.path)) as conn:
        assert conn.execute("SELECT count(*) FROM rows").fetchone() == (2,)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("x" * 81, "at most 80"),
        ("a/b", "path separators"),
        ("a\\b", "path separators"),
        ("tab\there", "control"),
        ("builtin", "reserved"),
        ("IANA", "reserved"),
    ],
)
def test_invalid_names(tmp_path: Path, name: str, message: str) -> None:
    store = RegistryStore(tmp_path)
    with pytest.raises(StoreError, match=message):
        store.save(name, rows(1), None)
    assert store.list() == []


def test_duplicate_name_without_replace(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("acme", rows(2), None)
    with pytest.raises(StoreError, match="already exists"):
        store.save("ACME", rows(5), None, replace=False)
    assert store.list()[0].row_count == 2
    store.set_enabled("acme", False)
    store.save("  acme ", rows(4), "new.csv")  # replace keeps the enabled state
    (info,) = store.list()
    assert (info.name, info.row_count, info.enabled, info.source_path) == (
        "acme",
        4,
        False,
        "new.csv",
    )


def test_reimport_from_the_source_file(tmp_path: Path) -> None:
    source = tmp_path / "codes.csv"
    source.write_text("Error code,Message\nE1,First\nE2,Second\n", encoding="utf-8")
    store = RegistryStore(tmp_path / "data")
    store.save("src", parse_file(source).rows, str(source))
    source.write_text("Error code,Message\nE1,First\nE2,Second\nE3,Third\n", encoding="utf-8")
    assert store.reimport("src") == 3
    assert codes(store, "src") == ["E1", "E2", "E3"]
    source.write_bytes(b"\x00\x01\x02 binary now")
    with pytest.raises(ImportFailed, match=r"^codes\.csv: binary data"):
        store.reimport("src")
    assert codes(store, "src") == ["E1", "E2", "E3"]
    store.save("manual", rows(1), None)
    with pytest.raises(StoreError, match="no source file"):
        store.reimport("manual")


def test_reimport_keeps_the_users_column_mapping(tmp_path: Path) -> None:
    source = tmp_path / "codes.csv"
    source.write_text("Error code,Message,Hint\nE1,First,one\nE2,Second,two\n", encoding="utf-8")
    table = parse_file(source).tables[0]
    from app.registry.importers import remap

    chosen = ["error_code", "description", "phrase"]
    store = RegistryStore(tmp_path / "data")
    store.save("mapped", remap(table, chosen).rows, str(source), roles=[chosen])
    assert [e.phrase for e in store.load_entries("mapped")] == ["one", "two"]
    store.reimport("mapped")
    assert [e.phrase for e in store.load_entries("mapped")] == ["one", "two"]


def test_exception_during_save_keeps_the_previous_content(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("acme", rows(3), "old.csv")
    before = store.list()

    def exploding() -> Iterator[ImportedRow]:
        yield from rows(5_000, "NEW")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save("acme", exploding(), "new.csv")
    assert store.list() == before
    assert codes(store, "acme") == ["E.00000", "E.00001", "E.00002"]
    with pytest.raises(RuntimeError):
        store.save("fresh", exploding(), None)
    assert [i.name for i in store.list()] == ["acme"]


def _run_python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_process_killed_in_the_middle_of_a_save(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("acme", rows(10), None)
    child = _run_python(
        """
        import os, sys
        from pathlib import Path
        from app.registry.importers import ImportedRow
        from app.registry.store import RegistryStore

        def rows():
            for i in range(200_000):
                if i == 150_000:
                    os._exit(9)  # killed: no rollback, no cleanup, no close
                yield ImportedRow(f"K.{i}", "killed", None, {"n": str(i)})

        RegistryStore(Path(sys.argv[1])).save("acme", rows(), None)
        """,
        str(tmp_path),
    )
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 9, err
    again = RegistryStore(tmp_path)
    assert again.warnings == []
    assert [e.code for e in again.load_entries("acme")] == [f"E.{i:05d}" for i in range(10)]
    with closing(sqlite3.connect(again.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_two_processes_saving_at_once(tmp_path: Path) -> None:
    RegistryStore(tmp_path)
    writer = """
        import sys
        from pathlib import Path
        from app.registry.importers import ImportedRow
        from app.registry.store import RegistryStore

        store = RegistryStore(Path(sys.argv[1]))
        me = sys.argv[2]
        for round_ in range(4):
            rows = [ImportedRow(f"{me}.{i}", f"{me} {round_}", None, {}) for i in range(20_000)]
            store.save(me, rows, None)
            store.save("shared", rows, None)
        print("done")
    """
    children = [_run_python(writer, str(tmp_path), name) for name in ("left", "right")]
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert out.strip() == "done"
    store = RegistryStore(tmp_path)
    assert store.warnings == []
    infos = {i.name: i.row_count for i in store.list()}
    assert infos == {"left": 20_000, "right": 20_000, "shared": 20_000}
    shared = store.load_entries("shared")
    assert len({e.phrase for e in shared}) == 1  # one writer's rows, whole, never mixed
    for name in ("left", "right"):
        assert {e.phrase for e in store.load_entries(name)} == {f"{name} 3"}
    with closing(sqlite3.connect(store.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty-header"])
def test_corrupt_database_is_moved_aside(tmp_path: Path, damage: str) -> None:
    store = RegistryStore(tmp_path)
    store.save("acme", rows(30_000), None)
    path = store.path
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.truncate(size // 2)
    else:
        data = bytearray(path.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)
        path.write_bytes(bytes(data))
    fresh = RegistryStore(tmp_path)
    assert len(fresh.warnings) == 1
    assert "was unreadable" in fresh.warnings[0] and "moved to" in fresh.warnings[0]
    aside = sorted(p.name for p in path.parent.iterdir() if ".corrupt-" in p.name)
    assert len(aside) == 1 and aside[0].startswith(f"{DATABASE_NAME}.corrupt-")
    assert fresh.list() == []
    fresh.save("new", rows(2), None)
    assert [i.name for i in RegistryStore(tmp_path).list()] == ["new"]


def test_the_full_check_runs_only_when_the_file_changed_behind_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``PRAGMA quick_check`` reads every page (seconds at a million rows from a cold disk
    cache), so an unchanged store is not checked again at every start."""
    checks: list[int] = []
    quick_check = RegistryStore._quick_check
    monkeypatch.setattr(
        RegistryStore, "_quick_check", lambda self: (checks.append(1), quick_check(self))[1]
    )
    store = RegistryStore(tmp_path)
    store.save("acme", rows(50), None)
    RegistryStore(tmp_path).list()
    store.rename("acme", "Acme")
    RegistryStore(tmp_path).read_columns("Acme")
    RegistryStore(tmp_path)
    assert checks == []  # written only by the store itself
    with closing(sqlite3.connect(store.path)) as conn:  # someone else writes to it
        conn.execute("UPDATE registries SET enabled = 0")
        conn.commit()
    RegistryStore(tmp_path)
    assert checks == [1]
    RegistryStore(tmp_path)
    assert checks == [1]
    (store.directory / f"{DATABASE_NAME}.checked").write_text("not json", "utf-8")
    assert RegistryStore(tmp_path).warnings == [] and checks == [1, 1]


def _make_read_only(path: Path) -> None:
    if os.geteuid() != 0:
        path.chmod(0o555)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)]).returncode != 0:
        pytest.skip("running as root without chattr: cannot make a directory read-only")


def _make_writable(path: Path) -> None:
    if os.geteuid() != 0:
        path.chmod(0o755)
    else:
        subprocess.run([shutil.which("chattr") or "chattr", "-i", str(path)], check=False)


def test_read_only_data_directory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _make_read_only(home)
    try:
        with pytest.raises(StoreError) as failure:
            RegistryStore(home)
    finally:
        _make_writable(home)
    message = str(failure.value)
    assert str(home / "registries") in message
    assert "read-only or not writable" in message and "STATUSCOPE_HOME" in message


def test_read_only_store_directory_with_an_existing_store(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("acme", rows(3), None)
    _make_read_only(store.directory)
    try:
        with pytest.raises(StoreError, match="read-only or not writable"):
            RegistryStore(tmp_path).save("other", rows(1), None)
    finally:
        _make_writable(store.directory)
    assert [i.name for i in RegistryStore(tmp_path).list()] == ["acme"]


def test_data_directory_below_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot write the registry store"):
        RegistryStore(blocker / "home")


def test_hundred_thousand_rows(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    assert store.save("big", rows(100_000), None) == 100_000
    entries = RegistryStore(tmp_path).load_entries("big")
    assert len(entries) == 100_000
    assert entries[-1].id == "big:100000" and entries[-1].code == "E.99999"
    assert dict(entries[1].extra) == {"description": "Text 1", "http_status": "400"}
    assert entries[1].status_class == "4xx"


# -- the columns kept beside the rows (app.registry.stored_columns) -----------------------------
def kept_blob(store: RegistryStore) -> bytes | None:
    with closing(sqlite3.connect(store.path)) as conn:
        found = conn.execute("SELECT data FROM columns").fetchone()
    return None if found is None else bytes(found[0])


def scanned(store: RegistryStore, name: str):  # type: ignore[no-untyped-def]
    """The columns as read from the rows alone."""
    with closing(sqlite3.connect(store.path)) as conn:
        conn.execute("DELETE FROM columns")
        conn.commit()
    return store.read_columns(name)


def test_columns_are_kept_beside_the_rows_and_read_back(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("Vendor", rows(40), None)
    assert kept_blob(store) is not None
    with closing(sqlite3.connect(store.path)) as conn:  # read from the kept columns alone
        conn.execute("DELETE FROM rows")
        conn.commit()
    kept = store.read_columns("vendor")
    assert kept.name == "Vendor"
    other = RegistryStore(tmp_path / "other")
    other.save("Vendor", rows(40), None)
    assert kept == scanned(other, "Vendor")
    assert kept.codes[:2] == ["E.00000", "E.00001"]
    assert kept.categories.value(0) == "" and kept.categories.value(1) == "error"
    assert sorted(kept.extras) == ["description", "http_status"]
    assert kept.extras["description"].value(0) == ""
    assert kept.extras["description"].value(1) == "Text 1"


def test_columns_read_from_the_rows_are_kept_for_next_time(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("Vendor", rows(12), None)
    first = scanned(store, "Vendor")  # as a store written before the columns table existed
    assert kept_blob(store) is not None
    assert store.read_columns("Vendor") == first


@pytest.mark.parametrize("damage", ["flip a byte", "other import", "truncate"])
def test_columns_that_do_not_match_their_rows_are_ignored(tmp_path: Path, damage: str) -> None:
    store = RegistryStore(tmp_path)
    store.save("Vendor", rows(30), None)
    truth = scanned(store, "Vendor")
    blob = kept_blob(store)
    assert blob is not None
    with closing(sqlite3.connect(store.path)) as conn:
        if damage == "other import":  # e.g. an older Statuscope replaced the rows
            conn.execute("UPDATE registries SET imported_at = '2020-01-01T00:00:00+00:00'")
        else:
            bad = blob[:-7] if damage == "truncate" else blob[:-5] + b"X" + blob[-4:]
            conn.execute("UPDATE columns SET data = ?", (bad,))
        conn.commit()
    assert store.read_columns("Vendor") == truth
    (info,) = store.list()  # and the columns were written again for this import
    repaired = kept_blob(store)
    assert repaired is not None
    assert decode_columns("Vendor", repaired, info.imported_at, info.row_count) == truth


def test_renaming_keeps_and_removing_drops_the_columns(tmp_path: Path) -> None:
    store = RegistryStore(tmp_path)
    store.save("Vendor", rows(5), None)
    blob = kept_blob(store)
    store.rename("Vendor", "Cloud")
    assert kept_blob(store) == blob
    assert store.read_columns("Cloud").name == "Cloud"
    store.remove("Cloud")
    assert kept_blob(store) is None
