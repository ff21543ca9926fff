"""The command line: output, exit codes, and that it never loads Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import run_cli

REQUIRED = {
    "code",
    "phrase",
    "class",
    "category",
    "lifecycle",
    "source",
    "aliases",
    "description",
    "causes",
    "client_action",
    "retry",
    "cacheable_by_default",
    "headers",
    "related",
    "example",
    "constants",
    "summary",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=60
    )


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["show", "404", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == ["404"]
    assert set(data[0]) >= REQUIRED
    assert data[0]["phrase"] == "Not Found" and data[0]["category"] == "error"
    assert data[0]["cacheable_by_default"] is True


def test_show_lists_every_meaning(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["show", "530", "--json"]) == 0
    assert {d["source"] for d in json.loads(capsys.readouterr().out)} == {"Cloudflare", "Pantheon"}


def test_show_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["show", "429", "--json", "--lang", "zh_CN"]) == 0
    data = json.loads(capsys.readouterr().out)[0]
    assert "请求" in data["phrase"] and data["phrase_en"] == "Too Many Requests"


def test_search_limit_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["search", "5xx", "--json", "--limit", "3"]) == 0
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["500", "501", "502"]
    assert run_cli(["search", "payload too large"]) == 0
    assert capsys.readouterr().out.startswith("413 Content Too Large  [IANA] — ")


def test_unknown_code_exit_1() -> None:
    result = run("show", "999")
    assert result.returncode == 1 and "unknown code" in result.stderr and not result.stdout


@pytest.mark.parametrize(
    "args",
    [["show"], ["search", "x", "--limit", "many"], ["frobnicate"], ["show", "404", "--lang", "fr"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2 and result.stderr


def test_cli_never_imports_qt() -> None:
    code = (
        "import sys; from app.__main__ import main; rc = main(['search', '4xx', '--json']);"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))];"
        "sys.stderr.write(repr(bad)); sys.exit(rc if not bad else 9)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


SEED = Path(__file__).resolve().parent / "registry" / "fixtures" / "seed_status_codes.txt"


@pytest.fixture
def seed() -> Path:
    return SEED


def test_import_dry_run_json_writes_nothing(
    seed: Path, statuscope_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["import", str(seed), "--dry-run", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == [
        "200",
        "201",
        "202",
        "204",
        "400",
        "401",
        "403",
        "404",
        "405",
        "409",
        "413",
        "415",
        "500",
        "501",
        "503",
    ]
    assert rows[0] == {"code": "200", "phrase": "OK", "category": "normal", "extra": {}}
    assert {r["category"] for r in rows[4:]} == {"error"}
    assert rows[10]["phrase"] == "Request Entity Too Large"  # the vendor's wording, kept
    assert not (statuscope_home / "data").exists()


def test_import_list_search_export_remove(
    seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["import", str(seed), "--name", "Cloud API"]) == 0
    assert "15" in capsys.readouterr().out
    assert run_cli(["registries", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["count"], r["enabled"]) for r in listed] == [("Cloud API", 15, True)]
    assert run_cli(["search", "request entity too large", "--json"]) == 0
    sources = [d["source"] for d in json.loads(capsys.readouterr().out)]
    assert "Cloud API" in sources and "IANA" in sources
    out = tmp_path / "view.csv"
    assert run_cli(["export", "5xx", "--format", "csv", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("code,phrase")
    assert run_cli(["remove", "Cloud API"]) == 0
    assert run_cli(["remove", "Cloud API"]) == 1


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02" * 1000, b"just prose 404 here", b"| a | b |\n|---|---|\n| x | y |\n"],
)
def test_import_bad_input_exit_2_and_nothing_written(
    content: bytes, tmp_path: Path, statuscope_home: Path
) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    result = run("import", str(bad))
    assert result.returncode == 2
    assert "bad.md" in result.stderr
    db = statuscope_home / "data" / "registries" / "registries.sqlite3"
    assert not db.exists()


def test_import_prepares_the_index_snapshot(seed: Path, statuscope_home: Path) -> None:
    from app.registry.user_registries import SNAPSHOT_NAME, load_user_registries

    assert run_cli(["import", str(seed), "--name", "Cloud API"]) == 0
    snapshot = statuscope_home / "data" / "cache" / SNAPSHOT_NAME
    assert snapshot.is_file()
    before = snapshot.stat().st_mtime_ns
    loaded = load_user_registries(statuscope_home / "data")  # a start: maps, does not rebuild
    assert snapshot.stat().st_mtime_ns == before
    assert "Cloud API" in loaded.registry.sources() and loaded.engine is not None


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--self-test"],
        ["--self-test-crash", "--lang", "zh_CN"],
        ["--lang=en", "--self-test"],
        ["--lang", "fr"],  # not a language: argparse's path (which refuses it)
        ["-style", "fusion", "--self-test"],  # Qt's options pass through
    ],
)
def test_gui_options_parse_like_argparse(argv: list[str]) -> None:
    from app.gui import _argparse_gui_args, parse_gui_args

    try:
        expected = vars(_argparse_gui_args(argv))
    except SystemExit:
        with pytest.raises(SystemExit):
            parse_gui_args(argv)
        return
    assert vars(parse_gui_args(argv)) == expected


def test_show_finds_imported_codes_by_the_store_index(
    seed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``show`` answers from the store's code index, with the entries the app shows (same
    ids and text), without loading the registries or their search index."""
    import app.registry.user_registries as user_registries
    from app.services.paths import data_dir

    assert run_cli(["import", str(seed), "--name", "Cloud API"]) == 0
    loaded = user_registries.load_user_registries(data_dir())
    assert loaded.engine is not None
    imported = [e for e in loaded.registry.entries if e.registry == "Cloud API"]
    wanted = imported[-1]
    capsys.readouterr()

    def no_loading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("show loaded every registry")

    monkeypatch.setattr(user_registries, "load_user_registries", no_loading)
    assert run_cli(["show", wanted.code.swapcase(), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    expected = [e for e in loaded.registry.entries if e.code.casefold() == wanted.code.casefold()]
    assert [d["id"] for d in shown] == [e.id for e in expected]
    assert [d["phrase"] for d in shown] == [e.phrase for e in expected]


def test_search_answers_like_the_window(seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["import", str(seed), "--name", "Cloud API"]) == 0
    capsys.readouterr()
    assert run_cli(["search", "4xx request", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and {d["class"] for d in found} == {"4xx"}
    assert run_cli(["search", "status:413", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {d["source"] for d in found} == {"IANA", "Cloud API"}
    (vendor,) = [d for d in found if d["source"] == "Cloud API"]
    assert vendor["http_status"] == "413"
    assert vendor["standard"]["code"] == "413"
    assert vendor["standard"]["phrase_en"] == "Content Too Large"
    assert vendor["standard"]["summary"]
    assert "standard" not in found[0]  # the IANA entry itself
