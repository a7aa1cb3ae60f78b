"""Claims within one document: who says what, relayed by whom, with what stance, hedged or not.

Every attribution becomes a claim: a reporting verb from data/reporting_verbs.csv with its content clause
("Iran admitted that it had provided drones"), "according to X", "X quoted Y as saying", and the
parenthetical "…, officials said". A claim inside another claim's content is relayed: its ``via`` lists
the relays, nearest first ("The Jerusalem Post reported that Netanyahu told CNN …" → Netanyahu via CNN,
then the Jerusalem Post). A sentence that holds events no attribution covers is a claim of the outlet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsledger.extract.entity_dateline import dateline_end
from newsledger.extract.event_syntax import (
    MentionIndex,
    adjacent_quote,
    read_data_csv,
    sent_of,
    subject,
    trim_edges,
)
from newsledger.model import ClaimRecord, EventRecord, Evidence, Mention, Stance, TimeExpr

# Who is most likely the speaker when a subject phrase holds several mentions ("the British channel Sky News").
_CLAIMANT_RANK = {"person": 0, "outlet": 1, "source": 2, "organization": 3, "group": 4, "country": 5, "place": 6,
                  "facility": 7, "nationality": 8}
_CONTENT_OBJECT_VERBS = {"deny", "admit", "confirm", "report", "announce", "disclose", "reveal", "dismiss",
                         "dispute", "reject", "question", "acknowledge", "call", "refute", "concede", "describe"}
_RELAY_TYPES = {"outlet", "organization"}


@dataclass(frozen=True, slots=True)
class Cues:
    verbs: dict[str, tuple[Stance, bool]]
    preps: dict[str, tuple[Stance, bool]]
    hedges: tuple[str, ...]
    dismissals: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Reporting verbs, 'according to', hedges and dismissals from data/reporting_verbs.csv."""
    verbs: dict[str, tuple[Stance, bool]] = {}
    preps: dict[str, tuple[Stance, bool]] = {}
    hedges: list[str] = []
    dismissals: list[str] = []
    for r in read_data_csv("reporting_verbs.csv"):
        hedged = r["hedged"] == "1"
        if r["kind"] == "verb":
            verbs[r["cue"]] = (r["stance"], hedged)  # type: ignore[assignment]
        elif r["kind"] == "prep":
            preps[r["cue"]] = (r["stance"], hedged)  # type: ignore[assignment]
        elif r["kind"] == "hedge":
            hedges.append(r["cue"].lower())
        elif r["kind"] == "dismissal":
            dismissals.append(r["cue"].lower())
    return Cues(verbs, preps, tuple(hedges), tuple(dismissals))


@dataclass(slots=True)
class _Draft:
    """A claim while the sentence is read; relays and events are filled in once all are known."""

    cue: Token
    cue_end: int
    content: list[Token]
    stance: Stance
    hedged: bool
    claimant: int | None
    via: list[int] = field(default_factory=list)
    time: int | None = None
    pronoun: bool = False  # the claimant was found through a pronoun subject ("it said")

    @property
    def span(self) -> tuple[int, int]:
        return self.content[0].idx, self.content[-1].idx + len(self.content[-1].text)


def _content(tok: Token) -> list[Token]:
    """What a reporting verb reports: its clause complement, gerund, object, or the clause it interrupts."""
    for c in tok.children:
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.pos_ == "VERB"):
            return trim_edges(list(c.subtree))
    if tok.lemma_ == "accuse":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return trim_edges([t for t in c.subtree if t is not c])
    if tok.lemma_ in _CONTENT_OBJECT_VERBS:
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ != "PRON":
                return trim_edges(list(c.subtree))
    quoted = adjacent_quote(tok)
    if quoted:
        return quoted
    if tok.dep_ in ("parataxis", "ccomp") and tok.i > tok.head.i:  # "Iran sent drones, officials said."
        own = {t.i for t in tok.subtree}
        return trim_edges([t for t in tok.head.subtree if t.i not in own])
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.i < tok.i:
        first = min(t.i for t in subj.subtree)
        if first > sent_of(tok).start and tok.doc[first - 1].text in (",", "—", "–"):
            # a trailing attribution the parser left unattached: "Apple to buy Path, report says"
            return trim_edges(list(tok.doc[sent_of(tok).start : first - 1]))
    return []


def _best(idx: MentionIndex, found: list[int]) -> int | None:
    if not found:
        return None
    return min(found, key=lambda k: (_CLAIMANT_RANK.get(idx.type_of(k), 9), -idx.mentions[k].start))


