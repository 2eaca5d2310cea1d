"""Drivers as people, for the Drivers page and the workbook's Drivers sheet.

:func:`driver_rows` reads every driver with what the page shows (country with its name,
hometown, official ids, tags, how many events and sessions); :func:`cell_change` reads
what a reporter typed in a cell into the ``Edits`` call that stores it, refusing an
unknown country code or an unreadable id with one sentence. No Qt here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.countries import country_label, is_country
from desktop_app.services.editing import Edits
from desktop_app.services.entry_text import format_tags, parse_tags
from desktop_app.services.errors import EditError
from desktop_app.services.importers.names import split_hometown
from desktop_app.services.views.drivers import DriverView, driver_view
from desktop_app.storage.models import CrewSeat, Driver, Entry, EntryDriver, Result

FIELDS = ("first_name", "last_name", "display_name", "country", "hometown", "ids", "tags")


@dataclass(frozen=True, kw_only=True)
class DriverRow(DriverView):
    """The shared driver view with what the page and the Drivers sheet add."""

    display_name: str  # the name as printed in articles (first and last name when blank)
    country_label: str  # "CAN Canada"
    official_ids: str  # "imsa 1379; wec 55"
    tags: str
    events: int
    sessions: int
    event_ids: frozenset[int] = frozenset()

    @property
    def printed(self) -> str:
        """The name as timing sheets print it (``full_name``), the page's Printed column."""
        return self.full_name


def driver_rows(session: Session, event_id: int | None = None) -> list[DriverRow]:
    """Every driver (or those of one event), by last then first name."""
    query = select(Driver).options(selectinload(Driver.tags), selectinload(Driver.official_ids))
    events, sessions = _appearances(session)
    drivers = session.scalars(query)
    rows = [_row(driver, events[driver.id], sessions[driver.id]) for driver in drivers]
    if event_id is not None:
        rows = [row for row in rows if event_id in row.event_ids]
    return sorted(rows, key=lambda r: (r.last_name.casefold(), r.first_name.casefold(), r.id))


def _appearances(session: Session) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Driver id -> event ids, and -> session ids (results of their cars, and crews)."""
    seats = session.execute(
        select(EntryDriver.driver_id, Entry.id, Entry.event_id).join(Entry)
    ).all()
    results: dict[int, set[int]] = defaultdict(set)
    for entry_id, session_id in session.execute(select(Result.entry_id, Result.session_id)):
        results[entry_id].add(session_id)
    events: dict[int, set[int]] = defaultdict(set)
    sessions: dict[int, set[int]] = defaultdict(set)
    for driver_id, entry_id, event_id in seats:
        events[driver_id].add(event_id)
        sessions[driver_id] |= results[entry_id]
    for driver_id, session_id in session.execute(select(CrewSeat.driver_id, CrewSeat.session_id)):
        sessions[driver_id].add(session_id)
    return events, sessions


def _row(driver: Driver, events: set[int], sessions: set[int]) -> DriverRow:
    return DriverRow(
        **vars(driver_view(driver)),
        display_name=driver.display_name,
        country_label=country_label(driver.country),
        official_ids=format_ids((o.provider, o.official_id) for o in driver.official_ids),
        tags=format_tags([tag.name for tag in driver.tags]),
        events=len(events),
        sessions=len(sessions),
        event_ids=frozenset(events),
    )


def format_ids(ids: Any) -> str:
    return "; ".join(f"{provider} {official}" for provider, official in ids)


def parse_ids(text: str) -> list[tuple[str, str]]:
    """``imsa 1379; wec 55`` -> [(imsa, 1379), (wec, 55)]."""
    ids = []
    for part in text.replace(",", ";").split(";"):
        words = part.split()
        if not words:
            continue
        if len(words) != 2:
            raise EditError(
                f'"{part.strip()}" is not an official id: write the provider and the id, '
                'like "imsa 1379" (several separated by ;).'
            )
        ids.append((words[0].casefold(), words[1]))
    return ids


def parse_country(text: str) -> str:
    """A country as typed (``can``, ``CAN Canada``) into its ISO code; blank is allowed."""
    code = text.strip().split(" ")[0].upper() if text.strip() else ""
    if code and not is_country(code):
        raise EditError(
            f'"{text.strip()}" is not an ISO 3166 country code: use three letters, '
            "like CAN, USA or GBR."
        )
    return code


Change = tuple[Callable[[Edits, int], Any], Callable[[Edits, int, Any], Any]]


def cell_change(field: str, text: str) -> Change:
    """(forward, backward) edits that store ``text`` in ``field``; raises for bad input."""
    if field == "country":
        code = parse_country(text)
        return _fields({"country": code})
    if field == "hometown":
        city, region = split_hometown(text)
        return _fields({"hometown_city": city, "hometown_region": region})
    if field == "ids":
        ids = parse_ids(text)
        return (
            lambda edit, driver_id: edit.set_official_ids(driver_id, ids),
            lambda edit, driver_id, old: edit.set_official_ids(driver_id, old),
        )
    if field == "tags":
        tags = parse_tags(text)
        return (
            lambda edit, driver_id: edit.set_driver_tags(driver_id, tags),
            lambda edit, driver_id, old: edit.set_driver_tags(driver_id, old),
        )
    if field in ("first_name", "last_name", "display_name"):
        return _fields({field: " ".join(text.split())})
    raise ValueError(f"no driver field {field}")


def _fields(values: dict[str, str]) -> Change:
    return (
        lambda edit, driver_id: edit.update_driver(driver_id, **values),
        lambda edit, driver_id, old: edit.update_driver(driver_id, **old),
    )
