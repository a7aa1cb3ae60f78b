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


def is_partial_date(value: str | None) -> bool:
    return bool(value) and bounds(value) is not None
