"""One entity per real-world thing across invented reports (tests/fixtures/entities/, see its README).

Each topic is told twice, by two outlets that spell names differently. After ingesting all four
reports into one ledger, every spelling of a thing must point to one canonical entity of the
expected type, and things that differ must stay apart.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsledger.operations import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "entities"

# (type, surface forms that name one thing, across both reports of a topic)
GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("person", ("Dmitry Shugayev", "Shugayev", "Dmitri Shugaev", "Shugaev")),
    ("organization", ("Federal Service for Military-Technical Cooperation", "FSVTS")),
    ("organization", ("Rosoboronexport",)),
    ("organization", ("Stockholm International Peace Research Institute", "SIPRI")),
    ("weapon", ("Su-30SM",)),
    ("weapon", ("Pantsir-S1", "Pantsir S1")),
    ("weapon", ("Kh-31",)),
    ("person", ("Zaw Min Tun",)),
    ("outlet", ("The Irrawaddy",)),
    ("country", ("Russia", "Russian", "Kremlin")),
    ("person", ("Abdelaziz al-Hamdi", "Al-Hamdi", "al-Hamdi", "Abdulaziz al-Hamdy", "Al-Hamdy", "al-Hamdy")),
    ("person", ("Samia Ben Youssef", "Ben Youssef", "Samia Ben Yousef")),
    ("person", ("Kais Saied", "Kaïs Saïed")),
    ("organization", ("Human Rights Watch", "HRW")),
    ("organization", ("Ennahda",)),
    ("organization", ("Interior Ministry",)),
    ("country", ("Tunisia", "Tunisian")),
    ("facility", ("Habib Bourguiba Avenue",)),
]
# Pairs of surface forms that must name different entities.
APART = [("Russia", "MOSCOW"), ("Tunisia", "Tunis"), ("Dmitry Shugayev", "Dmitry Peskov"),
         ("Myanmar", "Yangon"), ("India", "Egypt")]


@pytest.fixture(scope="module")
def canonical(tmp_path_factory) -> dict[str, set[tuple[str, str]]]:
    """Surface form -> the (canonical entity id, type) pairs its mentions resolve to."""
    db = tmp_path_factory.mktemp("groups") / "ledger.db"
    report = ingest([str(p) for p in sorted(FIXTURES.glob("*.txt"))], db=db)
    assert len(report.new) == 4 and not report.failed
    conn = sqlite3.connect(db)
    rows = conn.execute(
        """SELECT m.text, c.id, c.type FROM mentions m JOIN entities e ON e.id = m.entity_id
           JOIN entities c ON c.id = e.canonical_id"""
    ).fetchall()
    conn.close()
    found: dict[str, set[tuple[str, str]]] = {}
    for text, ident, etype in rows:
        found.setdefault(text, set()).add((ident, etype))
    return found


@pytest.mark.parametrize(("etype", "forms"), GROUPS, ids=[g[1][0] for g in GROUPS])
def test_every_spelling_is_one_entity(canonical, etype, forms):
    seen = set()
    for form in forms:
        assert form in canonical, f"{form!r} is no mention; mentions: {sorted(canonical)}"
        seen |= canonical[form]
    assert len(seen) == 1, f"{forms} split into {seen}"
    assert next(iter(seen))[1] == etype


@pytest.mark.parametrize(("a", "b"), APART)
def test_different_things_stay_apart(canonical, a, b):
    assert canonical[a] and canonical[b]
    assert not ({i for i, _ in canonical[a]} & {i for i, _ in canonical[b]})


def test_a_capital_is_its_government_only_when_it_acts(canonical):
    """"Moscow would fulfil every contract" is Russia's government; "Speaking in Moscow" is the city."""
    russia = canonical["Russia"]
    assert russia <= canonical["Moscow"]
    assert {t for _, t in canonical["Moscow"] - russia} == {"place"}
