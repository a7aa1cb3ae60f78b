"""Joining neighbouring time expressions, and dating clock times.

"from March 3 to May 5" (two dates and a range word) becomes one range, "Friday at
3 p.m." one time, and a clock time on its own ("at 18:00 UTC") takes the day in focus.
Split from times.py; the same (start, end, Resolved) items.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from newsledger.extract import time_calendar as cal
from newsledger.extract.time_resolvers import DOC, PARTS_OF_DAY, Resolved

_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|through|until|till|and)\s*", re.I)
_FROM_BEFORE = re.compile(r"(?:from|between)\s+$", re.I)


def _joinable(r: Resolved) -> bool:
    return r.kind == "date" and r.period.value is not None and r.period.earliest is not None


def join_ranges(items: list[tuple[int, int, Resolved]], text: str) -> list[tuple[int, int, Resolved]]:
    """ "from March 3 to May 5, 2022": two dates joined by a range word become one range."""
    out: list[tuple[int, int, Resolved]] = []
    i = 0
    while i < len(items):
        s, e, r = items[i]
        if i + 1 < len(items):
            s2, e2, r2 = items[i + 1]
            gap = text[e:s2]
            lead = _FROM_BEFORE.search(text[max(0, s - 10):s])
            ok_gap = _RANGE_GAP.fullmatch(gap) is not None and (
                gap.strip().lower() != "and" or (lead is not None and lead.group(0).lower().startswith("between")))
            if ok_gap and _joinable(r) and _joinable(r2) and \
                    r.period.earliest <= r2.period.latest:  # type: ignore[operator]
                start = s - len(lead.group(0)) if lead else s
                anchor = r.anchor or r2.anchor
                r2 = _same_year_end(r, r2)
                out.append((start, e2, Resolved(cal.span(r.period, r2.period), "range", anchor)))
                i += 2
                continue
        out.append((s, e, r))
        i += 1
    return out


# "(in) the early hours of October 15", "the morning of March 3": a part of the day named before the day.
_PART_BEFORE = re.compile(r"(?i:the\s+(?:(?P<hours>(?:early|small|wee|late)\s+hours)|(?P<part>morning|afternoon|evening"
                          r"|night))\s+of)\s+$")


def part_of_day(items: list[tuple[int, int, Resolved]], text: str) -> list[tuple[int, int, Resolved]]:
    """ "the early hours of October 15, 2024": one time, the day's, not a vague "the early hours" and a date.

    Whatever was found inside the part-of-day words ("the early hours" alone) is dropped; a named part
    gives the TimeML part of day ("2024-10-15TMO"); "the early hours" keep the day, having no code of their own.
    """
    out: list[tuple[int, int, Resolved]] = []
    for s, e, r in items:
        m = _PART_BEFORE.search(text[max(0, s - 40):s])
        if m is None or not (_is_day(r) or (r.kind == "date" and r.period.value is None)):
            out.append((s, e, r))
            continue
        start = s - (len(m.group(0)))
        while out and out[-1][1] > start:
            out.pop()
        part = m.group("part")
        if part and r.period.value:
            p = cal.Period(f"{r.period.value}T{PARTS_OF_DAY[part.lower()]}", r.period.earliest, r.period.latest)
            out.append((start, e, Resolved(p, "time", r.anchor)))
        else:
            out.append((start, e, Resolved(r.period, "time" if part else r.kind, r.anchor)))
    return out


def _same_year_end(first: Resolved, last: Resolved) -> Resolved:
    """ "from May 8 to May 10": two year-less ends read apart (the first by its tense, the second, an end
    point, by nearness) can land in different years; the range runs from the first, so the second end takes
    the first one's year, or the next year when it would come before it ("from December 20 to January 5")."""
    f, l_ = first.period, last.period
    if first.anchor != DOC or last.anchor != DOC or f.earliest is None or l_.earliest is None or \
            len(f.value or "") != len(l_.value or "") or (l_.earliest - f.earliest).days <= 366:
        return last
    v = l_.value or ""
    y = f.earliest.year
    for year in (y, y + 1):
        p = cal.month(year, l_.earliest.month) if len(v) == 7 else \
            (cal.day(d) if (d := cal.safe_date(year, l_.earliest.month, l_.earliest.day)) else None)
        if p is not None and p.earliest is not None and p.earliest >= f.earliest:  # type: ignore[operator]
            return Resolved(p, last.kind, last.anchor)
    return last


