"""Times and gaps as timing sheets print them, read and written as integer milliseconds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.timing import (
    Gap,
    TimingError,
    format_gap,
    format_gap_plain,
    format_time,
    parse_gap,
    parse_time,
)

HOUR = 3_600_000
TWO_HUNDRED_HOURS = 200 * HOUR


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("1:47.123", 107_123),
        ("47.123", 47_123),
        ("0.150", 150),
        ("1:02:03.456", 3_723_456),
        ("24:00:23.026", 86_423_026),  # IMSA Rolex 24 total
        ("1:42:08.126", 6_128_126),  # IMSA Long Beach total
        ("1:11.990", 71_990),
        ("45:30.123", 2_730_123),
        ("1'36.144", 96_144),  # ELMS Imola fastest lap
        ("4:00'04.690", 14_404_690),  # ELMS Imola winner's total
        ("4:00'33.559", 14_433_559),
        ("1:47,123", 107_123),
        ("47,1", 47_100),
        ("47.1", 47_100),
        ("47.12", 47_120),
        ("1:47", 107_000),
        ("1:02:03", 3_723_000),
        ("47", 47_000),
        ("  1:47.123  ", 107_123),
        ("\t1:47.123\n", 107_123),
        ("1\u201936.144", 96_144),  # typographic apostrophe from a word processor
        ("0:00.000", 0),
        ("75:00.000", 4_500_000),  # minutes are not capped when no hours are given
        ("100:00:00.000", 100 * HOUR),
    ],
)
def test_parse_time_accepts_sheet_forms(text: str, ms: int) -> None:
    assert parse_time(text) == ms


@pytest.mark.parametrize("text", [None, "", "   ", "-", " - ", "\u2013", "\u2014"])
def test_parse_time_blank_is_none(text: str | None) -> None:
    assert parse_time(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "1:7x",
        "abc",
        "1:47.1234",
        "1:4.123",
        "1:47.",
        ".123",
        "1::47.123",
        "1:47:",
        "1 47.123",
        "1:47 .123",
        "+1:47.123",
        "--",
        "1:02:03:04.000",
        "1'02'03.456",
        "1.47.123",
        "\u0661:47.123",  # Arabic-Indic digit one
        "1:47.123 Laps",
        "1" * 5000,
    ],
)
def test_parse_time_rejects_non_times(text: str) -> None:
    with pytest.raises(TimingError, match="is not a lap time"):
        parse_time(text)


def test_timing_error_message_quotes_text_for_reporter() -> None:
    with pytest.raises(TimingError) as caught:
        parse_time("1:7x")
    assert str(caught.value) == '"1:7x" is not a lap time (expected something like 1:47.123)'
    assert caught.value.text == "1:7x"


def test_timing_error_is_value_error() -> None:
    assert issubclass(TimingError, ValueError)


def test_timing_error_shortens_long_text() -> None:
    with pytest.raises(TimingError) as caught:
        parse_time("x" * 500)
    assert len(str(caught.value)) < 120


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-1:47.123", "times cannot be negative"),
        ("-47.1", "times cannot be negative"),
        ("1:60.000", "seconds must be below 60"),
        ("1:99", "seconds must be below 60"),
        ("1'60.000", "seconds must be below 60"),
        ("1:02:60.000", "seconds must be below 60"),
        ("1:60:00.000", "minutes must be below 60"),
        ("4:61'04.690", "minutes must be below 60"),
    ],
)
def test_parse_time_explains_out_of_range(text: str, reason: str) -> None:
    with pytest.raises(TimingError, match=reason):
        parse_time(text)


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (None, ""),
        (0, "0.000"),
        (150, "0.150"),
        (47_100, "47.100"),
        (59_999, "59.999"),
        (60_000, "1:00.000"),
        (107_123, "1:47.123"),
        (2_730_123, "45:30.123"),
        (HOUR - 1, "59:59.999"),
        (HOUR, "1:00:00.000"),
        (3_723_456, "1:02:03.456"),
        (14_404_690, "4:00:04.690"),
        (86_423_026, "24:00:23.026"),
        (TWO_HUNDRED_HOURS, "200:00:00.000"),
    ],
)
def test_format_time(ms: int | None, text: str) -> None:
    assert format_time(ms) == text


def test_format_time_rejects_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_time(-1)


@given(st.integers(min_value=0, max_value=TWO_HUNDRED_HOURS))
def test_time_round_trip_from_ms(ms: int) -> None:
    assert parse_time(format_time(ms)) == ms


@st.composite
def canonical_times(draw: st.DrawFn) -> str:
    """Build a canonical sheet time from its parts, not from format_time."""
    hours = draw(st.integers(0, 200))
    minutes = draw(st.integers(0, 59))
    seconds = draw(st.integers(0, 59))
    millis = draw(st.integers(0, 999))
    if hours:
        return f"{hours}:{minutes:02}:{seconds:02}.{millis:03}"
    if minutes:
        return f"{minutes}:{seconds:02}.{millis:03}"
    return f"{seconds}.{millis:03}"


@given(canonical_times())
def test_time_round_trip_from_canonical_text(text: str) -> None:
    assert format_time(parse_time(text)) == text


@given(canonical_times())
def test_apostrophe_and_comma_forms_mean_the_same(text: str) -> None:
    head, _, seconds = text.rpartition(":")
    if head:
        assert parse_time(f"{head}'{seconds}") == parse_time(text)
    assert parse_time(text.replace(".", ",")) == parse_time(text)


@given(st.integers(0, TWO_HUNDRED_HOURS), st.integers(0, TWO_HUNDRED_HOURS))
def test_formatted_times_sort_like_numbers_after_parsing(a: int, b: int) -> None:
    parsed_a, parsed_b = parse_time(format_time(a)), parse_time(format_time(b))
    assert parsed_a is not None
    assert parsed_b is not None
    assert (parsed_a < parsed_b) == (a < b)


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("+0.150", Gap(ms=150)),
        ("0.150", Gap(ms=150)),
        ("+0.903", Gap(ms=903)),
        ("28.869", Gap(ms=28_869)),  # ELMS prints gaps without a sign
        ("+1:23.456", Gap(ms=83_456)),
        ("1'59.312", Gap(ms=119_312)),  # ELMS gap over a minute
        ("-0.150", Gap(ms=-150)),
        ("+0.000", Gap(ms=0)),  # IMSA qualifying tie
        ("-0.000", Gap(ms=0)),
        ("+0,150", Gap(ms=150)),
        ("+ 0.150", Gap(ms=150)),
        ("1 Lap", Gap(laps=1)),
        ("1 Laps", Gap(laps=1)),  # ELMS says "1 Laps"
        ("3 Laps", Gap(laps=3)),
        ("+2 Laps", Gap(laps=2)),
        ("580 Laps", Gap(laps=580)),
        ("-12 Laps", Gap(laps=-12)),  # ELMS gap to a car classified behind on more laps
        ("1 lap", Gap(laps=1)),
        ("2 LAPS", Gap(laps=2)),
        ("2laps", Gap(laps=2)),
        ("+1L", Gap(laps=1)),
        ("  7 Laps ", Gap(laps=7)),
    ],
)
def test_parse_gap_accepts_sheet_forms(text: str, gap: Gap) -> None:
    assert parse_gap(text) == gap


@pytest.mark.parametrize("text", [None, "", "  ", "-", "\u2014"])
def test_parse_gap_blank_is_none(text: str | None) -> None:
    assert parse_gap(text) is None


@pytest.mark.parametrize(
    "text", ["+", "+-0.150", "lap", "Laps 2", "1.5 Laps", "0.1504", "abc", "+1:60.000", "1 Lapse"]
)
def test_parse_gap_rejects_non_gaps(text: str) -> None:
    with pytest.raises(TimingError, match="is not a gap"):
        parse_gap(text)


def test_gap_error_names_the_text_and_the_forms() -> None:
    with pytest.raises(TimingError) as caught:
        parse_gap("two laps")
    assert str(caught.value).startswith('"two laps" is not a gap (expected something like +0.150')


@pytest.mark.parametrize(
    ("gap", "text"),
    [
        (None, ""),
        (Gap(ms=150), "+0.150"),
        (Gap(ms=0), "+0.000"),
        (Gap(ms=83_456), "+1:23.456"),
        (Gap(ms=-150), "-0.150"),
        (Gap(ms=-83_456), "-1:23.456"),
        (Gap(ms=HOUR), "+1:00:00.000"),
        (Gap(laps=1), "+1 Lap"),
        (Gap(laps=3), "+3 Laps"),
        (Gap(laps=580), "+580 Laps"),
        (Gap(laps=-1), "-1 Lap"),
        (Gap(laps=-12), "-12 Laps"),
        (Gap(laps=0), "+0 Laps"),
    ],
)
def test_format_gap(gap: Gap | None, text: str) -> None:
    assert format_gap(gap) == text


@pytest.mark.parametrize(
    ("ms", "text"),
    [(None, ""), (150, "0.150"), (-150, "0.150"), (0, "0.000"), (83_456, "1:23.456")],
)
def test_format_gap_plain_for_sentences(ms: int | None, text: str) -> None:
    assert format_gap_plain(ms) == text


def test_article_sentence_gap() -> None:
    gap = parse_gap("+0.150")
    assert gap is not None
    assert f"just {format_gap_plain(gap.ms)} off the top spot" == "just 0.150 off the top spot"


@pytest.mark.parametrize(("ms", "laps"), [(None, None), (150, 1), (0, 0)])
def test_gap_needs_exactly_one_of_time_or_laps(ms: int | None, laps: int | None) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Gap(ms=ms, laps=laps)


@given(st.integers(-TWO_HUNDRED_HOURS, TWO_HUNDRED_HOURS))
def test_gap_round_trip_from_ms(ms: int) -> None:
    assert parse_gap(format_gap(Gap(ms=ms))) == Gap(ms=ms)


@given(st.integers(-100_000, 100_000))
def test_gap_round_trip_from_laps(laps: int) -> None:
    assert parse_gap(format_gap(Gap(laps=laps))) == Gap(laps=laps)


@given(st.sampled_from(["+", "-"]), canonical_times())
def test_gap_round_trip_from_canonical_text(sign: str, body: str) -> None:
    text = f"{sign}{body}"
    if text == "-0.000":
        text = "+0.000"  # a tie has one canonical form
    assert format_gap(parse_gap(text)) == text


@given(st.sampled_from(["+", "-"]), st.integers(1, 100_000))
def test_gap_round_trip_from_canonical_lap_text(sign: str, laps: int) -> None:
    text = f"{sign}{laps} {'Lap' if laps == 1 else 'Laps'}"
    assert format_gap(parse_gap(text)) == text


@given(st.integers(-TWO_HUNDRED_HOURS, TWO_HUNDRED_HOURS))
def test_plain_gap_is_signed_gap_without_sign(ms: int) -> None:
    assert format_gap(Gap(ms=ms))[1:] == format_gap_plain(ms)


SHEET_ALPHABET = st.sampled_from(list("0123456789:.,'+- Lapsx\u2019\u0661\t"))
FUZZ_TEXT = st.one_of(st.text(), st.text(SHEET_ALPHABET, max_size=20))


@given(FUZZ_TEXT)
def test_parse_time_returns_or_raises_timing_error(text: str) -> None:
    try:
        result = parse_time(text)
    except TimingError as error:
        assert str(error).startswith('"')
    else:
        assert result is None or (isinstance(result, int) and result >= 0)


@given(FUZZ_TEXT)
def test_parse_gap_returns_or_raises_timing_error(text: str) -> None:
    try:
        result = parse_gap(text)
    except TimingError as error:
        assert "is not a gap" in str(error)
    else:
        assert result is None or isinstance(result, Gap)
