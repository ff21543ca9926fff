"""Bytes to text for the importers: BOMs, UTF-8, GB18030/GBK, UTF-16, and binary junk.

Documentation pages and CSV exports come as UTF-8 (with or without a BOM), as GB18030/GBK
from Chinese Windows tools, or as UTF-16 from Excel's "Unicode text". Anything else — NUL-heavy
data, control-character soup, undecodable bytes — is refused with an :class:`ImportFailed`
that names the file. Line ends are normalized (CRLF, CR → LF) so that parsers see one kind.
"""

from __future__ import annotations

import codecs
import re

from .base import ImportFailed

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Share of control characters above which a text is treated as binary data.
_MAX_CONTROL_SHARE = 0.005
_SAMPLE = 1 << 20


def _looks_utf16(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for BOM-less UTF-16 text (every other byte NUL)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes, or raise ImportFailed saying why they are not a text table."""
    if not data.strip():
        raise ImportFailed(f"{name}: the file is empty")
    encoding: str | None = None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif b"\x00" in data[:_SAMPLE]:
        encoding = _looks_utf16(data)
        if encoding is None:
            raise ImportFailed(f"{name}: binary data (NUL bytes), not a text table")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ImportFailed(
                f"{name}: cannot decode the text as {encoding.upper()} (byte {exc.start})"
            ) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise ImportFailed(
                    f"{name}: cannot decode the text: it is neither UTF-8 nor GB18030/GBK"
                ) from None
    return clean_text(text, name)


def clean_text(text: str, name: str) -> str:
    """Drop a BOM, refuse binary-looking text, normalize line ends and stray controls."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ImportFailed(f"{name}: the file is empty")
    sample = text[:_SAMPLE]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > max(4, _MAX_CONTROL_SHARE * len(sample)):
        raise ImportFailed(f"{name}: binary data (control characters), not a text table")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if controls or _CONTROL_RE.search(text, _SAMPLE):
        text = _CONTROL_RE.sub(" ", text)
    return text
