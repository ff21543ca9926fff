"""``python -m tests.corpus [-v] [NAME …]``: the importer scored on the real-document corpus.

Prints one line per document (right / expected, missing, extra, and the import error if any)
and the totals; ``-v`` also lists each missing and extra row, so a regression names its
document and its rows. NAME filters documents by a part of their file name; ``--dir``
scores another folder (a held-out batch before it joins ``documents/``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .scoring import DOCUMENTS, DocumentScore, KeyRow, documents, score_document, totals


def _row(row: KeyRow) -> str:
    parts = [row.code, repr(row.phrase)]
    if row.category:
        parts.append(row.category)
    if row.http_status:
        parts.append("http " + ",".join(row.http_status))
    if row.description:
        text = row.description
        parts.append(repr(text if len(text) <= 70 else text[:69] + "…"))
    return " ".join(parts)


def _print(score: DocumentScore, verbose: bool) -> None:
    flag = "ok " if not score.missing and not score.extra else "!! "
    print(
        f"{flag}{score.name:<44} {score.kind:<16} {score.language:<3}"
        f" right {score.right:>4}/{score.expected:<4} missing {len(score.missing):>3}"
        f" extra {len(score.extra):>3}"
    )
    if score.error and score.expected:
        print(f"      error: {score.error}")
    if verbose:
        for row in score.missing:
            print(f"      - {_row(row)}")
        for row in score.extra:
            print(f"      + {_row(row)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong rows")
    parser.add_argument("names", nargs="*", help="only documents whose name contains one of these")
    parser.add_argument(
        "--dir", type=Path, default=DOCUMENTS, help="score the documents of another folder"
    )
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # parser bugs show as the error line of their document
    paths = [
        p for p in documents(args.dir) if not args.names or any(n in p.name for n in args.names)
    ]
    scores = []
    for path in paths:
        score = score_document(path)
        scores.append(score)
        _print(score, args.verbose)
    recall, precision, right, expected, imported = totals(scores)
    negatives = sum(1 for s in scores if s.expected == 0)
    print(
        f"\n{len(scores)} documents ({negatives} negative): {right} right of {expected} expected,"
        f" {imported} imported — recall {recall:.3f}, precision {precision:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
