"""YAML: OpenAPI routing, os-api-ref http-status.yaml, plain data, and hostile streams."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.importers import parse_text, yaml_tables
from app.registry.importers.base import ImportFailed, ParseContext, RawTable
from app.registry.importers.rows import build_table
from app.registry.importers.yaml_tables import parse_yaml

HTTP_STATUS_YAML = """\
200:
  default: |
    Request was successful.
202:
  default: |
    Request was accepted for processing, but the processing has not been
    completed. A 'location' header is included in the response which contains
    a link to check the progress of the request.
300:
  default: |
    There are multiple choices for resources. The request has to be more
    specific to successfully retrieve one of these resources.
  multi_version: |
    There is more than one API version for choice.
404:
  default: |
    The requested resource could not be found.
"""


def billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def parse(text: str) -> tuple[list[RawTable], ParseContext]:
    ctx = ParseContext("t.yaml")
    return parse_yaml(text, ctx), ctx


@pytest.fixture
def pure_python_loader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with PyYAML's Python loader, as on a build without libyaml."""
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    yaml_tables._loader_class.cache_clear()
    yield
    yaml_tables._loader_class.cache_clear()


# -- shapes -----------------------------------------------------------------------------
def test_openapi_document_is_routed_to_openapi_tables() -> None:
    tables, _ = parse(
        "openapi: '3.0.0'\ninfo: {title: Mini}\n"
        "paths:\n  /a:\n    get:\n      responses:\n        200: {description: fine}\n"
    )
    assert [t.rows for t in tables] == [
        [["HTTP status code", "Message", "Operations", "Tags"], ["200", "fine", "GET /a", ""]]
    ]
    assert tables[0].caption == "Mini"


def test_openstack_http_status_yaml() -> None:
    tables, ctx = parse(HTTP_STATUS_YAML)
    [table] = tables
    assert table.rows[0] == ["Status code", "Description", "multi_version (description)"]
    assert table.rows[2] == [
        "202",
        "Request was accepted for processing, but the processing has not been completed. A "
        "'location' header is included in the response which contains a link to check the "
        "progress of the request.",
        "",
    ]
    parsed = build_table(table, 1, ctx)
    assert parsed is not None
    assert [row.code for row in parsed.rows] == ["200", "202", "300", "404"]
    by_code = {row.code: row for row in parsed.rows}
    texts = {**by_code["300"].extra, "phrase": by_code["300"].phrase}
    assert "There are multiple choices for resources." in " ".join(texts.values())
    assert by_code["300"].extra["multi_version_description"] == (
        "There is more than one API version for choice."
    )
    assert "multi_version_description" not in by_code["200"].extra


def test_list_of_objects_goes_to_the_json_walker() -> None:
    tables, ctx = parse(
        "errors:\n  - code: 400\n    message: Bad\n  - code: 404\n    message: Gone\n"
    )
    parsed = build_table(tables[0], 1, ctx)
    assert parsed is not None
    assert [(r.code, r.phrase) for r in parsed.rows] == [("400", "Bad"), ("404", "Gone")]


def test_every_document_of_a_stream_is_read() -> None:
    tables, _ = parse(
        "- {code: 400, message: Bad}\n---\n200:\n  default: fine\n---\nplain scalar\n---\n"
    )
    assert [t.kind for t in tables] == ["JSON objects", "status text map"]


def test_empty_and_scalar_documents_give_nothing() -> None:
    assert parse("")[0] == []
    assert parse("# only a comment\n")[0] == []
    assert parse("just text")[0] == []


def test_unsafe_and_unknown_tags_load_as_plain_data() -> None:
    tables, _ = parse(
        "codes: !Codes\n  400: !Msg Bad request\n  500: !!python/object/apply:os.system exit 3\n"
    )
    assert tables[0].rows[1:] == [["400", "Bad request"], ["500", "exit 3"]]
    tables, _ = parse("- !!python/tuple [400, Bad]\n- !Row [404, Gone]\n")
    assert tables[0].rows == [["400", "Bad"], ["404", "Gone"]]


