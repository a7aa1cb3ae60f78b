"""Claims led by a phrase or a noun rather than a verb: "according to X", "Ukraine's claim that …", and
"…, a claim Y denied" (Y's stance on the content before the comma).

Kept apart from verb claims because their speaker and content sit in different places of the parse.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsledger.extract.attribution_contents import cut_before, with_complementizer
from newsledger.extract.attribution_cues import content_hedged, cue_start_of, cues, headline_verbs, phrase_cue
from newsledger.extract.attribution_draft import Draft
from newsledger.extract.attribution_speakers import source_phrase, speaker_of
from newsledger.extract.commitment import words
from newsledger.extract.event_syntax import MentionIndex, sent_of, trim_edges


def according_claim(tok: Token, idx: MentionIndex) -> Draft | None:
    """'According to Sky News, Russia bought …': the source is the object of 'to', the content the rest."""
    to = tok.doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for t in tok.children for c in t.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
    head = tok.head if tok.head is not tok else tok
    sent = sent_of(tok)
    base = head.subtree if head.pos_ in ("VERB", "AUX") else sent
    content = trim_edges([t for t in base if t.i not in phrase and sent_of(t) is sent])
    if content and content[0].i < tok.i and content[-1].i > max(phrase):
        # "Four were killed, according to local media, as Moscow keeps up …" or "Meanwhile, according to
        # sources, the plant is …": a content is one span, so keep the side that holds the main verb
        before = trim_edges([t for t in content if t.i < tok.i])
        after = trim_edges([t for t in content if t.i > max(phrase)])
        content = before if head.i < tok.i and head in before else after
    if not content:
        return None
    claimant = speaker_of(pobj, idx)
    stance, hedged = cues().preps["according to"]
    if claimant is not None and idx.type_of(claimant) == "outlet":
        stance = "reports"
    hedged = hedged or content_hedged(content) or (claimant is not None and idx.type_of(claimant) == "source")
    hedged = hedged or (claimant is None and pobj.lemma_ in ("source", "report"))
    relays = [k for k in idx.in_tokens(t for t in tok.doc[tok.i : max(phrase) + 1]) if k != claimant
              and idx.type_of(k) == "outlet"]
    return Draft(tok, to.idx + len(to.text), content, stance, hedged, claimant, relays,
                  source=source_phrase(pobj, {t.i for t in content}))


def noun_claim(tok: Token, idx: MentionIndex) -> Draft | None:
    """A nominal attribution: "Ukraine's claim that Russia fired the missile", "allegations by Kyiv that …".
    The speaker is the possessor or the object of by/from; the content the that-clause."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues().nouns:
        return None
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None or claim_noun_relative(clause) is not None:
        return None  # 'allegations that both governments deny' says what is done with the claim, not what it is
    content = with_complementizer(clause, trim_edges(list(clause.subtree)))
    if not content:
        return None
    head = next((c for c in tok.children if c.dep_ == "poss"), None)
    if head is None:
        head = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                     for o in c.children if o.dep_ == "pobj"), None)
    claimant = speaker_of(head, idx)
    stance, hedged = cues().nouns[tok.lemma_.lower()]
    hedged = hedged or claimant is None or idx.type_of(claimant) == "source" or content_hedged(content)
    source = source_phrase(head, {t.i for t in content} | {tok.i}) if head is not None else []
    if head is not None and head.dep_ == "poss":
        source = [t for t in source if t.dep_ != "case" or t.i < source[-1].i]  # "Ukraine's" → "Ukraine"
    return Draft(tok, tok.idx + len(tok.text), content, stance, hedged, claimant, source=trim_edges(source))


_OBJECT_OF_CUE = {"dobj", "ccomp", "xcomp", "attr", "oprd"}


def claim_noun_relative(verb: Token) -> Token | None:
    """The claim noun when ``verb`` is a reporting verb in a relative clause about it ('a claim Pyongyang
    rejected', 'allegations that both governments deny'), else None: the clause's 'that' is a relative pronoun,
    not the start of the claim's content, because the verb has no object of its own."""
    noun = verb.head
    if verb.dep_ not in ("relcl", "acl") or noun.pos_ != "NOUN" or _relative_cue(verb) is None or \
            noun.lemma_.lower() not in {*cues().nouns, *words().hedge_nouns}:
        return None
    if _relative_subject(verb) is None:
        return None
    own = [c for c in verb.children if c.dep_ in _OBJECT_OF_CUE and c.lower_ not in ("that", "which")]
    return None if own else noun


def _relative_cue(verb: Token) -> str | None:
    """The cue of a verb in a relative clause, also when the tagger read it as a noun ('… that Minsk rejects')."""
    if verb.pos_ == "NOUN":
        return headline_verbs().get(verb.lower_)
    return phrase_cue(verb)


def _relative_subject(verb: Token) -> Token | None:
    """The subject of a verb in a relative clause: its nsubj, or for a verb the tagger read as a noun, the name
    it took for a compound ('that Valletta rejects')."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT") and c.lower_ != "that":
            return c
    if verb.pos_ == "NOUN":
        return next((c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < verb.i), None)
    return None


def relative_claim(tok: Token, idx: MentionIndex, drafts: Sequence[Draft]) -> Draft | None:
    """'… said the containers had moved, a claim Pyongyang rejected': the relative clause is a claim of its
    subject about what the claim noun sums up, the content before the comma. That content is cut from the
    claim that holds it."""
    # the tagger may read the verb as a noun ('allegations that Minsk rejects'); its subject shows it is a verb
    noun = claim_noun_relative(tok) if tok.pos_ in ("VERB", "NOUN") else None
    if noun is None or noun.dep_ not in ("appos", "dobj", "npadvmod", "conj", "attr"):
        return None
    first = min(t.i for t in noun.subtree)
    doc = tok.doc
    if first == 0 or doc[first - 1].text not in (",", "—", "–", "-", "--"):
        return None
    # the claim summed up: the content that ends at the comma, or that of the verb the noun hangs on
    # ('…, the ministry said on Tuesday, a claim Ankara denied')
    holder = [o for o in drafts if o.content and (o.content[0].i < first - 1 <= o.content[-1].i + 1
                                                  or noun.head.i == o.cue.i or noun.head.head.i == o.cue.i)]
    subj = _relative_subject(tok)
    assert subj is not None  # claim_noun_relative checked it
    claimant = speaker_of(subj, idx)
    if holder:
        o = min(holder, key=lambda o: len(o.content))
        if o.content[-1].i >= first - 1:
            o.content = cut_before(o.content, first - 1)
        o.via = [k for k in o.via if k != claimant]
        content = o.content
    else:
        o, content = None, trim_edges([t for t in sent_of(tok) if t.i < first - 1])
    stance, hedged = cues().verbs.get(_relative_cue(tok) or tok.lemma_, ("asserts", False))
    hedged = hedged or (claimant is not None and idx.type_of(claimant) == "source")
    draft = Draft(tok, tok.idx + len(tok.text), list(content), stance, hedged, claimant,
                   source=source_phrase(subj, {tok.i}), cue_start=cue_start_of(tok), about=o)
    draft.pronoun = subj.pos_ == "PRON"  # '…, a claim he denied': named through the earlier speakers
    return draft
