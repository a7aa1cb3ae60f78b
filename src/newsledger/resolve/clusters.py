"""Canonical ids from judged links (nomenklatura-style), kept apart from the data.

A link says two rows are the same thing (or, when a person says so, that they
are not). Rows joined by "same" links form one entity or event whose id is the
smallest row id in the group, so the id does not depend on the order in which
documents arrived. A person's "different" verdict is a hard constraint: no chain
of machine links may join the two groups again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

Sides = Mapping[str, frozenset[str]]  # role -> the countries (or other keys) standing in it


@dataclass(frozen=True, slots=True)
class Judgement:
    a: str
    b: str
    same: bool
    score: float
    by_user: bool


def cluster(
    nodes: Iterable[str],
    judgements: Iterable[Judgement],
    sides: Mapping[str, Sides] | None = None,
    clash: Callable[[Sides, Sides], object] | None = None,
) -> dict[str, str]:
    """Map every node to its group's canonical id (the smallest id in the group).

    User verdicts are applied first, then machine links from the most to the
    least confident, skipping any union a user has forbidden and, when ``clash``
    is given, any union of two groups whose ``sides`` (merged over their members)
    clash.
    """
    parent: dict[str, str] = {n: n for n in nodes}
    group_sides: dict[str, dict[str, frozenset[str]]] = {n: dict((sides or {}).get(n, {})) for n in parent}
    members: dict[str, set[str]] = {n: {n} for n in parent}
    forbidden: dict[str, set[str]] = {}
    ordered = sorted(judgements, key=lambda j: (not j.by_user, -j.score, j.a, j.b))
    for j in ordered:
        for n in (j.a, j.b):
            if n not in parent:
                parent[n] = n
                members[n] = {n}
                group_sides[n] = dict((sides or {}).get(n, {}))
        if j.by_user and not j.same:
            forbidden.setdefault(j.a, set()).add(j.b)
            forbidden.setdefault(j.b, set()).add(j.a)

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for j in ordered:
        if not j.same:
            continue
        ra, rb = find(j.a), find(j.b)
        if ra == rb:
            continue
        group_a, group_b = members[ra], members[rb]
        if any(forbidden.get(n, set()) & group_b for n in group_a):
            continue
        if clash is not None and clash(group_sides[ra], group_sides[rb]):
            continue
        merged = group_sides[ra]
        for role, keys in group_sides.pop(rb).items():
            merged[role] = merged.get(role, frozenset()) | keys
        parent[rb] = ra
        members[ra] = group_a | group_b
        del members[rb]
    canonical: dict[str, str] = {}
    for root, group in members.items():
        head = min(group)
        for n in group:
            canonical[n] = head
    return {n: canonical[find(n)] for n in parent}
