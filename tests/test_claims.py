"""Claims from short sentences written for these tests: claimant, relays, stance, hedging, time, events."""

from __future__ import annotations

import pytest

from extraction import run_extractors

from newsledger.extract.pipeline import get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def extract(nlp, text: str):
    return run_extractors(nlp, text)


def name(mentions, k):
    return None if k is None else mentions[k].text


def with_cue(claims, cue: str):
    found = [c for c in claims if c.cue is not None and c.cue.text.lower() == cue]
    assert len(found) == 1, [(c.cue.text if c.cue else None, c.stance) for c in claims]
    return found[0]


def test_relayed_claim_lists_its_relays_nearest_first(nlp):
    _, mentions, _, events, claims = extract(
        nlp, "Reuters reported that Macron told CNN that France would send more tanks to Ukraine."
    )
    inner = with_cue(claims, "told")
    assert name(mentions, inner.claimant) == "Macron"
    assert [mentions[k].text for k in inner.via] == ["CNN", "Reuters"]
    assert inner.stance == "asserts"
    outer = with_cue(claims, "reported")
    assert name(mentions, outer.claimant) == "Reuters"
    assert outer.stance == "reports"
    sends = [k for k, e in enumerate(events) if e.type == "transfer"]
    assert sends and set(sends) <= set(inner.events)
    assert not set(sends) & set(outer.events)


def test_denial_is_a_stance_and_the_event_keeps_occurred(nlp):
    _, mentions, _, events, claims = extract(nlp, "Pyongyang has denied selling artillery shells to Moscow.")
    claim = with_cue(claims, "denied")
    assert claim.stance == "denies"
    assert name(mentions, claim.claimant) == "Pyongyang"
    assert [events[k].modality for k in claim.events] == ["occurred"]
    assert events[claim.events[0]].type == "transfer"


def test_admission_carries_the_statement_time(nlp):
    doc, mentions, times, events, claims = extract(
        nlp, "Tehran admitted on October 3, 2023 that it had supplied drones to Russia."
    )
    claim = with_cue(claims, "admitted")
    assert claim.stance == "admits" and not claim.hedged
    assert claim.time is not None and "October 3" in times[claim.time].text
    ev = events[claim.events[0]]
    assert ev.time is None or ev.time != claim.time
    assert claim.content is not None and doc.text[claim.content.start : claim.content.end] == claim.content.text
    assert claim.content.text.startswith("it had supplied")


def test_according_to_an_outlet_reports(nlp):
    _, mentions, _, events, claims = extract(nlp, "According to the BBC, Belarus received 20 tanks from Russia.")
    claim = with_cue(claims, "according to")
    assert name(mentions, claim.claimant) == "BBC"
    assert claim.stance == "reports" and not claim.hedged
    assert claim.events and events[claim.events[0]].type == "transfer"


@pytest.mark.parametrize(
    "text",
    [
        "Minsk reportedly received 20 tanks from Moscow.",
        "According to sources, Minsk received 20 tanks from Moscow.",
        "Minsk is believed to have received 20 tanks from Moscow.",
        "Officials said Minsk may have received 20 tanks from Moscow.",
    ],
)
def test_hedges_mark_the_claim_that_holds_the_event(nlp, text):
    _, _, _, events, claims = extract(nlp, text)
    transfers = [k for k, e in enumerate(events) if e.type == "transfer"]
    assert transfers
    holders = [c for c in claims if transfers[0] in c.events]
    assert len(holders) == 1 and holders[0].hedged


def test_unattributed_sentence_with_an_event_is_an_outlet_claim(nlp):
    _, _, _, events, claims = extract(nlp, "Poland bought 96 Apache helicopters. The weather was mild.")
    assert len(claims) == 1
    claim = claims[0]
    assert claim.claimant is None and claim.stance == "reports" and claim.cue is None
    assert not claim.hedged
    assert claim.events == (0,) and events[0].type == "transfer"


def test_parenthetical_said_takes_the_clause_it_interrupts(nlp):
    _, _, _, events, claims = extract(nlp, "Iran sent missiles to Russia in May, officials said.")
    claim = with_cue(claims, "said")
    assert claim.content is not None and claim.content.text.startswith("Iran sent missiles")
    assert claim.events and events[claim.events[0]].type == "transfer"


def test_calling_a_report_fake_news_disputes_it(nlp):
    _, _, _, _, claims = extract(nlp, "The spokesman called the report fake news.")
    assert with_cue(claims, "called").stance == "disputes"


def test_called_for_is_not_an_attribution(nlp):
    _, _, _, _, claims = extract(nlp, "The spokesman called for calm.")
    assert [c for c in claims if c.cue is not None] == []


def test_quoted_as_saying_names_the_speaker_and_the_quoting_outlet(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Reuters quoted Zelensky as saying that the shipments began in July."
    )
    claim = with_cue(claims, "quoted")
    assert name(mentions, claim.claimant) == "Zelensky"
    assert [mentions[k].text for k in claim.via] == ["Reuters"]
    assert claim.content is not None and claim.content.text.startswith("the shipments began")


def test_claim_evidence_leaves_document_empty_and_offsets_exact(nlp):
    doc, _, _, _, claims = extract(
        nlp, "Kyiv said Russian jets struck a depot. Moscow denied attacking civilian sites."
    )
    assert len(claims) >= 2
    for c in claims:
        for ev in (c.sentence, c.cue, c.content):
            if ev is not None:
                assert ev.document == ""
                assert doc.text[ev.start : ev.end] == ev.text


def test_interview_outlet_is_a_relay(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Zelensky said in an interview with CNN that Kyiv had received new air defence systems."
    )
    claim = with_cue(claims, "said")
    assert name(mentions, claim.claimant) == "Zelensky"
    assert [mentions[k].text for k in claim.via] == ["CNN"]


def test_a_pronoun_speaker_takes_the_nearest_fitting_mention(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Emmanuel Macron met reporters in Paris. He said France would deliver more tanks to Ukraine."
    )
    claim = with_cue(claims, "said")
    assert name(mentions, claim.claimant) == "Emmanuel Macron"


def test_first_person_verbs_inside_a_quotation_are_not_new_claims(nlp):
    _, mentions, _, _, claims = extract(nlp, '"I think the talks will fail," Lavrov said.')
    cues = [c.cue.text for c in claims if c.cue is not None]
    assert cues == ["said"]
    claim = claims[0]
    assert name(mentions, claim.claimant) == "Lavrov"
    assert claim.content is not None and claim.content.text == "I think the talks will fail"
