"""Dependency-parse helpers shared by event and claim extraction.

Both need the same questions answered about a parsed sentence: which mention a token belongs to, who the
subject of a verb is (through control, coordination and relative clauses), what modality a trigger has.
Keeping them here lets events.py and attribution.py read as the decisions they make.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Doc, Span, Token

from newsledger.extract.entity_dateline import DATELINE_ROLE, dateline_end
from newsledger.model import Mention, Modality

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Mention types that can act: do, say, receive, be attacked.
ACTOR_TYPES = {"person", "organization", "outlet", "country", "group", "source", "nationality", "place", "facility"}
PLACE_TYPES = {"place", "country", "facility"}
# What a third-person pronoun can stand for when it is the subject of an event or a claim.
PRONOUN_TYPES = {
    "he": ("person",), "she": ("person",),
    "it": ("organization", "country", "place", "outlet", "group"),
    "they": ("organization", "country", "place", "group", "source", "outlet", "nationality"),
}
# Possessives stand for the same ('its demand', 'their withdrawal').
PRONOUN_TYPES |= {"his": PRONOUN_TYPES["he"], "her": PRONOUN_TYPES["she"], "its": PRONOUN_TYPES["it"], "their": PRONOUN_TYPES["they"]}
# Generic nouns of places whose of-phrase is the name ("the city of Kharkiv", "the port of Izmail").
_PLACE_NOUNS = frozenset({"city", "town", "village", "region", "province", "port", "district", "capital", "area"})
# Verbs whose object is the subject of their to-infinitive ('asked Iran to supply', 'pressed Baghdad to ban').
_OBJECT_CONTROL = frozenset({"ask", "urge", "order", "force", "allow", "help", "persuade", "press", "pressure", "encourage", "invite"})
# Nouns whose copular infinitive names what someone means to do ('Iran's goal is to build ...'): the possessor acts.
_PURPOSE_NOUNS = frozenset({"goal", "aim", "plan", "objective", "intention", "purpose", "mission", "ambition", "task"})
# Nouns for a statement or document whose -ing modifier says what it does ('issued a declaration demanding that
# ...', 'sent a letter urging ...'): whoever issues it acts, not the document.
_STATEMENT_NOUNS = frozenset({"declaration", "statement", "letter", "communique", "communiqué", "resolution", "message",
                              "note", "petition", "memorandum", "report", "appeal", "ultimatum", "decree", "order"})
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "over", "around", "within", "into", "on"}


_SENTS: list[tuple[Doc, list[Span]]] = []


def sent_of(tok: Token) -> Span:
    """``tok.sent`` in O(1): spaCy recomputes it by walking the document on every call.

    The table for the most recent document is kept (one entry: documents are processed one at a time).
    """
    doc = tok.doc
    entry = _SENTS[0] if _SENTS else None  # one read: safe if another thread swaps the entry
    if entry is None or entry[0] is not doc:
        table: list[Span] = [None] * len(doc)  # type: ignore[list-item]
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                table[i] = sent
        entry = (doc, table)
        _SENTS[:] = [entry]
    return entry[1][tok.i]


def read_data_csv(name: str) -> list[dict[str, str]]:
    """Rows of a curated CSV in newsledger/data, skipping '#' comment lines."""
    text = files("newsledger.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


@lru_cache(maxsize=1)
def modality_cues() -> dict[tuple[str, str], Modality]:
    """(kind, cue) → modality, from data/modality_cues.csv."""
    return {(r["kind"], r["cue"].lower()): r["modality"] for r in read_data_csv("modality_cues.csv")}  # type: ignore[misc]


class MentionIndex:
    """Token → mention lookups for one document (the smallest mention holding a token wins)."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self._by_token: list[int | None] = [None] * len(doc)
        header = dateline_end(doc.text) or 0
        order = sorted(range(len(mentions)), key=lambda k: mentions[k].end - mentions[k].start, reverse=True)
        for k in order:  # larger first, so smaller mentions overwrite them
            m = mentions[k]
            if m.role == DATELINE_ROLE or m.end <= header:
                continue  # the dateline ("SEOUL, Oct 12 (Reuters) -"): never a participant, place or claimant
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self._by_token[tok.i] = k

    def of(self, tok: Token) -> int | None:
        return self._by_token[tok.i]

    def type_of(self, k: int) -> str:
        return self.mentions[k].type

    def in_tokens(self, toks: Iterable[Token]) -> list[int]:
        """Mention indices touched by these tokens, in text order, each once."""
        out: list[int] = []
        for tok in toks:
            k = self._by_token[tok.i]
            if k is not None and k not in out:
                out.append(k)
        return out

    def for_phrase(self, head: Token, types: set[str] | None = None) -> list[int]:
        """The mentions a noun phrase names: its head's, else those in its pre-head words or apposition.

        'Iranian partners' → the nationality; 'Russia's envoy, Vasily Nebenzia' → the person.
        """
        found: list[int] = []
        if head.pos_ == "PRON":
            k = self.antecedent(head)
            return [k] if k is not None and (types is None or self.type_of(k) in types) else []
        for h in [head, *conjuncts(head)]:
            k = self.of(h)
            cands = [k] if k is not None else []
            if not cands and h.lemma_.lower() in _PLACE_NOUNS:  # 'the city of Kharkiv': the name
                cands = [j for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                         for o in c.children if o.dep_ == "pobj" and (j := self.of(o)) is not None]
            if not cands:
                for child in h.children:
                    if child.dep_ == "appos":
                        cands += self.in_tokens(child.subtree)
                if not cands:
                    cands = self.in_tokens(t for t in noun_left(h) if t.dep_ != "poss" and t.i < h.i)
                if not cands:  # the parser sometimes detaches a model name: "Shahed-136 drones"
                    cands = self._weapons_left_of(h)
                if not cands:  # "Iran's drone makers": the possessor stands for the phrase
                    cands = self.in_tokens(t for c in h.children if c.dep_ == "poss" for t in c.subtree)
                if not cands and h.pos_ == "NOUN":  # "its gunboats", "their forces": whom the pronoun stands for
                    cands = [k for c in h.children if c.dep_ == "poss" and c.pos_ == "PRON"
                             and (k := self.antecedent(c)) is not None]
            for c in cands:
                if (types is None or self.type_of(c) in types) and c not in found:
                    found.append(c)
        return found


    def _weapons_left_of(self, head: Token) -> list[int]:
        found: list[int] = []
        j = head.i - 1
        while j >= 0 and head.i - j <= 4:
            k = self._by_token[j]
            if k is None or self.type_of(k) != "weapon":
                if head.doc[j].lower_ not in ("and", ",", "or"):
                    break
            elif k not in found:
                found.insert(0, k)
            j -= 1
        return found

    def antecedent(self, pron: Token, window: int = 120) -> int | None:
        """The nearest mention before a pronoun that it can stand for (a plain recency heuristic:
        no coreference model ships with the small English pipeline)."""
        types = PRONOUN_TYPES.get(pron.lower_)
        if types is None:
            return None
        plural = pron.lower_ in ("they", "their")
        if pron.dep_ == "poss":  # 'Chile apologized to Peru for its frigate's raid': a possessive prefers the subject
            sent = sent_of(pron)
            for j in range(pron.i - 1, sent.start - 1, -1):
                k = self._by_token[j]
                if k is not None and self.type_of(k) in types and self.doc[j].dep_ in ("nsubj", "nsubjpass"):
                    return k
        for j in range(pron.i - 1, max(pron.i - window, 0) - 1, -1):
            k = self._by_token[j]
            if k is not None and (self.type_of(k) in types or (
                    plural and self.type_of(k) == "person" and self.doc[j].tag_ in ("NNS", "NNPS"))):
                # ('Kosovo Serbs said their leaders ...': a plural name the model tagged as a person)
                return self._named_by_apposition(k, types)
        return None

    def _named_by_apposition(self, k: int, types: Sequence[str]) -> int:
        """The name a description stands beside: in "the NUT, the teachers' union, said it ..." *it* is
        the NUT, which the nearest mention (the appositive) only describes."""
        m = self.mentions[k]
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "appos":
            return k
        named = self._by_token[span.root.head.i]
        return named if named is not None and named != k and self.type_of(named) in types else k


