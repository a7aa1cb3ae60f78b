"""Claims within one document: who says what, relayed by whom, with what stance, hedged or not.

Every attribution becomes a claim: a reporting verb from data/reporting_verbs.csv with its content clause
("Iran admitted that it had provided drones"), "according to X", "X quoted Y as saying", and the
parenthetical "…, officials said". A claim inside another claim's content is relayed: its ``via`` lists
the relays, nearest first ("The Jerusalem Post reported that Netanyahu told CNN …" → Netanyahu via CNN,
then the Jerusalem Post). A sentence that holds events no attribution covers is a claim of the outlet.

Each claim also keeps its source as written (``ClaimRecord.source``: "Anna Berg, the mayor of the town", or
"He" resolved to its antecedent), its cue with auxiliaries and particles ("has denied", "pointed out"), and its
content as the complement clause with its "that", both halves of a split quotation, or the whole clause an
attribution interrupts. Reporting a negation ("said the woman is not his wife") is a denial, calling something
untrue ("said the reports were false") a dispute; hedges come from ``extract.commitment``. Headlines get
their own readings: "X: …", "… - reports", a Title Case verb the tagger took for a name ("Pentagon Denies …"),
and nominal claims ("Ukraine's claim that …").

Long sentences are read against the parser's usual misattachments: "according to X" hanging on a reporting verb
or standing between it and its clause makes X a relay ("Kim, who, according to KCNA, described …"); a reporting
participle after someone's content is theirs ("…, stressing that …"); "…, a claim Y denied" and "…, allegations
that Y rejects" are Y's stance on the content before the comma, not contents of their own; and what the writer
adds after a content ("but did not name the town", "without giving details", "in what appears to be …") is cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsledger.extract.commitment import cue_words, is_hedged, negated_predicate, refutes, words
from newsledger.extract.entity_dateline import dateline_end
from newsledger.extract.event_syntax import (  # _quote_pairs: the quote pairing adjacent_quote uses
    MentionIndex,
    _quote_pairs,
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
                         "dispute", "reject", "question", "acknowledge", "call", "refute", "concede", "describe",
                         "debunk", "rebuff", "contest", "doubt", "downplay", "ridicule", "deride", "retract", "slam",
                         "rebut", "claim"}
_RELAY_TYPES = {"outlet", "organization"}
# Phrasal verbs that dispute only a claim ('shot down the report'); with any other object they are deeds
# ('shot down 27 drones').
_CLAIM_OBJECT_ONLY = {"shoot down"}
# Verbs that report only through a that-clause or a quotation: "agreed that …" is a claim, "agreed to talks"
# a commitment, "woke up to find" no report at all.
_CLAUSE_ONLY = {"find", "agree", "learn", "conclude", "recall", "mention", "respond", "reply", "expect"}
# Mentions that head a headline as its topic rather than its speaker ("Syria: five killed in strike").
_TOPIC_TYPES = {"place", "country", "facility", "nationality", "weapon"}
# Nouns that name who speaks without naming them: "… - reports", "…: officials".
_SPEAKER_NOUNS = {"report", "source", "official", "analyst", "expert", "witness", "police", "media", "insider",
                  "spokesman", "spokeswoman", "spokesperson", "study", "survey", "poll", "monitor", "watchdog"}
_DASHES = {"-", "--", "—", "–"}


@dataclass(frozen=True, slots=True)
class Cues:
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
    source: list[Token] = field(default_factory=list)  # the claimant as written ("the city's mayor, Jo Ray")
    cue_start: int | None = None  # where the cue phrase starts when it is wider than its verb ("has denied")
    relay_head: Token | None = None  # a relay named by a description only ("The agency quoted …"), resolved later
    cited: list[int] = field(default_factory=list)  # whom the speaker cites: relays between them and the inner claims
    about: _Draft | None = None  # the claim this one takes a stance on ('…, a claim Ankara denied'): same events

    @property
    def span(self) -> tuple[int, int]:
        return self.content[0].idx, self.content[-1].idx + len(self.content[-1].text)


def _content(tok: Token) -> list[Token]:
    """What a reporting verb reports: its clause complement, gerund, object, or the clause it interrupts."""
    if tok.lemma_ == "call":  # 'called the plan a disgrace': the object with its complement
        parts = [c for c in tok.children if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp")]
        if any(c.dep_ == "dobj" for c in parts):
            return trim_edges([t for c in parts for t in c.subtree])
    if tok.lemma_ in ("describe", "cite"):  # 'described the ties as being at a new level': what is said is the whole
        parts = [c for c in tok.children if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "as")]
        nouns = any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in parts)
        if tok.lemma_ == "cite" and (tok.tag_ == "VBG" or not nouns):
            return []  # 'cited the remarks', 'cited the figure'; not 'cited Pelé'; 'citing an official' names a relay
        if any(c.dep_ == "dobj" for c in parts):
            return trim_edges([t for c in parts for t in c.subtree])
    fronted = _fronted_report_clause(tok)
    if fronted:
        return fronted
    for c in tok.children:  # "reported, citing an MP, that …": the parser hangs the clause on 'citing'
        if c.dep_ == "advcl" and c.lemma_ == "cite":
            clause = next((g for g in c.children if g.dep_ == "ccomp"), None)
            if clause is not None:
                return _with_complementizer(clause, trim_edges(list(clause.subtree)))
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i < tok.i and _fronted_report_clause(c):
            continue  # "Yonhap reported, citing Choi, that officials told …": 'reported' is no content of 'told'
        if c.dep_ == "ccomp" and tok.lemma_ in _CLAUSE_ONLY and not _finite(c):
            continue  # "woke up to find his car stolen": a discovery, not a report
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.pos_ == "VERB" and tok.lemma_ not in _CLAUSE_ONLY):
            return _with_second_half(tok, _with_complementizer(c, _with_coordinate_clauses(tok, c)))
    if (clause := _stray_that_clause(tok)) is not None:
        return _with_complementizer(clause, trim_edges(list(clause.subtree)))
    if tok.lemma_ == "accuse":  # 'accused X of Y'; the parser may hang 'of Y' on the accused
        for c in [*tok.children, *(g for o in tok.children if o.dep_ == "dobj" for g in o.children)]:
            if c.dep_ == "prep" and c.lower_ == "of":
                return trim_edges([t for t in c.subtree if t is not c])
    if tok.lemma_ in _CONTENT_OBJECT_VERBS or _phrase_cue(tok) in _CLAIM_OBJECT_ONLY:
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ != "PRON":
                return trim_edges(list(c.subtree))
    quoted = adjacent_quote(tok)
    if quoted:
        return _with_second_half(tok, quoted)
    own = {t.i for t in tok.subtree}
    if tok.dep_ == "advcl" and tok.i < tok.head.i and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
            and any(c.dep_ == "nsubj" for c in tok.children):  # not 'As expected, …'

        # 'As the minister noted, the border is closed': the clause the 'as' phrase opens is what was said
        return trim_edges([t for t in tok.head.subtree if t.i not in own and t.i > max(own)])
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_ not in _CLAUSE_ONLY and \
            any(c.dep_ == "agent" for c in tok.children):
        # 'the millions claimed by Seoul', 'allegations retracted by the reporter': the noun is what is said
        return trim_edges([t for t in tok.head.subtree if t.i not in own and t.i <= tok.i])
    inner = [t.i for t in tok.subtree if not t.is_punct]
    doc = tok.doc
    if tok.dep_ in ("parataxis", "ccomp") and tok.i < tok.head.i and min(inner) > 0 and \
            doc[min(inner) - 1].text == "," and max(inner) + 1 < len(doc) and doc[max(inner) + 1].text == ",":
        # an attribution that interrupts its clause: "The drones, officials said, were delivered in May."
        return trim_edges([t for t in tok.head.subtree if t.i not in own])
    if tok.dep_ in ("parataxis", "ccomp") and tok.i > tok.head.i and min(own) > 0 and \
            tok.doc[min(own) - 1].text in (",", "—", "–", "--", ":"):  # "Iran sent drones, officials said."
        return trim_edges([t for t in tok.head.subtree if t.i not in own])
    subj = _trailing_subject(tok)
    if subj is not None:
        # a trailing attribution the parser left unattached: "Apple to buy Path, report says"
        first = min(t.i for t in subj.subtree)
        start = sent_of(tok.doc[first - 2]).start if first >= 2 else 0
        return trim_edges(list(tok.doc[start : first - 1]))
    return []


def _has_that(clause: Token) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children)


def _with_coordinate_clauses(tok: Token, clause: Token) -> list[Token]:
    """'told reporters that A, and that B': the parser may make B a second complement of the verb rather than a
    conjunct of A; both are what was said."""
    toks = list(clause.subtree)
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i > clause.i and c.doc[min(t.i for t in c.subtree)].lower_ == "that":
            between = tok.doc[max(t.i for t in toks) + 1 : min(t.i for t in c.subtree)]
            if all(t.is_punct or t.dep_ == "cc" for t in between):
                toks += [*between, *c.subtree]
    return trim_edges(toks)


def _stray_that_clause(tok: Token) -> Token | None:
    """A that-clause the parser hung elsewhere: as a conjunct of the verb after a comma ('told reporters,
    according to X, that …') or as a relative clause of a duration ('has said for a year that …')."""
    for c in tok.children:
        if c.dep_ == "conj" and c.i > tok.i and _has_that(c) and not any(
                g.dep_ == "cc" and tok.i < g.i < c.i for g in tok.children):
            return c
        if c.dep_ == "prep" and c.lower_ == "for" and c.i > tok.i:
            for n in c.subtree:
                if n.dep_ in ("relcl", "acl") and _has_that(n) and any(g.dep_ in ("nsubj", "nsubjpass")
                                                                       for g in n.children):
                    return n
    return None


def _fronted_report_clause(tok: Token) -> list[Token]:
    """'Yonhap reported, citing Choi, that NIS officials told the committee …': the parser often makes the
    reporting verb a clause of the verb after 'that'. The content is then that verb's clause from its 'that' on,
    without the 'citing …' phrase; [] when ``tok`` is not such a fronted reporting verb."""
    head = tok.head
    if tok.dep_ != "ccomp" or head.i <= tok.i or not any(c.dep_ == "nsubj" for c in tok.children):
        return []
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that" and tok.i < c.i), None)
    if mark is None or tok.doc[tok.i + 1 : mark.i].text.strip(" ,") and not _citing_only(tok, mark):
        return []
    return trim_edges([t for t in head.subtree if t.i > mark.i])


def _citing_only(tok: Token, mark: Token) -> bool:
    """Whether the words between a reporting verb and its 'that' are only commas and a 'citing …' phrase."""
    between = [t for t in tok.doc[tok.i + 1 : mark.i] if t.text != ","]
    return bool(between) and between[0].lemma_ == "cite"


def _cited(tok: Token, idx: MentionIndex) -> list[int]:
    """Who a report cites ('reported, citing a member of parliament, that …'): relays nearer the speaker."""
    found: list[int] = []
    for t in tok.doc[tok.i + 1 : min(tok.i + 12, len(tok.doc))]:
        if t.lemma_ == "cite" and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ == "dobj":  # 'a member of parliament': the phrase's own mentions when its head has none
                    named = idx.for_phrase(c) or idx.in_tokens(c.subtree)
                    found += [k for k in named if idx.type_of(k) in _CLAIMANT_RANK]
            break
    return found


def _with_complementizer(clause: Token, toks: list[Token]) -> list[Token]:
    """The complement clause as written, with its 'that' ("said that the talks failed"): the span attribution
    corpora (PARC, PolNeAR) mark as the content."""
    first = clause.doc[min(t.i for t in clause.subtree)]
    if toks and first.lower_ == "that" and first.dep_ == "mark" and first.i < toks[0].i:
        return [first, *toks]
    return toks


def _finite(clause: Token) -> bool:
    """A clause with its own tense or a 'that': 'found that X', 'found X was', not 'found X stolen'."""
    return clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("mark", "aux", "auxpass") and c.tag_ in ("IN", "MD", "VBD", "VBZ", "VBP") for c in clause.children)


