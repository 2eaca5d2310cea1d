"""The one driver-name parser, and when two spellings are one person."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.names import (
    PARTICLES,
    SUFFIXES,
    PersonName,
    edit_distance,
    from_parts,
    identity_keys,
    is_close_spelling,
    parse_name,
    same_person,
)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("THOMPSON Parker", "Parker", "Thompson"),
        ("Parker THOMPSON", "Parker", "Thompson"),
        ("Parker Thompson", "Parker", "Thompson"),
        ("Thompson, Parker", "Parker", "Thompson"),
        ("Kelvin van der Linde", "Kelvin", "van der Linde"),
        ("Kelvin van der LINDE", "Kelvin", "van der Linde"),
        ("VAN DER ZANDE Renger", "Renger", "van der Zande"),
        ("Rui Pinto de Andrade", "Rui", "Pinto de Andrade"),
        ("Fred Poordad Jr.", "Fred", "Poordad Jr."),
        ("Alexander TALKANITSA JR", "Alexander", "Talkanitsa Jr"),
        ("Poordad, Fred Jr.", "Fred Jr.", "Poordad"),
        ("Roman De Angelis", "Roman", "De Angelis"),
        ("Roman DE ANGELIS", "Roman", "De Angelis"),
        ("Larry ten Voorde", "Larry", "ten Voorde"),
        ("Juan Pablo Montoya", "Juan Pablo", "Montoya"),
        ("LP Montour", "LP", "Montour"),
        ("A.J. ALLMENDINGER", "A.J.", "Allmendinger"),
        ("SIMON DOLAN", "Simon", "Dolan"),
        ("Morad", "", "Morad"),
        ("Daniel MCKENZIE", "Daniel", "McKenzie"),
        ("Sébastien CRUBILÉ", "Sébastien", "Crubilé"),
        ("  ", "", ""),
    ],
)
def test_printed_names(text: str, first: str, last: str) -> None:
    assert parse_name(text) == PersonName(first, last)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Roman", "De Angelis", PersonName("Roman", "De Angelis")),
        ("Renger", "van der Zande", PersonName("Renger", "van der Zande")),
        ("PARKER", "THOMPSON", PersonName("Parker", "Thompson")),
        ("", "MORAD", PersonName("", "Morad")),
        ("Morad", "", PersonName("", "Morad")),
    ],
)
def test_official_first_and_second_name(first: str, second: str, expected: PersonName) -> None:
    assert from_parts(first, second) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Roman", "DeAngelis"), ("Roman", "De Angelis")),
        (("Devlin", "Defrancesco"), ("Devlin", "De Francesco")),
        (("Larry", "Voorde"), ("Larry", "ten Voorde")),
        (("Kelvin", "Van Der Linde"), ("Kelvin", "van der Linde")),
        (("Sébastien", "Crubilé"), ("SEBASTIEN", "CRUBILE")),
        (("Paul-Loup", "Chatin"), ("Paul Loup", "Chatin")),
        (("Fred", "Poordad Jr."), ("Fred", "Poordad")),
    ],
)
def test_spellings_of_one_person(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert same_person(PersonName(*a), PersonName(*b))


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        (("Anthony", "Mantell"), ("Anthony", "Mantella"), True),
        (("", "Goikhberg"), ("Misha", "Goikhberg"), True),
        (("Jordan", "Taylor"), ("Ricky", "Taylor"), False),
        (("Roman", "DeAngelis"), ("Roman", "De Angelis"), False),  # the same: no question
        (("Anthony", "Mantell"), ("Kyle", "Marcelli"), False),
        (("Mikael", "Grenier"), ("Mickael", "Grenier"), True),
        (("Devlin", "DeFrancisco"), ("Devlin", "Defrancesco"), True),
        (("First0x2", "Surname0x2"), ("First0x1", "Surname0x1"), False),  # both names differ
        (("Alex", "Lynn"), ("Alex", "Lyon"), True),
        (("Jordan", "Taylor"), ("Jordon", "Taylor"), True),
    ],
)
def test_close_spellings_are_questions(a: tuple[str, str], b: tuple[str, str], close: bool) -> None:
    assert is_close_spelling(PersonName(*a), PersonName(*b)) is close


_word = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=3, max_size=10)
    .filter(lambda w: w not in PARTICLES and w.upper() not in SUFFIXES)
    .filter(lambda w: not w.startswith("mc"))  # MCKAY is McKay: the sheet cannot say Mckay
    .map(str.capitalize)
)


@given(first=_word, last=_word)
def test_every_printed_form_reads_the_same(first: str, last: str) -> None:
    expected = PersonName(first, last)
    for printed in (
        f"{first} {last}",
        f"{first} {last.upper()}",
        f"{last.upper()} {first}",
        f"{last}, {first}",
        f"  {first}   {last} ",
    ):
        assert parse_name(printed) == expected, printed


@given(first=_word, last=_word, particle=st.sampled_from(["van der", "ten", "de", "van"]))
def test_particles_stay_with_the_surname(first: str, last: str, particle: str) -> None:
    assert parse_name(f"{first} {particle} {last}") == PersonName(first, f"{particle} {last}")
    assert same_person(PersonName(first, f"{particle} {last}"), PersonName(first, last))


@given(st.text(max_size=40))
def test_any_text_parses_without_error_and_keeps_its_letters(text: str) -> None:
    name = parse_name(text)
    kept = sorted(name.full_name.replace(" ", "").casefold())
    assert kept == sorted("".join(text.split()).replace(",", "").casefold()) or "," in text


@given(first=_word, last=_word)
def test_case_and_accents_never_change_identity(first: str, last: str) -> None:
    assert identity_keys(first, last) == identity_keys(first.upper(), last.upper())
    assert same_person(parse_name(f"{first} {last}"), parse_name(f"{last.upper()} {first}"))


@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert edit_distance(a, b, 50) == edit_distance(b, a, 50)
    assert edit_distance(a, b, 50) <= max(len(a), len(b))
