"""Command-line interface: ``statuscope show|search …``. Never imports Qt.

Exit codes: 0 success, 1 nothing found (unknown code), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.registry.entry import StatusEntry
from app.registry.loader import load_builtin
from app.registry.search import QueryEngine
from app.registry.serialize import entry_to_dict
from app.registry.user_registries import LoadedRegistry, load_user_registries
from app.services.paths import data_dir, has_imported_registries

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
    imp = sub.add_parser("import", help="import a vendor code table (HTML, Markdown, CSV, …)")
    imp.add_argument("file")
    imp.add_argument("--name", help="registry name (default: the file name)")
    imp.add_argument("--dry-run", action="store_true", help="parse and print, save nothing")
    registries = sub.add_parser("registries", help="list imported registries")
    remove = sub.add_parser("remove", help="remove an imported registry")
    remove.add_argument("name")
    export = sub.add_parser("export", help="export the codes a query finds")
    export.add_argument("query", nargs="?", default="")
    export.add_argument("--format", choices=("csv", "json", "md", "html"), required=True)
    export.add_argument("--output", help="write to this file instead of standard output")
    for cmd in (show, search, imp, registries):
        cmd.add_argument("--json", action="store_true", help="print JSON")
    for cmd in (show, search, export):
        cmd.add_argument("--lang", choices=LANGS, default="en", help="language of the text")
    return parser


def load_registry() -> LoadedRegistry:
    """The built-in registry plus enabled imported registries (when the store exists)."""
    loaded = load_user_registries(data_dir())
    for warning in loaded.registry.warnings:
        print(f"statuscope: warning: {warning}", file=sys.stderr)
    return loaded


def _engine(loaded: LoadedRegistry) -> QueryEngine:
    return loaded.engine or QueryEngine(loaded.registry.entries)


def _fail(message: str, code: int = 2) -> int:
    print(f"statuscope: {message}", file=sys.stderr)
    return code


def _print_entries(entries: Sequence[StatusEntry], as_json: bool, lang: str) -> None:
    if as_json:
        json.dump(
            [entry_to_dict(e, lang) for e in entries], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
        return
    import datetime as dt

    today = dt.date.today().isoformat()
    for entry in entries:
        summary = entry.text("summary", lang)
        tail = f" — {summary}" if summary else ""
        print(f"{entry.status_line(lang)}  [{entry.source}]{tail}")
        if entry.lifecycle == "temporary" and entry.expires:
            state = "expired" if entry.expires < today else "expires"
            print(f"    temporary registration: {state} on {entry.expires} unless renewed")


def run_cli(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    commands = {
        "show": _show,
        "search": _search,
        "import": _import,
        "registries": _registries,
        "remove": _remove,
        "export": _export,
    }
    return commands[args.command](args)


def _show(args: argparse.Namespace) -> int:
    """The built-in entries of the code, then the imported ones: looked up in the store's
    code index, so it costs the same with a million imported codes as with none."""
    found = load_builtin().by_code(args.code)
    root = data_dir()
    if has_imported_registries(root):
        from app.registry.store import RegistryStore, StoreError

        try:
            store = RegistryStore(root)
            found += store.find_code(args.code)
            warnings = store.warnings
        except StoreError as error:
            warnings = [str(error)]
        for warning in warnings:
            print(f"statuscope: warning: {warning}", file=sys.stderr)
    if not found:
        return _fail(f"unknown code {args.code!r}", 1)
    _print_entries(found, args.json, args.lang)
    return 0


def _search(args: argparse.Namespace) -> int:
    if args.limit < 0:
        return _fail("--limit must be 0 or more")
    loaded = load_registry()
    registry = loaded.registry
    rows = _engine(loaded).search(args.query)
    if args.limit:
        rows = rows[: args.limit]
    _print_entries([registry.entries[r] for r in rows], args.json, args.lang)
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.registry.importers import ImportFailed, parse_file
    from app.registry.store import RegistryStore, StoreError

    try:
        result = parse_file(args.file)
    except ImportFailed as error:
        return _fail(str(error))
    rows = result.rows
    if args.dry_run:
        if args.json:
            data = [
                {
                    "code": r.code,
                    "phrase": r.phrase,
                    **({"category": r.category} if r.category else {}),
                    "extra": r.extra,
                }
                for r in rows
            ]
            json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            for row in rows:
                print(f"{row.code}\t{row.phrase}\t{row.category or ''}")
        for warning in result.warnings:
            print(f"statuscope: warning: {warning}", file=sys.stderr)
        return 0
    name = args.name or Path(args.file).stem
    try:
        count = RegistryStore(data_dir()).save(name, rows, str(Path(args.file).resolve()))
    except (StoreError, ValueError) as error:
        return _fail(str(error))
    load_registry()  # builds the search index snapshot now, so the next start only maps it
    if args.json:
        print(json.dumps({"name": name, "count": count}, ensure_ascii=False))
    else:
        print(f"Imported {count} codes into {name!r}.")
    return 0


def _registries(args: argparse.Namespace) -> int:
    from app.registry.store import RegistryStore, StoreError

    try:
        infos = RegistryStore(data_dir()).list()
    except StoreError as error:
        return _fail(str(error))
    if args.json:
        json.dump(
            [
                {
                    "name": i.name,
                    "enabled": i.enabled,
                    "count": i.row_count,
                    "source": i.source_path,
                    "imported_at": i.imported_at,
                }
                for i in infos
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    for info in [] if args.json else infos:
        state = "" if info.enabled else " (disabled)"
        print(f"{info.name}\t{info.row_count} codes{state}\t{info.source_path or ''}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from app.registry.store import RegistryStore, StoreError

    try:
        store = RegistryStore(data_dir())
        if args.name not in store:
            return _fail(f"no imported registry named {args.name!r}", 1)
        store.remove(args.name)
    except StoreError as error:
        return _fail(str(error))
    print(f"Removed {args.name!r}.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.registry.exporters import export_entries, export_to_file

    loaded = load_registry()
    entries = [loaded.registry.entries[r] for r in _engine(loaded).search(args.query)]
    if args.output:
        try:
            export_to_file(entries, args.output, args.format, args.lang)
        except OSError as error:
            return _fail(f"{args.output}: {error.strerror or error}")
        return 0
    sys.stdout.write(export_entries(entries, args.format, args.lang))
    return 0
