"""Hostile input for every importer: the only exception allowed is ImportFailed, whose message
names the source and never reports an internal parser error.

The normal run keeps each property at <= 200 examples. A longer run, outside the normal test
run, is documented in the README ("Reliability"):

    STATUSCOPE_FUZZ_EXAMPLES=20000 python -m pytest -q -p no:cacheprovider \\
        tests/registry/test_import_fuzz.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.importers import (
    FORMATS,
    MAX_IMPORT_ROWS,
    ImportFailed,
    ImportResult,
    parse_file,
    parse_text,
    rows_to_entries,
)

EXAMPLES = int(os.environ.get("STATUSCOPE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SUFFIXES = (
    ".html",
    ".md",
    ".rst",
    ".adoc",
    ".csv",
    ".json",
    ".toml",
    ".yaml",
    ".xml",
    ".xlsx",
    ".txt",
    "",
)
CORPUS = sorted(
    p
    for p in (Path(__file__).parents[1] / "corpus" / "documents").iterdir()
    if not p.name.endswith(".expected.json")
)


def check_outcome(run: object, source: str) -> ImportResult | None:
    """Run the import; it either succeeds with sane rows or fails with a clear message."""
    assert callable(run)
    try:
        result = run()
    except ImportFailed as exc:
        message = str(exc)
        assert message.startswith(f"{source}: "), message
        assert "internal parser error" not in message, message
        return None
    assert isinstance(result, ImportResult)
    for row in result.rows:
        assert row.code and row.code == row.code.strip()
        assert not any(ch.isspace() for ch in row.code)
        assert row.category in (None, "normal", "error")
        assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in row.extra.items())
    for table in result.tables:
        assert len(table.roles) == len(table.headers)
    rows_to_entries(result.rows, "fuzz")
    return result


# -- strategies -----------------------------------------------------------------------------
CELL_TEXT = st.one_of(
    st.sampled_from(
        [
            "200",
            "404",
            "413 Request Entity Too Large",
            "APIG.0101",
            "正常",
            "异常",
            "Normal",
            "Error",
            "",
            " ",
            "描述",
            "Error code",
            "状态码",
            "x|y",
            "a\\|b",
            "`500`",
            "[OK](http://x)",
            "**bold**",
            "&amp;",
            "&#0;",
            "\x00",
            "\ufeff",
        ]
    ),
    st.text(max_size=30),
)
SPAN = st.sampled_from(["0", "1", "2", "3", "-5", "999999999999", "1e9", "x", "", "65536 "])
TAGS = st.sampled_from(
    [
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "ul",
        "ol",
        "li",
        "p",
        "a",
        "br",
        "script",
        "style",
        "pre",
        "h2",
        "div",
        "template",
        "title",
    ]
)


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 5))
        tag = draw(TAGS)
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            attr = draw(st.sampled_from(["rowspan", "colspan", "name", "class"]))
            quote = draw(st.sampled_from(['"', "'", "", '"unterminated']))
            parts.append(f"<{tag} {attr}={quote}{draw(SPAN)}{quote}>")
        elif kind == 3:
            parts.append(draw(CELL_TEXT))
        elif kind == 4:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "<!--",
                            "-->",
                            "<!DOCTYPE html>",
                            "<![CDATA[",
                            "<?xml?>",
                            "<",
                            ">",
                            "&",
                            "\r\n",
                            "\r",
                            "\n",
                            "- 正常\n",
                            "## Abnormal\n",
                            "```\n",
                        ]
                    )
                )
            )
        else:
            parts.append(draw(st.text(max_size=20)))
    return "".join(parts)


@st.composite
def pipe_documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    width = draw(st.integers(1, 6))
    for _ in range(draw(st.integers(0, 15))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            cells = draw(st.lists(CELL_TEXT, min_size=0, max_size=width + 2))
            outer = draw(st.booleans())
            row = " | ".join(c.replace("\n", " ") for c in cells)
            lines.append(f"| {row} |" if outer else row)
        elif kind == 1:
            lines.append(
                "|".join(
                    draw(st.sampled_from(["---", ":--", "--:", ":-:", "", "x"]))
                    for _ in range(width)
                )
            )
        elif kind == 2:
            lines.append(
                draw(
                    st.sampled_from(
                        [
                            "",
                            "# T",
                            "## Normal",
                            "- 异常",
                            "```",
                            "~~~",
                            "====",
                            "+---+---+",
                            "| a | b |",
                            "+===+===+",
                            "=====  =====",
                            "Title",
                            "-----",
                        ]
                    )
                )
            )
        else:
            lines.append(draw(st.text(max_size=25)).replace("\n", " "))
    return "\n".join(lines)


@st.composite
def grid_documents(draw: st.DrawFn) -> str:
    widths = draw(st.lists(st.integers(1, 6), min_size=1, max_size=4))
    border = "+" + "+".join("-" * w for w in widths) + "+"
    lines = [border]
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            cells = [draw(CELL_TEXT).replace("\n", " ")[:w].ljust(w) for w in widths]
            lines.append("|" + "|".join(cells) + "|")
        elif choice == 1:
            lines.append(border.replace("-", draw(st.sampled_from(["-", "=", " "]))))
        elif choice == 2:
            line = list(border)
            for _ in range(draw(st.integers(0, 3))):
                if line:
                    line[draw(st.integers(0, len(line) - 1))] = draw(
                        st.sampled_from(["|", "+", " ", "x", "="])
                    )
            lines.append("".join(line))
        else:
            lines.append(draw(st.text(max_size=12)).replace("\n", " "))
    if draw(st.booleans()):
        lines.append(border)
    return "\n".join(lines)


@st.composite
def csv_documents(draw: st.DrawFn) -> str:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|", " "]))
    rows = draw(st.lists(st.lists(CELL_TEXT, max_size=6), max_size=12))
    quote = draw(st.sampled_from(['"', "", "'"]))
    out = []
    for row in rows:
        out.append(
            delimiter.join(
                f"{quote}{c}{quote}" if quote and draw(st.booleans()) else c for c in row
            )
        )
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(out)


def _containers(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.lists(children, max_size=5), st.dictionaries(CELL_TEXT, children, max_size=5)
    )


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), CELL_TEXT),
    _containers,
    max_leaves=30,
)


RAW_TOML_VALUES = st.sampled_from(
    ["400", "1e400", "true", "[1, 2", "{", '"x', "2024-01-01", '"""', "9" * 5000]
)


