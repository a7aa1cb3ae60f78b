"""Events within one document: who did what to whom, when, where, how many, for how much.

A trigger (a verb or noun listed in data/event_triggers.csv, matched on its lemma and part of speech) starts
an event; its arguments come from the dependency parse, not from the words nearby: the subject (or the
by-phrase of a passive) is the agent, the object fills the trigger's object role, prepositions add
recipient, origin, partner, target, instrument and location. Nominal events ("the $1 billion deal",
"a missile attack") take arguments from their possessor, compounds and of/by/between phrases, and from a
light verb that governs them ("carried out an attack"). See docs/events.md for the ontology.

This module keeps the loop over triggers (find_events); the parts it calls live beside it: event_triggers
(which words start an event), event_senses (is the word used in its event sense), event_arguments (reading a
trigger's arguments), event_roles (the participant builder), event_targets (whom an act is aimed at),
event_sides (the sides of a transfer) and event_times (the event's date).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.extract.event_arguments import (
    _light_verb,
    _place_of_circumstance,
    _read_noun,
    _read_verb,
    _stray_objects,
)
from newsledger.extract.event_roles import _FRAME_NOUNS, _Builder
from newsledger.extract.event_senses import (
    _MERGE_DEPS,
    _can_attack,
    _is_manner,
    _light_use,
    _sense_fits,
    _shows_or_claims,
    _undone_restrictions,
)
from newsledger.extract.event_sides import _transfer_sides, plover_role, transfer_side
from newsledger.extract.event_syntax import (
    LOCATIVE_PREPS,
    MentionIndex,
    clause_tokens,
    modality,
    own_subject,
    passive,
    sent_of,
)
from newsledger.extract.event_targets import _is_protest_phrase, _purpose_targets
from newsledger.extract.event_times import _time_for
from newsledger.extract.event_triggers import (  # (TriggerRule, trigger_rules: re-exported, see __all__)
    TriggerRule,
    match_trigger,
    materiel_lemmas,
    reporting_lemmas,
    trigger_rules,
)
from newsledger.extract.quantities import find_amounts
from newsledger.model import Evidence, EventRecord, Mention, Participant, TimeExpr
from newsledger.extract.doctext import text_of


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
        if verb.pos_ == "VERB" and prep.lower_ == "in" and verb.i == prep.head.i:
            return verb  # "guerrillas wounded two soldiers in a bomb attack": the attack is how they did it
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


def _inside(start: int, end: int, toks: list[Token]) -> bool:
    return any(t.idx <= start < t.idx + len(t.text) for t in toks) and any(
        t.idx < end <= t.idx + len(t.text) for t in toks
    )


def find_events(doc: Doc, mentions: Sequence[Mention], times: Sequence[TimeExpr]) -> list[EventRecord]:
    """Every event the grammar of ``doc`` reports, in text order; offsets are into doc.text."""
    idx = MentionIndex(doc, mentions)
    text = text_of(doc)
    quantities, money = find_amounts(doc, mentions)
    triggers = {t.i: r for t in doc if (r := match_trigger(t)) is not None}
    absorbed = _undone_restrictions(doc, triggers)  # 'lifted sanctions on Iran': a concession, not a sanction
    reporting = {t.i for t in doc if t.pos_ == "VERB" and t.lemma_ in reporting_lemmas()}
    reporting -= {j for j, r in triggers.items() if r.type == "request"}  # 'called on Iran to stop': asks, reports nothing
    events: list[EventRecord] = []
    for i, rule in sorted(triggers.items()):
        tok = doc[i]
        if _is_manner(tok, triggers):
            continue
        if rule.strict and tok.dep_ in ("acl", "relcl") and triggers.get(tok.head.i, rule).type != rule.type:
            continue  # "sanctions targeting 74 vessels": the verb says what the other event is aimed at
        if _shows_or_claims(tok, rule):
            continue
        if rule.type == "attack" and rule.pos == "verb" and not passive(tok) and (s := own_subject(tok)) is not None \
                and not _can_attack(s, idx, triggers):
            continue  # 'disaster struck', 'the crisis hit the economy'
        if not _sense_fits(tok, rule, idx, triggers) or _light_use(tok, rule, triggers):
            continue  # another sense of a generic verb: 'shot a film', 'charged a fee', 'struck a deal'
        b = _Builder(rule, idx)
        light = None
        merged = [c for c in tok.children if c.dep_ in _MERGE_DEPS and c.i in triggers
                  and (triggers[c.i].type == rule.type or absorbed.get(c.i) == i)]
        others = [doc[j] for j in triggers if j != i and not _is_manner(doc[j], triggers) and doc[j] not in merged]
        if rule.pos == "verb":
            _read_verb(tok, b)
            for c in merged:  # 'signed a deal with Iran': the deal's phrases belong to the signing
                _read_noun(c, b, None)
            clause = clause_tokens(tok, stop=[*others, *_stray_objects(tok)])
        else:
            if i in absorbed or tok.dep_ in _MERGE_DEPS and tok.head.i in triggers and triggers[tok.head.i].type == rule.type:
                continue  # the verb's event already holds this noun
            if _is_protest_phrase(tok) and tok.head.head.pos_ in ("VERB", "NOUN"):
                continue  # 'organized a strike in protest of X': the reason for another act (see _purpose_targets)
            # 'launched a mediation effort between X and Y': the trigger names the kind of a generic head
            phrase = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in _FRAME_NOUNS else tok
            light, light_agent = _light_verb(phrase)
            if light is not None and not light_agent and any(
                c.dep_ == "dobj" and c.i in triggers for c in light.children
            ):
                light = None  # 'the transfers followed a meeting in September': the verb relates two events
            _read_noun(phrase, b, light, light_agent)
            clause = list(phrase.subtree)
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
                elif c.dep_ == "nsubj" and tok.dep_ == "pobj" and rule.type == "attack":
                    b.add("agent", c)  # "guerrillas wounded two soldiers in an attack": they attacked
                elif rule.type == "attack" and c.dep_ in ("dobj", "nsubjpass") and c.i != i:
                    b.add("target", c)  # 'the strike killed two Syrian soldiers': the victims
        if rule.type == "protest" and not any(p.role == "target" for p in b.parts):
            _purpose_targets(tok, light, b)
        b.settle_between()
        b.drop_self_sides()
        _transfer_sides(b)
        if b.location is None:  # 'struck a depot near Damascus': a place phrase inside an argument
            for t in clause:
                if t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS - {"on", "into"}:
                    for o in t.children:
                        if o.dep_ == "pobj":
                            b.locate(o)
        if b.location is None and rule.pos == "verb":
            _place_of_circumstance(tok, b)
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
        if rule.pos == "noun" and tok.dep_ == "dobj" and light is None and any(
            c.dep_ == "nsubj" and c.i in triggers for c in tok.head.children
        ):
            anchors.add(tok.head.i)  # '... followed a meeting in September': the verb's date is the object event's
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
    return _agreed_acts_name_the_other_side(doc, events)


# Roles of an agreed act that name the side the agreement is made for ('agreed to provide aid to Kyiv').
_OTHER_SIDE_ROLES = frozenset({"recipient", "target", "partner"})


def _agreed_acts_name_the_other_side(doc: Doc, events: list[EventRecord]) -> list[EventRecord]:
    """An agreement to do something is made with or for the side that act reaches: in "the ministers agreed to
    provide aid for Warsaw" Warsaw is the agreement's other side (PLOVER's AGREE target), read from the
    to-infinitive's own event when the agreement names no partner or target itself."""
    at = {e.trigger.start: k for k, e in enumerate(events)}
    out = list(events)
    for k, ev in enumerate(events):
        if ev.type != "agreement" or any(p.role in _OTHER_SIDE_ROLES for p in ev.participants):
            continue
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if span is None or span.root.pos_ != "VERB":
            continue
        acts = [c for c in span.root.children if c.dep_ == "xcomp"]
        agents = {p.mention for p in ev.participants if p.role == "agent"}
        extra: list[Participant] = []
        # the act's own event, or the event noun it hands over ('agreed to provide aid to Kyiv': the aid)
        inners = [at[t.idx] for act in acts for t in (act, *(c for c in act.children if c.dep_ == "dobj")) if t.idx in at]
        for inner in inners:
            for p in events[inner].participants:
                if p.role in _OTHER_SIDE_ROLES and p.mention not in agents and all(x.mention != p.mention for x in extra):
                    extra.append(Participant("target", p.mention))
        if extra:
            out[k] = replace(ev, participants=tuple(_order([*ev.participants, *extra])))
    return out


_ROLE_ORDER = {"agent": 0, "recipient": 1, "origin": 2, "target": 3, "partner": 4, "item": 5, "instrument": 6}


def _order(parts: list[Participant]) -> list[Participant]:
    return sorted(parts, key=lambda p: (_ROLE_ORDER.get(p.role, 9), p.mention))


__all__ = ["TriggerRule", "find_events", "match_trigger", "plover_role", "transfer_side", "trigger_rules"]
