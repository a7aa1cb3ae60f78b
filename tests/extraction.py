"""Run the extractors on one text as the pipeline does (shared by the event and claim tests)."""

from __future__ import annotations

from newsledger.extract.attribution import find_claims
from newsledger.extract.entities import find_mentions
from newsledger.extract.events import find_events
from newsledger.extract.times import find_times

ANCHOR = "2024-06-01"


def run_extractors(nlp, text: str, anchor: str = ANCHOR):
    """(doc, mentions, times, events, claims) for ``text``, anchored on ``anchor``."""
    doc = nlp(text)
    mentions = find_mentions(doc)
    times = find_times(doc, anchor)
    events = find_events(doc, mentions, times)
    return doc, mentions, times, events, find_claims(doc, mentions, times, events)
