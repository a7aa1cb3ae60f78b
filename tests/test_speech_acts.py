"""Speech acts: the request, threat or rejection a speaker makes by what it says (extract/speech_acts.py).

Sentences are written for these tests; each goes through the whole extraction (document.extract), so the
claim, the inner event and the speech act are read as an ingest reads them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger import operations
from newsledger.extract.document import extract
from newsledger.ingest.documents import make_document
from newsledger.ingest.sources import RawItem
from newsledger.model import EventRecord, Extraction

SPEECH_TYPES = ("request", "threat", "rejection")


def run(text: str) -> Extraction:
    return extract(make_document(RawItem(origin="test", text=text, published="2024-06-01")))


def acts(ex: Extraction, type_: str) -> list[EventRecord]:
    return [e for e in ex.events if e.type == type_]


def only(ex: Extraction, type_: str) -> EventRecord:
    found = acts(ex, type_)
    assert len(found) == 1, [(e.type, e.trigger.text) for e in ex.events]
    return found[0]


def names(ex: Extraction, event: EventRecord, role: str) -> set[str]:
    return {ex.mentions[p.mention].text for p in event.participants if p.role == role}


def claim_of(ex: Extraction, event: EventRecord):
    k = ex.events.index(event)
    holders = [c for c in ex.claims if k in c.events]
    assert len(holders) == 1
    return holders[0]


def test_deontic_content_is_a_request_by_the_speaker_of_who_must_act() -> None:
    ex = run("Ankara said on Monday that Damascus has to withdraw its troops from the border.")
    req = only(ex, "request")
    assert req.plover == "REQUEST" and req.modality == "occurred"
    assert names(ex, req, "agent") == {"Ankara"} and names(ex, req, "target") == {"Damascus"}
    assert ex.document.text[req.trigger.start : req.trigger.end] == req.trigger.text == "said"
    assert req.time is not None and ex.times[req.time].text == "Monday"  # when it was said
    claim = claim_of(ex, req)
    assert claim.cue is not None and claim.cue.start == req.trigger.start
    assert only(ex, "withdrawal") in [ex.events[k] for k in claim.events]  # the inner event keeps its record


def test_must_and_a_parenthetical_speaker() -> None:
    ex = run("Baku must hand over the captured pilots, the Armenian foreign ministry said.")
    req = only(ex, "request")
    assert names(ex, req, "target") == {"Baku"}
    assert req.trigger.text == "said"


def test_telling_someone_to_act_is_a_request() -> None:
    ex = run("Russia told Sudan that it must return the helicopter.")
    req = only(ex, "request")
    assert names(ex, req, "agent") == {"Russia"} and names(ex, req, "target") == {"Sudan"}


def test_announcing_ones_own_harmful_act_is_a_threat() -> None:
    ex = run("Tehran said it would retaliate against Washington.")
    threat = only(ex, "threat")
    assert threat.plover == "THREATEN"
    assert names(ex, threat, "agent") == {"Tehran"} and names(ex, threat, "target") == {"Washington"}


def test_a_threat_takes_the_target_of_the_act_threatened() -> None:
    ex = run("Hanoi warned on Friday that Vietnam would impose sanctions on Beijing.")
    threat = only(ex, "threat")  # 'warned' is a threat trigger already: no second one from the claim
    assert threat.trigger.text == "warned"
    ex = run("The rebels said they would blockade the port of Aden.")
    threat = only(ex, "threat")
    assert "Aden" in names(ex, threat, "target")


def test_an_act_made_conditional_with_unless_is_a_threat() -> None:
    ex = run("Kenya announced on Monday that it will withdraw its peacekeepers from Somalia unless the talks resume.")
    threat = only(ex, "threat")
    assert names(ex, threat, "agent") == {"Kenya"} and names(ex, threat, "target") == {"Somalia"}


def test_refusing_to_give_in_is_a_rejection() -> None:
    ex = run("Pyongyang said it would not accept Seoul's conditions.")
    rej = only(ex, "rejection")
    assert rej.plover == "REJECT" and rej.modality == "occurred"
    assert names(ex, rej, "agent") == {"Pyongyang"} and names(ex, rej, "target") == {"Seoul"}
    ex = run("Warsaw said it would not send tanks to Kyiv.")
    assert names(ex, only(ex, "rejection"), "target") == {"Kyiv"}


@pytest.mark.parametrize("text, type_, trigger", [
    ("Kyiv demanded that Minsk must close the border.", "request", "demanded"),
    ("Iran warned that it would strike Israel.", "threat", "warned"),
    ("Baghdad said it refused to comply with the order.", "rejection", "refused"),
])
def test_no_second_event_when_the_act_has_its_own_trigger(text: str, type_: str, trigger: str) -> None:
    ex = run(text)
    assert only(ex, type_).trigger.text == trigger


@pytest.mark.parametrize("text", [
    "Analysts said Russia would attack in spring.",  # a prediction about others, not the speaker's threat
    "Berlin said it must protect its citizens.",  # an obligation the speaker lays on itself
    "Paris said the helicopter must be returned.",  # no one named who must act
    "Oslo said it did not accept the offer.",  # a report of the past, not a refusal made by saying it
    "Moscow denied that Kyiv must pay for the gas.",  # a denial is no demand
    "Tokyo said the delivery should be arriving in April.",  # 'should be arriving' predicts
    "Cairo said the jetliner had to turn back.",  # 'had to' tells what happened
    "Syria said it would destroy its chemical weapons.",  # an act on one's own things threatens no one
    "Rome said Italian drones had struck the depot.",  # nothing asked, threatened or refused
])
def test_sentences_that_make_no_speech_act(text: str) -> None:
    ex = run(text)
    made = [e for e in ex.events if e.type in SPEECH_TYPES and e.trigger.text in ("said", "denied")]
    assert made == [], [(e.type, e.trigger.text) for e in made]


def test_events_stay_in_text_order_and_claims_point_at_the_right_events() -> None:
    ex = run("Troops shelled the village on Sunday. Kabul said Islamabad must stop the raids, and Islamabad "
             "said it would not negotiate with Kabul.")
    starts = [e.trigger.start for e in ex.events]
    assert starts == sorted(starts)
    for c in ex.claims:
        for k in c.events:
            assert c.sentence.start <= ex.events[k].trigger.start < c.sentence.end
    assert {e.type for e in ex.events} >= {"attack", "request", "rejection"}


def test_the_store_and_the_exports_take_speech_acts(tmp_path: Path) -> None:
    article = tmp_path / "speech.jsonl"
    text = ("Tehran said on Tuesday that it would retaliate against Washington. "
            "Washington said Tehran must release the detained sailors.")
    article.write_text(json.dumps({"text": text, "published": "2024-06-05", "outlet": "Test Wire"}) + "\n",
                       encoding="utf-8")
    db = tmp_path / "ledger.db"
    report = operations.ingest([str(article)], db=db)
    assert report.ok and report.new
    data = operations.build_export(db=db)
    stored = {e["type"]: e for e in data["events"]}
    assert {"threat", "request"} <= set(stored)
    assert stored["threat"]["plover"] == "THREATEN" and stored["request"]["plover"] == "REQUEST"
    out = operations.export(db=db, format="plover", output=tmp_path / "out.plover")
    assert out is not None
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    coded = {r["event"][0]: r for r in records}
    assert {a["actor_text"] for a in coded["THREATEN"]["source"]} == {"Iran"}
    assert len(coded["REQUEST"]["source"]) == 1 and coded["REQUEST"]["source"][0]["actor_text"] != "Iran"
    asked = {a["actor_text"] for a in coded["REQUEST"]["recipient"]}
    assert asked and asked <= {"Iran", "Tehran"}  # (the capital, or the state it stands for)


def test_the_us_as_a_subject_is_the_country_not_the_speaker() -> None:
    ex = run("The Kenyan president said the US must be ready to mediate between the two parties.")
    req = only(ex, "request")
    assert names(ex, req, "target") == {"US"}
    assert only(ex, "meeting").modality == "hypothetical"  # 'must be ready to' is no occurrence


def test_not_hesitating_to_strike_is_a_threat_of_a_planned_strike() -> None:
    ex = run("Ankara said it will not hesitate to strike militant camps in Syria.")
    threat = only(ex, "threat")
    assert names(ex, threat, "agent") == {"Ankara"}
    assert only(ex, "attack").modality == "planned"  # not negated: the strike is announced
