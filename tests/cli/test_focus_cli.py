"""``racedesk summary --focus`` on the real Sebring 2024 race, checked with plain ``csv``;
``racedesk import`` over the demo's hand-keyed drivers asks instead of duplicating them."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli.main import main
from desktop_app.storage.database import open_database
from desktop_app.storage.models import Driver

SEBRING_RACE = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "timing"
    / "imsa_wtsc_2024_sebring_weekend"
    / "202403160940-race-results.csv"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def crews_by_country(path: Path, country: str) -> tuple[set[str], set[str]]:
    """Names whose file country is ``country``, and their co-drivers (independent parse)."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    focus: set[str] = set()
    others: set[str] = set()
    for row in rows:
        crew = [
            (f"{row[f'DRIVER{n}_FIRSTNAME']} {row[second]}", row[f"DRIVER{n}_COUNTRY"])
            for n in range(1, 7)
            if row[second := f"DRIVER{n}_SECONDNAME"]
        ]
        if any(code == country for _, code in crew):
            focus |= {name for name, code in crew if code == country}
            others |= {name for name, code in crew if code != country}
    return focus, others


def import_race(capsys: pytest.CaptureFixture[str], db: str, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "--db", db, "import", str(SEBRING_RACE), "--event", "Sebring",
               "--session", "Race", "--series", "IWSC", *extra)  # fmt: skip


def test_focus_country_names_exactly_the_file_s_drivers_of_that_country(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    db = str(db_path)
    assert import_race(capsys, db)[0] == 0
    code, out, err = run(capsys, "--db", db, "summary", "--event", "Sebring", "--session",
                         "Race", "--preset", "race", "--focus", "country:CAN")  # fmt: skip
    assert (code, err) == (0, "")
    canadians, co_drivers = crews_by_country(SEBRING_RACE, "CAN")
    assert len(canadians) == 12 and co_drivers
    assert [name for name in sorted(canadians) if name not in out] == []
    assert [name for name in sorted(co_drivers) if name in out] == []


def test_a_rule_that_cannot_be_read_is_one_sentence_and_exit_1(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    db = str(db_path)
    import_race(capsys, db)
    code, out, err = run(capsys, "--db", db, "summary", "--event", "Sebring",
                         "--focus", "nation:CAN")  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith('racedesk: The focus cannot be read: "nation:CAN" is not a focus term')


def test_empty_focus_explains_itself(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    db = str(db_path)
    import_race(capsys, db)
    code, out, err = run(capsys, "--db", db, "summary", "--event", "Sebring", "--session",
                         "Race", "--preset", "race", "--focus", "country:ISL")  # fmt: skip
    assert (code, out) == (0, "")
    assert err == "racedesk: No car in IWSC Race has a driver in focus (country:ISL).\n"


def test_import_over_demo_drivers_asks_then_keeps_their_tags(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    db = str(db_path)
    run(capsys, "--db", db, "demo")
    code, out, err = import_race(capsys, db)
    assert code == 1
    assert "Anthony Mantella (car #17) is spelled like a driver already saved" in err
    assert "Roman De Angelis" not in err  # DeAngelis = De Angelis: matched, not asked
    database = open_database(db_path)
    with database.read() as session:
        drivers = {d.full_name: d.id for d in session.scalars(select(Driver))}
    database.close()
    assert "Anthony Mantella" not in drivers  # no silent duplicate
    answers = re.findall(r"^  (.+?): (\d+) = ", err, flags=re.MULTILINE)
    options = [arg for name, driver in answers for arg in ("--driver", f"{name}={driver}")]
    code, out, err = import_race(capsys, db, *options)
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, "--db", db, "summary", "--event", "Sebring", "--session",
                       "Race", "--preset", "race", "--focus", "tag:Canadian")  # fmt: skip
    assert "Anthony Mantell was P22 in GTD" in out  # the reporter's spelling stays
    # the keyed surnames alone take the file's first names: every name reads in full
    assert "Roman DeAngelis and Zacharie Robichon were P4 in GTD" in out
    assert "Misha Goikhberg and Devlin De Francesco were P5 in GTD" in out
