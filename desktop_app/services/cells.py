"""Cell text <-> stored values: counts, and dates and times in the event's own time zone.

Stored times are UTC; a reporter reads and types the circuit's wall clock
(``2024-01-20 14:05``), so every conversion goes through the event's zone here. Whole
numbers (laps, lap numbers, grid slots) are read by one rule whether a reporter typed them
or a timing file holds them, so a value the grid accepts is one an import accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_app.services.errors import EditError

TIME_FORMAT = "%Y-%m-%d %H:%M"
MAX_COUNT = 100_000  # laps and lap numbers; a 24-hour race has under 1,000
WHOLE_NUMBER = "a whole number"
_BLANK_COUNTS = {"", "-", "\u2013"}
_TIME_ONLY = re.compile(r"^(\d{1,2})[:h.](\d{2})$")


class FieldError(ValueError):
    """What a reporter typed in a cell (or a file holds) cannot be stored; the message says why."""


def parse_count(text: str, what: str = WHOLE_NUMBER, *, minimum: int = 0) -> int | None:
    """A whole number (laps, lap number, grid slot); blank, "-" or a dash means unknown.

    ``12.`` is 12 (sheets print ordinals so); digits are ASCII only, and nothing beyond
    what any race has is accepted (SQLite would overflow on a damaged 30-digit cell).
    """
    shown = text.strip()
    body = shown.rstrip(".")
    if body in _BLANK_COUNTS:
        return None
    if not (body.isascii() and body.isdigit()) or int(body) < minimum:
        hint = "" if what == WHOLE_NUMBER else " (expected a whole number like 12)"
        raise FieldError(f'"{shown[:20]}" is not {what}{hint}')
    if len(body) > 6 or int(body) > MAX_COUNT:
        raise FieldError(f'"{shown[:20]}" is more than any race has (at most {MAX_COUNT:,})')
    return int(body)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def format_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def parse_date(text: str) -> dt.date | None:
    """``2024-01-25`` (also ``2024/01/25``); empty means no date."""
    clean = text.strip().replace("/", "-")
    if not clean:
        return None
    try:
        return dt.date.fromisoformat(clean)
    except ValueError as error:
        raise EditError(f'"{text.strip()}" is not a date; type it like 2024-01-25.') from error


def format_local(value: dt.datetime | None, zone_name: str) -> str:
    return value.astimezone(zone(zone_name)).strftime(TIME_FORMAT) if value else ""


def parse_local(
    text: str, zone_name: str, *, default_day: dt.date | None = None
) -> dt.datetime | None:
    """Wall-clock text at the circuit -> aware datetime; ``14:05`` alone keeps the day."""
    clean = " ".join(text.strip().replace("T", " ").split())
    if not clean:
        return None
    local = zone(zone_name)
    only_time = _TIME_ONLY.match(clean)
    if only_time and default_day is not None:
        hour, minute = int(only_time.group(1)), int(only_time.group(2))
        try:
            return dt.datetime.combine(default_day, dt.time(hour, minute), tzinfo=local)
        except ValueError as error:
            raise EditError(f'"{clean}" is not a time of day.') from error
    try:
        parsed = dt.datetime.fromisoformat(clean)
    except ValueError as error:
        raise EditError(
            f'"{clean}" is not a date and time; type it like 2024-01-20 14:05 ({zone_name}).'
        ) from error
    return parsed.replace(tzinfo=local) if parsed.tzinfo is None else parsed


def local_day(value: dt.datetime | None, zone_name: str) -> dt.date | None:
    return value.astimezone(zone(zone_name)).date() if value else None
