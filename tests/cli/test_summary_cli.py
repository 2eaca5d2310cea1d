"""``racedesk summary``: the same text as the services, errors as one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.services.settings import Settings, save_settings
from desktop_app.services.summaries import OutputFormat, Selection, save_user_template, summarise
from desktop_app.storage import repository as repo
from desktop_app.storage.database import open_database

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


@pytest.fixture
def demo_db(demo_file: Path) -> str:
    return str(demo_file)


def test_summary_of_a_session_prints_the_race_sentence(capsys, demo_db: str) -> None:
    code, out, err = run(
        capsys,
        "--db",
        demo_db,
        "summary",
        "--event",
        "roar before the 24",
        "--session",
        "VPSCC Race 2",
        "--preset",
        "race",
    )
    assert (code, out, err) == (0, RACE_2, "")


def test_cli_prints_what_the_services_render(capsys, demo_db: str) -> None:
    database = open_database(Path(demo_db))
    try:
        with database.read() as session:
            roar = repo.find_events(session, "Roar Before the 24")[0].id
        expected = summarise(database, Selection(roar), fmt=OutputFormat.MARKDOWN).text
    finally:
        database.close()
    code, out, _ = run(
        capsys, "--db", demo_db, "summary", "--event", str(roar), "--format", "markdown"
    )
    assert code == 0
    assert out == expected + "\n"
    assert "**VP Racing SportsCar Challenge Race 2**" in out


def test_summary_filters_and_formats(capsys, demo_db: str) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        demo_db,
        "summary",
        "--event",
        "Roar Before the 24",
        "--preset",
        "entry-list",
        "--series",
        "VPSCC",
        "--class",
        "GS X",
        "--format",
        "html",
    )
    assert code == 0
    assert out == (
        "<p><strong>Grand Sport</strong><br>\n"
        "#21 Jesse Lazare - Motorsports in Action - McLaren Artura GT4</p>\n"
    )


def test_the_focus_tag_comes_from_the_settings_unless_given(capsys, demo_db: str) -> None:
    args = (
        "--db",
        demo_db,
        "summary",
        "--event",
        "1",
        "--session",
        "VPSCC Race 2",
        "--preset",
        "race",
    )
    save_settings(Settings(focus_tag="Nobody"))
    assert run(capsys, *args) == (
        0,
        "",
        "racedesk: No car in VPSCC Race 2 has a driver in focus (tag:Nobody).\n",
    )
    code, out, _ = run(capsys, *args, "--tag", "canadian")
    assert (code, out) == (0, RACE_2)
    code, out, _ = run(capsys, *args, "--tag", "")
    assert code == 0 and out.startswith("Race 2 in the VP Racing SportsCar Challenge saw Ware")


def test_list_presets_names_first_then_what_it_writes(capsys) -> None:
    save_user_template("my race", "{{ event.name }}")
    code, out, _ = run(capsys, "summary", "--list-presets")
    lines = out.splitlines()
    assert code == 0
    assert [line.split(" - ")[0] for line in lines] == [
        "auto",
        "weekend",
        "entry-list",
        "qualifying",
        "grid",
        "practice",
        "race",
        "broadcast",
        "session-notes",
        "my race",
    ]
    assert lines[3] == (
        "qualifying - qualifying list (P1 GTD / P3 overall - Parker Thompson Q - "
        "#12 Vasser Sullivan Lexus)"
    )
    assert lines[-1] == "my race - your template"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "racedesk: Say which event to summarise with --event (see: racedesk events).\n"),
        (
            ("--event", "Le Mans"),
            'racedesk: There is no event called "Le Mans" (see: racedesk events).\n',
        ),
        (
            ("--event", "1", "--session", "Race 9"),
            'racedesk: This event has no session called "Race 9" (see: racedesk events).\n',
        ),
        (
            ("--event", "1", "--preset", "poem"),
            'racedesk: There is no summary preset called "poem" (choose from: weekend, entry-list, '
            "qualifying, grid, practice, race, broadcast, session-notes).\n",
        ),
    ],
)
def test_errors_are_one_sentence_and_a_non_zero_exit(
    capsys, demo_db: str, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "--db", demo_db, "summary", *args)
    assert (code, out, err) == (1, "", message)


def test_a_broken_user_template_is_reported_with_its_line(capsys, demo_db: str) -> None:
    save_user_template("broken", "fine\n{{ session.nope }}")
    code, out, err = run(
        capsys,
        "--db",
        demo_db,
        "summary",
        "--event",
        "1",
        "--session",
        "VPSCC Race 1",
        "--preset",
        "broken",
    )
    assert (code, out) == (1, "")
    assert err == (
        'racedesk: The template "broken" has a problem. '
        "Line 2: 'SessionView' has no attribute 'nope'.\n"
    )