def _with_second_half(tok: Token, quoted: list[Token]) -> list[Token]:
    """A quotation split by its attribution ('"We will win," she said, "and soon."') is one content: when the
    quote before the speaker goes on in a quote right after the verb, both halves are kept."""
    doc = tok.doc
    if not quoted or quoted[-1].i > tok.i:
        return quoted
    pairs = _quote_pairs(doc)
    group = [tok.i, *(t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)]
    j = max(group) + 1
    while j < len(doc) and (doc[j].is_space or doc[j].text in (",", ":")):
        j += 1
    if j < len(doc) and j in pairs and pairs[j] > j and doc[j - 1].text == ",":
        return trim_edges([*quoted, *doc[j + 1 : pairs[j]]])
    return quoted


_OBJECT_DEPS = {"dobj", "ccomp", "xcomp", "dative", "attr"}


def _trailing_subject(tok: Token) -> Token | None:
    """The speaker of a verb that closes its clause after a comma ("…, officials say"), else None.

    The parser may attach the reported clause as a second subject, or split it off as its own sentence;
    the speaker is then the subject nearest the verb."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
    if not subjects or any(c.i > tok.i and c.dep_ in _OBJECT_DEPS for c in tok.children):
        return None  # "…, officials said on Monday" is trailing; "…, officials said that …" is not
    subj = max(subjects, key=lambda c: c.i)
    first = min(t.i for t in subj.subtree)
    if first > 0 and tok.doc[first - 1].text in (",", "—", "–") and first - 1 > 0:
        return subj
    return None


# Branches of a speaker's phrase that say something of their own: "Jo Ray, who chairs the panel, said" or
# "Jo Ray, speaking in Paris, said" — the source is "Jo Ray".
_NOT_SOURCE_DEPS = {"advcl", "parataxis"}


def _phrase(head: Token, skip: set[int]) -> list[Token]:
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


# Children of a reporting verb that belong to its cue when they stand right before it: "has also denied",
# "is not saying", "to admit", "forcefully told". A longer adverbial ("in a statement") is not part of the cue.
_CUE_LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}


def _cue_start(tok: Token) -> int:
    """Character offset where the cue phrase around a reporting verb starts (its auxiliaries and adverbs)."""
    kids = {c.i: c for c in tok.children}
    start = tok.i
    while (c := kids.get(start - 1)) is not None and c.dep_ in _CUE_LEFT_DEPS and c.n_lefts + c.n_rights == 0 \
            and c.pos_ in ("AUX", "PART", "ADV", "VERB"):
        start -= 1
    return tok.doc[start].idx


def _cue_end(tok: Token, content: Sequence[Token]) -> int:
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


def _best(idx: MentionIndex, found: list[int]) -> int | None:
    if not found:
        return None
    return min(found, key=lambda k: (_CLAIMANT_RANK.get(idx.type_of(k), 9), -idx.mentions[k].start))


def _speaker(head: Token | None, idx: MentionIndex) -> int | None:
    if head is None:
        return None
    return _best(idx, idx.for_phrase(head))


def _is_hedged(tokens: Sequence[Token], extra: Sequence[Token] = ()) -> bool:
    return is_hedged([*extra, *tokens], nouns=False)


def _negates_content(content: Sequence[Token]) -> bool:
    """Whether what is reported is itself a negation ("said the woman is not his wife"): a denial of it."""
    inside = {t.i for t in content}
    roots = [t for t in content if t.head.i not in inside or t.head.i == t.i]
    if roots and negated_predicate(roots[0]):
        return True
    # a verbless headline clause: "students not among the dead", "not a nuclear weapon"
    return not any(t.pos_ in ("VERB", "AUX") for t in content) and any(t.dep_ == "neg" for t in content)


def _dismissal_start(tok: Token) -> int | None:
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


def _relays(tok: Token, idx: MentionIndex, content: list[Token]) -> list[int]:
    """Who carried the words: 'told CNN', 'in an interview with CNN', 'speaking to Reuters'.

    Objects of the verb and of prepositions hanging on it (up to an interview noun), outside the content.
    """
    inside = {t.i for t in content}
    found: list[int] = []
    # 'according to X' is read by _according_relays
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


def _phrase_cue(tok: Token) -> str | None:
    """The cue a verb starts: its lemma, 'lemma particle' for a phrasal verb ('point out'), or 'lemma object'
    for a verb-object idiom ('cast doubt')."""
    for c in tok.children:
        if c.dep_ in ("dobj", "prt") and f"{tok.lemma_} {c.lemma_.lower()}" in cues().verbs:
            return f"{tok.lemma_} {c.lemma_.lower()}"
    return tok.lemma_ if tok.lemma_ in cues().verbs or tok.lemma_ in cues().quote_verbs else None


def _names_something(call: Token) -> bool:
    """'called the plan "a disgrace"', 'called the charges baseless': a verdict on its object (an object
    complement, or a noun or adjective the parser folded into the object phrase after its head)."""
    obj = next((c for c in call.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in call.children):
        return False
    if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in call.children):
        return True
    return any(c.i > obj.i and c.dep_ in ("appos", "amod", "npadvmod", "oprd") for c in obj.children)


def _idiom_content(tok: Token) -> list[Token]:
    """'cast doubt on the claims': the content is the object of on/over/about."""
    for c in [*tok.children, *(g for d in tok.children if d.dep_ == "dobj" for g in d.children)]:
        if c.dep_ == "prep" and c.lower_ in ("on", "over", "about"):
            return trim_edges([t for t in c.subtree if t is not c])
    return []


def _verb_claim(tok: Token, idx: MentionIndex, doc: Doc, times: Sequence[TimeExpr]) -> _Draft | None:
    cue = _phrase_cue(tok)
    if cue is None or (cue in _CLAIM_OBJECT_ONLY and not _claim_object(tok)):
        return None
    stance, hedged = cues().verbs.get(cue, ("asserts", False))
    if tok.lemma_ == "quote":
        return _quote_claim(tok, idx, doc, times)
    if _not_a_statement(tok) or _claim_noun_relative(tok) is not None:
        return None
    phrasal = any(c.dep_ == "prt" for c in tok.children)
    inverted = _inverted_speaker(tok, idx)
    if cue in cues().quote_verbs:  # '"…," she continued', 'he asked: "…?"'
        content = _with_second_half(tok, adjacent_quote(tok))
    elif inverted is not None:
        content = trim_edges([t for t in sent_of(tok) if t.i < tok.i])
    else:
        content = _idiom_content(tok) if " " in cue and not phrasal else _content(tok)
    if content and content[0].lemma_ == "cite":  # "reported, citing Choi, that …": the content starts at 'that'
        mark = next((t for t in content if t.dep_ == "mark" and t.lower_ == "that"), None)
        content = trim_edges([t for t in content if mark is not None and t.i > mark.i]) or content
    if content and inverted is None:
        content = _narrators_tail(tok, _with_stray_object(tok, content))
    if not content or tok in content or _says_nothing(tok, content):
        return None
    subj = inverted or _trailing_subject(tok) or subject(tok)
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
    claimant = _speaker(subj, idx)
    skip = {t.i for t in content} | {tok.i}
    source = _phrase(subj, skip) if subj is not None else []
    relative = subj is not None and subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl"
    if relative:  # "Jo Ray, who said …": the relative pronoun (the source as written) stands for its head
        claimant = _speaker(tok.head, idx)
    if subj is not None and (claimant is None or idx.of(subj) is None):
        # "Sudan's army chief Abdel Fattah al-Burhan said": the parser makes title and name two subjects;
        # the named one speaks, not the possessor of the title.
        others = [c for c in tok.children if c.dep_ == "nsubj" and c is not subj]
        named = [k for c in others if (k := idx.of(c)) is not None]
        if named:
            claimant = _best(idx, named)
            source = sorted({*source, *(t for c in others for t in _phrase(c, skip))}, key=lambda t: t.i)
    if subj is not None and idx.of(subj) is None and (claimant is None or idx.type_of(claimant) != "person"):
        # "Russia's envoy to the United Nations, Vasily Nebenzia, said": the parser may hang the name on the
        # nearest noun; a person set in apposition inside the speaker's phrase is the speaker
        named = [k for t in source if t.dep_ == "appos" and (k := idx.of(t)) is not None and idx.type_of(k) == "person"]
        if named:
            claimant = named[0]
    if claimant is None and subj is not None:
        claimant = _office_holder(subj, idx)
    if subj is None:
        for c in tok.children:
            if c.dep_ == "agent":
                by = next((o for o in c.children if o.dep_ == "pobj"), None)
                claimant = _speaker(by, idx)
                source = _phrase(by, skip) if by is not None else []
    if claimant is None and subj is not None and subj.lower_ in ("it", "this", "that", "there", "what"):
        source = []  # "it is said that …": no one in particular
    if tok.lemma_ in ("call", "describe", "dismiss", "reject", "question"):
        cut = _dismissal_start(tok)
        if cut is not None:  # the parser may fold "the report fake news" into one phrase: keep what is dismissed
            content = trim_edges([t for t in content if t.i < cut]) if cut > content[0].i else content
        stance = "disputes" if cut is not None or tok.lemma_ in ("dismiss", "question") else stance
        if not content:
            return None
    if tok.lemma_ == "call" and stance != "disputes" and not _names_something(tok):
        return None  # 'called for talks' is a request, 'called the minister' a phone call: no attribution
    if stance == "asserts" and claimant is not None and idx.type_of(claimant) == "outlet" and tok.lemma_ in ("say", "report"):
        stance = "reports"
    if stance in ("asserts", "reports") and tok.lemma_ not in ("accuse", "call") and _negates_content(content):
        stance = "denies"  # "Baghdad says the woman is not his wife", "Iran did not send drones, officials said"
    elif stance in ("asserts", "reports") and refutes(content):
        stance = "disputes"  # "the ministry said the reports were false"
    cited = [k for k in _cited(tok, idx) if k != claimant]
    relays = [k for k in _relays(tok, idx, content) if k != claimant and k not in cited]
    hedged = hedged or _is_hedged(content, [t for t in tok.children if t.dep_ in ("advmod", "aux")])
    hedged = hedged or (claimant is not None and idx.type_of(claimant) == "source")
    hedged = hedged or (subj is None and tok.tag_ == "VBN" and claimant is None)  # "it is said that"
    draft = _Draft(tok, _cue_end(tok, content), content, stance, hedged, claimant, relays,
                   _statement_time(tok, doc, times, content), source=source, cue_start=_cue_start(tok))
    draft.pronoun = subj is not None and subj.pos_ == "PRON" and not relative
    draft.cited = cited
    return draft


# Nouns for someone who speaks for a body: 'the head of Iran's foreign ministry', 'a spokesman for the army'.
_OFFICE_NOUNS = {"head", "chief", "leader", "spokesman", "spokeswoman", "spokesperson", "director", "minister",
                 "representative", "envoy", "ambassador", "secretary", "chairman", "chairwoman", "president"}


def _office_holder(subj: Token, idx: MentionIndex) -> int | None:
    """The body an unnamed office holder speaks for ('the head of Iran's foreign ministry' → the ministry, else
    Iran), when the subject names no one itself; None otherwise."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in _OFFICE_NOUNS:
        return None
    inner = [t for c in subj.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for t in c.subtree]
    return _best(idx, [k for k in idx.in_tokens(inner) if idx.type_of(k) in _CLAIMANT_RANK
                       and idx.type_of(k) not in ("person", "facility")])


