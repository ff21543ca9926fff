"""The command line: output, exit codes, and that it never loads Qt."""

from __future__ import annotations

import json
import subprocess
import sys

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
