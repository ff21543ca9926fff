"""Score the importer against the real-document corpus (see README.md beside this file).

Each document in ``documents/`` has an answer key ``<name>.expected.json`` written by hand.
:func:`score_document` imports the document with the app's own importer and compares its rows
with the key; :func:`score_corpus` does that for every document. An imported row is *right*
when a key row has the same code and, after :func:`normalize`, the same phrase, http_status and
description, and the same category where the key gives one. Rows are matched one to one, so a
duplicate row is an extra one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.registry.importers import ImportedRow, ImportFailed, parse_file

CORPUS = Path(__file__).parent
DOCUMENTS = CORPUS / "documents"
KEY_SUFFIX = ".expected.json"

_LIST_MARKER_RE = re.compile(r"(?m)^[ \t]*(?:[0-9]{1,2}[.)]|[-*+•·])[ \t]+")
_EMPHASIS_RE = re.compile(r"[*`]+")
_SPACE_RE = re.compile(r"\s+")
_NUMBER_RE = re.compile(r"-?[0-9]+")


def normalize(text: str | None) -> str:
    """Text as compared: NFKC, no list markers or Markdown emphasis, whitespace collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _LIST_MARKER_RE.sub("", text)
    text = _EMPHASIS_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip()


def statuses(value: object) -> tuple[str, ...]:
    """``"400, 403"`` / ``["400", 403]`` / ``None`` → the numbers in order."""
    if value is None:
        return ()
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return tuple(_NUMBER_RE.findall(str(value)))


@dataclass(frozen=True, slots=True)
class KeyRow:
    code: str
    phrase: str
    category: str | None
    http_status: tuple[str, ...]
    description: str

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KeyRow:
        category = data.get("category")
        return cls(
            code=str(data["code"]).strip(),
            phrase=normalize(str(data.get("phrase") or "")),
            category=str(category) if category else None,
            http_status=statuses(data.get("http_status")),
            description=normalize(str(data.get("description") or "")),
        )

    @classmethod
    def from_import(cls, row: ImportedRow) -> KeyRow:
        return cls(
            code=row.code.strip(),
            phrase=normalize(row.phrase),
            category=row.category,
            http_status=statuses(row.extra.get("http_status")),
            description=normalize(row.extra.get("description")),
        )

    def agrees(self, imported: KeyRow) -> bool:
        """Whether ``imported`` is this key row (the key's null category is not scored)."""
        return (
            self.code == imported.code
            and self.phrase == imported.phrase
            and self.http_status == imported.http_status
            and self.description == imported.description
            and (self.category is None or self.category == imported.category)
        )


@dataclass(slots=True)
class DocumentScore:
    name: str
    kind: str
    language: str
    expected: int
    imported: int
    right: int
    missing: list[KeyRow] = field(default_factory=list)
    extra: list[KeyRow] = field(default_factory=list)
    error: str | None = None


def load_key(path: Path) -> dict[str, object]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise ValueError(f"{path.name}: an answer key is an object with a 'rows' list")
    return data


def documents(folder: Path = DOCUMENTS) -> list[Path]:
    """Every document in ``folder`` that has an answer key, by name."""
    return sorted(
        p for p in folder.iterdir() if not p.name.endswith(KEY_SUFFIX) and key_path(p).exists()
    )


def key_path(document: Path) -> Path:
    return document.with_name(document.name + KEY_SUFFIX)


def match(key: Iterable[KeyRow], imported: Iterable[KeyRow]) -> tuple[int, list, list]:
    """(right, key rows not matched, imported rows not matched), one to one."""
    pending: dict[str, list[KeyRow]] = {}
    for row in key:
        pending.setdefault(row.code, []).append(row)
    right = 0
    extra: list[KeyRow] = []
    for row in imported:
        candidates = pending.get(row.code, [])
        for i, expected in enumerate(candidates):
            if expected.agrees(row):
                del candidates[i]
                right += 1
                break
        else:
            extra.append(row)
    missing = [row for rows in pending.values() for row in rows]
    return right, missing, extra


def score_document(document: Path) -> DocumentScore:
    data = load_key(key_path(document))
    key = [KeyRow.from_json(row) for row in data["rows"]]  # type: ignore[union-attr]
    error = None
    try:
        imported = [KeyRow.from_import(row) for row in parse_file(document).rows]
    except ImportFailed as exc:
        imported, error = [], str(exc)
    right, missing, extra = match(key, imported)
    return DocumentScore(
        name=document.name,
        kind=str(data.get("kind", "")),
        language=str(data.get("language", "")),
        expected=len(key),
        imported=len(imported),
        right=right,
        missing=missing,
        extra=extra,
        error=error,
    )


def score_corpus(folder: Path = DOCUMENTS) -> list[DocumentScore]:
    return [score_document(path) for path in documents(folder)]


def totals(scores: Iterable[DocumentScore]) -> tuple[float, float, int, int, int]:
    """(recall, precision, right, expected, imported) over all documents."""
    scores = list(scores)
    right = sum(s.right for s in scores)
    expected = sum(s.expected for s in scores)
    imported = sum(s.imported for s in scores)
    recall = right / expected if expected else 1.0
    precision = right / imported if imported else 1.0
    return recall, precision, right, expected, imported