def test_date_keys_inside_a_cell_do_not_break_the_walker() -> None:
    # The walker writes a list of mappings as JSON; json.dumps refuses date keys.
    tables, ctx = parse("codes:\n  400:\n    message: Bad\n    since: [{2024-01-01: added}]\n")
    assert tables[0].rows[1] == ["400", "Bad", '{"2024-01-01": "added"}']
    assert build_table(tables[0], 1, ctx) is not None


def test_end_to_end_through_the_package() -> None:
    result = parse_text(HTTP_STATUS_YAML, "yaml", source_name="http-status.yaml")
    assert [r.code for r in result.rows] == ["200", "202", "300", "404"]


# -- errors and hostile input -----------------------------------------------------------
def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(ImportFailed, match=r"^t\.yaml: invalid YAML at line 3: "):
        parse("a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(ImportFailed, match=r"invalid YAML at line 3: "):
        parse("a:\n  - x\n - y\n")


def test_undefined_alias_names_the_line() -> None:
    with pytest.raises(ImportFailed, match=r"invalid YAML at line 2: found undefined alias"):
        parse("a: 1\nb: *nowhere\n")


def test_billion_laughs_fails_fast() -> None:
    text = billion_laughs()
    assert len(text) < 1100
    start = time.perf_counter()
    with pytest.raises(ImportFailed, match="aliases expand the document to more than"):
        parse(text)
    assert time.perf_counter() - start < 0.25


def test_billion_laughs_fails_fast_with_the_pure_python_loader(pure_python_loader: None) -> None:
    start = time.perf_counter()
    with pytest.raises(ImportFailed, match="alias bomb"):
        parse(billion_laughs())
    assert time.perf_counter() - start < 0.5


def test_modest_aliases_are_fine() -> None:
    text = "base: &b {message: Shared}\ncodes:\n" + "".join(
        f"  - {{code: {400 + i}, <<: *b}}\n" for i in range(50)
    )
    tables, _ = parse(text)
    assert len(tables[0].rows) == 51


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(ImportFailed, match="refers to itself"):
        parse("a: &a [1, *a]\n")
    with pytest.raises(ImportFailed, match="refers to itself"):
        parse("a: &m {b: *m}\n")


def test_value_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_tables, "MAX_YAML_NODES", 100)
    with pytest.raises(ImportFailed, match="more than 100 values, the YAML limit"):
        parse("".join(f"- {i}\n" for i in range(200)))


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ImportFailed, match="invalid YAML: nested more than 200 levels deep"):
        parse("[" * 300 + "]" * 300)
    with pytest.raises(ImportFailed, match="invalid YAML at line 1: exceeded maximum nesting"):
        parse("[" * 5000 + "]" * 5000)  # libyaml's own limit (1000) is met first here
    tables, _ = parse("- " * 150 + "x\n")  # deep but allowed
    assert tables[0].rows[0][0].startswith("[[[")


def test_deep_nesting_with_the_pure_python_loader(pure_python_loader: None) -> None:
    start = time.perf_counter()
    with pytest.raises(ImportFailed, match="invalid YAML: nested more than 200 levels deep"):
        parse("[" * 5000 + "]" * 5000)
    assert time.perf_counter() - start < 2.0  # the Python scanner's cost grows with depth²


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: \x00", "control characters are not allowed"),
        ("a: \ud800", "invalid YAML"),
        ("1" * 5000, "integer string conversion"),
    ],
)
def test_text_the_loader_refuses(text: str, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        parse(text)


def test_cancellation_during_the_event_pass() -> None:
    text = "".join(f"- {i}\n" for i in range(50_000))
    ctx = ParseContext("t.yaml", cancelled=lambda: True)
    with pytest.raises(ImportFailed, match="import cancelled"):
        parse_yaml(text, ctx)


YAMLISH = st.text(alphabet=st.sampled_from(list("-:?[]{},&*!|>'\"#%@` \n\t.0123456789abcx\\")))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(YAMLISH, st.text(max_size=300)))
def test_arbitrary_text_gives_tables_or_import_failed(text: str) -> None:
    try:
        tables = parse_yaml(text, ParseContext("fuzz.yaml"))
    except ImportFailed as exc:
        assert str(exc).startswith("fuzz.yaml: ")
        return
    assert isinstance(tables, list)
    assert all(isinstance(table, RawTable) for table in tables)
