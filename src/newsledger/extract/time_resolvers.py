"""Resolvers for time expressions: from a rule's captured words to a value and its bounds.

Each ``r_*`` function takes a :class:`Candidate` (the words a grammar rule in
time_grammar.py captured) and a :class:`Context` (the document date, a year named
nearby, whether the clause speaks of the future) and returns a :class:`Resolved`.
Why our own code rather than dateparser: the precision must follow the words
("August 2022" stays a month), and month-days, weekdays and seasons need anchoring
rules dateparser does not offer. An incomplete date ("May 2", "June", "the fourth
quarter") looks back from the document date when its clause is in the past tense,
ahead when it speaks of the future (time_tense.py), and otherwise takes the reading
nearest the document date; a weekday looks back unless the clause looks ahead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsledger.extract import time_calendar as cal
from newsledger.extract.time_lexicon import (
    WEEKDAY, duration_value, month_number, parse_quantity, unit_name, weekday_number,
)
from newsledger.model import TimeKind


@dataclass(frozen=True, slots=True)
class Context:
    """What a resolver may use beyond the expression's own words."""

    anchor: date | None  # the document date
    year_hint: int | None = None  # an explicit year nearby in the same sentence
    future: bool = False  # the sentence speaks of the future ("will meet on Monday")
    # The document date was inferred from the text (the latest date it states), so the
    # article was published on or after it, not on it.
    anchor_is_lower_bound: bool = False
    # The clause is in the past tense ("toured the plant on May 2"); with neither this nor
    # ``future`` the parse does not say, and an incomplete date takes its nearest reading.
    past: bool = False


@dataclass(frozen=True, slots=True)
class Resolved:
    period: cal.Period
    kind: TimeKind
    anchor: str | None = None  # "document" when the document date was used


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    rule: str
    priority: int
    groups: dict[str, str | None] = field(default_factory=dict)
    resolved: Resolved | None = None  # precomputed (event anchors)

    @property
    def explicit_year(self) -> int | None:
        for key in ("y", "y1", "y2"):
            v = self.groups.get(key)
            if v and len(v) == 4:
                return int(v)
        return None


Resolver = Callable[["Candidate", "Context"], "Resolved | None"]
NONE = cal.Period(None, None, None)
DOC = "document"


# --- resolvers ---------------------------------------------------------------

def day_of(m: int, d: int, explicit: int | None, ctx: Context) -> tuple[cal.Period, str | None]:
    """A month-day: the explicit or nearby year, else the most recent such day (see README)."""
    y = explicit or ctx.year_hint
    if y:
        found = cal.safe_date(y, m, d)
        return (cal.day(found) if found else NONE), None
    if ctx.anchor is None:
        return NONE, None
    a = ctx.anchor
    options = [x for x in (cal.safe_date(a.year + k, m, d) for k in (-1, 0, 1)) if x]
    if not options:
        return NONE, None
    if ctx.anchor_is_lower_bound and not ctx.future:
        return cal.day(_nearest_after_lower_bound(options, a)), DOC
    if not ctx.future and not ctx.past:
        return cal.day(_nearest(options, a)), DOC
    return cal.day(cal.most_recent(options, a, future=ctx.future)), DOC


def _nearest(options: list[date], anchor: date) -> date:
    """The reading closest to the document date (the earlier one on a tie).

    With no tense to go by, "has a June 1 deadline" in a report of May 28 is days ahead,
    not a year back; "the December 28 deal" in a report of January 5 is days back.
    """
    return min(options, key=lambda o: (abs((o - anchor).days), o > anchor))


# An article rarely narrates a day long after the latest full date it states: a month-day
# up to this many days after an inferred document date is read as that coming day.
_LOWER_BOUND_SLACK_DAYS = 60


def _nearest_after_lower_bound(options: list[date], lower: date) -> date:
    """With only a lower bound on the document date, the nearest reading of a month-day.

    "February 1" in a report whose latest stated date is 31 January 2023 is 1 February 2023,
    not 2022; "January 5" is still 5 January 2023.
    """
    near = [o for o in options if (o - lower).days <= _LOWER_BOUND_SLACK_DAYS]
    return min(near or options, key=lambda o: (abs((o - lower).days), o > lower))


