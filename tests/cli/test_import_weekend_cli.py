"""``racedesk import FOLDER --event E``: a weekend in one command, printed as it applies."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.cli.main import main

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def practice_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "download"
    folder.mkdir()
    for path in SEBRING.glob("202403141005-practice-1-*.csv"):
        shutil.copy(path, folder)
    (folder / "schedule.pdf").write_bytes(b"%PDF-1.7 rest")
    return folder


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def test_a_folder_imports_into_sessions_named_by_the_files(capsys, db_path, tmp_path) -> None:
    folder = practice_folder(tmp_path)
    args = ("--db", str(db_path), "import", str(folder), "--event", "Sebring", "--series", "IWSC")
    code, out, err = run(capsys, *args, "--time-zone", "America/New_York")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "202403141005-practice-1-results.csv: IMSA practice/qualifying results -> "
        "Practice 1 (new session), 58 results",
        "202403141005-practice-1-laps.csv: lap chart (lap-by-lap time cards) -> "
        "Practice 1 (new session), 1,632 laps of 57 cars",
        "202403141005-practice-1-weather.csv: weather readings -> Practice 1 (new session), "
        "87 weather readings",
        "schedule.pdf: skipped: schedule.pdf is a PDF document, not a CSV timing file.",
    ]
    assert "Created session Practice 1 (Practice) in event Sebring." in lines
    assert lines[-1] == (
        "Imported 3 files into 1 session (1 new) of Sebring: 58 results, 1,632 laps, "
        "87 weather readings."
    )
    before = dump(db_path)
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.splitlines()[-1] == (
        "Nothing changed: every file was imported before and is unchanged."
    )
    assert dump(db_path) == before


def test_a_bad_file_stops_the_batch_unless_asked_to_keep_going(capsys, db_path, tmp_path) -> None:
    folder = practice_folder(tmp_path)
    weather = folder / "202403141005-practice-1-weather.csv"
    text = weather.read_text(encoding="utf-8-sig").splitlines()
    text[4] = text[4].replace("73", "hot", 1)
    weather.write_text("\n".join(text) + "\n", encoding="utf-8")
    run(capsys, "--db", str(db_path), "events")
    before = dump(db_path)
    args = ("--db", str(db_path), "import", str(folder), "--event", "Sebring", "--series", "IWSC")
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "202403141005-practice-1-weather.csv" in err and "row 5" in err
    assert "nothing was imported" in err
    assert dump(db_path) == before
    code, out, _ = run(capsys, *args, "--keep-going")
    assert code == 0 and "Imported 2 files into 1 session (1 new)" in out.splitlines()[-1]


def test_export_laps_adds_a_lap_sheet_per_session(capsys, db_path, tmp_path) -> None:
    folder = practice_folder(tmp_path)
    run(capsys, "--db", str(db_path), "import", str(folder), "--event", "Sebring",
        "--series", "IWSC")  # fmt: skip
    target = tmp_path / "sebring.xlsx"
    code, out, err = run(
        capsys, "--db", str(db_path), "export", "--event", "Sebring", "--laps", "-o", str(target)
    )
    assert (code, err) == (0, "") and out.startswith("Wrote ")
    book = load_workbook(target, read_only=True)
    assert book.sheetnames[-2:] == ["IWSC Practice 1", "IWSC Practice 1 laps"]
    rows = list(book["IWSC Practice 1 laps"].iter_rows(values_only=True, max_col=8))
    assert len(rows) == 1 + 1632
    assert rows[1][:6] == ("01", "GTP", "Renger van der Zande", 1, rows[1][4], "RF")
    assert round(rows[1][4].total_seconds() * 1000) == 192_382  # 3:12.382, a real duration
    code, _, err = run(capsys, "--db", str(db_path), "export", "--event", "Sebring", "--laps",
                       "--session", "Practice 1", "-o", str(tmp_path / "p1.csv"))  # fmt: skip
    assert code == 1 and "--laps adds sheets to a workbook" in err