@st.composite
def toml_documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 3))
        key = draw(
            st.sampled_from(
                ["code", "message", '"400"', '"APIG.0101"', "http_status", "a.b", "'x y'", "[", "="]
            )
        )
        if kind == 0:
            lines.append(f"[[{draw(st.sampled_from(['codes', 'normal', 'error', 'x.y']))}]]")
        elif kind == 1:
            lines.append(f"[{draw(st.sampled_from(['codes', 'status', 'a', '']))}]")
        elif kind == 2:
            value = json.dumps(draw(CELL_TEXT), ensure_ascii=draw(st.booleans()))
            lines.append(f"{key} = {value}")
        else:
            lines.append(f"{key} = {draw(RAW_TOML_VALUES)}")
    return "\n".join(lines)


# -- properties -----------------------------------------------------------------------------
@FUZZ
@given(text=st.text(max_size=400), fmt=st.sampled_from([None, *FORMATS]))
def test_any_text_in_any_format(text: str, fmt: str | None) -> None:
    check_outcome(lambda: parse_text(text, fmt, source_name="fuzz.txt"), "fuzz.txt")


@FUZZ
@given(data=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_as_a_file(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    check_outcome(lambda: parse_file(path), path.name)


@FUZZ
@given(doc=html_documents(), markdown=st.booleans())
def test_malformed_html(doc: str, markdown: bool) -> None:
    fmt = "markdown" if markdown else "html"
    check_outcome(lambda: parse_text(doc, fmt, source_name="page.html"), "page.html")


@FUZZ
@given(doc=pipe_documents())
def test_malformed_markdown_and_rst(doc: str) -> None:
    for fmt in ("markdown", "rst"):
        check_outcome(lambda fmt=fmt: parse_text(doc, fmt, source_name="doc.md"), "doc.md")


@FUZZ
@given(doc=grid_documents())
def test_malformed_grid_tables(doc: str) -> None:
    check_outcome(lambda: parse_text(doc, "rst", source_name="doc.rst"), "doc.rst")


@FUZZ
@given(doc=csv_documents())
def test_malformed_csv(doc: str) -> None:
    check_outcome(lambda: parse_text(doc, "csv", source_name="t.csv"), "t.csv")


@FUZZ
@given(value=JSON_VALUES)
def test_arbitrary_json(value: object) -> None:
    doc = json.dumps(value, ensure_ascii=False)
    check_outcome(lambda: parse_text(doc, "json", source_name="t.json"), "t.json")


@FUZZ
@given(doc=toml_documents())
def test_malformed_toml(doc: str) -> None:
    check_outcome(lambda: parse_text(doc, "toml", source_name="t.toml"), "t.toml")


@FUZZ
@given(data=st.binary(min_size=1, max_size=300), position=st.integers(0, 2000))
def test_invalid_bytes_inside_a_real_page(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, position: int
) -> None:
    seed = (Path(__file__).parent / "fixtures" / "seed_status_codes.txt").read_bytes()
    cut = position % len(seed)
    path = tmp_path_factory.mktemp("fuzz") / "seed.txt"
    path.write_bytes(seed[:cut] + data + seed[cut:])
    check_outcome(lambda: parse_file(path), "seed.txt")


@FUZZ
@given(
    document=st.sampled_from(CORPUS),
    insert=st.text(max_size=80),
    position=st.integers(0, 10**6),
    cut=st.integers(0, 10**6),
)
def test_real_documents_cut_and_spliced(
    tmp_path_factory: pytest.TempPathFactory, document: Path, insert: str, position: int, cut: int
) -> None:
    """Every format of the corpus (reST, AsciiDoc, YAML/OpenAPI, XML …), damaged anywhere."""
    text = document.read_text(encoding="utf-8", errors="replace")
    at = position % (len(text) + 1)
    text = text[:at] + insert + text[at:]
    text = text[: len(text) - cut % (len(text) + 1) // 2]
    path = tmp_path_factory.mktemp("fuzz") / document.name
    path.write_text(text, encoding="utf-8")
    check_outcome(lambda: parse_file(path), document.name)


def _workbook_bytes() -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Error codes of the example API"])
    sheet.append(["Code", "Message", "HTTP status"])
    for number in range(20):
        sheet.append([f"E{number:03d}", f"Problem {number}", 400 + number])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORKBOOK = _workbook_bytes()


@FUZZ
@given(data=st.binary(min_size=1, max_size=64), position=st.integers(0, 10**6))
def test_damaged_spreadsheets(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, position: int
) -> None:
    at = position % len(WORKBOOK)
    path = tmp_path_factory.mktemp("fuzz") / "codes.xlsx"
    path.write_bytes(WORKBOOK[:at] + data + WORKBOOK[at + len(data) :])
    check_outcome(lambda: parse_file(path), "codes.xlsx")


# -- targeted extremes ----------------------------------------------------------------------
def _expect_bounded(text: str, fmt: str) -> ImportResult | None:
    return check_outcome(lambda: parse_text(text, fmt, source_name="x"), "x")


def test_huge_rowspan_and_colspan_stay_bounded() -> None:
    row = '<tr><td rowspan="2147483647">400</td><td colspan="99999999">Bad</td></tr>'
    result = _expect_bounded(
        f"<table><tr><th>Code</th><th>Phrase</th></tr>{row * 200}</table>", "html"
    )
    assert result is not None
    assert all(len(r) <= 1000 for t in result.tables for r in t.raw_rows)
    assert len(result.tables[0].raw_rows) == 200


def test_hundred_thousand_columns() -> None:
    header = "<tr>" + "<th>c</th>" * 100_000 + "</tr>"
    body = "<tr><td>404</td><td>Not Found</td>" + "<td>x</td>" * 100_000 + "</tr>"
    result = _expect_bounded(f"<table>{header}{body}{body}</table>", "html")
    if result is not None:
        assert all(len(h) <= 1000 for h in (t.headers for t in result.tables))
    csv_text = (
        ",".join(["code", "phrase", *["x"] * 100_000])
        + "\n"
        + ",".join(["404", "Not Found", *["y"] * 100_000])
        + "\n"
    )
    csv_result = _expect_bounded(csv_text, "csv")
    assert csv_result is not None
    assert len(csv_result.tables[0].headers) == 1000


def test_deep_nesting() -> None:
    _expect_bounded("[" * 100_000 + "]" * 100_000, "json")
    _expect_bounded("<table><tr><td>" * 5_000 + "404" + "</td></tr></table>" * 5_000, "html")
    _expect_bounded("a = " + "[" * 10_000 + "]" * 10_000, "toml")
    _expect_bounded("<ul><li>" * 20_000 + "x", "html")


def test_giant_cells_and_nul_bytes() -> None:
    giant = "A" * 2_000_000
    result = _expect_bounded(f"code,phrase\n404,{giant}\n", "csv")
    assert result is None or result.rows[0].phrase == giant
    html_result = _expect_bounded(
        f"<table><tr><th>Code</th><th>Phrase</th></tr>"
        f"<tr><td>404</td><td>{giant}</td></tr></table>",
        "html",
    )
    assert html_result is not None and html_result.rows[0].phrase == giant
    with pytest.raises(ImportFailed, match="binary"):
        parse_text("code,phrase\n" + "\x00" * 1000, "csv", source_name="x")


def test_unterminated_constructs_are_linear() -> None:
    _expect_bounded('<a title="' + "x" * 500_000, "html")
    _expect_bounded("<!--" + "<table><tr><td>404</td></tr></table>" * 10_000, "html")
    _expect_bounded("<a " * 200_000, "html")
    _expect_bounded("<" * 300_000, "markdown")
    _expect_bounded("`" * 100_000, "markdown")
    _expect_bounded("|" * 100_000 + "\n" + "|-" * 50_000, "markdown")


def test_row_limit_is_enforced_early() -> None:
    text = "code,phrase\n" + "".join(f"E{i:05d}x,Phrase\n" for i in range(5_000))
    with pytest.raises(ImportFailed, match="more than 1,000 rows"):
        parse_text(text, "csv", source_name="big.csv", max_rows=1_000)
    assert MAX_IMPORT_ROWS >= 2_000_000
