"""Jinja2 filters: numbers, times, names and places the way the article writes them.

Every filter takes plain values or view objects and returns text, so presets and the
reporter's own templates spell things the same way (``P4``, ``4th``, ``second fastest``,
``inside row five``, ``Thurs Jan 25 - 4:10pm - 5:00pm``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from desktop_app.domain import words
from desktop_app.domain.classification import grid_slot
from desktop_app.domain.timing import Gap, format_gap, format_gap_plain, format_time
from desktop_app.services.summaries.views import DriverView, EntryView, PositionMove, ResultView

# Newspaper day abbreviations, as the article prints them ("Thurs Jan 25").
_DAYS = ("Mon", "Tues", "Wed", "Thurs", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def position(n: int | None) -> str:
    """``P4``; empty when there is no position."""
    return words.position_label(n) if n else ""


def ordinal(n: int | None) -> str:
    """``4th``."""
    return words.ordinal(n) if n else ""


def ordinal_word(n: int | None) -> str:
    """``second`` (as in "went second fastest")."""
    return words.ordinal_word(n) if n else ""


def number_word(n: int | None) -> str:
    """``six`` (as in "turning six laps")."""
    return "" if n is None else words.number_word(n)


def lap_time(ms: int | None) -> str:
    """``1:47.123``."""
    return format_time(ms)


def gap(ms: int | None) -> str:
    """``+0.150``: signed, as in a results table."""
    return "" if ms is None else format_gap(Gap(ms=ms))


def gap_plain(ms: int | None) -> str:
    """``0.150``: for prose ("just 0.150 off the top spot")."""
    return format_gap_plain(ms)


def name(driver: DriverView | None, form: str = "full") -> str:
    """``George Staikos`` (form ``full``) or ``Staikos`` (form ``last``)."""
    if driver is None:
        return ""
    if form == "last":
        return driver.last_name
    if form != "full":
        raise ValueError(f'name form "{form}" is not known: use "full" or "last"')
    return driver.full_name


def names(drivers: Iterable[DriverView], form: str = "full", joiner: str = " / ") -> str:
    """Several drivers of one car: ``Goikhberg / De Francesco``."""
    return joiner.join(name(driver, form) for driver in drivers)


def hometown(driver: DriverView | None) -> str:
    """``(Trenton, ON)``; empty when the hometown is not known."""
    return f"({driver.hometown})" if driver and driver.hometown else ""


def grid_row(n: int | None) -> str:
    """``inside row five`` from a grid position (two by two)."""
    return grid_slot(n).describe() if n else ""


def clock(moment: dt.datetime | None) -> str:
    """``4:10pm`` (local time; the view objects already hold the circuit's time)."""
    if moment is None:
        return ""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02}{'am' if moment.hour < 12 else 'pm'}"


def day(moment: dt.date | None) -> str:
    """``Thurs Jan 25``."""
    if moment is None:
        return ""
    return f"{_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment.day}"


def time_span(starts_at: dt.datetime | None, ends_at: dt.datetime | None = None) -> str:
    """``Thurs Jan 25 - 4:10pm - 5:00pm``; just the start when no end is known."""
    if starts_at is None:
        return ""
    parts = [day(starts_at), clock(starts_at)]
    if ends_at is not None:
        parts.append(clock(ends_at))
    return " - ".join(parts)


def broadcast_time(slot: Any) -> str:
    """A broadcast slot's day and times (``Sat Jan 27 - 1:30pm``)."""
    return time_span(slot.starts_at, slot.ends_at)


def car_name(entry: EntryView) -> str:
    """``#12 Vasser Sullivan Lexus``."""
    return " ".join(part for part in (entry.car, entry.team, entry.vehicle) if part)


