"""TOML code tables: an array of tables (``[[codes]]``) or a table of code → text.

``tomllib`` (stdlib) parses the document; the shapes are then read by the same walker as JSON
(:func:`.json_tables.tables_from_data`), so ``[normal]``/``[error]`` tables become sections.
"""

from __future__ import annotations

import tomllib

from .base import ParseContext, RawTable
from .json_tables import tables_from_data


def parse_toml(text: str, ctx: ParseContext) -> list[RawTable]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ctx.fail(f"invalid TOML: {exc}") from None
    except RecursionError:
        raise ctx.fail("invalid TOML: nested too deeply") from None
    except ValueError as exc:
        raise ctx.fail(f"invalid TOML: {exc}") from None
    return tables_from_data(data, ctx)
