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
    claim = with_cue(claims, "has denied")  # the cue holds its auxiliary
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
    assert claim.content.text.startswith("that it had supplied")  # the clause with its complementizer


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
    assert claim.content is not None and claim.content.text.startswith("that the shipments began")


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


def test_source_is_the_full_noun_phrase_with_its_apposition(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Anna Berg, the mayor of the town, said that the bridge had collapsed after the storm."
    )
    claim = with_cue(claims, "said")
    assert claim.source is not None and claim.source.text == "Anna Berg, the mayor of the town"
    assert name(mentions, claim.claimant) == "Anna Berg"


def test_a_pronoun_source_is_written_as_the_pronoun_and_resolved_to_its_antecedent(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Macron arrived in Berlin on Monday. He said that France would send more tanks to Ukraine."
    )
    claim = with_cue(claims, "said")
    assert claim.source is not None and claim.source.text == "He"
    assert name(mentions, claim.claimant) == "Macron"


def test_reported_negation_is_a_denial_but_a_refusal_is_not(nlp):
    _, _, _, _, claims = extract(nlp, "Baghdad says the detained woman is not the commander's wife.")
    assert with_cue(claims, "says").stance == "denies"
    _, _, _, _, claims = extract(nlp, "Berlin said it would not send more tanks.")
    assert with_cue(claims, "said").stance == "asserts"


def test_split_quotation_keeps_both_halves_as_content(nlp):
    text = '"We will not retreat," the general said, "and the town will hold."'
    _, _, _, _, claims = extract(nlp, text)
    claim = with_cue(claims, "said")
    assert claim.content is not None
    assert claim.content.text.startswith("We will not retreat") and claim.content.text.endswith("the town will hold")


def test_trailing_speaker_after_a_comma_with_a_time(nlp):
    _, _, _, _, claims = extract(nlp, "The convoy was hit near the border crossing, officials said on Tuesday.")
    claim = with_cue(claims, "said")
    assert claim.source is not None and claim.source.text == "officials"
    assert claim.content is not None and claim.content.text.startswith("The convoy was hit")


def test_headline_speaker_after_a_dash_or_colon_and_topic_places(nlp):
    _, _, _, _, claims = extract(nlp, "Five soldiers killed in border clash - reports")
    claim = with_cue(claims, "-")
    assert claim.hedged and claim.source is not None and claim.source.text == "reports"
    _, _, _, _, claims = extract(nlp, "Syria: five soldiers killed in border clash")
    assert [c for c in claims if c.cue is not None] == []  # the place names the topic, it does not speak
    _, _, _, _, claims = extract(nlp, "Prosecutor: the students were not in the first grave")
    assert with_cue(claims, ":").stance == "denies"


def test_title_case_headline_verb_read_as_a_name_is_still_the_cue(nlp):
    _, mentions, _, _, claims = extract(nlp, "Pentagon Denies It Killed Militant Leader In Airstrike")
    claim = with_cue(claims, "denies")
    assert claim.stance == "denies"
    assert claim.source is not None and claim.source.text == "Pentagon"


@pytest.mark.parametrize(("text", "hedged"), [
    ("Iran may send more drones to Russia.", True),
    ("Apple May Buy Social Network Path", True),
    ("The talks resumed in May after a pause.", False),
    ("Rescuers could not reach the village.", False),
    ("Google said to buy offices in Dublin", True),
    ("The minister said to reporters that talks had ended.", False),
    ("Will the ceasefire hold?", True),
    ("Rumours of the general's death spread online.", True),
])
def test_commitment_hedges_read_tokens_not_strings(nlp, text, hedged):
    from newsledger.extract.commitment import is_hedged

    assert is_hedged(list(nlp(text))) is hedged


def test_refutals_call_a_story_untrue(nlp):
    from newsledger.extract.commitment import refutes

    assert refutes(list(nlp("The story about the stolen car is not true.")))
    assert refutes(list(nlp("Experts say the video was a hoax.")))
    assert not refutes(list(nlp("Rumours of a stolen car spread online.")))


