"""Events within one document: who did what to whom, when, where, how many, for how much.

A trigger (a verb or noun listed in data/event_triggers.csv, matched on its lemma and part of speech) starts
an event; its arguments come from the dependency parse, not from the words nearby: the subject (or the
by-phrase of a passive) is the agent, the object fills the trigger's object role, prepositions add
recipient, origin, partner, target, instrument and location. Nominal events ("the $1 billion deal",
"a missile attack") take arguments from their possessor, compounds and of/by/between phrases, and from a
light verb that governs them ("carried out an attack"). See docs/events.md for the ontology.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsledger.extract.event_syntax import (
    ACTOR_TYPES,
    LOCATIVE_PREPS,
    PLACE_TYPES,
    MentionIndex,
    clause_tokens,
    conjuncts,
    modality,
    noun_left,
    passive,
    read_data_csv,
    sent_of,
    subject,
)
from newsledger.extract.quantities import find_amounts
from newsledger.model import Evidence, EventRecord, Mention, Participant, TimeExpr


@dataclass(frozen=True, slots=True)
class TriggerRule:
    lemma: str
    pos: str  # "verb" | "noun"
    particle: str
    type: str
    mode: str | None
    plover: str | None
    object_role: str
    strict: bool


@lru_cache(maxsize=1)
def trigger_rules() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """(lemma, pos) → rules, from data/event_triggers.csv (several when a phrasal particle tells them apart)."""
    out: dict[tuple[str, str], list[TriggerRule]] = {}
    for r in read_data_csv("event_triggers.csv"):
        rule = TriggerRule(
            r["lemma"], r["pos"], r["particle"], r["type"], r["mode"] or None, r["plover"] or None,
            r["object_role"], r["strict"] == "1",
        )
        out.setdefault((rule.lemma, rule.pos), []).append(rule)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def materiel_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"] for r in read_data_csv("materiel_nouns.csv"))


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    return frozenset(r["cue"] for r in read_data_csv("reporting_verbs.csv") if r["kind"] == "verb")


def match_trigger(tok: Token) -> TriggerRule | None:
    """The trigger rule a token starts, or None; phrasal verbs need their particle ('hand over')."""
    pos = "verb" if tok.pos_ == "VERB" else "noun" if tok.pos_ == "NOUN" else None
    return _match(tok, pos)


def _match(tok: Token, pos: str | None) -> TriggerRule | None:
    if pos is None:
        return None
    rules = trigger_rules().get((tok.lemma_.lower(), pos)) or trigger_rules().get((tok.lower_, pos))
    if not rules:
        return None
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if tok.i + 1 < len(tok.doc):
        particles.add(tok.doc[tok.i + 1].lower_)
    for rule in rules:
        if rule.particle and rule.particle in particles:
            return rule
    plain = [r for r in rules if not r.particle]
    return plain[0] if plain else None


def _light_verb(tok: Token) -> tuple[Token | None, bool]:
    """The verb that governs a nominal trigger, and whether its subject is the event's agent.

    'carried out an attack' (a light verb from the data: yes); 'the attack killed three on Sunday' (the
    verb's time, place and counts belong to the attack, its subject is the attack itself: no).
    """
    head = tok.head
    if head is tok or head.pos_ != "VERB":
        return None, False
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and _match(head, "light") is not None:
        return head, True  # 'announced new assistance': a light verb, even when it also reports
    if head.lemma_ in reporting_lemmas():
        return None, False
    if tok.dep_ == "nsubj":
        return head, False
    return None, False


def _fit_role(role: str, mtype: str, rule: TriggerRule, is_head: bool) -> str | None:
    """Adjust a syntactic role to what the mention can be (a weapon is an item or instrument, not an agent)."""
    if mtype == "weapon":
        if rule.type == "attack" and role in ("agent", "item", "partner"):
            return "instrument"
        if role in ("target", "partner") and rule.type != "attack":
            return "item"
        return role if role != "agent" else "instrument"
    if mtype not in ACTOR_TYPES:
        return None
    if role == "item":
        if rule.type in ("transfer", "production", "aid") and not is_head and mtype in ("country", "nationality"):
            return "origin"  # 'Iranian drones'
        if rule.type in ("transfer", "aid"):
            return "recipient" if is_head else None
        return "target" if is_head else None
    if role == "instrument":
        return None
    return role


class _Builder:
    """Collects one event's participants, location and clause while reading the parse."""

    def __init__(self, rule: TriggerRule, idx: MentionIndex) -> None:
        self.rule = rule
        self.idx = idx
        self.parts: list[Participant] = []
        self.location: int | None = None

    def add(self, role: str, head: Token) -> None:
        if role == "location":
            self.locate(head)
            return
        heads = [head, *conjuncts(head)]
        for k in self.idx.for_phrase(head):
            is_head = any(self.idx.of(h) == k for h in heads)
            mtype = self.idx.type_of(k)
            fitted = _fit_role(role, mtype, self.rule, is_head)
            if fitted and not any(p.mention == k and p.role == fitted for p in self.parts):
                self.parts.append(Participant(fitted, k))

    def locate(self, pobj: Token) -> None:
        if self.location is not None:
            return
        for k in self.idx.in_tokens(pobj.subtree):
            if self.idx.type_of(k) in PLACE_TYPES:
                self.location = k
                return

    def preposition(self, prep: Token, nominal: bool) -> None:
        objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            return
        obj, word, kind = objs[0], prep.lower_, self.rule.type
        if obj.dep_ == "pcomp":
            return
        if word in ("to", "for") and kind in ("transfer", "aid", "request", "threat"):
            if word == "to" or kind in ("transfer", "aid"):  # 'assistance for Kyiv', 'drones for Russia'
                self.add("recipient", obj)
        elif word == "from":
            self.add("origin", obj)
        elif word == "with":
            self.add({"attack": "instrument", "transfer": "item"}.get(kind, "partner"), obj)
        elif word in ("against",) or (word == "on" and kind in ("attack", "sanction", "accusation", "threat", "protest")):
            self.add("target", obj)
        elif word == "by":
            self.add("agent", obj)
        elif word == "between":
            self.add("agent", obj)
        elif word == "of" and nominal:
            role = self.rule.object_role
            self.add("agent" if role in ("location", "partner") or kind in ("meeting", "protest", "mobilization") else role, obj)
            for c in obj.children:  # 'the purchase of drones by Serbia': the by-phrase hangs on 'drones'
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "to"):
                    self.preposition(c, nominal=True)
        targeted = word == "on" and kind in ("attack", "sanction", "accusation", "threat", "protest")
        if (word in LOCATIVE_PREPS and not targeted) or (word == "to" and kind == "meeting"):
            self.locate(obj)


