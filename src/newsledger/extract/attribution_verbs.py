"""Claims led by a reporting verb: "X said that …", "X denied …", "Reuters quoted Y as saying …".

The main reader: it joins a verb's content, its speaker, relays, stance, hedge and time into one draft, and
decides when a reporting verb makes no claim ("called for talks", "did not say how", "Saying that is …").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from newsledger.extract.attribution_contents import (
    idiom_content,
    names_something,
    narrators_tail,
    says_nothing,
    trailing_subject,
    verb_content,
    with_second_half,
    with_stray_object,
)
from newsledger.extract.attribution_cues import (
    CLAIM_OBJECT_ONLY,
    claim_object,
    content_hedged,
    cue_end_of,
    cue_start_of,
    cues,
    dismissal_start,
    negates_content,
    phrase_cue,
)
from newsledger.extract.attribution_draft import Draft
from newsledger.extract.attribution_nominal import claim_noun_relative
from newsledger.extract.attribution_speakers import (
    best_claimant,
    cited_relays,
    inverted_speaker,
    office_holder,
    relays_of,
    source_phrase,
    speaker_of,
)
from newsledger.extract.commitment import refutes
from newsledger.extract.event_syntax import MentionIndex, adjacent_quote, sent_of, subject, trim_edges
from newsledger.model import Stance, TimeExpr


def _statement_time(tok: Token, doc: Doc, times: Sequence[TimeExpr], content: list[Token]) -> int | None:
    """A time expression whose nearest governing verb is the reporting verb itself."""
    inside = {t.i for t in content}
    for k, t in enumerate(times):
        if t.kind in ("set", "duration", "range"):
            continue  # "at his daily briefing on October 13", "a window from May 8 to May 10": not when it was said
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or span.root.i in inside or sent_of(span.root) is not sent_of(tok):
            continue
        cur = span.root.head
        for _ in range(6):
            if cur.i == tok.i:
                return k
            if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
                break
            cur = cur.head
    return None


def verb_claim(tok: Token, idx: MentionIndex, doc: Doc, times: Sequence[TimeExpr]) -> Draft | None:
    cue = phrase_cue(tok)
    if cue is None or (cue in CLAIM_OBJECT_ONLY and not claim_object(tok)):
        return None
    stance, hedged = cues().verbs.get(cue, ("asserts", False))
    if tok.lemma_ == "quote":
        return _quote_claim(tok, idx, doc, times)
    if _not_a_statement(tok) or claim_noun_relative(tok) is not None:
        return None
    phrasal = any(c.dep_ == "prt" for c in tok.children)
    inverted = inverted_speaker(tok, idx)
    if cue in cues().quote_verbs:  # '"…," she continued', 'he asked: "…?"'
        content = with_second_half(tok, adjacent_quote(tok))
    elif inverted is not None:
        content = trim_edges([t for t in sent_of(tok) if t.i < tok.i])
    else:
        content = idiom_content(tok) if " " in cue and not phrasal else verb_content(tok)
    if content and content[0].lemma_ == "cite":  # "reported, citing Choi, that …": the content starts at 'that'
        mark = next((t for t in content if t.dep_ == "mark" and t.lower_ == "that"), None)
        content = trim_edges([t for t in content if mark is not None and t.i > mark.i]) or content
    if content and inverted is None:
        content = narrators_tail(tok, with_stray_object(tok, content))
    if not content or tok in content or says_nothing(tok, content):
        return None
    subj = inverted or trailing_subject(tok) or subject(tok)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == tok.i and (tok.lemma_ == "accuse" or any(
            c.dep_ in ("xcomp", "ccomp") for c in tok.children)):
        # "Iran is believed to have sent drones", "Iran was accused of sending drones": the subject is part of
        # what is reported (the accused), not who reports it
        content = trim_edges([*subj.subtree, *content])
        subj = None
    if subj is not None and subj.lower_ in ("i", "we", "you"):
        return None  # "I think …" inside a quotation: the quoted speaker's own words, not a new attribution
    if subj is not None and subj.i in {t.i for t in content}:
        subj = None  # "the claim was rejected": what is rejected, not who rejects it
    claimant = speaker_of(subj, idx)
    skip = {t.i for t in content} | {tok.i}
    source = source_phrase(subj, skip) if subj is not None else []
    relative = subj is not None and subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl"
    if relative:  # "Jo Ray, who said …": the relative pronoun (the source as written) stands for its head
        claimant = speaker_of(tok.head, idx)
    if subj is not None and (claimant is None or idx.of(subj) is None):
        # "Sudan's army chief Abdel Fattah al-Burhan said": the parser makes title and name two subjects;
        # the named one speaks, not the possessor of the title.
        others = [c for c in tok.children if c.dep_ == "nsubj" and c is not subj]
        named = [k for c in others if (k := idx.of(c)) is not None]
        if named:
            claimant = best_claimant(idx, named)
            source = sorted({*source, *(t for c in others for t in source_phrase(c, skip))}, key=lambda t: t.i)
    if subj is not None and idx.of(subj) is None and (claimant is None or idx.type_of(claimant) != "person"):
        # "Russia's envoy to the United Nations, Vasily Nebenzia, said": the parser may hang the name on the
        # nearest noun; a person set in apposition inside the speaker's phrase is the speaker
        named = [k for t in source if t.dep_ == "appos" and (k := idx.of(t)) is not None and idx.type_of(k) == "person"]
        if named:
            claimant = named[0]
    if claimant is None and subj is not None:
        claimant = office_holder(subj, idx)
    if subj is None:
        for c in tok.children:
            if c.dep_ == "agent":
                by = next((o for o in c.children if o.dep_ == "pobj"), None)
                claimant = speaker_of(by, idx)
                source = source_phrase(by, skip) if by is not None else []
    if claimant is None and subj is not None and subj.lower_ in ("it", "this", "that", "there", "what"):
        source = []  # "it is said that …": no one in particular
    if tok.lemma_ in ("call", "describe", "dismiss", "reject", "question"):
        cut = dismissal_start(tok)
        if cut is not None:  # the parser may fold "the report fake news" into one phrase: keep what is dismissed
            content = trim_edges([t for t in content if t.i < cut]) if cut > content[0].i else content
        stance = "disputes" if cut is not None or tok.lemma_ in ("dismiss", "question") else stance
        if not content:
            return None
    if tok.lemma_ == "call" and stance != "disputes" and not names_something(tok):
        return None  # 'called for talks' is a request, 'called the minister' a phone call: no attribution
    if stance == "asserts" and claimant is not None and idx.type_of(claimant) == "outlet" and \
            tok.lemma_ in ("say", "report"):
        stance = "reports"
    if stance in ("asserts", "reports") and tok.lemma_ not in ("accuse", "call") and negates_content(content):
        stance = "denies"  # "Baghdad says the woman is not his wife", "Iran did not send drones, officials said"
    elif stance in ("asserts", "reports") and refutes(content):
        stance = "disputes"  # "the ministry said the reports were false"
    cited = [k for k in cited_relays(tok, idx) if k != claimant]
    relays = [k for k in relays_of(tok, idx, content) if k != claimant and k not in cited]
    hedged = hedged or content_hedged(content, [t for t in tok.children if t.dep_ in ("advmod", "aux")])
    hedged = hedged or (claimant is not None and idx.type_of(claimant) == "source")
    hedged = hedged or (subj is None and tok.tag_ == "VBN" and claimant is None)  # "it is said that"
    draft = Draft(tok, cue_end_of(tok, content), content, stance, hedged, claimant, relays,
                   _statement_time(tok, doc, times, content), source=source, cue_start=cue_start_of(tok))
    draft.pronoun = subj is not None and subj.pos_ == "PRON" and not relative
    draft.cited = cited
    return draft


def _not_a_statement(tok: Token) -> bool:
    """A participle with no subject that is itself the subject of its sentence ('Saying that is
    unacceptable') reports nothing, nor does a participle that describes a noun with no one behind it ('a
    route estimated to cost $17 billion'), unless it passes on hearsay ('a man said to be his aide')."""
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and not any(c.dep_ == "agent" for c in tok.children) and \
            tok.lower_ not in _HEARSAY:
        return True
    return tok.tag_ == "VBG" and (tok.dep_ == "csubj" or (tok.dep_ == "ROOT" and tok.i == sent_of(tok).start
                                                          and subject(tok) is None))


def quoted_verb(tok: Token) -> Token | None:
    """The reporting verb after 'quoted X as': 'as saying', 'as calling the charges "fake news"'."""
    return next((t for t in tok.subtree if t.i > tok.i and t.pos_ == "VERB" and t.tag_ == "VBG"
                 and t.dep_ in ("pcomp", "advcl", "xcomp") and phrase_cue(t) is not None), None)


def _quote_claim(tok: Token, idx: MentionIndex, doc: Doc, times: Sequence[TimeExpr]) -> Draft | None:
    """'Reuters quoted a senior official as saying that …': the quoted is the claimant, the quoter a relay.
    The verb after 'as' gives the stance ('as calling the reports "fake news"' disputes them)."""
    quoted = next((c for c in tok.children if c.dep_ == "dobj"), None)
    saying = quoted_verb(tok)
    if quoted is None or saying is None:
        return None
    inner = verb_claim(saying, idx, doc, times)
    if inner is None or not inner.content:
        return None
    content = inner.content
    claimant = speaker_of(quoted, idx)
    stance: Stance = "asserts" if inner.stance == "reports" else inner.stance  # the quoter's outlet reports
    quoter = subject(tok)
    via = [k for k in [speaker_of(quoter, idx)] if k is not None]
    draft = Draft(tok, tok.idx + len(tok.text), content, stance, content_hedged(content) or (
        claimant is not None and idx.type_of(claimant) == "source"), claimant, via,
        _statement_time(tok, doc, times, content), source=source_phrase(quoted, {t.i for t in content} | {tok.i}),
        cue_start=cue_start_of(tok))
    draft.relay_head = quoter if not via else None
    return draft


_HEARSAY = {"said", "reported", "believed", "thought", "rumoured", "rumored", "alleged", "understood"}