def test_calling_something_a_name_is_a_claim_but_calling_someone_is_not(nlp):
    _, mentions, _, _, claims = extract(nlp, "Merkel called the plan a dangerous gamble.")
    claim = with_cue(claims, "called")
    assert claim.content is not None and claim.content.text == "the plan a dangerous gamble"
    _, _, _, _, claims = extract(nlp, "Merkel called the minister on Monday.")
    assert [c for c in claims if c.cue is not None] == []


def test_a_finding_needs_a_clause_and_a_phrasal_cue_keeps_its_particle(nlp):
    _, _, _, _, claims = extract(nlp, "A study found that most farmers had lost their harvest.")
    claim = with_cue(claims, "found")
    assert claim.source is not None and claim.source.text == "A study"
    _, _, _, _, claims = extract(nlp, "The actor woke up to find his car stolen.")
    assert [c for c in claims if c.cue is not None] == []
    _, _, _, _, claims = extract(nlp, "The engineer pointed out that the bridge was unsafe.")
    assert with_cue(claims, "pointed out").content.text == "that the bridge was unsafe"


def test_subject_of_a_passive_belief_is_reported_not_the_claimant(nlp):
    _, _, _, _, claims = extract(nlp, "Iran is believed to have sent drones to Russia.")
    claim = with_cue(claims, "is believed")
    assert claim.claimant is None and claim.hedged
    assert claim.content is not None and claim.content.text.startswith("Iran")


def test_headline_verb_before_a_claim_noun_is_the_cue(nlp):
    _, _, _, _, claims = extract(nlp, "Ministry Denies Claim That Troops Crossed The Border")
    claim = with_cue(claims, "denies")
    assert claim.stance == "denies" and claim.source is not None and claim.source.text == "Ministry"


def test_saying_a_report_is_false_disputes_it(nlp):
    _, _, _, _, claims = extract(nlp, "The ministry said the reports of a second strike were false.")
    assert with_cue(claims, "said").stance == "disputes"
    _, _, _, _, claims = extract(nlp, "The mayor said the old town lies in ruins.")
    assert with_cue(claims, "said").stance == "asserts"


def test_the_accused_is_not_the_accuser(nlp):
    _, mentions, _, _, claims = extract(nlp, "Iran has been accused of supplying drones to Russia.")
    claim = with_cue(claims, "has been accused of")
    assert claim.claimant is None  # an unnamed accuser; Iran is what the claim is about
    assert claim.content is not None and claim.content.text.startswith("Iran")


def test_attribution_that_interrupts_its_clause_reports_the_whole_clause(nlp):
    _, _, events, _, claims = extract(nlp, "The drones, officials said, were delivered to Russia in May.")
    claim = with_cue(claims, "said")
    assert claim.content is not None and claim.content.text.startswith("The drones")
    assert claim.content.text.endswith("delivered to Russia in May")


def test_a_nominal_claim_names_its_possessor_as_claimant(nlp):
    _, mentions, _, _, claims = extract(nlp, "Ukraine's allegation that Iran supplied drones was widely repeated.")
    claim = with_cue(claims, "allegation")
    assert name(mentions, claim.claimant) == "Ukraine" and claim.hedged
    assert claim.source is not None and claim.source.text == "Ukraine"
    assert claim.content is not None and claim.content.text == "that Iran supplied drones"


def test_what_is_rejected_in_the_passive_is_not_the_one_who_rejects(nlp):
    _, mentions, _, _, claims = extract(nlp, "Ukraine's claim that Russia fired the missile was rejected.")
    claim = with_cue(claims, "was rejected")
    assert claim.stance == "disputes" and claim.claimant is None


def test_claiming_responsibility_is_a_hedged_claim_with_its_object(nlp):
    _, _, _, _, claims = extract(nlp, "The militant group claimed responsibility for the bombing.")
    claim = with_cue(claims, "claimed")
    assert claim.hedged and claim.content is not None and claim.content.text == "responsibility for the bombing"


# --- second audit: attachment in long sentences, relative clauses, 'according to' as a relay ---------------


