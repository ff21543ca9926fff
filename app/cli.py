"""Command-line interface: ``statuscope show|search …``. Never imports Qt.

Exit codes: 0 success, 1 nothing found (unknown code), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from app import __version__
from app.registry.entry import StatusEntry
from app.registry.loader import Registry, load_builtin
from app.registry.search import QueryEngine
from app.registry.serialize import entry_to_dict

SUBCOMMANDS = ("show", "search")
LANGS = ("en", "zh_CN")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statuscope",
        description="Offline reference for HTTP status codes. Without a sub-command the "
        "desktop window opens.",
    )
    parser.add_argument("--version", action="version", version=f"statuscope {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="show every meaning of one code")
    show.add_argument("code")
    search = sub.add_parser("search", help="search codes, phrases, text and log lines")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=0, help="at most N results (0: all)")
    for cmd in (show, search):
        cmd.add_argument("--json", action="store_true", help="print JSON")
        cmd.add_argument("--lang", choices=LANGS, default="en", help="language of the text")
    return parser


def load_registry() -> Registry:
    """The built-in registry plus enabled imported registries (when the store exists)."""
    return load_builtin()


def _print_entries(entries: Sequence[StatusEntry], as_json: bool, lang: str) -> None:
    if as_json:
        json.dump(
            [entry_to_dict(e, lang) for e in entries], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
        return
    for entry in entries:
        summary = entry.text("summary", lang)
        tail = f" — {summary}" if summary else ""
        print(f"{entry.status_line(lang)}  [{entry.source}]{tail}")


def run_cli(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    registry = load_registry()
    if args.command == "show":
        found = registry.by_code(args.code)
        if not found:
            print(f"statuscope: unknown code {args.code!r}", file=sys.stderr)
            return 1
        _print_entries(found, args.json, args.lang)
        return 0
    if args.limit < 0:
        print("statuscope: --limit must be 0 or more", file=sys.stderr)
        return 2
    rows = QueryEngine(registry.entries).search(args.query)
    if args.limit:
        rows = rows[: args.limit]
    _print_entries([registry.entries[r] for r in rows], args.json, args.lang)
    return 0