# Verbs that introduce a statement ('said', 'reported', 'confirmed') and, negated, report that none was made.
_NEGATED_DENIALS = {"deny", "dispute", "reject", "dismiss", "rule"}


def _says_nothing(tok: Token, content: Sequence[Token]) -> bool:
    """'The NIS did not say how …', 'Al Jazeera could not confirm the figure', 'KCNA has not reported the
    comments': a negated reporting verb over a question or a thing states that nothing was said, so it is no
    claim ('did not say that X' still reports a statement, negated)."""
    if not any(c.dep_ == "neg" for c in tok.children) or tok.lemma_ in _NEGATED_DENIALS:
        return False
    return content[0].tag_ in ("WRB", "WP", "WDT") or content[0].lower_ in ("whether", "if") or \
        not any(t.pos_ in ("VERB", "AUX") for t in content)


# Verbs that, negated after a statement ('but did not name the town', 'without giving details'), tell what the
# speaker left out: the writer's words about the statement, not part of it.
_WITHHOLDING = {"name", "say", "give", "provide", "specify", "comment", "elaborate", "identify", "disclose", "offer",
                "explain", "confirm", "mention", "reveal", "cite"}


def _narrators_tail(tok: Token, content: list[Token]) -> list[Token]:
    """The content without what the writer adds after it: a conjunct that tells what the speaker withheld
    ('…, but did not name Izmail', '…, without giving details'), a gerund coordinated with a gerund cue
    ('saying that …, and calling on partners to …') or a comment in 'in what' ('…, in what appears to be …')."""
    inside = {t.i for t in content}
    root = next((t for t in content if t.head.i not in inside or t.head.i == t.i), None)
    if root is None:
        return content
    cut: int | None = None
    for c in root.children:
        if c.i not in inside or c.i < root.i or (c.dep_ in ("nsubj", "nsubjpass")):
            continue
        own_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        withheld = c.lemma_ in _WITHHOLDING and not own_subject and (
            (c.dep_ == "conj" and any(g.dep_ == "neg" for g in c.children))
            or (c.dep_ == "prep" and c.lower_ == "without"))
        gerunds = c.dep_ == "conj" and tok.tag_ == "VBG" and c.tag_ == "VBG" and not own_subject and \
            not any(g.dep_ in ("aux", "auxpass") for g in c.children)
        comment = c.dep_ == "prep" and c.lower_ == "in" and c.i > 0 and c.doc[c.i - 1].text == "," and \
            any(g.lower_ == "what" for g in c.subtree if g.i == c.i + 1)
        if c.dep_ == "prep" and c.lower_ == "without":
            withheld = any(g.lemma_ in _WITHHOLDING and g.tag_ == "VBG" for g in c.children)
        if withheld or gerunds or comment:
            start = min(t.i for t in c.subtree)
            cut = start if cut is None else min(cut, start)
    return _cut_before(content, cut) if cut is not None else content


