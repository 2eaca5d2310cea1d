"""Kinds of session and the state of their results."""

from __future__ import annotations

import enum
from typing import TypeVar

E = TypeVar("E", bound=enum.StrEnum)


class SessionKind(enum.StrEnum):
    """What a session is for; decides which summary sentences fit it."""

    PRACTICE = "practice"
    QUALIFYING = "qualifying"
    RACE = "race"
    WARM_UP = "warm_up"

    @property
    def label(self) -> str:
        return {"warm_up": "Warm-up"}.get(self.value, self.value.capitalize())


class ResultState(enum.StrEnum):
    """How far a session's results can be trusted."""

    NONE = "none"
    PROVISIONAL = "provisional"
    OFFICIAL = "official"

    @property
    def label(self) -> str:
        return {"none": "No results"}.get(self.value, self.value.capitalize())


class Coverage(enum.StrEnum):
    """How a broadcast slot carries the session."""

    LIVE = "live"
    STREAM = "stream"
    DELAY = "delay"


def parse_enum(kind: type[E], text: str) -> E:
    """Read an enum from what a person types: value or label, any case, spaces or dashes."""
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for member in kind:
        if wanted in (member.value, str(getattr(member, "label", "")).lower().replace(" ", "_")):
            return member
    choices = ", ".join(member.value for member in kind)
    raise ValueError(f'"{text}" is not one of: {choices}')