def _read_verb(tok: Token, b: _Builder) -> None:
    subj = subject(tok)
    rule = b.rule
    reduced = tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN")
    if reduced:  # 'drones supplied by Iran': the modified noun is the object
        subj = tok.head
    if passive(tok) or reduced:
        if subj is not None:
            b.add(rule.object_role, subj)
        for c in tok.children:
            if c.dep_ == "agent":
                for o in c.children:
                    if o.dep_ == "pobj":
                        b.add("agent", o)
    elif subj is not None and subj.lower_ not in ("that", "which", "who"):
        b.add("agent", subj)
    for c in tok.children:
        if c.dep_ == "dobj" or (c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")):  # a mis-attached conjunct object
            b.add(rule.object_role, c)
            _object_preps(c, b)
        elif c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            b.add("recipient", c)
        elif c.dep_ in ("prep", "dative") and c.pos_ == "ADP":
            b.preposition(c, nominal=False)


def _buyer_is_recipient(b: _Builder) -> None:
    """In a purchase the agent is the buyer: it is also who receives the item."""
    if b.rule.mode == "purchase" and not any(q.role == "recipient" for q in b.parts):
        for p in [p for p in b.parts if p.role == "agent"]:
            b.parts.append(Participant("recipient", p.mention))


def _object_preps(obj: Token, b: _Builder) -> None:
    """'sent drones to Russia', 'drones from Iran': the parser often hangs these on the object noun."""
    if b.rule.type not in ("transfer", "aid"):
        return
    for o in [obj, *conjuncts(obj)]:
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "to"):
                b.preposition(c, nominal=False)


def _read_noun(tok: Token, b: _Builder, light: Token | None, light_agent: bool = False) -> None:
    rule = b.rule
    for c in tok.children:
        if c.dep_ == "poss":
            b.add("agent", c)
        elif c.dep_ == "prep":
            b.preposition(c, nominal=True)
    for left in noun_left(tok):
        if left.dep_ == "poss" or left.i >= tok.i:
            continue
        k = b.idx.of(left)
        if k is None:
            continue
        mtype = b.idx.type_of(k)
        role = ("instrument" if rule.type == "attack" else "item") if mtype == "weapon" else "agent"
        if mtype in PLACE_TYPES and mtype != "country":
            continue
        if not any(p.mention == k for p in b.parts):
            b.parts.append(Participant(role, k))
    if light is not None and light_agent:
        subj = subject(light)
        if passive(light):
            for c in light.children:
                if c.dep_ == "agent":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            b.add("agent", o)
        elif subj is not None:
            b.add("agent", subj)
    if light is not None:
        for c in light.children:
            if c.dep_ == "prep":
                b.preposition(c, nominal=False)