_GERUND_PREPS = {"to", "from", "into", "for", "with"}


def _with_stray_object(tok: Token, content: list[Token]) -> list[Token]:
    """'denied supplying weapons to Russia': when the parser hangs the gerund's 'to Russia' on the cue, it is
    still part of what is denied."""
    if not any(t.tag_ == "VBG" for t in content) or content[0].i < tok.i:
        return content
    end = content[-1].i
    for c in sorted(tok.children, key=lambda c: c.i):
        if c.dep_ == "prep" and c.lower_ in _GERUND_PREPS and c.i == end + 1:
            content = [*content, *c.subtree]
            end = content[-1].i
    return content


def _not_a_statement(tok: Token) -> bool:
    """A participle with no subject that is itself the subject of its sentence ('Saying that is
    unacceptable') reports nothing, nor does a participle that describes a noun with no one behind it ('a
    route estimated to cost $17 billion'), unless it passes on hearsay ('a man said to be his aide')."""
    if tok.tag_ == "VBN" and tok.dep_ == "acl" and not any(c.dep_ == "agent" for c in tok.children) and \
            tok.lower_ not in _HEARSAY:
        return True
    return tok.tag_ == "VBG" and (tok.dep_ == "csubj" or (tok.dep_ == "ROOT" and tok.i == sent_of(tok).start
                                                          and subject(tok) is None))


