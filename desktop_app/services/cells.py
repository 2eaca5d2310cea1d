"""Cell text <-> stored values for dates and times, shown in the event's own time zone.

Stored times are UTC; a reporter reads and types the circuit's wall clock
(``2024-01-20 14:05``), so every conversion goes through the event's zone here.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_app.services.errors import EditError

TIME_FORMAT = "%Y-%m-%d %H:%M"
_TIME_ONLY = re.compile(r"^(\d{1,2})[:h.](\d{2})$")


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
