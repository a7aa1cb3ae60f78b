"""Plain typed records that flow between the stages.

Each stage (ingest → extract → resolve → store) reads and writes these records
and nothing else, so a stage can be replaced without touching its neighbours.
Records are frozen and slotted: facts are statements, not mutable objects.
Offsets (``start``/``end``) are character offsets into ``Document.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal[
    "person",
    "organization",
    "outlet",
    "country",
    "place",
    "facility",
    "weapon",
    "group",
    "source",
    "nationality",
    "other",
]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]

PublishedSource = Literal["metadata", "option", "inferred"]
Stance = Literal["asserts", "reports", "denies", "admits", "disputes"]
Modality = Literal["occurred", "planned", "hypothetical", "negated"]
TimeKind = Literal["date", "range", "duration", "set", "vague", "time"]


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: the same content always gives the same id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return f"{prefix}-{digest.hexdigest()[:16]}"


@dataclass(frozen=True, slots=True)
class Document:
    """One article's text and what is known about where it came from."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    urls: tuple[str, ...] = ()
    published: str | None = None  # "YYYY-MM-DD" (or coarser)
    published_source: PublishedSource | None = None
    language: str | None = None
    origin: str | None = None  # the input it was read from, for messages


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact span of a document that supports a fact."""

    document: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that names an entity, with what extraction could tell about it.

    ``key`` is the normalised form used to resolve the mention to an entity;
    ``name`` the display form. ``country`` is an ISO 3166 alpha-2 code when
    known (for a demonym, a weapon's origin, a geocoded place).
    ``role`` records a metonymic use: "agent" when a place name acts as a
    government ("Moscow denied"), else None.
    """

    start: int
    end: int
    text: str
    type: str
    name: str
    key: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    wikidata: str | None = None
    label: str | None = None  # the recogniser's label (spaCy NER label, ruler id)
    role: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression and its normalised value.

    ``value`` is TIMEX-like: "2023-01-05", "2022-08", "2023-01-29/2023-01-31",
    "P1Y"; None when it cannot be resolved honestly. ``earliest``/``latest``
    bound the interval it denotes (ISO dates) when known.
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: TimeKind = "date"
    earliest: str | None = None
    latest: str | None = None
    anchor: str | None = None  # what a relative expression was anchored on


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str | None
    start: int
    end: int
    text: str
    item: int | None = None  # index into Extraction.mentions


@dataclass(frozen=True, slots=True)
class Money:
    value: float
    currency: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Participant:
    role: str  # agent, recipient, target, item, source, ...
    mention: int  # index into Extraction.mentions


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event as one sentence of one document reports it."""

    type: str
    plover: str | None
    mode: str | None
    modality: Modality
    trigger: Evidence
    sentence: Evidence
    participants: tuple[Participant, ...] = ()
    location: int | None = None  # index into Extraction.mentions
    time: int | None = None  # index into Extraction.times
    quantities: tuple[Quantity, ...] = ()
    money: tuple[Money, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """An attribution: who says what, in which sentence, with what stance."""

    sentence: Evidence
    stance: Stance
    hedged: bool
    claimant: int | None  # index into Extraction.mentions; None: the outlet
    via: tuple[int, ...] = ()  # mention indices, nearest relay first
    cue: Evidence | None = None  # the reporting verb or phrase
    content: Evidence | None = None  # what is claimed
    time: int | None = None  # index into Extraction.times: when it was said
    events: tuple[int, ...] = ()  # indices into Extraction.events
    source: Evidence | None = None  # the claimant as written: full noun phrase, pronoun, 'sources'


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document; stored in one transaction."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    events: tuple[EventRecord, ...] = ()
    claims: tuple[ClaimRecord, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved real-world thing as the ledger presents it."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    country: str | None = None
    wikidata: str | None = None