# Verbs that can close a sentence with their speaker after them: "…, claims a Nigerian official".
_INVERTING = {"say", "claim", "add", "insist", "write", "allege", "state", "explain", "note", "report", "argue",
              "warn", "conclude"}


def _inverted_speaker(tok: Token, idx: MentionIndex) -> Token | None:
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
    typed = [k for k in idx.for_phrase(obj) if idx.type_of(k) in _CLAIMANT_RANK]
    if rest or not (typed or obj.lemma_.lower() in _SPEAKER_NOUNS or obj.pos_ == "PROPN"):
        return None
    return obj


def _quoted_verb(tok: Token) -> Token | None:
    """The reporting verb after 'quoted X as': 'as saying', 'as calling the charges "fake news"'."""
    return next((t for t in tok.subtree if t.i > tok.i and t.pos_ == "VERB" and t.tag_ == "VBG"
                 and t.dep_ in ("pcomp", "advcl", "xcomp") and _phrase_cue(t) is not None), None)


def _quote_claim(tok: Token, idx: MentionIndex, doc: Doc, times: Sequence[TimeExpr]) -> _Draft | None:
    """'Reuters quoted a senior official as saying that …': the quoted is the claimant, the quoter a relay.
    The verb after 'as' gives the stance ('as calling the reports "fake news"' disputes them)."""
    quoted = next((c for c in tok.children if c.dep_ == "dobj"), None)
    saying = _quoted_verb(tok)
    if quoted is None or saying is None:
        return None
    inner = _verb_claim(saying, idx, doc, times)
    if inner is None or not inner.content:
        return None
    content = inner.content
    claimant = _speaker(quoted, idx)
    stance: Stance = "asserts" if inner.stance == "reports" else inner.stance  # the quoter's outlet reports
    quoter = subject(tok)
    via = [k for k in [_speaker(quoter, idx)] if k is not None]
    draft = _Draft(tok, tok.idx + len(tok.text), content, stance, _is_hedged(content) or (
        claimant is not None and idx.type_of(claimant) == "source"), claimant, via,
        _statement_time(tok, doc, times, content), source=_phrase(quoted, {t.i for t in content} | {tok.i}),
        cue_start=_cue_start(tok))
    draft.relay_head = quoter if not via else None
    return draft


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
    if content and content[0].i < tok.i and content[-1].i > max(phrase):
        # "Four were killed, according to local media, as Moscow keeps up …" or "Meanwhile, according to
        # sources, the plant is …": a content is one span, so keep the side that holds the main verb
        before = trim_edges([t for t in content if t.i < tok.i])
        after = trim_edges([t for t in content if t.i > max(phrase)])
        content = before if head.i < tok.i and head in before else after
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
    return _Draft(tok, to.idx + len(to.text), content, stance, hedged, claimant, relays,
                  source=_phrase(pobj, {t.i for t in content}))


