"""``racedesk export``: workbook and CSV files from the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(demo_file: Path) -> str:
    return str(demo_file)


def test_export_event_writes_the_workbook_and_says_where(capsys, demo_db, tmp_path):
    target = tmp_path / "roar.xlsx"
    code, out, err = run(
        capsys, "--db", demo_db, "export", "--event", "Roar Before the 24", "-o", str(target)
    )
    assert (code, err) == (0, "")
    assert out == f"Wrote {target.resolve()}\n"
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["Schedule", "Entry list", "Focus drivers"]
    assert "VPSCC Race 2" in book.sheetnames


def test_export_session_writes_csv(capsys, demo_db, tmp_path):
    target = tmp_path / "race2.csv"
    code, out, _ = run(
        capsys, "--db", demo_db, "export", "--event", "1", "--session", "VPSCC Race 2",
        "-o", str(target),
    )  # fmt: skip
    assert code == 0 and out.startswith("Wrote ")
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Pos,Class,PIC,No.,Team")
    assert "George Staikos" in text


def test_several_events_make_one_season_workbook(capsys, demo_db, tmp_path):
    target = tmp_path / "season.xlsx"
    code, _, _ = run(
        capsys, "--db", demo_db, "export", "--event", "1", "--event", "2", "-o", str(target)
    )
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book["Schedule"].cell(1, 1).value == "Event"
    assert "Rolex 24 IWSC Rolex 24 at Dayto" in book.sheetnames
    assert "Roar Before VPSCC Race 1" in book.sheetnames
    assert book.properties.title == "Roar Before the 24 to Rolex 24 at Daytona"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--event", "1", "-o", "x.csv"], "must end in .xlsx (use --session for CSV)"),
        (["--event", "1", "--session", "Race 2", "-o", "x.xlsx"], "must end in .csv"),
        (["--event", "Nope", "-o", "x.xlsx"], 'There is no event called "Nope"'),
    ],
)
def test_mistakes_get_a_sentence_and_no_file(capsys, demo_db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", demo_db, "export", *args)
    assert code == 1 and out == ""
    assert err.startswith("racedesk: ") and message in err
    assert not any(p.suffix in (".xlsx", ".csv") for p in tmp_path.iterdir())


def test_export_into_a_folder_that_is_not_there(capsys, demo_db, tmp_path):
    code, _, err = run(
        capsys, "--db", demo_db, "export", "--event", "1", "-o", str(tmp_path / "no" / "x.xlsx")
    )
    assert code == 1 and "does not exist; choose another place" in err
