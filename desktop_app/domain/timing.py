"""Lap times, totals and gaps as timing sheets print them, held as integer milliseconds.

Floats would turn 1:47.123 into 107.12299999 and break equality, sorting and round trips,
so every duration here is an ``int`` of milliseconds and every text form is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANKS = frozenset({"", "-", "\u2013", "\u2014"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2032": "'", "\u00b4": "'"})
_SHOWN_LIMIT = 40

_CLOCK = re.compile(
    r"""
    (?: (?P<h>[0-9]{1,4}) : (?P<hm>[0-9]{2}) [:'] (?P<hs>[0-9]{2})   # 1:02:03, 4:00'04
      | (?P<m>[0-9]{1,4}) [:'] (?P<ms>[0-9]{2})                      # 1:47, 1'36
      | (?P<s>[0-9]{1,5})                                            # 47
    )
    (?: [.,] (?P<frac>[0-9]{1,3}) )?                                 # .123 or ,123
    """,
    re.VERBOSE | re.ASCII,
)
_LAPS = re.compile(r"(?P<sign>[+-]?)\s*(?P<n>[0-9]{1,6})\s*(?:laps?|l)", re.IGNORECASE | re.ASCII)

_LAP_TIME = "a lap time"
_LAP_TIME_HINT = "expected something like 1:47.123"
_GAP = "a gap"
_GAP_HINT = "expected something like +0.150, +1:23.456 or 2 Laps"


class TimingError(ValueError):
    """Text that is not a time or gap; the message quotes it so a reporter can find the cell."""

    def __init__(self, text: str, what: str = _LAP_TIME, reason: str = _LAP_TIME_HINT) -> None:
        shown = text.strip()
        if len(shown) > _SHOWN_LIMIT:
            shown = shown[: _SHOWN_LIMIT - 1] + "\u2026"
        super().__init__(f'"{shown}" is not {what} ({reason})')
        self.text = text


@dataclass(frozen=True)
class Gap:
    """A gap is either time (``ms``, may be negative) or whole laps, never both."""

    ms: int | None = None
    laps: int | None = None

    def __post_init__(self) -> None:
        if (self.ms is None) == (self.laps is None):
            raise ValueError("a Gap needs exactly one of ms or laps")


def _clean(text: str) -> str | None:
    """Sheets print "-" or nothing for "no value"; both mean None, not an error."""
    body = text.strip().translate(_APOSTROPHES)
    return None if body in _BLANKS else body


def _clock_ms(body: str, text: str, what: str, hint: str) -> int:
    """Read an unsigned clock reading; range errors get their own message to be findable."""
    match = _CLOCK.fullmatch(body)
    if match is None:
        raise TimingError(text, what, hint)
    parts = match.groupdict()
    if parts["h"] is not None:
        if int(parts["hm"]) >= 60:
            raise TimingError(text, what, "minutes must be below 60 when hours are given")
        seconds = int(parts["h"]) * 3600 + int(parts["hm"]) * 60 + int(parts["hs"])
        over = int(parts["hs"]) >= 60
    elif parts["m"] is not None:
        seconds = int(parts["m"]) * 60 + int(parts["ms"])
        over = int(parts["ms"]) >= 60
    else:
        seconds, over = int(parts["s"]), False
    if over:
        raise TimingError(text, what, "seconds must be below 60 when minutes are given")
    return seconds * 1000 + int((parts["frac"] or "0").ljust(3, "0"))


def parse_time(text: str | None) -> int | None:
    """Read a lap time or race total; None when the sheet leaves it blank or prints "-"."""
    if text is None or (body := _clean(text)) is None:
        return None
    if body.startswith("-") and _CLOCK.fullmatch(body[1:].strip()):
        raise TimingError(text, _LAP_TIME, "times cannot be negative")
    return _clock_ms(body, text, _LAP_TIME, _LAP_TIME_HINT)


def parse_gap(text: str | None) -> Gap | None:
    """Read a gap column: signed time, or "N Lap(s)"; ties print "+0.000" and stay 0."""
    if text is None or (body := _clean(text)) is None:
        return None
    laps = _LAPS.fullmatch(body)
    if laps is not None:
        count = int(laps["n"])
        return Gap(laps=-count if laps["sign"] == "-" else count)
    sign = -1 if body.startswith("-") else 1
    unsigned = body[1:].lstrip() if body[0] in "+-" else body
    return Gap(ms=sign * _clock_ms(unsigned, text, _GAP, _GAP_HINT))


def format_time(ms: int | None) -> str:
    """Shortest form a sheet would print: 47.123, 1:47.123, 1:02:03.456 (hours unbounded)."""
    if ms is None:
        return ""
    if ms < 0:
        raise ValueError(f"{ms} ms is negative; times are never below zero")
    seconds, millis = divmod(ms, 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    if hours:
        return f"{hours}:{mins:02}:{secs:02}.{millis:03}"
    if minutes:
        return f"{mins}:{secs:02}.{millis:03}"
    return f"{secs}.{millis:03}"


def format_gap(gap: Gap | None) -> str:
    """Always signed, as in a results table: +0.150, -0.150, +1 Lap, -12 Laps."""
    if gap is None:
        return ""
    if gap.laps is not None:
        count = abs(gap.laps)
        unit = "Lap" if count == 1 else "Laps"
        return f"{'-' if gap.laps < 0 else '+'}{count} {unit}"
    if gap.ms is None:  # pragma: no cover - Gap.__post_init__ forbids it
        raise ValueError("a Gap needs exactly one of ms or laps")
    return f"{'-' if gap.ms < 0 else '+'}{format_time(abs(gap.ms))}"


def format_gap_plain(ms: int | None) -> str:
    """Unsigned size of a gap for prose: "just 0.150 off the top spot"."""
    return "" if ms is None else format_time(abs(ms))
