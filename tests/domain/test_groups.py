"""Qualifying groups: the text form, refusals with reasons, detection, group positions."""

from __future__ import annotations

import pytest
from sebring_files import lap_records, rows

from desktop_app.domain import groups as g
from desktop_app.domain.laps import time_span

CLASSES = ["GTP", "LMP2", "GTD PRO", "GTD"]


def test_parse_and_format_round_trip() -> None:
    parsed = g.parse_groups(" GTP |LMP2|  GTD PRO ,GTD ")
    assert parsed == (("GTP",), ("LMP2",), ("GTD PRO", "GTD"))
    assert g.format_groups(parsed) == "GTP | LMP2 | GTD PRO, GTD"
    assert g.parse_groups("") == ()


def test_check_takes_the_session_spelling_of_aliases() -> None:
    checked = g.check_groups(g.parse_groups("gtp | lmp2 | GTDPRO, GTD"), CLASSES)
    assert checked == (("GTP",), ("LMP2",), ("GTD PRO", "GTD"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("GTP | LMP2, GTP | GTD PRO, GTD", "GTP is in two groups; each class runs in one group."),
        ("GTP, GTP | LMP2 | GTD PRO, GTD", "GTP is twice in one group"),
        ("GTP | LMP2", "GTD PRO, GTD are in no group; every class of the session must be in one."),
        ("GTP | LMP2 | GTD PRO", "GTD is in no group"),
        ("GTP | LMP3 | LMP2 | GTD PRO, GTD", "LMP3 is not a class of this session"),
    ],
)
def test_groups_that_overlap_or_leave_a_class_out_are_refused(text: str, reason: str) -> None:
    with pytest.raises(g.GroupsError) as refused:
        g.check_groups(g.parse_groups(text), CLASSES)
    assert reason in str(refused.value)


def _sebring_spans() -> dict[str, tuple[int, int]]:
    records = lap_records("Qualifying")
    class_of = {row["NUMBER"]: row["CLASS"] for row in rows("Qualifying", "results")}
    spans = {}
    for code in set(class_of.values()):
        span = time_span(r for r in records if class_of[str(r.car)] == code)
        assert span is not None
        spans[code] = span
    return spans


def test_sebring_qualifying_groups_found_from_the_laps_time_of_day() -> None:
    spans = _sebring_spans()
    assert g.detect_groups(spans, ["GTP", "LMP2", "GTDPRO", "GTD"]) == (
        ("GTP",),
        ("LMP2",),
        ("GTDPRO", "GTD"),
    )
    assert {code: (g.clock(a), g.clock(b)) for code, (a, b) in spans.items()} == {
        "GTDPRO": ("12:52", "13:06"),  # the group: 12:52-13:09
        "GTD": ("12:52", "13:09"),
        "LMP2": ("13:17", "13:31"),
        "GTP": ("13:42", "13:59"),
    }


def test_one_field_has_no_groups_and_overlap_is_explained() -> None:
    assert g.detect_groups({"A": (0, 100), "B": (50, 150)}) == ()
    spans = _sebring_spans()
    assert g.overlapping((("GTP",), ("LMP2",), ("GTDPRO", "GTD")), spans) == ""
    reason = g.overlapping((("GTP", "GTD"), ("LMP2",), ("GTDPRO",)), spans)
    assert reason == (
        "GTP, GTD and GTDPRO were on track at the same time (12:52-13:06), "
        "so they cannot be separate groups."
    )


def test_group_positions_follow_the_session_order() -> None:
    order = [("31", "GTP"), ("99", "LMP2"), ("14", "GTDPRO"), ("01", "GTP"), ("57", "GTD")]
    groups = (("GTP",), ("LMP2",), ("GTDPRO", "GTD"))
    assert g.group_positions(order, groups) == {"31": 1, "99": 1, "14": 1, "01": 2, "57": 2}
    assert g.group_positions(order, ()) == {"31": 1, "99": 2, "14": 3, "01": 4, "57": 5}
    assert g.group_positions(order, (("GTP",),)) == {
        "31": 1,
        "99": None,
        "14": None,
        "01": 2,
        "57": None,
    }
