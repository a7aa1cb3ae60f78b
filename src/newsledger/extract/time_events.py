"""Times anchored on widely known events: "a few months before the full-scale invasion of Ukraine".

Known events come from data/known_events.csv (see data/README.md). A reference is
an event phrase, optionally preceded by a relation ("before", "since", "two weeks
after", "on the eve of"). An expression such as "a few months before the meeting",
whose anchor is not a known event, is still found (with value None): an unknown
event is never guessed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from newsledger.extract import time_calendar as cal
from newsledger.extract.time_resolvers import Candidate, Resolved
from newsledger.extract.time_lexicon import QUANTITY, UNIT, is_event_noun, parse_quantity, unit_name
from newsledger.extract.doctext import text_of

EVENT_PRIORITY = 6


@dataclass(frozen=True, slots=True)
class KnownEvent:
    id: str
    name: str
    start: date
    end: date | None  # None: still going on (or its end is not a day we can name)
    pattern: re.Pattern[str]
    source: str


def _parse_date(text: str) -> tuple[date, date | None]:
    """"2022-02-24" (a day) or "2022-02-24/2022-03-01" or "2022-02-24/.." (still going on)."""
    first, _, last = text.partition("/")
    start = date.fromisoformat(first)
    if not last:
        return start, start
    return start, None if last == ".." else date.fromisoformat(last)


@lru_cache(maxsize=1)
def known_events() -> tuple[KnownEvent, ...]:
    """The curated events, loaded once; patterns are case-insensitive regexes."""
    path = resources.files("newsledger") / "data" / "known_events.csv"
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    out = []
    for row in csv.DictReader(rows):
        start, end = _parse_date(row["date"])
        pattern = re.compile(rf"(?<![\w-])(?:{row['patterns']})(?![\w-])", re.IGNORECASE)
        out.append(KnownEvent(row["id"], row["name"], start, end, pattern, row["source"]))
    return tuple(out)


# Relations before an event phrase, matched at the end of the preceding text.
# "by" and "up to" are left out: "caused by the collapse of X" is no time.
_BEFORE = r"before|prior\s+to|ahead\s+of|in\s+the\s+run-up\s+to|in\s+the\s+lead-up\s+to|until|till"
_AFTER = r"after|following|in\s+the\s+wake\s+of|in\s+the\s+aftermath\s+of|since|into"
# Bare "in", "on", "at" are left out: "spending on the war in Ukraine" names no time.
_AT = r"at\s+the\s+time\s+of|during|on\s+the\s+eve\s+of|on\s+the\s+day\s+of|amid"
_PREPOSITIONS = ("at the time of", "during", "on the day of", "amid")
_PREFIX = re.compile(
    rf"(?:(?:(?P<n>{QUANTITY})\s+(?P<u>{UNIT})\s+)?(?P<rel>(?i:{_BEFORE}|{_AFTER}|{_AT}))\s+)?"
    r"(?P<part>(?i:the\s+(?:start|beginning|outbreak|onset|outset|end|close)\s+of)\s+)?$"
)
_QTY_REL = re.compile(
    rf"(?<![\w-])(?P<n>{QUANTITY})\s+(?P<u>{UNIT})\s+(?P<rel>(?i:before|after|prior\s+to|ahead\s+of|following|into))\s+"
)


def _relate(ev: KnownEvent, rel: str, qty: tuple[float, float | None] | None, unit: str | None,
            doc_date: date | None) -> tuple[cal.Period, str]:
    """The period a relation to an event denotes, and the kind of expression it is."""
    rel = " ".join(rel.lower().split())
    start = ev.start
    if qty and unit:
        lo, hi = qty
        back = rel in ("before", "prior to", "ahead of")
        base = start if back or rel == "into" or ev.end is None else ev.end
        if not back and rel != "into" and ev.end is None:
            return cal.Period(None, None, None), "vague"
        sign = -1 if back else 1
        near = cal.at_precision(cal.shift(base, sign * lo, unit), unit)
        if lo == hi:
            return near, "date"
        far = (cal.at_precision(cal.shift(base, sign * hi, unit), unit) if hi is not None
               else cal.Period(None, None, None))
        first, last = (far, near) if back else (near, far)
        if first.value is None:
            return cal.Period(f"../{last.value}", None, last.latest), "vague"
        if last.value is None:
            return cal.Period(f"{first.value}/..", first.earliest, None), "vague"
        return cal.span(first, last), "vague"
    if rel == "on the eve of":
        return cal.day(start - timedelta(days=1)), "date"
    if rel in ("before", "prior to", "ahead of", "in the run-up to", "in the lead-up to"):
        last_day = start - timedelta(days=1)
        return cal.Period(f"../{last_day.isoformat()}", None, last_day), "vague"
    if rel in ("until", "till"):
        return cal.Period(f"../{start.isoformat()}", None, start), "vague"
    if doc_date is not None and doc_date < start:
        doc_date = None  # a document older than the event cannot bound what follows it
    if rel == "since":
        if doc_date:
            return cal.span(cal.day(start), cal.day(doc_date)), "range"
        return cal.Period(f"{start.isoformat()}/..", start, None), "range"
    if rel in ("after", "following", "in the wake of", "in the aftermath of", "into"):
        base = start if rel == "into" else ev.end
        if base is None:
            return cal.Period(None, None, None), "vague"
        first_day = base if rel == "into" else base + timedelta(days=1)
        return cal.Period(f"{first_day.isoformat()}/..", first_day, doc_date), "vague"
    return _event_period(ev, doc_date), "date" if ev.end == ev.start else "range"


def _part_of(ev: KnownEvent, part: str) -> KnownEvent | None:
    """The start or end of an event as a one-day event of its own."""
    day_ = ev.end if part.split()[1].lower() in ("end", "close") else ev.start
    if day_ is None:
        return None
    return KnownEvent(ev.id, ev.name, day_, day_, ev.pattern, ev.source)


def _event_period(ev: KnownEvent, doc_date: date | None) -> cal.Period:
    if ev.end == ev.start:
        return cal.day(ev.start)
    if ev.end is None:
        return cal.Period(f"{ev.start.isoformat()}/..", ev.start, doc_date)
    return cal.span(cal.day(ev.start), cal.day(ev.end))


def event_candidates(text: str, doc_date: date | None) -> list[Candidate]:
    """Known-event references with their relation words, resolved against the event's date."""
    out: list[Candidate] = []
    for base_ev in known_events():
        for m in base_ev.pattern.finditer(text):
            start, end = m.span()
            prefix = _PREFIX.search(text[max(0, start - 80):start])
            if prefix and not prefix.group(0):
                prefix = None
            if prefix and prefix.group("part"):
                ev = _part_of(base_ev, prefix.group("part"))
                if ev is None:  # "the end of" an event still going on: no day to name
                    out.append(Candidate(start - len(prefix.group(0)), end, "event", EVENT_PRIORITY,
                                         resolved=Resolved(cal.Period(None, None, None), "vague", base_ev.id)))
                    continue
            else:
                ev = base_ev
            rel = " ".join(prefix.group("rel").lower().split()) if prefix and prefix.group("rel") else ""
            if prefix and prefix.group("rel") and (prefix.group("n") or rel not in _PREPOSITIONS):
                qty = parse_quantity(prefix.group("n")) if prefix.group("n") else None
                unit = unit_name(prefix.group("u")) if prefix.group("u") else None
                period, kind = _relate(ev, rel, qty, unit, doc_date)
                out.append(Candidate(start - len(prefix.group(0)), end, "event", EVENT_PRIORITY,
                                     resolved=Resolved(period, kind, ev.id)))
            elif prefix or ev.end == ev.start:
                # "during the war in X", or a point event named on its own ("the October 7 attack"):
                # the phrase (with "the start of", if said) is the time; a preposition stays outside.
                if prefix and prefix.group("part"):
                    start -= len(prefix.group("part"))
                kind = "date" if ev.end == ev.start else "range"
                out.append(Candidate(start, end, "event", EVENT_PRIORITY,
                                     resolved=Resolved(_event_period(ev, doc_date), kind, ev.id)))
    return out


