"""Our time expressions as TimeML TIMEX3 would mark them, for scoring against TimeML gold data.

The ledger keeps a range as one expression ("2009-2010" → "2009/2010") and an offset from
an event it cannot date as one unresolved expression ("two days before the launch"). TimeML
has no range value and no event anchors inside a TIMEX3: it marks each end of a range as its
own TIMEX3 and, in "two days before the launch", only the duration "two days" (P2D), the
event being an EVENT tag. This module converts our output to that convention and nothing
else: every value it gives is one find_times already computed or the duration the words
state.
"""

from __future__ import annotations

import re

from newsledger.extract.time_lexicon import MODIFIER, QUANTITY, UNIT, duration_value, parse_quantity, unit_name
from newsledger.model import TimeExpr

TimexSpan = tuple[int, int, str | None]  # start, end, value

_RANGE_SEP = re.compile(r"\s*(?:-|–|—|\b(?i:to|through|until|till|and)\b)\s*")
_LEAD = re.compile(r"(?i:from|between)\s+")
# "two days before the launch", "a few months after the invasion of X": the offset is the TIMEX3.
_OFFSET = re.compile(rf"(?:{MODIFIER}\s+)?(?P<n>{QUANTITY})\s+(?P<u>{UNIT})(?=\s+(?i:before|after|prior\s+to"
                     r"|ahead\s+of|following|into)\s)")


def timeml_spans(times: list[TimeExpr]) -> list[TimexSpan]:
    """``times`` (from find_times) as TIMEX3 spans with their values, sorted by start."""
    out: list[TimexSpan] = []
    for t in times:
        out.extend(_range_ends(t) or _offset(t) or [(t.start, t.end, t.value)])
    return sorted(out)


def _range_ends(t: TimeExpr) -> list[TimexSpan]:
    """ "from 2009 to 2011" → "2009" (2009) and "2011" (2011); [] when ``t`` is no closed range."""
    if t.kind != "range" or not t.value or t.value.count("/") != 1:
        return []
    first, last = t.value.split("/")
    if ".." in (first, last):
        return []
    lead = _LEAD.match(t.text)
    skip = lead.end() if lead else 0
    seps = [m for m in _RANGE_SEP.finditer(t.text, skip) if m.end() > m.start() and m.start() > skip]
    if len(seps) != 1:
        return []
    sep = seps[0]
    return [(t.start + skip, t.start + sep.start(), first), (t.start + sep.end(), t.end, last)]


def _offset(t: TimeExpr) -> list[TimexSpan]:
    """The duration that opens an offset from an event: "two days" in "two days before the vote"."""
    if t.value is not None and t.anchor in (None, "document", "context"):
        return []  # only unresolved offsets and offsets from a known event
    m = _OFFSET.match(t.text)
    if m is None:
        return []
    q = parse_quantity(m.group("n"))
    exact = q is not None and q[0] == q[1]
    value = duration_value(q[0] if exact and q else None, unit_name(m.group("u")))
    return [(t.start, t.start + m.end(), value)]
