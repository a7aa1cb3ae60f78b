"""Corroboration and contradiction between claims about the same event.

Two claims about one (merged) event, from different documents, contradict when
one denies or disputes what the other asserts, or when the figures their reports
give (quantities, amounts, dates) conflict; they corroborate when independent
sources (different outlets and speakers) report compatible facts. Each relation
carries a reason a person can read.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from newsledger import dates
from newsledger.query import records

_NEGATIVE = frozenset({"denies", "disputes"})
_POSITIVE = frozenset({"asserts", "reports", "admits"})
# Figures within 5 % are rounding, not disagreement ("about 1 million" vs "1.02 million").
_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class _ClaimFacts:
    id: str
    document: str
    outlet: str | None
    speaker: str  # who says it: the claimant's name, else the outlet
    speaker_key: str
    stance: str
    event: str
    date: tuple[str | None, str | None]
    quantities: tuple[tuple[float, str | None], ...]
    money: tuple[tuple[float, str | None], ...]
    type: str
    mode: str | None
    actors: frozenset[str]  # canonical ids of the event's participants other than items
    names: tuple[str, ...]  # their names, for reasons


def relations(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every corroborates / contradicts relation between claims, sorted for stable output.

    Claims about one merged event are compared pairwise. A denial is also compared
    with claims about other events of the same type that involve every actor it
    names ("Pyongyang denied selling arms" covers "North Korea shipped shells to
    Russia"), as long as their dates do not rule it out.
    """
    facts = _claim_facts(db)
    pairs: set[tuple[str, str]] = set()
    by_event: dict[str, list[_ClaimFacts]] = defaultdict(list)
    by_type: dict[str, list[_ClaimFacts]] = defaultdict(list)
    for f in facts:
        by_event[f.event].append(f)
        by_type[f.type].append(f)
    for group in by_event.values():
        pairs.update((a.id, b.id) for a, b in combinations(sorted(group, key=lambda f: f.id), 2))
    for group in by_type.values():
        denials = [f for f in group if f.stance in _NEGATIVE and f.actors]
        for d in denials:
            for other in group:
                if other.stance in _POSITIVE and d.actors <= other.actors and not _dates_conflict(d, other):
                    pairs.add((min(d.id, other.id), max(d.id, other.id)))
    by_id = {f.id: f for f in facts}
    out: list[dict[str, Any]] = []
    for ia, ib in sorted(pairs):
        a, b = by_id[ia], by_id[ib]
        if a.speaker_key == b.speaker_key and a.document == b.document:
            continue
        judged = _judge(a, b)
        if judged:
            kind, reason = judged
            out.append({"type": kind, "a": a.id, "b": b.id, "reason": reason})
    out.sort(key=lambda r: (r["type"], r["a"], r["b"]))
    return out


def _claim_facts(db: sqlite3.Connection) -> list[_ClaimFacts]:
    quantities: dict[str, list[tuple[float, str | None]]] = defaultdict(list)
    for r in db.execute("SELECT event_mention_id, value, unit FROM event_quantities"):
        quantities[r[0]].append((r[1], r[2]))
    money: dict[str, list[tuple[float, str | None]]] = defaultdict(list)
    for r in db.execute("SELECT event_mention_id, value, currency FROM event_money"):
        money[r[0]].append((r[1], r[2]))
    rows = db.execute(
        "SELECT c.id, c.document_id, c.stance, d.outlet, d.title, d.origin, cl.name AS claimant_name,"
        " cl.id AS claimant_id, em.id AS report, em.event_id, em.date_start, em.date_end,"
        " em.type, em.mode"
        " FROM claims c JOIN documents d ON d.id = c.document_id"
        " JOIN claim_events ce ON ce.claim_id = c.id AND ce.position = 0"
        " JOIN event_mentions em ON em.id = ce.event_mention_id"
        " LEFT JOIN entities e ON e.id = c.claimant_id"
        " LEFT JOIN entities cl ON cl.id = e.canonical_id"
    ).fetchall()
    actors: dict[str, dict[str, str]] = defaultdict(dict)
    for r in db.execute(
        "SELECT p.event_mention_id, c.id, c.name FROM event_participants p"
        " JOIN entities e ON e.id = p.entity_id JOIN entities c ON c.id = e.canonical_id"
        " WHERE p.role NOT IN ('item', 'instrument')"
    ):
        actors[r[0]][r[1]] = r[2]
    out = []
    for r in rows:
        # With no outlet known, the report is named by its title or the file it came from.
        source_name = records.source_label(r["outlet"], r["title"], r["origin"], r["document_id"])
        speaker = r["claimant_name"] or source_name
        out.append(
            _ClaimFacts(
                id=r["id"],
                document=r["document_id"],
                outlet=r["outlet"] or source_name,
                speaker=speaker,
                speaker_key=r["claimant_id"] or f"outlet:{(r['outlet'] or r['document_id']).casefold()}",
                stance=r["stance"],
                event=r["event_id"],
                date=(r["date_start"], r["date_end"]),
                quantities=tuple(quantities.get(r["report"], ())),
                money=tuple(money.get(r["report"], ())),
                type=r["type"],
                mode=r["mode"],
                actors=frozenset(actors[r["report"]]),
                names=tuple(sorted(actors[r["report"]].values())),
            )
        )
    return out


