"""Calendar arithmetic for time expressions: a value at a precision, and its bounds.

A resolved expression is a :class:`Period`: the TIMEX-like value string at the
precision the text supports ("2022", "2022-08", "2022-W33", "2022-08-20") and the
first and last day it covers. Keeping value and bounds together means every
resolver states its precision once and the bounds follow from it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

# Meteorological (northern-hemisphere) seasons: the convention TimeML values use
# ("SP", "SU", "FA", "WI"); winter starts in December of the named year.
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True, slots=True)
class Period:
    """A TIMEX-like value with the inclusive day bounds it denotes (None: unbounded)."""

    value: str | None
    earliest: date | None
    latest: date | None


def day(d: date) -> Period:
    return Period(d.isoformat(), d, d)


def month(y: int, m: int) -> Period:
    last = calendar.monthrange(y, m)[1]
    return Period(f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, last))


def year(y: int) -> Period:
    return Period(f"{y:04d}", date(y, 1, 1), date(y, 12, 31))


def week(d: date) -> Period:
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Period(f"{iso.year:04d}-W{iso.week:02d}", monday, monday + timedelta(days=6))


def quarter(y: int, q: int) -> Period:
    first = date(y, 3 * q - 2, 1)
    last_month = 3 * q
    return Period(f"{y:04d}-Q{q}", first, date(y, last_month, calendar.monthrange(y, last_month)[1]))


def season(y: int, code: str) -> Period:
    m1, m2 = SEASON_MONTHS[code]
    y2 = y + 1 if m2 < m1 else y
    return Period(f"{y:04d}-{code}", date(y, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1]))


def decade(first_year: int) -> Period:
    """The 1990s → value "199" (TIMEX decade), 1990-01-01..1999-12-31."""
    return Period(f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31))


def season_of(d: date) -> str:
    for code, (m1, m2) in SEASON_MONTHS.items():
        if m1 <= d.month <= m2 or (m2 < m1 and (d.month >= m1 or d.month <= m2)):
            return code
    raise AssertionError("every month has a season")


def shift(d: date, n: float, unit: str) -> date:
    """``d`` moved by ``n`` units (negative: back); fractional months/years move by days."""
    if unit in ("day", "hour", "minute", "second"):
        days = n if unit == "day" else n / {"hour": 24, "minute": 1440, "second": 86400}[unit]
        return d + timedelta(days=round(days))
    if unit == "week":
        return d + timedelta(days=round(7 * n))
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    if months == int(months):
        return d + relativedelta(months=int(months))
    return d + timedelta(days=round(months * 30.4375))


def at_precision(d: date, unit: str) -> Period:
    """The period containing ``d`` at the precision a unit of measure supports."""
    if unit in ("day", "week", "hour", "minute", "second"):
        return day(d)
    if unit in ("month", "quarter"):
        return month(d.year, d.month)
    return year(d.year)


def span(first: Period, last: Period) -> Period:
    """An interval from the start of one period to the end of another: "A/B"."""
    if first.value is None or last.value is None:
        return Period(None, first.earliest, last.latest)
    if first.value == last.value:
        return first
    return Period(f"{first.value}/{last.value}", first.earliest, last.latest)


def clip(p: Period, earliest: date | None = None, latest: date | None = None) -> Period:
    """Narrow a period's bounds (the value keeps its precision): "early March" → days 1–15."""
    lo = max(p.earliest, earliest) if p.earliest and earliest else (earliest or p.earliest)
    hi = min(p.latest, latest) if p.latest and latest else (latest or p.latest)
    return Period(p.value, lo, hi)


def most_recent(candidates: list[date], anchor: date, *, future: bool) -> date:
    """The latest candidate not after ``anchor`` (or the earliest not before it, for future text)."""
    if future:
        after = [c for c in candidates if c >= anchor]
        return min(after) if after else max(candidates)
    before = [c for c in candidates if c <= anchor]
    return max(before) if before else min(candidates)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None
