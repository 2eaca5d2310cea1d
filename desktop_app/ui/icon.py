"""The RaceDesk icon (the application's and the window's), from resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop_app import paths


def racedesk_icon() -> QIcon | None:
    """The RaceDesk icon from resources/icons, when the build ships one."""
    for name in ("racedesk.svg", "racedesk.png"):
        path = paths.resources_dir() / "icons" / name
        if path.is_file():
            return QIcon(str(path))
    return None
