"""Summaries of sessions keyed in the test: retirements, non-starters and penalties."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.summaries import OutputFormat, Selection, summarise


@pytest.fixture
def club_race(editor: Editor) -> tuple[int, int, dict[str, int]]:
    """A two-class race: two Canadians retire or miss the start, one is penalised."""
    with editor.change("Key the club race") as edit:
        series = edit.ensure_series("CLUB", "Club Challenge")
        pro = edit.ensure_class(series, "PRO", "Pro", sort_order=0)
        am = edit.ensure_class(series, "AM", "Am", sort_order=1)
        event = edit.create_event("Club Weekend", circuit="Mosport", time_zone="America/Toronto")
        race = edit.create_session(event, series, SessionKind.RACE, "Race")
        people = {
            "Tremblay": edit.create_driver("Tremblay", first_name="Anne", tags=["Canadian"]),
            "Smith": edit.create_driver("Smith", first_name="Bob"),
            "Roy": edit.create_driver("Roy", first_name="Chloe", tags=["Canadian"]),
            "Gagnon": edit.create_driver("Gagnon", first_name="Dan", tags=["Canadian"]),
            "Lee": edit.create_driver("Lee", first_name="Eve", tags=["Canadian"]),
        }
        cars = {
            name: edit.create_entry(
                event,
                series,
                number,
                class_id=klass,
                driver_ids=[people[name]],
                team_id=edit.ensure_team("Team " + name),
                vehicle="Car",
            )
            for name, number, klass in [
                ("Smith", "1", pro),
                ("Tremblay", "2", pro),
                ("Roy", "3", pro),
                ("Gagnon", "4", am),
                ("Lee", "5", am),
            ]
        }
        rows = {}
        rows["Smith"] = edit.add_result(race, cars["Smith"], laps=40, total_time_ms=3_600_000)
        rows["Tremblay"] = edit.add_result(race, cars["Tremblay"], laps=40, total_time_ms=3_601_000)
        rows["Roy"] = edit.add_result(race, cars["Roy"], laps=12, status=Status.DNF)
        rows["Gagnon"] = edit.add_result(race, cars["Gagnon"], laps=39, total_time_ms=3_602_000)
        rows["Lee"] = edit.add_result(race, cars["Lee"], status=Status.DNS)
        edit.renumber(race)
        edit.add_penalty(rows["Smith"], PenaltyKind.TIME, amount_ms=5_000, reason="Pit lane speed")
        edit.make_official(race)
    return event, race, rows


def test_race_with_dnf_dns_and_a_time_penalty(
    editor: Editor, club_race: tuple[int, int, dict[str, int]]
) -> None:
    event, race, _ = club_race
    result = summarise(editor.database, Selection(event, race), preset="race")
    assert result.error == ""
    # Every class has its winner keyed, so the race is told class by class; Tremblay's
    # win came from Smith's penalty, so the win and the penalty are told apart.
    assert result.text == (
        "Team Tremblay's #2 won PRO. Anne Tremblay was P2 in PRO in the #2 Team Tremblay Car "
        "but would be elevated to P1 following a post-race penalty against the first-place "
        "finisher (Smith). Chloe Roy retired in PRO (classified P3).\n"
        "Dan Gagnon won AM in the #4 Team Gagnon Car. Eve Lee did not start in AM."
    )


def test_a_penalised_car_in_focus_is_told_it_drops(
    editor: Editor, club_race: tuple[int, int, dict[str, int]]
) -> None:
    event, race, rows = club_race
    with editor.change("Smith is Canadian after all") as edit:
        edit.set_entry_tags(_entry_of(editor, rows["Smith"]), ["Canadian"])
    result = summarise(editor.database, Selection(event, race, class_code="pro"), preset="race")
    assert result.text == (
        "Team Tremblay's #2 won PRO. Bob Smith was P1 in PRO in the #1 Team Smith Car but "
        "would drop to P2 following a post-race penalty. Anne Tremblay was P2 in PRO in the "
        "#2 Team Tremblay Car but would be elevated to P1 following a post-race penalty "
        "against the first-place finisher (Smith). Chloe Roy retired in PRO (classified P3)."
    )


def test_an_edit_changes_the_next_summary(
    editor: Editor, club_race: tuple[int, int, dict[str, int]]
) -> None:
    event, race, rows = club_race
    with editor.change("Gagnon was disqualified") as edit:
        edit.update_result(rows["Gagnon"], status=Status.DSQ)
    text = summarise(editor.database, Selection(event, race, class_code="AM"), preset="race").text
    assert text == (
        "Race in the Club Challenge saw Dan Gagnon being disqualified in AM, "
        "while Eve Lee did not start in AM."
    )


def test_html_escapes_every_stored_value(editor: Editor) -> None:
    with editor.change("Key a hostile entry") as edit:
        series = edit.ensure_series("X", "Series & Co")
        klass = edit.ensure_class(series, "A&B", "<b>Class</b>")
        event = edit.create_event("Test <i>Weekend</i>", time_zone="UTC")
        driver = edit.create_driver("O'Neil & <Sons>", first_name="Al", tags=["Canadian"])
        edit.create_entry(
            event,
            series,
            "7",
            class_id=klass,
            driver_ids=[driver],
            team_id=edit.ensure_team("<script>alert(1)</script>"),
            vehicle='R&D "GT"',
        )
        session = edit.create_session(event, series, SessionKind.RACE, "Race <1>")
        edit.create_broadcast(
            event,
            "Race <1>",
            "TV & Web",
            dt.datetime(2024, 5, 1, 14, 0, tzinfo=dt.UTC),
            session_id=session,
        )
    html = summarise(editor.database, Selection(event), preset="weekend", fmt=OutputFormat.HTML)
    assert html.text == (
        "<p><strong>&lt;b&gt;Class&lt;/b&gt;</strong><br>\n"
        "#7 Al O&#39;Neil &amp; &lt;Sons&gt; - &lt;script&gt;alert(1)&lt;/script&gt; - "
        "R&amp;D &#34;GT&#34;</p>\n"
        "<p><strong>Test &lt;i&gt;Weekend&lt;/i&gt; Broadcast Schedule</strong><br>\n"
        "Wed May 1 - 2:00pm - Race &lt;1&gt; (TV &amp; Web)</p>"
    )
    text = summarise(editor.database, Selection(event), preset="entry-list").text
    assert text == ('<b>Class</b>\n#7 Al O\'Neil & <Sons> - <script>alert(1)</script> - R&D "GT"')


def test_markdown_keeps_stored_values_literal(editor: Editor) -> None:
    with editor.change("Key a team with Markdown in its name") as edit:
        series = edit.ensure_series("X", "X Cup")
        klass = edit.ensure_class(series, "A", "Class_A")
        event = edit.create_event("Weekend", time_zone="UTC")
        driver = edit.create_driver("Star", first_name="Al", tags=["Canadian"])
        edit.create_entry(
            event,
            series,
            "9",
            class_id=klass,
            driver_ids=[driver],
            team_id=edit.ensure_team("*Speed* [Team]"),
            vehicle="Car",
        )
    markdown = summarise(
        editor.database, Selection(event), preset="entry-list", fmt=OutputFormat.MARKDOWN
    )
    assert markdown.text == "**Class\\_A**  \n#9 Al Star - \\*Speed\\* \\[Team\\] - Car"


def _entry_of(editor: Editor, result_id: int) -> int:
    from desktop_app.storage.models import Result

    with editor.database.read() as session:
        row = session.get(Result, result_id)
        assert row is not None
        return row.entry_id
