"""Plain, frozen view objects: all a summary template ever sees.

Templates never get ORM rows: a row could lazy-load, reach the session or be changed by a
template. These dataclasses hold copies of stored values (text, numbers, local times), so
what a template can touch is exactly what is listed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.services.views.drivers import DriverView
from desktop_app.services.views.entries import EntryView
from desktop_app.services.views.events import EventView
from desktop_app.services.views.results import ResultLine
from desktop_app.services.views.sessions import SessionHead
from desktop_app.services.views.weather import WeatherView


@dataclass(frozen=True)
class PenalisedCar:
    """A car ahead in class whose post-session penalty moved the others up."""

    class_position: int | None
    names: str  # "Ware", or "#5" when no driver is known


@dataclass(frozen=True)
class PositionMove:
    """Provisional to official class position, and who was penalised to cause it."""

    before: int
    after: int
    penalised: tuple[PenalisedCar, ...]

    @property
    def elevated(self) -> bool:
        return self.after < self.before


@dataclass(frozen=True)
class LapView:
    """A car's best lap from the lap chart: "1:57.123 on lap 212" by its driver."""

    time_ms: int
    lap: int
    driver: DriverView | None


@dataclass(frozen=True)
class DriverLapsView:
    """A driver's laps in a practice: "Thompson 8 laps, best 1:47.413"."""

    driver: DriverView
    laps: int
    best_ms: int | None


@dataclass(frozen=True, kw_only=True)
class ResultView(ResultLine):
    """The shared result line (stored values: positions, laps, times, status, penalties)
    with the car as prose names it and what the lap chart and the story add."""

    entry: EntryView
    status_label: str
    gap_to_top_ms: int | None  # the gap, or (practice, qualifying) the best lap's deficit
    start: int | None  # where the car starts: the grid position, or a qualifying position
    qualifying_driver: DriverView | None
    move: PositionMove | None
    # From the lap chart (empty without one):
    best_lap: LapView | None = None
    fastest_in_class: bool = False  # its best lap is the class's fastest
    laps_led: int = 0
    class_laps_led: int = 0
    pit_stops: int | None = None
    retired: bool = False  # listed as classified, but did not take the chequered flag
    driver_laps: tuple[DriverLapsView, ...] = ()

    @property
    def crew_size(self) -> int:
        """How many names a sentence gives (a pair takes "were")."""
        entry = self.entry
        return len(entry.focus_drivers or entry.drivers)

    @property
    def place(self) -> int | None:
        """The class position quoted first: the provisional one, else the official one."""
        return (
            self.class_position if self.class_position is not None else self.official_class_position
        )


@dataclass(frozen=True)
class BroadcastView:
    title: str
    outlet: str
    starts_at: dt.datetime  # local time at the circuit
    ends_at: dt.datetime | None
    coverage: str
    series_code: str


@dataclass(frozen=True)
class FlagView:
    """A flag's spells in a session: "three full-course cautions for 51 laps"."""

    periods: int
    laps: int
    time_ms: int


@dataclass(frozen=True)
class ClassStory:
    """One class of a race: its winner, the margin, its fastest lap, the cars in focus."""

    class_code: str
    class_name: str
    winner: ResultView | None
    margin_ms: int | None  # to the second car in class, when on the same lap
    margin_laps: int | None  # when the second car is laps down
    fastest: LapView | None
    fastest_entry: EntryView | None
    results: tuple[ResultView, ...]  # cars in focus, in finishing order


@dataclass(frozen=True)
class SessionView(SessionHead):
    """The shared session head (id, name, kind, series, event, state) and its story."""

    title: str  # "VP Racing SportsCar Challenge Practice 2"
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    notes: str
    results: tuple[ResultView, ...]  # the cars in focus, in classification order
    all_results: tuple[ResultView, ...]
    circuit: str = ""
    has_laps: bool = False
    groups: str = ""  # qualifying groups in use ("GTP | LMP2 | GTD PRO, GTD"), "" = one field
    groups_source: str = ""  # "laps" or "reporter"
    classes: tuple[ClassStory, ...] = ()  # a race's classes, in class order
    caution: FlagView | None = None
    red_flag: FlagView | None = None
    lead_changes: int = 0
    weather: WeatherView | None = None  # from the session's weather file, if one was imported


@dataclass(frozen=True)
class EntryGroup:
    """Entries of one class, for lists grouped under class headings."""

    series_name: str
    class_code: str
    class_name: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class SummaryContext:
    """Everything one render gets: the event, the sessions in scope and the focus group."""

    event: EventView
    session: SessionView | None  # None when the whole event is summarised
    sessions: tuple[SessionView, ...]
    entries: tuple[EntryView, ...]
    entry_groups: tuple[EntryGroup, ...]
    broadcasts: tuple[BroadcastView, ...]
    tag: str
    position_style: str = "P"  # "P" writes P8, "ordinal" writes 8th

    @property
    def series_count(self) -> int:
        return len({group.series_name for group in self.entry_groups})