def conjuncts(tok: Token) -> list[Token]:
    """Coordinated heads of a phrase ('drones and missiles'), excluding verbs coordinated as clauses."""
    return [c for c in tok.conjuncts if c.i > tok.i and c.pos_ == tok.pos_ or (c.i > tok.i and c.pos_ in ("NOUN", "PROPN") and tok.pos_ in ("NOUN", "PROPN"))]


def noun_left(head: Token) -> Iterator[Token]:
    """The words before a noun inside its phrase (determiners, numbers, modifiers, compounds)."""
    for child in head.lefts:
        if child.dep_ in ("det", "nummod", "amod", "compound", "poss", "nmod", "quantmod", "npadvmod", "punct", "cc", "conj"):
            yield from child.subtree


def passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def own_subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    return None


def subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, looking through control ('began buying'), coordination and relative clauses."""
    own = own_subject(verb)
    if own is None:  # the parser sometimes hangs the subject on the auxiliary ('Chile is opposed to ...')
        own = next((s for c in verb.children if c.dep_ in ("aux", "auxpass") and (s := own_subject(c)) is not None), None)
    if own is not None or depth > 4:
        return own
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "relcl":
        return head  # 'the factory that will produce drones'
    if verb.dep_ == "xcomp" and head.lemma_ == "be" and (noun := own_subject(head)) is not None and noun.pos_ == "NOUN":
        # 'Iran's goal is to build drones': the goal's owner; 'the attack target is to ...': no one named
        if noun.lemma_.lower() in _PURPOSE_NOUNS and not any(c.dep_ == "compound" for c in noun.children):
            return next((c for c in noun.children if c.dep_ == "poss"), None)
        return None
    if verb.dep_ == "xcomp":
        for c in head.children:  # object control: 'asked Iran to supply'
            if c.dep_ == "dobj" and head.lemma_ in _OBJECT_CONTROL:
                return c
            if c.dep_ == "prep" and c.lower_ == "on" and head.lemma_ == "call":  # 'called on Iran to stop'
                return next((o for o in c.children if o.dep_ == "pobj"), None)
        return subject(head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "the Kremlin's decision to invade", "Iran's plan to supply": the possessor decides, so it acts
        return next((c for c in head.children if c.dep_ == "poss"), None)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        if head.lemma_.lower() in _STATEMENT_NOUNS and head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
            return subject(head.head, depth + 1)  # 'issued a declaration demanding ...': the issuer
        if head.lemma_.lower() not in _STATEMENT_NOUNS:
            return head  # 'protesters demanding reforms', 'a factory producing drones'
        return None
    if verb.dep_ in ("conj", "advcl", "pcomp", "acl", "acomp") and head.pos_ in ("VERB", "AUX"):
        return subject(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        if head.lower_ == "from":  # 'prevented Iran from buying', 'stopped the army from shelling': the object acts
            obj = next((c for c in head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        return subject(head.head, depth + 1)
    return None


def clause_tokens(head: Token, stop: Iterable[Token] = ()) -> list[Token]:
    """The tokens of a head's clause, without embedded clauses that carry their own statement or event."""
    stops = {t.i for t in stop}
    out: list[Token] = []
    todo = [head]
    while todo:
        tok = todo.pop()
        out.append(tok)
        for child in tok.children:
            if child.i in stops:
                continue
            if child.dep_ in ("ccomp", "parataxis", "relcl") or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            todo.append(child)
    return sorted(out, key=lambda t: t.i)


