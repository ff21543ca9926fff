"""The bundled registry: complete, valid, faithful to the IANA registry and the specs."""

from __future__ import annotations

import copy
import re
from email.parser import Parser
from typing import Any

import pytest

from app.registry.loader import load_builtin, load_raw_entries, registry_files
from app.registry.validation import validate_entries, validate_entry, validate_file

# The IANA HTTP Status Code Registry, last updated 2025-09-15: every registered value.
IANA = {
    "100": "Continue",
    "101": "Switching Protocols",
    "102": "Processing",
    "103": "Early Hints",
    "104": "Upload Resumption Supported",
    "200": "OK",
    "201": "Created",
    "202": "Accepted",
    "203": "Non-Authoritative Information",
    "204": "No Content",
    "205": "Reset Content",
    "206": "Partial Content",
    "207": "Multi-Status",
    "208": "Already Reported",
    "226": "IM Used",
    "300": "Multiple Choices",
    "301": "Moved Permanently",
    "302": "Found",
    "303": "See Other",
    "304": "Not Modified",
    "305": "Use Proxy",
    "306": "(Unused)",
    "307": "Temporary Redirect",
    "308": "Permanent Redirect",
    "400": "Bad Request",
    "401": "Unauthorized",
    "402": "Payment Required",
    "403": "Forbidden",
    "404": "Not Found",
    "405": "Method Not Allowed",
    "406": "Not Acceptable",
    "407": "Proxy Authentication Required",
    "408": "Request Timeout",
    "409": "Conflict",
    "410": "Gone",
    "411": "Length Required",
    "412": "Precondition Failed",
    "413": "Content Too Large",
    "414": "URI Too Long",
    "415": "Unsupported Media Type",
    "416": "Range Not Satisfiable",
    "417": "Expectation Failed",
    "418": "(Unused)",
    "421": "Misdirected Request",
    "422": "Unprocessable Content",
    "423": "Locked",
    "424": "Failed Dependency",
    "425": "Too Early",
    "426": "Upgrade Required",
    "428": "Precondition Required",
    "429": "Too Many Requests",
    "431": "Request Header Fields Too Large",
    "451": "Unavailable For Legal Reasons",
    "500": "Internal Server Error",
    "501": "Not Implemented",
    "502": "Bad Gateway",
    "503": "Service Unavailable",
    "504": "Gateway Timeout",
    "505": "HTTP Version Not Supported",
    "506": "Variant Also Negotiates",
    "507": "Insufficient Storage",
    "508": "Loop Detected",
    "510": "Not Extended",
    "511": "Network Authentication Required",
}
CACHEABLE = {
    "200",
    "203",
    "204",
    "206",
    "300",
    "301",
    "308",
    "404",
    "405",
    "410",
    "414",
    "501",
    "451",
}
ALIASES = {
    "413": {"Request Entity Too Large", "Payload Too Large"},
    "414": {"Request-URI Too Long"},
    "416": {"Requested Range Not Satisfiable"},
    "422": {"Unprocessable Entity"},
    "302": {"Moved Temporarily"},
    "425": {"Unordered Collection"},
    "405": {"Not Allowed"},
    "408": {"Request Time-out"},
    "503": {"Service Temporarily Unavailable"},
    "504": {"Gateway Time-out"},
}
UNOFFICIAL = {
    ("nginx", "444"),
    ("nginx", "494"),
    ("nginx", "495"),
    ("nginx", "496"),
    ("nginx", "497"),
    ("nginx", "499"),
    ("Cloudflare", "520"),
    ("Cloudflare", "521"),
    ("Cloudflare", "522"),
    ("Cloudflare", "523"),
    ("Cloudflare", "524"),
    ("Cloudflare", "525"),
    ("Cloudflare", "526"),
    ("Cloudflare", "530"),
    ("Pantheon", "530"),
    ("Laravel", "419"),
    ("Twitter", "420"),
    ("Esri", "498"),
    ("Esri", "499"),
    ("AWS ELB", "460"),
    ("AWS ELB", "463"),
    ("AWS ELB", "464"),
    ("AWS ELB", "561"),
    ("Microsoft IIS", "440"),
    ("Microsoft", "449"),
    ("Microsoft", "450"),
    ("Exchange ActiveSync", "451"),
    ("Shopify", "430"),
    ("Apache", "509"),
}
# Listed by secondary sources only (no vendor or spec text could be found): left out on purpose.
UNCONFIRMED = {"218", "598", "599"}
# Registered HTTP field names the data may mention (IANA HTTP Field Name Registry), plus
# vendor fields documented by the vendor that sends them.
FIELD_NAMES = {
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "Accept-Patch",
    "Accept-Post",
    "Accept-Ranges",
    "Age",
    "Allow",
    "Alt-Svc",
    "Authentication-Info",
    "Authorization",
    "Cache-Control",
    "Connection",
    "Content-Encoding",
    "Content-Language",
    "Content-Length",
    "Content-Location",
    "Content-Range",
    "Content-Type",
    "Cookie",
    "DAV",
    "Date",
    "Depth",
    "Destination",
    "Early-Data",
    "ETag",
    "Expect",
    "Expires",
    "Forwarded",
    "Host",
    "If",
    "If-Match",
    "If-Modified-Since",
    "If-None-Match",
    "If-Range",
    "If-Unmodified-Since",
    "Last-Modified",
    "Link",
    "Location",
    "Lock-Token",
    "Max-Forwards",
    "Preference-Applied",
    "Prefer",
    "Proxy-Authenticate",
    "Proxy-Authentication-Info",
    "Proxy-Authorization",
    "Range",
    "Referer",
    "Retry-After",
    "Sec-WebSocket-Accept",
    "Sec-WebSocket-Key",
    "Sec-WebSocket-Protocol",
    "Sec-WebSocket-Version",
    "Server",
    "Set-Cookie",
    "Strict-Transport-Security",
    "TE",
    "Timeout",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
    "Upload-Limit",
    "Upload-Offset",
    "Upload-Complete",
    "Upload-Length",
    "User-Agent",
    "Vary",
    "Via",
    "WWW-Authenticate",
    "X-Forwarded-For",
    "X-Forwarded-Proto",
    "IM",
    "A-IM",
    "Delta-Base",
    "Negotiate",
    "Alternates",
    "TCN",
    "Variant-Vary",
    "Ms-Echo-Request",
    "X-MS-Location",
    "CF-RAY",
    "Content-Security-Policy",
    "Keep-Alive",
    "Overwrite",
}


