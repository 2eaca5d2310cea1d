"""What a reporter types in entry-list cells, read into names, and the edits it means.

Timing sheets print line-ups as ``Parker Thompson / Jack Hawksworth`` or
``THOMPSON Parker``; the grid accepts those and the ``First Last; First Last`` it shows.
Parsing is pure; ``driver_ids_for`` composes ``Edits`` methods to find or create drivers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select

from desktop_app.domain.names import PersonName, parse_name, surname_keys
from desktop_app.services.editing import Edits
from desktop_app.services.errors import EditError
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver

DRIVER_SEPARATORS = re.compile(r"\s*(?:;|/|\n|\s&\s)\s*")
TAG_SEPARATORS = re.compile(r"\s*[,;]\s*")
DRIVER_SEPARATOR = "; "


def split_drivers(text: str) -> list[str]:
    """``"A B; C D"`` (or ``/``, ``&``, new lines) -> ``["A B", "C D"]``."""
    return [part.strip() for part in DRIVER_SEPARATORS.split(text or "") if part.strip()]


def parse_driver_name(text: str) -> PersonName:
    """One typed name into first and last name, by the domain's one name parser.

    ``Parker Thompson``, ``THOMPSON Parker`` and ``Thompson, Parker`` are all Parker /
    Thompson; ``Kelvin van der Linde`` keeps the particles with the surname.
    """
    name = parse_name(text)
    if not name.last_name:
        raise EditError("A driver needs a name.")
    return name


def parse_drivers(text: str) -> list[PersonName]:
    names = [parse_driver_name(part) for part in split_drivers(text)]
    folded = [repo.normalise_name(name.full_name) for name in names]
    if len(set(folded)) != len(folded):
        raise EditError("The same driver is listed twice in that car.")
    return names


def parse_tags(text: str) -> list[str]:
    """``"Canadian, Rookie"`` -> ``["Canadian", "Rookie"]``; repeats dropped."""
    seen: dict[str, None] = {}
    for part in TAG_SEPARATORS.split(text or ""):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


def format_drivers(names: Sequence[str]) -> str:
    return DRIVER_SEPARATOR.join(names)


def format_tags(names: Sequence[str]) -> str:
    return ", ".join(names)


def find_driver(edit: Edits, name: PersonName) -> Driver | None:
    """The saved driver this name means: full match, or a unique surname when typed alone
    (any spelling: ``DeAngelis`` finds ``De Angelis``)."""
    if name.first_name:
        found = repo.drivers_named(edit.session, name.first_name, name.last_name)
        return found[0] if found else None
    wanted = surname_keys(name.last_name)
    same = [
        driver
        for driver in edit.session.scalars(select(Driver))
        if surname_keys(driver.last_name) & wanted
    ]
    return same[0] if len(same) == 1 else None


def driver_ids_for(edit: Edits, names: Sequence[PersonName]) -> tuple[list[int], list[int]]:
    """Ids of these drivers in order, creating the missing ones; also the created ids."""
    ids: list[int] = []
    created: list[int] = []
    for name in names:
        driver = find_driver(edit, name)
        if driver is None:
            driver_id = edit.create_driver(name.last_name, first_name=name.first_name)
            created.append(driver_id)
        else:
            driver_id = driver.id
        ids.append(driver_id)
    return ids, created