_MERGE_DEPS = ("dobj", "nsubjpass")


def _is_manner(tok: Token, triggers: dict[int, TriggerRule]) -> bool:
    """'bought drones by transferring cash': the by-clause is how the purchase was done, not an event."""
    return tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.head.i in triggers


def _time_for(anchors: set[int], stops: set[int], sent_tokens: range, doc: Doc, times: Sequence[TimeExpr]) -> int | None:
    """The time expression attached to the event; else one in the sentence attached to no other verb or event."""
    loose: list[int] = []
    text = doc.text  # rebuilt by spaCy on every access: read once
    for k, t in enumerate(times):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or span.root.i not in sent_tokens:
            continue
        if _is_since(text, t):
            continue  # a point event takes its own date ("on Tuesday"), never "since ..."
        cur = span.root.head if span.root.head is not span.root else span.root
        owner: int | None = None
        for _ in range(8):
            if cur.i in anchors or cur.i in stops or cur.pos_ in ("VERB", "AUX"):
                owner = cur.i
                break
            if cur.head is cur:
                break
            cur = cur.head
        if owner in anchors:
            return k
        if owner is None or owner not in stops and owner not in anchors and doc[owner].pos_ not in ("VERB", "AUX"):
            loose.append(k)
    return loose[0] if loose else None


# Verbs that report what an event did ("the strike killed seven", "shelling wounded 23"): their
# objects, dates and places belong to the event that is their subject. Grammar, not curated data.
_OUTCOME_VERBS = frozenset({"kill", "wound", "injure", "damage", "destroy", "leave", "claim", "hit", "cause"})


def _outcome_verb(tok: Token) -> Token | None:
    """The verb whose subject is the event ``tok`` names, when it reports the event's toll or damage."""
    if tok.dep_ in ("nsubj", "csubj") and tok.head.lemma_.lower() in _OUTCOME_VERBS and tok.head.pos_ == "VERB":
        return tok.head
    # "four people were killed in a drone attack": the event is the cause the passive verb names
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ in ("in", "by") and prep.head.lemma_.lower() in _OUTCOME_VERBS:
        verb = prep.head
        # "three were killed and seven (others) injured in an attack": the first of the coordinated verbs,
        # through a participle the parser hung on the second count ("others injured")
        while verb.head is not verb:
            up = verb.head
            if verb.dep_ == "acl" and up.dep_ == "conj" and up.head.lemma_.lower() in _OUTCOME_VERBS:
                verb = up.head
            elif verb.dep_ == "conj" and up.lemma_.lower() in _OUTCOME_VERBS:
                verb = up
            else:
                break
        if verb.pos_ == "VERB" and (passive(verb) or verb.tag_ == "VBN"):
            return verb
    return None


