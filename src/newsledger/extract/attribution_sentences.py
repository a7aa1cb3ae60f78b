"""All the claims of one sentence, and how they relate: relays, echoes, and claims that restate others.

Runs each reader over the sentence, then settles the drafts against each other: a pronoun speaking inside a
claim is its claimant, "according to" an outlet is a relay, a participle after a content belongs to its
speaker, a claim inside another's content is relayed by it, and echoes of the same claimant are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from newsledger.extract.attribution_contents import cut_before, without_tokens
from newsledger.extract.attribution_cues import phrase_cue
from newsledger.extract.attribution_draft import Draft
from newsledger.extract.attribution_headlines import colon_claim, flat_claim, headline_claim, verb_then_claim_noun
from newsledger.extract.attribution_nominal import according_claim, noun_claim, relative_claim
from newsledger.extract.attribution_speakers import no_speaker
from newsledger.extract.attribution_verbs import quoted_verb, verb_claim
from newsledger.extract.event_syntax import MentionIndex
from newsledger.model import TimeExpr


def sentence_claims(sent: Span, idx: MentionIndex, times: Sequence[TimeExpr]) -> list[Draft]:
    drafts: list[Draft] = []
    quoted: set[int] = set()
    toks = [t for t in sent if not t.is_space]
    for tok in sent:
        draft = None
        if tok.i in quoted:
            continue
        if tok.pos_ == "VERB" and tok.lemma_ == "quote" and (verb := quoted_verb(tok)) is not None:
            quoted.add(verb.i)
        if verb_then_claim_noun(tok) and tok in toks[1:6]:
            draft = flat_claim(toks, toks.index(tok), idx)
            quoted.add(tok.i + 1)  # the claim noun is no cue of its own
        elif tok.lemma_ == "cite" and tok.tag_ == "VBG" and tok.head.i != tok.i and phrase_cue(tok.head):
            continue  # "reported, citing Choi, that …": who the report cites, a relay rather than a claim
        elif tok.pos_ == "VERB" and phrase_cue(tok) is not None:
            draft = verb_claim(tok, idx, sent.doc, times)
        elif tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            draft = according_claim(tok, idx)
        if draft is not None:
            drafts.append(draft)
    if not drafts and (draft := headline_claim(sent, idx) or colon_claim(sent, idx)) is not None:
        drafts.append(draft)
    drafts += [d for tok in sent if (d := relative_claim(tok, idx, drafts)) is not None]
    # Nominal attributions stand on their own only: inside another claim ("Moscow dismissed reports that …")
    # the events belong to the claim that takes a stance on them.
    for tok in sent:
        if (draft := noun_claim(tok, idx)) is not None and not any(
                d.span[0] <= tok.idx < d.span[1] or draft.span[0] <= d.cue.idx < draft.span[1] for d in drafts):
            drafts.append(draft)
    # "The UN office said it had confirmed ...": a pronoun speaking inside a claim is that claim's claimant,
    # not the nearest earlier name ("Geneva").
    for d in drafts:
        if d.pronoun:
            outer = [o for o in drafts if o is not d and o.span[0] <= d.cue.idx < o.span[1] and o.claimant is not None]
            if outer:
                d.claimant = min(outer, key=lambda o: o.span[1] - o.span[0]).claimant
                d.pronoun = False  # resolved inside its sentence
    # "denied the report, calling it a fabrication": the participle restates the same statement about it
    for d in list(drafts):
        if d.cue.tag_ == "VBG" and d.cue.dep_ in ("advcl", "xcomp", "conj") and d.content and \
                d.content[0].lower_ in _BACK_REFERENCES and d.content[0].pos_ == "PRON" and \
                any(o is not d and o.cue.i == d.cue.head.i for o in drafts):
            drafts.remove(d)
    # "the ministry said preliminary findings suggested …", "said the attack showed …": a thing that
    # 'suggests' or 'shows' inside someone's words is part of those words, not a speaker of its own
    for d in list(drafts):
        if d.claimant is None and (not d.source or d.cue.lemma_ in _EVIDENCE_VERBS and no_speaker(d.source)) and any(
                o is not d and (o.claimant is not None or o.source) and o.span[0] <= d.cue.idx < o.span[1]
                for o in drafts):
            drafts.remove(d)
    # "X said Y, according to KCNA": the outlet carried X's words; it relays X's claim, it makes none.
    for d in list(drafts):
        if d.cue.lower_ == "according" and d.claimant is not None and idx.type_of(d.claimant) == "outlet":
            outer = [o for o in drafts if o is not d and o.span[0] <= d.cue.idx < o.span[1] and o.claimant is not None]
            if outer:
                o = min(outer, key=lambda o: o.span[1] - o.span[0])
                if d.claimant not in o.via:
                    o.via.append(d.claimant)
                o.content = without_tokens(o.content, _according_phrase(d))
                drafts.remove(d)
    according_relays(drafts)
    _participle_speakers(drafts)
    # A claim whose cue sits inside another's content was relayed by that other's claimant.
    for d in drafts:
        outers = [o for o in drafts if o is not d and o.span[0] <= d.cue.idx < o.span[1]]
        for o in sorted(outers, key=lambda o: o.span[1] - o.span[0]):
            for k in [*o.cited, o.claimant, *o.via]:
                if k is not None and k != d.claimant and k not in d.via:
                    d.via.append(k)
    return _without_echoes(drafts, idx)


def _according_phrase(d: Draft) -> set[int]:
    """Token indices of an 'according to X' phrase."""
    to = d.cue.doc[d.cue.i + 1]
    return {t.i for t in d.cue.subtree} | {t.i for t in to.subtree} | {to.i}


def according_relays(drafts: list[Draft]) -> None:
    """'Kim, who, according to KCNA, described …', 'Bayraktar told reporters, according to Anadolu, that …':
    an 'according to' that hangs on a reporting verb, or stands between it and its content, names who
    carried that verb's claim; it is a relay of that claim, not a claim of its own."""
    for d in list(drafts):
        if d.cue.lower_ != "according" or d.claimant is None:
            continue  # 'said X, according to the document': a record, no speaker who carried the words
        phrase = _according_phrase(d)
        host = next((o for o in drafts if o is not d and o.cue.i not in phrase and (
            o.cue.i == d.cue.head.i or _between_cue_and_content(o, phrase))), None)
        if host is None:
            continue
        if d.claimant is not None and d.claimant != host.claimant and d.claimant not in host.via:
            host.via.append(d.claimant)
        host.content = without_tokens(host.content, phrase)
        drafts.remove(d)


