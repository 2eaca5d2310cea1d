"""Queries the rest of RaceDesk uses. They take a session and never commit."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.names import identity_keys
from desktop_app.storage.models import (
    ClassAlias,
    Driver,
    Entry,
    EntryDriver,
    Event,
    RaceClass,
    RaceSession,
    Result,
    Series,
    Tag,
    Team,
    driver_tags,
)


def normalise_code(code: str) -> str:
    """``GTD Pro``, ``GTD-PRO`` and ``GTDPRO`` are one class code."""
    return re.sub(r"[\s\-_/]+", "", code).upper()


def normalise_name(name: str) -> str:
    """Fold case, accents and spacing so ``Parker THOMPSON`` matches ``Parker Thompson``."""
    folded = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return re.sub(r"[\s\-'.]+", " ", plain).strip().casefold()


def list_events(session: Session) -> list[Event]:
    query = select(Event).order_by(Event.start_date, Event.id)
    return list(session.scalars(query.options(selectinload(Event.sessions))))


def find_events(session: Session, wanted: str) -> list[Event]:
    """Events whose id or name (any case) is ``wanted``."""
    events = list_events(session)
    return [event for event in events if _is_named(wanted, event.id, event.name)]


def find_sessions(session: Session, event_id: int, wanted: str) -> list[RaceSession]:
    """Sessions of an event whose id, name, or "series name" is ``wanted``."""
    query = select(RaceSession).where(RaceSession.event_id == event_id)
    found = []
    for race_session in session.scalars(query.options(selectinload(RaceSession.series))):
        names = (
            race_session.name,
            f"{race_session.series.code} {race_session.name}",
            f"{race_session.series.name} {race_session.name}",
        )
        if any(_is_named(wanted, race_session.id, name) for name in names):
            found.append(race_session)
    return found


def _is_named(wanted: str, row_id: int, name: str) -> bool:
    text = wanted.strip()
    return text == str(row_id) or text.casefold() == name.casefold()


def series_by_code(session: Session, code: str) -> Series | None:
    wanted = normalise_code(code)
    for series in session.scalars(select(Series)):
        if normalise_code(series.code) == wanted or normalise_code(series.name) == wanted:
            return series
    return None


def find_class(session: Session, series_id: int, code: str) -> RaceClass | None:
    """A class of the series by code, name or alias, spelled any way timing files do."""
    class_id = class_spellings(session, series_id).get(normalise_code(code))
    return session.get(RaceClass, class_id) if class_id is not None else None


def class_spellings(session: Session, series_id: int) -> dict[str, int]:
    """The series' classes by every spelling (code, name, aliases; ``normalise_code``),
    from two column queries; a spelling two classes share means the first class."""
    aliases = select(ClassAlias.class_id, ClassAlias.alias).join(RaceClass)
    aliases_of: dict[int, list[str]] = {}
    for class_id, alias in session.execute(aliases.where(RaceClass.series_id == series_id)):
        aliases_of.setdefault(class_id, []).append(alias)
    classes = select(RaceClass.id, RaceClass.code, RaceClass.name)
    spellings: dict[str, int] = {}
    for class_id, code, name in session.execute(classes.where(RaceClass.series_id == series_id)):
        for spelling in (code, name, *aliases_of.get(class_id, ())):
            spellings.setdefault(normalise_code(spelling), class_id)
    return spellings


def class_aliases(session: Session, class_id: int) -> list[str]:
    query = select(ClassAlias.alias).where(ClassAlias.class_id == class_id)
    return list(session.scalars(query.order_by(ClassAlias.alias)))


def team_by_name(session: Session, name: str) -> Team | None:
    return session.scalar(select(Team).where(Team.name == name.strip()))


def tag_by_name(session: Session, name: str) -> Tag | None:
    return session.scalar(select(Tag).where(Tag.name == name.strip()))


def drivers_named(session: Session, first_name: str, last_name: str) -> list[Driver]:
    """Drivers who are this name spelled any way (``DeAngelis`` = ``DE ANGELIS``)."""
    wanted = identity_keys(first_name, last_name)
    candidates = session.scalars(select(Driver)).all()
    return [
        driver
        for driver in candidates
        if identity_keys(driver.first_name, driver.last_name) & wanted
    ]


def driver_tag_names(session: Session, driver_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Each driver's tag names in name order (drivers without tags are left out)."""
    query = (
        select(driver_tags.c.driver_id, Tag.name)
        .join(Tag, Tag.id == driver_tags.c.tag_id)
        .where(driver_tags.c.driver_id.in_(driver_ids))
        .order_by(Tag.name)
    )
    found: dict[int, tuple[str, ...]] = {}
    for driver_id, name in session.execute(query):
        found[driver_id] = (*found.get(driver_id, ()), name)
    return found


def entry_options() -> list[Any]:
    """Eager loads for showing entries without one query per row."""
    return [
        selectinload(Entry.team),
        selectinload(Entry.race_class),
        selectinload(Entry.series),
        selectinload(Entry.tags),
        selectinload(Entry.seats).selectinload(EntryDriver.driver).selectinload(Driver.tags),
    ]


def event_entries(session: Session, event_id: int, series_id: int | None = None) -> list[Entry]:
    query = select(Entry).where(Entry.event_id == event_id).options(*entry_options())
    if series_id is not None:
        query = query.where(Entry.series_id == series_id)
    entries = session.scalars(query).all()
    return sorted(entries, key=lambda entry: (entry.series_id, car_sort_key(entry.car_number)))


def car_sort_key(number: str | None) -> tuple[int, int, str]:
    """Sort car numbers as people do: 2 before 10, ``01`` beside ``1``, letters last."""
    if not number:
        return (2, 0, "")
    digits = re.match(r"\d+", number)
    return (0, int(digits.group()), number) if digits else (1, 0, number)


def entry_by_number(
    session: Session, event_id: int, series_id: int, car_number: str
) -> Entry | None:
    query = select(Entry).where(
        Entry.event_id == event_id,
        Entry.series_id == series_id,
        Entry.car_number == car_number.strip(),
    )
    return session.scalar(query.options(*entry_options()))


def session_results(session: Session, session_id: int) -> list[Result]:
    """A session's results in grid order, with everything a row shows loaded."""
    query = (
        select(Result)
        .where(Result.session_id == session_id)
        .order_by(Result.sort_order, Result.id)
        .options(
            selectinload(Result.entry).options(*entry_options()),
            selectinload(Result.penalties),
            selectinload(Result.qualifying_driver),
        )
    )
    return list(session.scalars(query))


def session_placings(session: Session, session_id: int) -> list[Result]:
    """A session's results in grid order with only what positions come from.

    Renumbering runs on every keyed car; loading just each car's class and penalties
    (not teams, drivers and tags as ``session_results`` does) keeps it fast on a big file.
    """
    query = (
        select(Result)
        .where(Result.session_id == session_id)
        .order_by(Result.sort_order, Result.id)
        .options(
            selectinload(Result.entry).selectinload(Entry.race_class),
            selectinload(Result.penalties),
        )
    )
    return list(session.scalars(query))
