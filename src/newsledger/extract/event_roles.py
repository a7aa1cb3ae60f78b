"""The builder that collects one event's participants and place, and the role rules it applies.

Split out of events.py: how a mention phrase becomes a participant (its role fitted to what the mention can
be, the body its people act for, the host of a visit) is one concern, apart from which words start an event.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from newsledger.extract.actors import body_nouns
from newsledger.extract.event_syntax import ACTOR_TYPES, LOCATIVE_PREPS, PLACE_TYPES, MentionIndex, conjuncts
from newsledger.extract.event_triggers import TriggerRule, match_trigger
from newsledger.model import Participant


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
        if rule.type == "withdrawal":
            return "item"  # 'withdrew its troops', 'evacuated civilians': who is moved out, not a side
        if rule.type in ("transfer", "production", "aid") and not is_head and mtype in ("country", "nationality"):
            return "origin"  # 'Iranian drones'
        if rule.type in ("transfer", "aid"):
            return "recipient" if is_head else None
        return "target" if is_head else None
    if role == "instrument":
        return None
    return role


# Roles that name a side of the event (who acts, who is acted on or with).
_SIDE_ROLES = frozenset({"agent", "target", "partner", "recipient"})
# What a role noun's people can act for: 'UNICEF officials', 'members of the Kenyan parliament'.
_BODY_TYPES = frozenset({"organization", "group", "outlet"})


def _bodies(head: Token, idx: MentionIndex) -> list[int]:
    """The organisations whose people a phrase names, so that the body is coded as acting: 'UNICEF
    officials', 'officials of the ministry', 'activists from the Green party', 'workers affiliated with the
    union', and for a person, a title in apposition ('Jane Doe, the UN refugee envoy'). A country
    counts only as a modifier or of-phrase of an office ('Iranian officials', 'officials of Iran'): 'workers
    from Iran' are no state act."""
    own = idx.of(head)
    nouns: list[Token] = []
    if head.pos_ == "NOUN" and head.lemma_.lower() in body_nouns():
        nouns.append(head)
    if head.pos_ == "PROPN" and own is not None and idx.type_of(own) == "person":
        nouns += [c for c in head.children if c.dep_ == "appos" and idx.of(c) is None]
    found: list[int] = []

    def take(toks: list[Token], types: frozenset[str]) -> None:
        for k in idx.in_tokens(toks):
            if k != own and idx.type_of(k) in types and k not in found:
                found.append(k)
                return  # the nearest body is enough ('the Union of Mayors (UM)')

    for n in nouns:
        take([t for c in n.lefts if c.dep_ in ("compound", "nmod", "amod", "poss") for t in c.subtree],
             _BODY_TYPES | {"country"})
        for c in n.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "for", "at"):
                pobjs = [t for o in c.children if o.dep_ == "pobj" for t in o.subtree]
                take(pobjs, _BODY_TYPES | ({"country"} if c.lower_ == "of" else frozenset()))
            elif c.dep_ == "acl":  # 'workers affiliated with the union', 'fighters loyal to the warlord'
                take([t for p in c.children if p.dep_ == "prep" for t in p.subtree], _BODY_TYPES)
    return found


# Types whose "on" phrase names the target ('sanctions on Iran', 'an attack on Kharkiv').
_ON_TARGET_TYPES = frozenset({"attack", "sanction", "accusation", "threat", "protest", "concession"})
# Types whose object is something asked for or offered, owned by another side: the owner is the target
# ('rejected Seoul's demand', 'rejected an offer from Kabul', 'demanded support from the assembly').
_ASKED_TYPES = frozenset({"request", "rejection"})
# Generic heads a trigger can modify as a compound: 'a mediation effort', 'a bombing campaign'.
_FRAME_NOUNS = frozenset({"effort", "mission", "campaign", "operation", "drive"})
# Accepting is the mirror of rejecting: 'accepted Kabul's offer' names Kabul as the other side.
_ACCEPT_LEMMAS = frozenset({"accept"})
# Types whose object or over/about/into phrase is an act someone else did: that someone is the target
# ('denounced the junta's crackdown', 'complained about Russian overflights', 'investigating crimes by the militia').
_JUDGED_TYPES = frozenset({"accusation", "investigation", "protest"})
# Prepositions naming what a judgement or protest is about.
_ABOUT_PREPS = frozenset({"over", "about", "into", "at"})
# Types whose to-infinitive names the act they are about, whose target is theirs ('refused to meet the King').
_EMBEDDING_TYPES = frozenset({"threat", "request", "rejection"})
# Who a visit can be paid to, besides a place: a person, an organisation, a country.
_HOST_TYPES = {"person", "organization", "country", "group"}


