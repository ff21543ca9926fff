"""Import throughput: rows per second of ``app.registry.importers.parse_file`` on a large HTML
table and a large CSV file of synthetic vendor codes (skipped when the importers are absent)."""

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


def measure(rows: int, repeats: int) -> dict[str, Any]:
    if importlib.util.find_spec("app.registry.importers") is None:
        return {"skipped": "app.registry.importers does not exist yet"}
    from app.registry.importers import parse_file

    records = _records(rows)
    out: dict[str, Any] = {"rows": rows}
    with tempfile.TemporaryDirectory(prefix="statuscope-bench-import-") as tmp:
        for fmt, writer in (("html", write_html), ("csv", write_csv)):
            path = Path(tmp) / f"codes.{fmt}"
            writer(path, records)
            rates, seconds, parsed = [], [], 0
            for _ in range(repeats):
                start = time.perf_counter()
                result = parse_file(path)
                elapsed = time.perf_counter() - start
                parsed = len(result.rows)
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
