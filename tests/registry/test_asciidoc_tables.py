"""AsciiDoc tables (app.registry.importers.asciidoc_tables): delimiters and formats, headers,
columns, cell specs, cell text, captions and sections, skipped blocks, and the guarantee that
nothing but ImportFailed escapes."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.importers.asciidoc_tables import clean_inline, parse_asciidoc
from app.registry.importers.base import ImportFailed, ParseContext, RawTable


def parse(source: str, ctx: ParseContext | None = None) -> list[RawTable]:
    return parse_asciidoc(textwrap.dedent(source), ctx or ParseContext("guide.adoc"))


def only(source: str) -> RawTable:
    (table,) = parse(source)
    return table


# -- headers --------------------------------------------------------------------------------
def test_header_from_options_attribute() -> None:
    table = only(
        """
        [cols="1,3", options="header"]
        |===
        |Code |Meaning
        |E1 |Broken pipe
        |E2 |Timeout
        |===
        """
    )
    assert table.rows == [["Code", "Meaning"], ["E1", "Broken pipe"], ["E2", "Timeout"]]
    assert table.header_rows == 1


def test_header_from_percent_shorthand() -> None:
    table = only(
        """
        [%header,cols=2*]
        |===
        |Code
        |Meaning
        |E1
        |Broken
        |===
        """
    )
    assert table.rows == [["Code", "Meaning"], ["E1", "Broken"]]
    assert table.header_rows == 1


def test_implicit_header_spring_rest_docs_snippet() -> None:
    table = only(
        """
        |===
        |Path|Type|Description

        |`id`
        |`Number`
        |The id of the note

        |`title`
        |`String`
        |The title of
        the note
        |===
        """
    )
    assert table.header_rows == 1
    assert table.rows == [
        ["Path", "Type", "Description"],
        ["id", "Number", "The id of the note"],
        ["title", "String", "The title of\nthe note"],
    ]


def test_no_implicit_header_when_the_first_cell_continues_after_the_blank_line() -> None:
    table = only(
        """
        |===
        |200 |OK

        still the OK cell
        |404 |Not Found
        |===
        """
    )
    assert table.rows == [["200", "OK\nstill the OK cell"], ["404", "Not Found"]]
    assert table.header_rows is None


def test_noheader_option_wins_over_the_implicit_rule() -> None:
    table = only(
        """
        [%noheader]
        |===
        |200 |OK

        |404 |Not Found
        |===
        """
    )
    assert table.header_rows == 0
    assert table.rows == [["200", "OK"], ["404", "Not Found"]]


def test_no_header_said_leaves_the_guess_to_the_columns_logic() -> None:
    table = only(
        """
        |===
        |200 |OK
        |404 |Not Found
        |===
        """
    )
    assert table.header_rows is None
    assert table.rows == [["200", "OK"], ["404", "Not Found"]]


# -- columns and cell specs ---------------------------------------------------------------
@pytest.mark.parametrize("cols", ["3", "3*", "1,1,1", "2*,1", "1,2*", "<1,^2,>3a"])
def test_column_count_from_cols(cols: str) -> None:
    table = only(
        f"""
        [cols="{cols}"]
        |===
        |a |b |c |d |e |f
        |===
        """
    )
    assert table.rows == [["a", "b", "c"], ["d", "e", "f"]]


def test_column_and_row_spans_and_duplicated_cells() -> None:
    table = only(
        """
        [cols="3*"]
        |===
        |Code |Text |Note
        |E1 2+|across two
        .2+|E2 |x |y
        |z |w
        2.2+|block |k
        |l
        3*|same
        |===
        """
    )
    assert table.rows == [
        ["Code", "Text", "Note"],
        ["E1", "across two", "across two"],
        ["E2", "x", "y"],
        ["E2", "z", "w"],
        ["block", "block", "k"],
        ["block", "block", "l"],
        ["same", "same", "same"],
    ]
    assert table.continued == {(3, 0), (5, 0), (5, 1)}


def test_alignment_and_style_specs_are_not_cell_text() -> None:
    table = only(
        """
        |===
        ^|Code >.^|Text
        h|E1 m|`mono`
        e|E2 s|*strong*
        |===
        """
    )
    assert table.rows == [["Code", "Text"], ["E1", "mono"], ["E2", "strong"]]


def test_escaped_separator_is_text() -> None:
    table = only(
        r"""
        |===
        |E1 |a \| b
        |===
        """
    )
    assert table.rows == [["E1", "a | b"]]


def test_asciidoc_cell_with_list_and_nested_table() -> None:
    table = only(
        """
        [cols="1,2a"]
        |===
        |E1
        |
        * first *item*
        * second

        !===
        !Field !Meaning
        !id !the id
        !===
        |===
        """
    )
    assert table.rows == [["E1", "first item\nsecond\nField | Meaning\nid | the id"]]


def test_literal_cell_keeps_its_markup() -> None:
    table = only(
        """
        |===
        |E1 l|*not bold*  {x}
        |===
        """
    )
    assert table.rows == [["E1", "*not bold*  {x}"]]


# -- other formats --------------------------------------------------------------------------
def test_csv_table_with_quotes_and_a_header() -> None:
    table = only(
        """
        [%header]
        ,===
        Code,Reason
        404, "Not, found"
        500,"Said ""no""
        twice"
        ,===
        """
    )
    assert table.header_rows == 1
    assert table.rows == [
        ["Code", "Reason"],
        ["404", "Not, found"],
        ["500", 'Said "no"\ntwice'],
    ]


def test_format_and_separator_attributes() -> None:
    tables = parse(
        """
        [format=csv, separator=;]
        |===
        E1;one
        E2;two
        |===

        [separator=¦]
        |===
        ¦E3 ¦three
        |===

        :===
        E4:four
        :===
        """
    )
    assert [table.rows for table in tables] == [
        [["E1", "one"], ["E2", "two"]],
        [["E3", "three"]],
        [["E4", "four"]],
    ]


# -- cell text ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("*bold* and **un**constrained", "bold and unconstrained"),
        ("_em_ and __un__der", "em and under"),
        ("`mono` and ``un``mono", "mono and unmono"),
        (
            "`+{literal}*+` and +pass*+ and +++<b>+++ and pass:[x_y_]",
            "{literal}* and pass* and <b> and x_y_",
        ),
        ("link:https://example.com[the docs] or https://example.com[site^]", "the docs or site"),
        ("<<errors,Error list>> and <<errors>> and xref:a.adoc[A]", "Error list and errors and A"),
        ("{snippets} stays, [.role]#marked#", "{snippets} stays, marked"),
        (r"\*not bold\* and a\_b", "*not bold* and a_b"),
        ("kbd:[Ctrl+C] footnote:[gone]then", "Ctrl+C then"),
        ("snake_case_name and 2*3*4 and C#", "snake_case_name and 2*3*4 and C#"),
        ("line with hard break +", "line with hard break"),
        (
            "The &#x60;format&#x60; &amp; &lt;b&gt; &#96;x&#96; &nope &copy;",
            "The `format` & <b> `x` &nope ©",
        ),
        ("spaces   inside   a line", "spaces inside a line"),
    ],
)
def test_inline_markup_is_dropped(source: str, text: str) -> None:
    assert clean_inline(source) == text


def test_deeply_nested_marks_stay_bounded() -> None:
    text = "*_" * 400 + "x" + "_*" * 400
    assert "x" in clean_inline(text)


# -- captions, sections, skipped blocks ----------------------------------------------------
def test_title_is_the_caption_and_heading_the_section() -> None:
    tables = parse(
        """
        = Billing API
        :toc: left

        == Errors

        === Payment errors

        .Codes of the payment endpoint
        [[payment-codes]]
        [options="header"]
        include::{snippets}/payment/codes.adoc[]
        |===
        |Code |Meaning
        |P1 |Card declined
        |===

        == Other
        |===
        |X1 |other
        |===
        """
    )
    assert [(t.section, t.caption) for t in tables] == [
        ("Payment errors", "Codes of the payment endpoint"),
        ("Other", None),
    ]


def test_document_title_only_gives_the_page_category() -> None:
    table = only(
        """
        = Error codes

        |===
        |E1 |x
        |===
        """
    )
    assert table.section is None
    assert table.page_category == "error"


def test_category_from_a_label_above_the_table() -> None:
    table = only(
        """
        == Codes

        *Abnormal*

        |===
        |500 |Failed
        |===
        """
    )
    assert table.section == "Codes"
    assert table.section_category == "error"


def test_tables_in_listing_literal_comment_and_passthrough_blocks_are_ignored() -> None:
    tables = parse(
        """
        [source,asciidoc]
        ----
        |===
        |L1 |in a listing
        |===
        ----

        ....
        |===
        |L2 |in a literal block
        |===
        ....

        ////
        |===
        |L3 |in a comment
        |===
        ////

        ++++
        |===
        |L4 |passthrough
        |===
        ++++

        // |===

        |===
        |R1 |real
        |===
        """
    )
    assert [table.rows for table in tables] == [[["R1", "real"]]]


def test_unterminated_table_runs_to_the_end() -> None:
    ctx = ParseContext("guide.adoc")
    tables = parse(
        """
        == Codes

        |===
        |E1 |one
        |E2 |two
        |E3
        """,
        ctx,
    )
    assert [table.rows for table in tables] == [[["E1", "one"], ["E2", "two"], ["E3", ""]]]
    assert any("incomplete row" in warning for warning in ctx.warnings)


@pytest.mark.parametrize("source", ["", "\n", "== Just a heading\n\nText.\n", "|===\n|===\n"])
def test_documents_without_tables_give_nothing(source: str) -> None:
    assert parse(source) == []


# -- limits and failures -----------------------------------------------------------------------
def test_rows_are_counted_against_the_limit() -> None:
    ctx = ParseContext("guide.adoc", max_rows=2)
    with pytest.raises(ImportFailed, match="more than 2 rows"):
        parse("|===\n|a\n|b\n|c\n|===\n", ctx)


def test_hostile_spans_and_columns_are_clamped() -> None:
    ctx = ParseContext("guide.adoc")
    huge = "9" * 5000  # longer than int() accepts
    spans, wide = parse(
        f"""
        [cols=2]
        |===
        5000*|x
        |y {huge}+|z
        |===

        [cols={huge}]
        |===
        |a
        |===
        """,
        ctx,
    )
    assert len(spans.rows) == 501  # 1,000 copies at most (MAX_SPAN), two per row
    assert spans.rows[-1] == ["y", "z"]
    assert len(wide.rows[0]) == 1000
    assert any("more than 1000 columns" in warning for warning in ctx.warnings)


def test_cancel_stops_a_large_table() -> None:
    rows = "".join(f"|E{i} |text\n" for i in range(20_000))
    ctx = ParseContext("guide.adoc", cancelled=lambda: True)
    with pytest.raises(ImportFailed, match="cancelled"):
        parse(f"|===\n{rows}|===\n", ctx)


_PIECES = [
    "|===",
    ",===",
    ":===",
    "!===",
    "----",
    "....",
    "////",
    "[%header]",
    '[cols="2*,1a"]',
    "[format=csv]",
    ".Title",
    "== Section",
    "|a |b",
    "2+|x",
    ".2+|y",
    "3*|z",
    "a|* item",
    '"quoted, value"',
    "*bold* _em_ `mono` <<x,y>> link:u[t]",
    "\\|",
    "",
]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=30), max_size=40))
def test_any_text_gives_tables_or_import_failed(lines: list[str]) -> None:
    try:
        tables = parse_asciidoc("\n".join(lines), ParseContext("fuzz.adoc", max_rows=500))
    except ImportFailed as exc:
        assert str(exc).startswith("fuzz.adoc: ")
        return
    assert isinstance(tables, list)
    for table in tables:
        assert isinstance(table, RawTable)
        assert all(isinstance(cell, str) for row in table.rows for cell in row)
        assert len({len(row) for row in table.rows}) <= 1