def month_of(m: int, rel: str | None, ctx: Context) -> tuple[cal.Period, str | None]:
    if ctx.year_hint:
        return cal.month(ctx.year_hint, m), None
    if ctx.anchor is None:
        return NONE, None
    a = ctx.anchor
    rel = (rel or "").lower()
    if rel in ("this",):
        return cal.month(a.year, m), DOC
    if rel == "last" or rel == "this past":
        y = a.year if m < a.month else a.year - 1
        return cal.month(y, m), DOC
    if rel == "next" or ctx.future:
        y = a.year if m > a.month or (m == a.month and ctx.future and rel != "next") else a.year + 1
        return cal.month(y, m), DOC
    if not ctx.past and not rel:  # no tense to go by: the nearest such month ("through June" in March)
        y = min((a.year - 1, a.year, a.year + 1), key=lambda yy: (abs(yy * 12 + m - a.year * 12 - a.month), yy))
        return cal.month(y, m), DOC
    return cal.month(a.year if m <= a.month else a.year - 1, m), DOC


# Parts of a month as day ranges, generous at the edges ("early March" can be the 12th).
_PART_CLIP = {"early": (1, 15), "mid": (10, 20), "late": (16, 31), "the beginning of": (1, 10),
              "the start of": (1, 10), "the middle of": (10, 20), "the end of": (21, 31)}


def r_iso(c: Candidate, ctx: Context) -> Resolved | None:
    d = cal.safe_date(int(c.groups["y"] or 0), int(c.groups["m"] or 0), int(c.groups["d"] or 0))
    return Resolved(cal.day(d), "date") if d else None


def r_numeric(c: Candidate, ctx: Context) -> Resolved | None:
    a, b, y = int(c.groups["a"] or 0), int(c.groups["b"] or 0), int(c.groups["y"] or 0)
    readings = {x for x in (cal.safe_date(y, a, b), cal.safe_date(y, b, a)) if x}
    if not readings:
        return None
    if len(readings) == 1:
        return Resolved(cal.day(readings.pop()), "date")
    # 03/04/2013 is March 4 (US) or 3 April (elsewhere): keep both as the honest interval.
    lo, hi = min(readings), max(readings)
    return Resolved(cal.Period(None, lo, hi), "date")


def r_month_day(c: Candidate, ctx: Context) -> Resolved | None:
    m = month_number(c.groups["m"] or "")
    d = int(re.sub(r"\D", "", c.groups["d"] or "0"))
    year = int(c.groups["y"]) if c.groups.get("y") else None
    period, anchor = day_of(m, d, year, ctx)
    return Resolved(period, "date", anchor)


def r_month_year(c: Candidate, ctx: Context) -> Resolved | None:
    p = cal.month(int(c.groups["y"] or 0), month_number(c.groups["m"] or ""))
    mod = " ".join((c.groups.get("mod") or "").lower().split())
    if mod in _PART_CLIP:
        lo, hi = _PART_CLIP[mod]
        first_day = p.earliest.replace(day=lo)  # type: ignore[union-attr]
        p = cal.clip(p, first_day, first_day.replace(day=min(hi, p.latest.day)))  # type: ignore[union-attr]
    return Resolved(p, "date")


def r_month(c: Candidate, ctx: Context) -> Resolved | None:
    rel = c.groups.get("rel")
    p, anchor = month_of(month_number(c.groups["m"] or ""), rel, ctx)
    mod = " ".join((c.groups.get("part") or "").lower().split())
    if mod in _PART_CLIP and p.earliest and p.latest:
        lo, hi = _PART_CLIP[mod]
        p = cal.clip(p, p.earliest.replace(day=lo), p.earliest.replace(day=min(hi, p.latest.day)))
    return Resolved(p, "date", anchor)


_YEAR_PART = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the end of": (10, 12), "the middle of": (5, 8),
              "the start of": (1, 3), "the beginning of": (1, 3)}


