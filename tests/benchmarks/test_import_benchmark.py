"""Import speed: a 60-car race file end to end, and a multi-MB lap chart."""

from __future__ import annotations

from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.apply import apply_import
from desktop_app.services.importers.detect import read_import_file
from desktop_app.storage import repository as repo

from .timing_files import lap_file, race_file


def new_session(editor: Editor, name: str) -> int:
    with editor.change("Benchmark session") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA")
        event_id = edit.create_event(name)
        return edit.create_session(event_id, series_id, SessionKind.RACE, "Race")


def test_read_60_car_race(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    path = race_file(tmp_path / "race.csv")
    imported = benchmark(read_import_file, path)
    assert len(imported.results) == 60


def test_import_60_car_race_into_new_session(
    benchmark: BenchmarkFixture, editor: Editor, tmp_path: Path
) -> None:
    path = race_file(tmp_path / "race.csv")
    counter = iter(range(1000))

    def run() -> int:
        session_id = new_session(editor, f"Event {next(counter)}")
        return apply_import(editor, read_import_file(path), session_id).results

    assert benchmark.pedantic(run, rounds=5, iterations=1) == 60


def test_reimport_60_car_race(benchmark: BenchmarkFixture, editor: Editor, tmp_path: Path) -> None:
    path = race_file(tmp_path / "race.csv")
    session_id = new_session(editor, "Re-import")
    apply_import(editor, read_import_file(path), session_id)
    report = benchmark.pedantic(
        lambda: apply_import(editor, read_import_file(path), session_id), rounds=5, iterations=1
    )
    assert report.new_results == 0
    with editor.database.read() as session:
        assert len(repo.session_results(session, session_id)) == 60


def test_read_multi_mb_lap_chart(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    path = lap_file(tmp_path / "23_Analysis.csv")
    size_mb = path.stat().st_size / 1_000_000
    assert size_mb > 5
    benchmark.extra_info["file_mb"] = round(size_mb, 1)
    imported = benchmark.pedantic(
        read_import_file, args=(path,), kwargs={"kind": SessionKind.RACE}, rounds=3, iterations=1
    )
    assert len(imported.results) == 60 and imported.results[0].laps == 700
