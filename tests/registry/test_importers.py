"""The importers on the seed page and on tables written for these tests (fixtures/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.registry.entry import StatusEntry
from app.registry.importers import (
    MAX_IMPORT_BYTES,
    ImportedRow,
    ImportFailed,
    ImportResult,
    compare_with_builtin,
    detect_format,
    parse_file,
    parse_text,
    remap,
    rows_to_entries,
)
from app.registry.importers.columns import category_from_text, detect_roles
from app.registry.importers.header_words import header_role
from app.registry.loader import load_builtin

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_status_codes.txt"


def rows_of(result: ImportResult) -> list[tuple[str, str, str | None]]:
    return [(r.code, r.phrase, r.category) for r in result.rows]


# -- the seed page --------------------------------------------------------------------------
SEED_NORMAL = [("200", "OK"), ("201", "Created"), ("202", "Accepted"), ("204", "No Content")]
SEED_ERROR = [
    ("400", "Bad Request"),
    ("401", "Unauthorized"),
    ("403", "Forbidden"),
    ("404", "Not Found"),
    ("405", "Method Not Allowed"),
    ("409", "Conflict"),
    ("413", "Request Entity Too Large"),
    ("415", "Unsupported Media Type"),
    ("500", "Internal Server Error"),
    ("501", "Not Implemented"),
    ("503", "Service Unavailable"),
]


def test_seed_page_gives_exactly_its_15_codes() -> None:
    result = parse_file(SEED)
    assert rows_of(result) == [(c, p, "normal") for c, p in SEED_NORMAL] + [
        (c, p, "error") for c, p in SEED_ERROR
    ]
    assert [t.headers for t in result.tables] == [["正常状态码", "描述"], ["错误状态码", "描述"]]
    assert [t.roles for t in result.tables] == [["status", "phrase"], ["status", "phrase"]]
    assert all(r.extra == {} for r in result.rows)
    assert result.warnings == []


def test_seed_page_with_mixed_line_ends_and_crlf() -> None:
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines))
    assert rows_of(parse_text(mixed, source_name="seed.txt")) == rows_of(parse_file(SEED))
    assert rows_of(parse_text(text.replace("\n", "\r"))) == rows_of(parse_file(SEED))


def test_seed_against_the_builtin_iana_phrases() -> None:
    differences = compare_with_builtin(parse_file(SEED).rows, load_builtin().entries)
    assert differences == [("413", "Request Entity Too Large", "Content Too Large")]


def test_compare_ignores_case_and_spacing_but_not_aliases() -> None:
    iana = [
        StatusEntry(
            "iana-413",
            "413",
            "Content Too Large",
            "4xx",
            "error",
            "standard",
            "IANA",
            aliases=("Payload Too Large",),
        ),
        StatusEntry("iana-404", "404", "Not Found", "4xx", "error", "standard", "IANA"),
        StatusEntry("nginx-404", "404", "Nginx Says No", "4xx", "error", "unofficial", "nginx"),
    ]
    rows = [
        ImportedRow("404", "not  found", None, {}),
        ImportedRow("404", "NotFound", None, {}),
        ImportedRow("413", "Payload Too Large", None, {}),
        ImportedRow("413", "Payload Too Large", None, {}),
        ImportedRow("APIG.0101", "Whatever", None, {"http_status": "404"}),
        ImportedRow("499", "Client Closed Request", None, {}),
    ]
    assert compare_with_builtin(rows, iana) == [("413", "Payload Too Large", "Content Too Large")]


def test_seed_entries() -> None:
    entries = rows_to_entries(parse_file(SEED).rows, "Vendor X")
    assert [e.id for e in entries[:2]] == ["Vendor X:1", "Vendor X:2"]
    first, last = entries[0], entries[-1]
    assert (first.code, first.phrase, first.status_class, first.category) == (
        "200",
        "OK",
        "2xx",
        "normal",
    )
    assert (last.code, last.status_class, last.category) == ("503", "5xx", "error")
    assert {e.source for e in entries} == {e.registry for e in entries} == {"Vendor X"}
    assert {e.lifecycle for e in entries} == {"standard"}


# -- HTML: spans, lists in cells, group rows, negative tables, scripts ---------------------
def test_html_page_with_rowspan_colspan_lists_and_group_rows() -> None:
    result = parse_file(FIXTURES / "gateway_errors.html")
    assert result.format == "html"
    (table,) = result.tables
    assert table.headers == [
        "Module",
        "Error code",
        "HTTP status",
        "Error message",
        "Error description",
        "Solution",
    ]
    assert table.roles == ["module", "error_code", "status", "phrase", "description", "solution"]
    assert [r.code for r in result.rows] == ["APIG.0101", "APIG.0103", "APIG.0308", "apig.0309"]
    first, second, third, fourth = result.rows
    assert first.extra == {
        "module": "Auth",
        "http_status": "401",
        "section": "Gateway",
        "description": "The URL does not match a published API.",
        "solution": "Check the URL; Publish the API to the stage",
    }
    assert second.extra["module"] == "Auth"  # rowspan="2"
    assert second.extra["solution"] == "Get a new token.\nRetry."  # two <p> in one cell
    # colspan="2" over message and description; the group row above sets extra["group"].
    assert third.phrase == third.extra["description"] == "The throttling threshold has been reached"
    assert third.extra["group"] == fourth.extra["group"] == "Throttling"
    # "429 Too Many Requests" in the status column: the code goes to http_status.
    assert fourth.extra["http_status"] == "429"
    # The vendor's wording (lower case, typo) and entities are kept.
    assert fourth.phrase == "quota exausted"
    assert fourth.extra["solution"] == "Buy more quota & retry"
    assert "skipped table 2: no code column" in result.warnings
    # Nothing from <script>, <style>, <title>, prose or <pre>.
    assert not {"500", "404", "418", "APIG.9999"} & {r.code for r in result.rows}


def test_entries_of_a_vendor_table_with_http_status() -> None:
    entries = rows_to_entries(parse_file(FIXTURES / "gateway_errors.html").rows, "gw")
    by_code = {e.code: e for e in entries}
    apig = by_code["APIG.0101"]
    assert apig.status_class == "4xx"
    assert apig.category == "error"
    assert apig.description == "The URL does not match a published API."
    assert apig.client_action == "Check the URL; Publish the API to the stage"
    assert apig.extra == tuple(
        sorted(parse_file(FIXTURES / "gateway_errors.html").rows[0].extra.items())
    )


def test_two_layouts_on_one_page_with_list_item_sections() -> None:
    result = parse_file(FIXTURES / "two_layouts.md")
    assert result.format == "markdown"
    assert rows_of(result) == [
        ("200", "OK", "normal"),
        ("202", "Accepted", "normal"),
        ("WID.0001", "Widget not found", "error"),
        ("WID.0002", "Widget is locked | try later", "error"),
        ("WID.0003", "request entity too large", "error"),
    ]
    assert [r.extra.get("http_status") for r in result.rows[2:]] == ["404", "409", "413"]
    assert [t.section for t in result.tables] == ["正常", "异常"]
    # The parameter table and the glossary are not code tables; the fenced table is code.
    assert result.warnings == ["skipped table 3: no code column", "skipped table 4: no code column"]
    assert "599" not in {r.code for r in result.rows}


def test_markdown_sections_from_headings_with_and_without_outer_pipes() -> None:
    result = parse_file(FIXTURES / "sections.md")
    assert rows_of(result) == [
        ("200", "Success", "normal"),
        ("201", "Resource created", "normal"),
        ("400", "Invalid parameter", "error"),
        ("503", "Service Unavailable", "error"),
    ]
    assert [r.extra for r in result.rows[2:]] == [{"module": "core"}, {"module": "gateway"}]


def test_status_and_phrase_in_one_cell() -> None:
    result = parse_file(FIXTURES / "status_phrase_cells.md")
    assert [(r.code, r.phrase, r.extra["description"]) for r in result.rows] == [
        ("400", "Bad Request", "The body is not valid JSON."),
        ("401", "Unauthorized", "The token is missing."),
        ("404", "Not Found", "No such widget."),
    ]


def test_group_rows_set_categories_inside_one_table() -> None:
    page = """<table>
    <tr><th>Code</th><th>Meaning</th><th>Note</th></tr>
    <tr><td colspan="3">Normal</td></tr>
    <tr><td>200</td><td>OK</td><td></td></tr>
    <tr><td colspan="3">Abnormal</td></tr>
    <tr><td>200</td><td>OK but the body has errors</td><td>legacy</td></tr>
    <tr><td>500</td><td>Oops</td><td></td></tr>
    </table>"""
    result = parse_text(page, "html")
    assert rows_of(result) == [
        ("200", "OK", "normal"),
        ("200", "OK but the body has errors", "error"),
        ("500", "Oops", "error"),
    ]
    assert result.rows[1].extra == {"note": "legacy"}
    assert any("appears more than once" in w for w in result.warnings)


def test_rowspan_on_the_code_cell_merges_rows() -> None:
    page = """<table><thead><tr><th>Error code</th><th>Message</th><th>Cause</th></tr></thead>
    <tbody><tr><td rowspan="2">E1001</td><td rowspan="2">Invalid token</td><td>expired</td></tr>
    <tr><td>revoked</td></tr><tr><td>E1002</td><td>No quota</td><td></td></tr></tbody></table>"""
    result = parse_text(page, "html")
    assert [(r.code, r.phrase, r.extra) for r in result.rows] == [
        ("E1001", "Invalid token", {"cause": "expired; revoked"}),
        ("E1002", "No quota", {}),
    ]


def test_table_without_header_words_is_detected_by_content() -> None:
    page = """<table><tr><th>编号</th><th>名称</th><th>备注</th></tr>
    <tr><td>iam.0012</td><td>令牌过期</td><td>重新登录</td></tr>
    <tr><td>iam.0013</td><td>权限不足</td><td></td></tr></table>"""
    result = parse_text(page)
    assert result.tables[0].roles == ["error_code", "phrase", None]
    assert [(r.code, r.phrase, r.extra) for r in result.rows] == [
        ("iam.0012", "令牌过期", {"备注": "重新登录"}),
        ("iam.0013", "权限不足", {}),
    ]


def test_non_code_tables_and_prose_yield_nothing() -> None:
    with pytest.raises(ImportFailed) as failure:
        parse_file(FIXTURES / "prose_only.md")
    assert str(failure.value) == (
        "prose_only.md: no table with a status-code column found (1 table skipped)"
    )
    with pytest.raises(ImportFailed, match=r"^x\.html: no table with a status-code column"):
        parse_text(
            "<p>404 Not Found</p><pre>&lt;table&gt;&lt;tr&gt;&lt;td&gt;404</pre>"
            "<script>document.write('<table><tr><td>500</td></tr></table>')</script>",
            "html",
            source_name="x.html",
        )


def test_status_column_of_words_is_not_a_status_code_column() -> None:
    text = "Name,Status,Description\nalpha,Active,In use\nbeta,Deleted,Gone\n"
    with pytest.raises(ImportFailed, match="no table with a status-code column"):
        parse_text(text, "csv")


# -- reST -----------------------------------------------------------------------------------
def test_rst_grid_table_with_spans_and_simple_table() -> None:
    result = parse_file(FIXTURES / "grid_tables.rst")
    assert result.format == "rst"
    assert [(r.code, r.phrase, r.category, r.extra) for r in result.rows] == [
        (
            "STO.0001",
            "The bucket name is not valid; use 3-63 lower-case letters.",
            "error",
            {"http_status": "400"},
        ),
        ("STO.0002", "The object key is too long", "error", {"http_status": "400"}),
        ("STO.0100", "Access denied", "error", {"http_status": "403"}),
        ("STO.0200", "Server errors", "error", {}),
        ("200", "OK", "normal", {}),
        ("206", "Partial Content", "normal", {}),
    ]


def test_rst_grid_cell_with_a_bullet_list() -> None:
    text = """+------+----------------+----------------+
