"""What a timing file's name says: which session, what part of it, when it started.

A weekend folder names its files by session: IMSA downloads say
``202403141005-practice-1-laps.csv`` (the session's local start, then the session, then
what the file holds), Al Kamel's own exports say ``03_Results_Race_Official.CSV`` or
``23_Time Cards_Qualifying.CSV``. Reading the name lets every file of a batch go to its
own session; the header still decides how the file is read.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from desktop_app.domain.sessions import SessionKind

_STAMP = re.compile(r"^(\d{12})(?=\D|$)")
_ALKAMEL_NUMBER = re.compile(r"^\d{2}_")
_SESSIONS: tuple[tuple[re.Pattern[str], SessionKind, str], ...] = (
    (re.compile(r"\b(?:free )?practice ?(\d+)\b"), SessionKind.PRACTICE, "Practice {}"),
    (re.compile(r"\bfp ?(\d+)\b"), SessionKind.PRACTICE, "Practice {}"),
    (re.compile(r"\bsession ?(\d+)\b"), SessionKind.PRACTICE, "Session {}"),
    (re.compile(r"\btest ?(\d+)\b"), SessionKind.PRACTICE, "Test {}"),
    (re.compile(r"\bwarm ?up\b"), SessionKind.WARM_UP, "Warm-up"),
    (re.compile(r"\bqualifying ?(\d+)\b"), SessionKind.QUALIFYING, "Qualifying {}"),
    (re.compile(r"\bqualifying\b"), SessionKind.QUALIFYING, "Qualifying"),
    (re.compile(r"\brace ?(\d+)\b"), SessionKind.RACE, "Race {}"),
    (re.compile(r"\brace\b"), SessionKind.RACE, "Race"),
    (re.compile(r"\bpractice\b"), SessionKind.PRACTICE, "Practice"),
)


class Part(enum.StrEnum):
    """What a file holds of its session."""

    RESULTS = "results"
    LAPS = "laps"
    WEATHER = "weather"
    UNKNOWN = ""


_PARTS: tuple[tuple[re.Pattern[str], Part], ...] = (
    (re.compile(r"\bweather\b"), Part.WEATHER),
    (re.compile(r"\b(?:laps|lap chart|time ?cards|analysis|lap ?times)\b"), Part.LAPS),
    (re.compile(r"\b(?:results?|classification)\b"), Part.RESULTS),
)


@dataclass(frozen=True)
class FileName:
    """A file name read: session kind and name (``Practice 1``), part, local start."""

    part: Part
    kind: SessionKind | None
    session_name: str
    local_start: dt.datetime | None

    def starts_at(self, time_zone: str) -> dt.datetime | None:
        """The stamp read in the event's time zone (files carry local time)."""
        if self.local_start is None:
            return None
        from zoneinfo import ZoneInfo

        return self.local_start.replace(tzinfo=ZoneInfo(time_zone))


def read_file_name(name: str) -> FileName:
    """``202403141005-practice-1-laps.csv`` -> laps of Practice 1, 14 March 10:05 local."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    local_start, stem = _stamp(stem.strip())
    stem = _ALKAMEL_NUMBER.sub("", stem)
    words = " ".join(re.split(r"[\s_\-.]+", stem.casefold())).strip()
    part = next((part for pattern, part in _PARTS if pattern.search(words)), Part.UNKNOWN)
    for pattern, kind, template in _SESSIONS:
        match = pattern.search(words)
        if match:
            number = str(int(match.group(1))) if match.groups() else ""
            return FileName(part, kind, template.format(number), local_start)
    return FileName(part, None, "", local_start)


def _stamp(stem: str) -> tuple[dt.datetime | None, str]:
    match = _STAMP.match(stem)
    if match is None:
        return None, stem
    try:
        when = dt.datetime.strptime(match.group(1), "%Y%m%d%H%M")
    except ValueError:
        return None, stem
    return when, stem[match.end() :]