def _between_cue_and_content(o: Draft, phrase: set[int]) -> bool:
    """Whether a phrase stands after a claim's cue and before its content, with only the cue's own objects,
    adverbials and commas around it ('told reporters, according to Anadolu, that …')."""
    if not o.content or not o.cue.i < min(phrase) or max(phrase) >= o.content[0].i:
        return False
    allowed = {t.i for c in o.cue.children if c.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod")
               for t in c.subtree}
    return all(t.is_punct or t.i in allowed or t.i in phrase for t in o.cue.doc[o.cue.i + 1 : o.content[0].i]
               if not (t.dep_ == "mark" and t.lower_ == "that"))


def _participle_speakers(drafts: list[Draft]) -> None:
    """'Peskov added that Russia intends to keep good ties, stressing that …': a reporting participle after a
    comma at the end of someone's content is said by that someone, though the parser hangs it on the verb of
    the content. The participle gets the outer claimant, and the outer content ends before its comma."""
    for d in drafts:
        doc = d.cue.doc
        first = min(t.i for t in d.cue.subtree)
        if d.cue.tag_ != "VBG" or d.cue.dep_ not in ("advcl", "conj", "xcomp") or first == 0 or \
                doc[first - 1].text != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in d.cue.children):
            continue
        outer = [o for o in drafts if o is not d and o.claimant is not None and o.cue.i != d.cue.head.i
                 and o.content and o.content[0].i < d.cue.head.i <= o.content[-1].i
                 and max(t.i for t in d.cue.subtree) >= o.content[-1].i]
        if not outer:
            continue
        o = min(outer, key=lambda o: len(o.content))
        o.content = cut_before(o.content, first - 1)
        d.claimant, d.source, d.pronoun = o.claimant, o.source, False
        d.via = [k for k in o.via if k != d.claimant]


_BACK_REFERENCES = {"it", "this", "that", "them", "these", "those"}


# Reporting verbs whose subject is as often evidence as a speaker: "findings suggested", "the attack showed".
_EVIDENCE_VERBS = {"show", "suggest", "indicate", "prove", "reveal", "demonstrate", "confirm", "find", "mean"}


def _key(idx: MentionIndex, k: int | None) -> str | None:
    return None if k is None else idx.mentions[k].key


def _without_echoes(drafts: list[Draft], idx: MentionIndex) -> list[Draft]:
    """One claimant, one claim per statement; a relay is never the claimant itself.

    "X said it had confirmed Y" or a headline that names X twice gives X's claim again
    inside X's own content: the inner echo is dropped and the outer claim kept. Relays
    that resolve to the claimant ("South Korea via Seoul") are dropped from the chain.
    """
    for d in drafts:
        own = _key(idx, d.claimant)
        kept: list[int] = []
        for k in d.via:
            if own is not None and _key(idx, k) == own:
                continue
            if _key(idx, k) not in {_key(idx, v) for v in kept}:
                kept.append(k)
        d.via[:] = kept
    out: list[Draft] = []
    for d in drafts:
        own = _key(idx, d.claimant)
        echo = own is not None and any(
            o is not d and _key(idx, o.claimant) == own and o.span[0] <= d.cue.idx < o.span[1]
            for o in drafts
        )
        same = own is not None and any(
            _key(idx, o.claimant) == own and o.span == d.span and o.stance == d.stance for o in out
        )
        if not (echo or same):
            out.append(d)
    return out
