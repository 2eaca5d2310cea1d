"""Setting, correcting, undoing and finding a session's qualifying groups in a real file."""

from __future__ import annotations

import sqlite3

import pytest
from sebring_files import Sebring

from desktop_app.services import qualifying_groups as q
from desktop_app.services.errors import EditError
from desktop_app.storage.models import Lap, RaceSession


def _stored(sebring: Sebring, name: str = "Qualifying") -> tuple[str, str]:
    path = sebring.editor.database.path
    with sqlite3.connect(path) as connection:
        row = connection.execute(
            "SELECT qualifying_groups, groups_source FROM sessions WHERE id = ?",
            (sebring.sessions[name],),
        ).fetchone()
    return row[0], row[1]


def _read(sebring: Sebring, name: str = "Qualifying") -> q.SessionGroups:
    with sebring.editor.database.read() as session:
        race_session = session.get(RaceSession, sebring.sessions[name])
        assert race_session is not None
        return q.read_groups(session, race_session)


def test_groups_are_found_from_the_laps_and_stored_once(sebring: Sebring) -> None:
    found = _read(sebring)
    assert (found.text, found.detected) == ("", "GTP | LMP2 | GTD PRO, GTD")
    assert found.described == (
        "Qualifying groups GTP | LMP2 | GTD PRO, GTD (from the lap chart): group positions."
    )
    stored = q.store_detected_groups(sebring.editor, sebring.sessions["Qualifying"])
    assert stored == "GTP | LMP2 | GTD PRO, GTD"
    assert _stored(sebring) == ("GTP | LMP2 | GTD PRO, GTD", "laps")
    assert q.store_detected_groups(sebring.editor, sebring.sessions["Qualifying"]) == ""


def test_the_reporter_corrects_the_groups_and_undo_puts_them_back(sebring: Sebring) -> None:
    session_id = sebring.sessions["Qualifying"]
    q.store_detected_groups(sebring.editor, session_id)
    with sebring.editor.change("Set qualifying groups") as edit:
        old = edit.set_qualifying_groups(session_id, "gtp|lmp2|gtdpro,gtd")
    assert _stored(sebring) == ("GTP | LMP2 | GTD PRO, GTD", "reporter")
    assert _read(sebring).described.endswith("(set by you): group positions.")
    with sebring.editor.change("Undo set qualifying groups") as edit:
        edit.set_qualifying_groups(session_id, **old)
    assert _stored(sebring) == ("GTP | LMP2 | GTD PRO, GTD", "laps")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("GTP | LMP2", "GTD PRO, GTD are in no group"),
        ("GTP | LMP2 | GTD PRO, GTD, GTP", "GTP is in two groups"),
        ("GTP, GTD | LMP2 | GTD PRO", "were on track at the same time"),
    ],
)
def test_wrong_groups_are_refused_and_nothing_changes(
    sebring: Sebring, text: str, reason: str
) -> None:
    with pytest.raises(EditError) as refused:
        with sebring.editor.change("Set qualifying groups") as edit:
            edit.set_qualifying_groups(sebring.sessions["Qualifying"], text)
    assert str(refused.value).startswith("Those qualifying groups were not saved: ")
    assert reason in str(refused.value)
    assert _stored(sebring) == ("", "")


def test_a_session_without_a_lap_chart_keeps_whole_field_positions(sebring: Sebring) -> None:
    with sebring.editor.change("Drop the laps") as edit:
        edit.session.execute(
            Lap.__table__.delete().where(Lap.session_id == sebring.sessions["Qualifying"])
        )
    found = _read(sebring)
    assert (found.detected, found.in_use) == ("", ())
    assert found.described == "No lap chart: positions are for the whole field."
