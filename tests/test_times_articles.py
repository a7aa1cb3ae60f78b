"""Whole unseen articles through the real extraction path: every date on the right day, month or interval,
and the statement date kept apart from the event date.

The three fixtures under tests/fixtures/times/ were written for this test (fictional, plain news style):
a court ruling reported a week later, a ceasefire timeline told with relative dates, and a delivery
confirmed days after the fact. Each is read with the publication date ingest would give it (metadata).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from newsledger.extract.document import extract
from newsledger.ingest.dates import infer_published
from newsledger.model import Document, Extraction, TimeExpr

FIXTURES = Path(__file__).parent / "fixtures" / "times"
PUBLISHED = {
    "court-ruling": "2024-06-14",  # a Friday
    "ceasefire-timeline": "2025-03-20",  # a Thursday
    "delivery-confirmed": "2023-11-09",  # a Thursday
}


@lru_cache(maxsize=None)
def article(name: str) -> Extraction:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return extract(Document(id=f"doc-{name}", text=text, published=PUBLISHED[name], published_source="metadata"))


def time_of(name: str, words: str) -> TimeExpr:
    found = [t for t in article(name).times if t.text == words]
    assert len(found) == 1, (words, [t.text for t in article(name).times])
    return found[0]


@pytest.mark.parametrize(("name", "words", "value", "earliest", "latest"), [
    # a week later: "last Friday" from a Friday is the Friday before
    ("court-ruling", "last Friday", "2024-06-07", "2024-06-07", "2024-06-07"),
    ("court-ruling", "Thursday", "2024-06-13", "2024-06-13", "2024-06-13"),
    ("court-ruling", "Wednesday", "2024-06-12", "2024-06-12", "2024-06-12"),
    ("court-ruling", "late 2021", "2021", "2021-09-01", "2021-12-31"),
    ("court-ruling", "the first quarter of 2022", "2022-Q1", "2022-01-01", "2022-03-31"),
    # the month in focus, its last days: the widest honest reading of "the end of"
    ("court-ruling", "the end of the month", "2024-06", "2024-06-21", "2024-06-30"),
    ("court-ruling", "March 2023", "2023-03", "2023-03-01", "2023-03-31"),
    # "is scheduled for": ahead of the document date
    ("court-ruling", "September 9", "2024-09-09", "2024-09-09", "2024-09-09"),
    ("ceasefire-timeline", "last Monday", "2025-03-17", "2025-03-17", "2025-03-17"),
    # the week before the one "last Monday" fell in
    ("ceasefire-timeline", "the previous week", "2025-W11", "2025-03-10", "2025-03-16"),
    ("ceasefire-timeline", "earlier this month", "2025-03", "2025-03-01", "2025-03-20"),
    ("ceasefire-timeline", "the early hours of March 18", "2025-03-18", "2025-03-18", "2025-03-18"),
    ("ceasefire-timeline", "late 2021", "2021", "2021-09-01", "2021-12-31"),
    # "is visiting on Friday": a plan; "was expected to ... before leaving on Sunday": ahead of the report too
    ("ceasefire-timeline", "Friday", "2025-03-21", "2025-03-21", "2025-03-21"),
    ("ceasefire-timeline", "Sunday", "2025-03-23", "2025-03-23", "2025-03-23"),
    ("delivery-confirmed", "November 6", "2023-11-06", "2023-11-06", "2023-11-06"),
    ("delivery-confirmed", "the first quarter", "2023-Q1", "2023-01-01", "2023-03-31"),
    ("delivery-confirmed", "12 December 2022", "2022-12-12", "2022-12-12", "2022-12-12"),
    ("delivery-confirmed", "Three weeks ago", "2023-10-19", "2023-10-19", "2023-10-19"),
    # a window the ministry set: both ends in the same, coming year
    ("delivery-confirmed", "from November 20 to December 5", "2023-11-20/2023-12-05", "2023-11-20", "2023-12-05"),
    ("delivery-confirmed", "Earlier today", "2023-11-09", "2023-11-09", "2023-11-09"),
    ("delivery-confirmed", "next month", "2023-12", "2023-12-01", "2023-12-31"),
])
def test_article_dates_land_on_the_right_day(name: str, words: str, value: str, earliest: str, latest: str) -> None:
    t = time_of(name, words)
    assert (t.value, t.earliest, t.latest) == (value, earliest, latest)


def test_durations_and_sets_have_no_calendar_value() -> None:
    assert time_of("ceasefire-timeline", "Two days").value == "P2D"
    weekly = time_of("court-ruling", "weekly")
    assert (weekly.kind, weekly.earliest) == ("set", None)


def _claim_dates(name: str, sentence_start: str) -> list[str | None]:
    ex = article(name)
    return [ex.times[c.time].value if c.time is not None else None
            for c in ex.claims if c.sentence.text.startswith(sentence_start)]


def _event_dates(name: str, sentence_start: str, event_type: str) -> list[str | None]:
    ex = article(name)
    return [ex.times[e.time].value if e.time is not None else None
            for e in ex.events if e.sentence.text.startswith(sentence_start) and e.type == event_type]


def test_statement_date_and_event_date_are_kept_apart() -> None:
    # confirmed on November 6 that it had delivered in the first quarter
    assert "2023-11-06" in _claim_dates("delivery-confirmed", "Norway's defence ministry confirmed")
    assert _event_dates("delivery-confirmed", "Norway's defence ministry confirmed", "transfer") == ["2023-Q1"]
    # signed a ceasefire last Monday, mediators said on Wednesday
    assert "2025-03-19" in _claim_dates("ceasefire-timeline", "Rebel commanders")
    assert "2025-03-17" in _event_dates("ceasefire-timeline", "Rebel commanders", "withdrawal") + \
        _event_dates("ceasefire-timeline", "Rebel commanders", "agreement")
    # had denied three weeks ago: the denial is dated, the arrival it denies is not
    assert _claim_dates("delivery-confirmed", "Three weeks ago") == ["2023-10-19"]


def test_a_weekly_briefing_or_a_window_is_not_when_something_was_said() -> None:
    assert _claim_dates("court-ruling", "The broker's lawyer told") == ["2024-06-12"]
    assert _claim_dates("delivery-confirmed", "The ministry has announced") == [None]


def test_event_told_through_its_own_noun_takes_its_time() -> None:
    # "Shelling briefly resumed in the early hours of March 18": the verb only says it happened
    assert _event_dates("ceasefire-timeline", "Shelling briefly resumed", "attack") == ["2025-03-18"]


def test_year_less_dateline_takes_the_latest_year_the_text_states() -> None:
    text = "BUCHAREST, Oct 17 (Reuters) - Drone fragments have been found several times since March 2024."
    assert infer_published(text) == "2024-10-17"
    # a month later in that year than the dateline's: the dateline must belong to a later year; unknown
    assert infer_published("ODESA, Feb 2 (Reuters) - The port was shelled in March 2024.") is None
    assert infer_published("ODESA, Feb 2 (Reuters) - No year is written here.") is None
