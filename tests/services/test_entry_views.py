"""The one entry reader (views/entries.py) and the class views, as summaries and sheets use them."""

from __future__ import annotations

from sebring_files import Sebring
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.services.export.rows import entry_rows
from desktop_app.services.focus import read_rule
from desktop_app.services.series_classes import SeriesRow, series_rows
from desktop_app.services.views.classes import ClassView, SeriesView
from desktop_app.services.views.entries import entry_view, read_entries
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry


def _roar(editor: Editor) -> int:
    with editor.database.read() as session:
        return repo.find_events(session, "Roar Before the 24")[0].id


def test_an_empty_rule_is_everyone_for_a_summary_and_nobody_for_the_workbook(
    demo_editor: Editor,
) -> None:
    roar = _roar(demo_editor)
    with demo_editor.database.read() as session:
        summary = read_entries(session, roar, read_rule(""))
        sheet = entry_rows(session, roar, "")
    assert len(summary) == len(sheet) == 20
    assert all(car.in_focus and all(d.in_focus for d in car.drivers) for car in summary.values())
    assert not any(row.focus or row.focus_drivers for row in sheet.values())
    assert list(summary) == list(sheet)  # one order: series, then car number


def test_a_session_crew_decides_the_focus_of_the_car(demo_editor: Editor) -> None:
    """#21 is Lazare's (Canadian); with a substitute as that session's crew it is not."""
    roar = _roar(demo_editor)
    with demo_editor.change("A substitute") as edit:
        edit.create_driver("Substitute", first_name="A.", country="USA")
    with demo_editor.database.read() as session:
        car = next(e for e in repo.event_entries(session, roar) if e.car_number == "21")
        other = session.scalars(select(Driver).where(Driver.last_name == "Substitute")).one()
        rule = read_rule("country:CAN")
        own = entry_view(car, rule)
        substituted = entry_view(car, rule, crew=[other])
    assert (own.in_focus, [d.full_name for d in own.focus_drivers]) == (True, ["Jesse Lazare"])
    assert (substituted.in_focus, substituted.focus_drivers) == (False, ())
    assert [d.full_name for d in substituted.drivers] == ["A. Substitute"]
    assert (substituted.car, substituted.class_code, substituted.team) == (
        "#21",
        "GSX",
        "Motorsports in Action",
    )


def test_a_car_tagged_itself_is_in_focus_with_its_whole_crew_on_the_focus_sheet(
    demo_editor: Editor,
) -> None:
    """#93 (Wittmer, Canadian, and Yoshihira): by its own tag the sheet lists both."""
    roar = _roar(demo_editor)
    with demo_editor.change("Tag #93") as edit:
        car_93 = edit.session.scalars(select(Entry).where(Entry.car_number == "93")).one().id
        edit.set_entry_tags(car_93, ["Featured"])
    with demo_editor.database.read() as session:
        rows = entry_rows(session, roar, "tag:Featured")
        summary = read_entries(session, roar, read_rule("tag:Featured"))
    tagged = rows[car_93]
    assert tagged.focus_drivers == ("Karl Wittmer", "Dai Yoshihira")
    assert tagged.tags == "Canadian, Featured"  # the car's and its drivers' tags
    assert [car_id for car_id, row in rows.items() if row.focus] == [car_93]
    assert summary[car_93].in_focus and summary[car_93].focus_drivers == ()


def test_series_and_classes_are_the_shared_views_in_running_order(sebring: Sebring) -> None:
    (before,) = series_rows(sebring.editor.database)
    pro = before.classes[2]
    with sebring.editor.change("Another spelling") as edit:
        edit.set_class_aliases(pro.id, aliases=["GT Daytona Pro"])
    (row,) = series_rows(sebring.editor.database)
    assert isinstance(row, SeriesRow) and isinstance(row, SeriesView)
    assert (row.code, row.in_catalogue) == ("IWSC", True)
    assert [c.code for c in row.classes] == ["GTP", "LMP2", "GTD PRO", "GTD"]
    assert row.classes[2] == ClassView(pro.id, "GTD PRO", "GTD PRO", 2, ("GT Daytona Pro",))