def r_year(c: Candidate, ctx: Context) -> Resolved | None:
    y = int(c.groups["y"] or 0)
    p = cal.year(y)
    mod = " ".join((c.groups.get("mod") or "").lower().split())
    if mod in _YEAR_PART:
        m1, m2 = _YEAR_PART[mod]
        p = cal.clip(p, cal.month(y, m1).earliest, cal.month(y, m2).latest)
    return Resolved(p, "date")


def r_half(c: Candidate, ctx: Context) -> Resolved | None:
    """ "the first half of 2022" → TIMEX "2022-H1", January–June."""
    y, h = int(c.groups["y"] or 0), 1 if (c.groups.get("h") or "").lower() in ("first", "1st") else 2
    first, last = (cal.month(y, 1), cal.month(y, 6)) if h == 1 else (cal.month(y, 7), cal.month(y, 12))
    return Resolved(cal.Period(f"{y:04d}-H{h}", first.earliest, last.latest), "date")


def r_decade(c: Candidate, ctx: Context) -> Resolved | None:
    raw = (c.groups["dec"] or "0").lstrip("'")
    if len(raw) == 2:  # "the '70s": the twentieth century's, the usual reading in news
        raw = "19" + raw
    return Resolved(cal.decade(int(raw)), "date")


_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _relative_year(words: str | None, ctx: Context) -> int | None:
    """ "this year" / "last year" / "next year" as a year number, from the document date."""
    if not words or ctx.anchor is None:
        return None
    first = words.lower().split()[0] if words.split()[0].lower() != "the" else words.lower().split()[1]
    return ctx.anchor.year + {"last": -1, "previous": -1, "next": 1}.get(first, 0)


def r_month_relyear(c: Candidate, ctx: Context) -> Resolved | None:
    y = _relative_year(c.groups.get("ry"), ctx)
    if y is None:
        return Resolved(NONE, "date")
    return Resolved(cal.month(y, month_number(c.groups["m"] or "")), "date", DOC)


