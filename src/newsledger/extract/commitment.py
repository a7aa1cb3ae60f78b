"""How firmly a stretch of text commits to what it says: hedged ("reportedly", "may have", a question) or
refuted ("not true", "a hoax", "X says Y is not Z").

Claims take their ``hedged`` flag from here, and a claim whose content negates its own main predicate
("Iraq says the woman is not his wife") becomes a denial. Words come from data/reporting_verbs.csv (kinds
``hedge``, ``modal``, ``hedge-noun``, ``refutal``); the checks read tokens, not raw strings, so "May" the month
and "could not" (past inability) are no hedges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from newsledger.extract.event_syntax import read_data_csv

# Words before "May" that make it the month ("in May", "since May", "last May"), and modals that state
# an intention or obligation rather than doubt are not in the modal rows at all (will, must).
_MONTH_BEFORE = frozenset("in on since until till by from of early late mid last next this through".split())
_FUTURE_OR_ABILITY = frozenset("will would shall can could may might must should wo ca 'll".split())


@dataclass(frozen=True, slots=True)
class CommitmentWords:
    hedges: tuple[tuple[str, ...], ...]  # word sequences: ("reportedly",), ("may", "have")
    modals: frozenset[str]  # may, might, could: hedge when they act as modal verbs
    hedge_nouns: frozenset[str]  # lemmas: rumour, claim, allegation — a text about a claim observes it
    refutals: tuple[tuple[str, ...], ...]  # word sequences: ("hoax",), ("not", "true")


def cue_words(cue: str) -> tuple[str, ...]:
    """A cue phrase split as the tokenizer splits it: "isn't true" → is n't true, "far-fetched" → far - fetched."""
    return tuple(cue.lower().replace("n't", " n't").replace("-", " - ").split())


@lru_cache(maxsize=1)
def words() -> CommitmentWords:
    """Hedge, modal, hedge-noun and refutal rows of data/reporting_verbs.csv."""
    hedges: list[tuple[str, ...]] = []
    modals: set[str] = set()
    nouns: set[str] = set()
    refutals: list[tuple[str, ...]] = []
    for r in read_data_csv("reporting_verbs.csv"):
        cue = cue_words(r["cue"])
        if r["kind"] == "hedge":
            hedges.append(cue)
        elif r["kind"] == "modal":
            modals.add(r["cue"].lower())
        elif r["kind"] == "hedge-noun":
            nouns.add(r["cue"].lower())
        elif r["kind"] in ("refutal", "dismissal"):
            refutals.append(cue)
    # "dismissed it as rumour" disputes, but a text that merely mentions rumours observes them
    refutals = [c for c in refutals if not (len(c) == 1 and c[0] in nouns)]
    return CommitmentWords(tuple(hedges), frozenset(modals), frozenset(nouns), tuple(refutals))


def _has_sequence(tokens: Sequence[Token], seqs: Sequence[tuple[str, ...]]) -> bool:
    lowered = [t.lower_ for t in tokens]
    for seq in seqs:
        n = len(seq)
        for i in range(len(lowered) - n + 1):
            if tuple(lowered[i : i + n]) == seq:
                return True
    return False


def is_modal_hedge(tok: Token) -> bool:
    """'may', 'might', 'could' used as a modal verb of doubt (the parser misses them in Title Case
    headlines, so a capitalised form followed by a word counts too); not the month, not 'could not'."""
    if tok.lower_ not in words().modals:
        return False
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or not nxt.is_alpha:
        return False
    if tok.lower_ == "could" and nxt.lower_ in ("not", "n't", "never"):
        return False  # "could not reach the site": inability, not doubt
    if tok.tag_ == "MD":
        return True
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and (prev.lower_ in _MONTH_BEFORE or prev.like_num):
        return False
    return tok.text[:1].isupper() and nxt.text[:1].isupper() and not nxt.like_num


# Participles that report hearsay when a to-infinitive follows: "Google said to buy offices", "he is believed
# to have fled" (but not "said to reporters").
_HEARSAY_PARTICIPLES = frozenset("said reported believed thought rumoured rumored understood alleged".split())


def _raised_hearsay(tok: Token) -> bool:
    doc = tok.doc
    if tok.lower_ not in _HEARSAY_PARTICIPLES or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return False
    verb = doc[tok.i + 2]
    return verb.tag_ == "VB" or (verb.is_title and verb.pos_ not in ("DET", "PRON", "PROPN"))


def hedge_tokens(tokens: Sequence[Token], nouns: bool = True) -> list[Token]:
    """The tokens that hedge this text: hedge words and phrases, modals of doubt, the question mark of a
    question and, with ``nouns``, words naming an unconfirmed claim ("rumours", "claims", "allegations").

    A claim's own content is read without the nouns: "Pyongyang called the allegations fabricated" is a firm
    dispute of a claim, not a hedged one; a headline about "rumours of his death" observes them."""
    out: list[Token] = []
    lowered = [t.lower_ for t in tokens]
    for seq in words().hedges:
        n = len(seq)
        for i in range(len(lowered) - n + 1):
            if tuple(lowered[i : i + n]) == seq:
                out.append(tokens[i])
    for t in tokens:
        if is_modal_hedge(t) or _raised_hearsay(t):
            out.append(t)
        elif nouns and t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in words().hedge_nouns:
            out.append(t)
        elif t.text == "?" and t.i > 0:
            out.append(t)
    return sorted(set(out), key=lambda t: t.i)


def is_hedged(tokens: Sequence[Token], nouns: bool = True) -> bool:
    """Whether the text holds any hedge (see ``hedge_tokens``)."""
    return bool(hedge_tokens(tokens, nouns))


def negated_predicate(head: Token) -> bool:
    """Whether a clause head is negated as a plain statement ("is not his wife", "did not buy", "not among
    the dead"), not as a plan or ability ("will not send", "could not confirm")."""
    kids = list(head.children)
    if not any(c.dep_ == "neg" for c in kids) and not _nothing_subject(head):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in _FUTURE_OR_ABILITY for c in kids)


_NOBODY = frozenset("nobody nothing none".split())


def _nothing_subject(head: Token) -> bool:
    """A clause negated through its subject: "No such transfer has taken place", "Nobody was hurt"."""
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c.lower_ in _NOBODY or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
    return False


def refutes(tokens: Sequence[Token]) -> bool:
    """Whether the text calls something untrue: a refuting word or phrase ("hoax", "not true", "debunked").
    A one-word refutal used as a verb ("the town lies in ruins") does not count."""
    return _has_sequence([t for t in tokens if t.tag_ not in ("VB", "VBZ", "VBP", "VBG")], words().refutals)


__all__ = ["CommitmentWords", "cue_words", "hedge_tokens", "is_hedged", "is_modal_hedge", "negated_predicate",
           "refutes", "words"]
