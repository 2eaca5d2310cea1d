"""Article-ready summaries: the sentences the reporter pastes into the story.

Call :func:`summarise` with a :class:`Selection` (event, optional session, focus tag,
class, series) and a preset name or a template's text; it returns a
:class:`RenderResult` whose ``error`` names the template line when a template is wrong.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from desktop_app.services.focus import read_rule
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
from desktop_app.services.summaries.views import SummaryContext
from desktop_app.storage.database import Database

DEFAULT_PRESET = "weekend"


def summarise(
    database: Database,
    selection: Selection,
    *,
    preset: str = DEFAULT_PRESET,
    source: str | None = None,
    fmt: OutputFormat = OutputFormat.TEXT,
) -> RenderResult:
    """Render ``source`` (or the preset's template) for the selection.

    A missing event, session or preset raises ``EditError``; a wrong template comes back
    as a result with ``error`` and ``line``.
    """
    text = template_source(preset) if source is None else source
    with database.read() as session:
        context = build_context(session, selection)
    result = render(_environment(fmt), text, context)
    if result.ok and not result.text.strip():
        return replace(result, empty_reason=empty_reason(context, selection))
    return result


def empty_reason(context: SummaryContext, selection: Selection) -> str:
    """Why a summary came out empty, in one sentence naming the session and the focus."""
    chosen = context.session
    where = f"{chosen.series_code} {chosen.name}" if chosen else context.event.name
    rule = read_rule(selection.tag)
    if rule.everyone:
        return f"Nothing to summarise in {where} yet."
    return f"No car in {where} has a driver in focus ({rule})."


@cache
def _environment(fmt: OutputFormat) -> Any:
    """One sandbox per format, kept: it caches the preset templates it has compiled."""
    return make_environment(fmt, includable_source)


__all__ = [
    "DEFAULT_PRESET",
    "OutputFormat",
    "Preset",
    "RenderResult",
    "Selection",
    "all_templates",
    "check_user_name",
    "copy_name",
    "find_template",
    "save_user_template",
    "summarise",
    "template_source",
]
