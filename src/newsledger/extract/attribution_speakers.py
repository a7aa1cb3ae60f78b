"""Who speaks and who relays: the claimant and source phrase of a claim, and speakers across sentences.

Picks the likeliest speaker among the mentions of a subject phrase, the source as written ("Jo Ray, the
mayor"), relays ("told CNN", "citing an MP"), unnamed office holders ("the head of the ministry"), inverted
speakers ("…, claims an official"), and names a later "it said" or "the ministry said" through the speakers
of earlier sentences. Kept apart so contents and speakers can be read and changed independently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsledger.extract.attribution_draft import Draft
from newsledger.extract.event_syntax import MentionIndex, sent_of, trim_edges


# Who is most likely the speaker when a subject phrase holds several mentions ("the British channel Sky News").
CLAIMANT_RANK = {"person": 0, "outlet": 1, "source": 2, "organization": 3, "group": 4, "country": 5, "place": 6,
                 "facility": 7, "nationality": 8}


_RELAY_TYPES = {"outlet", "organization"}


# Nouns that name who speaks without naming them: "… - reports", "…: officials".
SPEAKER_NOUNS = {"report", "source", "official", "analyst", "expert", "witness", "police", "media", "insider",
                 "spokesman", "spokeswoman", "spokesperson", "study", "survey", "poll", "monitor", "watchdog"}


def cited_relays(tok: Token, idx: MentionIndex) -> list[int]:
    """Who a report cites ('reported, citing a member of parliament, that …'): relays nearer the speaker."""
    found: list[int] = []
    for t in tok.doc[tok.i + 1 : min(tok.i + 12, len(tok.doc))]:
        if t.lemma_ == "cite" and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ == "dobj":  # 'a member of parliament': the phrase's own mentions when its head has none
                    named = idx.for_phrase(c) or idx.in_tokens(c.subtree)
                    found += [k for k in named if idx.type_of(k) in CLAIMANT_RANK]
            break
    return found


# Branches of a speaker's phrase that say something of their own: "Jo Ray, who chairs the panel, said" or
# "Jo Ray, speaking in Paris, said" — the source is "Jo Ray".
_NOT_SOURCE_DEPS = {"advcl", "parataxis"}


def source_phrase(head: Token, skip: set[int]) -> list[Token]:
    """The noun phrase under ``head`` as written (titles, appositions, relative clauses included), without
    the tokens in ``skip`` or any branch that holds one of them, cut to the unbroken run around the head."""
    drop = set(skip)
    for c in head.children:
        if c.dep_ in _NOT_SOURCE_DEPS or any(t.i in skip for t in c.subtree):
            drop |= {t.i for t in c.subtree}
        elif c.dep_ == "appos":  # "Jo Ray, the mayor" but not the apposition's own apposition or clause
            drop |= {t.i for g in c.children if g.dep_ in _NOT_SOURCE_DEPS | {"appos"} for t in g.subtree}
    kept = {t.i for t in head.subtree if t.i not in drop and not (t.is_space and "\n" in t.text)}
    lo = hi = head.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    return trim_edges(list(head.doc[lo : hi + 1]))


def best_claimant(idx: MentionIndex, found: list[int]) -> int | None:
    if not found:
        return None
    return min(found, key=lambda k: (CLAIMANT_RANK.get(idx.type_of(k), 9), -idx.mentions[k].start))


def speaker_of(head: Token | None, idx: MentionIndex) -> int | None:
    if head is None:
        return None
    return best_claimant(idx, idx.for_phrase(head))


def relays_of(tok: Token, idx: MentionIndex, content: list[Token]) -> list[int]:
    """Who carried the words: 'told CNN', 'in an interview with CNN', 'speaking to Reuters'.

    Objects of the verb and of prepositions hanging on it (up to an interview noun), outside the content.
    """
    inside = {t.i for t in content}
    found: list[int] = []
    # 'according to X' is read by according_relays
    todo = [(c, 0) for c in tok.children if c.i not in inside and c.lower_ != "according"]
    while todo:
        c, depth = todo.pop(0)
        if c.dep_ in ("dobj", "dative", "pobj"):
            k = idx.of(c)
            if k is not None and idx.type_of(k) in _RELAY_TYPES and k not in found:
                found.append(k)
        if depth < 3 and c.dep_ in ("prep", "pobj", "dative", "dobj", "advcl", "pcomp"):
            todo += [(g, depth + 1) for g in c.children if g.i not in inside]
    return found


# Nouns for someone who speaks for a body: 'the head of Iran's foreign ministry', 'a spokesman for the army'.
_OFFICE_NOUNS = {"head", "chief", "leader", "spokesman", "spokeswoman", "spokesperson", "director", "minister",
                 "representative", "envoy", "ambassador", "secretary", "chairman", "chairwoman", "president"}


def office_holder(subj: Token, idx: MentionIndex) -> int | None:
    """The body an unnamed office holder speaks for ('the head of Iran's foreign ministry' → the ministry, else
    Iran), when the subject names no one itself; None otherwise."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in _OFFICE_NOUNS:
        return None
    inner = [t for c in subj.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for t in c.subtree]
    return best_claimant(idx, [k for k in idx.in_tokens(inner) if idx.type_of(k) in CLAIMANT_RANK
                               and idx.type_of(k) not in ("person", "facility")])


