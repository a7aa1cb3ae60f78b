"""Event matching: is this report about an event already in the ledger?

Two reports of different documents describe the same event when they are of the same type,
nothing about them clashes (dates that do not overlap, named places far apart, an undated report
published long after the other's days), and enough points the same way: shared participants,
items or place, or the same kind of trigger (same word or same mode) with close wording (the
words of the sentence and of the whole article). Look-alike events (another strike on another
day, in another town) stay apart because their dates, places or publication days clash; an
undated look-alike that shares only countries ("Russia", "Ukraine") needs the same kind of
trigger and close wording. Transfers, deals and the like (ONGOING_TYPES) run for months: for
them countries are real evidence and publication days do not bound an undated report.
Within one article, a verb and a noun often name one event ("drones struck the port ... the
strike killed two"); there only a shared target or place joins them, never a shared attacker
alone (one article can report several strikes by one army). An ongoing event (a deal, a supply)
in one article is also joined by the very same parties in the same roles.
Whatever the wording, two reports whose sides clash are two events (see sides_clash): attacks by
attackers of different countries, a supply from another origin or to another recipient, pacts of
other parties; and in one article a plan or a possibility is not the happening it anticipates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from newsledger import dates

# How alike two reports must read (see content_similarity) to be one event on wording alone,
# with the same kind of trigger. Swept on the ECB+ dev topics (benchmarks/bench_coref.py --split dev).
CONTENT_THRESHOLD = 0.3
# ... and the two sentences themselves must share some words: two articles about one attack read
# alike, but a side remark in each (a past delivery, a call for aid) is not the same event.
# Swept on the dev topics too (0, 0.1, 0.15, 0.2).
SENTENCE_FLOOR = 0.15
# An undated event is about the days before its report: an undated report is joined only to
# reports that can be about those days (the same words a week later are usually another strike).
RECENT_DAYS = 7
# Event types whose reports often span months (a supply relationship, a deal carried out, sanctions
# in force): their parties identify them even when both are whole countries, and an undated report
# of one is not tied to the days before it. Every other type (an attack, a meeting, an arrest) is a
# happening of a day or so, for which only the rules above hold.
ONGOING_TYPES = frozenset({"transfer", "agreement", "production", "aid", "sanction", "investigation"})
# Two named places closer than this are one place for matching (a district and its city).
SAME_PLACE_KM = 40.0
# Event types done by one side to another (an attack, an arrest, sanctions, a threat, an accusation):
# whose country acts identifies the event, so two reports whose agents belong to different countries
# ("Russia struck Izmail" / "Kyiv stepped up drone attacks") are two events however alike they read.
ONE_SIDED_TYPES = frozenset({"attack", "seizure", "sanction", "threat", "accusation"})
# The roles whose countries identify an event of each kind (see sides_clash).
_SIDE_ROLES: dict[str, tuple[str, ...]] = {"transfer": ("origin", "recipient")}
_SIDE_ROLES.update({t: ("agent",) for t in ONE_SIDED_TYPES})
# An attack also lands somewhere: the countries of its named places (see where_countries) are a side.
_SIDE_ROLES["attack"] = ("agent", "where")
# Agreements and meetings are between parties (agents and partners, read together): a pact of Chile
# and Peru is not a pact of Chile and Argentina signed the same day.
_SIDE_ROLES["agreement"] = _SIDE_ROLES["meeting"] = ("parties",)
# Participant roles read into a side that is not itself a role.
PARTY_ROLES = ("agent", "partner")
_SIDE_LABELS = {"agent": "attackers", "origin": "origins", "recipient": "recipients", "where": "places",
                "parties": "parties"}
# Entity types that are a point on the map (a town, a port, an airport) rather than a whole country.
_POINT_TYPES = frozenset({"place", "facility"})
# Modalities that state what happened (a denial contradicts them, so "never exported" joins "exported");
# in one article a plan or a possibility is another event than the happening (see _modalities_clash).
_FACTUAL = frozenset({"occurred", "negated"})


@dataclass(frozen=True, slots=True)
class EventView:
    """What the matcher needs to know of one event report."""

    id: str
    document_id: str
    type: str  # our event type; "" when unknown (then the trigger word decides)
    date_start: str | None
    date_end: str | None
    actors: frozenset[str]  # canonical entity ids of participants (not items)
    items: frozenset[str]  # canonical entity ids of items (weapons, goods)
    location: str | None
    names: dict[str, str]  # canonical id -> display name, for the reason text
    targets: frozenset[str] = frozenset()  # canonical ids in target / recipient roles
    trigger: str = ""  # the trigger word (a lemma or the text as written)
    mode: str | None = None  # the type's mode (strike, sale, ...), a synonym class of triggers
    broad: frozenset[str] = frozenset()  # ids among actors and location that are whole countries
    published: str | None = None  # the reporting document's date
    sentence_words: frozenset[str] = frozenset()  # content_words of the event's sentence
    document_words: frozenset[str] = frozenset()  # content_words of the whole article
    # Named places among the location and participants (towns, regions; not countries or
    # facilities): canonical id -> (lat, lon) when geocoded. Two reports in different places clash.
    places: dict[str, tuple[float, float] | None] = field(default_factory=dict)
    agents: frozenset[str] = frozenset()  # canonical ids in the agent role (never a place "as target")
    # Country codes of the participants in each role ("agent" -> {"RU"}), for sides_clash.
    sides: dict[str, frozenset[str]] = field(default_factory=dict)
    modality: str | None = None  # occurred, planned, hypothetical, negated; None when unknown


def match(a: EventView, b: EventView) -> tuple[float, str] | None:
    """Score in 0..1 and a readable reason when a and b report the same event."""
    if a.id == b.id or not _types_agree(a, b):
        return None
    if sides_clash(a.type, a.sides, b.sides) or _modalities_clash(a, b):
        return None
    when = dates.overlaps(
        dates.span_bounds(a.date_start, a.date_end), dates.span_bounds(b.date_start, b.date_end)
    )
    if when is False:
        return None
    if a.document_id == b.document_id:
        return _same_article(a, b, when)
    ongoing = is_ongoing(a)
    if _places_clash(a, b) or not (ongoing or windows_meet(a, b)):
        return None
    shared_actors = a.actors & b.actors
    shared_items = a.items & b.items
    same_place = _same_place(a, b)
    # A place named as the target in one report and as the location in another
    # ("struck Izmail" / "an attack in Izmail") is the same fact seen twice.
    counted = shared_actors | ({a.location} if a.location and a.location == b.location else set())
    place_as_target = (_targets_and_place(a) & _targets_and_place(b)) - counted
    shared = shared_actors | place_as_target | ({a.location or ""} if same_place else set())
    evidence = len(shared_actors) + 0.5 * len(shared_items) + (1 if same_place else 0) + len(place_as_target)
    # Whole countries are weak evidence: two different strikes by Russia on Ukraine share both.
    specific = evidence if ongoing else evidence - len(shared & (a.broad | b.broad))
    trigger = _trigger_kinship(a, b)
    content = content_similarity(a, b)
    worded_alike = (
        trigger is not None
        and content >= CONTENT_THRESHOLD
        and _cosine(a.sentence_words, b.sentence_words) >= SENTENCE_FLOOR
    )
    # One shared actor is enough only when the dates confirm it; otherwise two independent
    # overlaps are needed (e.g. both parties of a transfer), one of them more than a country.
    by_arguments = evidence >= 1 if when else (evidence >= 2 and specific >= 1)
    if not (by_arguments or worded_alike):
        return None
    union = len(a.actors | b.actors) + len(a.items | b.items) + (1 if a.location or b.location else 0)
    score = evidence / max(union, 1) + (0.25 if when else 0.0) + (0.25 * min(1.0, content) if worded_alike else 0.0)
    parts = [f"same type {a.type}" if a.type else "same kind of event"]
    if trigger:
        parts.append(trigger)
    if shared_actors:
        parts.append("shared actors " + ", ".join(sorted(a.names.get(x, x) for x in shared_actors)))
    if shared_items:
        parts.append("shared items " + ", ".join(sorted(a.names.get(x, x) for x in shared_items)))
    if same_place:
        names = {**b.names, **a.names}
        parts.append("same place " + names.get(a.location or "", a.location or ""))
    if place_as_target:
        names = {**a.names, **b.names}
        parts.append("same place as target " + ", ".join(sorted(names.get(x, x) for x in place_as_target)))
    if worded_alike:
        parts.append(f"reports worded alike ({content:.2f})")
    if when:
        parts.append(f"dates overlap ({_fmt(a)} ~ {_fmt(b)})")
    else:
        parts.append("date unknown in one report")
    return round(min(1.0, score), 3), "; ".join(parts)


def _types_agree(a: EventView, b: EventView) -> bool:
    """Same event type; a report with no type of ours (benchmarks) needs the same trigger word."""
    if a.type and b.type:
        return a.type == b.type
    return bool(a.trigger) and trigger_key(a.trigger) == trigger_key(b.trigger)


def _trigger_kinship(a: EventView, b: EventView) -> str | None:
    """Why the two triggers name the same kind of happening, or None (same type only is too loose)."""
    key = trigger_key(a.trigger)
    if key and key == trigger_key(b.trigger):
        same = a.trigger.casefold() == b.trigger.casefold()
        return f"same trigger {a.trigger.casefold()}" if same else f"same trigger {a.trigger} ~ {b.trigger}"
    if a.mode and a.mode == b.mode:
        return f"same mode {a.mode}"
    return None


def is_ongoing(e: EventView) -> bool:
    """Whether the event's type is one of ONGOING_TYPES (see there)."""
    return e.type in ONGOING_TYPES


