"""Where a capital or a seat of government acts as its country's government, from its place in the parse.

News writes "Moscow denied", "a deal between Moscow and Tehran", "Kyiv accused Moscow", "sanctions imposed by
Washington": in each the name is a party acting or addressed, i.e. the government. "Talks in Moscow", "flew to
Moscow", "near Damascus" use it as a location. ``acts_as_government`` tells the two apart for any name; the
resolver (resolve/places.py) decides whether the name is a capital or a seat of government at all.

Positions that make a name act (after climbing coordination, "Moscow and Tehran signed"):
- subject of a verb of saying or doing (metonym_verbs.csv, reporting_verbs.csv, verb rows of
  event_triggers.csv), of any verb that takes a that-clause ("Moscow shared with Tehran that ..."), or of any
  verb whose object is an event or a policy ("Kyiv stepped up drone attacks", "Moscow kept up its pressure");
- agent of a passive ("imposed by Washington");
- object or addressee of a verb of saying or of dealing with a party ("accused Moscow", "told Tehran",
  "sanctioned Moscow", "called on Ankara"): objects of other verbs ("struck Kyiv", "visited Moscow") are places;
- party of a relation: "with X" / "between X and Y" on such a verb or on a noun of an event or relation
  ("a deal between Moscow and Tehran", "talks with Beijing", "shared with Tehran");
- subject or object of a verb that sends its object to act ("Ankara pressed Baghdad to ban ...");
- first word of a noun phrase naming its speaker ("Kremlin spokesman Dmitry Peskov", "Beijing officials");
- possessor, or "by"-phrase, of a noun of an event, a relation, a statement, a policy or a state institution
  ("Moscow's use of drones", "Beijing's denial", "statements by the Kremlin", "Seoul's intelligence service");
  "from"-phrase of a statement ("denials from Moscow"); "Moscow's streets" stays a place.
Everything else, in particular locative prepositions, stays a place.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Span, Token

__all__ = ["acts_as_government"]

# Verbs whose subject is a host or a setting, not an actor ("Moscow hosted the talks"): the event trigger list
# has them for their object, not their subject. Grammar, so it lives here.
_SETTING_VERBS = frozenset({"host"})
# Nouns of a relation between parties that are not event triggers ("relations between Moscow and Kyiv").
_RELATION_NOUNS = frozenset(
    "relation relationship tie cooperation dialogue partnership alliance rift dispute tension trade war conflict "
    "rapprochement exchange contact channel".split()
)
# Nouns of what a government decides or holds, whose possessor acts ("Moscow's use of drones", "Ankara's stance").
_POLICY_NOUNS = frozenset(
    "use decision position stance policy plan response reaction refusal offer proposal move stake interest "
    "involvement participation intention strategy approach pressure effort campaign".split()
)
# Institutions of a state: their possessor is its government ("Seoul's intelligence service", "Kyiv's army").
_INSTITUTION_NOUNS = frozenset(
    "ministry service government army military force navy envoy ambassador diplomat delegation leadership "
    "official negotiator".split()
)
# Nouns of what a party says or asks, whose "from"-phrase is its source ("denials from Moscow").
_SAID_NOUNS = frozenset("request demand pressure response offer message signal".split())
# People who speak or act for a government: a name modifying one is that government ("Kremlin spokesman
# Dmitry Peskov", "Beijing officials"); "Moscow residents", "Kyiv mayor" stay the city.
_SPEAKER_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson official aide adviser advisor envoy diplomat negotiator".split())
_PARTY_PREPOSITIONS = frozenset({"with", "between", "among", "amongst"})
_ADDRESSEE_PREPOSITIONS = frozenset({"on", "to"})  # "called on Ankara", "said to Tehran" (after a saying verb)
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


def _rows(name: str) -> list[dict[str, str]]:
    text = files("newsledger.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


@lru_cache(maxsize=1)
def _verbs() -> tuple[frozenset[str], frozenset[str]]:
    """(verbs whose subject acts, verbs whose object or addressee is a party too)."""
    acting: set[str] = set()
    addressing: set[str] = set()
    for r in _rows("metonym_verbs.csv"):
        acting.add(r["lemma"])
        if r["kind"] in ("saying", "dealing"):
            addressing.add(r["lemma"])
    for r in _rows("reporting_verbs.csv"):
        if r["kind"] == "verb":
            lemma = r["cue"].split()[0]
            acting.add(lemma)
            addressing.add(lemma)
    for r in _rows("event_triggers.csv"):
        if r["pos"] == "verb":
            acting.add(r["lemma"])
    return frozenset(acting - _SETTING_VERBS), frozenset(addressing)


@lru_cache(maxsize=1)
def _relation_nouns() -> frozenset[str]:
    """Nouns of events (event_triggers.csv) and of relations between parties."""
    return frozenset(r["lemma"] for r in _rows("event_triggers.csv") if r["pos"] == "noun") | _RELATION_NOUNS


@lru_cache(maxsize=1)
def _possessed_nouns() -> frozenset[str]:
    """Nouns whose possessor acts: events, relations, statements (reporting_verbs.csv nouns), policies."""
    said = {r["cue"] for r in _rows("reporting_verbs.csv") if r["kind"] in ("noun", "hedge-noun")}
    return _relation_nouns() | _POLICY_NOUNS | _INSTITUTION_NOUNS | frozenset(said)


@lru_cache(maxsize=1)
def _said_nouns() -> frozenset[str]:
    """Nouns of statements and requests (reporting_verbs.csv nouns and a few more)."""
    return frozenset(r["cue"] for r in _rows("reporting_verbs.csv") if r["kind"] in ("noun", "hedge-noun")) | _SAID_NOUNS


def _sends_to_act(verb: Token) -> bool:
    """Object control: "pressed Baghdad to ban", "urged Moscow to stop": the object is asked to act."""
    kids = list(verb.children)
    return any(c.dep_ == "dobj" for c in kids) and any(c.dep_ == "xcomp" for c in kids)


def _takes_clause(verb: Token) -> bool:
    """The verb reports a clause that follows it ("shared with Tehran that ..."): its subject is a speaker."""
    return any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def _object_is_an_event(verb: Token) -> bool:
    """A light verb: its object is an event or a policy, so its subject acts ("stepped up attacks")."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _possessed_nouns() for c in verb.children)


