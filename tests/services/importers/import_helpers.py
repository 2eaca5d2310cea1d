"""Shared by importer tests: the real sample files, a session to import into, a DB dump."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor

TIMING = Path(__file__).resolve().parents[2] / "fixtures" / "timing"
IMSA_RACE = TIMING / "imsa_wtsc_2023_long-beach_race_results_tobi-commaconv.csv"
IMSA_QUALIFYING = TIMING / "imsa_wtsc_2025_long-beach_qualifying_results_tobi-commaconv.csv"
ELMS_RACE = TIMING / "elms_2014_imola-4h_race_classification.csv"


def make_session(editor: Editor, series: str, kind: SessionKind, event: str = "Test") -> int:
    with editor.change("Set up a session") as edit:
        series_id = edit.ensure_series(series, series)
        for code, aliases in (("GTP", ()), ("GTD PRO", ("GTDPRO",)), ("GTD", ())):
            if series == "IWSC":
                edit.ensure_class(series_id, code, aliases=aliases)
        event_id = edit.create_event(event)
        return edit.create_session(event_id, series_id, kind, kind.label)


def dump(path: Path) -> list[str]:
    """Every row of every table, to prove a refused import changed nothing."""
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())
