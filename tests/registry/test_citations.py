"""Every normative claim of the built-in data cites the section that makes it, the cited
RFC 9110/9111 sections exist, library constants name the version they were checked against,
and the errors of the issue-14 audit stay fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.registry.loader import load_builtin, load_raw_entries
from app.registry.serialize import entry_to_dict
from app.registry.validation import SPEC_POLICIES

DATA = Path(__file__).parent / "data"


def _sections(name: str) -> dict[str, str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


SECTIONS = {
    "RFC 9110": _sections("rfc9110-sections.tsv"),
    "RFC 9111": _sections("rfc9111-sections.tsv"),
}
RAWS = load_raw_entries()


def _claims() -> list[tuple[str, str, dict[str, str] | None]]:
    """(entry id, what is claimed, its cite) for every normative claim in the data."""
    claims = []
    for raw in RAWS:
        for header in raw["headers"]:
            if header["strength"] != "INFO":
                claims.append(
                    (raw["id"], f"{header['name']} {header['strength']}", header.get("cite"))
                )
        if raw["cacheable_by_default"]:
            claims.append((raw["id"], "cacheable by default", raw.get("cacheable_cite")))
        if raw["retry"]["policy"] in SPEC_POLICIES:
            claims.append((raw["id"], f"retry {raw['retry']['policy']}", raw["retry"].get("cite")))
    return claims


def test_the_section_tables_are_complete() -> None:
    assert len(SECTIONS["RFC 9110"]) == 302 and len(SECTIONS["RFC 9111"]) == 67
    assert SECTIONS["RFC 9110"]["7.8"] == "Upgrade"
    assert SECTIONS["RFC 9110"]["15.1"] == "Overview of Status Codes"
    assert SECTIONS["RFC 9111"]["4.2.2"] == "Calculating Heuristic Freshness"


def test_every_normative_claim_cites_its_section() -> None:
    claims = _claims()
    assert len(claims) > 40
    missing = [(entry, what) for entry, what, cite in claims if not cite]
    assert missing == []


def test_every_cited_rfc_9110_and_9111_section_exists() -> None:
    cites = [cite for _, _, cite in _claims() if cite]
    cites += [
        c
        for raw in RAWS
        for c in (raw["retry"].get("cite"), *(h.get("cite") for h in raw["headers"]))
        if c
    ]
    checked = 0
    for cite in cites:
        table = SECTIONS.get(cite["spec"])
        if table is None:
            continue
        assert cite["section"] in table, cite
        number = cite["spec"].split()[1]
        assert (
            cite["url"] == f"https://www.rfc-editor.org/rfc/rfc{number}#section-{cite['section']}"
        )
        checked += 1
    assert checked > 40


@pytest.mark.parametrize(
    ("code", "header", "spec", "section"),
    [
        ("101", "Connection", "RFC 9110", "7.8"),  # a sender of Upgrade also sends Connection
        ("101", "Upgrade", "RFC 9110", "15.2.2"),
        ("426", "Connection", "RFC 9110", "7.8"),
        ("104", "Location", "draft-ietf-httpbis-resumable-upload-05", "4"),
        ("206", "Content-Type", "RFC 9110", "15.3.7.2"),  # multipart/byteranges
    ],
)
def test_fixed_header_strengths(code: str, header: str, spec: str, section: str) -> None:
    (entry,) = [e for e in load_builtin().entries if e.code == code and e.source == "IANA"]
    (found,) = [h for h in entry.headers if h.name == header]
    assert found.strength == "MUST"
    assert found.cite is not None and (found.cite.spec, found.cite.section) == (spec, section)


def _iana(code: str):  # type: ignore[no-untyped-def]
    return next(e for e in load_builtin().entries if e.code == code and e.source == "IANA")


def test_403_says_what_rfc_9110_says_about_credentials() -> None:
    entry = _iana("403")
    assert "authenticating again" not in entry.summary
    assert "new or different" in entry.summary and "新的或不同的" in entry.zh["summary"]
    assert entry.retry_policy == "after-fix"
    assert entry.retry_cite is not None and entry.retry_cite.section == "15.5.4"


def test_308_history_starts_with_rfc_7238() -> None:
    entry = _iana("308")
    assert "RFC 7238" in entry.description and "RFC 7238" in entry.zh["description"]
    assert "introduced in RFC 7538" not in entry.description


@pytest.mark.parametrize(
    ("code", "language", "name", "old", "state"),
    [
        ("305", "spring", None, "HttpStatus.USE_PROXY", "removed"),
        (
            "413",
            "spring",
            "HttpStatus.CONTENT_TOO_LARGE",
            "HttpStatus.PAYLOAD_TOO_LARGE",
            "deprecated",
        ),
        (
            "422",
            "spring",
            "HttpStatus.UNPROCESSABLE_CONTENT",
            "HttpStatus.UNPROCESSABLE_ENTITY",
            "deprecated",
        ),
        ("421", "spring", "HttpStatus.MISDIRECTED_REQUEST", None, None),
        ("103", "rust", "StatusCode::EARLY_HINTS", None, None),
    ],
)
def test_library_constants_as_of_their_versions(
    code: str, language: str, name: str | None, old: str | None, state: str | None
) -> None:
    entry = _iana(code)
    assert dict(entry.constants).get(language) == name
    formers = {(o.name, o.state) for o in entry.old_constants if o.language == language}
    assert old is None or (old, state) in formers
    checked = dict(load_builtin().constants_checked)
    assert checked["spring"] == "Spring Framework 7.0" and checked["rust"].startswith("http 1.4")
    assert set(checked) == {"python", "go", "spring", "dotnet", "rust", "node", "rails"}


def test_json_carries_cites_versions_and_former_names() -> None:
    data = entry_to_dict(_iana("101"))
    (connection,) = [h for h in data["headers"] if h["name"] == "Connection"]
    assert connection["cite"]["url"].endswith("#section-7.8")
    assert entry_to_dict(_iana("200"))["cacheable_cite"]["section"] == "15.1"
    assert entry_to_dict(_iana("429"))["retry"]["cite"]["spec"] == "RFC 6585"
    data = entry_to_dict(_iana("305"))
    assert data["constants_checked"]["spring"] == "Spring Framework 7.0"
    assert {
        "language": "spring",
        "name": "HttpStatus.USE_PROXY",
        "state": "removed",
        "since": "Spring Framework 7.0",
    } in data["old_constants"]
    json.dumps(data)  # plain data