def _head_acts(head: Token, acting: frozenset[str], addressing: frozenset[str]) -> bool:
    """A verb or noun whose "with"/"between" phrase names a party."""
    lemma = head.lemma_.lower()
    if head.pos_ in ("NOUN", "PROPN"):
        return lemma in _relation_nouns()
    return head.pos_ in ("VERB", "AUX") and (lemma in acting or lemma in addressing or _takes_clause(head))


def _modifies_a_speaker(span: Span) -> bool:
    """The name is the first word of a noun phrase naming a government's speaker ("Kremlin spokesman")."""
    head = span.root.head
    if head.i < span.end:
        return False
    between = span.doc[span.end : head.i + 1]
    return any(t.lemma_.lower() in _SPEAKER_NOUNS or t.lower_ in _SPEAKER_NOUNS for t in between[:2])


def acts_as_government(span: Span | None) -> bool:
    """True when the span is a party acting or addressed, not a location (see the module docstring)."""
    if span is None:
        return False
    acting, addressing = _verbs()
    tok: Token = span.root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ in _SUBJECT_DEPS:
        return head.pos_ in ("VERB", "AUX") and (
            lemma in acting or _takes_clause(head) or _object_is_an_event(head) or _sends_to_act(head))
    if tok.dep_ in _OBJECT_DEPS:
        if any(c.dep_ == "oprd" for c in head.children):
            return False  # "called Jerusalem the key to peace": naming the city, not addressing it
        return lemma in addressing or (tok.dep_ == "dobj" and _sends_to_act(head))
    if tok.dep_ == "compound":
        return _modifies_a_speaker(span)
    if tok.dep_ == "poss":
        return head.pos_ in ("NOUN", "PROPN") and lemma in _possessed_nouns()
    if tok.dep_ != "pobj" or head is tok:
        return False
    prep = head.lower_
    governor = head.head
    if head.dep_ == "agent":  # "imposed by Washington"
        return governor.pos_ == "VERB"
    if prep == "by":  # "statements by the Kremlin", "an attack by Moscow"
        return governor.pos_ == "NOUN" and governor.lemma_.lower() in _possessed_nouns()
    if prep == "from":  # "denials from Moscow"; "drones from Moscow" stays a place
        return governor.pos_ == "NOUN" and governor.lemma_.lower() in _said_nouns()
    if prep in _PARTY_PREPOSITIONS:
        return _head_acts(governor, acting, addressing)
    if prep in _ADDRESSEE_PREPOSITIONS:
        return governor.pos_ == "VERB" and governor.lemma_.lower() in addressing
    return False
