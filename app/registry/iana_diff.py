"""Compare an IANA "HTTP Status Code Registry" CSV with the built-in IANA entries.

    python -m app.registry.iana_diff http-status-codes-1.csv

The CSV is IANA's own download (columns ``Value,Description,Reference``; ranges such as
``105-199,Unassigned,`` are single rows); fetch it yourself — Statuscope never goes online.
Prints every difference from ``resources/registry/`` — a code IANA added or removed, a
changed phrase, lifecycle (``(TEMPORARY …)``, ``(OBSOLETED)``, ``(Unused)``), expiry date or
reference — and exits 1 when there is one, 0 when the data is current, 2 when the file
cannot be read. How to act on the report: ``app/docs/updating-builtin-data.md``.
Pure Python, no Qt.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.registry.entry import StatusEntry

_NOTE = re.compile(r"\s*\((?P<note>[^()]*)\)\s*$")
_EXPIRES = re.compile(r"expires (\d{4}-\d{2}-\d{2})")
_RFC = re.compile(r"RFC\s*(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IanaRow:
    code: str
    phrase: str
    lifecycle: str  # standard, temporary, obsoleted, unused
    expires: str | None
    reference: str


def parse_rows(lines: Iterable[str]) -> list[IanaRow]:
    """The registered codes of the CSV (ranges and Unassigned rows left out)."""
    rows = []
    for record in csv.DictReader(lines):
        value = (record.get("Value") or "").strip()
        if not re.fullmatch(r"[1-5]\d\d", value):
            continue
        description = (record.get("Description") or "").strip()
        if description.casefold() == "unassigned":  # a single unassigned value (427)
            continue
        lifecycle, expires = "standard", None
        note = _NOTE.search(description)
        if note:
            text = note.group("note")
            if text == "Unused":
                lifecycle = "unused"
            elif text.upper().startswith("TEMPORARY"):
                lifecycle = "temporary"
                found = _EXPIRES.search(text)
                expires = found.group(1) if found else None
            elif text.upper().startswith("OBSOLETED"):
                lifecycle = "obsoleted"
            if lifecycle != "standard":
                description = description[: note.start()].strip()
        rows.append(IanaRow(value, description, lifecycle, expires, _reference(record)))
    return rows


def _reference(record: dict[str, str]) -> str:
    """``[RFC9110, Section 15.5.1]`` → ``RFC 9110, Section 15.5.1`` (the built-in spelling)."""
    text = (record.get("Reference") or "").strip().strip("[]").split("][")[0]
    return _RFC.sub(lambda m: f"RFC {m.group(1)}", text).strip()


def differences(iana: Sequence[IanaRow], entries: Iterable[StatusEntry]) -> list[str]:
    """What the built-in IANA entries get wrong or miss, one line each."""
    ours = {e.code: e for e in entries if e.source == "IANA"}
    theirs = {row.code: row for row in iana}
    out = [
        f"{code}: in the IANA registry, not built in ({theirs[code].phrase})"
        for code in sorted(set(theirs) - set(ours))
    ]
    out += [
        f"{code}: built in, not in the IANA registry" for code in sorted(set(ours) - set(theirs))
    ]
    for code in sorted(set(ours) & set(theirs)):
        entry, row = ours[code], theirs[code]
        phrase = entry.phrase if entry.lifecycle != "unused" else "Unused"
        if row.lifecycle != "unused" and phrase != row.phrase:
            out.append(f"{code}: phrase {entry.phrase!r}, IANA now {row.phrase!r}")
        lifecycle = (
            entry.lifecycle
            if entry.lifecycle in ("temporary", "obsoleted", "unused")
            else "standard"
        )
        if lifecycle != row.lifecycle:
            out.append(f"{code}: lifecycle {entry.lifecycle!r}, IANA now {row.lifecycle!r}")
        if row.lifecycle == "temporary" and row.expires != entry.expires:
            out.append(f"{code}: expires {entry.expires}, IANA now {row.expires}")
        if row.reference and not _same_reference(entry.reference, row.reference):
            out.append(f"{code}: reference {entry.reference!r}, IANA now {row.reference!r}")
    return out


def _same_reference(ours: str, theirs: str) -> bool:
    """References agree when they name the same documents (RFC numbers or draft names)."""

    def documents(text: str) -> set[str]:
        return set(_RFC.findall(text)) | set(re.findall(r"draft-[\w-]+", text))

    return documents(ours) == documents(theirs) or ours.startswith(theirs)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        lines = Path(args[0]).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        print(f"iana_diff: cannot read {args[0]}: {error}", file=sys.stderr)
        return 2
    rows = parse_rows(lines)
    if not rows:
        print(
            f"iana_diff: {args[0]} has no registry rows (Value,Description,Reference)",
            file=sys.stderr,
        )
        return 2
    from app.registry.loader import load_builtin

    found = differences(rows, load_builtin().entries)
    for line in found:
        print(line)
    print(f"{len(rows)} registered codes compared: {len(found) or 'no'} difference(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
