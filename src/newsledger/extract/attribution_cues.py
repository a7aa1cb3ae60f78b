"""The attribution cue table and its matching: which words report speech and with what stance.

Reads data/reporting_verbs.csv once (verbs, "according to", claim nouns, hedges, dismissals, quote-only verbs),
tells whether a token starts a cue ("point out", "cast doubt", a headline's "Denies"), and reads what the cue
itself says about the claim: where the cue phrase starts and ends, hedges, a reported negation, a dismissal.
Kept apart so every reader of a claim (verbs, nouns, headlines) shares one table and one notion of a cue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from newsledger.extract.commitment import cue_words, is_hedged, negated_predicate, words
from newsledger.extract.event_syntax import read_data_csv
from newsledger.model import Stance


# Phrasal verbs that dispute only a claim ('shot down the report'); with any other object they are deeds
# ('shot down 27 drones').
CLAIM_OBJECT_ONLY = {"shoot down"}


# Verbs that report only through a that-clause or a quotation: "agreed that …" is a claim, "agreed to talks"
# a commitment, "woke up to find" no report at all.
CLAUSE_ONLY = {"find", "agree", "learn", "conclude", "recall", "mention", "respond", "reply", "expect"}


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue table by kind: each verb, preposition and noun cue with its stance and whether it hedges."""

    verbs: dict[str, tuple[Stance, bool]]
    preps: dict[str, tuple[Stance, bool]]
    nouns: dict[str, tuple[Stance, bool]]
    hedges: tuple[str, ...]
    dismissals: tuple[str, ...]
    quote_verbs: frozenset[str]  # verbs that report only a quotation beside them: 'she continued: "…"'


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Reporting verbs, quotation verbs, 'according to', hedges and dismissals from data/reporting_verbs.csv."""
    verbs: dict[str, tuple[Stance, bool]] = {}
    preps: dict[str, tuple[Stance, bool]] = {}
    nouns: dict[str, tuple[Stance, bool]] = {}
    hedges: list[str] = []
    dismissals: list[str] = []
    quote_verbs: set[str] = set()
    for r in read_data_csv("reporting_verbs.csv"):
        hedged = r["hedged"] == "1"
        if r["kind"] == "verb":
            verbs[r["cue"]] = (r["stance"], hedged)  # type: ignore[assignment]
        elif r["kind"] == "prep":
            preps[r["cue"]] = (r["stance"], hedged)  # type: ignore[assignment]
        elif r["kind"] == "noun":
            nouns[r["cue"]] = (r["stance"], hedged)  # type: ignore[assignment]
        elif r["kind"] == "hedge":
            hedges.append(r["cue"].lower())
        elif r["kind"] == "dismissal":
            dismissals.append(r["cue"].lower())
        elif r["kind"] == "quote-verb":
            quote_verbs.add(r["cue"])
    return Cues(verbs, preps, nouns, tuple(hedges), tuple(dismissals), frozenset(quote_verbs))


# Children of a reporting verb that belong to its cue when they stand right before it: "has also denied",
# "is not saying", "to admit", "forcefully told". A longer adverbial ("in a statement") is not part of the cue.
_CUE_LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}


def cue_start_of(tok: Token) -> int:
    """Character offset where the cue phrase around a reporting verb starts (its auxiliaries and adverbs)."""
    kids = {c.i: c for c in tok.children}
    start = tok.i
    while (c := kids.get(start - 1)) is not None and c.dep_ in _CUE_LEFT_DEPS and c.n_lefts + c.n_rights == 0 \
            and c.pos_ in ("AUX", "PART", "ADV", "VERB"):
        start -= 1
    return tok.doc[start].idx


def cue_end_of(tok: Token, content: Sequence[Token]) -> int:
    """Character offset where the cue phrase ends: the verb, its particle ("pointed out"), the "by" of a
    passive ("was reported by") or the "of" after "accused"."""
    inside = {t.i for t in content}
    end = tok
    for c in sorted(tok.children, key=lambda c: c.i):
        if c.i != end.i + 1 or c.i in inside:
            continue
        if c.dep_ == "prt" or c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_ == "accuse"):
            end = c
    return end.idx + len(end.text)


def content_hedged(tokens: Sequence[Token], extra: Sequence[Token] = ()) -> bool:
    return is_hedged([*extra, *tokens], nouns=False)


def negates_content(content: Sequence[Token]) -> bool:
    """Whether what is reported is itself a negation ("said the woman is not his wife"): a denial of it."""
    inside = {t.i for t in content}
    roots = [t for t in content if t.head.i not in inside or t.head.i == t.i]
    if roots and negated_predicate(roots[0]):
        return True
    # a verbless headline clause: "students not among the dead", "not a nuclear weapon"
    return not any(t.pos_ in ("VERB", "AUX") for t in content) and any(t.dep_ == "neg" for t in content)


def dismissal_start(tok: Token) -> int | None:
    """Index where the dismissing words under a verb start: the phrase that holds them ('called the use "a piece
    of fake news"', 'dismissed such reports as "absurd"'), or the word itself when the parser folded it into the
    object ('called the report fake news'); None when there is none."""
    toks = list(tok.subtree)
    for n, t in enumerate(toks):
        for d in cues().dismissals:
            words = list(cue_words(d))
            if [x.lower_ for x in toks[n : n + len(words)]] == words:
                return _verdict_phrase(tok, t).i
    return None


def _verdict_phrase(verb: Token, word: Token) -> Token:
    """The first token of the branch of ``verb`` (or of its object) that holds a dismissing ``word``."""
    objects = {c.i for c in verb.children if c.dep_ in ("dobj", "nsubjpass")}
    top = word
    while top.head.i != verb.i and top.head.i not in objects and top.head.i != top.i and top.lower_ != "as":
        top = top.head  # up to the branch under the verb or its object, or to the 'as' that opens the verdict
    if top.i in objects or top is word:  # 'the report fake news' as one phrase or clause: cut at the word
        return word
    return verb.doc[min(t.i for t in top.subtree)]


def phrase_cue(tok: Token) -> str | None:
    """The cue a verb starts: its lemma, 'lemma particle' for a phrasal verb ('point out'), or 'lemma object'
    for a verb-object idiom ('cast doubt')."""
    for c in tok.children:
        if c.dep_ in ("dobj", "prt") and f"{tok.lemma_} {c.lemma_.lower()}" in cues().verbs:
            return f"{tok.lemma_} {c.lemma_.lower()}"
    return tok.lemma_ if tok.lemma_ in cues().verbs or tok.lemma_ in cues().quote_verbs else None


def _inflections(lemma: str) -> set[str]:
    """Present-tense forms of a verb lemma ("deny" → denies, deny), for headlines the tagger misreads."""
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    else:
        third = lemma + "s"
    return {third, lemma}


@lru_cache(maxsize=1)
def headline_verbs() -> dict[str, str]:
    """Present-tense form → lemma for the one-word reporting verbs."""
    return {form: lemma for lemma in cues().verbs if " " not in lemma for form in _inflections(lemma)}


def claim_object(tok: Token) -> bool:
    """Whether the verb's object is a noun naming a claim ('shot down the report', 'the rumours')."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in {*cues().nouns, *words().hedge_nouns, "rumour", "rumor"}
               for c in tok.children)
