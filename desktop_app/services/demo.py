"""Load the reference weekend (the RaceCanada article) as demo events.

The data file ``resources/demo/rolex24_2024.json`` holds only what the article states.
Loading is one transaction and is skipped for events already present, so running it twice
never duplicates anything.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from desktop_app import paths
from desktop_app.domain.classification import PenaltyKind
from desktop_app.domain.sessions import Coverage, ResultState, SessionKind
from desktop_app.services.editing import Editor, Edits
from desktop_app.storage import repository as repo

DEMO_FILE = "demo/rolex24_2024.json"


@dataclass(frozen=True)
class DemoReport:
    created: list[str]
    skipped: list[str]


def demo_data() -> dict[str, Any]:
    path: Path = paths.resources_dir() / DEMO_FILE
    return dict(json.loads(path.read_text(encoding="utf-8")))


def load_demo(editor: Editor) -> DemoReport:
    """Create the demo events that are not in the database yet (one transaction)."""
    with editor.change("Load demo weekend") as edit:
        return load_demo_into(edit)


def load_demo_into(edit: Edits) -> DemoReport:
    """The demo events not in the database yet, inside the caller's action."""
    data = demo_data()
    created, skipped = [], []
    loader = _Loader(edit, data)
    for event in data["events"]:
        if repo.find_events(edit.session, event["name"]):
            skipped.append(event["name"])
        else:
            loader.event(event)
            created.append(event["name"])
    return DemoReport(created, skipped)


class DemoStep:
    """Load the demo weekend as an undo step; undo deletes the events it created."""

    def __init__(self) -> None:
        self.created: list[str] = []

    def apply(self, edit: Edits, _ids: object) -> None:
        self.created = load_demo_into(edit).created

    def revert(self, edit: Edits, _ids: object) -> None:
        for name in self.created:
            for event in repo.find_events(edit.session, name):
                edit.delete_event(event.id)


class _Loader:
    def __init__(self, edit: Edits, data: dict[str, Any]) -> None:
        self.edit = edit
        self.series: dict[str, int] = {}
        self.classes: dict[tuple[str, str], int] = {}
        for series in data["series"]:
            self._series(series)
        self.drivers = {item["key"]: self._driver(item) for item in data["drivers"]}
        self.entries: dict[str, int] = {}

    def _series(self, item: dict[str, Any]) -> None:
        series_id = self.edit.ensure_series(item["code"], item["name"])
        self.series[item["code"]] = series_id
        for order, race_class in enumerate(item["classes"]):
            self.classes[item["code"], race_class["code"]] = self.edit.ensure_class(
                series_id,
                race_class["code"],
                race_class["name"],
                aliases=race_class.get("aliases", ()),
                sort_order=order,
            )

    def _driver(self, item: dict[str, Any]) -> int:
        """Reuse a driver already in the database (same name) so tags carry over."""
        first, last = item.get("first_name", ""), item["last_name"]
        found = repo.drivers_named(self.edit.session, first, last)
        if found:
            return found[0].id
        fields = {
            k: item[k]
            for k in ("first_name", "country", "hometown_city", "hometown_region")
            if k in item
        }
        return self.edit.create_driver(last, tags=item.get("tags", ()), **fields)

    def event(self, item: dict[str, Any]) -> None:
        zone = ZoneInfo(item["time_zone"])
        event_id = self.edit.create_event(
            item["name"],
            circuit=item["circuit"],
            time_zone=item["time_zone"],
            start_date=dt.date.fromisoformat(item["start_date"]),
            end_date=dt.date.fromisoformat(item["end_date"]),
        )
        for entry in item["entries"]:
            self._entry(event_id, entry)
        for race_session in item["sessions"]:
            self._session(event_id, race_session, zone)

    def _entry(self, event_id: int, item: dict[str, Any]) -> None:
        self.entries[item["key"]] = self.edit.create_entry(
            event_id,
            self.series[item["series"]],
            item["number"],
            class_id=self.classes[item["series"], item["class"]],
            team_id=self.edit.ensure_team(item["team"] or ""),
            vehicle=item["vehicle"],
            driver_ids=[self.drivers[key] for key in item["drivers"]],
            tags=item.get("tags", ()),
        )

    def _session(self, event_id: int, item: dict[str, Any], zone: ZoneInfo) -> None:
        session_id = self.edit.create_session(
            event_id,
            self.series[item["series"]],
            SessionKind(item["kind"]),
            item["name"],
            starts_at=_local(item.get("starts_at"), zone),
            ends_at=_local(item.get("ends_at"), zone),
            notes=item.get("notes", ""),
            result_state=ResultState(item.get("state", "none")),
        )
        for slot in item.get("broadcasts", ()):
            starts_at = _local(item["starts_at"], zone)
            assert starts_at is not None, "a broadcast slot needs the session's start"
            self.edit.create_broadcast(
                event_id,
                slot["title"],
                slot["outlet"],
                starts_at,
                ends_at=_local(item.get("ends_at"), zone),
                session_id=session_id,
                coverage=Coverage(slot.get("coverage", "live")),
            )
        for result in item.get("results", ()):
            self._result(session_id, result)

    def _result(self, session_id: int, item: dict[str, Any]) -> None:
        fields = {
            k: v for k, v in item.items() if k not in {"entry", "penalties", "qualifying_driver"}
        }
        if "qualifying_driver" in item:
            fields["qualifying_driver_id"] = self.drivers[item["qualifying_driver"]]
        result_id = self.edit.add_result(session_id, self.entries[item["entry"]], **fields)
        for penalty in item.get("penalties", ()):
            self.edit.add_penalty(
                result_id,
                PenaltyKind(penalty["kind"]),
                reason=penalty.get("reason", ""),
                post_session=penalty.get("post_session", True),
                amount_ms=penalty.get("amount_ms"),
                positions=penalty.get("positions"),
            )


def _local(text: str | None, zone: ZoneInfo) -> dt.datetime | None:
    """A wall-clock time at the circuit, as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone) if text else None
