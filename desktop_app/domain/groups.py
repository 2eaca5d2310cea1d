"""Qualifying groups: classes that ran apart, and positions within a group.

IMSA qualifies its classes in separate groups (GTD PRO + GTD, then LMP2, then GTP) but
the results file lists the whole field in one table, so "P3 overall" in an article means
third in the group. Groups are written ``GTP | LMP2 | GTD PRO, GTD``: ``|`` between
groups, ``,`` between the classes of one group. Class codes are compared the way class
aliases are (``GTDPRO`` is ``GTD PRO``).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence

Groups = tuple[tuple[str, ...], ...]


class GroupsError(ValueError):
    """Groups that cannot be right; the message says why in the reporter's words."""


def code_key(code: str) -> str:
    """``GTD Pro`` / ``GTD-PRO`` / ``GTDPRO`` are one class (as class aliases match)."""
    return re.sub(r"[\s\-_/]+", "", code).upper()


def parse_groups(text: str) -> Groups:
    """``GTP | LMP2 | GTD PRO, GTD`` -> (("GTP",), ("LMP2",), ("GTD PRO", "GTD"))."""
    groups = []
    for part in text.split("|"):
        classes = tuple(code.strip() for code in part.split(",") if code.strip())
        if classes:
            groups.append(classes)
    return tuple(groups)


def format_groups(groups: Groups) -> str:
    return " | ".join(", ".join(group) for group in groups)


def check_groups(groups: Groups, classes: Sequence[str]) -> Groups:
    """The groups in the session's own class spelling; refused with the reason when a class
    is unknown, in two groups, or in none. No groups at all means one field."""
    if not groups:
        return ()
    spelled = {code_key(code): code for code in classes}
    seen: dict[str, int] = {}
    checked = []
    for number, group in enumerate(groups, start=1):
        named = []
        for code in group:
            key = code_key(code)
            if key not in spelled:
                known = ", ".join(classes) or "none"
                raise GroupsError(f"{code} is not a class of this session (its classes: {known}).")
            if key in seen:
                where = "twice in one group" if seen[key] == number else "in two groups"
                raise GroupsError(f"{spelled[key]} is {where}; each class runs in one group.")
            seen[key] = number
            named.append(spelled[key])
        checked.append(tuple(named))
    left_out = [code for code in classes if code_key(code) not in seen]
    if left_out:
        raise GroupsError(
            f"{', '.join(left_out)} {'is' if len(left_out) == 1 else 'are'} in no group; "
            "every class of the session must be in one."
        )
    return tuple(checked)


def detect_groups(spans: Mapping[str, tuple[int, int]], order: Sequence[str] = ()) -> Groups:
    """Classes whose time on track (first to last crossing) overlaps ran together.

    Groups and the classes in them follow ``order`` (the series' class order); classes
    not in ``order`` go last. One group means the field ran together: no groups.
    """
    rank = {code_key(code): index for index, code in enumerate(order)}
    clusters: list[tuple[int, list[str]]] = []  # (end of the cluster, classes)
    for code, (start, end) in sorted(spans.items(), key=lambda item: item[1]):
        if clusters and start <= clusters[-1][0]:
            clusters[-1] = (max(end, clusters[-1][0]), [*clusters[-1][1], code])
        else:
            clusters.append((end, [code]))
    if len(clusters) < 2:
        return ()

    def by_rank(code: str) -> tuple[int, str]:
        return (rank.get(code_key(code), len(rank)), code)

    groups = [tuple(sorted(classes, key=by_rank)) for _, classes in clusters]
    return tuple(sorted(groups, key=lambda group: by_rank(group[0])))


def overlapping(groups: Groups, spans: Mapping[str, tuple[int, int]]) -> str:
    """Why groups contradict the laps ("" when they do not): two groups on track at once."""
    keyed = {code_key(code): span for code, span in spans.items()}
    ranges = []
    for group in groups:
        own = [keyed[code_key(code)] for code in group if code_key(code) in keyed]
        if own:
            ranges.append((min(s for s, _ in own), max(e for _, e in own), group))
    ranges.sort()
    for (_, end, first), (start, later_end, second) in zip(ranges, ranges[1:], strict=False):
        if start <= end:
            return (
                f"{', '.join(first)} and {', '.join(second)} were on track at the same time "
                f"({clock(start)}-{clock(min(end, later_end))}), so they cannot be separate "
                "groups."
            )
    return ""


def clock(ms: int) -> str:
    """``13:42`` from ms after midnight."""
    minutes = ms // 60_000
    return f"{minutes // 60 % 24:02}:{minutes % 60:02}"


def group_positions(
    order: Sequence[tuple[Hashable, str]], groups: Groups
) -> dict[Hashable, int | None]:
    """Each car's position among its group's cars, in the session's order.

    ``order`` is (car, class code) in classification order. Without groups every car's
    position is its place in the whole field. A car of a class in no group gets None.
    """
    group_of = {code_key(code): n for n, group in enumerate(groups) for code in group}
    counts: dict[int, int] = {}
    positions: dict[Hashable, int | None] = {}
    for car, code in order:
        group = group_of.get(code_key(code)) if groups else 0
        if group is None:
            positions[car] = None
            continue
        counts[group] = counts.get(group, 0) + 1
        positions[car] = counts[group]
    return positions