def _judge(a: _ClaimFacts, b: _ClaimFacts) -> tuple[str, str] | None:
    if (a.stance in _NEGATIVE) != (b.stance in _NEGATIVE):
        yes, no = (b, a) if a.stance in _NEGATIVE else (a, b)
        verb = "denies" if no.stance == "denies" else "disputes"
        return "contradicts", f"{_who(yes)} {_says(yes)} {_what(yes)}{_on(yes)}; {_who(no)} {verb} it"
    if a.document == b.document:
        return None  # one report cannot corroborate itself
    if a.stance in _NEGATIVE:
        if a.speaker_key != b.speaker_key:
            return "corroborates", f"{_who(a)} and {_who(b)} both deny {_what(a)}"
        return None
    conflict = _figure_conflict(a.quantities, b.quantities) or _figure_conflict(a.money, b.money)
    if conflict:
        fa, fb = conflict
        return "contradicts", f"{_who(a)} reports {fa} for {_what(a)}; {_who(b)} reports {fb}"
    if _dates_conflict(a, b):
        return "contradicts", f"{_who(a)} dates {_what(a)}{_on(a)}; {_who(b)} dates it{_on(b)}"
    independent = a.speaker_key != b.speaker_key and (
        (a.outlet or a.document).casefold() != (b.outlet or b.document).casefold()
    )
    if independent:
        return "corroborates", f"{_who(a)} and {_who(b)} independently report {_what(a)}{_on(a)}"
    return None


def _what(f: _ClaimFacts) -> str:
    kind = f.mode or f.type
    article = "an" if kind[:1] in "aeiou" else "a"
    return f"{article} {kind}" + (f" involving {', '.join(f.names)}" if f.names else "")


def _says(f: _ClaimFacts) -> str:
    return {"asserts": "says there was", "reports": "reports", "admits": "admits"}.get(f.stance, "reports")


def _who(f: _ClaimFacts) -> str:
    if f.outlet and f.speaker != f.outlet:
        return f"{f.speaker} (in {f.outlet})"
    return f.speaker


def _on(f: _ClaimFacts) -> str:
    start, end = f.date
    if not start:
        return ""
    return f" on {start}" if not end or end == start else f" between {start} and {end}"


def _figure_conflict(
    a: tuple[tuple[float, str | None], ...], b: tuple[tuple[float, str | None], ...]
) -> tuple[str, str] | None:
    for va, ua in a:
        for vb, ub in b:
            if ua != ub:
                continue
            if abs(va - vb) > _TOLERANCE * max(abs(va), abs(vb)):
                return _fmt(va, ua), _fmt(vb, ub)
    return None


def _fmt(value: float, unit: str | None) -> str:
    number = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{number} {unit}" if unit else number


def _dates_conflict(a: _ClaimFacts, b: _ClaimFacts) -> bool:
    return (
        dates.overlaps(dates.span_bounds(*a.date), dates.span_bounds(*b.date)) is False
    )