@pytest.fixture(scope="module")
def raws() -> list[dict[str, Any]]:
    return load_raw_entries()


def test_every_file_is_valid() -> None:
    files = registry_files()
    assert len(files) >= 4
    for path in files:
        assert validate_file(path) == [], path


def test_whole_registry_is_consistent(raws: list[dict[str, Any]]) -> None:
    assert validate_entries(raws) == []
    assert load_builtin().iana_last_updated == "2025-09-15"


def test_every_iana_value_with_its_phrase(raws: list[dict[str, Any]]) -> None:
    iana = {r["code"]: r for r in raws if r["source"] == "IANA"}
    assert set(iana) == set(IANA)
    assert {code: r["phrase"] for code, r in iana.items()} == IANA


def test_lifecycles_and_references(raws: list[dict[str, Any]]) -> None:
    iana = {r["code"]: r for r in raws if r["source"] == "IANA"}
    assert iana["104"]["lifecycle"] == "temporary" and iana["104"]["expires"] == "2026-11-13"
    assert {c for c, r in iana.items() if r["lifecycle"] == "unused"} == {"306", "418"}
    assert iana["510"]["lifecycle"] == "obsoleted"
    assert iana["305"]["lifecycle"] == "deprecated"
    for code, raw in iana.items():
        if raw["reference"].startswith("RFC 9110"):
            assert re.fullmatch(r"RFC 9110, Section 15\.\d\.\d+", raw["reference"]), code
            section = raw["reference"].rsplit(" ", 1)[1]
            assert raw["reference_url"].endswith(f"#section-{section}"), code


def test_cacheable_by_default(raws: list[dict[str, Any]]) -> None:
    cacheable = {r["code"] for r in raws if r["cacheable_by_default"]}
    assert cacheable == CACHEABLE


def test_aliases(raws: list[dict[str, Any]]) -> None:
    aliases: dict[str, set[str]] = {}
    for raw in raws:
        if raw["source"] == "IANA":
            aliases[raw["code"]] = set(raw["aliases"])
    for code, expected in ALIASES.items():
        assert expected <= aliases[code], code


