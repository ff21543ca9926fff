"""Table columns and item roles, named once and shared by the model, view and tests."""

from __future__ import annotations

from enum import IntEnum

from app.services.i18n import QT_TRANSLATE_NOOP

CONTEXT = "CodeTable"


class Column(IntEnum):
    CODE = 0
    PHRASE = 1
    CLASS = 2
    CATEGORY = 3
    SOURCE = 4


HEADERS = {
    Column.CODE: QT_TRANSLATE_NOOP("CodeTable", "Code"),
    Column.PHRASE: QT_TRANSLATE_NOOP("CodeTable", "Phrase"),
    Column.CLASS: QT_TRANSLATE_NOOP("CodeTable", "Class"),
    Column.CATEGORY: QT_TRANSLATE_NOOP("CodeTable", "Category"),
    Column.SOURCE: QT_TRANSLATE_NOOP("CodeTable", "Source"),
}

CATEGORY_NAMES = {
    "normal": QT_TRANSLATE_NOOP("Categories", "Normal"),
    "error": QT_TRANSLATE_NOOP("Categories", "Error"),
}
LIFECYCLE_NAMES = {
    "standard": QT_TRANSLATE_NOOP("Lifecycle", "Standard"),
    "temporary": QT_TRANSLATE_NOOP("Lifecycle", "Temporary"),
    "unused": QT_TRANSLATE_NOOP("Lifecycle", "Unused"),
    "obsoleted": QT_TRANSLATE_NOOP("Lifecycle", "Obsoleted"),
    "deprecated": QT_TRANSLATE_NOOP("Lifecycle", "Deprecated"),
    "unofficial": QT_TRANSLATE_NOOP("Lifecycle", "Unofficial"),
}
CLASS_NAMES = {
    "1xx": QT_TRANSLATE_NOOP("Classes", "Informational"),
    "2xx": QT_TRANSLATE_NOOP("Classes", "Success"),
    "3xx": QT_TRANSLATE_NOOP("Classes", "Redirection"),
    "4xx": QT_TRANSLATE_NOOP("Classes", "Client Error"),
    "5xx": QT_TRANSLATE_NOOP("Classes", "Server Error"),
}


#: Qt's item-data roles, as the plain ints Qt passes to ``data()``. Naming ``Qt`` costs ~17 ms
#: the first time (PySide6 then builds every enum of the namespace), so nothing on the way to
#: the first paint does; ``tests/models/test_code_table.py`` checks these against ``Qt``.
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
USER_ROLE = 0x0100


class Role(IntEnum):
    ENTRY = USER_ROLE + 1  # the whole StatusEntry
    SORT = USER_ROLE + 2  # native sort value for the column
