"""Import throughput: rows per second of ``app.registry.importers.parse_file`` on a large HTML
table, CSV file and Markdown pipe table of synthetic vendor codes (skipped when the importers
are absent). Every timed parse is checked: each row's code, phrase, HTTP status and
description must equal what was written, or the benchmark stops with an error."""

from __future__ import annotations

import argparse
import csv
import html
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import stats
from tests.benchmarks.synthetic import vendor_rows

HEADERS = ("Error Code", "Status Code", "Error Message", "Description", "Solution", "Module")


def _records(rows: int) -> list[tuple[str, ...]]:
    return [
        (
            code,
            extra["http_status"],
            phrase,
            extra["description"],
            extra["solution"],
            extra["module"],
        )
        for code, phrase, _category, extra in vendor_rows(rows, seed=11)
    ]


def write_html(path: Path, records: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("<!doctype html><html><head><meta charset='utf-8'><title>Error codes</title>")
        out.write("</head><body><h1>Error codes</h1><table><thead><tr>")
        out.write("".join(f"<th>{html.escape(h)}</th>" for h in HEADERS))
        out.write("</tr></thead><tbody>\n")
        for record in records:
            cells = "".join(f"<td>{html.escape(value)}</td>" for value in record)
            out.write(f"<tr>{cells}</tr>\n")
        out.write("</tbody></table></body></html>\n")


def write_csv(path: Path, records: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows(records)


def write_markdown(path: Path, records: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("# Error codes\n\n| " + " | ".join(HEADERS) + " |\n")
        out.write("|" + "---|" * len(HEADERS) + "\n")
        for record in records:
            out.write("| " + " | ".join(v.replace("|", "\\|") for v in record) + " |\n")


def _check(result: Any, records: list[tuple[str, ...]], fmt: str) -> None:
    """The parse is right: every row as written (code, phrase, status, description)."""
    got = [
        (r.code, r.extra.get("http_status"), r.phrase, r.extra.get("description"))
        for r in result.rows
    ]
    want = [record[:4] for record in records]
    if got != want:
        wrong = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), None)
        raise SystemExit(f"{fmt}: {len(got)} rows parsed, first wrong row {wrong}")


def measure(rows: int, repeats: int) -> dict[str, Any]:
    if importlib.util.find_spec("app.registry.importers") is None:
        return {"skipped": "app.registry.importers does not exist yet"}
    from app.registry.importers import parse_file

    records = _records(rows)
    out: dict[str, Any] = {"rows": rows}
    with tempfile.TemporaryDirectory(prefix="statuscope-bench-import-") as tmp:
        writers = (("html", write_html), ("csv", write_csv), ("md", write_markdown))
        for fmt, writer in writers:
            path = Path(tmp) / f"codes.{fmt}"
            writer(path, records)
            rates, seconds, parsed = [], [], 0
            for _ in range(repeats):
                start = time.perf_counter()
                result = parse_file(path)
                elapsed = time.perf_counter() - start
                parsed = len(result.rows)
                _check(result, records, fmt)
                del result
                seconds.append(elapsed)
                rates.append(parsed / elapsed)
            out[fmt] = {
                "file_mb": round(path.stat().st_size / 2**20, 1),
                "rows_parsed": parsed,
                "seconds": stats(seconds, 3),
                "rows_per_s": stats(rates, 0),
            }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.rows, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