def test_unofficial_codes_are_tagged_by_source(raws: list[dict[str, Any]]) -> None:
    tagged = {(r["source"], r["code"]) for r in raws if r["lifecycle"] == "unofficial"}
    assert tagged >= UNOFFICIAL
    assert not UNCONFIRMED & {r["code"] for r in raws}
    teapot = [r for r in raws if r["code"] == "418" and r["lifecycle"] == "unofficial"]
    assert [r["phrase"] for r in teapot] == ["I'm a teapot"]


def test_header_names_are_real_fields(raws: list[dict[str, Any]]) -> None:
    for raw in raws:
        for header in raw["headers"]:
            assert header["name"] in FIELD_NAMES, (raw["id"], header["name"])


def test_examples_parse_as_http(raws: list[dict[str, Any]]) -> None:
    for raw in raws:
        status, _, rest = raw["example"].partition("\n")
        version, code, _phrase = status.split(" ", 2)
        assert (version, code) == ("HTTP/1.1", raw["code"]), raw["id"]
        headers = Parser().parsestr(rest + "\n\n", headersonly=True)
        assert not headers.defects, raw["id"]
        for name in headers:
            assert name in FIELD_NAMES, (raw["id"], name)


def test_both_languages_everywhere(raws: list[dict[str, Any]]) -> None:
    for raw in raws:
        zh = raw["zh"]
        for key in ("phrase", "summary", "description", "client_action", "retry_note"):
            assert re.search(r"[\u4e00-\u9fff]", zh[key]), (raw["id"], key)
        assert len(zh["causes"]) == len(raw["causes"])


def _valid() -> dict[str, Any]:
    return copy.deepcopy(next(r for r in load_raw_entries() if r["id"] == "iana-429"))


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda r: r.pop("phrase"), "missing or empty 'phrase'"),
        (lambda r: r.update(summary="  "), "missing or empty 'summary'"),
        (lambda r: r.update({"class": "5xx"}), "does not fit code"),
        (lambda r: r.update(category="normal"), "does not fit class"),
        (lambda r: r.update(lifecycle="retired"), "unknown lifecycle"),
        (lambda r: r.update(lifecycle="temporary"), "ISO 'expires'"),
        (lambda r: r.update(expires="2030-01-01"), "only for temporary"),
        (lambda r: r.update(aliases="Too Many"), "'aliases' must be a list"),
        (lambda r: r.update(causes=[]), "at least one cause"),
        (lambda r: r.update(retry={"policy": "sometimes", "note": "x"}), "retry.policy"),
        (lambda r: r.update(cacheable_by_default="no"), "true or false"),
        (
            lambda r: r.update(headers=[{"name": "Bad Header", "strength": "MUST"}]),
            "valid field name",
        ),
        (
            lambda r: r.update(headers=[{"name": "Retry-After", "strength": "OUGHT"}]),
            "no valid strength",
        ),
        (lambda r: r.update(example="HTTP/1.1 200 OK"), "example must start"),
        (
            lambda r: r.update(example="HTTP/1.1 429 Too Many Requests\nnot a header"),
            "not a header field",
        ),
        (lambda r: r.update(reference_url="http://example.org"), "https link"),
        (lambda r: r.pop("zh"), "missing 'zh'"),
        (lambda r: r["zh"].update(causes=[]), "one to one"),
        (lambda r: r["zh"].update(related_why={}), "every related code"),
    ],
)
def test_validation_catches_malformed_entries(mutate: Any, problem: str) -> None:
    raw = _valid()
    assert validate_entry(raw) == []
    mutate(raw)
    assert any(problem in p for p in validate_entry(raw)), validate_entry(raw)


def test_validation_catches_duplicates_and_dangling_related() -> None:
    raw = _valid()
    dangling = copy.deepcopy(raw)
    dangling["id"] = "other"
    dangling["related"] = [{"code": "999", "why": "nothing"}]
    dangling["zh"]["related_why"] = {"999": "无"}
    problems = validate_entries([raw, copy.deepcopy(raw), dangling])
    assert "duplicate id iana-429" in problems
    assert any("related code 999 does not exist" in p for p in problems)