def r_quarter(c: Candidate, ctx: Context) -> Resolved | None:
    word = (c.groups.get("q") or c.groups.get("qq") or "").lower()
    rel_year = _relative_year(c.groups.get("ry"), ctx)
    if rel_year is not None:
        return Resolved(cal.quarter(rel_year, _ORD.get(word, 4)), "date", DOC)
    y = c.explicit_year or ctx.year_hint
    if word == "last" and not y:
        if ctx.anchor is None:
            return Resolved(NONE, "date")
        prev = cal.shift(ctx.anchor, -3, "month")
        return Resolved(cal.quarter(prev.year, (prev.month - 1) // 3 + 1), "date", DOC)
    q = int(word[1]) if word.startswith("q") else _ORD.get(word, 4)
    if y:
        return Resolved(cal.quarter(y, q), "date")
    if ctx.anchor is None:
        return Resolved(NONE, "date")
    a = ctx.anchor
    if ctx.future:
        y = a.year if cal.quarter(a.year, q).latest >= a else a.year + 1  # type: ignore[operator]
    elif ctx.past:
        y = a.year if cal.quarter(a.year, q).earliest <= a else a.year - 1  # type: ignore[operator]
    else:  # no tense to go by: the quarter nearest the document date ("during the fourth quarter" in August)
        y = min((a.year - 1, a.year), key=lambda yy: abs(yy * 4 + q - a.year * 4 - (a.month - 1) // 3 - 1))
    return Resolved(cal.quarter(y, q), "date", DOC)


_SEASON = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def r_season(c: Candidate, ctx: Context) -> Resolved | None:
    code = _SEASON[(c.groups["s"] or "").lower()]
    y = c.explicit_year or ctx.year_hint
    if y:
        return Resolved(cal.season(y, code), "date")
    if ctx.anchor is None:
        return Resolved(NONE, "date")
    a = ctx.anchor
    rel = " ".join((c.groups.get("rel") or "").lower().split())
    this = cal.season(a.year - (1 if code == "WI" and a.month <= 2 else 0), code)
    if rel in ("last", "this past") or (not rel and this.earliest > a and not ctx.future):  # type: ignore[operator]
        y = this.earliest.year - (1 if this.earliest <= a else 1)  # type: ignore[union-attr]
        if rel in ("last", "this past") and this.latest < a:  # type: ignore[operator]
            y = this.earliest.year  # type: ignore[union-attr]
        return Resolved(cal.season(y, code), "date", DOC)
    if rel in ("next", "the coming") and this.earliest <= a:  # type: ignore[operator]
        return Resolved(cal.season(this.earliest.year + 1, code), "date", DOC)  # type: ignore[union-attr]
    return Resolved(this, "date", DOC)


PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}


def with_part(p: cal.Period, part: str | None) -> tuple[cal.Period, TimeKind]:
    if part and p.value:
        return cal.Period(f"{p.value}T{PARTS_OF_DAY[part.lower()]}", p.earliest, p.latest), "time"
    return p, "date"


def r_weekday(c: Candidate, ctx: Context) -> Resolved | None:
    if ctx.anchor is None:
        return Resolved(NONE, "date")
    a, wd = ctx.anchor, weekday_number(c.groups["wd"] or "")
    rel = " ".join((c.groups.get("rel") or "").lower().split())
    if rel == "this":
        d = a - timedelta(days=a.weekday()) + timedelta(days=wd)
    elif rel in ("next", "this coming", "coming") or (ctx.future and rel not in ("last", "past", "this past")):
        ahead = (wd - a.weekday()) % 7
        d = a + timedelta(days=ahead or (7 if rel else 0))
    else:
        back = (a.weekday() - wd) % 7
        d = a - timedelta(days=back or (7 if rel else 0))
        if ctx.anchor_is_lower_bound and not rel and back:
            # The document is dated on or after ``a`` (the latest day its text states): the weekday
            # nearest that day, the next one when it is nearer ("Wednesday" in a report whose latest
            # stated day is a Tuesday is the day after it, not six days before).
            ahead = (wd - a.weekday()) % 7
            if ahead < back:
                d = a + timedelta(days=ahead)
    p, kind = with_part(cal.day(d), c.groups.get("part"))
    return Resolved(p, kind, DOC)


# "overnight" in a report is the night that ended on its day: the night of the day before (as "last night").
_REL_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "overnight": -1, "the day before yesterday": -2,
             "the day after tomorrow": 2, "earlier today": 0, "later today": 0, "last night": -1,
             "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier this morning": 0,
             "earlier this afternoon": 0, "earlier this evening": 0}


def r_relword(c: Candidate, ctx: Context) -> Resolved | None:
    word = " ".join((c.groups.get("w") or "").lower().split())
    part = c.groups.get("part") or (word.split()[-1] if word.split()[-1] in PARTS_OF_DAY else None)
    if ctx.anchor is None:
        return Resolved(NONE, "time" if part else "date")
    p, kind = with_part(cal.day(ctx.anchor + timedelta(days=_REL_DAYS[word])), part)
    if word == "overnight" and p.earliest is not None:  # the night runs into the document's day
        p = cal.Period(p.value, p.earliest, ctx.anchor)
    return Resolved(p, kind, DOC)


def r_relunit(c: Candidate, ctx: Context) -> Resolved | None:
    rel = " ".join((c.groups.get("rel") or "").lower().split())
    unit = unit_name(c.groups.get("u") or "")
    weekend = unit == "weekend"
    if weekend:
        unit = "week"
    if rel in ("the past", "the last"):
        # A rolling span up to the document date: "in the past year" is the last twelve months.
        # Its value is the calendar unit before the document's, as TimeML gives it ("the past
        # week" written in week 12 → "2013-W11"); the bounds keep the rolling span.
        if ctx.anchor is None:
            return Resolved(cal.Period(duration_value(1, unit), None, None), "duration")
        lo = cal.shift(ctx.anchor, -1, unit)
        value = _unit_period(lo, unit).value if not weekend else None
        return Resolved(cal.Period(value, lo, ctx.anchor), "date", DOC)
    if rel in ("the following", "the same", "the next", "the previous"):
        return Resolved(NONE, "vague")  # relative to another time in the text, not the document date
    if ctx.anchor is None:
        return Resolved(NONE, "date")
    step = {"last": -1, "this past": -1, "next": 1, "the coming": 1}.get(rel, 0)
    if rel == "the" and ctx.anchor.weekday() < 5 and not ctx.future:
        step = -1  # "during the weekend", said on a weekday: the one just past
    p = _unit_period(cal.shift(ctx.anchor, step, unit), unit)
    part = " ".join((c.groups.get("part") or "").lower().split()).replace("the middle of", "mid")
    if part and unit == "year" and p.earliest:
        as_year = r_year(Candidate(0, 0, "year", 0, {"y": str(p.earliest.year), "mod": part}), ctx)
        p = as_year.period if as_year else p
    if rel == "earlier this":
        p = cal.clip(p, latest=ctx.anchor)
    elif rel == "later this":
        p = cal.clip(p, earliest=ctx.anchor)
    if weekend and p.earliest is not None:  # "this weekend" → "2010-W04-WE", Saturday and Sunday
        p = cal.Period(f"{p.value}-WE", p.earliest + timedelta(days=5), p.earliest + timedelta(days=6))
    return Resolved(p, "date", DOC)


def _unit_period(d: date, unit: str) -> cal.Period:
    if unit == "week":
        return cal.week(d)
    if unit == "month":
        return cal.month(d.year, d.month)
    if unit == "quarter":
        return cal.quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "decade":
        return cal.decade(d.year // 10 * 10)
    if unit == "century":
        first = d.year // 100 * 100
        return cal.Period(f"{d.year // 100:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31))
    if unit == "day":
        return cal.day(d)
    return cal.year(d.year)


_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def r_century(c: Candidate, ctx: Context) -> Resolved | None:
    """ "the 20th century" → TIMEX "19" (the first two digits of its years), 1900-01-01..1999-12-31."""
    word = (c.groups.get("c") or "").lower()
    n = _CENTURY_WORDS.get(word) or int(word)
    first = (n - 1) * 100
    return Resolved(cal.Period(f"{n - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31)), "date")


def r_ago(c: Candidate, ctx: Context) -> Resolved | None:
    q = parse_quantity(c.groups.get("n") or "")
    unit = unit_name(c.groups.get("u") or "")
    if q is None or ctx.anchor is None:
        return Resolved(NONE, "date")
    sign = 1 if (c.groups.get("dir") or "").lower().split()[0] in ("from", "hence") else -1
    lo, hi = q
    if lo == hi:
        return Resolved(cal.at_precision(cal.shift(ctx.anchor, sign * lo, unit), unit), "date", DOC)
    # "a few weeks ago": every day the quantity allows, at the unit's precision.
    near = cal.at_precision(cal.shift(ctx.anchor, sign * lo, unit), unit)
    far = cal.at_precision(cal.shift(ctx.anchor, sign * hi, unit), unit) if hi is not None else NONE
    first, last = (far, near) if sign < 0 else (near, far)
    return Resolved(cal.span(first, last), "vague", DOC)


def r_duration(c: Candidate, ctx: Context) -> Resolved | None:
    unit = unit_name(c.groups.get("u") or "")
    q = parse_quantity(c.groups.get("n") or "") if c.groups.get("n") else None
    exact = q is not None and q[0] == q[1]
    value = duration_value(q[0] if exact and q else None, unit)
    kind: TimeKind = "duration"
    rel = " ".join((c.groups.get("rel") or "").lower().split())
    if ctx.anchor is not None and rel in ("the past", "the last", "the previous") and q:
        back = q[1] if q[1] is not None else None
        lo = cal.shift(ctx.anchor, -back, unit) if back is not None else None
        return Resolved(cal.Period(value, lo, ctx.anchor), kind, DOC)
    if ctx.anchor is not None and rel in ("the next", "the coming") and q:
        hi = cal.shift(ctx.anchor, q[1], unit) if q[1] is not None else None
        return Resolved(cal.Period(value, ctx.anchor, hi), kind, DOC)
    return Resolved(cal.Period(value, None, None), kind)


_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
                "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}


def r_set(c: Candidate, ctx: Context) -> Resolved | None:
    text = " ".join((c.groups.get("body") or "").lower().split())
    if text in _SET_ADVERBS:
        return Resolved(cal.Period(_SET_ADVERBS[text], None, None), "set")
    wd = re.search(WEEKDAY, c.groups.get("body") or "")
    if wd:  # "every Thursday" (before the unit words: "Thursday" contains "day")
        return Resolved(cal.Period(f"XXXX-WXX-{weekday_number(wd.group(0)) + 1}", None, None), "set")
    part = text.split()[-1] if text.split() else ""
    if part in PARTS_OF_DAY and part not in ("tonight", "overnight"):  # "every morning": TimeML "XXXX-XX-XXTMO"
        return Resolved(cal.Period(f"XXXX-XX-XXT{PARTS_OF_DAY[part]}", None, None), "set")
    for word, code in (("hour", "PT1H"), ("day", "P1D"), ("week", "P1W"), ("month", "P1M"),
                       ("quarter", "P3M"), ("year", "P1Y")):
        if word in text:
            return Resolved(cal.Period(code, None, None), "set")
    wd = re.search(WEEKDAY, c.groups.get("body") or "")
    if wd:
        return Resolved(cal.Period(f"XXXX-WXX-{weekday_number(wd.group(0)) + 1}", None, None), "set")
    return Resolved(NONE, "set")


def r_elapsed(c: Candidate, ctx: Context) -> Resolved | None:
    """ "3:07:35" (a race time) → "PT3H7M35S"."""
    h, m, s = (int(c.groups.get(k) or 0) for k in ("h", "mi", "se"))
    value = "PT" + "".join(f"{n}{u}" for n, u in ((h, "H"), (m, "M"), (s, "S")) if n)
    return Resolved(cal.Period(value if value != "PT" else "PT0S", None, None), "duration")


def r_clock(c: Candidate, ctx: Context) -> Resolved | None:
    word = (c.groups.get("word") or "").lower()
    if word:
        hh, mm = (12, 0) if word in ("noon", "midday") else (0, 0)
    else:
        hh, mm = int(c.groups.get("h") or 0), int(c.groups.get("mi") or 0)
        ap = (c.groups.get("ap") or "").lower().replace(".", "")
        if ap == "pm" and hh < 12:
            hh += 12
        elif ap == "am" and hh == 12:
            hh = 0
        if hh > 23:
            return None
    tz = (c.groups.get("tz") or "").upper()
    clock = f"T{hh:02d}:{mm:02d}" + ("Z" if tz in ("GMT", "UTC", "Z") else "")
    return Resolved(cal.Period(clock, None, None), "time")


_VAGUE_REFS = {"PRESENT_REF": ("now", "currently", "at present", "nowadays", "these days", "at the moment",
                               "right now", "at this time"),
               "PAST_REF": ("recently", "lately", "the past", "previously", "formerly"),
               "FUTURE_REF": ("soon", "the future", "the near future", "shortly")}


def r_vague(c: Candidate, ctx: Context) -> Resolved | None:
    text = " ".join((c.groups.get("body") or "").lower().split())
    m = re.fullmatch(r"(?:the\s+)?(recent|coming)\s+(days|weeks|months|years)", text)
    if m and ctx.anchor is not None:
        # "in recent weeks": up to several (nine) units back, the widest honest reading.
        unit = unit_name(m.group(2))
        if m.group(1) == "recent":
            first, last = cal.at_precision(cal.shift(ctx.anchor, -9, unit), unit), cal.day(ctx.anchor)
        else:
            first, last = cal.day(ctx.anchor), cal.at_precision(cal.shift(ctx.anchor, 9, unit), unit)
        # The value says what the words say, an unknown number of units (TimeML "PXW"); the
        # bounds keep the widest honest reading.
        bounds = cal.span(first, last)
        return Resolved(cal.Period(duration_value(None, unit), bounds.earliest, bounds.latest), "vague", DOC)
    for ref, words in _VAGUE_REFS.items():
        if text in words:
            a = ctx.anchor
            lo = a if ref != "PAST_REF" else None
            hi = a if ref != "FUTURE_REF" else None
            if ref == "PRESENT_REF":
                lo = hi = a
            return Resolved(cal.Period(ref, lo, hi), "vague", DOC if a else None)
    return Resolved(NONE, "vague")
