"""Typed settings over QSettings: preferences with defaults declared once, and window state
(geometry, splitter, header) kept apart under ``state/``.

In portable mode (``STATUSCOPE_HOME``) the INI file lives under ``$STATUSCOPE_HOME/config``.
A settings file Qt cannot parse is moved aside (``*.corrupt-<time>``, nothing deleted) and
the defaults are used, with a logged warning.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from app.services.paths import config_dir

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "language": "",  # "" = follow the system locale at first start
    "zoom": 0,  # text size steps from the default
    "filters/classes": [],
    "filters/categories": [],
    "filters/lifecycles": [],
    "filters/sources": [],
    "view/statusMap": 0,  # 1: the status map is shown under the table
}


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.warning = ""
        self._q = qsettings or self._open()

    def _open(self) -> QSettings:
        directory = config_dir()
        if directory is None:
            settings = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Statuscope", "statuscope"
            )
        else:
            directory.mkdir(parents=True, exist_ok=True)
            settings = QSettings(str(directory / "statuscope.ini"), QSettings.Format.IniFormat)
        if settings.status() != QSettings.Status.NoError:
            path = Path(settings.fileName())
            aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
            self.warning = f"settings file {path} could not be read; moved to {aside.name}"
            log.warning("%s; using defaults", self.warning)
            del settings
            path.replace(aside)
            return self._open()
        return settings

    # ------------------------------------------------------------- preferences
    def value(self, key: str) -> Any:
        default = DEFAULTS[key]
        raw = self._q.value(key, default)
        if isinstance(default, list):
            return _list(raw)
        if isinstance(default, int):
            try:
                return int(str(raw))
            except (TypeError, ValueError):
                log.warning("setting %s has a bad value %r; using %r", key, raw, default)
                return default
        return str(raw) if raw is not None else default

    def set_value(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._q.setValue(key, value)

    # ------------------------------------------------------------- window state
    def state(self, name: str) -> QByteArray | None:
        raw = self._q.value(f"state/{name}")
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def set_state(self, name: str, data: QByteArray) -> None:
        self._q.setValue(f"state/{name}", data)

    def sync(self) -> None:
        self._q.sync()
        if self._q.status() != QSettings.Status.NoError:
            log.warning("settings could not be written to %s", self._q.fileName())