def crew(
    result: ResultView | EntryView,
    marker: str = "",
    hometowns: bool = False,
    partners: bool = False,
) -> str:
    """The car's drivers in focus: ``Roman DeAngelis Q / Robichon``.

    ``marker`` follows the qualifying driver; ``hometowns`` adds ``(Trenton, ON)``;
    ``partners`` adds the other drivers as ``(w/Brian Ortiz)``.
    """
    entry = result.entry if isinstance(result, ResultView) else result
    qualifier = result.qualifying_driver if isinstance(result, ResultView) else None
    named = entry.focus_drivers or entry.drivers  # a tagged entry: all its drivers
    people = []
    for driver in named:
        text = driver.full_name
        if marker and qualifier is not None and driver.id == qualifier.id:
            text += marker
        if hometowns and driver.hometown:
            text += f" {hometown(driver)}"
        people.append(text)
    text = " / ".join(people)
    others = [driver for driver in entry.drivers if driver not in named]
    if partners and others and text:
        text += f" (w/{names(others)})"
    return text


def who(result: ResultView | EntryView, hometowns: bool = False, partners: bool = False) -> str:
    """The drivers in focus, or ``the #65 Multimatic Ford Mustang`` when none are known."""
    entry = result.entry if isinstance(result, ResultView) else result
    named = crew(result, hometowns=hometowns, partners=partners)
    return named or f"the {car_name(entry)}"


def sentence(text: str) -> str:
    """Capitalise the first letter only (``the #65 ...`` opening a sentence)."""
    return text[:1].upper() + text[1:]


_CLAUSE_FORMS = {
    # status: (opening "saw X ...", middle "Y ...", closing "while Z ...")
    "classified": ("finishing {p}", "was {p}", "finished {p}"),
    "dnf": ("retiring", "retired", "retired"),
    "dns": ("not starting", "did not start", "did not start"),
    "not_started": ("not starting", "did not start", "did not start"),
    "dsq": ("being disqualified", "was disqualified", "was disqualified"),
    "not_classified": ("not being classified", "was not classified", "was not classified"),
}
_CLAUSE_SLOTS = {"opening": 0, "middle": 1, "closing": 2}


def race_clause(result: ResultView, slot: str = "closing", style: str = "P") -> str:
    """``finishing P4 in LMP3`` / ``was P8 in LMP3`` / ``finished P13 in GSX``; or DNF...

    ``style`` ``ordinal`` writes ``8th``: one style for the whole summary. A pair of
    drivers takes ``were``.
    """
    forms = _CLAUSE_FORMS.get(result.status, _CLAUSE_FORMS["classified"])
    place = result.place
    text = forms[_CLAUSE_SLOTS[slot]]
    if result.status == "classified" and place is None:
        text = {"opening": "taking part", "middle": "took part", "closing": "took part"}[slot]
    text = text.format(p=ordinal(place) if style == "ordinal" else position(place))
    if text.startswith("was ") and result.crew_size > 1:
        text = "were " + text[4:]
    if result.entry.class_code:
        text += f" in {result.entry.class_code}"
    if result.status == "dnf" and place:
        text += f" (classified {position(place)})"
    return text


def penalty_clause(move: PositionMove | None) -> str:
    """``but would be elevated to P7 following a post-race penalty against the
    second-place finisher (Ware)``; empty when the official place did not change."""
    if move is None:
        return ""
    if not move.elevated:
        return f"but would drop to {position(move.after)} following a post-race penalty"
    cars = move.penalised
    text = f"but would be elevated to {position(move.after)} following "
    if not cars:
        return text + "post-race penalties"
    if len(cars) == 1:
        car = cars[0]
        return text + f"a post-race penalty against the {_placed(car.class_position)} ({car.names})"
    listed = ", ".join(f"the {_placed(c.class_position)} ({c.names})" for c in cars)
    return text + f"post-race penalties against {listed}"


def _placed(n: int | None) -> str:
    return f"{words.ordinal_word(n)}-place finisher" if n else "car ahead"


FILTERS: dict[str, Callable[..., str]] = {
    "position": position,
    "ordinal": ordinal,
    "ordinal_word": ordinal_word,
    "number_word": number_word,
    "lap_time": lap_time,
    "gap": gap,
    "gap_plain": gap_plain,
    "name": name,
    "names": names,
    "hometown": hometown,
    "grid_row": grid_row,
    "clock": clock,
    "day": day,
    "time_span": time_span,
    "broadcast_time": broadcast_time,
    "race_clause": race_clause,
    "car_name": car_name,
    "crew": crew,
    "who": who,
    "sentence": sentence,
    "penalty_clause": penalty_clause,
}
