"""Event matching: is this report about an event already in the ledger?

Two reports describe the same event when they are of the same type, their dates
(when both known) overlap, and they share actors or place. Look-alike events
(another strike on another day) stay apart because their dates do not overlap.
Within one article, a verb and a noun often name one event ("drones struck the
port ... the strike killed two"); there only a shared target or place joins them,
never a shared attacker alone (one article can report several strikes by one army).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsledger import dates

@dataclass(frozen=True, slots=True)
class EventView:
    """What the matcher needs to know of one event report."""

    id: str
    document_id: str
    type: str
    date_start: str | None
    date_end: str | None
    actors: frozenset[str]  # canonical entity ids of participants (not items)
    items: frozenset[str]  # canonical entity ids of items (weapons, goods)
    location: str | None
    names: dict[str, str]  # canonical id -> display name, for the reason text
    targets: frozenset[str] = frozenset()  # canonical ids in target / recipient roles


def match(a: EventView, b: EventView) -> tuple[float, str] | None:
    """Score in 0..1 and a readable reason when a and b report the same event."""
    if a.id == b.id or a.type != b.type:
        return None
    when = dates.overlaps(
        dates.span_bounds(a.date_start, a.date_end), dates.span_bounds(b.date_start, b.date_end)
    )
    if when is False:
        return None
    if a.document_id == b.document_id:
        return _same_article(a, b, when)
    shared_actors = a.actors & b.actors
    shared_items = a.items & b.items
    same_place = a.location is not None and a.location == b.location
    # A place named as the target in one report and as the location in another
    # ("struck Izmail" / "an attack in Izmail") is the same fact seen twice.
    counted = shared_actors | ({a.location} if same_place else set())
    place_as_target = (_actors_and_place(a) & _actors_and_place(b)) - counted
    evidence = len(shared_actors) + 0.5 * len(shared_items) + (1 if same_place else 0) + len(place_as_target)
    # One shared actor is enough only when the dates confirm it; otherwise two
    # independent overlaps are needed (e.g. both parties of a transfer).
    needed = 1 if when else 2
    if evidence < needed:
        return None
    union = len(a.actors | b.actors) + len(a.items | b.items) + (1 if a.location or b.location else 0)
    score = min(1.0, evidence / max(union, 1) + (0.25 if when else 0.0))
    parts = [f"same type {a.type}"]
    if shared_actors:
        parts.append("shared actors " + ", ".join(sorted(a.names.get(x, x) for x in shared_actors)))
    if shared_items:
        parts.append("shared items " + ", ".join(sorted(a.names.get(x, x) for x in shared_items)))
    if same_place:
        parts.append("same place " + a.names.get(a.location or "", a.location or ""))
    if place_as_target:
        names = {**a.names, **b.names}
        parts.append("same place as target " + ", ".join(sorted(names.get(x, x) for x in place_as_target)))
    if when:
        parts.append(f"dates overlap ({_fmt(a)} ~ {_fmt(b)})")
    else:
        parts.append("date unknown in one report")
    return round(score, 3), "; ".join(parts)


def _actors_and_place(e: EventView) -> set[str]:
    return set(e.actors) | ({e.location} if e.location else set())


def _same_article(a: EventView, b: EventView, when: bool | None) -> tuple[float, str] | None:
    shared_targets = a.targets & b.targets
    same_place = a.location is not None and a.location == b.location
    if not (shared_targets or same_place):
        return None
    parts = [f"same article, same type {a.type}"]
    if shared_targets:
        parts.append("shared target " + ", ".join(sorted(a.names.get(x, x) for x in shared_targets)))
    if same_place:
        parts.append("same place " + a.names.get(a.location or "", a.location or ""))
    if when:
        parts.append(f"dates overlap ({_fmt(a)} ~ {_fmt(b)})")
    return (0.9 if when else 0.75), "; ".join(parts)


def _fmt(e: EventView) -> str:
    if e.date_end and e.date_end != e.date_start:
        return f"{e.date_start}/{e.date_end}"
    return e.date_start or "?"