# Modals that under negation forbid or doubt an act rather than report that it did not happen: "must not
# attack" is a prohibition, "may not attack" a possibility; "could not attack" / "will not attack" stay negated.
_NON_ASSERTING_MODALS = frozenset({"must", "should", "ought", "may", "might"})


def _negated_here(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children)


def _own_modality(tok: Token, affirmed: bool = False) -> Modality | None:
    """The mode a token's own auxiliaries, negation and markers give it; ``affirmed`` reads it as if its
    negation were absent (for "did not hesitate to", whose negation cancels the hesitation's)."""
    cues = modality_cues()
    children = list(tok.children)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
    if not affirmed and _negated_here(tok):
        if any(a.lower_ in _NON_ASSERTING_MODALS for a in auxes):
            return "hypothetical"
        return "negated"
    for i, aux in enumerate(auxes):
        kind = cues.get(("aux", aux.lower_))
        if kind == "planned":
            return "planned"
        if kind == "hypothetical":
            perfect = any(a.lemma_ == "have" for a in auxes[i + 1 :])
            return None if perfect else "hypothetical"  # 'may have bought' is epistemic: a hedge, not a mode
    for c in children:
        if c.dep_ == "mark" and cues.get(("mark", c.lower_)):
            return cues[("mark", c.lower_)]
        if c.dep_ == "amod" and cues.get(("modifier", c.lower_)):
            return cues[("modifier", c.lower_)]
    left = tok.doc[max(0, tok.i - 3) : tok.i].text.lower()
    for (kind, cue), mod in cues.items():
        if kind == "phrase" and cue in left:
            return mod
    return None


