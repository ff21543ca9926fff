"""Which HTML parser for the importer: the in-house tag scanner against the standard
library's ``html.parser``, lxml and selectolax (the last two only when installed; they are
not dependencies). Each reads the same generated 200,000-row table into a grid of cell texts;
the grids must be equal to the scanner's, or the script stops. Prints seconds and rows/s.

    python -m tests.benchmarks.bench_html_parsers [--rows 200000]

The decision and its figures are in app/docs/adr-importer-libraries.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from tempfile import TemporaryDirectory

from tests.benchmarks.bench_import import _records, write_html

Grid = list[list[str]]


def scanner(text: str) -> Grid:
    from app.registry.importers.base import ParseContext
    from app.registry.importers.html_tables import parse_document

    return parse_document(text, ParseContext("bench"), markdown=False)[0].rows


class _StdlibTables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: Grid = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def stdlib(text: str) -> Grid:
    parser = _StdlibTables()
    parser.feed(text)
    parser.close()
    return parser.rows


def lxml_html(text: str) -> Grid:
    import lxml.html

    root = lxml.html.document_fromstring(text)
    return [
        [" ".join(cell.text_content().split()) for cell in row.iterchildren("td", "th")]
        for row in root.iter("tr")
    ]


def selectolax(text: str) -> Grid:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    return [
        [" ".join(cell.text(deep=True).split()) for cell in row.css("td, th")]
        for row in tree.css("tr")
    ]


PARSERS: dict[str, Callable[[str], Grid]] = {
    "in-house scanner": scanner,
    "html.parser (stdlib)": stdlib,
    "lxml": lxml_html,
    "selectolax (lexbor)": selectolax,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "codes.html"
        write_html(path, _records(args.rows))
        text = path.read_text(encoding="utf-8")
    reference: Grid | None = None
    for name, parse in PARSERS.items():
        try:
            start = time.perf_counter()
            grid = parse(text)
            seconds = time.perf_counter() - start
        except ImportError:
            print(f"{name:<22} not installed")
            continue
        if reference is None:
            reference = grid
        elif grid != reference:
            raise SystemExit(f"{name}: the cells differ from the scanner's")
        print(f"{name:<22} {seconds:6.2f} s  {args.rows / seconds:9,.0f} rows/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
