"""known_events.csv is well formed and each row's pattern finds its own event name."""

from __future__ import annotations

import re
from datetime import date

from newsledger.extract.time_calendar import shift
from newsledger.extract.time_events import known_events
from newsledger.extract.time_lexicon import duration_value, parse_quantity


def test_known_events_rows_are_complete_and_unique() -> None:
    events = known_events()
    assert len(events) >= 15
    assert len({e.id for e in events}) == len(events)
    for e in events:
        assert e.source.startswith("https://"), e.id
        assert e.end is None or e.start <= e.end, e.id


def test_known_event_patterns_match_phrases_for_their_events() -> None:
    by_id = {e.id: e for e in known_events()}
    phrases = {
        "ukraine_invasion_2022": "Russia's full-scale invasion of Ukraine",
        "fall_of_kabul_2021": "the fall of Kabul",
        "sept11_2001": "the September 11 attacks",
        "oct7_attack_2023": "the Oct. 7 attack",
        "soviet_collapse_1991": "the collapse of the Soviet Union",
    }
    for event_id, phrase in phrases.items():
        assert by_id[event_id].pattern.fullmatch(phrase), (event_id, phrase)
    # a bare "the war" names no event
    assert not any(e.pattern.search("before the war began") for e in known_events())


def test_quantities_and_duration_values() -> None:
    assert parse_quantity("three and a half") == (3.5, 3.5)
    assert parse_quantity("twenty-five") == (25, 25)
    low, high = parse_quantity("a few") or (0, 0)
    assert low < high
    assert duration_value(2, "week") == "P2W"
    assert duration_value(1, "decade") == "P10Y"
    assert duration_value(None, "hour") == "PTXH"
    assert re.fullmatch(r"P\d+D", duration_value(44, "day"))


def test_calendar_shift_handles_month_ends() -> None:
    assert shift(date(2023, 3, 31), -1, "month") == date(2023, 2, 28)
    assert shift(date(2024, 2, 29), 1, "year") == date(2025, 2, 28)
