"""What a reporting verb reports: the content span of a claim, and its repairs.

The parser often misattaches a content clause ("reported, citing X, that …", "told reporters that A, and that
B", a quotation split by its attribution, "…, officials said"); these functions find the clause as written,
with its "that", and cut what the writer adds after it ("but did not name the town"). Kept apart from who
speaks and from the cue table, since content spans are what attribution corpora score on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsledger.extract.attribution_cues import CLAIM_OBJECT_ONLY, CLAUSE_ONLY, phrase_cue
from newsledger.extract.event_syntax import (  # _quote_pairs: the quote pairing adjacent_quote uses
    _quote_pairs,
    adjacent_quote,
    sent_of,
    trim_edges,
)


_CONTENT_OBJECT_VERBS = {"deny", "admit", "confirm", "report", "announce", "disclose", "reveal", "dismiss",
                         "dispute", "reject", "question", "acknowledge", "call", "refute", "concede", "describe",
                         "debunk", "rebuff", "contest", "doubt", "downplay", "ridicule", "deride", "retract", "slam",
                         "rebut", "claim"}


def verb_content(tok: Token) -> list[Token]:
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
                return with_complementizer(clause, trim_edges(list(clause.subtree)))
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i < tok.i and _fronted_report_clause(c):
            continue  # "Yonhap reported, citing Choi, that officials told …": 'reported' is no content of 'told'
        if c.dep_ == "ccomp" and tok.lemma_ in CLAUSE_ONLY and not _finite(c):
            continue  # "woke up to find his car stolen": a discovery, not a report
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.pos_ == "VERB" and tok.lemma_ not in CLAUSE_ONLY):
            return with_second_half(tok, with_complementizer(c, _with_coordinate_clauses(tok, c)))
    if (clause := _stray_that_clause(tok)) is not None:
        return with_complementizer(clause, trim_edges(list(clause.subtree)))
    if tok.lemma_ == "accuse":  # 'accused X of Y'; the parser may hang 'of Y' on the accused
        for c in [*tok.children, *(g for o in tok.children if o.dep_ == "dobj" for g in o.children)]:
            if c.dep_ == "prep" and c.lower_ == "of":
                return trim_edges([t for t in c.subtree if t is not c])
    if tok.lemma_ in _CONTENT_OBJECT_VERBS or phrase_cue(tok) in CLAIM_OBJECT_ONLY:
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ != "PRON":
                return trim_edges(list(c.subtree))
    quoted = adjacent_quote(tok)
    if quoted:
        return with_second_half(tok, quoted)
    own = {t.i for t in tok.subtree}
    if tok.dep_ == "advcl" and tok.i < tok.head.i and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
            and any(c.dep_ == "nsubj" for c in tok.children):  # not 'As expected, …'

        # 'As the minister noted, the border is closed': the clause the 'as' phrase opens is what was said
        return trim_edges([t for t in tok.head.subtree if t.i not in own and t.i > max(own)])
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.lemma_ not in CLAUSE_ONLY and \
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
    subj = trailing_subject(tok)
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


def with_complementizer(clause: Token, toks: list[Token]) -> list[Token]:
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


def with_second_half(tok: Token, quoted: list[Token]) -> list[Token]:
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


def trailing_subject(tok: Token) -> Token | None:
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


def names_something(call: Token) -> bool:
    """'called the plan "a disgrace"', 'called the charges baseless': a verdict on its object (an object
    complement, or a noun or adjective the parser folded into the object phrase after its head)."""
    obj = next((c for c in call.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in call.children):
        return False
    if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in call.children):
        return True
    return any(c.i > obj.i and c.dep_ in ("appos", "amod", "npadvmod", "oprd") for c in obj.children)


def idiom_content(tok: Token) -> list[Token]:
    """'cast doubt on the claims': the content is the object of on/over/about."""
    for c in [*tok.children, *(g for d in tok.children if d.dep_ == "dobj" for g in d.children)]:
        if c.dep_ == "prep" and c.lower_ in ("on", "over", "about"):
            return trim_edges([t for t in c.subtree if t is not c])
    return []


# Verbs that introduce a statement ('said', 'reported', 'confirmed') and, negated, report that none was made.
_NEGATED_DENIALS = {"deny", "dispute", "reject", "dismiss", "rule"}


def says_nothing(tok: Token, content: Sequence[Token]) -> bool:
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


def narrators_tail(tok: Token, content: list[Token]) -> list[Token]:
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
    return cut_before(content, cut) if cut is not None else content


_GERUND_PREPS = {"to", "from", "into", "for", "with"}


def with_stray_object(tok: Token, content: list[Token]) -> list[Token]:
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


def without_tokens(content: list[Token], drop: set[int]) -> list[Token]:
    """The content without the tokens in ``drop`` and the punctuation left at its edges, its 'that' kept."""
    kept = [t for t in content if t.i not in drop]
    while kept and (kept[0].is_punct or kept[0].is_space):
        kept.pop(0)
    while kept and (kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return kept or content


def cut_before(content: list[Token], i: int) -> list[Token]:
    """The content up to token ``i``, without trailing punctuation and conjunctions, its 'that' kept."""
    kept = [t for t in content if t.i < i]
    while kept and (kept[-1].is_punct or kept[-1].is_space or kept[-1].dep_ == "cc"):
        kept.pop()
    return kept or content
