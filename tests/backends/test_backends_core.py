"""The same storage, editing, import, export and summary behaviour on a SQLite file and
on a PostgreSQL server (``new_target`` runs each test on both, see conftest.py)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, func, select

from desktop_app.cli.main import main
from desktop_app.services.editing import Editor
from desktop_app.services.undo import FieldsStep, RowRef, perform
from desktop_app.storage import migrate
from desktop_app.storage.database import Database, make_engine, open_database
from desktop_app.storage.errors import DatabaseOpenError
from desktop_app.storage.models import Lap, RaceSession, Result

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)
RACE_2 = (
    "Race 2 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P3 in LMP3, "
    "while Jesse Lazare finished P4 in GSX. George Staikos finished P8 in LMP3 but would "
    "be elevated to P7 following a post-race penalty against the second-place finisher "
    "(Ware).\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stamp(database: Database) -> str:
    with database.engine.connect() as connection:
        return str(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar())


def raw_engine(target: Path | str) -> Engine:
    """An engine on the target without opening it as RaceDesk does (no migrations)."""
    if isinstance(target, Path):
        return make_engine(target)
    from desktop_app.storage.server import make_server_engine

    return make_server_engine(target)


def test_a_new_database_is_built_stamped_and_opens_again(new_target) -> None:
    target = new_target("none")
    database = open_database(target)
    assert stamp(database) == migrate.head_revision()
    assert database.read_tree().events == []
    database.close()
    again = open_database(target)
    assert stamp(again) == migrate.head_revision()
    again.close()


def test_an_older_database_is_upgraded_by_the_same_migrations(new_target) -> None:
    target = new_target("none")
    engine = raw_engine(target)
    migrate.upgrade_to(engine, "0001_initial")
    engine.dispose()
    database = open_database(target)
    assert stamp(database) == migrate.head_revision()
    with database.read() as session:  # 0003's laps table is there and usable
        assert session.scalar(select(func.count()).select_from(Lap)) == 0
    database.close()


def test_a_newer_schema_is_refused_in_words_and_left_alone(new_target) -> None:
    target = new_target("empty")
    engine = raw_engine(target)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_future'")
    engine.dispose()
    with pytest.raises(DatabaseOpenError, match="saved by a newer version of RaceDesk"):
        open_database(target)
    engine = raw_engine(target)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            "0099_future"
        )
    engine.dispose()


def test_a_real_weekend_file_imports_the_same(capsys, new_target, tmp_path) -> None:
    folder = tmp_path / "download"
    folder.mkdir()
    for path in SEBRING.glob("202403141005-practice-1-*.csv"):
        shutil.copy(path, folder)
    target = str(new_target("empty"))
    code, out, err = run(
        capsys, "--db", target, "import", str(folder), "--event", "Sebring", "--series",
        "IWSC", "--time-zone", "America/New_York",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "Imported 3 files into 1 session (1 new) of Sebring: 58 results, 1,632 laps, "
        "87 weather readings."
    )
    laps_file = next(folder.glob("*-laps.csv"))
    with laps_file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    database = open_database(new_target_path(target))
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Lap)) == len(rows) == 1632
        in_pit = session.scalar(select(func.count()).select_from(Lap).where(Lap.pit_in))
    pit = next(name for name in rows[0] if name.strip() == "CROSSING_FINISH_LINE_IN_PIT")
    assert in_pit == sum(row[pit].strip() == "B" for row in rows) == 292
    database.close()


def new_target_path(text: str) -> Path | str:
    return text if text.startswith("postgresql") else Path(text)


def test_an_edit_and_its_undo_are_saved(new_target) -> None:
    target = new_target("demo")
    editor = Editor(open_database(target))
    with editor.database.read() as session:
        result = session.scalars(select(Result).order_by(Result.id)).first()
        assert result is not None
        result_id, laps_before = result.id, result.laps
    record = perform(
        editor, "Change laps", [FieldsStep(RowRef("results", result_id), "update_result",
                                           {"laps": 99})]
    )  # fmt: skip
    editor.database.close()
    reopened = Editor(open_database(target))
    with reopened.database.read() as session:
        assert session.get(Result, result_id).laps == 99
    record.revert(reopened)
    with reopened.database.read() as session:
        assert session.get(Result, result_id).laps == laps_before
    reopened.database.close()


def test_the_workbook_is_the_same(capsys, new_target, tmp_path) -> None:
    target = str(new_target("demo"))
    book_path = tmp_path / "roar.xlsx"
    code, out, err = run(
        capsys, "--db", target, "export", "--event", "Roar Before the 24", "-o", str(book_path)
    )
    assert (code, err) == (0, "")
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames[:3] == ["Schedule", "Entry list", "Focus drivers"]
    sheet = book["VPSCC Race 2"]
    names = {cell.value for row in sheet.iter_rows() for cell in row}
    assert "George Staikos" in " ".join(str(name) for name in names)


def test_the_summary_text_is_the_same(capsys, new_target) -> None:
    target = str(new_target("demo"))
    code, out, err = run(
        capsys, "--db", target, "summary", "--event", "roar before the 24", "--session",
        "VPSCC Race 2", "--preset", "race",
    )  # fmt: skip
    assert (code, out, err) == (0, RACE_2, "")


def test_the_demo_has_the_same_sessions_on_both(new_target) -> None:
    database = open_database(new_target("demo"))
    with database.read() as session:
        names = session.scalars(select(RaceSession.name).order_by(RaceSession.id)).all()
    database.close()
    assert len(names) == 12 and names[4] == "Race 2"
