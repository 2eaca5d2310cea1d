"""What a summary covers: the reporter's choice and the filters that apply it.

The focus group is a tag: an entry is in focus when the entry or any of its drivers has
it, so a car like the #65 Multimatic Mustang (tagged, no drivers keyed) is still listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services.summaries import views as v
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry


@dataclass(frozen=True)
class Selection:
    """What to summarise: an event, optionally one session, and the filters."""

    event_id: int
    session_id: int | None = None
    tag: str = "Canadian"
    class_code: str = ""
    series: str = ""


class Focus:
    """Focus tag, class and series filters, spelled any way the reporter types them."""

    def __init__(self, selection: Selection) -> None:
        self.tag = selection.tag.strip().casefold()
        self.class_code = repo.normalise_code(selection.class_code)
        self.series_code = repo.normalise_code(selection.series)
        self.entry_views: dict[int, v.EntryView] = {}  # an entry recurs in every session

    def driver_in_focus(self, driver: Driver) -> bool:
        """With no tag everyone is in focus: the summary covers the whole field."""
        return not self.tag or any(t.name.casefold() == self.tag for t in driver.tags)

    def entry(self, entry: Entry) -> bool:
        return (
            self.in_focus(entry)
            and self.race_class(entry)
            and self.series(entry.series.code, entry.series.name)
        )

    def in_focus(self, entry: Entry) -> bool:
        if not self.tag:
            return True
        tagged = any(t.name.casefold() == self.tag for t in entry.tags)
        return tagged or any(self.driver_in_focus(d) for d in entry.drivers)

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
