"""Column roles: which column of a vendor table holds the code, the phrase, the description …

Roles come from two kinds of evidence, header words first and cell content second:

* Header words in English and Chinese (:mod:`.header_words`: ``status code``, ``HTTP状态码``,
  ``error code``, ``错误码``, ``message``, ``错误信息``, ``描述``, ``处理措施``, ``模块``,
  ``类别`` …). A header may name several things ("Error code description"); the term that ends
  last wins, because in both languages the head noun comes last.
* Cell content: a column of 3-digit 1xx–5xx numbers is a status column, cells such as
  ``APIG.0101`` / ``iam.0012`` / ``E1001`` are vendor error codes, a column of short texts is
  the phrase, a column of 正常/异常 (Normal/Error) values is the category. Ambiguous headers
  (``Code``, ``Status``, ``返回码``) are settled by content; a ``Status`` column of "Active"
  is not a status-code column.

When a table has both an HTTP status column and a vendor error-code column, the row's code is
the error code and the status goes to ``extra["http_status"]``. Without a code column a table
is not a code table and yields nothing.

Rules learnt from real documents (``tests/corpus/``):

* A registry's ``Value`` column, or a column headed like a phrase ("Status Code & Message")
  whose cells are status codes, is the status column; so is a "Status code" column of
  numeric codes (WebSocket's 1000–1015). Statuses may repeat; other codes are mostly unique.
* Symbolic names (``FLOOD_WAIT_X``, ``ErrAdminRequired``) beside HTTP statuses that repeat
  are the codes, the numbers their HTTP statuses; beside a numeric code they are the phrase.
* The phrase is the column headed as a message; else a column of names. A "description"
  column is the phrase only when its cells read as names (short, rarely ending with a full
  stop: :attr:`ColumnStats.is_name_like`); otherwise it stays the description and the
  phrase is empty. A ``Type`` column of OK / Created names codes and is no category column.

:mod:`.rows` builds the :class:`~.base.ImportedRow` records of a table from these roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .base import ROLES
from .header_words import NOT_CODE_HEADERS, ends_with_term, header_role

# -- cell patterns ------------------------------------------------------------------------
_STATUS_RE = re.compile(r"[1-5][0-9]{2}")
_STATUS_PHRASE_RE = re.compile(
    r"(?:HTTP/[0-9](?:\.[0-9])?\s+)?([1-5][0-9]{2})(?:\s*[-:–—]\s*|\s+)(\S.*)", re.DOTALL
)
_VENDOR_SEPARATED_RE = re.compile(r"[A-Za-z]{2,}[A-Za-z0-9]*(?:[._:-][A-Za-z0-9]+)+")
_VENDOR_COMPACT_RE = re.compile(r"[A-Za-z]{1,12}[_-]?[0-9]{3,}")
_DIGIT_RE = re.compile(r"[0-9]")
_SEPARATOR_RE = re.compile(r"[._:-]")
_SPACE_RE = re.compile(r"\s")
_NUMBER_RE = re.compile(r"-?[0-9]{1,12}")
#: A range of codes ("104-199 Unassigned", "1016–1999"): a row about codes, not one code.
RANGE_RE = re.compile(r"[0-9]+\s*[-–—~]\s*[0-9]+(?:\s.*)?", re.DOTALL)

MAX_CODE_LENGTH = 64


def is_status(text: str) -> bool:
    """``"404"`` → True: a 3-digit 1xx–5xx status code."""
    return len(text) == 3 and _STATUS_RE.fullmatch(text) is not None


def split_status_phrase(text: str) -> tuple[str, str] | None:
    """``"400 Bad Request"`` → ``("400", "Bad Request")``; None when the cell is not like that."""
    match = _STATUS_PHRASE_RE.fullmatch(text)
    if match is None:
        return None
    return match.group(1), match.group(2).strip()


def is_vendor_code(text: str) -> bool:
    """Cells such as ``APIG.0101``, ``iam.0012``, ``ECS.0001``, ``AUTH_001``, ``E1001``."""
    if len(text) > MAX_CODE_LENGTH:
        return False
    if _VENDOR_COMPACT_RE.fullmatch(text):
        return True
    if _VENDOR_SEPARATED_RE.fullmatch(text):
        separator = _SEPARATOR_RE.search(text)
        return separator is not None and _DIGIT_RE.search(text, separator.start()) is not None
    return False


_SYMBOL_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:[.:/-][A-Za-z0-9_]+)*")
_CAMEL_RE = re.compile(r"[a-z0-9][A-Z]")


def is_symbol(text: str) -> bool:
    """A symbolic error name: ``FLOOD_WAIT_X``, ``ErrAdminRequired``, ``InvalidParameter.Foo``.

    Plain words (``Created``, ``OK``) are not: a symbol has an underscore, a separator, a
    lower-to-upper case change or a digit, or is a capitalised word of four letters or more.
    """
    if len(text) > MAX_CODE_LENGTH or _SYMBOL_RE.fullmatch(text) is None:
        return False
    return (
        (text.isupper() and len(text) >= 4)  # TIMEOUT, FORBIDDEN: a constant's name
        or "_" in text
        or _SEPARATOR_RE.search(text) is not None
        or _CAMEL_RE.search(text) is not None
        or _DIGIT_RE.search(text) is not None
    )


def is_token(text: str) -> bool:
    """A plausible code of any vendor: one word, at most 64 characters, with a letter/digit."""
    return (
        0 < len(text) <= MAX_CODE_LENGTH
        and _SPACE_RE.search(text) is None
        and any(ch.isalnum() for ch in text)
    )


def is_code_like(text: str) -> bool:
    """What a code cell looks like, used to tell header rows from data rows."""
    return (
        is_status(text)
        or split_status_phrase(text) is not None
        or is_vendor_code(text)
        or _NUMBER_RE.fullmatch(text) is not None
    )


# -- category words -----------------------------------------------------------------------
_ERROR_RE = re.compile(
    r"(?<![a-z_])(?:abnormal|errors?|error_?codes?|failures?|failed|fail|exceptions?|unsuccessful"
    r"|client\s*errors?|server\s*errors?|[45]xx)(?![a-z_])|异常|错误|失败|故障|出错"
)
_NORMAL_RE = re.compile(
    r"(?<![a-z_])(?:normal|success(?:es|ful)?|succeeded|ok|informational|redirects?"
    r"|redirection|[123]xx)(?![a-z_])|正常|成功"
)
_GENERIC_RE = re.compile(
    r"(?:table|表)\s*[0-9]+|"
    r"(?<![a-z])(?:https?|status|statuses|codes?|responses?|return|returned|results?|list|"
    r"table|states?|values?|and|the|of|with|type|category)(?![a-z])|状态码|状态|返回码|响应码|返回|"
    r"响应|代码|码|列表|类|的"
)
_PUNCT_RE = re.compile(r"[\W_]+")


def category_from_text(text: str) -> tuple[str | None, bool]:
    """Map 正常/异常, Normal/Abnormal, Success/Error … to ``("normal"|"error", strong)``.

    ``strong`` is True when the text says nothing else besides generic words
    (正常状态码, "Abnormal status codes", "**Error**:"); a heading such as
    "Error code description" is only a weak hint. Text that names both, or neither, or is
    longer than 60 characters gives ``(None, False)``.
    """
    lowered = text.strip().lower()
    if not lowered or len(lowered) > 60:
        return None, False
    is_error = _ERROR_RE.search(lowered) is not None
    is_normal = _NORMAL_RE.search(lowered) is not None
    if is_error == is_normal:
        return None, False
    rest = _ERROR_RE.sub(" ", lowered)
    rest = _NORMAL_RE.sub(" ", rest)
    rest = _GENERIC_RE.sub(" ", rest)
    rest = _PUNCT_RE.sub("", rest)
    return ("error" if is_error else "normal"), not rest


def strong_category(text: str | None) -> str | None:
    if not text:
        return None
    category, strong = category_from_text(text)
    return category if strong else None


# -- column statistics --------------------------------------------------------------------
_SAMPLE_ROWS = 2000
_SENTENCE_ENDS = frozenset(".。!！?？;；")
_FLAG_VALUES = frozenset({"是", "否", "yes", "no", "y", "n", "true", "false", "✓", "✗", "x", "√"})
_LATIN_WORD_RE = re.compile(r"[A-Za-z0-9'’-]+")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")


@dataclass(slots=True)
class ColumnStats:
    nonempty: int = 0
    status: int = 0
    status_phrase: int = 0
    vendor: int = 0
    token: int = 0
    numbers: int = 0
    unique: int = 0
    total_length: int = 0
    long_cells: int = 0
    category: int = 0
    category_values: int = 0
    symbols: int = 0
    flags: int = 0
    ranges: int = 0
    sentences: int = 0
    words: int = 0
    cjk_chars: int = 0

    @property
    def average_length(self) -> float:
        return self.total_length / self.nonempty if self.nonempty else 0.0

    def share(self, count: int) -> float:
        return count / self.nonempty if self.nonempty else 0.0

    @property
    def code_share(self) -> float:
        return self.share(self.status + self.status_phrase + self.vendor + self.numbers)

    @property
    def is_name_like(self) -> bool:
        """Short names (``Bad Request``, ``参数错误``) rather than sentences."""
        if not self.is_short_text or self.share(self.sentences) > 0.25:
            return False
        latin_words = self.words / self.nonempty
        cjk = self.cjk_chars / self.nonempty
        return latin_words <= 7 and cjk <= 14

    @property
    def varied(self) -> bool:
        """Not a column of flags: 是/否 or Yes/No cells are no names."""
        return self.flags < self.nonempty

    @property
    def is_latin_names(self) -> bool:
        """``Not Found``, ``Continue``: names in Latin letters, no Chinese, no symbols."""
        return self.is_name_like and self.cjk_chars == 0 and self.share(self.symbols) < 0.5

    @property
    def is_chinese_names(self) -> bool:
        """``未找到``, ``继续``: short Chinese names."""
        return (
            self.is_name_like
            and self.cjk_chars >= 1.5 * self.nonempty
            and self.words <= self.nonempty
        )

    @property
    def is_short_text(self) -> bool:
        return (
            self.nonempty > 0
            and self.average_length <= 60
            and self.long_cells <= 0.1 * self.nonempty
            and self.code_share < 0.5
        )


def column_stats(rows: Sequence[Sequence[str]], column: int) -> ColumnStats:
    stats = ColumnStats()
    seen: set[str] = set()
    categories: set[str] = set()
    for row in rows[:_SAMPLE_ROWS]:
        cell = row[column].strip() if column < len(row) else ""
        if not cell:
            continue
        stats.nonempty += 1
        seen.add(cell)
        stats.total_length += len(cell)
        if len(cell) > 100:
            stats.long_cells += 1
        if is_status(cell):
            stats.status += 1
        elif split_status_phrase(cell) is not None and len(cell) <= 80:
            stats.status_phrase += 1
        elif is_vendor_code(cell):
            stats.vendor += 1
        elif _NUMBER_RE.fullmatch(cell):
            stats.numbers += 1
        elif RANGE_RE.fullmatch(cell):
            stats.ranges += 1
        if is_token(cell):
            stats.token += 1
            if is_symbol(cell):
                stats.symbols += 1
        if cell.casefold() in _FLAG_VALUES:
            stats.flags += 1
        if cell[-1] in _SENTENCE_ENDS and not cell.endswith(".."):  # "等..." trails off
            stats.sentences += 1
        stats.words += len(_LATIN_WORD_RE.findall(cell))
        stats.cjk_chars += len(_CJK_RE.findall(cell))
        category, _strong = category_from_text(cell)
        if category is not None:
            stats.category += 1
            categories.add(cell)
    stats.unique = len(seen)
    stats.category_values = len(categories)
    return stats


def _code_kind(stats: ColumnStats, named: str, says_code: bool = False) -> str | None:
    """Settle a column whose header names a code: ``"status"``, ``"error_code"`` or None."""
    if stats.nonempty == 0:
        return None
    if stats.share(stats.status + stats.status_phrase) >= 0.6:
        return "status"
    if named == "status":
        if stats.share(stats.vendor) >= 0.6:
            return "error_code"
        # "Status code" over 1000, 1001 … (WebSocket close codes): numeric codes, not HTTP.
        codes = stats.nonempty - stats.ranges  # "1016–1999" rows are skipped, not codes
        return "error_code" if says_code and stats.numbers >= 0.8 * codes > 0 else None
    return "error_code" if stats.share(stats.token) >= 0.6 else None


_CODE_ROLES = ("status", "error_code")
_CHINESE_HEADER_RE = re.compile(r"[\u3400-\u9fff]|chinese|(?<![a-z])zh(?![a-z])", re.IGNORECASE)
_CODE_WORD_RE = re.compile(r"code|码", re.IGNORECASE)


def detect_roles(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str | None]:
    """The role of each column, from header words first and cell content second."""
    width = len(headers)
    named = [header_role(h) for h in headers]
    stats = [column_stats(rows, j) for j in range(width)]
    headerless = not any(h.strip() for h in headers)
    for j, name in enumerate(named):
        s = stats[j]
        if (
            name == "category"
            and s.nonempty
            and s.category < 0.5 * s.nonempty
            and s.unique >= 0.8 * s.nonempty
        ):
            named[j] = None  # a "Type" column of OK / Created names codes, not categories
    roles: list[str | None] = [None] * width

    status_col: int | None = None
    error_col: int | None = None
    for j, name in enumerate(named):
        if name not in ("status", "code", "error_code"):
            continue
        kind = _code_kind(stats[j], name, says_code=_CODE_WORD_RE.search(headers[j]) is not None)
        if kind == "status" and status_col is None:
            status_col = j
        elif error_col is None and (
            kind == "error_code" or (kind == "status" and name == "error_code")
        ):
            error_col = j  # "status code | errno": errno 104 is the vendor's code, not HTTP

    if (
        status_col is not None
        and error_col is not None
        and named[error_col] == "code"
        and stats[error_col].share(
            stats[error_col].vendor + stats[error_col].symbols + stats[error_col].numbers
        )
        < 0.6
    ):
        error_col = None  # 状态码 | 编码: OK, Created beside the status are names, not codes
    if status_col is None:
        status_col = _status_by_content(named, stats)
    if status_col is not None and error_col is None:
        error_col = _symbol_column(named, stats, status_col)

    # Content decides where the header words did not: look for the missing code column(s).
    minimum = 1 if headerless else 2
    for j in range(width):
        if status_col is not None and error_col is not None:
            break
        if named[j] is not None or j in (status_col, error_col):
            continue
        if NOT_CODE_HEADERS.search(headers[j].lower()):
            continue
        s = stats[j]
        # Statuses may repeat (one code, several causes); other codes are mostly unique.
        if s.nonempty < minimum or s.unique < 0.5 * s.nonempty:
            continue
        if status_col is None and s.share(s.status + s.status_phrase) >= 0.8:
            status_col = j
        elif error_col is None and s.share(s.vendor) >= 0.8 and s.unique >= 0.8 * s.nonempty:
            error_col = j

    if status_col is not None:
        roles[status_col] = "status"
    if error_col is not None:
        roles[error_col] = "error_code"
    if status_col is None and error_col is None:
        return roles

    used: set[str] = set()
    # A header that ends with its role's word ("comment.description") beats one that only
    # contains it ("comment.doc"); otherwise the first column wins.
    order = sorted(range(width), key=lambda j: not ends_with_term(headers[j]))
    for j in order:
        name = named[j]
        if roles[j] is None and name in ROLES and name not in used and name not in _CODE_ROLES:
            roles[j] = name
            used.add(name)

    if "category" not in used:
        for j in range(width):
            s = stats[j]
            if (
                roles[j] is None
                and named[j] is None
                and s.nonempty > 0
                and s.category >= 0.8 * s.nonempty
                and s.category_values <= 6
            ):
                roles[j] = "category"
                used.add("category")
                break

    # "400 Bad Request" cells carry their own phrase: another column is not promoted to it.
    inline_phrases = (
        error_col is None
        and status_col is not None
        and stats[status_col].share(stats[status_col].status_phrase) >= 0.6
    )
    if "phrase" not in used and not inline_phrases:
        phrase_col = _pick_phrase_column(roles, named, stats)
        if phrase_col is not None:
            if roles[phrase_col] == "description":
                # 描述 held the names; a second explanation column (语义) is the description.
                other = next(
                    (j for j, n in enumerate(named) if n == "description" and roles[j] is None),
                    None,
                )
                if other is not None:
                    roles[other] = "description"
            roles[phrase_col] = "phrase"
    _bilingual(roles, named, stats, headers)
    return roles


def _bilingual(
    roles: list[str | None],
    named: list[str | None],
    stats: list[ColumnStats],
    headers: Sequence[str],
) -> None:
    """``Continue | 继续``: the English name is the phrase, the Chinese one its translation.

    Only where the headers agree: a Chinese header over the Chinese names (名称, 中文) or no
    header word over the English ones. A column headed as a description (状态说明) stays the
    description, even when short; Statuscope's own export (``phrase`` beside a ``note`` of
    Chinese text) is read back as it was written.
    """
    if "phrase" not in roles or "translation" in roles:
        return
    phrase = roles.index("phrase")
    for j, role in enumerate(roles):
        if role is not None or named[j] not in (None, "code"):  # 编码 over OK, Created
            continue
        if (
            stats[phrase].is_chinese_names
            and stats[j].is_latin_names
            and _CHINESE_HEADER_RE.search(headers[phrase])
        ):
            explains = named[phrase] == "description" and "description" not in roles
            roles[phrase] = "description" if explains else "translation"
            roles[j] = "phrase"
            return
        if (
            stats[phrase].is_latin_names
            and stats[j].is_chinese_names
            and (named[phrase] is None or _CHINESE_HEADER_RE.search(headers[j]))
        ):
            roles[j] = "translation"
            return


def _status_by_content(named: list[str | None], stats: list[ColumnStats]) -> int | None:
    """A column headed otherwise whose cells are plainly status codes ("Status Code & Message",
    whose last word would make it the phrase)."""
    for j, name in enumerate(named):
        s = stats[j]
        if (
            name in ("phrase", "description", "value")
            and s.nonempty >= 2
            and s.share(s.status + s.status_phrase) >= 0.8
            and s.unique >= 0.8 * s.nonempty
        ):
            return j
    return None


def _symbol_column(
    named: list[str | None], stats: list[ColumnStats], status_col: int
) -> int | None:
    """The column of symbolic error names in a table whose HTTP statuses repeat.

    ``name | codes | description`` with ``FLOOD_WAIT_X | 420``: the name is the vendor's code
    and the number its HTTP status. Only when statuses repeat — a list of unique statuses
    with a ``NOT_FOUND``-style name column is still a list of statuses.
    """
    status = stats[status_col]
    if status.unique >= status.nonempty:
        return None
    for j, name in enumerate(named):
        s = stats[j]
        if (
            j != status_col
            and name in (None, "code", "error_code")
            and s.nonempty >= 2
            and s.share(s.symbols) >= 0.9
            and s.unique >= 0.95 * s.nonempty
        ):
            return j
    return None


def _pick_phrase_column(
    roles: list[str | None], named: list[str | None], stats: list[ColumnStats]
) -> int | None:
    """No column is headed "message": a column of names is the phrase, however headed."""
    for j, role in enumerate(roles):
        s = stats[j]
        if (
            role is None
            and named[j] is None
            and s.nonempty >= 2
            and s.share(s.symbols) >= 0.9
            and s.unique >= 0.9 * s.nonempty
        ):
            return j  # "Identifier": ErrUserNotFound beside a numeric code
    description = next((j for j, r in enumerate(roles) if r == "description"), None)
    if description is not None and stats[description].is_name_like and stats[description].varied:
        return description  # the seed's 描述 column holds "Bad Request": a phrase
    for j, role in enumerate(roles):
        # A "Status" column of words ("Continue") names the code: it is the phrase.
        if (
            role is None
            and named[j] in (None, "status", "code")
            and stats[j].is_short_text
            and stats[j].varied
        ):
            return j
    return None


def is_sentence(text: str) -> bool:
    """An explanation rather than a name: a full sentence of seven words or more (or 30
    Chinese characters) that ends with a full stop."""
    if not text or text[-1] not in _SENTENCE_ENDS:
        return False
    return len(_LATIN_WORD_RE.findall(text)) >= 7 or len(_CJK_RE.findall(text)) >= 30


# -- header rows --------------------------------------------------------------------------
def guess_header_rows(rows: Sequence[Sequence[str]]) -> int:
    """0 or 1: whether the first row of an unmarked table is a header row."""
    if not rows:
        return 0
    first = [c.strip() for c in rows[0]]
    if any(is_code_like(c) for c in first):
        if len(rows) == 1:
            return 0
        second = rows[1]
        for j, cell in enumerate(first):
            if cell and is_code_like(cell) and j < len(second) and is_code_like(second[j].strip()):
                return 0
        if not any(header_role(c) for c in first if c):
            return 0
    return 1


def combine_headers(header_rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """Several header rows (``colspan`` groups) become one header per column."""
    headers: list[str] = []
    for j in range(width):
        parts: list[str] = []
        for row in header_rows:
            text = row[j].strip() if j < len(row) else ""
            text = " ".join(text.split())
            if text and text not in parts:
                parts.append(text)
        headers.append(" ".join(parts))
    return headers


# -- user-given roles ---------------------------------------------------------------------
def validate_roles(roles: Sequence[str | None], width: int) -> None:
    """Raise ValueError unless ``roles`` is a valid assignment for ``width`` columns."""
    if len(roles) != width:
        raise ValueError(f"expected {width} roles, got {len(roles)}")
    seen: set[str] = set()
    for role in roles:
        if role is None:
            continue
        if role not in ROLES:
            raise ValueError(f"unknown column role {role!r}; use one of {', '.join(ROLES)}")
        if role in seen:
            raise ValueError(f"two columns have the role {role!r}")
        seen.add(role)
