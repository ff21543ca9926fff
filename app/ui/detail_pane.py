"""The detail pane: everything about the selected entry, plus copy buttons.

Rendering is a ``QTextBrowser`` that never loads a resource (``loadResource`` refuses all)
and never follows a link by itself: ``code:`` links jump to that entry, ``header:`` links
search for the header, and https links open in the user's browser only on a click.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QHelpEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.registry.copy_formats import CONSTANT_LANGUAGES
from app.registry.entry import StatusEntry
from app.services.clipboard import Clipboard
from app.services.i18n import translate
from app.ui.detail_html import (
    CONSTANT_NAMES,
    RETURNED_WITH_SHOWN,
    empty_html,
    entry_html,
    link_tips,
)


class SafeTextBrowser(QTextBrowser):
    """A text browser that fetches nothing: no images, no style sheets, no remote URLs.
    A link listed in :attr:`link_tips` shows its tip on hover (a cite: "RFC 9110 §7.8")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.link_tips: dict[str, str] = {}

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.link_tips.get(self.anchorAt(self.viewport().mapFromParent(event.pos())))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        return None


class DetailPane(QWidget):
    code_activated = Signal(str)  # a related-code link was clicked
    search_requested = Signal(str)  # a header link (or "all imported codes …") was clicked

    def __init__(self, clipboard: Clipboard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self._clipboard = clipboard
        self._entry: StatusEntry | None = None
        self._empty: tuple[str, int] = ("", 0)
        self._html = ""  # what the browser shows
        self._asked = False  # show_entry() called: before that, the pane stays blank
        self.language = "en"
        #: code → (how many imported codes are returned with it, the first few): the window's
        #: index answers it; None: no imported registries
        self.returned_with: Callable[[str, int], tuple[int, Sequence[StatusEntry]]] | None = None
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("detailBrowser")
        self.browser.anchorClicked.connect(self._link_clicked)
        buttons = QHBoxLayout()
        self.copy_description = QPushButton(self)
        self.copy_description.setObjectName("copyDescription")
        self.copy_status = QPushButton(self)
        self.copy_status.setObjectName("copyStatusLine")
        self.copy_markdown = QPushButton(self)
        self.copy_markdown.setObjectName("copyMarkdown")
        self.more = QToolButton(self)
        self.more.setObjectName("copyMore")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self)
        self.more.setMenu(self.more_menu)
        self.copy_description.clicked.connect(lambda: self.copy("description"))
        self.copy_status.clicked.connect(lambda: self.copy("status_line"))
        self.copy_markdown.clicked.connect(lambda: self.copy("markdown"))
        for button in (self.copy_description, self.copy_status, self.copy_markdown, self.more):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        for button in (self.copy_description, self.copy_status, self.copy_markdown, self.more):
            button.setEnabled(False)
        self.retranslate_ui()  # renders nothing yet: the window fills the pane after its first
        # paint (laying out the first HTML document costs a few ms)

    @property
    def entry(self) -> StatusEntry | None:
        return self._entry

    def retranslate_ui(self) -> None:
        self.copy_description.setText(translate("DetailPane", "Copy description"))
        self.copy_status.setText(translate("DetailPane", "Copy status line"))
        self.copy_markdown.setText(translate("DetailPane", "Copy Markdown row"))
        self.more.setText(translate("DetailPane", "More"))
        self.more.setToolTip(translate("DetailPane", "More copy formats"))
        self.browser.setAccessibleName(translate("DetailPane", "Code details"))
        self._rebuild_menu()
        self._render()

    def _rebuild_menu(self) -> None:
        self.more_menu.clear()
        fill_copy_menu(self.more_menu, self._entry, self.copy)

    def show_entry(self, entry: StatusEntry | None, query: str = "", total: int = 0) -> None:
        self._asked = True
        self._entry = entry
        self._empty = (query, total)
        for button in (self.copy_description, self.copy_status, self.copy_markdown, self.more):
            button.setEnabled(entry is not None)
        self._rebuild_menu()
        self._render()

    def _render(self) -> None:
        if not self._asked:
            return
        entry = self._entry
        if entry is None:
            html = empty_html(*self._empty)
        else:
            returned: tuple[int, Sequence[StatusEntry]] = (0, ())
            if self.returned_with is not None and entry.source == "IANA":
                returned = self.returned_with(entry.code, RETURNED_WITH_SHOWN)
            html = entry_html(entry, self.language, returned_with=returned)
        self.browser.link_tips = link_tips(entry)
        if html != self._html:  # start-up and retranslation ask several times: lay out once
            self._html = html
            self.browser.setHtml(html)

    def copy(self, fmt: str) -> None:
        if self._entry is not None:
            self._clipboard.copy(self._entry, fmt)

    def _link_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "code":
            self.code_activated.emit(url.path())
        elif scheme in ("header", "search"):
            self.search_requested.emit(url.path())
        elif scheme == "https":
            QDesktopServices.openUrl(url)


def fill_copy_menu(menu: QMenu, entry: StatusEntry | None, copy: Any) -> None:
    """The copy actions shared by the detail pane's "More" button and the table's menu."""

    def add(text: str, fmt: str) -> None:
        action = menu.addAction(text)
        action.setEnabled(entry is not None)
        action.triggered.connect(lambda _checked=False, f=fmt: copy(f))

    add(translate("CopyMenu", "Copy description"), "description")
    add(translate("CopyMenu", "Copy status line"), "status_line")
    add(translate("CopyMenu", "Copy bilingual line"), "bilingual")
    add(translate("CopyMenu", "Copy Markdown row"), "markdown")
    add(translate("CopyMenu", "Copy example response"), "example")
    constants = dict(entry.constants) if entry is not None else {}
    if constants:
        sub = menu.addMenu(translate("CopyMenu", "Copy constant"))
        for language in CONSTANT_LANGUAGES:
            if language in constants:
                action = sub.addAction(f"{CONSTANT_NAMES[language]}: {constants[language]}")
                action.triggered.connect(lambda _checked=False, f=f"constant:{language}": copy(f))
