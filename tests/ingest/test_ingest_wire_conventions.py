"""Wire conventions the document builder reads: datelines name the agency, day ranges end a report's dates."""

from __future__ import annotations

import pytest

from newsledger.ingest.dates import infer_published
from newsledger.ingest.documents import dateline_outlet, make_document
from newsledger.ingest.sources import RawItem


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("NAIROBI, March 2 (Reuters) - Kenya's parliament voted on Tuesday ...", "Reuters"),
        ("MOSCOW, October 13. /TASS/. The ministry said ...", "TASS"),
        ("KHAN YOUNIS, Gaza Strip (AP) — Families returned ...", "AP"),
        ("LONDON — The government said on Monday ...", None),
        ("At least four people (local media) - were hurt", None),
    ],
)
def test_dateline_outlet(text, outlet):
    assert dateline_outlet(text) == outlet


def test_dateline_fills_outlet_only_when_nothing_else_does():
    text = "KYIV, May 14 (Reuters) - Officials said on May 14, 2024 that power was restored."
    assert make_document(RawItem(origin="t", text=text)).outlet == "Reuters"
    assert make_document(RawItem(origin="t", text=text, outlet="Wire Desk")).outlet == "Wire Desk"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strikes continued from January 29 to 31, 2023, officials said.", "2023-01-31"),
        ("The talks ran on 3 and 4 March 2024 in Baghdad.", "2024-03-04"),
        ("It began on 2 May 2021 and ended from 10 through 12 June 2021.", "2021-06-12"),
    ],
)
def test_day_ranges_count_their_last_day(text, expected):
    assert infer_published(text) == expected
