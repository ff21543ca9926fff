"""Header words: the column role a table header names, in English and Chinese.

Headers such as ``status code``, ``HTTP状态码``, ``error code``, ``错误码``, ``message``,
``错误信息``, ``描述``, ``处理措施``, ``模块``, ``类别`` … name a role. A header may name several
things ("Error code description"); the term that ends last wins, because in both languages the
head noun comes last. Columns without a role go to ``extra`` under :func:`extra_key`.
"""

from __future__ import annotations

import re

# -- header words -------------------------------------------------------------------------
_HEADER_TERMS: dict[str, str] = {}


def _terms(role: str, *words: str) -> None:
    for word in words:
        _HEADER_TERMS[word] = role


_terms(
    "status",
    "httpstatuscode",
    "httpstatus",
    "statuscode",
    "httpcode",
    "状态码",
    "http状态",
    "响应状态",
    "status",
    "httpresponsecode",
    "httpreturncode",
    "http",
)
_terms(
    "error_code",
    "errorcode",
    "errcode",
    "错误码",
    "错误代码",
    "异常码",
    "errorid",
    "errorno",
    "faultcode",
    "errno",
    "错误编码",
    "错误号",
    "errornumber",
)
_terms(
    "code",
    "code",
    "返回码",
    "响应码",
    "结果码",
    "代码",
    "编码",
    "returncode",
    "resultcode",
    "responsecode",
    "reasoncode",
    "error",
    "errors",
)
_terms(
    "phrase",
    "reasonphrase",
    "phrase",
    "errormessage",
    "errormsg",
    "message",
    "msg",
    "reason",
    "statustext",
    "statusmessage",
    "text",
    "errortext",
    "title",
)
_terms(
    "phrase",
    "错误信息",
    "错误消息",
    "提示信息",
    "返回信息",
    "信息",
    "消息",
    "提示",
    "错误提示",
    "状态信息",
    "名称",
)
_terms(
    "description",
    "description",
    "desc",
    "details",
    "detail",
    "explanation",
    "meaning",
    "描述",
    "说明",
    "含义",
    "详细信息",
    "详情",
    "解释",
    "释义",
    "详细描述",
    "comment",
    "comments",
    "scenario",
    "usage",
    "场景",
    "语义",
)
_terms(
    "solution",
    "solution",
    "solutions",
    "handling",
    "handlingmeasure",
    "handlingmeasures",
    "measure",
    "measures",
    "resolution",
    "remedy",
    "suggestion",
    "suggestions",
    "action",
    "recommendation",
    "recommendedaction",
    "howtofix",
    "fix",
    "处理措施",
    "处理方法",
    "处理建议",
    "解决方案",
    "解决方法",
    "解决办法",
    "建议",
    "措施",
    "操作建议",
)
_terms(
    "module",
    "module",
    "模块",
    "service",
    "服务",
    "component",
    "组件",
    "subsystem",
    "product",
    "产品",
    "所属模块",
)
_terms(
    "category",
    "category",
    "类别",
    "分类",
    "类型",
    "type",
    "kind",
    "group",
    "分组",
    "错误类型",
    "errortype",
)

#: Header words of columns that hold numbers but never codes (content detection skips them).
NOT_CODE_HEADERS = re.compile(
    r"value|default|example|sample|length|size|max|min|port|timeout|count|number|limit|"
    r"version|date|time|year|默认|取值|示例|长度|大小|范围|数量|端口|超时|版本|日期|时间|个数"
)
_HEADER_NORMALIZE_RE = re.compile(r"[\W_]+")


def normalize_header(header: str) -> str:
    """``"HTTP Status-Code"`` → ``"httpstatuscode"``: lowercase, no spaces or punctuation."""
    return _HEADER_NORMALIZE_RE.sub("", header.lower())


#: Headers that name a code only in registries ("Value | Description | Reference"): such a
#: column is the status column when its cells are status codes, never a vendor code.
_VALUE_HEADERS = frozenset({"value", "values", "returnedvalue", "returnvalue", "取值"})


def header_role(header: str) -> str | None:
    """The role a header names (``"code"`` when it could be status or error code), if any;
    ``"value"`` for a registry's Value column (a status column if its cells say so)."""
    norm = normalize_header(header)
    if not norm or len(norm) > 60:
        return None
    if norm in _VALUE_HEADERS:
        return "value"
    best: tuple[int, int, str] | None = None
    for term, role in _HEADER_TERMS.items():
        pos = norm.rfind(term)
        if pos < 0:
            continue
        key = (pos + len(term), len(term), role)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def ends_with_term(header: str) -> bool:
    """Whether the header's last word is the role's word (``Comment description``)."""
    norm = normalize_header(header)
    return any(norm.endswith(term) for term in _HEADER_TERMS)


_EXTRA_KEY_RE = re.compile(r"[^\w]+")
_UNDERSCORES_RE = re.compile(r"_+")


def extra_key(header: str, column: int) -> str:
    """The key of a column in ``extra``: snake_case of the header (idempotent), or column_N."""
    key = _EXTRA_KEY_RE.sub("_", header.strip().lower())
    key = _UNDERSCORES_RE.sub("_", key).strip("_")[:60]
    return key or f"column_{column + 1}"