def _noun_claim(tok: Token, idx: MentionIndex) -> _Draft | None:
    """A nominal attribution: "Ukraine's claim that Russia fired the missile", "allegations by Kyiv that …".
    The speaker is the possessor or the object of by/from; the content the that-clause."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues().nouns:
        return None
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None or _claim_noun_relative(clause) is not None:
        return None  # 'allegations that both governments deny' says what is done with the claim, not what it is
    content = _with_complementizer(clause, trim_edges(list(clause.subtree)))
    if not content:
        return None
    head = next((c for c in tok.children if c.dep_ == "poss"), None)
    if head is None:
        head = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                     for o in c.children if o.dep_ == "pobj"), None)
    claimant = _speaker(head, idx)
    stance, hedged = cues().nouns[tok.lemma_.lower()]
    hedged = hedged or claimant is None or idx.type_of(claimant) == "source" or _is_hedged(content)
    source = _phrase(head, {t.i for t in content} | {tok.i}) if head is not None else []
    if head is not None and head.dep_ == "poss":
        source = [t for t in source if t.dep_ != "case" or t.i < source[-1].i]  # "Ukraine's" → "Ukraine"
    return _Draft(tok, tok.idx + len(tok.text), content, stance, hedged, claimant, source=trim_edges(source))


_OBJECT_OF_CUE = {"dobj", "ccomp", "xcomp", "attr", "oprd"}


def _claim_noun_relative(verb: Token) -> Token | None:
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
        return _headline_verbs().get(verb.lower_)
    return _phrase_cue(verb)


def _relative_subject(verb: Token) -> Token | None:
    """The subject of a verb in a relative clause: its nsubj, or for a verb the tagger read as a noun, the name
    it took for a compound ('that Valletta rejects')."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT") and c.lower_ != "that":
            return c
    if verb.pos_ == "NOUN":
        return next((c for c in verb.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < verb.i), None)
    return None


def _relative_claim(tok: Token, idx: MentionIndex, drafts: Sequence[_Draft]) -> _Draft | None:
    """'… said the containers had moved, a claim Pyongyang rejected': the relative clause is a claim of its
    subject about what the claim noun sums up, the content before the comma. That content is cut from the
    claim that holds it."""
    # the tagger may read the verb as a noun ('allegations that Minsk rejects'); its subject shows it is a verb
    noun = _claim_noun_relative(tok) if tok.pos_ in ("VERB", "NOUN") else None
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
    assert subj is not None  # _claim_noun_relative checked it
    claimant = _speaker(subj, idx)
    if holder:
        o = min(holder, key=lambda o: len(o.content))
        if o.content[-1].i >= first - 1:
            o.content = _cut_before(o.content, first - 1)
        o.via = [k for k in o.via if k != claimant]
        content = o.content
    else:
        o, content = None, trim_edges([t for t in sent_of(tok) if t.i < first - 1])
    stance, hedged = cues().verbs.get(_relative_cue(tok) or tok.lemma_, ("asserts", False))
    hedged = hedged or (claimant is not None and idx.type_of(claimant) == "source")
    draft = _Draft(tok, tok.idx + len(tok.text), list(content), stance, hedged, claimant,
                   source=_phrase(subj, {tok.i}), cue_start=_cue_start(tok), about=o)
    draft.pronoun = subj.pos_ == "PRON"  # '…, a claim he denied': named through the earlier speakers
    return draft


def _colon_claim(sent: Span, idx: MentionIndex) -> _Draft | None:
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
        found = [k for k in idx.in_tokens(speaker) if idx.type_of(k) in _CLAIMANT_RANK]
        if first and found and all(idx.type_of(k) in _TOPIC_TYPES for k in found) and not _own_words(content):
            continue
        titled = len(speaker) == 1 and speaker[0].is_title and speaker[0].pos_ == "NOUN"  # "Minister: …"
        named = speaker[-1].lemma_.lower() in _SPEAKER_NOUNS or speaker[-1].lower_.rstrip("s") in _SPEAKER_NOUNS
        if not found and not titled and not named:
            continue
        claimant = _best(idx, found)
        hedged = _is_hedged(content) or claimant is None or idx.type_of(claimant) == "source"
        stance: Stance = "reports" if claimant is not None and idx.type_of(claimant) == "outlet" else "asserts"
        if _negates_content(content):
            stance = "denies"
        return _Draft(mark, mark.idx + len(mark.text), content, stance, hedged, claimant, source=speaker)
    return None


def _own_words(tokens: Sequence[Token]) -> bool:
    """A quotation or first-person words: 'Iran: "We sent no drones"'."""
    return any(t.text in ('"', "“", "”") or t.lower_ in ("i", "we", "my", "our", "us", "me") for t in tokens)


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
def _headline_verbs() -> dict[str, str]:
    """Present-tense form → lemma for the one-word reporting verbs."""
    return {form: lemma for lemma in cues().verbs if " " not in lemma for form in _inflections(lemma)}


