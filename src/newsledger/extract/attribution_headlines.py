"""Claims in headlines, read from word order where the parse fails: "Minister: talks will resume",
"Five killed in strike - reports", and Title Case verbs the tagger took for names ("Pentagon Denies …").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from newsledger.extract.attribution_cues import content_hedged, cues, headline_verbs, negates_content
from newsledger.extract.attribution_draft import Draft
from newsledger.extract.attribution_speakers import CLAIMANT_RANK, SPEAKER_NOUNS, best_claimant
from newsledger.extract.commitment import words
from newsledger.extract.event_syntax import MentionIndex, trim_edges
from newsledger.model import Stance


# Mentions that head a headline as its topic rather than its speaker ("Syria: five killed in strike").
_TOPIC_TYPES = {"place", "country", "facility", "nationality", "weapon"}


_DASHES = {"-", "--", "—", "–"}


def colon_claim(sent: Span, idx: MentionIndex) -> Draft | None:
    """Headline-style attribution around a colon: 'Minister: talks will resume', 'Talks to resume: sources',
    or after a closing dash: 'Five killed in strike - reports'.

    The short side (at most four words) is the speaker when it names an actor, is a capitalised title, or ends
    in a speaker noun ("reports", "officials"). A place before the colon is the topic, not a speaker
    ("Syria: five killed in strike"), unless what follows is a quotation or in the first person.
    """
    toks = [t for t in sent if not t.is_space]
    colons = [t for t in toks if t.text == ":"]
    dashes = [t for t in toks[1:] if t.text in _DASHES and len(toks) - 1 - toks.index(t) <= 4
              and t.whitespace_ and t.doc[t.i - 1].whitespace_]  # "strike - reports", not "32-year-old"
    sides: tuple[tuple[bool, list[Token], list[Token]], ...]
    if len(colons) == 1:
        mark = colons[0]
        sides = ((True, [t for t in toks if t.i < mark.i], [t for t in toks if t.i > mark.i]),
                 (False, [t for t in toks if t.i > mark.i], [t for t in toks if t.i < mark.i]))
    elif not colons and dashes:
        mark = dashes[-1]
        sides = ((False, [t for t in toks if t.i > mark.i], [t for t in toks if t.i < mark.i]),)
    else:
        return None
    for first, speaker, content in sides:
        speaker, content = trim_edges(speaker), trim_edges(content)
        if not speaker or not content or len(speaker) > 4 or len(content) < 3:
            continue
        found = [k for k in idx.in_tokens(speaker) if idx.type_of(k) in CLAIMANT_RANK]
        if first and found and all(idx.type_of(k) in _TOPIC_TYPES for k in found) and not _own_words(content):
            continue
        titled = len(speaker) == 1 and speaker[0].is_title and speaker[0].pos_ == "NOUN"  # "Minister: …"
        named = speaker[-1].lemma_.lower() in SPEAKER_NOUNS or speaker[-1].lower_.rstrip("s") in SPEAKER_NOUNS
        if not found and not titled and not named:
            continue
        claimant = best_claimant(idx, found)
        hedged = content_hedged(content) or claimant is None or idx.type_of(claimant) == "source"
        stance: Stance = "reports" if claimant is not None and idx.type_of(claimant) == "outlet" else "asserts"
        if negates_content(content):
            stance = "denies"
        return Draft(mark, mark.idx + len(mark.text), content, stance, hedged, claimant, source=speaker)
    return None


def _own_words(tokens: Sequence[Token]) -> bool:
    """A quotation or first-person words: 'Iran: "We sent no drones"'."""
    return any(t.text in ('"', "“", "”") or t.lower_ in ("i", "we", "my", "our", "us", "me") for t in tokens)


def headline_claim(sent: Span, idx: MentionIndex) -> Draft | None:
    """'Pentagon Denies It Killed ISIS Chief', 'Kurds Deny Report': in a Title Case or ALL CAPS headline the
    tagger often reads the verb as a name. A present-tense reporting verb tagged as a noun, after a short
    subject and before at least two words, is then read as the cue: subject on its left, content on its right."""
    toks = [t for t in sent if not t.is_space]
    words = [t for t in toks if t.is_alpha]
    if len(words) < 4:
        return None
    titled = sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)
    for n, tok in enumerate(toks[1:8], start=1):
        lemma = headline_verbs().get(tok.lower_)
        if lemma is None or tok.pos_ not in ("NOUN", "PROPN") or (titled and not tok.text[0].isupper()):
            continue
        if not titled and not _claim_follows(toks, n):
            continue  # in running text, 'Egypt, PA deny report that …' only: a claim noun or 'that' follows
        plural = toks[n - 1].tag_ in ("NNS", "NNPS") or toks[n - 1].lower_.endswith("s")
        if tok.lower_ == lemma and not (plural or any(t.lower_ in ("and", "&", ",") for t in toks[:n])):
            continue  # the bare form is a verb only after a plural subject ("Kurds Deny …", "X and Y Deny")
        if (draft := flat_claim(toks, n, idx)) is not None:
            return draft
    return None


def _claim_follows(toks: list[Token], n: int) -> bool:
    """Whether the word after ``toks[n]`` is 'that' or a noun naming a claim ('deny report that …')."""
    if n + 1 >= len(toks):
        return False
    nxt = toks[n + 1].lower_
    return nxt == "that" or nxt.rstrip("s") in {*cues().nouns, *words().hedge_nouns}


def flat_claim(toks: list[Token], n: int, idx: MentionIndex) -> Draft | None:
    """A claim read from word order alone, for headlines the parser gets wrong: the words before the cue
    ``toks[n]`` are the speaker, the words after it the content."""
    tok = toks[n]
    lemma = headline_verbs().get(tok.lower_)
    speaker, content = trim_edges(toks[:n]), trim_edges(toks[n + 1 :])
    if lemma is None or not speaker or len(content) < 2 or speaker[0].pos_ in ("DET", "ADP") \
            or speaker[-1].tag_ == "POS":
        return None
    stance, hedged = cues().verbs[lemma]
    claimant = best_claimant(idx, [k for k in idx.in_tokens(speaker) if idx.type_of(k) in CLAIMANT_RANK])
    if stance in ("asserts", "reports") and negates_content(content):
        stance = "denies"
    hedged = hedged or content_hedged(content) or (claimant is not None and idx.type_of(claimant) == "source")
    return Draft(tok, tok.idx + len(tok.text), content, stance, hedged, claimant, source=speaker)


def verb_then_claim_noun(tok: Token) -> bool:
    """'Sisi denies claims he will …', 'Tour Denies Claim That …': a reporting verb whose object, a noun
    naming a claim, the tagger read as a second reporting verb."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or tok.lower_ not in headline_verbs():
        return False
    nxt = doc[tok.i + 1]
    noun = nxt.lower_[:-1] if nxt.lower_.endswith("s") else nxt.lower_
    return nxt.pos_ == "VERB" and noun in (*words().hedge_nouns, "report") and \
        not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children)
