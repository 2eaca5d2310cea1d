"""A session's weather as a reporter quotes it: "Track 23 °C, air 23-26 °C, dry".

Weather files hold a reading a minute (``weather_samples``, metric). A story gives the
range over the session in whole degrees, and says "dry" or "rain" only when the station
knew (IMSA's files often say ``RAIN -1``, unknown: then nothing is claimed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop_app.storage.models import WeatherSample


@dataclass(frozen=True)
class WeatherView:
    """Lowest and highest readings of one session; None where the file had no value."""

    air_min_c: float | None
    air_max_c: float | None
    track_min_c: float | None
    track_max_c: float | None
    rain: bool | None  # True: it rained at some point; False: dry throughout; None: unknown

    @property
    def air(self) -> str:
        """``23-26 °C`` (or ``26 °C`` when steady), "" without readings."""
        return degrees(self.air_min_c, self.air_max_c)

    @property
    def track(self) -> str:
        return degrees(self.track_min_c, self.track_max_c)

    @property
    def conditions(self) -> str:
        """The words "rain" or "dry", or "" when the station did not say."""
        return "" if self.rain is None else ("rain" if self.rain else "dry")

    @property
    def text(self) -> str:
        """The session line of a summary: ``Track 23 °C, air 23-26 °C, dry``."""
        parts = [
            f"track {self.track}" if self.track else "",
            f"air {self.air}" if self.air else "",
            self.conditions,
        ]
        line = ", ".join(part for part in parts if part)
        return line[:1].upper() + line[1:]


def degrees(low: float | None, high: float | None) -> str:
    """Whole degrees, as a story gives them; a range only when the ends differ."""
    if low is None or high is None:
        return ""
    first, last = round(low), round(high)
    return f"{first} °C" if first == last else f"{first}-{last} °C"


def session_weather(session: Session, session_ids: Sequence[int]) -> dict[int, WeatherView]:
    """Each session's weather in one grouped query; sessions without readings are absent."""
    if not session_ids:
        return {}
    sample = WeatherSample
    query = (
        select(
            sample.session_id,
            func.min(sample.air_temp_c),
            func.max(sample.air_temp_c),
            func.min(sample.track_temp_c),
            func.max(sample.track_temp_c),
            func.count(sample.rain),
            func.sum(case((sample.rain.is_(True), 1), else_=0)),
        )
        .where(sample.session_id.in_(session_ids))
        .group_by(sample.session_id)
    )
    found = {}
    for session_id, air_low, air_high, track_low, track_high, known, wet in session.execute(query):
        view = WeatherView(air_low, air_high, track_low, track_high, _rain(known, wet))
        if view.text:
            found[session_id] = view
    return found


def _rain(known: int, wet: int | None) -> bool | None:
    if wet:
        return True
    return False if known else None