def _names_materiel(t: Token, trigger: Token) -> bool:
    """Is ``t`` a materiel noun the event moves ("sent shells"), not a modifier of something else
    ("sent weapons research experts": the experts are sent)? A compound counts only on the trigger
    or on another materiel noun ("weapons shipments", "artillery shells")."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in materiel_lemmas():
        return False
    if t.dep_ in ("compound", "amod", "nmod"):
        return t.head is trigger or t.head.lemma_.lower() in materiel_lemmas()
    return True


def _is_since(text: str, t: TimeExpr) -> bool:
    """A "since X" phrase gives the start of a state or series, never the time of a point event."""
    before = text[max(0, t.start - 7) : t.start].strip().lower()
    return t.text.lower().startswith("since") or before.endswith("since")


def _inside(start: int, end: int, toks: list[Token]) -> bool:
    return any(t.idx <= start < t.idx + len(t.text) for t in toks) and any(
        t.idx < end <= t.idx + len(t.text) for t in toks
    )


def find_events(doc: Doc, mentions: Sequence[Mention], times: Sequence[TimeExpr]) -> list[EventRecord]:
    """Every event the grammar of ``doc`` reports, in text order; offsets are into doc.text."""
    idx = MentionIndex(doc, mentions)
    text = doc.text  # built anew by spaCy on every access
    quantities, money = find_amounts(doc, mentions)
    triggers = {t.i: r for t in doc if (r := match_trigger(t)) is not None}
    reporting = {t.i for t in doc if t.pos_ == "VERB" and t.lemma_ in reporting_lemmas()}
    events: list[EventRecord] = []
    for i, rule in sorted(triggers.items()):
        tok = doc[i]
        if _is_manner(tok, triggers):
            continue
        if rule.strict and tok.dep_ in ("acl", "relcl") and triggers.get(tok.head.i, rule).type != rule.type:
            continue  # "sanctions targeting 74 vessels": the verb says what the other event is aimed at
        b = _Builder(rule, idx)
        light = None
        merged = [c for c in tok.children if c.dep_ in _MERGE_DEPS and triggers.get(c.i, rule).type == rule.type and c.i in triggers]
        others = [doc[j] for j in triggers if j != i and not _is_manner(doc[j], triggers) and doc[j] not in merged]
        if rule.pos == "verb":
            _read_verb(tok, b)
            for c in merged:  # 'signed a deal with Iran': the deal's phrases belong to the signing
                _read_noun(c, b, None)
            clause = clause_tokens(tok, stop=others)
        else:
            if tok.dep_ in _MERGE_DEPS and tok.head.i in triggers and triggers[tok.head.i].type == rule.type:
                continue  # the verb's event already holds this noun
            light, light_agent = _light_verb(tok)
            _read_noun(tok, b, light, light_agent)
            clause = list(tok.subtree)
            if light is not None:
                clause += [t for t in clause_tokens(light, stop=[*others, tok]) if t not in clause]
        if tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "csubj"):  # 'Shelling of Kharkiv killed ...'
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    b.preposition(c, nominal=True)
        outcome = _outcome_verb(tok)
        if outcome is not None:
            clause += [t for t in clause_tokens(outcome, stop=[*others, tok]) if t not in clause]
            if outcome.dep_ == "acl":  # "nine others injured in an attack": the count the participle hangs on
                clause += [t for t in outcome.head.lefts for t in t.subtree if t not in clause] + [outcome.head]
            for c in outcome.children:
                if c.dep_ == "prep":
                    b.preposition(c, nominal=False)
        _buyer_is_recipient(b)
        if b.location is None:  # 'struck a depot near Damascus': a place phrase inside an argument
            for t in clause:
                if t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS - {"on", "into"}:
                    for o in t.children:
                        if o.dep_ == "pobj":
                            b.locate(o)
        qs = tuple(q for q in quantities if _inside(q.start, q.end, clause))
        ms = tuple(m for m in money if _inside(m.start, m.end, clause))
        for q in qs:  # '160 Shahed-136 and Mohajer-6 drones': one count, every model it names
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            for k in idx.in_tokens(span or ()):
                if mentions[k].type == "weapon" and not any(p.mention == k for p in b.parts):
                    b.parts.append(Participant("instrument" if rule.type == "attack" else "item", k))
        has_weapon = any(mentions[p.mention].type == "weapon" for p in b.parts)
        materiel = any(_names_materiel(t, tok) for t in clause if t.i != i)
        if rule.strict and not (has_weapon or materiel or qs or ms):
            continue
        anchors = {i} | ({light.i} if light is not None else set()) | ({outcome.i} if outcome is not None else set())
        stops = (set(triggers) | reporting) - anchors
        sent = sent_of(tok)
        time = _time_for(anchors, stops, range(sent.start, sent.end), doc, times)
        if rule.pos != "verb" and not (b.parts or b.location is not None or time is not None or qs or ms):
            # A bare nominal mention ("the attack", "deliveries") with no participant, place, date or
            # amount refers back to an event reported elsewhere; kept, it would count that event twice
            # and carry nothing. The claim whose content holds it keeps the text as evidence.
            continue
        trig_end = tok.idx + len(tok.text)
        if rule.particle and i + 1 < len(doc) and doc[i + 1].lower_ == rule.particle:
            trig_end = doc[i + 1].idx + len(doc[i + 1].text)
        events.append(
            EventRecord(
                type=rule.type,
                plover=rule.plover,
                mode=rule.mode,
                modality=modality(tok, reporting),
                trigger=Evidence("", tok.idx, trig_end, text[tok.idx : trig_end]),
                sentence=Evidence("", sent.start_char, sent.end_char, sent.text),
                participants=tuple(_order(b.parts)),
                location=b.location,
                time=time,
                quantities=qs,
                money=ms,
            )
        )
    return events


_ROLE_ORDER = {"agent": 0, "recipient": 1, "origin": 2, "target": 3, "partner": 4, "item": 5, "instrument": 6}


def _order(parts: list[Participant]) -> list[Participant]:
    return sorted(parts, key=lambda p: (_ROLE_ORDER.get(p.role, 9), p.mention))


__all__ = ["TriggerRule", "find_events", "match_trigger", "trigger_rules"]
