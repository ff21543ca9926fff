"""Excel workbooks: tables under title rows, every sheet, cell text, damaged and hostile files."""

from __future__ import annotations

import datetime
import io
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.registry.importers import parse_file, xlsx_tables
from app.registry.importers.base import MAX_COLUMNS, ImportFailed, ParseContext, RawTable
from app.registry.importers.rows import build_table
from app.registry.importers.xlsx_tables import cell_text, parse_xlsx


def saved(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def gateway_workbook() -> bytes:
    """A title row, a blank row, a header, int and float codes; a second sheet; an empty one."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Gateway"
    sheet.append(["API Gateway error codes"])
    sheet.append(["Release 2.1"])
    sheet.append([])
    sheet.append(["Error code", "HTTP status", "Message", "Since"])
    sheet.append(["APIG.0101", 404, "API not found", datetime.datetime(2024, 3, 1)])
    sheet.append(["APIG.0201", 400.0, "Bad request", datetime.datetime(2024, 3, 1, 9, 30)])
    sheet.append([])
    sheet.append(["Server errors"])
    sheet.append(["APIG.0301", 500.0, "Internal error", None])
    second = workbook.create_sheet("HTTP")
    second.append(["Status code", "Reason phrase", "Share"])
    second.append([200, "OK", 0.1 + 0.2])
    second.append([404.0, "Not Found", 2.5])
    workbook.create_sheet("Empty")
    return saved(workbook)


def parse(data: bytes) -> tuple[list[RawTable], ParseContext]:
    ctx = ParseContext("book.xlsx")
    return parse_xlsx(data, ctx), ctx


def rewrite(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one archive member changed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            body = source.read(name)
            target.writestr(name, change(body) if name == member else body)
    return out.getvalue()


# -- tables ---------------------------------------------------------------------------------
def test_tables_of_every_sheet_below_their_title_rows() -> None:
    tables, ctx = parse(gateway_workbook())
    assert [(t.section, t.caption, t.header_rows) for t in tables] == [
        ("Gateway", "API Gateway error codes — Release 2.1", 1),
        ("HTTP", None, 1),
    ]
    assert tables[0].rows == [
        ["Error code", "HTTP status", "Message", "Since"],
        ["APIG.0101", "404", "API not found", "2024-03-01"],
        ["APIG.0201", "400", "Bad request", "2024-03-01T09:30:00"],
        ["Server errors"],  # after a blank row: a group row of the same table
        ["APIG.0301", "500", "Internal error"],
    ]
    assert tables[1].rows == [
        ["Status code", "Reason phrase", "Share"],
        ["200", "OK", "0.3"],
        ["404", "Not Found", "2.5"],
    ]
    assert ctx.warnings == []


def test_rows_of_the_gateway_sheet() -> None:
    tables, ctx = parse(gateway_workbook())
    parsed = build_table(tables[0], 1, ctx)
    assert parsed is not None
    assert parsed.roles[:3] == ["error_code", "status", "phrase"]
    rows = {row.code: row for row in parsed.rows}
    assert list(rows) == ["APIG.0101", "APIG.0201", "APIG.0301"]
    assert rows["APIG.0201"].extra["http_status"] == "400"
    assert rows["APIG.0301"].category == "error"


def test_second_table_after_a_blank_row_and_a_headerless_sheet() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Code", "Message"])
    sheet.append([400, "Bad"])
    sheet.append([])
    sheet.append(["Vendor codes"])
    sheet.append(["Error code", "Description"])
    sheet.append(["E1001", "Disk full"])
    bare = workbook.create_sheet("Bare")
    bare.append([None, None])
    bare.append([401, "Unauthorized"])
    bare.append([403, "Forbidden"])
    tables, _ = parse(saved(workbook))
    assert [(t.caption, t.header_rows, t.rows) for t in tables] == [
        (None, 1, [["Code", "Message"], ["400", "Bad"]]),
        ("Vendor codes", 1, [["Error code", "Description"], ["E1001", "Disk full"]]),
        (None, None, [["401", "Unauthorized"], ["403", "Forbidden"]]),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (400, "400"),
        (400.0, "400"),
        (-3.0, "-3"),
        (0.1 + 0.2, "0.3"),
        (1e20, "1e+20"),
        (True, "TRUE"),
        ("  kept as is ", "  kept as is "),
        (datetime.datetime(2024, 1, 2), "2024-01-02"),
        (datetime.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05"),
        (datetime.date(2024, 1, 2), "2024-01-02"),
        (datetime.time(8, 30), "08:30:00"),
        (datetime.timedelta(hours=1), "1:00:00"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_columns_past_the_limit_are_dropped() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Code", "Message", *[f"c{i}" for i in range(MAX_COLUMNS + 5)]])
    sheet.append([400, "Bad"])
    tables, ctx = parse(saved(workbook))
    assert len(tables[0].rows[0]) == MAX_COLUMNS
    assert ctx.warnings == ["sheet 'Sheet': columns after column 1,000 were dropped"]


def test_end_to_end_through_parse_file(tmp_path: Path) -> None:
    path = tmp_path / "codes.xlsx"
    path.write_bytes(gateway_workbook())
    result = parse_file(path)
    assert result.format == "xlsx"
    assert [row.code for row in result.rows] == [
        "APIG.0101",
        "APIG.0201",
        "APIG.0301",
        "200",
        "404",
    ]


# -- damaged and hostile files ------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a zip archive"),
        (b"not a workbook at all", "not a zip archive"),
        (b"PK\x03\x04" + b"\x00" * 200, "not a zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "encrypted, or an old .xls"),
    ],
)
def test_unreadable_bytes(data: bytes, reason: str) -> None:
    with pytest.raises(
        ImportFailed, match=rf"^book\.xlsx: not a readable \.xlsx workbook \(.*{reason}"
    ):
        parse(data)


def test_a_zip_that_is_not_a_workbook() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportFailed, match=r"not a readable \.xlsx workbook"):
        parse(out.getvalue())


def test_corrupt_sheet_xml() -> None:
    data = rewrite(gateway_workbook(), "xl/worksheets/sheet1.xml", lambda body: body[:-40])
    with pytest.raises(ImportFailed, match=r"not a readable \.xlsx workbook \(sheet 'Gateway'"):
        parse(data)


def test_corrupt_compressed_bytes() -> None:
    data = bytearray(gateway_workbook())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\xff" * 64
    with pytest.raises(ImportFailed, match=r"not a readable \.xlsx workbook"):
        parse(bytes(data))


def test_entity_bomb_in_sheet_xml_is_refused() -> None:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )

    def bomb(body: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>", b"", body)
        prolog = f'<?xml version="1.0"?><!DOCTYPE x [{entities}]>'.encode()
        return prolog + body.replace(b"<t>OK</t>", b"<t>&a9;</t>")

    data = rewrite(gateway_workbook(), "xl/worksheets/sheet2.xml", bomb)
    start = time.perf_counter()
    with pytest.raises(ImportFailed, match=r"not a readable \.xlsx workbook.*amplification"):
        parse(data)
    assert time.perf_counter() - start < 2.0


def test_zip_bomb_is_refused_before_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_tables, "MAX_UNPACKED_BYTES", 1024 * 1024)
    out = io.BytesIO(gateway_workbook())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\x00" * (2 * 1024 * 1024))
    assert len(out.getvalue()) < 64 * 1024
    with pytest.raises(ImportFailed, match=r"unpacks to 2 MiB, more than the limit of 1 MiB"):
        parse(out.getvalue())


def test_huge_declared_dimension_is_ignored() -> None:
    data = rewrite(
        gateway_workbook(),
        "xl/worksheets/sheet2.xml",
        lambda body: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', body),
    )
    start = time.perf_counter()
    tables, _ = parse(data)
    assert time.perf_counter() - start < 1.0
    assert tables[1].rows[1] == ["200", "OK", "0.3"]


def test_row_limit_applies() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Code", "Message"])
    for code in range(100, 130):
        sheet.append([code, "text"])
    with pytest.raises(ImportFailed, match="more than 20 rows"):
        parse_xlsx(saved(workbook), ParseContext("book.xlsx", max_rows=20))