# Verbs that can close a sentence with their speaker after them: "…, claims a Nigerian official".
_INVERTING = {"say", "claim", "add", "insist", "write", "allege", "state", "explain", "note", "report", "argue",
              "warn", "conclude"}


def inverted_speaker(tok: Token, idx: MentionIndex) -> Token | None:
    """The speaker of an inverted attribution that closes the sentence ("The shipment arrived, claims a Nigerian
    official"), which the parser reads as an object, else None. The speaker is a claimant mention or a noun
    naming a speaker, and ends the sentence."""
    doc = tok.doc
    if tok.lemma_ not in _INVERTING or tok.i == 0 or doc[tok.i - 1].text not in (",", "—", "–") or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "attr") and c.i > tok.i), None)
    if obj is None:
        return None
    rest = [t for t in doc[max(t.i for t in obj.subtree) + 1 : sent_of(tok).end] if not (t.is_punct or t.is_space)]
    typed = [k for k in idx.for_phrase(obj) if idx.type_of(k) in CLAIMANT_RANK]
    if rest or not (typed or obj.lemma_.lower() in SPEAKER_NOUNS or obj.pos_ == "PROPN"):
        return None
    return obj


def no_speaker(source: Sequence[Token]) -> bool:
    """Whether a source phrase names no one who could speak: none at all, or a thing ('the attack',
    'preliminary findings') rather than a pronoun or a speaker noun ('a spokesman', 'local media')."""
    if not source:
        return True
    head = next((t for t in source if t.head.i == t.i or t.head.i not in {x.i for x in source}), source[-1])
    return head.pos_ == "NOUN" and head.lemma_.lower() not in SPEAKER_NOUNS and head.lower_.rstrip("s") not in \
        SPEAKER_NOUNS


_PERSON_PRONOUNS = {"he", "she"}


_THING_PRONOUNS = {"it", "they"}


_DESCRIPTION_DETS = {"the", "this", "that"}


@dataclass(slots=True)
class Speakers:
    """Who spoke in the sentences read so far, so that "The ministry said …" or "It added …" in a later
    sentence can name the same speaker: each entry is (sentence number, claimant, lemmas of the source phrase)."""

    seen: list[tuple[int, int, set[str]]] = field(default_factory=list)

    def add(self, n: int, d: Draft) -> None:
        if d.claimant is not None:
            self.seen.append((n, d.claimant, {t.lemma_.lower() for t in d.source if t.is_alpha}))

    def described(self, phrase: Sequence[Token]) -> int | None:
        """The earlier speaker a short definite description names ("the ministry" after "Romania's defence
        ministry", "the governor" after "Governor Oleh Kiper"), most recent first."""
        words = [t for t in phrase if not t.is_punct]
        if not 2 <= len(words) <= 3 or words[0].lower_ not in _DESCRIPTION_DETS or words[-1].pos_ != "NOUN":
            return None
        need = {t.lemma_.lower() for t in words[1:]}
        return next((k for _, k, lemmas in reversed(self.seen) if need <= lemmas), None)

    def pronoun(self, n: int, pron: Token, idx: MentionIndex) -> int | None:
        """The speaker of the last two sentences a subject pronoun can stand for ('it said' after 'the
        ministry said'), else None: a speaker just quoted is a better antecedent than the nearest name."""
        for m, k, _ in reversed(self.seen):
            if n - m > 2:
                return None
            person = idx.type_of(k) == "person"
            if (pron.lower_ in _PERSON_PRONOUNS and person) or (pron.lower_ in _THING_PRONOUNS and not person):
                return k
        return None


def resolve_speakers(drafts: list[Draft], n: int, speakers: Speakers, idx: MentionIndex) -> None:
    """Name speakers given as a pronoun or a description through the speakers of earlier sentences."""
    for d in drafts:
        if d.pronoun and len(d.source) == 1 and (k := speakers.pronoun(n, d.source[0], idx)) is not None:
            d.claimant = k
        elif d.claimant is None and (k := speakers.described(d.source)) is not None:
            d.claimant = k
        if d.relay_head is not None and not d.via:
            phrase = source_phrase(d.relay_head, set())
            if (k := speakers.described(phrase)) is not None and k != d.claimant:
                d.via.append(k)
    for d in drafts:
        speakers.add(n, d)
