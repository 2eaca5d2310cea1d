"""Preset templates (shipped in ``resources/templates``) and the reporter's own copies.

Presets are listed in ``resources/templates/presets.json`` (name, file, one-line
description). A user template is a copy the reporter edited, saved as ``NAME.j2`` in the
user templates folder; its name may not reuse a preset's, so a preset is never shadowed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop_app import paths
from desktop_app.files import write_text_atomically
from desktop_app.services.errors import EditError

MANIFEST = "presets.json"
TEMPLATE_SUFFIX = ".j2"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,59}")


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    path: Path
    is_user: bool = False


def presets_dir() -> Path:
    return paths.resources_dir() / "templates"


@cache
def _manifest(folder: Path) -> tuple[Preset, ...]:
    items = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return tuple(Preset(i["name"], i["description"], folder / i["file"]) for i in items)


def shipped_presets() -> tuple[Preset, ...]:
    return _manifest(presets_dir())


def user_templates() -> list[Preset]:
    folder = paths.user_templates_dir()
    if not folder.is_dir():
        return []
    return [
        Preset(path.stem, "your template", path, is_user=True)
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}"), key=lambda p: p.stem.casefold())
    ]


def all_templates() -> list[Preset]:
    """Presets first (in manifest order), then the reporter's own templates."""
    return [*shipped_presets(), *user_templates()]


def find_template(name: str) -> Preset:
    wanted = name.strip().casefold()
    for preset in all_templates():
        if preset.name.casefold() == wanted:
            return preset
    choices = ", ".join(p.name for p in all_templates())
    raise EditError(f'There is no summary preset called "{name}" (choose from: {choices}).')


def template_source(name: str) -> str:
    preset = find_template(name)
    try:
        return preset.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EditError(f'The template "{preset.name}" could not be read: {error}.') from error


def includable_source(file_name: str) -> str | None:
    """A preset file by its file name, for ``{% include %}``; nothing else is reachable."""
    for preset in shipped_presets():
        if preset.path.name == file_name:
            return preset.path.read_text(encoding="utf-8")
    return None


def check_user_name(name: str) -> str:
    """A user template name that is a safe file name and no preset's name."""
    clean = name.strip()
    if not _NAME.fullmatch(clean):
        raise EditError(
            "A template name uses letters, digits, spaces, - and _ (up to 60), "
            "starting with a letter or digit."
        )
    if any(p.name.casefold() == clean.casefold() for p in shipped_presets()):
        raise EditError(f'"{clean}" is the name of a preset; give your copy another name.')
    return clean


def save_user_template(name: str, source: str) -> Path:
    """Write atomically so a crash never leaves half a template behind."""
    clean = check_user_name(name)
    folder = paths.user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{clean}{TEMPLATE_SUFFIX}"
    write_text_atomically(target, source, newline="\n")
    return target


def copy_name(name: str) -> str:
    """A free name for a copy of ``name``: ``race copy``, ``race copy 2``..."""
    taken = {p.name.casefold() for p in all_templates()}
    base = f"{name} copy"
    candidate, number = base, 2
    while candidate.casefold() in taken:
        candidate, number = f"{base} {number}", number + 1
    return candidate
