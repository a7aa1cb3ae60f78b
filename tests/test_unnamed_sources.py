"""Unnamed sources as claimants: media, partitives ("one of the officials") and nationality words.

Each sentence is written for these tests; the claim made in it must name the unnamed source
as its claimant (a ``source`` mention), not drop it nor pick a country word inside it.
"""

from __future__ import annotations

import pytest

from newsledger.extract.document import extract
from newsledger.model import Document, Extraction, Mention


def _extract(text: str) -> Extraction:
    return extract(Document(id="unnamed-sources-test", text=text))


def _claimant(ex: Extraction, cue: str) -> Mention | None:
    claims = [c for c in ex.claims if c.cue is not None and c.cue.text.lower() == cue]
    assert len(claims) == 1, [(c.cue.text if c.cue else None) for c in ex.claims]
    k = claims[0].claimant
    return None if k is None else ex.mentions[k]


@pytest.mark.parametrize(
    ("text", "cue", "claimant", "country"),
    [
        ("Local media reported that the bridge over the river had collapsed.", "reported", "Local media", None),
        ("Russian state media said the troops had left the village.", "said", "Russian state media", "RU"),
        ("Iranian state television reported that the plant was damaged.", "reported", "Iranian state television",
         "IR"),
        ("One of the officials said the talks would resume on Monday.", "said", "One of the officials", None),
        ("Some of the diplomats said the vote would be delayed.", "said", "Some of the diplomats", None),
        ("Two of the three officials said the plan was dead.", "said", "Two of the three officials", None),
        ("A person familiar with the matter said the deal was close.", "said",
         "A person familiar with the matter", None),
        ("Diplomats said the ceasefire was holding.", "said", "Diplomats", None),
        ("Western intelligence officials believe the missile came from the north.", "believe",
         "Western intelligence officials", None),
        ("People close to the investigation said the suspect had fled.", "said",
         "People close to the investigation", None),
        ("Investigators said the fire was started deliberately.", "said", "Investigators", None),
        ("A senior U.S. military official said the drones were shot down.", "said",
         "A senior U.S. military official", "US"),
    ],
)
def test_unnamed_source_is_the_claimant(text: str, cue: str, claimant: str, country: str | None) -> None:
    found = _claimant(_extract(text), cue)
    assert found is not None
    assert (found.text, found.type, found.country) == (claimant, "source", country)


def test_media_cited_by_according_to_or_as_agent() -> None:
    found = _claimant(_extract("According to local media, the bridge collapsed overnight."), "according to")
    assert found is not None and (found.text, found.type) == ("local media", "source")
    found = _claimant(_extract("The blast was reported by Turkish state media."), "was reported by")
    assert found is not None and (found.text, found.type, found.country) == ("Turkish state media", "source", "TR")


def test_social_media_is_no_source() -> None:
    ex = _extract("The video spread widely on social media, officials said.")
    assert [m.text for m in ex.mentions if m.type == "source"] == ["officials"]
    assert _claimant(ex, "said").text == "officials"


def test_the_newspaper_refers_back_and_is_no_unnamed_source() -> None:
    ex = _extract("The newspaper said the mayor had resigned.")
    assert not [m for m in ex.mentions if m.type == "source"]


def test_people_in_the_news_are_not_sources() -> None:
    ex = _extract("Three journalists were detained near the border, officials said.")
    assert [m.text for m in ex.mentions if m.type == "source"] == ["officials"]


def test_a_named_newspaper_stays_the_outlet() -> None:
    ex = _extract("The Morning Ledger newspaper reported that the port was closed.")
    assert not [m for m in ex.mentions if m.type == "source"]