def _headline_claim(sent: Span, idx: MentionIndex) -> _Draft | None:
    """'Pentagon Denies It Killed ISIS Chief', 'Kurds Deny Report': in a Title Case or ALL CAPS headline the
    tagger often reads the verb as a name. A present-tense reporting verb tagged as a noun, after a short
    subject and before at least two words, is then read as the cue: subject on its left, content on its right."""
    toks = [t for t in sent if not t.is_space]
    words = [t for t in toks if t.is_alpha]
    if len(words) < 4:
        return None
    titled = sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)
    for n, tok in enumerate(toks[1:8], start=1):
        lemma = _headline_verbs().get(tok.lower_)
        if lemma is None or tok.pos_ not in ("NOUN", "PROPN") or (titled and not tok.text[0].isupper()):
            continue
        if not titled and not _claim_follows(toks, n):
            continue  # in running text, 'Egypt, PA deny report that …' only: a claim noun or 'that' follows
        plural = toks[n - 1].tag_ in ("NNS", "NNPS") or toks[n - 1].lower_.endswith("s")
        if tok.lower_ == lemma and not (plural or any(t.lower_ in ("and", "&", ",") for t in toks[:n])):
            continue  # the bare form is a verb only after a plural subject ("Kurds Deny …", "X and Y Deny")
        if (draft := _flat_claim(toks, n, idx)) is not None:
            return draft
    return None


def _claim_object(tok: Token) -> bool:
    """Whether the verb's object is a noun naming a claim ('shot down the report', 'the rumours')."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in {*cues().nouns, *words().hedge_nouns, "rumour", "rumor"}
               for c in tok.children)


def _claim_follows(toks: list[Token], n: int) -> bool:
    """Whether the word after ``toks[n]`` is 'that' or a noun naming a claim ('deny report that …')."""
    if n + 1 >= len(toks):
        return False
    nxt = toks[n + 1].lower_
    return nxt == "that" or nxt.rstrip("s") in {*cues().nouns, *words().hedge_nouns}


def _flat_claim(toks: list[Token], n: int, idx: MentionIndex) -> _Draft | None:
    """A claim read from word order alone, for headlines the parser gets wrong: the words before the cue
    ``toks[n]`` are the speaker, the words after it the content."""
    tok = toks[n]
    lemma = _headline_verbs().get(tok.lower_)
    speaker, content = trim_edges(toks[:n]), trim_edges(toks[n + 1 :])
    if lemma is None or not speaker or len(content) < 2 or speaker[0].pos_ in ("DET", "ADP") \
            or speaker[-1].tag_ == "POS":
        return None
    stance, hedged = cues().verbs[lemma]
    claimant = _best(idx, [k for k in idx.in_tokens(speaker) if idx.type_of(k) in _CLAIMANT_RANK])
    if stance in ("asserts", "reports") and _negates_content(content):
        stance = "denies"
    hedged = hedged or _is_hedged(content) or (claimant is not None and idx.type_of(claimant) == "source")
    return _Draft(tok, tok.idx + len(tok.text), content, stance, hedged, claimant, source=speaker)


def _verb_then_claim_noun(tok: Token) -> bool:
    """'Sisi denies claims he will …', 'Tour Denies Claim That …': a reporting verb whose object, a noun
    naming a claim, the tagger read as a second reporting verb."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or tok.lower_ not in _headline_verbs():
        return False
    nxt = doc[tok.i + 1]
    noun = nxt.lower_[:-1] if nxt.lower_.endswith("s") else nxt.lower_
    return nxt.pos_ == "VERB" and noun in (*words().hedge_nouns, "report") and \
        not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children)


def _ev(text: str, start: int, end: int) -> Evidence:
    return Evidence("", start, end, text[start:end])


