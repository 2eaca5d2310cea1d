"""Focus rules: parsing, refusals with a reason, and who is in focus."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.countries import COUNTRIES, country_label
from desktop_app.domain.focus import FocusError, Person, Term, parse_focus

CANADIAN = Person("CAN", "Windsor, ON", ("Canadian",))
QUEBECER = Person("CAN", "Montreal, QC")
AMERICAN = Person("USA", "Daytona Beach, FL", ("Rookie",))


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("country:CAN", [Term("country", "CAN")]),
        (" country : can ", [Term("country", "CAN")]),
        ("hometown:*, QC", [Term("hometown", "*, QC")]),
        ("hometown:*,QC, tag:Canadian", [Term("hometown", "*, QC"), Term("tag", "Canadian")]),
        ("Canadian", [Term("tag", "Canadian")]),
        ("Canadian, Rookie", [Term("tag", "Canadian"), Term("tag", "Rookie")]),
        ("country:CAN, tag:Canadian", [Term("country", "CAN"), Term("tag", "Canadian")]),
        ("", []),
        (" , ", []),
    ],
)
def test_rules_read_as_terms(text: str, terms: list[Term]) -> None:
    assert list(parse_focus(text).terms) == terms


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("nation:CAN", '"nation:CAN" is not a focus term: use country:, hometown: or tag:'),
        ("country:XYZ", '"XYZ" is not an ISO country code'),
        ("country:Canada", '"CANADA" is not an ISO country code'),
        ("tag:", '"tag:" needs a value after the colon, as in "tag:Canadian"'),
    ],
)
def test_bad_rules_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(FocusError) as refused:
        parse_focus(text)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("country:CAN", [CANADIAN, QUEBECER]),
        ("hometown:*, QC", [QUEBECER]),
        ("hometown:windsor*", [CANADIAN]),
        ("tag:canadian", [CANADIAN]),
        ("hometown:*, QC, tag:Rookie", [QUEBECER, AMERICAN]),
        ("", [CANADIAN, QUEBECER, AMERICAN]),
    ],
)
def test_who_is_in_focus(text: str, who: list[Person]) -> None:
    rule = parse_focus(text)
    assert [p for p in (CANADIAN, QUEBECER, AMERICAN) if rule.driver(p)] == who


def test_a_tagged_car_is_in_focus_by_its_tag_only() -> None:
    rule = parse_focus("country:CAN, tag:Canadian")
    assert rule.car_tags(["canadian"]) and not rule.car_tags(["CAN"])


def test_a_rule_prints_back_to_what_it_reads() -> None:
    rule = parse_focus("Canadian,country:can,hometown:*,QC")
    assert str(rule) == "tag:Canadian, country:CAN, hometown:*, QC"
    assert parse_focus(str(rule)) == rule


@given(st.sampled_from(sorted(COUNTRIES)), st.sampled_from(sorted(COUNTRIES)))
def test_country_terms_pick_exactly_that_country(wanted: str, other: str) -> None:
    rule = parse_focus(f"country:{wanted.lower()}")
    assert rule.driver(Person(other)) is (wanted == other)


@given(st.text(max_size=30))
def test_any_text_is_read_or_refused_in_words(text: str) -> None:
    try:
        parse_focus(text)
    except FocusError as error:
        assert str(error).endswith(".")


def test_country_label_shows_code_and_name() -> None:
    assert country_label("can") == "CAN Canada"
    assert country_label("") == ""


_tag = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_terms = st.one_of(
    st.sampled_from(sorted(COUNTRIES)).map(lambda code: Term("country", code)),
    _tag.map(lambda word: Term("tag", word.capitalize())),
    st.tuples(_tag, st.sampled_from(["ON", "QC", "*"])).map(
        lambda pair: Term("hometown", f"{pair[0].capitalize()}*, {pair[1]}")
    ),
)


@given(st.lists(_terms, min_size=1, max_size=4, unique=True))
def test_a_printed_rule_reads_back_unchanged(terms: list[Term]) -> None:
    text = ", ".join(str(term) for term in terms)
    assert list(parse_focus(text).terms) == terms