def _through_governor(tok: Token, head: Token, reporting: set[int], depth: int) -> Modality | None:
    """The mode a verb of obligation or of reluctance gives the act it governs, or None when ``head`` is
    neither. An obligation is no occurrence ("has to withdraw", "is obliged to pay", "does not need to
    attack": hypothetical), except a past "had to", which in news tells what was done ("had to turn back").
    Reluctance negates ("refrained from striking", "hesitated to act"), and negated reluctance affirms in the
    reluctant verb's own tense: "did not hesitate to strike" occurred, "will not hesitate to strike" is planned.
    """
    cues = modality_cues()
    lemma = head.lemma_.lower()
    if tok.dep_ == "xcomp" and lemma in ("have", "be") and any(c.lower_ == "yet" for c in head.children):
        return "negated"  # "has yet to respond", "is yet to withdraw": it has not
    if tok.dep_ == "xcomp" and ("obligation", lemma) in cues:
        if lemma == "have" and head.tag_ == "VBD" and not _negated_here(head):
            return modality(head, reporting, depth + 1)
        return cues[("obligation", lemma)]
    # (the parser often reads "hesitated to strike" as a purpose clause: advcl)
    if ("reluctance", lemma) in cues and (tok.dep_ in ("xcomp", "advcl") or (tok.dep_ == "pcomp" and tok.head.lower_ == "from")):
        if not _negated_here(head):
            return cues[("reluctance", lemma)]
        return modality(head, reporting, depth + 1, affirmed=True)
    return None


