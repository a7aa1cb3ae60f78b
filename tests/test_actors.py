"""Generic actors ("police", "troops", "protesters") as mentions, events that use them, and their identity in
the ledger: one document's own unless a country qualifies them. Sentences written for these tests."""

from __future__ import annotations

import pytest

from newsledger.extract.actors import ACTOR_LABEL, is_document_scoped
from newsledger.extract.document import extract
from newsledger.ingest.documents import make_document
from newsledger.ingest.sources import RawItem
from newsledger.query import records
from newsledger.store.sqlite import Ledger


def _extract(text: str, origin: str = "test"):
    return extract(make_document(RawItem(origin=origin, text=text)))


def _actors(ex) -> dict[str, object]:
    return {m.text: m for m in ex.mentions if m.label == ACTOR_LABEL}


def _roles(ex, event) -> set[tuple[str, str]]:
    return {(p.role, ex.mentions[p.mention].text) for p in event.participants}


def test_police_and_protesters_fill_an_arrest():
    ex = _extract("Turkish police arrested 12 protesters in Ankara on Sunday.")
    actors = _actors(ex)
    assert set(actors) == {"Turkish police", "protesters"}
    police = actors["Turkish police"]
    assert (police.type, police.country, police.name) == ("organization", "TR", "police (Turkey)")
    assert actors["protesters"].type == "group" and actors["protesters"].country is None
    assert is_document_scoped(actors["protesters"]) and not is_document_scoped(police)
    arrest = next(e for e in ex.events if e.type == "seizure")
    assert _roles(ex, arrest) == {("agent", "Turkish police"), ("target", "protesters")}


def test_a_possessor_or_an_in_phrase_names_the_country():
    ex = _extract("Sudan's government lifted the curfew after rebels in Chad withdrew.")
    actors = _actors(ex)
    assert actors["Sudan's government"].name == "government (Sudan)"
    assert actors["rebels"].country == "TD"  # 'rebels in Chad'; Chad stays a mention of its own
    assert any(m.text == "Chad" and m.type == "country" for m in ex.mentions)
    students = _actors(_extract("Students from Iran staged a sit-in outside the embassy."))["Students"]
    assert (students.country, students.type) == ("IR", "group")


@pytest.mark.parametrize("text, absent", [
    ("Hamas fighters fired rockets at the town.", "fighters"),  # the named group acts
    ("The police station was attacked overnight.", "police"),  # the noun modifies another thing
    ("A Turkish man was arrested at the border.", "man"),  # 'man' needs an actor-making modifier
    ("The fighters rested.", "fighters"),  # 'fighters' alone is too vague
])
def test_no_generic_actor_where_a_name_acts_or_the_noun_is_no_actor(text, absent):
    ex = _extract(text)
    assert not any(absent in m.text for m in _actors(ex).values()), _actors(ex)


def test_qualified_nouns_become_actors():
    ex = _extract("Armed men attacked the convoy, and a Protestant extremist organization claimed the bombing.")
    assert {"Armed men", "Protestant extremist organization"} <= set(_actors(ex))
    attack = next(e for e in ex.events if e.trigger.text == "attacked")
    assert ("agent", "Armed men") in _roles(ex, attack)


def test_generic_actors_stay_apart_across_documents_unless_a_country_names_them(tmp_path):
    with Ledger(tmp_path / "a.db") as led:
        led.add(_extract("Police arrested two men in the capital on Monday.", "one"))
        led.add(_extract("Police arrested a journalist at the airport on Friday.", "two"))
        led.add(_extract("Kenyan police dispersed a crowd in Nairobi.", "three"))
        led.add(_extract("Kenyan police detained a lawyer in Mombasa.", "four"))
        ents = records.entities(led.conn)
    police = [e for e in ents if e["name"] == "police"]
    kenyan = [e for e in ents if e["name"] == "police (Kenya)"]
    assert len(police) == 2  # two articles, two police forces
    assert len(kenyan) == 1  # the country says which police


def test_an_untagged_demonym_qualifies_an_actor():
    ex = _extract("Zambian authorities expelled 30 traders.")
    authorities = _actors(ex)["Zambian authorities"]
    assert (authorities.country, authorities.name) == ("ZM", "authorities (Zambia)")
    assert any(("agent", "Zambian authorities") in _roles(ex, e) for e in ex.events)


def test_elders_parties_and_rights_groups_are_actors():
    ex = _extract("Village elders demanded compensation from the mining company.")
    assert "Village elders" in _actors(ex)
    ex = _extract("Three opposition parties in Peru have called a general strike.")
    parties = _actors(ex)["opposition parties"]
    assert parties.country == "PE"
    ex = _extract("A human rights group accused the army of torture.")
    assert "human rights group" in _actors(ex)
    ex = _extract("Three parties in Peru have called a general strike.")
    assert "parties" not in _actors(ex)  # a party needs a modifier that makes it a political actor


def test_a_generic_noun_describing_a_name_is_no_second_actor():
    ex = _extract("The Miners' Federation of Zambia, the largest opposition group, said it would strike.")
    assert not any(m.text.endswith("opposition group") for m in ex.mentions if m.label == ACTOR_LABEL)
