"""UI translation: Qt translators for our catalogue and Qt's own, switchable at runtime.

Strings are marked with :func:`translate` (an explicit context, so lookups never depend on the
subclass name) and static tables with :func:`QT_TRANSLATE_NOOP`. Catalogues are
``resources/i18n/statuscope_<lang>.ts`` compiled to ``.qm`` by ``pyside6-lrelease``
(see ``app/docs/translations.md``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.services.paths import resource_path

log = logging.getLogger(__name__)
LANGUAGES = {"en": "English", "zh_CN": "中文"}


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate`` by a name ``pyside6-lupdate`` extracts."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for extraction under ``context``; translated later with :func:`translate`."""
    return text


def system_language() -> str:
    """``zh_CN`` when the system locale is Chinese, else ``en``."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def normalize_language(value: str | None) -> str:
    if not value:
        return ""
    value = value.replace("-", "_")
    if value.lower().startswith("zh"):
        return "zh_CN"
    return "en" if value.lower().startswith("en") else ""


# Translators are application-wide state, so they are tracked per process, not per window.
_installed: list[QTranslator] = []


class Translations:
    """Owns the installed translators; ``switch(lang)`` swaps them. The main window then
    calls every pane's ``retranslate_ui()``, so the UI changes language without a restart."""

    def __init__(self) -> None:
        self.language = "en"

    def switch(self, language: str) -> str:
        language = normalize_language(language) or "en"
        app = QCoreApplication.instance()
        for translator in _installed:
            QCoreApplication.removeTranslator(translator)
        _installed.clear()
        self.language = language
        if language != "en" and app is not None:
            self._load(f"statuscope_{language}", str(resource_path("i18n")))
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._load(f"qtbase_{language}", qt_dir)
        return language

    def _load(self, name: str, directory: str) -> None:
        translator = QTranslator()
        if translator.load(name, directory):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        else:
            log.info("no translation %s in %s", name, directory)
