"""What a summary covers: the reporter's choice and the filters that apply it.

The focus group is a rule (:mod:`desktop_app.domain.focus`): ``country:CAN``,
``hometown:*, QC``, ``tag:Canadian``, joined by commas meaning "or"; a bare word is a tag,
so an old ``Canadian`` setting still works. A car is in focus when it is tagged, or when
a driver of its crew in that session is; so a car like the #65 Multimatic Mustang
(tagged, no drivers keyed) is still listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.services.crews import Crews
from desktop_app.services.focus import person, read_rule
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry

if TYPE_CHECKING:
    from desktop_app.services.summaries import views as v


@dataclass(frozen=True)
class Selection:
    """What to summarise: an event, optionally one session, and the filters.

    ``tag`` is the focus rule (its old name: a single tag is a rule too).
    """

    event_id: int
    session_id: int | None = None
    tag: str = "Canadian"
    class_code: str = ""
    series: str = ""


class Focus:
    """Focus rule, class and series filters, spelled any way the reporter types them."""

    def __init__(self, selection: Selection) -> None:
        self.rule = read_rule(selection.tag)
        self.class_code = repo.normalise_code(selection.class_code)
        self.series_code = repo.normalise_code(selection.series)
        self.crews: Crews = {}  # filled by the caller when sessions have their own crews
        # An entry recurs in every session: one view per car, or per (car, session) when
        # that session stored its own crew for the car.
        self.entry_views: dict[tuple[int, int | None], v.EntryView] = {}

    def driver_in_focus(self, driver: Driver) -> bool:
        """With no rule everyone is in focus: the summary covers the whole field."""
        return self.rule.driver(person(driver))

    def filters(self, entry: Entry) -> bool:
        """Within the class and series filters (the focus itself is the entry view's)."""
        return self.race_class(entry) and self.series(entry.series.code, entry.series.name)

    def race_class(self, entry: Entry) -> bool:
        if not self.class_code:
            return True
        race_class = entry.race_class
        if race_class is None:
            return False
        spellings = [race_class.code, race_class.name, *(a.alias for a in race_class.aliases)]
        return any(repo.normalise_code(s) == self.class_code for s in spellings)

    def series(self, code: str, name: str) -> bool:
        wanted = self.series_code
        return not wanted or wanted in (repo.normalise_code(code), repo.normalise_code(name))
