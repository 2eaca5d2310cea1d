"""Migration 0004 drops the laps table's index on session_id alone (the unique index on
session, car and lap leads with it): a file or server at 0003 with laps is upgraded on
both backends, keeps every lap, still refuses a lap listed twice and still finds and
deletes a session's laps."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.domain.sessions import SessionKind
from desktop_app.storage import migrate
from desktop_app.storage.database import make_engine, open_database
from desktop_app.storage.models import Entry, Event, Lap, RaceSession, Series


def raw_engine(target: Path | str) -> Engine:
    """An engine on the target without opening it as RaceDesk does (no migrations)."""
    if isinstance(target, Path):
        return make_engine(target)
    from desktop_app.storage.server import make_server_engine

    return make_server_engine(target)


def at_0003_with_laps(target: Path | str) -> None:
    """The schema as RaceDesk 0003 left it, with one car's three laps in one session."""
    engine = raw_engine(target)
    migrate.upgrade_to(engine, "0003_weekend_data")
    assert "ix_laps_session_id" in index_names(engine)
    with Session(engine) as session, session.begin():
        event, series = Event(name="Sebring"), Series(code="IWSC", name="IMSA")
        race = RaceSession(event=event, series=series, kind=SessionKind.RACE, name="Race")
        entry = Entry(event=event, series=series, car_number="01")
        session.add_all([event, series, race, entry])
        session.flush()
        session.add_all(
            Lap(session_id=race.id, entry_id=entry.id, lap_number=n, time_ms=114_000 + n)
            for n in (1, 2, 3)
        )
    engine.dispose()


def index_names(engine: Engine) -> set[str]:
    return {str(index["name"]) for index in inspect(engine).get_indexes("laps")}


def test_an_0003_database_with_laps_loses_only_the_duplicate_index(new_target) -> None:
    target = new_target("none")
    at_0003_with_laps(target)

    database = open_database(target)

    engine = database.engine
    with engine.connect() as connection:
        stamp = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert stamp == migrate.head_revision() == "0004_laps_one_index"
    assert "ix_laps_session_id" not in index_names(engine)
    unique = inspect(engine).get_unique_constraints("laps")
    assert [u["column_names"] for u in unique] == [["session_id", "entry_id", "lap_number"]]
    with database.read() as session:
        race_id = session.scalar(select(RaceSession.id))
        times = session.scalars(
            select(Lap.time_ms).where(Lap.session_id == race_id).order_by(Lap.lap_number)
        ).all()
        assert times == [114_001, 114_002, 114_003]
        entry_id = session.scalar(select(Entry.id))
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        session.add(Lap(session_id=race_id, entry_id=entry_id, lap_number=2, time_ms=1))
    with Session(engine) as session, session.begin():  # the session's laps go with it
        session.execute(delete(RaceSession).where(RaceSession.id == race_id))
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Lap)) == 0
    database.close()