def time_window(e: EventView) -> tuple[date, date] | None:
    """When the event can have happened: its dates, else the RECENT_DAYS before its report."""
    return window_of(e.date_start, e.date_end, e.published)


def window_of(start: str | None, end: str | None, published: str | None) -> tuple[date, date] | None:
    """time_window from an event's stored dates and its document's publication date."""
    span = dates.span_bounds(start, end)
    if span is not None:
        return span
    day = dates.bounds(published)
    if day is None:
        return None
    return day[0] - timedelta(days=RECENT_DAYS), day[1]


def windows_meet(a: EventView, b: EventView) -> bool:
    """The two reports can be about the same days (true when either cannot be placed in time)."""
    return dates.overlaps(time_window(a), time_window(b)) is not False


def _same_place(a: EventView, b: EventView) -> bool:
    """Both reports locate the event, at one place or at two places close together."""
    if a.location is None or b.location is None:
        return False
    if a.location == b.location:
        return True
    return _km(a.places.get(a.location), b.places.get(b.location)) <= SAME_PLACE_KM


def _places_clash(a: EventView, b: EventView) -> bool:
    """Both reports name places and none of one's is (or is near) any of the other's."""
    if not a.places or not b.places:
        return False
    for x, px in a.places.items():
        for y, py in b.places.items():
            if x == y or _km(px, py) <= SAME_PLACE_KM:
                return False
    return True


