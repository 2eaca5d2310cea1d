"""The reporter's preferences, as a small JSON file in the user config folder.

Plain Python so the command line, the exporters and the window read the same values.
It is the one settings store: the window's layout (Qt's saved geometry as base64 text),
its last selection and the last export folder are kept here too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.files import write_text_atomically

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    author: str = ""
    focus_tag: str = "country:CAN, tag:Canadian"  # the Canadians: by passport or by tag
    backups_keep: int = 10
    recent_databases: list[str] = field(default_factory=list)
    position_style: str = "P"  # summaries write P8 ("P") or 8th ("ordinal")
    #: Where the last export was saved (File > Export suggests it next time).
    export_folder: str = ""
    #: The window's geometry, dock state and splitter, as base64 of Qt's saved bytes.
    window_layout: dict[str, str] = field(default_factory=dict)
    #: The last selected node and tab: {"database", "kind", "event_id", ..., "tab"}.
    selection: dict[str, Any] = field(default_factory=dict)
    #: Column widths the reporter set by hand: {grid: {column key: pixels}}.
    column_widths: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Optional results columns shown, per session kind: {kind: [column keys]}.
    shown_columns: dict[str, list[str]] = field(default_factory=dict)

    def remember_database(self, path: Path, keep: int = 8) -> None:
        """Put ``path`` first in the recent list."""
        text = str(path)
        self.recent_databases = [text, *(p for p in self.recent_databases if p != text)][:keep]


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    """The saved settings; defaults for anything missing, unreadable or of the wrong type."""
    try:
        raw = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for item in fields(Settings):
        value = raw.get(item.name, getattr(defaults, item.name))
        default = getattr(defaults, item.name)
        values[item.name] = value if isinstance(value, type(default)) else default
    return Settings(**values)


def save_settings(settings: Settings) -> None:
    """Write atomically: a crash mid-write never leaves a half-written settings file."""
    target = settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(settings), indent=2, ensure_ascii=False)
    write_text_atomically(target, text)
