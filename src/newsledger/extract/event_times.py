"""Which time expression dates an event: the one attached to its trigger, else a loose one in its sentence.

Split out of events.py: dating is read from the time expressions, after the event's clause is known.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsledger.extract.doctext import text_of
from newsledger.model import TimeExpr


def _time_for(anchors: set[int], stops: set[int], sent_tokens: range, doc: Doc, times: Sequence[TimeExpr]) -> int | None:
    """The time expression attached to the event; else one in the sentence attached to no other verb or event."""
    loose: list[int] = []
    text = text_of(doc)
    for k, t in enumerate(times):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or span.root.i not in sent_tokens:
            continue
        if _is_since(text, t):
            continue  # a point event takes its own date ("on Tuesday"), never "since ..."
        if t.kind in ("duration", "set"):
            continue  # "a three-day offensive", "weekly talks": a length or a rhythm, never the event's date
        cur = span.root.head if span.root.head is not span.root else span.root
        owner: int | None = None
        for _ in range(8):
            if cur.i in anchors or cur.i in stops or cur.pos_ in ("VERB", "AUX"):
                owner = cur.i
                break
            if cur.head is cur:
                break
            cur = cur.head
        if owner in anchors or (owner is not None and _event_is_subject(doc[owner], anchors)):
            return k
        if owner is None or owner not in stops and owner not in anchors and doc[owner].pos_ not in ("VERB", "AUX"):
            loose.append(k)
    return loose[0] if loose else None


def _event_is_subject(verb: Token, anchors: set[int]) -> bool:
    """ "shelling resumed on Tuesday", "the attack took place overnight": a verb with no object whose subject is
    the event only says when it happened, so its time is the event's."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ != "place"]
    return not objects and any(c.dep_ == "nsubj" and c.i in anchors for c in verb.children)


def _is_since(text: str, t: TimeExpr) -> bool:
    """A "since X" phrase gives the start of a state or series, never the time of a point event."""
    before = text[max(0, t.start - 7) : t.start].strip().lower()
    return t.text.lower().startswith("since") or before.endswith("since")