@lru_cache(maxsize=4096)
def _is_capital(place: str) -> bool:
    """Is ``place`` a national capital? A capital one visits stands for its government, the host (metonymy)."""
    from newsledger.resolve.gazetteer import get_gazetteer  # (lazy: loads the gazetteer on first use)

    gaz = get_gazetteer()
    return any(not c.alternate and gaz.is_capital(c) for c in gaz.candidates(place))


class _Builder:
    """Collects one event's participants, location and clause while reading the parse."""

    def __init__(self, rule: TriggerRule, idx: MentionIndex) -> None:
        self.rule = rule
        self.idx = idx
        self.parts: list[Participant] = []
        self.location: int | None = None
        self.between: set[int] = set()  # agents named by a between-phrase (see settle_between)

    def add(self, role: str, head: Token) -> None:
        if role == "location":
            self.locate(head)
            if self.rule.type == "meeting":  # 'visited Putin', 'visited Russia': the host is the other side
                for k in self.idx.for_phrase(head):
                    m = self.idx.mentions[k]
                    host = m.type in _HOST_TYPES or (m.type == "place" and _is_capital(m.name or m.text))
                    if host and not any(p.mention == k for p in self.parts):
                        self.parts.append(Participant("partner", k))  # ('arrived in Amman on a visit': Jordan's)
            return
        heads = [head, *conjuncts(head)]
        found = self.idx.for_phrase(head)
        if not found and head.pos_ in ("NOUN", "NUM") and self.idx.of(head) is None:
            # 'shelled positions of the security forces', 'thousands of Kurds protested', 'leaders of the
            # coalition agreed': a generic noun or a count stands for whom its of-phrase names
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            self.add(role, o)
            return
        if role in _SIDE_ROLES:  # 'UNICEF officials', 'members of the parliament': the body acts too
            found += [k for h in heads for k in _bodies(h, self.idx) if k not in found]
        for k in found:
            is_head = any(self.idx.of(h) == k for h in heads)
            mtype = self.idx.type_of(k)
            fitted = _fit_role(role, mtype, self.rule, is_head)
            if fitted and not any(p.mention == k and p.role == fitted for p in self.parts):
                self.parts.append(Participant(fitted, k))

    def judged(self, obj: Token, asked: bool = False) -> None:
        """Target whoever a judged act belongs to, or the phrase itself when it names an actor. An act asked
        for keeps its of-phrase ('demand the resignation of the president': the president must act)."""
        if self.idx.of(obj) is not None or obj.pos_ == "PRON":
            self.add("target", obj)
        elif obj.pos_ == "NOUN" and match_trigger(obj) is not None and not asked:
            # an act ('the arrest of activists by the police'): its doer, never its of-phrase (who it was done to)
            for k in self.idx.for_phrase(obj, ACTOR_TYPES):
                if not any(p.mention == k and p.role == "target" for p in self.parts):
                    self.parts.append(Participant("target", k))
            for o in [obj, *(q for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for q in c.children)]:
                for c in o.children:
                    if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                        for q in c.children:
                            if q.dep_ == "pobj":
                                self.add("target", q)
        else:
            _owners_as_targets(obj, self)

    def settle_between(self) -> None:
        """'talks between Iran and Russia': the two sides act; 'hosted talks between X and Y', 'mediated
        between X and Y': someone else acts, and the two sides are the partners."""
        if self.between and any(p.role == "agent" and p.mention not in self.between for p in self.parts):
            self.parts = [Participant("partner", p.mention) if p.role == "agent" and p.mention in self.between else p
                          for p in self.parts]

    def drop_self_sides(self) -> None:
        """One party is not both the actor and the other side: 'Putin ... held talks with Erdogan and Putin's
        aides' names Putin once as the agent; a second mention of the same name as partner or target goes."""
        agents = {self.idx.mentions[p.mention].key for p in self.parts if p.role == "agent"}
        self.parts = [p for p in self.parts if p.role == "agent" or p.role not in _SIDE_ROLES
                      or self.idx.mentions[p.mention].key not in agents]

    def locate(self, pobj: Token) -> None:
        if self.location is not None:
            return
        for k in self.idx.in_tokens(pobj.subtree):
            if self.idx.type_of(k) in PLACE_TYPES:
                self.location = k
                m = self.idx.mentions[k]
                if self.rule.mode == "visit" and (m.type == "country" or (m.type == "place" and _is_capital(m.name or m.text))):
                    if not any(p.mention == k for p in self.parts):  # 'arrived in Amman on a visit': the host
                        self.parts.append(Participant("partner", k))
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
        elif word == self.rule.particle:  # 'called on Iran to ...': the particle's object is the verb's
            self.add(self.rule.object_role, obj)
        elif word == "from" and kind in _ASKED_TYPES:  # 'demanded autonomy from Belgrade': who is asked
            self.add("target", obj)
        elif word == "to" and kind == "rejection" and not nominal:  # 'refused admittance to Ghanaians': who is turned down
            self.add("target", obj)
        elif word in _ABOUT_PREPS and kind in _JUDGED_TYPES and not (word == "at" and nominal and kind == "protest"):
            self.judged(obj)  # 'complained about Russian overflights', 'an investigation into crimes by X'
            return
        elif word == "from":
            self.add("origin", obj)
        elif word == "with":
            self.add({"attack": "instrument", "transfer": "item", "sanction": "target"}.get(kind, "partner"), obj)
        elif word in ("against",) or (word == "on" and kind in _ON_TARGET_TYPES) or (word == "at" and kind == "attack"):
            self.add("target", obj)  # 'fired at the convoy': aimed at (its place, if any, is also located)
        elif word == "by":
            self.add("agent", obj)
        elif word == "between":
            before = {p.mention for p in self.parts if p.role == "agent"}
            self.add("agent", obj)
            self.between |= {p.mention for p in self.parts if p.role == "agent"} - before
        elif word == "in" and kind == "transfer" and nominal:  # 'the trade in drones', 'a deal in arms'
            self.add("item", obj)
        elif (word in ("in", "on") and self.rule.pos == "noun" and self.rule.mode == "ban") or (word == "in" and kind == "concession"):
            # a curfew, martial law or blockade weighs on the place it is imposed in or on ('lifted the curfew in
            # Montenegro'); the place is also where it happens (located below)
            self.add("target", obj)
        elif word == "of" and nominal:
            role = self.rule.object_role
            self.add("agent" if role in ("location", "partner") or kind in ("meeting", "protest", "mobilization") else role, obj)
            for c in obj.children:  # 'the purchase of drones by Serbia': the by-phrase hangs on 'drones'
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "to"):
                    self.preposition(c, nominal=True)
        targeted = (word == "on" and kind in _ON_TARGET_TYPES) or word == self.rule.particle
        if word == "to" and kind == "meeting":
            self.add("location", obj)  # 'a visit to Angola': where, and the host ('visited Angola')
        elif word in LOCATIVE_PREPS and not targeted:
            self.locate(obj)


def _owners_as_targets(obj: Token, b: _Builder) -> None:
    """'rejected Seoul's demand', 'rejected calls by Kabul', 'demanded the removal of X': when the object is
    not itself an actor, whoever owns it (possessor, modifier, by/from/of phrase) is the target."""
    if b.idx.of(obj) is not None:
        return
    for k in b.idx.for_phrase(obj, ACTOR_TYPES):
        if not any(p.mention == k and p.role == "target" for p in b.parts):
            b.parts.append(Participant("target", k))
    owners = ("by", "from", "of", "to") if b.rule.type == "rejection" else ("by", "from", "of")
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in owners:  # (what is refused *to* someone turns that one down)
            for o in c.children:
                if o.dep_ == "pobj":
                    b.add("target", o)
        elif c.dep_ == "acl" and c.tag_ == "VBN":  # 'crimes committed by Croat forces'
            for a in c.children:
                if a.dep_ == "agent":
                    for o in a.children:
                        if o.dep_ == "pobj":
                            b.add("target", o)