_CLOCK_GAP = re.compile(r"\s*(?:,|at|,\s*at|on|,\s*on)?\s*", re.I)


def join_clock(items: list[tuple[int, int, Resolved]], text: str) -> list[tuple[int, int, Resolved]]:
    """ "Friday at 3 p.m." / "at 3 p.m. on Friday": a day and a clock time become one time."""
    out: list[tuple[int, int, Resolved]] = []
    i = 0
    while i < len(items):
        if i + 1 < len(items) and _CLOCK_GAP.fullmatch(text[items[i][1]:items[i + 1][0]]):
            (s, _, a), (_, e, b) = items[i], items[i + 1]
            day_, clock = (a, b) if _is_clock(b) else (b, a)
            if _is_clock(clock) and _is_day(day_):
                p = cal.Period(f"{day_.period.value}{clock.period.value}", day_.period.earliest, day_.period.latest)
                out.append((s, e, Resolved(p, "time", day_.anchor)))
                i += 2
                continue
        out.append(items[i])
        i += 1
    return out


def date_clocks(items: list[tuple[int, int, Resolved]], doc: Doc,
                 doc_date: date | None) -> list[tuple[int, int, Resolved]]:
    """ "at 18:00 UTC" alone: the clock time of the day in focus, as TimeML values it ("2009-12-15T18:00Z").

    The day is a day-precise date in the same sentence ("flew Tuesday ... at 18:00 UTC"),
    else the last one the text gave before it, else the document date; none: left as "T18:00".
    """
    out: list[tuple[int, int, Resolved]] = []
    last_day: tuple[int, Resolved] | None = None
    for s, e, r in items:
        if _is_day(r):
            last_day = (s, r)
        if not _is_clock(r):
            out.append((s, e, r))
            continue
        sent = doc.char_span(s, e, alignment_mode="expand")
        lo, hi = (sent.sent.start_char, sent.sent.end_char) if sent is not None else (s, e)
        same = [(abs(s2 - s), d) for s2, e2, r2 in items if lo <= s2 and e2 <= hi and (d := _as_day(r2))]
        day_: Resolved
        if same:
            day_ = min(same, key=lambda x: x[0])[1]
            anchor = day_.anchor
        elif last_day is not None:
            day_, anchor = last_day[1], "context"
        elif doc_date is not None:
            day_, anchor = Resolved(cal.day(doc_date), "date", DOC), DOC
        else:
            out.append((s, e, r))
            continue
        p = cal.Period(f"{day_.period.value}{r.period.value}", day_.period.earliest, day_.period.latest)
        out.append((s, e, Resolved(p, "time", anchor)))
    return out


def _as_day(r: Resolved) -> Resolved | None:
    """A day, or the day of "Sunday night" ("Call me Sunday night at 8 PM"); None for anything else."""
    if _is_day(r):
        return r
    v = r.period.value or ""
    if r.kind == "time" and re.fullmatch(r"\d{4}-\d\d-\d\dT(?:MO|AF|EV|NI)", v):
        return Resolved(cal.Period(v[:10], r.period.earliest, r.period.latest), "date", r.anchor)
    return None


def _is_clock(r: Resolved) -> bool:
    return r.kind == "time" and (r.period.value or "").startswith("T")


def _is_day(r: Resolved) -> bool:
    return r.kind == "date" and len(r.period.value or "") == 10
