"""Dates at the precision the text supports ("YYYY", "YYYY-MM", "YYYY-MM-DD") as intervals."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day a partial ISO date covers; None if it is not one."""
    if not value:
        return None
    m = _PARTIAL.match(value)
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def span_bounds(start: str | None, end: str | None) -> tuple[date, date] | None:
    """Interval covered by a start (and optional end) partial date."""
    first = bounds(start)
    if first is None:
        return None
    last = bounds(end) if end else None
    return first[0], (last or first)[1]


def overlaps(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool | None:
    """Whether two intervals share a day; None when either is unknown."""
    if a is None or b is None:
        return None
    return a[0] <= b[1] and b[0] <= a[1]


_TIMEX_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")
_TIMEX_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def as_interval(value: str | None) -> tuple[str | None, str | None]:
    """A TIMEX-style value as (start, end) partial ISO dates; (None, None) if it names no dates.

    "2024-10-15TNI" (night of a day) keeps its day; "2023-W40" becomes its Monday..Sunday;
    "a/b" keeps both ends; references such as "PAST_REF" and durations have no dates.
    """
    if not value:
        return None, None
    if "/" in value:
        first, _, last = value.partition("/")
        start, _ = as_interval(first)
        _, end = as_interval(last)
        end = end or as_interval(last)[0]
        return (start, end) if start else (None, None)
    m = _TIMEX_DATE.match(value)
    if m and bounds(m.group(1)):
        return m.group(1), None
    w = _TIMEX_WEEK.match(value)
    if w:
        try:
            monday = date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1)
            sunday = date.fromisocalendar(int(w.group(1)), int(w.group(2)), 7)
        except ValueError:
            return None, None
        return monday.isoformat(), sunday.isoformat()
    return None, None


def is_partial_date(value: str | None) -> bool:
    return bool(value) and bounds(value) is not None
