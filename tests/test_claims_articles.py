"""Claims in short articles written for these tests (tests/fixtures/claims/): who says it, who relayed it, and
with what stance, across sentences ("It admitted …", "The embassy said …") and in tricky attributions."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction import run_extractors

from newsledger.extract.pipeline import get_nlp

FIXTURES = Path(__file__).parent / "fixtures" / "claims"


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def claims_of(nlp, name: str):
    """(mentions, claims with a cue) for one fixture article."""
    _, mentions, _, _, claims = run_extractors(nlp, (FIXTURES / name).read_text(encoding="utf-8"))
    return mentions, [c for c in claims if c.cue is not None]


def about(claims, words: str):
    """The one claim whose content holds ``words``."""
    found = [c for c in claims if words in c.content.text]
    assert len(found) == 1, [(c.cue.text, c.content.text) for c in claims]
    return found[0]


def name(mentions, k):
    return None if k is None else mentions[k].text


@pytest.fixture(scope="module")
def lagos(nlp):
    return claims_of(nlp, "lagos-depot.txt")


@pytest.fixture(scope="module")
def harbin(nlp):
    return claims_of(nlp, "harbin-relay.txt")


def test_inverted_attribution_after_a_comma_names_its_speaker(lagos):
    mentions, claims = lagos
    claim = about(claims, "reached the port of Lagos")
    assert claim.cue.text == "claims"
    assert claim.source.text == "a Nigerian customs official"
    assert claim.hedged  # 'claims' keeps its distance
    assert not claim.content.text.startswith("LAGOS")  # the dateline is no part of it


def test_said_before_its_speaker(lagos):
    mentions, claims = lagos
    claim = about(claims, "were seized before")
    assert name(mentions, claim.claimant) == "Hadiza Bello"
    assert claim.stance == "asserts"


def test_quoted_as_saying_makes_the_quoted_the_claimant_and_the_quoter_a_relay(lagos):
    mentions, claims = lagos
    claim = about(claims, "labelled as farm machinery")
    assert claim.source.text == "a port worker"
    assert [mentions[k].text for k in claim.via] == ["Daily Trust"]
    assert claim.stance == "asserts"


def test_unnamed_sources_are_hedged(lagos):
    mentions, claims = lagos
    claim = about(claims, "bought in Ukraine")
    assert claim.hedged
    assert claim.content.text == "the weapons were bought in Ukraine"  # without 'According to …,'


def test_denial_of_a_report_is_one_claim_not_two(lagos):
    _, claims = lagos
    in_sentence = [c for c in claims if "calling it" in c.sentence.text]
    assert [(c.cue.text, c.stance) for c in in_sentence] == [("denied", "denies")]


def test_a_description_names_the_earlier_speaker_and_no_subject_is_a_denial(lagos):
    mentions, claims = lagos
    denial = about(claims, "the newspaper's report")
    claim = about(claims, "no Ukrainian company had sold arms")
    assert claim.source.text == "The embassy"
    assert claim.claimant is not None and claim.claimant == denial.claimant
    assert claim.stance == "denies"


def test_report_citing_someone_has_its_that_clause_as_content(harbin):
    mentions, claims = harbin
    claim = about(claims, "tested a new anti-ship missile")
    assert claim.cue.text == "reported"
    assert name(mentions, claim.claimant) == "Global Times"
    assert claim.content.text.startswith("the navy")
    assert claim.stance == "reports"
    assert not any(c.cue.text == "citing" for c in claims)


def test_quoted_as_describing_is_the_quoted_persons_claim(harbin):
    mentions, claims = harbin
    claim = next(c for c in claims if c.cue.text == "quoted")
    assert name(mentions, claim.claimant) == "Zhang Wei"
    assert [mentions[k].text for k in claim.via] == ["Xinhua"]


def test_negative_quotation_is_a_denial(harbin):
    mentions, claims = harbin
    claim = about(claims, "No foreign vessel")
    assert name(mentions, claim.claimant) == "Zhang"
    assert claim.stance == "denies"


def test_pronoun_speaker_is_the_speaker_of_the_sentence_before(harbin):
    mentions, claims = harbin
    earlier = about(claims, "may have flown")
    assert earlier.hedged
    admission = about(claims, "lost track of the missile")
    assert admission.stance == "admits"
    assert admission.source.text == "It"
    assert admission.claimant == earlier.claimant


def test_hedge_word_before_an_inverted_attribution(harbin):
    mentions, claims = harbin
    claim = about(claims, "the third this year")
    assert name(mentions, claim.claimant) == "Lee Jae-sung"
    assert claim.hedged


def test_relay_chain_through_a_cited_member_of_parliament(nlp):
    _, mentions, _, _, claims = run_extractors(
        nlp, "Yonhap reported, citing a member of parliament, that the intelligence service believed the "
             "shells had been shipped by sea.")
    inner = next(c for c in claims if c.cue is not None and c.cue.text == "believed")
    assert [mentions[k].text for k in inner.via][-1] == "Yonhap"
    outer = next(c for c in claims if c.cue is not None and c.cue.text == "reported")
    assert outer.content.text.startswith("that the intelligence service")


@pytest.mark.parametrize("text", [
    "The ministry did not say how many drones had been delivered.",
    "The agency could not independently confirm the figure.",
])
def test_a_negated_report_of_nothing_is_no_claim(nlp, text):
    _, _, _, _, claims = run_extractors(nlp, text)
    assert not [c for c in claims if c.cue is not None]


def test_a_thing_that_shows_inside_someone_s_words_is_no_speaker(nlp):
    _, mentions, _, _, claims = run_extractors(
        nlp, "The governor said preliminary findings suggested the drone had been launched from Crimea.")
    assert [c.cue.text for c in claims if c.cue is not None] == ["said"]


@pytest.fixture(scope="module")
def valletta(nlp):
    return claims_of(nlp, "valletta-tanker.txt")


def test_agency_dateline_with_a_country_is_no_part_of_the_content(valletta):
    mentions, claims = valletta
    claim = about(claims, "was boarded by armed men")
    assert claim.content.text.startswith("A tanker carrying Libyan crude")


def test_according_to_between_told_and_its_clause_relays_the_operators_words(valletta):
    mentions, claims = valletta
    claim = about(claims, "held for six hours")
    assert name(mentions, claim.claimant) == "Marlin Shipping"
    assert [mentions[k].text for k in claim.via] == ["Times of Malta"]
    assert claim.content.text == "that the crew had been held for six hours"


def test_what_the_speaker_withheld_is_the_writers_words(valletta):
    mentions, claims = valletta
    claim = about(claims, "taken the crew's phones")
    assert claim.content.text == "the men had taken the crew's phones"


def test_a_claim_another_denied_is_denied_with_the_same_content(valletta):
    mentions, claims = valletta
    tracked = [c for c in claims if "tracked the boarders" in c.content.text]
    assert sorted(c.stance for c in tracked) == ["asserts", "denies"]
    assert len({c.content.text for c in tracked}) == 1
    assert "a claim" not in tracked[0].content.text


def test_dismissal_after_a_statement_disputes_only_the_account(valletta):
    mentions, claims = valletta
    calling = [c for c in claims if c.cue.text == "calling"]
    assert [c.content.text for c in calling] == ["the Italian account"]
    assert calling[0].stance == "disputes"


def test_relative_speaker_with_according_to_and_a_trailing_participle(valletta):
    mentions, claims = valletta
    described = about(claims, "the boarding as a robbery")
    assert name(mentions, described.claimant) == "Sofia Brandt"
    assert [mentions[k].text for k in described.via] == ["Times of Malta"]
    stressing = about(claims, "nobody had been hurt")
    assert name(mentions, stressing.claimant) == "Sofia Brandt"  # not 'the cargo'
    assert about(claims, "the cargo was intact").content.text == "that the cargo was intact"


def test_said_for_years_and_rejected_allegations(valletta):
    mentions, claims = valletta
    assert name(mentions, about(claims, "smuggling gangs use its waters").claimant) == "Malta"
    ignoring = [c for c in claims if c.content.text == "ignoring the gangs"]
    assert sorted((name(mentions, c.claimant), c.stance) for c in ignoring) == [
        ("Libya", "asserts"), ("Valletta", "disputes")]
