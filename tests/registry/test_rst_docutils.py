"""reST tables through docutils (app.registry.importers.rst_docutils): every table form,
cell text, sections and captions, Sphinx directives and roles docutils does not know, and
the guarantees (no file access, no exception but ImportFailed, cancellation)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.importers.base import ImportFailed, ParseContext, RawTable
from app.registry.importers.rst_docutils import parse_rst

ROOT = Path(__file__).resolve().parents[2]


def parse(source: str, ctx: ParseContext | None = None) -> list[RawTable]:
    return parse_rst(textwrap.dedent(source), ctx or ParseContext("doc.rst"))


def all_cells(tables: list[RawTable]) -> str:
    return "\n".join(cell for table in tables for row in table.rows for cell in row)


# -- table forms ----------------------------------------------------------------------------
def test_grid_table_with_column_and_row_spans() -> None:
    (table,) = parse(
        """
        +------+------+------+
        | Code | Text | Note |
        +======+======+======+
        | 200  | spans two   |
        +------+------+------+
        | 404  | x    | y    |
        + two  +------+------+
        | rows | z    | w    |
        +------+------+------+
        """
    )
    assert table.rows == [
        ["Code", "Text", "Note"],
        ["200", "spans two", "spans two"],
        ["404 two rows", "x", "y"],
        ["404 two rows", "z", "w"],
    ]
    assert table.header_rows == 1
    assert table.continued == {(3, 0)}
    assert table.kind == "reST table"


def test_grid_table_without_header_leaves_the_header_to_the_columns_logic() -> None:
    (table,) = parse(
        """
        +-----+----+
        | 200 | OK |
        +-----+----+
        """
    )
    assert table.rows == [["200", "OK"]]
    assert table.header_rows is None


def test_simple_table_with_two_header_rows_and_a_column_span() -> None:
    (table,) = parse(
        """
        =====  =====  ======
           Inputs     Output
        ------------  ------
          A      B    A or B
        =====  =====  ======
        False  False  False
        True   False  True
        =====  =====  ======
        """
    )
    assert table.rows == [
        ["Inputs", "Inputs", "Output"],
        ["A", "B", "A or B"],
        ["False", "False", "False"],
        ["True", "False", "True"],
    ]
    assert table.header_rows == 2


def test_simple_table_without_header() -> None:
    (table,) = parse(
        """
        ===  ==========
        200  OK
        404  Not Found
        ===  ==========
        """
    )
    assert table.rows == [["200", "OK"], ["404", "Not Found"]]
    assert table.header_rows is None


def test_table_directive_title_is_the_caption() -> None:
    (table,) = parse(
        """
        .. table:: Error codes
           :widths: 10 30

           ====  ===========
           Code  Meaning
           ====  ===========
           E1    Broken pipe
           ====  ===========
        """
    )
    assert table.caption == "Error codes"
    assert table.rows == [["Code", "Meaning"], ["E1", "Broken pipe"]]
    assert table.header_rows == 1


def test_list_table_with_header_rows_and_stub_columns() -> None:
    (table,) = parse(
        """
        .. list-table:: Response codes
           :header-rows: 1
           :stub-columns: 1

           * - Code
             - Meaning
           * - 400
             - Bad *request*
           * - 401
             - Unauthorized
        """
    )
    assert table.caption == "Response codes"
    assert table.header_rows == 1
    assert table.rows == [["Code", "Meaning"], ["400", "Bad request"], ["401", "Unauthorized"]]


def test_csv_table_with_header_option_and_quoted_cells() -> None:
    (table,) = parse(
        """
        .. csv-table:: Codes
           :header: "Code", "Reason"

           404, "Not ""found"" here"
           410, "Gone, for good"
        """
    )
    assert table.caption == "Codes"
    assert table.header_rows == 1
    assert table.rows == [
        ["Code", "Reason"],
        ["404", 'Not "found" here'],
        ["410", "Gone, for good"],
    ]


def test_csv_table_header_rows_option() -> None:
    (table,) = parse(
        """
        .. csv-table::
           :header-rows: 1

           Code, Reason
           500, Internal
        """
    )
    assert table.caption is None
    assert table.header_rows == 1
    assert table.rows == [["Code", "Reason"], ["500", "Internal"]]


def test_csv_table_file_and_url_are_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "codes.csv"
    data.write_text("Code,Reason\nSECRET-42,leaked\n", encoding="utf-8")

    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the parser opened a URL")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    ctx = ParseContext("doc.rst")
    tables = parse(
        f"""
        .. csv-table:: From a file
           :file: {data}

        .. csv-table:: From the web
           :url: http://127.0.0.1:9/codes.csv
        """,
        ctx,
    )
    assert tables == []
    assert "SECRET-42" not in "".join(ctx.warnings)
    assert len(ctx.warnings) == 2
    assert all("csv-table" in warning for warning in ctx.warnings)


# -- cell text ------------------------------------------------------------------------------
def test_cell_with_a_numbered_list_and_paragraphs() -> None:
    (table,) = parse(
        """
        +------+-------------------------+
        | Code | Solution                |
        +======+=========================+
        | 503  | Try   this:             |
        |      |                         |
        |      | 1. wait a    little     |
        |      | 2. retry with ``-v``    |
        |      |                         |
        |      | - a **bullet**          |
        +------+-------------------------+
        """
    )
    assert table.rows[1] == ["503", "Try this:\nwait a little\nretry with -v\na bullet"]


def test_inline_markup_links_and_substitutions_give_their_text() -> None:
    (table,) = parse(
        """
        .. |arrow| unicode:: U+2192

        ====  ===============================================
        Code  Text
        ====  ===============================================
        E1    See `the guide <https://example.com>`_ |arrow| *now*
        ====  ===============================================
        """
    )
    assert table.rows[1] == ["E1", "See the guide → now"]


# -- Sphinx / OpenStack markup docutils does not know --------------------------------------
def test_unknown_directives_and_roles_neither_fail_nor_leak() -> None:
    ctx = ParseContext("api-ref.rst")
    tables = parse(
        """
        Show server
        ===========

        .. rest_method:: GET /v2.1/servers/{server_id}

        .. rest_parameters:: parameters.yaml

           - server_id: server_id_path

        .. toctree::
           :maxdepth: 2

           intro

        .. literalinclude:: /etc/passwd

        .. include:: /etc/passwd

        .. code-block:: rst

           ====  ====
           code  text
           ====  ====
           999   in a code block
           ====  ====

        .. note:: Codes below.

        =====  ==================================================
        Code   Meaning
        =====  ==================================================
        404    :ref:`Not found <not-found>` or :doc:`guide`
        409    :rfc:`7231` and :py:class:`~nova.api.Conflict`
        413    ``limit`` :unknownrole:`kept text` :abbr:`API (interface)`
        =====  ==================================================
        """,
        ctx,
    )
    (table,) = tables
    assert table.rows == [
        ["Code", "Meaning"],
        ["404", "Not found or guide"],
        ["409", "RFC 7231 and Conflict"],
        ["413", "limit kept text API"],
    ]
    assert table.section == "Show server"
    for leaked in ("rest_", "server_id", "toctree", "passwd", "999", ":ref:"):
        assert leaked not in all_cells(tables)
    assert ctx.warnings == []


def test_tables_inside_sphinx_wrappers_count() -> None:
    tables = parse(
        """
        .. only:: html

           ====  ====
           Code  Text
           ====  ====
           E1    one
           ====  ====

        .. tabs::

           .. tab:: Second

              ====  ====
              Code  Text
              ====  ====
              E2    two
              ====  ====
        """
    )
    assert [table.rows[1] for table in tables] == [["E1", "one"], ["E2", "two"]]


def test_stand_in_directives_are_removed_after_the_parse() -> None:
    from docutils.parsers.rst import directives

    parse(".. rest_method:: GET /x\n\n.. only:: html\n\n   text\n")
    registry = getattr(directives, "_directives", {})
    assert "rest_method" not in registry
    assert "only" not in registry


# -- sections and captions --------------------------------------------------------------------
def test_nearest_enclosing_section_title() -> None:
    tables = parse(
        """
        ====  ==
        A     B
        ====  ==

        API reference
        =============

        Errors of *login*
        -----------------

        ====  ==
        E1    x
        ====  ==

        Deeper
        ~~~~~~

        ====  ==
        E2    y
        ====  ==

        Back up
        -------

        ====  ==
        E3    z
        ====  ==
        """
    )
    assert [table.section for table in tables] == [
        None,
        "Errors of login",
        "Deeper",
        "Back up",
    ]


def test_category_from_the_section_and_from_a_label_above() -> None:
    tables = parse(
        """
        正常
        ----

        ====  ====
        200   OK
        ====  ====

        Other
        -----

        **Error**

        ====  ======
        500   Failed
        ====  ======
        """
    )
    assert [(t.section, t.section_category) for t in tables] == [
        ("正常", "normal"),
        ("Other", "error"),
    ]


def test_page_title_gives_the_page_category() -> None:
    (table,) = parse(
        """
        Error codes
        ===========

        Login
        -----

        ====  ====
        E1    x
        ====  ====
        """
    )
    assert (table.section, table.section_category, table.page_category) == ("Login", None, "error")


# -- limits, failures, cancellation -------------------------------------------------------
@pytest.mark.parametrize("source", ["", "\n\n", "Just a paragraph.\n", "Title\n=====\n"])
def test_documents_without_tables_give_nothing(source: str) -> None:
    assert parse(source) == []


def test_malformed_table_is_skipped_with_a_warning() -> None:
    ctx = ParseContext("doc.rst")
    tables = parse(
        """
        +------+------+
        | 200  | OK     |
        +------+------+
        """,
        ctx,
    )
    assert tables == []
    assert len(ctx.warnings) == 1
    assert "Malformed table" in ctx.warnings[0]


def test_rows_and_cells_are_counted_against_the_limits() -> None:
    ctx = ParseContext("doc.rst", max_rows=2)
    with pytest.raises(ImportFailed, match="more than 2 rows"):
        parse("===  ==\n200  a\n201  b\n202  c\n===  ==\n", ctx)


def test_an_overlong_line_is_reported() -> None:
    with pytest.raises(ImportFailed, match="longer than"):
        parse("x" * 100_001)


def test_deep_nesting_fails_cleanly() -> None:
    # docutils recurses once per nesting level: a RecursionError must not escape raw.
    with pytest.raises(ImportFailed, match=r"doc\.rst: .*nested too deeply"):
        parse_rst("- " * 600 + "x\n", ParseContext("doc.rst"))


def test_cancel_stops_the_parse_and_cleans_up() -> None:
    from docutils.parsers.rst import directives

    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    rows = "".join(f"* - E{i}\n  - text {i}\n" for i in range(3000))
    source = ".. rest_method:: GET /x\n\n.. list-table::\n\n" + textwrap.indent(rows, "   ")
    with pytest.raises(ImportFailed, match="cancelled"):
        parse_rst(source, ParseContext("doc.rst", cancelled=cancelled))
    assert "rest_method" not in getattr(directives, "_directives", {})


def test_docutils_is_imported_only_when_a_document_is_parsed() -> None:
    code = (
        "import sys\n"
        "import app.registry.importers.rst_docutils as m\n"
        "assert 'docutils' not in sys.modules, 'imported eagerly'\n"
        "from app.registry.importers.base import ParseContext\n"
        "m.parse_rst('', ParseContext('x'))\n"
        "assert 'docutils' in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.sampled_from(
            [
                "+--+--+",
                "|a |b |",
                "+==+==+",
                "===  ==",
                "-----",
                ".. list-table::",
                "   :header-rows: 1",
                "   * - a",
                "     - b",
                ".. csv-table::",
                '   "a", b',
                ".. only:: x",
                "Title",
                "=====",
                ":ref:`x <y>`",
                "",
                "   ",
            ]
        )
        | st.text(max_size=20),
        max_size=30,
    )
)
def test_any_text_gives_tables_or_import_failed(lines: list[str]) -> None:
    try:
        tables = parse_rst("\n".join(lines), ParseContext("fuzz.rst"))
    except ImportFailed as exc:
        assert str(exc).startswith("fuzz.rst: ")
        return
    assert all(isinstance(table, RawTable) for table in tables)
