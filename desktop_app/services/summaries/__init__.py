"""Article-ready summaries: the sentences the reporter pastes into the story.

Call :func:`summarise` with a :class:`Selection` (event, optional session, focus tag,
class, series) and a preset name or a template's text; it returns a
:class:`RenderResult` whose ``error`` names the template line when a template is wrong.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from desktop_app.services.focus import read_rule
from desktop_app.services.summaries import memory as reads
from desktop_app.services.summaries.context import build_context
from desktop_app.services.summaries.presets import (
    Preset,
    all_templates,
    check_user_name,
    copy_name,
    find_template,
    includable_source,
    save_user_template,
    template_source,
)
from desktop_app.services.summaries.render import (
    OutputFormat,
    RenderResult,
    make_environment,
    render,
)
from desktop_app.services.summaries.selection import Selection
from desktop_app.services.summaries.story_filters import STYLES
from desktop_app.services.summaries.views import SessionView, SummaryContext
from desktop_app.storage.database import Database

DEFAULT_PRESET = "weekend"
AUTO_PRESET = "auto"  # the preset of the selected session's kind, else the weekend
_KIND_PRESETS = {"race": "race", "practice": "practice", "warm_up": "practice"}


def summarise(
    database: Database,
    selection: Selection,
    *,
    preset: str = DEFAULT_PRESET,
    source: str | None = None,
    fmt: OutputFormat = OutputFormat.TEXT,
    position_style: str = "P",
) -> RenderResult:
    """Render ``source`` (or the preset's template) for the selection.

    ``preset`` ``auto`` follows the selected session's kind. ``position_style`` is ``P``
    (P8) or ``ordinal`` (8th), for the whole summary. A missing event, session or preset
    raises ``EditError``; a wrong template comes back as a result with ``error`` and
    ``line``.
    """
    if position_style not in STYLES:
        raise ValueError(f"unknown position style {position_style!r}")
    version, context = _context(database, selection)
    context = dataclasses.replace(context, position_style=position_style)
    if source is None:
        source = template_source(preset_for(context.session, preset))
    key = ("render", selection, source, fmt, position_style)
    result = reads.remembered(
        database, key, version, lambda: _render(context, selection, source, fmt)
    )
    if not result.ok:
        reads.forget_key(database, key)  # a template error (or a time-out): tried again
    return result


def _context(database: Database, selection: Selection) -> tuple[tuple[int, int], SummaryContext]:
    """The selection's context, read once per data version (see ``summaries.memory``)."""
    with database.read() as session:
        version = reads.data_version(database, session)
        context = reads.remembered(
            database, ("context", selection), version, lambda: build_context(session, selection)
        )
    return version, context


def _render(
    context: SummaryContext, selection: Selection, source: str, fmt: OutputFormat
) -> RenderResult:
    result = render(_environment(fmt), source, context)
    if result.ok and not result.text.strip():
        return dataclasses.replace(result, empty_reason=empty_reason(context, selection))
    return result


def empty_reason(context: SummaryContext, selection: Selection) -> str:
    """Why a summary came out empty, in one sentence naming the session and the focus."""
    chosen = context.session
    where = f"{chosen.series_code} {chosen.name}" if chosen else context.event.name
    rule = read_rule(selection.tag)
    if rule.everyone:
        return f"Nothing to summarise in {where} yet."
    return f"No car in {where} has a driver in focus ({rule})."


def resolve_preset(database: Database, selection: Selection, preset: str) -> str:
    """The preset ``preset`` stands for on this selection (``auto`` -> the kind's)."""
    if preset.strip().casefold() != AUTO_PRESET:
        return preset
    return preset_for(_context(database, selection)[1].session, preset)


def preset_for(session: SessionView | None, preset: str) -> str:
    """``auto`` becomes the session kind's preset (a qualifying without class positions
    is told as a grid); any other name stays."""
    if preset.strip().casefold() != AUTO_PRESET:
        return preset
    if session is None:
        return DEFAULT_PRESET
    if session.kind == "qualifying":
        placed = any(r.class_position is not None for r in session.all_results)
        return "qualifying" if placed else "grid"
    return _KIND_PRESETS.get(session.kind, DEFAULT_PRESET)


@cache
def _environment(fmt: OutputFormat) -> Any:
    """One sandbox per format, kept: it caches the preset templates it has compiled."""
    return make_environment(fmt, includable_source)


__all__ = [
    "AUTO_PRESET",
    "DEFAULT_PRESET",
    "OutputFormat",
    "Preset",
    "RenderResult",
    "Selection",
    "all_templates",
    "check_user_name",
    "copy_name",
    "find_template",
    "preset_for",
    "resolve_preset",
    "save_user_template",
    "summarise",
    "template_source",
]