| Code | Reason         | Solution       |
+======+================+================+
| 409  | Conflict       | - reload       |
|      |                | - merge        |
+------+----------------+----------------+
"""
    result = parse_text(text, "rst")
    assert [(r.code, r.phrase, r.extra) for r in result.rows] == [
        ("409", "Conflict", {"solution": "reload\nmerge"})
    ]


# -- CSV ------------------------------------------------------------------------------------
def test_csv_with_semicolons_bom_and_crlf() -> None:
    result = parse_file(FIXTURES / "codes_semicolon_bom.csv")
    assert result.format == "csv"
    assert [(r.code, r.phrase, r.extra) for r in result.rows] == [
        ("400", "Bad Request", {"description": "The request is malformed"}),
        ("429", "Too Many Requests", {"description": "Slow down; then retry"}),
        ("503", "Service Unavailable", {}),
    ]
    assert result.tables[0].headers == ["code", "phrase", "description"]


def test_gbk_tab_separated_file() -> None:
    result = parse_file(FIXTURES / "codes_gbk.tsv")
    assert [(r.code, r.phrase, r.extra) for r in result.rows] == [
        ("IAM.0001", "用户名或密码错误", {"solution": "请检查用户名和密码"}),
        ("IAM.0012", "令牌已过期", {"solution": "重新获取令牌"}),
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_delimiters_and_encodings(tmp_path: Path, delimiter: str, encoding: str) -> None:
    text = delimiter.join(["状态码", "描述"]) + "\n" + delimiter.join(["404", "未找到"]) + "\n"
    text += delimiter.join(["500", "服务器内部错误"]) + "\n"
    path = tmp_path / "codes.dat"
    path.write_bytes(text.encode(encoding))
    result = parse_file(path)
    assert result.format == "csv"
    assert rows_of(result) == [("404", "未找到", None), ("500", "服务器内部错误", None)]


def test_headerless_csv() -> None:
    result = parse_text("404,Not Found\n410,Gone\n", "csv")
    assert rows_of(result) == [("404", "Not Found", None), ("410", "Gone", None)]


# -- JSON and TOML --------------------------------------------------------------------------
def test_json_list_of_objects() -> None:
    result = parse_file(FIXTURES / "codes_objects.json")
    assert [(r.code, r.phrase, r.extra) for r in result.rows] == [
        ("PAY.1001", "Card declined", {"http_status": "402", "retryable": "false"}),
        ("PAY.1002", "Insufficient funds", {"http_status": "402", "retryable": "false"}),
        (
            "PAY.2001",
            "Gateway timeout",
            {"http_status": "504", "retryable": "true", "hints": "wait; retry"},
        ),
    ]


def test_json_rows_with_a_header_row() -> None:
    result = parse_file(FIXTURES / "codes_rows.json")
    assert rows_of(result) == [
        ("200", "OK", "normal"),
        ("404", "Not Found", "error"),
        ("451", "Unavailable For Legal Reasons", "error"),
    ]


def test_json_code_map_with_sections() -> None:
    result = parse_file(FIXTURES / "codes_map.json")
    assert [(r.code, r.phrase, r.category, r.extra) for r in result.rows] == [
        ("200", "OK", "normal", {}),
        ("204", "No Content", "normal", {}),
        ("400", "Bad Request", "error", {}),
        ("500", "Internal Server Error", "error", {"solution": "Contact support"}),
    ]


def test_json_dry_run_output_shape_reimports() -> None:
    data = [
        {
            "code": "X.0001",
            "phrase": "Boom",
            "category": "error",
            "extra": {"description": "It broke", "http_status": "500"},
        }
    ]
    result = parse_text(json.dumps(data), "json")
    assert [(r.code, r.phrase, r.category, r.extra) for r in result.rows] == [
        ("X.0001", "Boom", "error", {"description": "It broke", "http_status": "500"})
    ]


def test_toml_array_of_tables_and_code_map() -> None:
    tables = parse_file(FIXTURES / "codes_tables.toml")
    assert [(r.code, r.phrase, r.extra) for r in tables.rows] == [
        ("SMS.0001", "Template not approved", {"http_status": "400"}),
        ("SMS.0002", "Signature missing", {"http_status": "400", "solution": "Add a signature"}),
    ]
    mapping = parse_file(FIXTURES / "codes_map.toml")
    assert rows_of(mapping) == [
        ("200", "OK", None),
        ("302", "Found", None),
        ("418", "I'm a teapot", None),
    ]


# -- remap, roles, categories ---------------------------------------------------------------
def test_remap_rebuilds_rows_from_raw_cells() -> None:
    result = parse_file(FIXTURES / "gateway_errors.html")
    table = result.tables[0]
    swapped = remap(table, ["module", "error_code", None, "description", "phrase", "solution"])
    first = swapped.rows[0]
    assert first.code == "APIG.0101"
    assert first.phrase == "The URL does not match a published API."
    assert first.extra["description"] == "The API does not exist or has not been published"
    assert first.extra["http_status"] == "401"  # an unassigned column keeps its header name
    assert table.rows[0].phrase == "The API does not exist or has not been published"
    status_only = remap(table, [None, None, "status", "phrase", None, None])
    assert [r.code for r in status_only.rows] == ["401", "401", "429", "429"]
    assert status_only.warnings == [
        "table 1: code 401 appears more than once (rows 1 and 2)",
        "table 1: code 429 appears more than once (rows 4 and 5)",
    ]
    with pytest.raises(ValueError, match="two columns"):
        remap(table, ["phrase", "error_code", None, "phrase", None, None])
    with pytest.raises(ValueError, match="expected 6 roles"):
        remap(table, ["phrase"])
    with pytest.raises(ValueError, match="unknown column role"):
        remap(table, ["nonsense", "error_code", None, None, None, None])
    assert remap(table, [None] * 6).rows == []


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("HTTP状态码", "status"),
        ("Status Code", "status"),
        ("错误码", "error_code"),
        ("Error Code", "error_code"),
        ("error_code", "error_code"),
        ("Code", "code"),
        ("错误信息", "phrase"),
        ("Error Message", "phrase"),
        ("描述", "description"),
        ("Error code description", "description"),
        ("处理措施", "solution"),
        ("Handling", "solution"),
        ("解决方案", "solution"),
        ("模块", "module"),
        ("Module", "module"),
        ("类别", "category"),
        ("分类", "category"),
        ("Parameter", None),
    ],
)
def test_header_words(header: str, role: str | None) -> None:
    assert header_role(header) == role


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("正常", ("normal", True)),
        ("异常", ("error", True)),
        ("Normal", ("normal", True)),
        ("Abnormal", ("error", True)),
        ("正常状态码", ("normal", True)),
        ("错误状态码", ("error", True)),
        ("**Error codes**:", ("error", True)),
        ("Error code description", ("error", False)),
        ("状态码", (None, False)),
        ("Normal and abnormal", (None, False)),
        ("Unsuccessful", ("error", True)),
    ],
)
def test_category_words(text: str, expected: tuple[str | None, bool]) -> None:
    assert category_from_text(text) == expected


def test_roles_by_content_when_headers_say_nothing() -> None:
    rows = [["Gone", "410", "long text " * 3], ["Teapot", "418", "more text"]]
    assert detect_roles(["A", "B", "C"], rows) == ["phrase", "status", None]


def test_rows_to_entries_defaults() -> None:
    rows = [
        ImportedRow("E1", "Boom", None, {}),
        ImportedRow("E2", "Fine", "normal", {"http_status": "500"}),
        ImportedRow("E3", "Gateway", None, {"http_status": "302 Found"}),
        ImportedRow("404", "Nope", None, {"zeta": "z", "alpha": "a"}),
    ]
    entries = rows_to_entries(rows, "acme")
    assert [(e.status_class, e.category) for e in entries] == [
        ("", "error"),
        ("5xx", "normal"),
        ("3xx", "normal"),
        ("4xx", "error"),
    ]
    assert entries[3].extra == (("alpha", "a"), ("zeta", "z"))
    assert [e.id for e in entries] == ["acme:1", "acme:2", "acme:3", "acme:4"]


# -- formats, limits, failures --------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "head", "fmt"),
    [
        ("a.html", b"", "html"),
        ("a.MD", b"", "markdown"),
        ("a.rst", b"", "rst"),
        ("a.tsv", b"", "csv"),
        ("a.json", b"", "json"),
        ("a.toml", b"", "toml"),
        ("seed.txt", SEED.read_bytes()[:4096], "markdown"),
        ("x", b"<!DOCTYPE html><html><table>", "html"),
        ("x", b'[{"code": "1"}]', "json"),
        ("x", b'[codes]\n"200" = "OK"\n', "toml"),
        ("x", b"+---+---+\n| a | b |\n", "rst"),
        ("x", b"a | b\n--|--\n1 | 2\n", "markdown"),
        ("x", b"code;phrase\n404;Nope\n", "csv"),
        ("x", b"\xef\xbb\xbfcode,phrase\n", "csv"),
    ],
)
def test_detect_format(name: str, head: bytes, fmt: str) -> None:
    assert detect_format(name, head) == fmt


def test_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: never read
    with pytest.raises(
        ImportFailed,
        match=r"^big\.csv: the file is 256\.0 MiB, larger than "
        r"the import limit of 256\.0 MiB$",
    ):
        parse_file(path)
    small = tmp_path / "small.csv"
    small.write_text("code,phrase\n404,Not Found\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"import limit of 0\.0 MiB"):
        parse_file(small, max_bytes=10)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
        (bytes(range(256)) * 8, "binary data"),
        (b"code,phrase\n404,\xff\xfe\xfa\xfb\xfc\n", "neither UTF-8 nor GB18030"),
        (b"just a sentence without any table", "no table with a status-code column found"),
    ],
)
def test_bad_files_fail_with_the_file_name_and_reason(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as failure:
        parse_file(path)
    assert str(failure.value).startswith("input.txt: ")
    assert reason in str(failure.value)


def test_missing_file_directory_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"^nope\.csv: no such file$"):
        parse_file(tmp_path / "nope.csv")
    with pytest.raises(ImportFailed, match="is a directory"):
        parse_file(tmp_path)
    with pytest.raises(ImportFailed, match="unknown format 'xls'"):
        parse_text("a,b", "xls")
    with pytest.raises(ImportFailed, match=r"^t\.json: invalid JSON at line 1 column 2"):
        parse_text("{,}", "json", source_name="t.json")
    with pytest.raises(ImportFailed, match=r"^t\.toml: invalid TOML"):
        parse_text("a = ", "toml", source_name="t.toml")


def _many_rows(fmt: str, count: int) -> str:
    if fmt == "csv":
        return "code,phrase\n" + "".join(f"E{i:06d},Phrase {i}\n" for i in range(count))
    if fmt == "md":
        body = "".join(f"| E{i:06d} | Phrase {i} |\n" for i in range(count))
        return f"## Normal\n\n| Code | Phrase |\n|---|---|\n{body}\nText\n" * 2
    body = "".join(f"<tr><td>E{i:06d}</td><td>Phrase {i}</td></tr>" for i in range(count))
    return f"<h2>Normal</h2><table><tr><th>Code</th><th>Phrase</th></tr>{body}</table>" * 2


@pytest.mark.parametrize("fmt", ["csv", "md", "html"])
def test_progress_and_cancel(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"many.{fmt}"
    path.write_text(_many_rows(fmt, 20_000), encoding="utf-8")
    seen: list[float] = []
    result = parse_file(path, progress=seen.append)
    assert len(result.rows) == 20_000 if fmt == "csv" else 40_000
    assert seen[-1] == 1.0
    assert seen == sorted(set(seen))  # increasing, never repeated
    assert len(seen) > 5
    calls = 0

    def cancel_soon() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(ImportFailed, match=rf"^many\.{fmt}: import cancelled$"):
        parse_file(path, cancelled=cancel_soon)


def test_row_limit_counts_all_tables(tmp_path: Path) -> None:
    text = "code,phrase\n" + "".join(f"{400 + i % 100},P\n" for i in range(2_001))
    with pytest.raises(ImportFailed, match="more than 2,000 rows; the import limit is 2,000"):
        parse_text(text, "csv", max_rows=2_000)
    assert len(parse_text(text, "csv", max_rows=2_002).rows) > 0


# -- forms seen in real documents (tests/corpus/ measures them on the documents themselves) --
def test_bilingual_table_keeps_the_english_phrase_and_the_chinese_as_its_translation() -> None:
    from app.registry.search import QueryEngine

    text = (
        "| Code | Name | 名称 |\n|---|---|---|\n"
        "| 100 | Continue | 继续 |\n| 404 | Not Found | 未找到 |\n"
    )
    result = parse_text(text, "markdown")
    assert result.tables[0].roles == ["status", "phrase", "translation"]
    assert [(r.code, r.phrase, r.extra) for r in result.rows] == [
        ("100", "Continue", {"translation": "继续"}),
        ("404", "Not Found", {"translation": "未找到"}),
    ]
    entries = rows_to_entries(result.rows, "vendor")
    assert [e.text("phrase", "zh_CN") for e in entries] == ["继续", "未找到"]
    assert [e.code for e in QueryEngine(entries).search_entries("继续")] == ["100"]


def test_registry_rows_with_a_header_row_skip_ranges() -> None:
    text = json.dumps(
        [
            ["Value", "Description", "Reference"],
            ["100", "Continue", "[RFC9110, Section 15.2.1]"],
            ["104-199", "Unassigned", ""],
            ["306", "(Unused)", "[RFC9110, Section 15.4.7]"],
            ["427", "Unassigned", ""],
        ]
    )
    result = parse_text(text, "json")
    assert [(r.code, r.phrase) for r in result.rows] == [("100", "Continue"), ("306", "(Unused)")]
    assert result.warnings == [
        "table 1, row 2: '104-199' is a range of codes, row skipped",
        "table 1, row 4: '427' is unassigned, row skipped",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the short name is the phrase, the sentence the description
            "| Code | Name | Description |\n|---|---|---|\n"
            "| 200 | OK | The request succeeded and the body holds the result. |\n"
            "| 201 | Created | A new resource was created at the given location. |\n",
            [
                ("200", "OK", "The request succeeded and the body holds the result."),
                ("201", "Created", "A new resource was created at the given location."),
            ],
        ),
        (  # 编码 beside a status column names the code: it is the phrase
            "| 状态码 | 编码 | 状态说明 |\n|---|---|---|\n"
            "| 200 | OK | 请求成功 |\n| 202 | Accepted | 请求已接受 |\n",
            [("200", "OK", "请求成功"), ("202", "Accepted", "请求已接受")],
        ),
        (  # a class row is the category of the rows below it, not a code
            "| Code | Meaning |\n|---|---|\n| 1xx | Informational |\n| 100 | Continue |\n"
            "| 4xx | Client Error |\n| 404 | Not Found |\n",
            [("100", "Continue", None), ("404", "Not Found", None)],
        ),
    ],
)
def test_names_and_sentences_take_their_own_roles(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    result = parse_text(text, "markdown")
    assert [(r.code, r.phrase, r.extra.get("description")) for r in result.rows] == expected


def test_class_rows_set_the_category_of_the_rows_below() -> None:
    text = (
        "| Code | Meaning |\n|---|---|\n| 1xx | Informational |\n| 100 | Continue |\n"
        "| 4xx | Client Error |\n| 404 | Not Found |\n"
    )
    assert [(r.code, r.category) for r in parse_text(text, "markdown").rows] == [
        ("100", "normal"),
        ("404", "error"),
    ]


def test_symbolic_names_are_the_codes_and_the_numbers_their_http_statuses() -> None:
    text = (
        "name,codes,description\n"
        "FLOOD_WAIT_X,420,A wait of X seconds is required\n"
        "AUTH_KEY_UNREGISTERED,401,The key is not registered in the system\n"
        "CHAT_ADMIN_REQUIRED,400 403,Admin rights are needed for this\n"
        "TIMEOUT,-503,The request timed out on the server side\n"
        "PEER_ID_INVALID,400,The peer id being used is invalid or not known yet\n"
        "USER_ID_INVALID,400,The user id given is not valid\n"
    )
    rows = parse_text(text, "csv").rows
    assert [(r.code, r.extra["http_status"]) for r in rows] == [
        ("FLOOD_WAIT_X", "420"),
        ("AUTH_KEY_UNREGISTERED", "401"),
        ("CHAT_ADMIN_REQUIRED", "400, 403"),
        ("TIMEOUT", "-503"),
        ("PEER_ID_INVALID", "400"),
        ("USER_ID_INVALID", "400"),  # statuses repeat: the names are the codes
    ]


def test_the_same_codes_in_two_tables_of_one_page_are_one_entry_each() -> None:
    text = (
        "## Messages\n\n| Code | Message |\n|---|---|\n| E1001 | Token expired |\n"
        "| E1002 | Quota exceeded |\n\n"
        "## HTTP statuses\n\n| Error code | HTTP status |\n|---|---|\n| E1001 | 401 |\n"
        "| E1002 | 429 |\n"
    )
    result = parse_text(text, "markdown")
    assert [(r.code, r.phrase, r.extra.get("http_status")) for r in result.rows] == [
        ("E1001", "Token expired", "401"),
        ("E1002", "Quota exceeded", "429"),
    ]
