"""Unnamed sources ("a senior U.S. military official", "people close to the talks") as spans.

News attributes much of what it reports to people it does not name; a ledger of claims
needs them as claimants, so they are kept as mentions of type ``source`` with the whole
noun phrase as the span. They go to ``doc.spans[SOURCES_KEY]``, not ``doc.ents``, so the
NER labels stay comparable with the model's. A country named inside the phrase
("U.S.", "Iranian") travels in ``Span.kb_id_`` as an ISO code.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.extract.entity_data import country_iso

SOURCES_KEY = "newsledger_sources"

# Nouns that name an unnamed source by themselves ("officials said", "sources told").
_SOURCE_NOUNS = frozenset(
    """official source spokesperson spokesman spokeswoman spokespeople diplomat aide insider
    negotiator envoy lawmaker legislator""".split()
)
# Nouns that name a source only when qualified ("people familiar with the matter") or
# when a reporting clause cites them ("a witness said", "according to investigators").
_CONTEXT_NOUNS = frozenset(
    """person people witness eyewitness resident analyst expert officer commander member employee
    worker doctor medic paramedic rescuer activist investigator prosecutor observer monitor
    researcher economist journalist correspondent adviser advisor staffer relative""".split()
)
# Nouns for news media that report without naming a person ("state media said", "according to
# local television"): sources in the same reporting contexts as the nouns above. "Agency" is
# left out: "the agency said" is usually a named agency referred back to.
_MEDIA_NOUNS = frozenset("media television tv radio press broadcaster newspaper outlet".split())
# Words that head a partitive before a source noun ("one of the officials", "some of the
# diplomats"): the phrase the sentence reports from is the quantifier's, not the noun's.
_PARTITIVES = frozenset(
    """one two three four five several some many most few any each none all both either neither
    number couple handful""".split()
)
_QUALIFIERS = frozenset({"familiar", "close", "briefed", "involved", "knowledgeable", "aware", "with"})
_REPORTING = frozenset(
    """say tell report confirm deny claim add describe speak warn estimate believe insist
    acknowledge admit note suggest state explain recount allege announce argue write quote
    publish broadcast reveal disclose fear predict caution think assess cite""".split()
)
# Entity labels that a source phrase absorbs when they name a country ("U.S.", "Iranian");
# any other name inside the phrase ("Hamas", "Kurdish") stays a mention of its own.
_ABSORBED = frozenset({"NORP", "GPE"})
# Counts are no names: "two officials", "one of the diplomats" keep their number.
_COUNTS = frozenset({"CARDINAL"})


def _is_source_head(tok: Token) -> bool:
    if tok.pos_ not in ("NOUN",) or tok.ent_type_ in ("PERSON", "ORG", "OUTLET", "GROUP", "WEAPON"):
        return False
    doc = tok.doc
    if (tok.i > 0 and doc[tok.i - 1].text == "-") or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-"):
        return False  # part of a compound word ("open-source", "source-code")
    lemma = tok.lemma_.lower()
    if lemma in _SOURCE_NOUNS or tok.lower_ in _SOURCE_NOUNS:
        return not any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children)
    if lemma in _MEDIA_NOUNS or tok.lower_ in _MEDIA_NOUNS:
        if any(c.lower_ == "social" for c in tok.lefts):
            return False  # "on social media": a place where things are posted, not a reporter
        if any((t.ent_type_ or t.pos_ == "PROPN") and t.ent_type_ not in _ABSORBED | _COUNTS
               for c in tok.lefts for t in c.subtree):
            return False  # "the Daily Trust newspaper", "the BBC's radio": a named outlet
        if tok.lower_ not in ("media", "press") and not any(
                c.dep_ in ("amod", "compound", "nmod", "nummod") for c in tok.lefts) and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.lefts):
            return False  # "the newspaper said": a named outlet referred back to, not an unnamed one
        return _reports(_role(tok))
    if lemma in _CONTEXT_NOUNS or tok.lower_ in _CONTEXT_NOUNS:
        if _qualifier(tok) is not None:
            return True
        return _reports(_role(tok))
    return False


def _partitive(tok: Token) -> Token | None:
    """The quantifier of a partitive over ``tok`` ("one" in "one of the officials"), if any."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i >= tok.i:
        return None
    quant = prep.head
    if quant.lower_ in _PARTITIVES or (quant.pos_ == "NUM" and quant.like_num):
        return quant
    return None


def _role(tok: Token) -> Token:
    """The token whose place in the clause the source phrase holds: the partitive's, if any."""
    return _partitive(tok) or tok


def _reports(tok: Token) -> bool:
    """Whether ``tok`` is who a reporting clause cites: the subject of a reporting verb, the
    object of "according to", or the agent of a passive one ("was reported by state media")."""
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        # Two subjects on one verb are a parse error ("Police detained four people, the group X
        # said"): the one nearer the verb is the speaker.
        nearer = any(c.dep_ in ("nsubj", "nsubjpass") and c is not tok and abs(c.i - head.i) < abs(tok.i - head.i)
                     for c in head.children)
        return head.lemma_.lower() in _REPORTING and not nearer
    if tok.dep_ == "pobj" and head.lower_ == "to":
        return head.head.lower_ == "according"
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        return head.head.lemma_.lower() in _REPORTING
    return False


def _qualifier(tok: Token) -> Token | None:
    """The post-modifier that qualifies a source noun ("familiar with the matter"), if any."""
    for child in tok.rights:
        if child.dep_ in ("amod", "acl", "prep", "advmod") and child.lower_ in _QUALIFIERS:
            if child.lower_ == "with" and not any(g.lower_ in ("knowledge",) for g in child.subtree):
                continue
            return child
    return None


def _phrase(doc: Doc, tok: Token) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``tok`` with its qualifying post-modifier."""
    start = tok.i
    for left in reversed(list(tok.lefts)):
        if left.dep_ in ("det", "amod", "compound", "nummod", "advmod", "nmod", "poss", "quantmod", "npadvmod"):
            start = min(start, left.left_edge.i)
    quant = _partitive(tok)
    if quant is not None:  # "one of the officials": the whole partitive is the claimant
        start = min(start, quant.left_edge.i)
    end = tok.i + 1
    qual = _qualifier(tok)
    if qual is not None:
        end = qual.right_edge.i + 1
    while end > tok.i + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _cut_names(doc: Doc, start: int, end: int, head: int) -> tuple[int, int, str]:
    """Move the start past names inside the phrase; absorb country words and keep their code."""
    iso = ""
    for ent in doc.ents:
        if ent.end <= start or ent.start >= end:
            continue
        if ent.label_ in _COUNTS and ent.end <= head:
            continue
        if ent.label_ in _ABSORBED and ent.end <= head and country_iso(ent.text):
            iso = iso or (country_iso(ent.text) or "")
            continue
        if ent.end <= head:
            start = max(start, ent.end)
        else:
            end = min(end, ent.start)
    while start < head and (doc[start].is_punct or doc[start].tag_ == "POS"):
        start += 1  # "Biden's aides" → "aides", not "'s aides"
    return start, end, iso


class SourceFinder:
    """Collect unnamed-source phrases into ``doc.spans[SOURCES_KEY]``."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        last_end = -1
        for tok in doc:
            if tok.i < last_end or not _is_source_head(tok):
                continue
            start, end = _phrase(doc, tok)
            start, end, iso = _cut_names(doc, start, end, tok.i)
            if start > tok.i or end <= tok.i:
                continue
            spans.append(Span(doc, start, end, label="SOURCE", kb_id=iso))
            last_end = end
        doc.spans[SOURCES_KEY] = spans
        return doc