def unknown_anchor_candidates(doc: Doc) -> list[Candidate]:
    """ "three weeks before the vote": a quantity, a relation and a noun phrase we cannot date.

    The span runs to the end of the noun phrase (with one "of"/"in" attachment), so
    the text keeps what it was relative to; the value stays None.
    """
    out: list[Candidate] = []
    if not doc.has_annotation("DEP"):  # noun chunks need the parse
        return out
    text = text_of(doc)
    chunk_at = {nc.start_char: nc for nc in doc.noun_chunks}
    for m in _QTY_REL.finditer(text):
        nc = chunk_at.get(m.end())
        if nc is None or nc.root.ent_type_ in ("DATE", "TIME", "CARDINAL") or not is_event_noun(nc.root.lemma_):
            continue
        end = nc.end
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.lower_ in ("of", "in", "on", "against") and nxt.i + 1 < len(doc):
            follow = chunk_at.get(doc[nxt.i + 1].idx)
            # "a ruling in March 2023": a date is a time of its own, not part of what the offset rests on
            if follow is not None and not any(t.ent_type_ in ("DATE", "TIME") for t in follow):
                end = follow.end
        end_char = doc[end - 1].idx + len(doc[end - 1].text)
        out.append(Candidate(m.start(), end_char, "event_unknown", EVENT_PRIORITY - 1,
                             resolved=Resolved(cal.Period(None, None, None), "vague", None)))
    return out
