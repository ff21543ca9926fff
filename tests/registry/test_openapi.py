"""OpenAPI 3.x / Swagger 2.0 documents: one row per declared (status code, description)."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.importers import parse_text
from app.registry.importers.base import ImportFailed, ParseContext, RawTable
from app.registry.importers.openapi import HEADERS, openapi_tables, resolve_pointer
from app.registry.importers.rows import build_table

PETSTORE_3 = """\
openapi: 3.0.3
info:
  title: Pet Store
  version: 1.0.7
paths:
  /pet/{petId}:
    parameters:
      - {name: petId, in: path, required: true}
    get:
      tags: [pet]
      responses:
        200:
          description: successful
            operation
        "404":
          $ref: '#/components/responses/NotFound'
        default:
          description: unexpected error
    delete:
      tags: [pet, admin]
      responses:
        '204': {description: Deleted}
        404: {$ref: '#/components/responses/NotFound'}
        4XX: {description: Client error}
        default: {description: unexpected error}
  /store/order:
    post:
      responses:
        "200": {description: "successful   operation"}
        "409": {$ref: 'common.yaml#/components/responses/Conflict'}
        "410": {$ref: '#/components/responses/Missing'}
        "600": {description: Beyond HTTP}
components:
  responses:
    NotFound:
      description: Pet not found
