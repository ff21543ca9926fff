"""YAML code tables: OpenAPI/Swagger documents, OpenStack ``http-status.yaml`` and plain data.

Every document of the stream (``---`` separated) is read, in order:

* an OpenAPI 3.x / Swagger 2.0 document gives its declared responses
  (:func:`.openapi.openapi_tables`);
* an OpenStack api-ref ``http-status.yaml`` — status codes mapping to ``{default: text,
  other_key: text}`` — gives one row per code: ``default`` is the description, every other
  key a ``<key> (description)`` column that goes to ``extra``; the block scalars' line breaks
  are source wrapping, so runs of whitespace become one space;
* anything else goes to the JSON/TOML walker (:func:`.json_tables.tables_from_data`).

Safety: documents are loaded with PyYAML's safe loader only (the libyaml one when it is
built), which constructs plain data and never Python objects. Aliases share one object in
the loaded data, but everything that walks the data (the table walker, cell text) expands
them, so a 1 KB "billion laughs" would become 10⁹ values. A first pass over the parse events,
which keeps no nodes, counts the values with every alias expanded and refuses a stream that
exceeds :data:`MAX_YAML_NODES` (or has a recursive alias) before anything is built. The same
bound caps the memory of loading: a composed node costs about 0.5 KB.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .base import ParseContext, RawTable
from .json_tables import tables_from_data
from .openapi import openapi_tables

#: Values (scalars and collections, aliases expanded) allowed in one YAML stream: about
#: 800,000 rows of two fields and ~2 GB while loading; YAML code tables are far smaller.
MAX_YAML_NODES = 4_000_000
#: Collections nested deeper than this are refused (libyaml itself stops at 1000). No code
#: table nests so deep; what walks the data recurses per level (json.dumps for a cell,
#: PyYAML's Python composer); and the Python scanner's cost grows with the depth squared.
MAX_YAML_DEPTH = 200
#: ctx.check runs once per this many parse events.
_CHECK_EVERY = 1 << 14
#: Progress shares: the event pass, then loading; the table walk takes the rest.
_EVENTS_SHARE = 0.4
_LOAD_SHARE = 0.9
_PLAIN_KEY_TYPES = (str, int, float, bool, type(None))
_OPENSTACK_DEFAULT = "default"
_STATUS_RE = re.compile(r"[1-5][0-9]{2}")


@functools.cache
def _loader_class() -> Any:
    """The safe loader (libyaml's when built) that keeps mapping keys JSON-friendly."""
    import yaml

    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class _TableLoader(base):  # type: ignore[misc, valid-type]
        """Keys such as ``2024-01-01:`` load as dates, which ``json.dumps`` refuses as keys
        when a nested mapping becomes cell text; such keys are turned into their text."""

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            if all(isinstance(key, _PLAIN_KEY_TYPES) for key in mapping):
                return mapping
            return {_key_text(key): value for key, value in mapping.items()}

        def construct_unknown_tag(self, node: Any) -> Iterator[Any]:
            """A tag the safe loader does not know (``!Ref``, ``!!python/object``) gives the
            plain value it tags instead of an error; no tag ever builds a Python object."""
            if isinstance(node, yaml.ScalarNode):
                yield self.construct_scalar(node)
            elif isinstance(node, yaml.SequenceNode):
                items: list[Any] = []
                yield items  # yielded first so that aliases inside can refer to it
                items.extend(self.construct_sequence(node))
            else:
                mapping: dict[Any, Any] = {}
                yield mapping
                mapping.update(self.construct_mapping(node))

    # None is the loader's fallback entry, used for every tag it does not know; the class
    # gets its own copy of the registry, so PyYAML's SafeLoader is left as it was.
    _TableLoader.add_constructor(None, _TableLoader.construct_unknown_tag)
    return _TableLoader


def _key_text(key: object) -> object:
    if isinstance(key, _PLAIN_KEY_TYPES):
        return key
    isoformat = getattr(key, "isoformat", None)
    return isoformat() if callable(isoformat) else str(key)


def parse_yaml(text: str, ctx: ParseContext) -> list[RawTable]:
    """The code tables of every document of a YAML stream."""
    loader_class = _loader_class()
    with _yaml_errors(ctx):
        ends = _check_expanded_size(loader_class, text, ctx)
    out: list[RawTable] = []
    for number, document in enumerate(_documents(loader_class, text, ctx)):
        out.extend(_document_tables(document, ctx))
        done = ends[number] / max(len(text), 1) if number < len(ends) else 1.0
        ctx.check(_EVENTS_SHARE + (_LOAD_SHARE - _EVENTS_SHARE) * done)
    return out


@contextlib.contextmanager
def _yaml_errors(ctx: ParseContext) -> Iterator[None]:
    """Loader exceptions as ImportFailed; wraps only calls into PyYAML."""
    import yaml

    try:
        yield
    except yaml.MarkedYAMLError as exc:
        raise ctx.fail(_error_text(exc)) from None
    except yaml.reader.ReaderError as exc:  # a NUL or other control character
        raise ctx.fail(f"invalid YAML: {exc.reason} ({_character(exc.character)})") from None
    except yaml.YAMLError as exc:
        raise ctx.fail(f"invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:  # the pure-Python loader recurses once per nesting level
        raise ctx.fail("invalid YAML: nested too deeply") from None
    except UnicodeEncodeError:  # libyaml reads UTF-8; lone surrogates cannot be encoded
        raise ctx.fail("invalid YAML: the text has characters that are not Unicode") from None
    except ValueError as exc:  # an integer of more than 4,300 digits; cut Python's advice
        raise ctx.fail(f"invalid YAML: {str(exc).split('; ')[0]}") from None


def _character(character: object) -> str:
    """libyaml reports the offending character as a number, PyYAML's reader as text."""
    if isinstance(character, str) and len(character) == 1:
        character = ord(character)
    return f"#x{character:04x}" if isinstance(character, int) else repr(character)


def _error_text(exc: Any) -> str:
    mark = exc.problem_mark or exc.context_mark
    problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
    if mark is None:
        return f"invalid YAML: {problem}"
    return f"invalid YAML at line {mark.line + 1}: {problem}"


class _SizeCounter:
    """Expanded value count of a YAML stream, fed one parse event at a time.

    An anchored value's expanded size is known when it ends; an alias adds that size. An
    alias to a collection that is still open makes recursive data, which is refused.
    """

    def __init__(self, ctx: ParseContext) -> None:
        self.ctx = ctx
        self.total = 0  # values so far, aliases expanded
        self.unique = 0  # values so far, each alias counted once
        self.sizes: dict[str, int] = {}  # anchor → expanded size of its finished value
        self.open: list[tuple[str | None, int]] = []  # open collections: (anchor, total before)
        self.open_anchors: dict[str, int] = {}  # anchors of open collections → how many

    def scalar(self, anchor: str | None) -> None:
        self._add(1)
        if anchor is not None:
            self.sizes[anchor] = 1

    def alias(self, anchor: str) -> None:
        if anchor in self.open_anchors:
            raise self.ctx.fail(f"the YAML alias *{anchor} refers to itself (recursive data)")
        # An undefined alias counts 1 here; the loader then fails on it, naming its line.
        self.total += self.sizes.get(anchor, 1)
        self._check()

    def start(self, anchor: str | None) -> None:
        if len(self.open) >= MAX_YAML_DEPTH:
            raise self.ctx.fail(f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep")
        self.open.append((anchor, self.total))
        if anchor is not None:
            self.open_anchors[anchor] = self.open_anchors.get(anchor, 0) + 1
        self._add(1)

    def end(self) -> None:
        anchor, before = self.open.pop()
        if anchor is not None:
            self.sizes[anchor] = self.total - before
            self.open_anchors[anchor] -= 1
            if not self.open_anchors[anchor]:
                del self.open_anchors[anchor]

    def _add(self, count: int) -> None:
        self.total += count
        self.unique += count
        self._check()

    def _check(self) -> None:
        if self.total <= MAX_YAML_NODES:
            return
        if self.unique > MAX_YAML_NODES:
            raise self.ctx.fail(
                f"the YAML document has more than {MAX_YAML_NODES:,} values, the YAML limit"
            )
        raise self.ctx.fail(
            f"the YAML aliases expand the document to more than {MAX_YAML_NODES:,} values "
            "(an alias bomb?); refused"
        )


def _check_expanded_size(loader_class: Any, text: str, ctx: ParseContext) -> list[int]:
    """Refuse a stream whose values, aliases expanded, exceed :data:`MAX_YAML_NODES`.

    Only parse events are looked at, so the pass needs memory for the anchors and the
    nesting, not for the document. Returns where each document ends (for progress).
    """
    import yaml

    counter = _SizeCounter(ctx)
    ends: list[int] = []
    loader = loader_class(text)
    try:
        events = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                counter.alias(event.anchor)
            elif isinstance(event, yaml.ScalarEvent):
                counter.scalar(event.anchor)
            elif isinstance(event, yaml.CollectionStartEvent):
                counter.start(event.anchor)
            elif isinstance(event, yaml.CollectionEndEvent):
                counter.end()
            elif isinstance(event, yaml.DocumentEndEvent):
                counter.sizes.clear()  # anchors are scoped to their document
                ends.append(event.end_mark.index)
            events += 1
            if events % _CHECK_EVERY == 0:
                ctx.check(_EVENTS_SHARE * event.start_mark.index / max(len(text), 1))
    finally:
        loader.dispose()
    return ends


def _documents(loader_class: Any, text: str, ctx: ParseContext) -> Iterator[object]:
    """The loaded documents, one at a time (each is walked before the next is built)."""
    loader = loader_class(text)
    try:
        while True:
            with _yaml_errors(ctx):
                if not loader.check_data():
                    return
                document = loader.get_data()
            yield document
    finally:
        loader.dispose()


def _document_tables(document: object, ctx: ParseContext) -> list[RawTable]:
    tables = openapi_tables(document, ctx)
    if tables is not None:
        return tables
    if isinstance(document, Mapping) and is_status_text_map(document):
        return [status_text_table(document, ctx)]
    if isinstance(document, (list, dict)):
        return tables_from_data(document, ctx)
    return []  # a scalar or empty document holds no table


# -- OpenStack http-status.yaml -----------------------------------------------------------
def _status_key(key: object) -> str | None:
    """``200`` or ``"200"`` → ``"200"``; None for anything that is not a 1xx–5xx code."""
    if isinstance(key, bool):
        return None
    text = str(key).strip() if isinstance(key, (int, str)) else ""
    return text if _STATUS_RE.fullmatch(text) else None


def is_status_text_map(data: Mapping[Any, Any]) -> bool:
    """Status codes mapping to ``{default: text, …}`` (os-api-ref's ``http-status.yaml``)."""
    if not data or not all(_status_key(key) is not None for key in data):
        return False
    values = list(data.values())
    return all(
        isinstance(value, Mapping)
        and all(isinstance(text, (str, type(None))) for text in value.values())
        for value in values
    ) and any(_OPENSTACK_DEFAULT in value for value in values)


def status_text_table(data: Mapping[Any, Any], ctx: ParseContext) -> RawTable:
    """One row per code: the ``default`` text, then the other keys' texts."""
    others: dict[str, None] = {}
    for value in data.values():
        for key in value:
            if key != _OPENSTACK_DEFAULT:
                others[str(key)] = None
    # "<key> (description)" ends in a description word, so these columns are never taken
    # for the phrase column (a bare "multi_version" could be) and go to extra.
    headers = ["Status code", "Description", *(f"{key} (description)" for key in others)]
    rows = [headers]
    ctx.add_rows(len(data))
    ctx.add_cells(len(data) * len(headers))
    for key, value in data.items():
        texts = {str(k): _collapse(v) for k, v in value.items()}
        row = [str(_status_key(key)), texts.get(_OPENSTACK_DEFAULT, "")]
        row.extend(texts.get(name, "") for name in others)
        rows.append(row)
    return RawTable(rows, 1, kind="status text map")


def _collapse(text: str | None) -> str:
    return " ".join(text.split()) if text else ""
