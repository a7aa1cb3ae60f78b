"""Whom an event is aimed at when the trigger's own arguments do not say: the act a threat or request is about,
the condition of a threat, the purpose of a protest.

Split out of events.py: these read clauses embedded under the trigger, not its direct arguments.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.extract.event_roles import _Builder
from newsledger.extract.event_syntax import ACTOR_TYPES, own_subject
from newsledger.extract.event_triggers import match_trigger
from newsledger.model import Participant


def _condition_targets(verb: Token, b: _Builder) -> None:
    """'threatened to strike unless Ankara pays', '... if the talks fail': a threat is
    aimed at whoever must meet its condition, the subject of its unless/if clause."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    for h in heads:
        for c in h.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                s = own_subject(c)
                if s is not None and s.dep_ == "nsubj":
                    b.add("target", s)
                    return


def _purpose_targets(tok: Token, light: Token | None, b: _Builder) -> None:
    """Whom a protest is against, from its purpose: 'began a hunger strike to protest the ministry's decision', 'in
    protest of the government's refusal', 'rallied to demand the resignation of President X', 'marched
    calling for autonomy from Madrid'. The owner of the act protested (or the actor named) is the target."""
    for h in filter(None, (tok, light)):
        for c in h.children:
            purpose = c.dep_ in ("advcl", "xcomp", "relcl") and (
                any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) or c.tag_ == "VBG")
            if purpose and (r := match_trigger(c)) is not None and r.type in ("protest", "request", "rejection"):
                asked = r.type == "request"
                for o in c.children:
                    if o.dep_ == "dobj":
                        b.judged(o, asked)
                    elif o.dep_ == "prep" and o.lower_ in ("against", "at", "over", "for", "on"):
                        for p in o.children:
                            if p.dep_ == "pobj":
                                b.judged(p, asked)
            elif c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:  # 'in protest of/against/at X'
                    if p.dep_ == "pobj" and _is_protest_phrase(p):
                        for q in p.children:
                            if q.dep_ == "prep" and q.lower_ in ("of", "against", "at", "over"):
                                for o in q.children:
                                    if o.dep_ == "pobj":
                                        b.judged(o)
            if any(p.role == "target" for p in b.parts):
                return


def _is_protest_phrase(tok: Token) -> bool:
    """'in protest (of X)': a bare protest noun after 'in' says why something was done, it is no event itself."""
    return (tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.pos_ == "NOUN" and tok.lemma_.lower() == "protest"
            and not any(c.dep_ in ("det", "poss") for c in tok.children))


def _embedded_targets(verb: Token, b: _Builder, places: bool = False) -> None:
    """The target of the act a threat or request is about: its object, or its against/on/with phrase
    ('threatened to break relations with Moscow'). With ``places``, also where a threatened act would happen
    ('threatened to impose a curfew in Goma'): the place is what is threatened."""
    for c in [*verb.children, *(q for d in verb.children if d.dep_ == "dobj" for q in d.children)]:
        if places and c.dep_ == "prep" and c.lower_ in ("in", "into"):
            for o in c.children:
                if o.dep_ == "pobj":
                    for k in b.idx.for_phrase(o, {"country", "place"}):
                        if not any(p.mention == k for p in b.parts):
                            b.parts.append(Participant("target", k))
            continue
        if c.dep_ == "dobj":
            _object_targets(c, b)
        elif c.dep_ == "prep":
            _prep_targets([c], b)


def _object_targets(obj: Token, b: _Builder) -> None:
    """The actors an act's object names, and its with/against/on/to phrases ('sanctions against Myanmar')."""
    for k in b.idx.for_phrase(obj, ACTOR_TYPES):
        if not any(p.mention == k for p in b.parts):
            b.parts.append(Participant("target", k))
    _prep_targets([p for p in obj.children if p.dep_ == "prep"], b)


def _prep_targets(preps: list[Token], b: _Builder) -> None:
    for p in preps:
        if p.lower_ in ("with", "against", "on", "to"):  # '... to deliver blows to Washington'
            for o in p.children:
                if o.dep_ == "pobj":
                    b.add("target", o)
