"""Sentence boundaries at line breaks: a headline never runs into the body; wrapped text stays whole."""

from __future__ import annotations

import pytest

from newsledger.extract.document import extract
from newsledger.extract.pipeline import get_nlp
from newsledger.model import Document, stable_id


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_headline_and_standfirst_are_sentences_of_their_own(nlp):
    text = (
        "Port of Constanta reopens after drone debris found, ministry says\n"
        "Officials say grain loading resumed within hours\n"
        "The Romanian transport ministry said on Friday that the port had reopened."
    )
    assert _sentences(nlp, text) == [
        "Port of Constanta reopens after drone debris found, ministry says",
        "Officials say grain loading resumed within hours",
        "The Romanian transport ministry said on Friday that the port had reopened.",
    ]


def test_hand_wrapped_text_keeps_sentences_across_lines(nlp):
    text = (
        "The minister said that the shipments would\n"
        "arrive in the port before the end of the\n"
        "month, according to two officials.\n\n"
        "Talks resumed on Monday."
    )
    sentences = _sentences(nlp, text)
    assert sentences[0].startswith("The minister said") and sentences[0].endswith("two officials.")
    assert sentences[-1] == "Talks resumed on Monday."


def test_a_headline_claim_does_not_take_the_body_as_its_content():
    text = (
        "Drones hit fuel depot near Odesa, governor says\n"
        "Firefighters worked through the night as the army said it downed 12 drones.\n"
    )
    x = extract(Document(id=stable_id("doc", text), text=text, published="2024-05-02"))
    headline_end = text.index("\n")
    said = [c for c in x.claims if c.cue is not None and c.cue.start < headline_end]
    assert said, x.claims
    assert all(c.sentence.end <= headline_end + 1 for c in said)
