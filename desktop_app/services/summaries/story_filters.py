"""Filters for race stories and lap facts, in one position style per summary.

``place`` writes a position in the summary's style (``P8`` or ``8th``, from
Preferences); ``won``, ``finish``, ``flags`` and ``driver_laps`` write whole clauses,
each leaving out what is not known so no sentence has an empty slot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from jinja2 import pass_context

from desktop_app.domain import words
from desktop_app.domain.timing import format_time
from desktop_app.services.summaries.filters import car_name, penalty_clause, race_clause
from desktop_app.services.summaries.views import (
    ClassStory,
    DriverView,
    FlagView,
    ResultView,
    SessionView,
)

ORDINAL = "ordinal"
STYLES = ("P", ORDINAL)


def styled(n: int | None, style: str) -> str:
    """``P8`` (style ``P``) or ``8th`` (style ``ordinal``); empty without a position."""
    if not n:
        return ""
    return words.ordinal(n) if style == ORDINAL else words.position_label(n)


def _style(context: Any) -> str:
    return str(context.get("position_style", "P"))


@pass_context
def place(context: Any, n: int | None) -> str:
    return styled(n, _style(context))


def and_names(people: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(people) < 3:
        return " and ".join(people)
    return f"{', '.join(people[:-1])} and {people[-1]}"


def crew_names(result: ResultView) -> str:
    """The drivers in focus (all drivers of a tagged entry), else ``the #65 ...``."""
    entry = result.entry
    named = [driver.full_name for driver in entry.focus_drivers or entry.drivers]
    return and_names(named) if named else f"the {car_name(entry)}"


def margin(story: ClassStory) -> str:
    """``1.234s``, ``1:02.345``, ``a lap``, ``3 laps``; empty when not known."""
    if story.margin_laps:
        return "a lap" if story.margin_laps == 1 else f"{story.margin_laps} laps"
    if story.margin_ms is None or story.margin_ms < 0:
        return ""
    text = format_time(story.margin_ms)
    return text + ("s" if story.margin_ms < 60_000 else "")


def won(story: ClassStory) -> str:
    """``Winward Racing's #57 won GTD by 1.234s``; empty when no winner is known."""
    winner = story.winner
    if winner is None:
        return ""
    entry = winner.entry
    by = f" by {margin(story)}" if margin(story) else ""
    what = f" {story.class_code}" if story.class_code else ""
    if entry.in_focus and winner.move is None:
        car = car_name(entry)
        who = crew_names(winner)
        in_car = f" in the {car}" if car and not who.startswith("the ") else ""
        return f"{who} won{what}{in_car}{by}{_led(winner)}{_fastest(winner)}"
    car = entry.car or car_name(entry)
    who = f"{entry.team}'s {car}" if entry.team and entry.car else car
    return f"{who} won{what}{by}"


@pass_context
def finish(context: Any, result: ResultView) -> str:
    """A car in focus at the end of a race: place, retirement, laps led, fastest lap."""
    style = _style(context)
    who = crew_names(result)
    car = car_name(result.entry)
    in_class = f" in {result.entry.class_code}" if result.entry.class_code else ""
    if result.retired and result.laps:
        text = f"{who} retired after {_laps(result.laps)}" + (f" in the {car}" if car else "")
        return text + _led(result)
    if result.status != "classified" or result.place is None:
        return f"{who} {race_clause(result, 'closing', style)}"
    verb = "were" if result.crew_size > 1 else "was"
    text = f"{who} {verb} {styled(result.place, style)}{in_class}"
    text += (f" in the {car}" if car and not who.startswith("the ") else "") + _led(result)
    text += _fastest(result)
    if result.move is not None:
        text += f" {penalty_clause(result.move)}"
    return text


def _led(result: ResultView) -> str:
    if result.laps_led:
        return f", leading {_laps(result.laps_led)} overall"
    if result.class_laps_led:
        return f", leading {_laps(result.class_laps_led)} in class"
    return ""


def _fastest(result: ResultView) -> str:
    """The class's fastest lap, when a driver in focus set it."""
    lap = result.best_lap
    if not result.fastest_in_class or lap is None or lap.driver is None:
        return ""
    if not lap.driver.in_focus:
        return ""
    where = f" in {result.entry.class_code}" if result.entry.class_code else ""
    return (
        f", and {lap.driver.full_name} set the fastest lap{where} "
        f"({format_time(lap.time_ms)} on lap {lap.lap})"
    )


def _laps(n: int) -> str:
    return "one lap" if n == 1 else f"{n} laps"


def flags(session: SessionView) -> str:
    """``Twelve full-course cautions covered 51 laps (3:14:47 in all); the lead changed
    hands 31 times.`` Laps under a flag are counted for races only."""
    parts = []
    race = session.kind == "race"
    if session.red_flag is not None:
        parts.append(_spells(session.red_flag, "red flag", "red flags", race))
    if session.caution is not None:
        caution = _spells(session.caution, "full-course caution", "full-course cautions", race)
        parts.append(caution)
    text = "; ".join(parts)
    if session.kind == "race" and session.lead_changes:
        changes = "once" if session.lead_changes == 1 else f"{session.lead_changes} times"
        text += ("; the" if text else "The") + f" lead changed hands {changes}"
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _spells(flag: FlagView, one: str, many: str, race: bool = True) -> str:
    """``twelve full-course cautions covered 51 laps (3:14:47 in all)``."""
    count = words.number_word(flag.periods)
    text = f"{count} {one if flag.periods == 1 else many}"
    if race and flag.laps:
        text += f" covered {_laps(flag.laps)}"
    return text + f" ({_duration(flag.time_ms)} in all)"


def _duration(ms: int) -> str:
    """Whole seconds: ``3:14:47``, ``12:05``."""
    minutes, seconds = divmod(ms // 1000, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def driver_laps(result: ResultView) -> str:
    """``Thompson 8 laps, best 1:47.413``, for each driver in focus of the car."""
    lines = []
    for item in result.driver_laps:
        if not item.driver.in_focus:
            continue
        text = f"{_last(item.driver)} {_laps(item.laps)}"
        if item.best_ms is not None:
            text += f", best {format_time(item.best_ms)}"
        lines.append(text)
    return "; ".join(lines)


def _last(driver: DriverView) -> str:
    return driver.last_name or driver.full_name


STORY_FILTERS: dict[str, Callable[..., str]] = {
    "place": place,
    "won": won,
    "margin": margin,
    "finish": finish,
    "flags": flags,
    "driver_laps": driver_laps,
    "crew_names": crew_names,
}
