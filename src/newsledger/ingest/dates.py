"""Publication dates: normalising metadata dates, validating --published, inferring from text.

All results are ISO "YYYY-MM-DD" (or a coarser "YYYY-MM" / "YYYY" when that is
all a source states). dateparser does the parsing of free-form values;
inference from article text uses a hand-written matcher because it must accept
only *fully explicit* dates (day, month and year all written), which
dateparser's search cannot promise: it fills missing parts from today.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime

import dateparser

from newsledger.errors import InputError

log = logging.getLogger(__name__)

# Absolute parsers only: "yesterday" or "3 days ago" has no meaning for a
# stored publication date, so it must be refused, not resolved against today.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_COARSE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?\s*$")
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
# Longest names first so "Sept" wins over "Sep", "June" over "Jun".
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# A day range inside one month: "3-5", "29 to 31", "3 and 4" (the last day counts).
_RANGE_START = r"(?:[0-3]?\d(?:st|nd|rd|th)?\s*(?:[-–]|to|until|through|and)\s*)?"
_EXPLICIT_DATES = (
    # "November 5, 2022", "Nov. 5 2022", "November 3-5, 2022", "January 29 to 31, 2023"
    re.compile(rf"\b{_MONTH}\s+{_RANGE_START}{_DAY},?\s+{_YEAR}\b"),
    # "5 November 2022", "5th of November, 2022", "3–5 November 2022"
    re.compile(rf"\b{_RANGE_START}{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b"),
    # "2022-11-05" (also the date part of "2022-11-05T10:00")
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)


def normalise_date(value: str) -> str | None:
    """An ISO date for a free-form metadata date, or None when it is not a definite date."""
    value = value.strip()
    if not value:
        return None
    coarse = _COARSE.match(value)
    if coarse:
        year, month = coarse.group(1), coarse.group(2)
        if not _MIN_YEAR <= int(year) <= _MAX_YEAR or (month and not 1 <= int(month) <= 12):
            return None
        return f"{year}-{month}" if month else year
    try:
        # ISO 8601 (with time and offset) is by far the most common metadata form;
        # keep the calendar date as written rather than shifting it to UTC.
        return _checked(datetime.fromisoformat(value.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return _checked(parsed.date()) if parsed else None


def parse_published_option(value: str) -> str:
    """Validate a --published value; its ISO form, or InputError("--published", reason)."""
    normalised = normalise_date(value)
    if normalised is None:
        raise InputError("--published", f"not a date: {value!r} (use e.g. 2023-03-14 or '14 March 2023')")
    return normalised


def infer_published(text: str, *, today: date | None = None) -> str | None:
    """The latest fully explicit date the text mentions, not after ``today``.

    A report is published on or after every date it narrates, so the latest
    written date is the best lower bound on its publication date; dates after
    today (contract end dates, planned deliveries) cannot be it.
    """
    limit = today or date.today()
    latest: date | None = None
    for pattern in _EXPLICIT_DATES:
        for match in pattern.finditer(text):
            found = _match_date(match)
            if found is not None and found <= limit and (latest is None or found > latest):
                latest = found
    if latest is None:
        latest = _dateline_date(text, limit)
    return latest.isoformat() if latest else None


# "BUCHAREST, Oct 17 (Reuters) -": a wire dateline gives the day and month of filing, not the year.
_DATELINE = re.compile(rf"\A\s*[A-Z][A-Za-z .'-]{{1,40}},\s+(?:[A-Za-z ]{{1,30}},\s+)?{_MONTH}\s+{_DAY}\b")
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _dateline_date(text: str, limit: date) -> date | None:
    """A year-less dateline dated to the latest year the text writes, when that puts it after every
    month-year the text states in that year: a report is filed after what it narrates. None without a year."""
    m = _DATELINE.match(text)
    years = [int(y) for y in _ANY_YEAR.findall(text) if _MIN_YEAR <= int(y) <= limit.year]
    if m is None or not years:
        return None
    month = _MONTHS[m.group("month")]
    year = max(years)
    try:
        found = date(year, month, int(m.group("day")))
    except ValueError:
        return None
    stated = [_MONTHS[n] for n, y in re.findall(rf"\b({'|'.join(_MONTHS)})\.?,?\s+({year})\b", text)]
    if found > limit or any(mo > month for mo in stated):
        return None
    return found


def _match_date(match: re.Match[str]) -> date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    try:
        found = date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:  # "February 30, 2023"
        return None
    return found if _MIN_YEAR <= found.year <= _MAX_YEAR else None


def _checked(value: date) -> str | None:
    return value.isoformat() if _MIN_YEAR <= value.year <= _MAX_YEAR else None
