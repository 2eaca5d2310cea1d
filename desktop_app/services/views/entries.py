"""A car of the entry list as every reader shows it: the workbook's Entry list, a summary.

:class:`EntryView` is the shared car (``EntryInfo``: number, class, team, vehicle, crew)
with what the entry list and prose add: the series and class as named, the car's and its
drivers' tags, and who is in the reporter's focus. :func:`entry_view` is the one reader;
its options cover the two ways a focus rule is applied:

- ``crew``: a session's own crew (``services.crews``) instead of the entry's seats;
- ``everyone_without_rule``: with no rule, a summary covers the whole field (everyone in
  focus), while the workbook highlights nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from desktop_app.domain.focus import FocusRule
from desktop_app.services.catalogue import series_name
from desktop_app.services.focus import person
from desktop_app.services.views.drivers import DriverView, driver_view
from desktop_app.services.views.results import EntryInfo, entry_info
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry


@dataclass(frozen=True)
class EntryView(EntryInfo):
    """The shared car view (number, class, team, vehicle, crew) with what prose adds."""

    series_code: str
    series_name: str  # as the catalogue spells it
    class_name: str
    class_order: int
    in_focus: bool
    tags: tuple[str, ...] = ()  # the car's and its drivers' tags, sorted

    @property
    def number(self) -> str:
        return self.car_number

    @property
    def car(self) -> str:
        """``#61``, or "" when the sheet gave no number."""
        return f"#{self.car_number}" if self.car_number else ""

    @property
    def focus_drivers(self) -> tuple[DriverView, ...]:
        return tuple(driver for driver in self.drivers if driver.in_focus)

    @property
    def other_drivers(self) -> tuple[DriverView, ...]:
        return tuple(driver for driver in self.drivers if not driver.in_focus)

    @property
    def team_car(self) -> str:
        """``Ave Motorsports Ligier JS P320``: how prose names a car."""
        return " ".join(part for part in (self.team, self.vehicle) if part)


def entry_view(
    entry: Entry,
    rule: FocusRule,
    *,
    crew: Sequence[Driver] | None = None,
    everyone_without_rule: bool = True,
) -> EntryView:
    """The car with its crew (``crew`` when given and not empty, else its seats).

    Needs what ``repository.entry_options`` loads. A car is in focus when the rule tags
    it or names a driver of that crew; an empty rule puts everyone in focus, or nobody
    when ``everyone_without_rule`` is false.
    """
    applies = everyone_without_rule or not rule.everyone
    drivers = tuple(
        driver_view(driver, applies and rule.driver(person(driver)))
        for driver in (crew or entry.drivers)
    )
    car_tags = [tag.name for tag in entry.tags]
    race_class, series = entry.race_class, entry.series
    return EntryView(
        **vars(entry_info(entry)) | {"drivers": drivers},
        series_code=series.code,
        series_name=series_name(series.code, series.name),
        class_name=race_class.name if race_class else "",
        class_order=race_class.sort_order if race_class else 0,
        in_focus=applies
        and (rule.everyone or rule.car_tags(car_tags) or any(d.in_focus for d in drivers)),
        tags=tuple(sorted({*car_tags, *(t.name for d in entry.drivers for t in d.tags)})),
    )


def read_entries(
    session: Session, event_id: int, rule: FocusRule, *, everyone_without_rule: bool = True
) -> dict[int, EntryView]:
    """The event's cars by entry id, in entry-list order (series, then car number)."""
    return {
        entry.id: entry_view(entry, rule, everyone_without_rule=everyone_without_rule)
        for entry in repo.event_entries(session, event_id)
    }
