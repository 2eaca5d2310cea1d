"""The demo weekend's events and sessions by name, and a shortcut to render a preset."""

from __future__ import annotations

from desktop_app.services.editing import Editor
from desktop_app.services.summaries import OutputFormat, Selection, summarise
from desktop_app.storage import repository as repo


class DemoWeekend:
    """Ids of the demo events and sessions, and a shortcut to render a preset."""

    def __init__(self, editor: Editor) -> None:
        self.editor = editor
        with editor.database.read() as session:
            roar = repo.find_events(session, "Roar Before the 24")[0]
            self.roar = roar.id
            self.rolex = repo.find_events(session, "Rolex 24 at Daytona")[0].id
            self.sessions = {f"{s.series.code} {s.name}": s.id for s in roar.sessions}

    def text(
        self,
        preset: str,
        event: str = "roar",
        session: str | None = None,
        fmt: OutputFormat = OutputFormat.TEXT,
        **filters: str,
    ) -> str:
        result = summarise(
            self.editor.database, self.selection(event, session, **filters), preset=preset, fmt=fmt
        )
        assert result.ok, result.error
        return result.text

    def selection(
        self, event: str = "roar", session: str | None = None, **filters: str
    ) -> Selection:
        event_id = self.roar if event == "roar" else self.rolex
        session_id = self.sessions[session] if session else None
        return Selection(event_id, session_id, **filters)