def test_according_to_inside_a_relative_clause_relays_the_speakers_claim(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "The talks were hosted by Foreign Minister Ana Ruiz, who, according to Reuters, described the meeting "
             "as a turning point.")
    claim = with_cue(claims, "described")
    assert name(mentions, claim.claimant) == "Ana Ruiz"
    assert [mentions[k].text for k in claim.via] == ["Reuters"]
    assert claim.content.text == "the meeting as a turning point"
    assert not [c for c in claims if c.cue is not None and c.cue.text.lower() == "according to"]


def test_according_to_between_cue_and_content_is_a_relay(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Defence Minister Omar Haddad told parliament, according to the Jordan Times, that two brigades had "
             "been moved to the border.")
    claim = with_cue(claims, "told")
    assert name(mentions, claim.claimant) == "Omar Haddad"
    assert [mentions[k].text for k in claim.via] == ["Jordan Times"]
    assert claim.content.text == "that two brigades had been moved to the border"


def test_reporting_participle_after_the_content_belongs_to_the_speaker(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Kallas added that the bloc would keep its sanctions in place, insisting that the measures were lawful.")
    insisting = with_cue(claims, "insisting")
    assert name(mentions, insisting.claimant) == "Kallas"
    assert insisting.via == ()
    assert with_cue(claims, "added").content.text == "that the bloc would keep its sanctions in place"


def test_a_claim_noun_with_a_relative_clause_is_a_stance_on_the_claim_before_it(nlp):
    _, mentions, _, events, claims = extract(
        nlp, "The army said its artillery had destroyed a bridge near the border, a claim Moldova denied.")
    said, denied = with_cue(claims, "said"), with_cue(claims, "denied")
    assert said.content.text == "its artillery had destroyed a bridge near the border"
    assert name(mentions, denied.claimant) == "Moldova"
    assert denied.stance == "denies"
    assert denied.content.text == said.content.text
    assert denied.events and denied.events == said.events  # both speak of the same happening


def test_allegations_that_someone_rejects_are_no_content_of_their_own(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "Lithuania has accused Belarus of flying migrants to the border, allegations that Minsk rejects.")
    accused = with_cue(claims, "has accused")
    assert accused.content.text == "flying migrants to the border"
    rejects = with_cue(claims, "rejects")
    assert name(mentions, rejects.claimant) == "Minsk"
    assert rejects.stance == "disputes"
    assert rejects.content.text == accused.content.text
    assert not any(c.content.text.startswith("that Minsk") for c in claims)


@pytest.mark.parametrize(("text", "cue", "content"), [
    ('The embassy dismissed the reports as "absurd".', "dismissed", "the reports"),
    ("The ministry, which described reports of such deliveries as baseless, said nothing.", "described",
     "reports of such deliveries"),
    ("Minister Lopez called the footage “a piece of propaganda” on Sunday.", "called", "the footage"),
    ("The general has repeatedly called the charges fabricated.", "has repeatedly called", "the charges"),
])
def test_dismissal_keeps_only_what_is_dismissed(nlp, text, cue, content):
    _, _, _, _, claims = extract(nlp, text)
    claim = with_cue(claims, cue)
    assert claim.stance == "disputes"
    assert claim.content.text == content


def test_far_fetched_is_a_dispute_though_the_tokenizer_splits_it(nlp):
    _, _, _, _, claims = extract(nlp, "The envoy said the accusations were far-fetched.")
    assert with_cue(claims, "said").stance == "disputes"


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The navy said in a statement that it had intercepted three boats, but did not say where.", "said",
     "that it had intercepted three boats"),
    ("The police said on Friday that officers had arrested two men, without giving details.", "said",
     "that officers had arrested two men"),
    ("The senator praised the deal, saying that it would create jobs and urging colleagues to back it.", "saying",
     "that it would create jobs"),
    ("The mayor has admitted that the dam leaked, in what appears to be a reversal of her earlier position.",
     "has admitted", "that the dam leaked"),
])
def test_the_writers_words_after_a_content_are_no_part_of_it(nlp, text, cue, content):
    _, _, _, _, claims = extract(nlp, text)
    assert with_cue(claims, cue).content.text == content