"""

SWAGGER_2 = """\
{
  "swagger": "2.0",
  "info": {"title": "Legacy API"},
  "paths": {
    "/users": {
      "get": {
        "tags": ["users"],
        "responses": {
          "200": {"description": "OK"},
          "401": {"$ref": "#/responses/Unauthorized"}
        }
      },
      "post": {
        "responses": {
          "201": {"description": "Created"},
          "401": {"$ref": "#/responses/Unauthorized"}
        }
      }
    }
  },
  "responses": {"Unauthorized": {"description": "Missing or bad token"}}
}
"""


def tables_of(data: object) -> tuple[list[RawTable], list[str]]:
    ctx = ParseContext("api")
    tables = openapi_tables(data, ctx)
    assert tables is not None
    return tables, ctx.warnings


def test_openapi_3_yaml_rows_refs_and_skipped_keys() -> None:
    tables, warnings = tables_of(yaml.safe_load(PETSTORE_3))
    [table] = tables
    assert table.header_rows == 1
    assert table.section is None
    assert table.caption == "Pet Store 1.0.7"
    assert table.rows == [
        HEADERS,
        ["200", "successful operation", "GET /pet/{petId}, POST /store/order", "pet"],
        ["404", "Pet not found", "GET /pet/{petId}, DELETE /pet/{petId}", "pet, admin"],
        ["204", "Deleted", "DELETE /pet/{petId}", "pet, admin"],
        ["409", "common.yaml#/components/responses/Conflict", "POST /store/order", ""],
        ["410", "#/components/responses/Missing", "POST /store/order", ""],
    ]
    assert warnings == [
        "GET /pet/{petId} and 1 more: response 'default' is not a status code, not imported",
        "DELETE /pet/{petId}: response '4XX' is a range of status codes, not imported",
        "POST /store/order: response 409 refers to 'common.yaml#/components/responses/Conflict'"
        " in another file; the reference is kept as its message",
        "POST /store/order: response 410: $ref '#/components/responses/Missing' is not found "
        "in the document; the reference is kept as its message",
        "POST /store/order: response '600' is outside 100–599, not imported",
    ]


def test_rows_build_with_status_phrase_and_extra_columns() -> None:
    tables, _ = tables_of(yaml.safe_load(PETSTORE_3))
    ctx = ParseContext("api")
    parsed = build_table(tables[0], 1, ctx)
    assert parsed is not None
    assert parsed.roles == ["status", "phrase", None, None]
    first = parsed.rows[1]
    assert (first.code, first.phrase) == ("404", "Pet not found")
    assert first.extra == {
        "operations": "GET /pet/{petId}, DELETE /pet/{petId}",
        "tags": "pet, admin",
    }


def test_swagger_2_json() -> None:
    tables, warnings = tables_of(json.loads(SWAGGER_2))
    assert tables[0].caption == "Legacy API"
    assert tables[0].rows[1:] == [
        ["200", "OK", "GET /users", "users"],
        ["401", "Missing or bad token", "GET /users, POST /users", "users"],
        ["201", "Created", "POST /users", ""],
    ]
    assert warnings == []


def test_same_code_and_description_on_two_operations_is_one_row() -> None:
    spec = {
        "openapi": "3.1.0",
        "paths": {
            "/a": {"get": {"responses": {"500": {"description": "Server  error"}}}},
            "/b": {"put": {"responses": {"500": {"description": "Server error\n"}}}},
            "/c": {"get": {"responses": {"500": {"description": "Something else"}}}},
        },
    }
    tables, _ = tables_of(spec)
    assert tables[0].rows[1:] == [
        ["500", "Server error", "GET /a, PUT /b", ""],
        ["500", "Something else", "GET /c", ""],
    ]
    assert tables[0].caption is None


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "openapi: 3.0.0",
        {"paths": {}},  # no version key
        {"openapi": "2.0", "paths": {}},
        {"openapi": "3.0.0", "paths": []},
        {"openapi": "3.0.0"},  # no paths
        {"swagger": "1.2", "paths": {}},
        {"swagger": 2, "paths": {}},
        {"400": "Bad Request"},
    ],
)
def test_not_openapi_gives_none(data: object) -> None:
    assert openapi_tables(data, ParseContext("x")) is None


def test_unquoted_versions_and_odd_shapes_are_tolerated() -> None:
    spec = yaml.safe_load(
        """
        swagger: 2.0
        info: {title: T, version: 2.5}
        paths:
          /x:
            summary: not an operation
            $ref: '#/elsewhere'
            x-extension: {get: 1}
            GET:
              tags: not a list
              responses:
                200: OK as a bare string
                " 201 ": {description: Made}
                true: {description: flag}
          /y: null
          /z:
            get: null
            post: {responses: []}
        """
    )
    tables, warnings = tables_of(spec)
    assert tables[0].caption == "T 2.5"
    assert tables[0].rows[1:] == [["200", "", "GET /x", ""], ["201", "Made", "GET /x", ""]]
    assert warnings == ["GET /x: response 'True' is not a status code, not imported"]


def test_document_without_status_rows_gives_no_table() -> None:
    spec = {"openapi": "3.0.0", "paths": {"/a": {"get": {"responses": {"default": {}}}}}}
    tables, warnings = tables_of(spec)
    assert tables == []
    assert len(warnings) == 1


def test_ref_chains_and_cycles() -> None:
    spec = {
        "openapi": "3.0.0",
        "paths": {
            "/a": {
                "get": {
                    "responses": {
                        "400": {"$ref": "#/components/responses/Alias"},
                        "418": {"$ref": "#/components/responses/Loop"},
                    }
                }
            }
        },
        "components": {
            "responses": {
                "Alias": {"$ref": "#/components/responses/Real"},
                "Real": {"description": "Bad input"},
                "Loop": {"$ref": "#/components/responses/Loop"},
            }
        },
    }
    tables, warnings = tables_of(spec)
    assert tables[0].rows[1:] == [
        ["400", "Bad input", "GET /a", ""],
        ["418", "#/components/responses/Loop", "GET /a", ""],
    ]
    assert warnings == ["GET /a: response 418: $ref '#/components/responses/Loop' is circular"]


def test_json_pointer_escapes() -> None:
    doc = {"a/b": {"~x": [{"200": "ok"}]}, 200: "int key"}
    assert resolve_pointer(doc, "#/a~1b/~0x/0/200") == "ok"
    assert resolve_pointer(doc, "#/a%7E1b/~0x/0/200") == "ok"  # URI-encoded "~"
    assert resolve_pointer(doc, "#/200") == "int key"
    assert resolve_pointer(doc, "#") is doc
    assert resolve_pointer(doc, "#/a~1b/~0x/5") is None
    assert resolve_pointer(doc, "#nope") is None
    assert resolve_pointer(doc, "#/²") is None
    assert resolve_pointer({"a": []}, "#/a/" + "9" * 5000) is None


def test_many_warnings_are_collapsed_per_key() -> None:
    paths = {
        f"/r{i}": {"get": {"responses": {"200": {"description": "OK"}, "default": {}}}}
        for i in range(50)
    }
    tables, warnings = tables_of({"openapi": "3.0.0", "paths": paths})
    assert tables[0].rows[1][2].count("GET /r") == 50
    assert warnings == [
        "GET /r0 and 49 more: response 'default' is not a status code, not imported"
    ]


def test_cancel_while_walking_a_large_document() -> None:
    paths: dict[str, object] = {f"/r{i}": {"get": {"responses": {"200": {}}}} for i in range(2000)}
    ctx = ParseContext("api", cancelled=lambda: True)
    with pytest.raises(ImportFailed, match="import cancelled"):
        openapi_tables({"openapi": "3.0.0", "paths": paths}, ctx)


def test_row_limit_applies() -> None:
    paths = {f"/r{i}": {"get": {"responses": {"200": {"description": f"d{i}"}}}} for i in range(20)}
    ctx = ParseContext("api", max_rows=10)
    with pytest.raises(ImportFailed, match="more than 10 rows"):
        openapi_tables({"openapi": "3.0.0", "paths": paths}, ctx)


def test_end_to_end_yaml_import() -> None:
    result = parse_text(PETSTORE_3, "yaml", source_name="petstore.yaml")
    assert [(r.code, r.phrase) for r in result.rows] == [
        ("200", "successful operation"),
        ("404", "Pet not found"),
        ("204", "Deleted"),
        ("409", "common.yaml#/components/responses/Conflict"),
        ("410", "#/components/responses/Missing"),
    ]


KEYS = (
    st.sampled_from(
        ["get", "POST", "responses", "description", "$ref", "tags", "200", "4XX", "default", "x"]
    )
    | st.integers(-5, 700)
    | st.text(max_size=5)
)
REFS = st.sampled_from(["#", "#/paths", "#/components/responses/A", "other.yaml#/A", "#/0/~1"])
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10) | REFS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paths=st.dictionaries(st.text(max_size=6), VALUES, max_size=4), components=VALUES)
def test_arbitrary_documents_give_tables(paths: dict[str, object], components: object) -> None:
    doc = {"openapi": "3.0.0", "paths": paths, "components": {"responses": components}}
    tables, _ = tables_of(doc)
    for table in tables:
        assert table.rows[0] == HEADERS
        assert all(len(row) == 4 and all(isinstance(c, str) for c in row) for row in table.rows)