def _speaker(head: Token | None, idx: MentionIndex) -> int | None:
    if head is None:
        return None
    return _best(idx, idx.for_phrase(head))


def _is_hedged(tokens: Sequence[Token], extra: Sequence[Token] = ()) -> bool:
    words = " ".join(t.lower_ for t in [*extra, *tokens])
    padded = f" {words} "
    return any(f" {h} " in padded for h in cues().hedges)


def _dismissal_start(tok: Token) -> int | None:
    """Index of the first dismissing word under a verb ('called the report fake news'), or None."""
    toks = list(tok.subtree)
    for n, t in enumerate(toks):
        for d in cues().dismissals:
            words = d.split()
            if [x.lower_ for x in toks[n : n + len(words)]] == words:
                return t.i
    return None


def _statement_time(tok: Token, doc: Doc, times: Sequence[TimeExpr], content: list[Token]) -> int | None:
    """A time expression whose nearest governing verb is the reporting verb itself."""
    inside = {t.i for t in content}
    for k, t in enumerate(times):
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


def _relays(tok: Token, idx: MentionIndex, content: list[Token]) -> list[int]:
    """Who carried the words: 'told CNN', 'in an interview with CNN', 'speaking to Reuters'.

    Objects of the verb and of prepositions hanging on it (up to an interview noun), outside the content.
    """
    inside = {t.i for t in content}
    found: list[int] = []
    todo = [(c, 0) for c in tok.children if c.i not in inside]
    while todo:
        c, depth = todo.pop(0)
        if c.dep_ in ("dobj", "dative", "pobj"):
            k = idx.of(c)
            if k is not None and idx.type_of(k) in _RELAY_TYPES and k not in found:
                found.append(k)
        if depth < 3 and c.dep_ in ("prep", "pobj", "dative", "dobj", "advcl", "pcomp"):
            todo += [(g, depth + 1) for g in c.children if g.i not in inside]
    return found


def _phrase_cue(tok: Token) -> str | None:
    """The cue a verb starts: its lemma, or 'lemma object' for a verb-object idiom ('cast doubt')."""
    for c in tok.children:
        if c.dep_ == "dobj" and f"{tok.lemma_} {c.lemma_.lower()}" in cues().verbs:
            return f"{tok.lemma_} {c.lemma_.lower()}"
    return tok.lemma_ if tok.lemma_ in cues().verbs else None


def _idiom_content(tok: Token) -> list[Token]:
    """'cast doubt on the claims': the content is the object of on/over/about."""
    for c in [*tok.children, *(g for d in tok.children if d.dep_ == "dobj" for g in d.children)]:
        if c.dep_ == "prep" and c.lower_ in ("on", "over", "about"):
            return trim_edges([t for t in c.subtree if t is not c])
    return []


def _verb_claim(tok: Token, idx: MentionIndex, doc: Doc, times: Sequence[TimeExpr]) -> _Draft | None:
    cue = _phrase_cue(tok)
    if cue is None:
        return None
    stance, hedged = cues().verbs[cue]
    if tok.lemma_ == "quote":
        return _quote_claim(tok, idx, doc, times)
    content = _idiom_content(tok) if " " in cue else _content(tok)
    if not content or tok in content:
        return None
    subj = subject(tok)
    if subj is not None and subj.lower_ in ("i", "we", "you"):
        return None  # "I think …" inside a quotation: the quoted speaker's own words, not a new attribution
    claimant = _speaker(subj, idx)
    if subj is not None and (claimant is None or idx.of(subj) is None):
        # "Sudan's army chief Abdel Fattah al-Burhan said": the parser makes title and name two subjects;
        # the named one speaks, not the possessor of the title.
        named = [k for c in tok.children if c.dep_ == "nsubj" and c is not subj and (k := idx.of(c)) is not None]
        if named:
            claimant = _best(idx, named)
    if subj is None:
        for c in tok.children:
            if c.dep_ == "agent":
                claimant = _speaker(next((o for o in c.children if o.dep_ == "pobj"), None), idx)
    if tok.lemma_ in ("call", "describe", "dismiss", "reject", "question"):
        cut = _dismissal_start(tok)
        if cut is not None:  # the parser may fold "the report fake news" into one phrase: keep what is dismissed
            content = trim_edges([t for t in content if t.i < cut]) if cut > content[0].i else content
        stance = "disputes" if cut is not None or tok.lemma_ in ("dismiss", "question") else stance
        if not content:
            return None
    if tok.lemma_ == "call" and stance != "disputes":
        return None  # 'called for talks' is a request, not an attribution
    if stance == "asserts" and claimant is not None and idx.type_of(claimant) == "outlet" and tok.lemma_ in ("say", "report"):
        stance = "reports"
    relays = [k for k in _relays(tok, idx, content) if k != claimant]
    hedged = hedged or _is_hedged(content, [t for t in tok.children if t.dep_ in ("advmod", "aux")])
    hedged = hedged or (claimant is not None and idx.type_of(claimant) == "source")
    hedged = hedged or (subj is None and tok.tag_ == "VBN" and claimant is None)  # "it is said that"
    draft = _Draft(tok, tok.idx + len(tok.text), content, stance, hedged, claimant, relays,
                   _statement_time(tok, doc, times, content))
    draft.pronoun = subj is not None and subj.pos_ == "PRON"
    return draft


