"""Corroboration and contradiction between claims about the same event.

Two claims about one (merged) event, from different documents, contradict when
one denies or disputes what the other asserts, or when the figures their reports
give (quantities, amounts, dates) conflict; they corroborate when independent
sources (different outlets and speakers, not one government speaking twice, not one
relaying the other) report compatible facts. Each relation carries a reason a
person can read. Only facts are compared with facts: a plan or a possibility
("Russia is planning to receive drones") neither confirms nor contradicts a report
of what happened, and a report that something did not happen ("had never
exported") counts as a denial.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from newsledger import dates
from newsledger.query import records
from newsledger.resolve import events as event_matching
from newsledger.store.sqlite import event_sides

_NEGATIVE = frozenset({"denies", "disputes"})
_POSITIVE = frozenset({"asserts", "reports", "admits"})
# Modalities that state what happened (or that it did not): the only ones compared with each other
# and with facts; a plan is compared with plans only, a possibility with nothing.
_FACTUAL = frozenset({"occurred", "negated"})
# Entity types that speak for a country's government: a country, and its ministries, forces and
# agencies. Two claimants of these types from one country are one side, not independent sources.
_OFFICIAL_TYPES = frozenset({"country", "organization"})
_BATCH = 500  # report ids per query (SQLite caps the number of bound values)
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
    modality: str = "occurred"
    lone: bool = True  # every report of the claim's event comes from the claim's own document
    sides: dict[str, frozenset[str]] | None = None  # countries in the roles that identify the event
    chain: frozenset[str] = frozenset()  # canonical ids of the claimant and of every relay
    country: str | None = None  # the claimant's country, when known
    official: bool = False  # the claimant is a country or one of its bodies (ministry, forces, agency)

    @property
    def negative(self) -> bool:
        """Says the event did not happen: a denial, a dispute, or a report of it as not happening."""
        return self.stance in _NEGATIVE or self.modality == "negated"

    @property
    def compared(self) -> str | None:
        """What kind of statement this is for comparison (a fact or a plan); None: not compared."""
        if self.modality in _FACTUAL:
            return "fact"
        return "plan" if self.modality == "planned" else None


def relations(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every corroborates / contradicts relation between claims, sorted for stable output.

    Claims about one merged event are compared pairwise. A denial is also compared
    with claims about other events of the same type that involve every actor it
    names ("Pyongyang denied selling arms" covers "North Korea shipped shells to
    Russia"), as long as their dates do not rule it out.
    """
    facts = [f for f in _claim_facts(db) if f.compared]
    pairs: set[tuple[str, str]] = set()
    by_event: dict[str, list[_ClaimFacts]] = defaultdict(list)
    by_type: dict[str, list[_ClaimFacts]] = defaultdict(list)
    for f in facts:
        by_event[f.event].append(f)
        by_type[f.type].append(f)
    for group in by_event.values():
        pairs.update((a.id, b.id) for a, b in combinations(sorted(group, key=lambda f: f.id), 2))
    for group in by_type.values():
        # A denial the matcher tied to reports elsewhere is about that event; only one left on its own
        # ("Pyongyang denied selling arms to any country") covers the events that involve all it names.
        denials = [f for f in group if f.negative and f.actors and f.lone]
        for d in denials:
            for other in group:
                if (
                    not other.negative
                    and d.actors <= other.actors
                    and not _dates_conflict(d, other)
                    and not event_matching.sides_clash(d.type, d.sides or {}, other.sides or {})
                ):
                    pairs.add((min(d.id, other.id), max(d.id, other.id)))
    by_id = {f.id: f for f in facts}
    out: list[dict[str, Any]] = []
    for ia, ib in sorted(pairs):
        a, b = by_id[ia], by_id[ib]
        if a.speaker_key == b.speaker_key and a.document == b.document:
            continue
        if a.compared != b.compared:
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
        " cl.id AS claimant_id, cl.type AS claimant_type, cl.country AS claimant_country,"
        " em.id AS report, em.event_id, em.date_start, em.date_end, em.type, em.mode, em.modality,"
        " (SELECT count(*) FROM event_mentions o WHERE o.event_id = em.event_id"
        "  AND o.document_id != em.document_id) AS elsewhere"
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
    relays: dict[str, set[str]] = defaultdict(set)
    for claim, relay in db.execute(
        "SELECT v.claim_id, e.canonical_id FROM claim_via v JOIN entities e ON e.id = v.entity_id"
    ):
        relays[claim].add(relay)
    reports = sorted({r["report"] for r in rows})
    sides: dict[str, dict[str, frozenset[str]]] = {}
    for i in range(0, len(reports), _BATCH):
        sides.update(event_sides(db, reports[i : i + _BATCH]))
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
                modality=r["modality"],
                lone=r["elsewhere"] == 0,
                sides=sides.get(r["report"], {}),
                chain=frozenset(relays[r["id"]] | ({r["claimant_id"]} if r["claimant_id"] else set())),
                country=r["claimant_country"],
                official=r["claimant_type"] in _OFFICIAL_TYPES,
            )
        )
    return out


def _judge(a: _ClaimFacts, b: _ClaimFacts) -> tuple[str, str] | None:
    if a.negative != b.negative:
        yes, no = (b, a) if a.negative else (a, b)
        verb = "disputes" if no.stance == "disputes" else "denies"
        return "contradicts", f"{_who(yes)} {_says(yes)} {_what(yes)}{_on(yes)}; {_who(no)} {verb} it"
    if a.document == b.document:
        return None  # one report cannot corroborate itself
    if a.negative:
        if _independent(a, b):
            return "corroborates", f"{_who(a)} and {_who(b)} both deny {_what(a)}"
        return None
    conflict = _figure_conflict(a.quantities, b.quantities) or _figure_conflict(a.money, b.money)
    if conflict:
        fa, fb = conflict
        return "contradicts", f"{_who(a)} reports {fa} for {_what(a)}; {_who(b)} reports {fb}"
    if _dates_conflict(a, b):
        return "contradicts", f"{_who(a)} dates {_what(a)}{_on(a)}; {_who(b)} dates it{_on(b)}"
    if _independent(a, b):
        return "corroborates", f"{_who(a)} and {_who(b)} independently report {_what(a)}{_on(a)}"
    return None


def _independent(a: _ClaimFacts, b: _ClaimFacts) -> bool:
    """Two sources, not one: different speakers in different outlets, neither relaying the other,
    and not one government speaking twice: two claimants of one country of whom one is the
    country itself or one of its bodies (South Korea and its intelligence service; Ukraine's
    Southern Defence Forces and "Ukrainian military officials")."""
    if a.speaker_key == b.speaker_key:
        return False
    if (a.outlet or a.document).casefold() == (b.outlet or b.document).casefold():
        return False
    if a.chain & b.chain:
        return False  # one relays the other, or both relay one speaker
    return not (a.country and a.country == b.country and (a.official or b.official))


def _what(f: _ClaimFacts) -> str:
    kind = f.mode or f.type
    # A plural mode ("talks") takes no article.
    article = "" if kind.endswith("s") else ("an " if kind[:1] in "aeiou" else "a ")
    return f"{article}{kind}" + (f" involving {', '.join(f.names)}" if f.names else "")


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