def _km(p: tuple[float, float] | None, q: tuple[float, float] | None) -> float:
    """Great-circle distance (haversine); infinite when either point is unknown."""
    if p is None or q is None:
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def content_similarity(a: EventView, b: EventView) -> float:
    """How alike two reports read: word overlap (cosine of word sets) of the articles and of the sentences.

    The article counts twice as much as the sentence: it names more of the event's particulars
    (places, people, numbers) than the one sentence, which is often short ("the strike killed two").
    """
    doc = _cosine(a.document_words, b.document_words)
    sent = _cosine(a.sentence_words, b.sentence_words)
    if not (a.document_words and b.document_words):
        return sent
    return (2 * doc + sent) / 3


def _cosine(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / math.sqrt(len(x) * len(y))


_WORD = re.compile(r"[^\W\d_][\w'-]*")
_PARTICLES = frozenset({"out", "down", "over", "up", "off", "on", "in"})


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The distinct content words of a text (stop words dropped), each reduced by ``stem``.

    Cached: the ledger compares each stored report with many new ones and reads its sentence anew
    each time (this was the matcher's largest cost when storing articles).
    """
    out = set()
    for w in _WORD.findall(text.lower()):
        w = w.removesuffix("'s").removesuffix("’s")
        if len(w) > 2 and w not in STOP_WORDS:
            out.add(stem(w))
    return frozenset(out)


@lru_cache(maxsize=4096)
def trigger_key(trigger: str) -> str:
    """The stem of a trigger's main word ("struck down" -> "struck", "bombings" -> "bomb").

    Cached: the ledger asks it of every stored report found for each new one, and triggers are few.
    """
    words = [w for w in _WORD.findall(trigger.lower()) if w not in _PARTICLES] or _WORD.findall(trigger.lower())
    return stem(words[-1]) if words else ""


_DERIVATIONS = ("ations", "ation", "ated", "ating", "ments", "ment", "ings", "ing", "ions", "ion", "ate", "ed")


def stem(word: str) -> str:
    """A light English stem, so that "attacks", "attacked" and "attacking" (or "evacuate" and
    "evacuation") compare equal. Written here because no stemmer is among the dependencies and
    these few suffix rules are all that matching words and triggers needs."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    for suffix in _DERIVATIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix in ("ing", "ed") and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "stopped" -> "stop", but "shelled" -> "shell"
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def _targets_and_place(e: EventView) -> set[str]:
    """Participants that can be where the event happened: not its agents (Russia attacking is not
    an attack in Russia)."""
    return set(e.actors - e.agents) | ({e.location} if e.location else set())


def side_roles(type_: str) -> tuple[str, ...]:
    """The roles whose countries identify an event of this type (empty: none do)."""
    return _SIDE_ROLES.get(type_, ())


def sides_clash(type_: str, a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> str | None:
    """Why two reports (or two groups of reports) of one type cannot be one event, or None.

    Each maps a role to the countries of its participants. In a role that identifies the event
    (side_roles), both name countries and none is shared: the attackers are of different countries,
    or the supply comes from elsewhere or goes to someone else. A report naming two countries on one
    side (allies striking together) agrees with a report naming either. The parties of an agreement
    or a meeting clash when both reports name two or more and neither set holds the other.
    """
    for role in side_roles(type_):
        mine, theirs = a.get(role), b.get(role)
        if role == "parties":
            # Each names two or more parties and neither's are among the other's (a multilateral
            # pact is also the pact of any two of its parties).
            if mine and theirs and len(mine) > 1 and len(theirs) > 1 and not (mine <= theirs or theirs <= mine):
                return f"parties differ ({', '.join(sorted(mine))} vs {', '.join(sorted(theirs))})"
            continue
        if mine and theirs and not mine & theirs:
            label = _SIDE_LABELS.get(role, role + "s")
            return f"{label} clash ({', '.join(sorted(mine))} vs {', '.join(sorted(theirs))})"
    return None


def where_countries(
    location: tuple[str, str | None] | None, targets: list[tuple[str, str | None]]
) -> frozenset[str]:
    """The countries where an event happened, from its location and targets as (entity type, country).

    Named points (towns, ports, facilities) say it best; only when there is none does a whole
    country as the location, then as a target, stand in: "a Russian drone attack on Izmail in
    Russia" (a misread location) is still an attack in Ukraine, where Izmail lies.
    """
    spots = ([location] if location else []) + targets
    points = frozenset(c for t, c in spots if t in _POINT_TYPES and c)
    if points:
        return points
    if location and location[0] == "country" and location[1]:
        return frozenset({location[1]})
    return frozenset(c for t, c in targets if t == "country" and c)


def _modalities_clash(a: EventView, b: EventView) -> bool:
    """In one article, a plan or a possibility and a happening (or two kinds of non-fact) are two events.

    The article tells them apart ("Russia bought drones ... it plans to receive more from the factory").
    Across articles a plan and its realisation are often one event reported before and after ("X will
    buy Y" / "X bought Y": ECB+ links them; applied everywhere this rule cut 11 true links and 1 false one
    on its test topics); each report keeps its own modality, and contradictions compare facts with facts only.
    """
    if a.modality is None or b.modality is None or a.document_id != b.document_id:
        return False
    return (a.modality in _FACTUAL) != (b.modality in _FACTUAL) or (
        a.modality not in _FACTUAL and a.modality != b.modality
    )


def _same_parties(a: EventView, b: EventView) -> bool:
    """Two reports of an ongoing event in one article with the very same parties, in the same roles
    ('the Iran-Russia drone deal' ... 'a deal between Moscow and Tehran'). Both name at least two parties
    (one shared country alone is many deals), and they do not name different items or clashing places
    (drones sent one way, missiles another, are two flows)."""
    if not (is_ongoing(a) and is_ongoing(b)) or len(a.actors) < 2 or a.actors != b.actors:
        return False
    if a.targets != b.targets:  # Iran → Russia and Russia → Iran are two flows
        return False
    if a.items and b.items and not a.items & b.items:
        return False
    return not _places_clash(a, b)


def _same_article(a: EventView, b: EventView, when: bool | None) -> tuple[float, str] | None:
    shared_targets = a.targets & b.targets
    same_place = a.location is not None and a.location == b.location
    broad = a.broad | b.broad
    only_countries = not (shared_targets - broad) and not (same_place and a.location not in broad)
    if only_countries and not is_ongoing(a) and _trigger_kinship(a, b) is None:
        # A whole country is many strikes in one article ("Moscow has targeted Ukraine's ports" beside
        # the drone attack on Izmail): sharing only a country, two reports of a happening join only
        # when they use the same trigger word or mode.
        shared_targets, same_place = frozenset(), False
    parties = _same_parties(a, b)
    if not (shared_targets or same_place or parties):
        return None
    parts = [f"same article, same type {a.type}"]
    if parties and not (shared_targets or same_place):
        parts.append("same parties " + ", ".join(sorted(a.names.get(x, x) for x in a.actors)))
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