def _quote_claim(tok: Token, idx: MentionIndex, doc: Doc, times: Sequence[TimeExpr]) -> _Draft | None:
    """'Reuters quoted a senior official as saying that …': the quoted is the claimant, the quoter a relay."""
    quoted = next((c for c in tok.children if c.dep_ == "dobj"), None)
    saying = next((t for t in tok.subtree if t.lemma_ == "say" and t.i > tok.i), None)
    if quoted is None or saying is None:
        return None
    content = _content(saying)
    if not content:
        return None
    claimant = _speaker(quoted, idx)
    via = [k for k in [_speaker(subject(tok), idx)] if k is not None]
    return _Draft(tok, tok.idx + len(tok.text), content, "asserts", _is_hedged(content) or (
        claimant is not None and idx.type_of(claimant) == "source"), claimant, via,
        _statement_time(tok, doc, times, content))


def _according_claim(tok: Token, idx: MentionIndex) -> _Draft | None:
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
    if not content:
        return None
    claimant = _speaker(pobj, idx)
    stance, hedged = cues().preps["according to"]
    if claimant is not None and idx.type_of(claimant) == "outlet":
        stance = "reports"
    hedged = hedged or _is_hedged(content) or (claimant is not None and idx.type_of(claimant) == "source")
    hedged = hedged or (claimant is None and pobj.lemma_ in ("source", "report"))
    relays = [k for k in idx.in_tokens(t for t in tok.doc[tok.i : max(phrase) + 1]) if k != claimant
              and idx.type_of(k) == "outlet"]
    return _Draft(tok, to.idx + len(to.text), content, stance, hedged, claimant, relays)


def _colon_claim(sent: Span, idx: MentionIndex) -> _Draft | None:
    """Headline-style attribution around a colon: 'Minister: talks will resume', 'Talks to resume: sources'.

    The short side (at most four words) is the speaker when it names a mention or is a capitalised title.
    """
    colons = [t for t in sent if t.text == ":"]
    if len(colons) != 1:
        return None
    colon = colons[0]
    left = [t for t in sent[: colon.i - sent.start] if not t.is_space]
    right = trim_edges([t for t in sent[colon.i - sent.start + 1 :]])
    for speaker, content in ((left, right), (right, left)):
        content = trim_edges(content)
        if not speaker or not content or len(speaker) > 4 or len(content) < 3:
            continue
        found = [k for k in idx.in_tokens(speaker) if idx.type_of(k) in _CLAIMANT_RANK]
        titled = len(speaker) == 1 and speaker[0].is_title and speaker[0].pos_ in ("NOUN", "PROPN")
        if not found and not titled:
            continue
        claimant = _best(idx, found)
        hedged = _is_hedged(content) or claimant is None or idx.type_of(claimant) == "source"
        stance: Stance = "reports" if claimant is not None and idx.type_of(claimant) == "outlet" else "asserts"
        return _Draft(colon, colon.idx + 1, content, stance, hedged, claimant)
    return None


def _ev(text: str, start: int, end: int) -> Evidence:
    return Evidence("", start, end, text[start:end])


