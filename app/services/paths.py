"""Where things live: bundled resources, user data and settings. No Qt on this path.

Resources are reached through ONE accessor, :func:`resource_path`, whatever the way of
running:

* source checkout or editable install: ``<repo>/resources`` (beside ``app/``);
* installed wheel: hatchling's ``force-include`` maps ``resources/`` to ``app/_resources``;
* PyInstaller bundle: the spec's ``datas`` put ``resources/`` at ``app/_resources`` too, so
  ``app/__file__`` points into the bundle and no ``sys._MEIPASS`` check is needed.

User data (imported registries, settings, logs) lives under ``$STATUSCOPE_HOME`` when set
(portable mode, used by the tests), else under the platform's data directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
APP_ID = "org.statuscope.Statuscope"


def resources_root() -> Path:
    bundled = _PACKAGE_DIR / "_resources"
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file, e.g. ``resource_path("registry", "meta.json")``."""
    return resources_root().joinpath(*parts)


def home_dir() -> Path | None:
    """The portable-mode root from ``STATUSCOPE_HOME``, or None."""
    value = os.environ.get("STATUSCOPE_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Directory for imported registries and logs (not created here)."""
    home = home_dir()
    if home is not None:
        return home / "data"
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "statuscope"


def config_dir() -> Path | None:
    """Settings directory in portable mode; None means the platform default (QSettings)."""
    home = home_dir()
    return home / "config" if home is not None else None


def has_imported_registries(data_root: Path) -> bool:
    """Cheap check (no SQLite, no importers): was anything ever imported under ``data_root``?
    (``RegistryStore`` keeps its database in ``data_root / "registries"``.)"""
    return (data_root / "registries").is_dir()