def modality(tok: Token, reporting: set[int] = frozenset(), depth: int = 0, affirmed: bool = False) -> Modality:
    """occurred / planned / hypothetical / negated, from the grammar around a trigger.

    Looks at the trigger's own auxiliaries and negation, then at a governing verb it is the
    infinitive or object of ('plans to buy', 'refused to sell', 'will sign a deal', 'has to withdraw'). A
    reporting verb does not pass its mode on: 'denied buying' keeps 'occurred' (the denial is the claim's
    stance). ``affirmed``: ignore the token's own negation (see _through_governor).
    """
    own = _own_modality(tok, affirmed)
    if own is not None or depth > 4:
        return own or "occurred"
    head = tok.head
    cues = modality_cues()
    if head is tok or (head.i in reporting and not (tok.dep_ == "xcomp" and ("governor", head.lemma_.lower()) in cues)):
        return "occurred"  # (a reporting verb that governs an act, 'agreed to sell', 'vowed to strike', passes its mode)
    gov_mode = _through_governor(tok, head if tok.dep_ != "pcomp" else head.head, reporting, depth)
    if gov_mode is not None:
        return gov_mode
    if tok.dep_ == "xcomp" and head.lemma_ == "be" and tok.lemma_.lower() == "blame":
        return "occurred"  # 'Moscow is to blame': a judgement made now, no arrangement
    if tok.dep_ == "xcomp" and head.lemma_ == "be" and (noun := own_subject(head)) is not None and noun.pos_ in ("NOUN", "PROPN"):
        # 'the goal is to produce weapons', 'Israel is to withdraw by May': an aim or arrangement, not an occurrence
        return cues.get(("governor", noun.lemma_.lower()), "planned")
    if tok.dep_ == "xcomp" or (tok.dep_ in ("dobj", "nsubjpass") and tok.pos_ == "NOUN"):
        gov = cues.get(("governor", head.lemma_.lower()))
        if head.dep_ == "acomp" and head.head.pos_ in ("VERB", "AUX"):
            # 'is ready to mediate' (planned), 'must be ready to mediate' (the copula's modal wins)
            outer = modality(head.head, reporting, depth + 1)
            return gov if gov is not None and outer == "occurred" else outer
        if gov is not None:
            return gov
        return modality(head, reporting, depth + 1)
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "planned"  # a purpose clause: 'bought drones to attack the grid'
    if tok.dep_ == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        gov = cues.get(("governor", head.lemma_.lower()))  # 'Iran's plan to supply', 'an attempt to kill'
        if gov is not None:
            return gov
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
            # 'prevent Iran's ability to develop weapons': the noun's own governor decides
            gov = cues.get(("governor", head.head.lemma_.lower()))
            if gov is not None:
                return gov
    if tok.dep_ == "pcomp" and head.lower_ == "from" and head.head.pos_ == "VERB":
        gov = cues.get(("governor", head.head.lemma_.lower()))  # 'stopped Iran from buying drones'
        if gov is not None:
            return gov
    if tok.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return modality(head, reporting, depth + 1)
    if tok.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return modality(head.head, reporting, depth + 1)
    return "occurred"


def trim_edges(tokens: list[Token]) -> list[Token]:
    """Tokens in order without a leading 'that'/comma/quote/space or trailing punctuation and space."""
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].is_space or (toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether", "if"))):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    return toks


_OPEN, _CLOSE, _STRAIGHT = {"“", "``", "«"}, {"”", "''", "»"}, {'"'}
_QUOTES: list[tuple[Doc, dict[int, int]]] = []


def _quote_pairs(doc: Doc) -> dict[int, int]:
    """Opening ↔ closing quotation-mark token indices (both directions), for the most recent document."""
    entry = _QUOTES[0] if _QUOTES else None  # one read: safe if another thread swaps the entry
    if entry is not None and entry[0] is doc:
        return entry[1]
    pairs: dict[int, int] = {}
    stack: list[int] = []
    straight: int | None = None
    for tok in doc:
        if tok.text in _OPEN:
            stack.append(tok.i)
        elif tok.text in _CLOSE and stack:
            o = stack.pop()
            pairs[o], pairs[tok.i] = tok.i, o
        elif tok.text in _STRAIGHT:
            if straight is None:
                straight = tok.i
            else:
                pairs[straight], pairs[tok.i] = tok.i, straight
                straight = None
    _QUOTES[:] = [(doc, pairs)]
    return pairs


def adjacent_quote(tok: Token) -> list[Token]:
    """A quotation right before the speaker and verb ('"We will win," she said') or right after them
    ('she said: "We will win"'). The parser often puts such quotes in another sentence, so this reads tokens."""
    doc = tok.doc
    pairs = _quote_pairs(doc)
    if not pairs:
        return []
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    group = [tok.i, *((t.i for t in subj.subtree) if subj is not None else ())]
    lo, hi = min(group), max(group)
    j = lo - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in (",", "—", "–")):
        j -= 1
    if j >= 0 and doc[j].text in _CLOSE | _STRAIGHT and j in pairs and pairs[j] < j:
        return trim_edges(list(doc[pairs[j] + 1 : j]))
    j = hi + 1
    while j < len(doc) and (doc[j].is_space or doc[j].text in (",", ":")):
        j += 1
    if j < len(doc) and doc[j].text in _OPEN | _STRAIGHT and j in pairs and pairs[j] > j:
        return trim_edges(list(doc[j + 1 : pairs[j]]))
    return []