def _sentence_claims(sent: Span, idx: MentionIndex, times: Sequence[TimeExpr]) -> list[_Draft]:
    drafts: list[_Draft] = []
    quoted: set[int] = set()
    for tok in sent:
        draft = None
        if tok.i in quoted:
            continue
        if tok.pos_ == "VERB" and tok.lemma_ == "quote":
            quoted |= {t.i for t in tok.subtree if t.lemma_ == "say"}
        if tok.pos_ == "VERB" and _phrase_cue(tok) is not None:
            draft = _verb_claim(tok, idx, sent.doc, times)
        elif tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            draft = _according_claim(tok, idx)
        if draft is not None:
            drafts.append(draft)
    if not drafts and (draft := _colon_claim(sent, idx)) is not None:
        drafts.append(draft)
    # "The UN office said it had confirmed ...": a pronoun speaking inside a claim is that claim's claimant,
    # not the nearest earlier name ("Geneva").
    for d in drafts:
        if d.pronoun:
            outer = [o for o in drafts if o is not d and o.span[0] <= d.cue.idx < o.span[1] and o.claimant is not None]
            if outer:
                d.claimant = min(outer, key=lambda o: o.span[1] - o.span[0]).claimant
    # "X said Y, according to KCNA": the outlet carried X's words; it relays X's claim, it makes none.
    for d in list(drafts):
        if d.cue.lower_ == "according" and d.claimant is not None and idx.type_of(d.claimant) == "outlet":
            outer = [o for o in drafts if o is not d and o.span[0] <= d.cue.idx < o.span[1] and o.claimant is not None]
            if outer:
                o = min(outer, key=lambda o: o.span[1] - o.span[0])
                if d.claimant not in o.via:
                    o.via.append(d.claimant)
                phrase = {t.i for t in d.cue.subtree} | {t.i for t in d.cue.doc[d.cue.i + 1].subtree} | {d.cue.i + 1}
                o.content = trim_edges([t for t in o.content if t.i not in phrase]) or o.content
                drafts.remove(d)
    # A claim whose cue sits inside another's content was relayed by that other's claimant.
    for d in drafts:
        outers = [o for o in drafts if o is not d and o.span[0] <= d.cue.idx < o.span[1]]
        for o in sorted(outers, key=lambda o: o.span[1] - o.span[0]):
            for k in [o.claimant, *o.via]:
                if k is not None and k != d.claimant and k not in d.via:
                    d.via.append(k)
    return _without_echoes(drafts, idx)


def _key(idx: MentionIndex, k: int | None) -> str | None:
    return None if k is None else idx.mentions[k].key


def _without_echoes(drafts: list[_Draft], idx: MentionIndex) -> list[_Draft]:
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
    out: list[_Draft] = []
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


def _after_header(text: str, sentence: Evidence, header: int | None) -> Evidence:
    """The sentence without a wire dateline glued to its start."""
    if header is not None and sentence.start < header < sentence.end:
        return _ev(text, header, sentence.end)
    return sentence


def find_claims(doc: Doc, mentions: Sequence[Mention], times: Sequence[TimeExpr],
                events: Sequence[EventRecord]) -> list[ClaimRecord]:
    """Every attribution in ``doc``, plus one outlet claim per sentence whose events no attribution covers."""
    idx = MentionIndex(doc, mentions)
    text = doc.text  # built anew by spaCy on every access
    claims: list[ClaimRecord] = []
    header = dateline_end(text)
    for sent in doc.sents:
        drafts = _sentence_claims(sent, idx, times)
        in_sent = [k for k, e in enumerate(events) if sent.start_char <= e.trigger.start < sent.end_char]
        owner: dict[int, _Draft] = {}
        for k in in_sent:  # an event belongs to the innermost claim whose content holds its trigger
            holders = [d for d in drafts if d.span[0] <= events[k].trigger.start < d.span[1]]
            if holders:
                owner[k] = min(holders, key=lambda d: d.span[1] - d.span[0])
        sentence = _ev(text, sent.start_char, sent.end_char)
        for d in drafts:
            start, end = d.span
            if header is not None and start < header <= end:
                start = header  # the content starts after "SEOUL, Oct 12 (Reuters) -"
            claims.append(ClaimRecord(
                sentence=sentence, stance=d.stance, hedged=d.hedged, claimant=d.claimant, via=tuple(d.via),
                cue=_ev(text, d.cue.idx, d.cue_end), content=_ev(text, start, end), time=d.time,
                events=tuple(k for k in in_sent if owner.get(k) is d),
            ))
        loose = tuple(k for k in in_sent if k not in owner)
        if loose:
            claims.append(ClaimRecord(
                sentence=sentence, stance="reports", hedged=_is_hedged(list(sent)), claimant=None,
                content=_after_header(text, sentence, header), events=loose,
            ))
    return claims


__all__ = ["Cues", "cues", "find_claims"]