def _sentence_claims(sent: Span, idx: MentionIndex, times: Sequence[TimeExpr]) -> list[_Draft]:
    drafts: list[_Draft] = []
    quoted: set[int] = set()
    toks = [t for t in sent if not t.is_space]
    for tok in sent:
        draft = None
        if tok.i in quoted:
            continue
        if tok.pos_ == "VERB" and tok.lemma_ == "quote" and (verb := _quoted_verb(tok)) is not None:
            quoted.add(verb.i)
        if _verb_then_claim_noun(tok) and tok in toks[1:6]:
            draft = _flat_claim(toks, toks.index(tok), idx)
            quoted.add(tok.i + 1)  # the claim noun is no cue of its own
        elif tok.lemma_ == "cite" and tok.tag_ == "VBG" and tok.head.i != tok.i and _phrase_cue(tok.head):
            continue  # "reported, citing Choi, that …": who the report cites, a relay rather than a claim
        elif tok.pos_ == "VERB" and _phrase_cue(tok) is not None:
            draft = _verb_claim(tok, idx, sent.doc, times)
        elif tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            draft = _according_claim(tok, idx)
        if draft is not None:
            drafts.append(draft)
    if not drafts and (draft := _headline_claim(sent, idx) or _colon_claim(sent, idx)) is not None:
        drafts.append(draft)
    drafts += [d for tok in sent if (d := _relative_claim(tok, idx, drafts)) is not None]
    # Nominal attributions stand on their own only: inside another claim ("Moscow dismissed reports that …")
    # the events belong to the claim that takes a stance on them.
    for tok in sent:
        if (draft := _noun_claim(tok, idx)) is not None and not any(
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
        if d.claimant is None and (not d.source or d.cue.lemma_ in _EVIDENCE_VERBS and _no_speaker(d.source)) and any(
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
                o.content = _without(o.content, _according_phrase(d))
                drafts.remove(d)
    _according_relays(drafts)
    _participle_speakers(drafts)
    # A claim whose cue sits inside another's content was relayed by that other's claimant.
    for d in drafts:
        outers = [o for o in drafts if o is not d and o.span[0] <= d.cue.idx < o.span[1]]
        for o in sorted(outers, key=lambda o: o.span[1] - o.span[0]):
            for k in [*o.cited, o.claimant, *o.via]:
                if k is not None and k != d.claimant and k not in d.via:
                    d.via.append(k)
    return _without_echoes(drafts, idx)


def _according_phrase(d: _Draft) -> set[int]:
    """Token indices of an 'according to X' phrase."""
    to = d.cue.doc[d.cue.i + 1]
    return {t.i for t in d.cue.subtree} | {t.i for t in to.subtree} | {to.i}


def _according_relays(drafts: list[_Draft]) -> None:
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
        host.content = _without(host.content, phrase)
        drafts.remove(d)


def _between_cue_and_content(o: _Draft, phrase: set[int]) -> bool:
    """Whether a phrase stands after a claim's cue and before its content, with only the cue's own objects,
    adverbials and commas around it ('told reporters, according to Anadolu, that …')."""
    if not o.content or not o.cue.i < min(phrase) or max(phrase) >= o.content[0].i:
        return False
    allowed = {t.i for c in o.cue.children if c.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod")
               for t in c.subtree}
    return all(t.is_punct or t.i in allowed or t.i in phrase for t in o.cue.doc[o.cue.i + 1 : o.content[0].i]
               if not (t.dep_ == "mark" and t.lower_ == "that"))


def _without(content: list[Token], drop: set[int]) -> list[Token]:
    """The content without the tokens in ``drop`` and the punctuation left at its edges, its 'that' kept."""
    kept = [t for t in content if t.i not in drop]
    while kept and (kept[0].is_punct or kept[0].is_space):
        kept.pop(0)
    while kept and (kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return kept or content


def _cut_before(content: list[Token], i: int) -> list[Token]:
    """The content up to token ``i``, without trailing punctuation and conjunctions, its 'that' kept."""
    kept = [t for t in content if t.i < i]
    while kept and (kept[-1].is_punct or kept[-1].is_space or kept[-1].dep_ == "cc"):
        kept.pop()
    return kept or content


def _participle_speakers(drafts: list[_Draft]) -> None:
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
        o.content = _cut_before(o.content, first - 1)
        d.claimant, d.source, d.pronoun = o.claimant, o.source, False
        d.via = [k for k in o.via if k != d.claimant]


_BACK_REFERENCES = {"it", "this", "that", "them", "these", "those"}
_HEARSAY = {"said", "reported", "believed", "thought", "rumoured", "rumored", "alleged", "understood"}
# Reporting verbs whose subject is as often evidence as a speaker: "findings suggested", "the attack showed".
_EVIDENCE_VERBS = {"show", "suggest", "indicate", "prove", "reveal", "demonstrate", "confirm", "find", "mean"}


def _no_speaker(source: Sequence[Token]) -> bool:
    """Whether a source phrase names no one who could speak: none at all, or a thing ('the attack',
    'preliminary findings') rather than a pronoun or a speaker noun ('a spokesman', 'local media')."""
    if not source:
        return True
    head = next((t for t in source if t.head.i == t.i or t.head.i not in {x.i for x in source}), source[-1])
    return head.pos_ == "NOUN" and head.lemma_.lower() not in _SPEAKER_NOUNS and head.lower_.rstrip("s") not in \
        _SPEAKER_NOUNS


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


_PERSON_PRONOUNS = {"he", "she"}
_THING_PRONOUNS = {"it", "they"}
_DESCRIPTION_DETS = {"the", "this", "that"}


@dataclass(slots=True)
class _Speakers:
    """Who spoke in the sentences read so far, so that "The ministry said …" or "It added …" in a later
    sentence can name the same speaker: each entry is (sentence number, claimant, lemmas of the source phrase)."""

    seen: list[tuple[int, int, set[str]]] = field(default_factory=list)

    def add(self, n: int, d: _Draft) -> None:
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


def _resolve_speakers(drafts: list[_Draft], n: int, speakers: _Speakers, idx: MentionIndex) -> None:
    """Name speakers given as a pronoun or a description through the speakers of earlier sentences."""
    for d in drafts:
        if d.pronoun and len(d.source) == 1 and (k := speakers.pronoun(n, d.source[0], idx)) is not None:
            d.claimant = k
        elif d.claimant is None and (k := speakers.described(d.source)) is not None:
            d.claimant = k
        if d.relay_head is not None and not d.via:
            phrase = _phrase(d.relay_head, set())
            if (k := speakers.described(phrase)) is not None and k != d.claimant:
                d.via.append(k)
    for d in drafts:
        speakers.add(n, d)


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
    speakers = _Speakers()
    for n, sent in enumerate(doc.sents):
        drafts = _sentence_claims(sent, idx, times)
        _resolve_speakers(drafts, n, speakers, idx)
        in_sent = [k for k, e in enumerate(events) if sent.start_char <= e.trigger.start < sent.end_char]
        owner: dict[int, _Draft] = {}
        for k in in_sent:  # an event belongs to the innermost claim whose content holds its trigger
            holders = [d for d in drafts if d.span[0] <= events[k].trigger.start < d.span[1] and d.about is None]
            if holders:
                owner[k] = min(holders, key=lambda d: d.span[1] - d.span[0])
        sentence = _ev(text, sent.start_char, sent.end_char)
        for d in drafts:
            start, end = d.span
            if header is not None and start < header <= end:
                start = header  # the content starts after "SEOUL, Oct 12 (Reuters) -"
            source = None
            if d.source:
                source = _ev(text, d.source[0].idx, d.source[-1].idx + len(d.source[-1].text))
            cue_start = d.cue.idx if d.cue_start is None else d.cue_start
            claims.append(ClaimRecord(
                sentence=sentence, stance=d.stance, hedged=d.hedged, claimant=d.claimant, via=tuple(d.via),
                cue=_ev(text, cue_start, d.cue_end), content=_ev(text, start, end), time=d.time,
                events=tuple(k for k in in_sent if (o := owner.get(k)) is not None and (o is d or o is d.about)),
                source=source,
            ))
        loose = tuple(k for k in in_sent if k not in owner)
        if loose:
            claims.append(ClaimRecord(
                sentence=sentence, stance="reports", hedged=_is_hedged(list(sent)), claimant=None,
                content=_after_header(text, sentence, header), events=loose,
            ))
    return claims


__all__ = ["Cues", "cues", "find_claims"]
