"""Reading what a reporter types in entry cells: line-ups and tags."""

from __future__ import annotations

import pytest

from desktop_app.domain.names import PersonName
from desktop_app.services.editing import Editor
from desktop_app.services.entry_text import (
    driver_ids_for,
    format_drivers,
    parse_driver_name,
    parse_drivers,
    parse_tags,
    split_drivers,
)
from desktop_app.services.errors import EditError
from desktop_app.storage.models import Driver


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("Parker Thompson", "Parker", "Thompson"),
        ("  Parker   Thompson ", "Parker", "Thompson"),
        ("THOMPSON Parker", "Parker", "Thompson"),
        ("Thompson, Parker", "Parker", "Thompson"),
        ("Kelvin van der Linde", "Kelvin", "van der Linde"),
        ("Juan Pablo Montoya", "Juan Pablo", "Montoya"),
        ("Morad", "", "Morad"),
        ("LP Montour", "LP", "Montour"),
        ("Roman DE ANGELIS", "Roman", "De Angelis"),
    ],
)
def test_one_name(typed, first, last):
    assert parse_driver_name(typed) == PersonName(first, last)


@pytest.mark.parametrize(
    "typed",
    [
        "Parker Thompson; Jack Hawksworth",
        "Parker Thompson / Jack Hawksworth",
        "Parker Thompson & Jack Hawksworth",
        "Parker Thompson\nJack Hawksworth",
        "Parker Thompson;Jack Hawksworth;",
    ],
)
def test_line_up_separators(typed):
    assert split_drivers(typed) == ["Parker Thompson", "Jack Hawksworth"]


def test_the_same_driver_twice_is_refused():
    with pytest.raises(EditError, match="listed twice"):
        parse_drivers("Parker Thompson; PARKER THOMPSON")


def test_empty_cell_means_no_drivers():
    assert parse_drivers("  ") == []


def test_tags_split_on_commas_without_repeats():
    assert parse_tags("Canadian, Rookie,Canadian ; Pro") == ["Canadian", "Rookie", "Pro"]
    assert parse_tags("") == []


def test_format_is_what_parse_reads_back():
    text = format_drivers(["Parker Thompson", "Jack Hawksworth"])
    assert text == "Parker Thompson; Jack Hawksworth"
    assert [n.full_name for n in parse_drivers(text)] == ["Parker Thompson", "Jack Hawksworth"]


def test_drivers_are_found_by_name_or_unique_surname_else_created(demo_editor: Editor):
    names = parse_drivers("parker THOMPSON; Wickens; Ben Barnicoat")
    with demo_editor.change("Line-up") as edit:
        ids, created = driver_ids_for(edit, names)
        drivers = [edit.session.get(Driver, driver_id) for driver_id in ids]
        assert [(d.first_name, d.last_name) for d in drivers if d] == [
            ("Parker", "Thompson"),
            ("Robert", "Wickens"),
            ("Ben", "Barnicoat"),
        ]
        assert created == [ids[2]]


def test_typed_names_find_saved_drivers_across_particles_and_spacing(demo_editor: Editor):
    with demo_editor.change("Known") as edit:
        voorde = edit.create_driver("ten Voorde", first_name="Larry")
    names = parse_drivers("Larry Voorde; Roman DE ANGELIS; Robichon")
    with demo_editor.change("Line-up") as edit:
        ids, created = driver_ids_for(edit, names)
        deangelis = edit.session.get(Driver, ids[1])
        assert (deangelis.first_name, deangelis.last_name) == ("Roman", "DeAngelis")
        assert edit.session.get(Driver, ids[2]).last_name == "Robichon"
    assert (ids[0], created) == (voorde, [])
