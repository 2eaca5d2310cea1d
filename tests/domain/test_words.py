"""Number words used in article sentences: "row five", "second fastest", "P4"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.words import number_word, ordinal, ordinal_word, position_label


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "one"),
        (2, "two"),
        (5, "five"),
        (6, "six"),
        (10, "ten"),
        (11, "eleven"),
        (13, "thirteen"),
        (19, "nineteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (40, "forty"),
        (58, "fifty-eight"),
        (90, "ninety"),
        (99, "ninety-nine"),
        (0, "0"),
        (100, "100"),
        (580, "580"),
        (-3, "-3"),
    ],
)
def test_number_word(n: int, expected: str) -> None:
    assert number_word(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (4, "fourth"),
        (5, "fifth"),
        (8, "eighth"),
        (9, "ninth"),
        (12, "twelfth"),
        (13, "thirteenth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (22, "twenty-second"),
        (23, "twenty-third"),
        (30, "thirtieth"),
        (44, "forty-fourth"),
        (99, "ninety-ninth"),
        (100, "100th"),
        (101, "101st"),
        (112, "112th"),
    ],
)
def test_ordinal_word(n: int, expected: str) -> None:
    assert ordinal_word(n) == expected


def test_article_second_fastest() -> None:
    assert f"went {ordinal_word(2)} fastest" == "went second fastest"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0th"),
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (8, "8th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (1002, "1002nd"),
    ],
)
def test_ordinal(n: int, expected: str) -> None:
    assert ordinal(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "P1"), (4, "P4"), (13, "P13"), (48, "P48")])
def test_position_label(n: int, expected: str) -> None:
    assert position_label(n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_position_label_rejects_non_positions(n: int) -> None:
    with pytest.raises(ValueError, match="start at 1"):
        position_label(n)


def test_ordinal_rejects_negative() -> None:
    with pytest.raises(ValueError, match="no ordinal"):
        ordinal(-1)


@given(st.integers(min_value=1, max_value=99))
def test_words_are_letters_and_hyphens_only(n: int) -> None:
    for word in (number_word(n), ordinal_word(n)):
        assert word
        assert set(word) <= set("abcdefghijklmnopqrstuvwxyz-")


@given(st.integers(min_value=1, max_value=99))
def test_ordinal_word_extends_number_word_stem(n: int) -> None:
    # "twenty-one" -> "twenty-first": everything before the last hyphen is shared.
    head, _, _ = number_word(n).rpartition("-")
    assert ordinal_word(n).startswith(head)
    assert ordinal_word(n).endswith(("st", "nd", "rd", "th"))


@given(st.integers(min_value=0, max_value=10**6))
def test_ordinal_suffix_follows_english_rule(n: int) -> None:
    suffix = ordinal(n)[len(str(n)) :]
    expected = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    assert ordinal(n) == f"{n}{suffix}"
    assert suffix == expected


@given(st.integers(min_value=100, max_value=10**6))
def test_beyond_ninety_nine_uses_digits(n: int) -> None:
    assert number_word(n) == str(n)
    assert ordinal_word(n) == ordinal(n)


def test_all_words_distinct() -> None:
    assert len({number_word(n) for n in range(1, 100)}) == 99
    assert len({ordinal_word(n) for n in range(1, 100)}) == 99
