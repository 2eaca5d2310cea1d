"""No sentence ever has an empty slot: every preset, every session, focus or whole field.

A value that is not known is left out with its words, never printed as "at ," or
"in  the". This runs every preset over the demo weekends, the Sebring files and sessions
stripped of circuit, teams, vehicles and car numbers.
"""

from __future__ import annotations

import dataclasses
import re

from sebring_files import Sebring
from summary_weekend import DemoWeekend

from desktop_app.services.summaries import (
    AUTO_PRESET,
    OutputFormat,
    Selection,
    _environment,
    all_templates,
    preset_for,
    template_source,
)
from desktop_app.services.summaries.context import build_context
from desktop_app.services.summaries.render import render
from desktop_app.storage.database import Database
from desktop_app.storage.models import Entry, Event

EMPTY_SLOT = re.compile(
    r"\b(at|in|the|of|by|from|with|for|after|won|was|were|finished)\s*[,.;:)]"  # "at ,"
    r"|\S {2,}\S"  # "in  the"
    r"|\(\s*\)|\s[,.;]|\bNone\b|\bP0\b|#\s"
)


FOCUS_AND_STYLE = (("Canadian", "P"), ("", "ordinal"))


def _every_text(database: Database, event_ids: list[int]) -> list[tuple[str, str]]:
    """Every preset over every scope; each scope's context is built once (the slow part)."""
    texts = []
    with database.read() as session:
        scopes: list[tuple[int, int | None]] = []
        for event_id in event_ids:
            event = session.get(Event, event_id)
            assert event is not None
            scopes += [(event_id, None), *((event_id, s.id) for s in event.sessions)]
        for event_id, session_id in scopes:
            for tag, style in FOCUS_AND_STYLE:
                context = build_context(session, Selection(event_id, session_id, tag=tag))
                context = dataclasses.replace(context, position_style=style)
                for name in [p.name for p in all_templates()] + [AUTO_PRESET]:
                    source = template_source(preset_for(context.session, name))
                    result = render(_environment(OutputFormat.TEXT), source, context)
                    assert result.ok, result.error
                    texts.append((f"{name} {session_id} {tag!r}", result.text))
    return texts


def _check(texts: list[tuple[str, str]]) -> None:
    bad = [
        (where, line)
        for where, text in texts
        for line in text.split("\n")
        if EMPTY_SLOT.search(line)
    ]
    assert bad == []
    assert sum(len(text) for _, text in texts) > 10_000


def test_demo_weekends_have_no_empty_slot(weekend: DemoWeekend) -> None:
    _check(_every_text(weekend.editor.database, [weekend.roar, weekend.rolex]))


def test_sebring_has_no_empty_slot(sebring: Sebring) -> None:
    _check(_every_text(sebring.editor.database, [sebring.event_id]))


def test_missing_circuit_team_vehicle_and_numbers_leave_no_slot(sebring: Sebring) -> None:
    with sebring.editor.change("Forget things") as edit:
        edit.update_event(sebring.event_id, circuit="")
        for entry in edit.session.query(Entry).all():
            edit.update_entry(entry.id, team_id=None, vehicle="", car_number=None, class_id=None)
    _check(_every_text(sebring.editor.database, [sebring.event_id]))
