"""Reading an event's arguments from the parse: a verb trigger's subject, objects and prepositions, a noun
trigger's possessor, modifiers and phrases, and the light verb that governs a noun.

Split out of events.py, which keeps the loop over triggers; this module holds what each trigger reads.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.extract.event_roles import (
    _ACCEPT_LEMMAS,
    _ASKED_TYPES,
    _EMBEDDING_TYPES,
    _JUDGED_TYPES,
    _Builder,
    _owners_as_targets,
)
from newsledger.extract.event_senses import _gives_event
from newsledger.extract.event_syntax import (
    LOCATIVE_PREPS,
    PLACE_TYPES,
    MentionIndex,
    conjuncts,
    noun_left,
    own_subject,
    passive,
    sent_of,
    subject,
)
from newsledger.extract.event_targets import _condition_targets, _embedded_targets, _object_targets
from newsledger.extract.event_triggers import TriggerRule, _match, reporting_lemmas, trigger_rules
from newsledger.model import Participant


# Verbs of coming and going whose for/on phrase names the purpose of the trip ('flew to Ankara for talks').
_ARRIVAL_VERBS = frozenset({"arrive", "travel", "come", "go", "fly", "head", "return", "land", "converge", "gather", "assemble"})
# Verbs that end or interrupt an act, whose subject is the act's agent ('the agency suspended its deliveries');
# the verb may report an event of its own (a suspension), which stays.
# Not for acts others end by force or authority ('police stopped the rally', 'the army ended the attack'): see
# _OWN_ACT_TYPES.
_ASPECT_VERBS = frozenset({"end", "suspend", "cancel", "abandon", "interrupt", "postpone"})
_OWN_ACT_TYPES = frozenset({"meeting", "aid", "transfer", "agreement", "mobilization", "withdrawal", "investigation"})
# Verbs of entering or staying in a state named by 'on' + a bare noun ('went on strike', 'remain on strike').
_STATE_VERBS = frozenset({"go", "be", "remain", "stay"})


def _light_verb(tok: Token) -> tuple[Token | None, bool]:
    """The verb that governs a nominal trigger, and whether its subject is the event's agent.

    'carried out an attack' (a light verb from the data: yes); 'the attack killed three on Sunday' (the
    verb's time, place and counts belong to the attack, its subject is the attack itself: no).
    """
    first = tok
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head  # 'launched mortar and tank fire': the verb governs the first conjunct
    if first is not tok:
        return _light_verb(first)
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("for", "on") and head.head.lemma_.lower() in _ARRIVAL_VERBS:
        return head.head, True  # 'arrived in Pyongyang on Tuesday for a visit': the visitor, place and day
    if tok.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in _STATE_VERBS \
            and not any(c.dep_ == "det" for c in tok.children):
        return head.head, True  # 'the miners went on strike in March': who strikes, and when
    if head is tok or head.pos_ != "VERB":
        return None, False
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and _match(head, "light") is not None:
        return head, True  # 'announced new assistance': a light verb, even when it also reports
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _ASPECT_VERBS and any(
            r.type in _OWN_ACT_TYPES for t in [tok, *(c for c in tok.children if c.dep_ == "compound")]
            for r in trigger_rules().get((t.lemma_.lower(), "noun"), ())):  # ('mediation efforts')
        return head, True  # 'ended mediation efforts', 'cancelled a planned visit': who ends it did it
    if tok.dep_ in ("dobj", "nsubjpass") and _gives_event(head, tok):
        return head, True  # 'provided military assistance to Kyiv': the giver and the receiver are the aid's
    if head.lemma_ in reporting_lemmas():
        return None, False
    if tok.dep_ == "nsubj":
        return head, False
    return None, False


def _to_be_verbed(verb: Token) -> bool:
    """"X is to blame": the one fixed English phrase where "be to" + a verb is passive in sense (X is the one
    blamed), not an arrangement ("X is to withdraw")."""
    return verb.lemma_.lower() == "blame" and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and not any(
        c.dep_ == "dobj" for c in verb.children)


def _up_to_count(prt: Token) -> Token | None:
    """"kidnapped up to 16 advisers": the parser reads *up* as the verb's particle with *to 16 advisers* as
    its to-phrase; the counted noun is the object. Returns that noun, else None."""
    if prt.dep_ != "prt" or prt.lower_ != "up":
        return None
    return next((o for p in prt.children if p.dep_ == "prep" and p.lower_ == "to" and p.i == prt.i + 1
                 for o in p.children if o.dep_ == "pobj" and any(n.dep_ == "nummod" for n in o.children)), None)


def _read_verb(tok: Token, b: _Builder) -> None:
    subj = subject(tok)
    rule = b.rule
    reduced = tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN")
    if reduced and _closing_speech(tok, rule, b.idx):
        b.add("agent", tok.head)  # '..., a rights group protested on Monday': the group protests
        root = sent_of(tok).root
        s = own_subject(root) if root.i < tok.head.i else None
        if s is not None:  # what it protests is the clause before: its subject is the target
            b.add("target", s)
        return
    if reduced:  # 'drones supplied by Iran': the modified noun is the object
        subj = tok.head
    stative = passive(tok) and rule.lemma in _STATIVE_PASSIVES and not any(c.dep_ == "agent" for c in tok.children)
    if stative:  # 'Chile is opposed to Bolivian demands': a state of the subject, aimed at the to-phrase
        if subj is not None:
            b.add("agent", subj)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for o in c.children:
                    if o.dep_ == "pobj":
                        b.judged(o)
        return
    if passive(tok) or reduced or _to_be_verbed(tok):
        # ('Russia is to blame': a to-infinitive of "be" with a passive sense, its subject undergoes the act)
        if subj is not None:
            b.add(rule.object_role, subj)
        by_phrases = [c for c in tok.children if c.dep_ == "agent"]
        if not by_phrases and not reduced:
            by_phrases = _stray_by(tok)
        for c in by_phrases:
            for o in c.children:
                if o.dep_ == "pobj":
                    b.add("agent", o)
    elif subj is not None and subj.lower_ not in ("that", "which", "who"):
        b.add("agent", subj)
    stray = _stray_objects(tok)
    for c in tok.children:
        if c in stray:
            continue
        counted = _up_to_count(c)  # 'kidnapped up to 16 advisers'
        if counted is not None:
            c = counted
        if c.dep_ == "dobj" or (c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")) or counted is not None:
            # (or a conjunct object the parser attached to the verb)
            b.add(rule.object_role, c)
            _object_preps(c, b)
            if rule.type in _ASKED_TYPES | _JUDGED_TYPES or rule.lemma in _ACCEPT_LEMMAS:
                _owners_as_targets(c, b)
        elif c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            b.add("recipient", c)
        elif c.dep_ in ("prep", "dative") and c.pos_ == "ADP":
            b.preposition(c, nominal=False)
        elif c.dep_ == "ccomp" and rule.type == "request":  # 'demanded that Washington lift ...': who must act
            s = own_subject(c)
            if s is not None and s.dep_ == "nsubj":
                b.add("target", s)
    if rule.type in _EMBEDDING_TYPES and not any(p.role == "target" for p in b.parts):
        for c in tok.children:
            if c.dep_ == "xcomp":  # 'threatened to shell Iraqi towns', 'refused to meet the King': the act's target
                _embedded_targets(c, b)
        if rule.type == "threat" and not any(p.role == "target" for p in b.parts):
            for c in tok.children:
                if c.dep_ == "xcomp":
                    _embedded_targets(c, b, places=True)
        if rule.type == "request" and not any(p.role == "target" for p in b.parts):
            for c in tok.children:  # 'called for sanctions against Myanmar': the act asked for is aimed at Myanmar
                if c.dep_ == "prep" and c.lower_ == "for":
                    for o in c.children:
                        if o.dep_ == "pobj" and b.idx.of(o) is None:
                            _object_targets(o, b)
        if rule.type == "threat" and not any(p.role == "target" for p in b.parts):
            _embedded_targets(tok, b)  # 'threatened further action against Russia'
    if rule.type == "threat" and not any(p.role == "target" for p in b.parts):
        _condition_targets(tok, b)


# Types whose verb can close a sentence as its speech act ('..., the group protested', '..., Amnesty charged').
_SPEECH_ACT_TYPES = frozenset({"protest", "accusation", "legal", "rejection"})


def _closing_speech(verb: Token, rule: TriggerRule, idx: MentionIndex) -> bool:
    """'Guards beat inmates, a rights organization charged on Friday': the parser reads the last
    verb as a participle on the noun before it ('an organization charged'), but a participle with no by-phrase
    or object after a comma-closed clause, ending the sentence, is that noun's own act. Only for a body
    ('the minister, accused on Monday, ...' is a person a participle describes)."""
    if rule.type not in _SPEECH_ACT_TYPES or any(
            c.dep_ in ("agent", "dobj", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("with", "of", "for", "over", "by"))
            for c in verb.children):
        return False
    k = idx.of(verb.head)
    if k is None or idx.type_of(k) not in ("organization", "group", "outlet", "source"):
        return False
    start = verb.head.left_edge.i
    doc = verb.doc
    if start == 0 or doc[start - 1].text != ",":
        return False
    sent = sent_of(verb)
    return all(t.pos_ not in ("VERB", "AUX") for t in doc[verb.i + 1 : sent.end])


# Participles that read as adjectives of the subject's stance rather than as passives ('is opposed to').
_STATIVE_PASSIVES = frozenset({"oppose"})


def _stray_by(verb: Token) -> list[Token]:
    """A by-phrase the parser hung on the verb above a passive trigger, after it ('X has been accused of fraud,
    much of it believed hidden, by government officials'): the governing verb is active, so the phrase is the
    passive's agent."""
    head = verb.head
    if head.i == verb.i or verb.dep_ not in ("ccomp", "conj", "advcl") or head.pos_ != "VERB" or passive(head):
        return []
    # the phrase may also hang on the governing verb's active complement ('..., thought to be abroad, by X')
    hosts = [head, *(c for c in head.children if c.dep_ == "xcomp" and c.i > verb.i and not passive(c))]
    return [c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > verb.i
            and any(o.dep_ == "pobj" for o in c.children)]


def _stray_objects(verb: Token) -> list[Token]:
    """Direct objects after a verb's first one: a verb has one direct object, so a second is a phrase the
    parser hung on the wrong head ('a plant that provided drones to Russia and one warehouse that stored
    missiles': the warehouse is not provided). Its words, and any count in them, are not the verb's."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    return objs[1:]


def _place_of_circumstance(tok: Token, b: _Builder) -> None:
    """'signed a memorandum on Monday, as Erdogan hosted Sudani in Ankara': a clause of circumstance (as,
    while, when) happens at the same place, even when it reports an event of its own."""
    for c in tok.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("as", "while", "when") for m in c.children):
            for t in c.subtree:
                if t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS - {"on", "into"} and t.head.i == c.i:
                    for o in t.children:
                        if o.dep_ == "pobj":
                            b.locate(o)


def _object_preps(obj: Token, b: _Builder) -> None:
    """'sent drones to Russia', 'drones from Iran', 'severed ties with Tehran': the parser often hangs these
    on the object noun."""
    words = {"transfer": ("from", "to", "for"), "aid": ("from", "to", "for"),
             "sanction": ("with", "against", "on")}.get(b.rule.type)
    if words is None:
        return
    heads = [obj, *conjuncts(obj)]
    if b.rule.type in ("transfer", "aid"):  # '70 million dollars of aid for Romania', 'tons of food to Gaza'
        heads += [q for h in list(heads) for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                  for q in c.children if q.dep_ == "pobj"]
    for o in heads:
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ in words:
                b.preposition(c, nominal=False)


def _read_noun(tok: Token, b: _Builder, light: Token | None, light_agent: bool = False) -> None:
    rule = b.rule
    for c in tok.children:
        if c.dep_ == "poss":
            b.add("agent", c)
        elif c.dep_ == "prep":
            b.preposition(c, nominal=True)
        elif c.dep_ in ("acl", "ccomp") and rule.type == "request":  # 'its demand that Israel ease ...'
            s = own_subject(c)
            if s is not None and s.dep_ == "nsubj":
                b.add("target", s)
        elif c.dep_ == "acl" and c.tag_ == "VBN" and _match(c, "light") is not None:
            for a in c.children:  # 'the demonstration staged by students', 'an attack carried out by Hamas'
                if a.dep_ == "agent":
                    for o in a.children:
                        if o.dep_ == "pobj":
                            b.add("agent", o)
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
            if c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP"):  # 'gave aid to Sudan'
                b.preposition(c, nominal=False)
