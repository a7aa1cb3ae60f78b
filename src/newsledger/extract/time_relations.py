"""Resolvers for ranges written as one phrase and for times relative to other times in the text.

Split from time_resolvers.py (single points); the same Candidate → Resolved contract.
"""

from __future__ import annotations

import re
from datetime import date

from newsledger.extract import time_calendar as cal
from newsledger.extract.time_lexicon import MONTH_NAMES, month_number, parse_quantity, unit_name
from newsledger.extract.time_resolvers import (
    DOC, NONE, PARTS_OF_DAY, Candidate, Context, Resolved, day_of, month_of, r_month_year, r_year, with_part,
)


# --- ranges written as one phrase -------------------------------------------------
# "January 29 to 31, 2023", "29-31 January", "from March to May 2022", "2009-2010":
# one side lacks words the other supplies, so two single matches cannot be joined.

def r_range_days(c: Candidate, ctx: Context) -> Resolved | None:
    m = month_number(c.groups["m"] or "")
    d1, d2 = (int(re.sub(r"\D", "", c.groups[k] or "0")) for k in ("d1", "d2"))
    if d2 <= d1:
        return None
    year = int(c.groups["y"]) if c.groups.get("y") else None
    first, anchor = day_of(m, d1, year, ctx)
    if first.earliest is None:
        return Resolved(NONE, "range", anchor)
    last = cal.safe_date(first.earliest.year, m, d2)
    if last is None:
        return None
    return Resolved(cal.span(first, cal.day(last)), "range", anchor)


def r_range_months(c: Candidate, ctx: Context) -> Resolved | None:
    m1, m2 = month_number(c.groups["m1"] or ""), month_number(c.groups["m2"] or "")
    if c.groups.get("y"):
        y2 = int(c.groups["y"] or 0)
        y1 = int(c.groups["y1"]) if c.groups.get("y1") else (y2 if m1 <= m2 else y2 - 1)
        return Resolved(cal.span(cal.month(y1, m1), cal.month(y2, m2)), "range")
    first, anchor = month_of(m1, None, ctx)
    if first.earliest is None:
        return Resolved(NONE, "range")
    y1 = first.earliest.year
    return Resolved(cal.span(first, cal.month(y1 if m2 >= m1 else y1 + 1, m2)), "range", anchor)


def r_range_years(c: Candidate, ctx: Context) -> Resolved | None:
    y1, raw = int(c.groups["y1"] or 0), c.groups["y2"] or ""
    y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
    if y2 <= y1:
        return None
    return Resolved(cal.span(cal.year(y1), cal.year(y2)), "range")


def resolve_reference(c: Candidate, base: cal.Period | None) -> Resolved:
    """A time relative to ``base``, the last date the text gave before it (None: unresolved)."""
    if base is None or base.earliest is None or base.value is None:
        return Resolved(NONE, "vague")
    b = base.earliest
    precise_to_day = len(base.value) >= 10
    if c.rule == "ref_shift":
        q = parse_quantity(c.groups.get("n") or "")
        unit = unit_name(c.groups.get("u") or "")
        if q is None or q[0] != q[1] or (unit in ("day", "week", "hour") and not precise_to_day):
            return Resolved(NONE, "vague")
        sign = -1 if (c.groups.get("dir") or "").lower().split()[0] in ("earlier", "before") else 1
        return Resolved(cal.at_precision(cal.shift(b, sign * q[0], unit), unit), "date", "context")
    ref = " ".join((c.groups.get("ref") or "").lower().split())
    word = (c.groups.get("u") or "day").lower()
    unit = word if word in ("day", "week", "month", "year") else "day"
    if unit in ("day", "week") and not precise_to_day:
        return Resolved(NONE, "vague")
    step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
            "the day before": -1, "the day after": 1}.get(ref, 0)
    d = cal.shift(b, step, unit)
    if unit == "day":
        p, kind = with_part(cal.day(d), word if word in PARTS_OF_DAY else None)
    elif unit == "week":
        p, kind = cal.week(d), "date"
    elif unit == "month":
        p, kind = cal.month(d.year, d.month), "date"
    else:
        p, kind = cal.year(d.year), "date"
    return Resolved(p, kind, "context")


def resolve_focus(c: Candidate, last_day: cal.Period | None, last_date: cal.Period | None,
                  doc_date: date | None) -> Resolved:
    """ "the day" ("ended the day down") and "the end of the year": the day or year the text is about.

    That is the last day (or, for the year, any date) the text named before, else the
    document's own; with neither it stays unresolved.
    """
    if c.rule == "ref_day":
        if last_day is not None and last_day.earliest is not None:
            return Resolved(cal.day(last_day.earliest), "date", "context")
        return Resolved(cal.day(doc_date), "date", DOC) if doc_date else Resolved(NONE, "vague")
    if c.rule == "ref_quarter":
        return _focus_quarter(last_date, doc_date)
    if c.rule == "ref_month":
        return _focus_month(c, last_date, doc_date)
    if last_date is not None and last_date.earliest is not None:
        y, anchor = last_date.earliest.year, "context"
    elif doc_date is not None:
        y, anchor = doc_date.year, DOC
    else:
        return Resolved(NONE, "vague")
    mod = "the end of" if c.groups.get("end") else " ".join((c.groups.get("mod") or "").lower().split())
    r = r_year(Candidate(c.start, c.end, "year", 0, {"y": str(y), "mod": mod}), Context(None))
    return Resolved(r.period, "date", anchor) if r else Resolved(NONE, "vague")


def _focus_quarter(last_date: cal.Period | None, doc_date: date | None) -> Resolved:
    """The last quarter the text named ("third-quarter profit ... in the quarter"), else the last
    whole quarter before the document date (what a results report is about)."""
    if last_date is not None and last_date.value and "-Q" in last_date.value:
        return Resolved(last_date, "date", "context")
    if doc_date is None:
        return Resolved(NONE, "vague")
    before = cal.shift(doc_date, -3, "month")
    return Resolved(cal.quarter(before.year, (before.month - 1) // 3 + 1), "date", DOC)


def _focus_month(c: Candidate, last_date: cal.Period | None, doc_date: date | None) -> Resolved:
    """ "before the end of the month": the month of the last date the text named at month precision or finer,
    else the document's month; a part ("the end of") keeps only its days, the widest honest reading of it."""
    v = last_date.value if last_date is not None else None
    if last_date is not None and last_date.earliest is not None and v and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", v):
        y, m, anchor = last_date.earliest.year, last_date.earliest.month, "context"
    elif doc_date is not None:
        y, m, anchor = doc_date.year, doc_date.month, DOC
    else:
        return Resolved(NONE, "vague")
    mod = "the end of" if c.groups.get("end") else " ".join((c.groups.get("mod") or "").lower().split())
    r = r_month_year(Candidate(c.start, c.end, "month_year", 0, {"y": str(y), "m": MONTH_NAMES[m - 1], "mod": mod}),
                     Context(None))
    return Resolved(r.period, "date", anchor) if r else Resolved(NONE, "vague")