def test_two_coordinated_that_clauses_are_one_content(nlp):
    _, _, _, _, claims = extract(
        nlp, "Mayor Jo Lind told reporters on Monday that the dam had held, and that no homes had been flooded.")
    assert with_cue(claims, "told").content.text == "that the dam had held, and that no homes had been flooded"


def test_said_for_a_while_that(nlp):
    _, mentions, _, _, claims = extract(nlp, "Ukraine has said for months that the plant was mined by Russian troops.")
    claim = with_cue(claims, "has said")
    assert name(mentions, claim.claimant) == "Ukraine"
    assert claim.content.text == "that the plant was mined by Russian troops"


def test_denied_gerund_keeps_the_phrase_the_parser_hangs_on_the_verb(nlp):
    _, _, _, _, claims = extract(nlp, "Tehran has repeatedly denied supplying missiles to Russia.")
    assert with_cue(claims, "has repeatedly denied").content.text == "supplying missiles to Russia"


@pytest.mark.parametrize(("text", "cue", "content"), [
    ('"We will not leave the city," the mayor continued.', "continued", "We will not leave the city"),
    ('"Who gave the order to fire?" the senator asked.', "asked", "Who gave the order to fire"),
])
def test_verbs_that_report_only_a_quotation(nlp, text, cue, content):
    _, _, _, _, claims = extract(nlp, text)
    assert with_cue(claims, cue).content.text == content


@pytest.mark.parametrize("text", [
    "The fighting continued for three more days.",
    "The senator asked the minister to resign.",
    "The coach cited Pelé in his speech.",
    "They signed a deal on a pipeline estimated to cost $2 billion.",
    "Air defences shot down twelve drones overnight.",
    "As expected, the border stayed closed.",
])
def test_no_claim_without_a_report(nlp, text):
    _, _, _, _, claims = extract(nlp, text)
    assert not [c for c in claims if c.cue is not None], [(c.cue.text, c.content.text) for c in claims if c.cue]


def test_cited_evidence_is_a_claim(nlp):
    _, mentions, _, _, claims = extract(nlp, "Senator Ruth Okafor cited the audit as proof of waste.")
    claim = with_cue(claims, "cited")
    assert name(mentions, claim.claimant) == "Ruth Okafor"
    assert claim.content.text == "the audit as proof of waste"


def test_participle_with_its_agent_is_the_agents_claim(nlp):
    _, mentions, _, _, claims = extract(
        nlp, "The shipments were far smaller than the numbers claimed by Ukraine.")
    claim = with_cue(claims, "claimed by")
    assert name(mentions, claim.claimant) == "Ukraine"
    assert claim.hedged  # 'claimed' keeps its distance


def test_shooting_down_a_report_disputes_it(nlp):
    _, _, _, _, claims = extract(nlp, "The club shot down the rumours about its coach.")
    claim = with_cue(claims, "shot down")
    assert claim.stance == "disputes"
    assert claim.content.text == "the rumours about its coach"


def test_office_holder_speaks_for_the_body_named_after_of(nlp):
    _, mentions, _, _, claims = extract(nlp, "The head of Poland's border guard said the fence had been breached.")
    claim = with_cue(claims, "said")
    assert name(mentions, claim.claimant) in ("Poland", "border guard")
    assert claim.source.text == "The head of Poland's border guard"


def test_verb_read_as_noun_before_a_claim_noun_in_running_text(nlp):
    _, mentions, _, _, claims = extract(nlp, "Egypt, Jordan deny report that the border crossing was closed")
    claim = with_cue(claims, "deny")
    assert claim.stance == "denies"
    assert name(mentions, claim.claimant) in ("Egypt", "Jordan")


def test_as_the_speaker_noted_opens_the_content(nlp):
    _, _, _, _, claims = extract(nlp, "As the minister noted on Monday, the border is closed to trucks.")
    claim = with_cue(claims, "noted")
    assert claim.source.text == "the minister"
    assert claim.content.text == "the border is closed to trucks"
