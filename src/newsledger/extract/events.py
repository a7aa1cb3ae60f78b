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
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsledger.extract.actors import body_nouns, person_nouns
from newsledger.extract.event_syntax import (
    ACTOR_TYPES,
    LOCATIVE_PREPS,
    PLACE_TYPES,
    MentionIndex,
    clause_tokens,
    conjuncts,
    modality,
    noun_left,
    own_subject,
    passive,
    read_data_csv,
    sent_of,
    subject,
)
from newsledger.extract.quantities import find_amounts
from newsledger.model import Evidence, EventRecord, Mention, Participant, TimeExpr
from newsledger.extract.doctext import text_of


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
    object_needs: frozenset[str] = frozenset()  # see _sense_fits


@lru_cache(maxsize=1)
def trigger_rules() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """(lemma, pos) → rules, from data/event_triggers.csv (several when a phrasal particle tells them apart)."""
    out: dict[tuple[str, str], list[TriggerRule]] = {}
    for r in read_data_csv("event_triggers.csv"):
        rule = TriggerRule(
            r["lemma"], r["pos"], r["particle"], r["type"], r["mode"] or None, r["plover"] or None,
            r["object_role"], r["strict"] == "1", frozenset(filter(None, (r.get("object_needs") or "").split("|"))),
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
    rules = next((r for form in _forms(tok) if (r := trigger_rules().get((form, pos)))), None)
    if not rules:
        return None
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if tok.i + 1 < len(tok.doc) and pos != "noun":  # ('a strike on Kyiv': a noun's next word is no particle)
        particles.add(tok.doc[tok.i + 1].lower_)
    if pos == "noun":  # a noun's "particle" is a modifier it needs: 'hunger strike', 'a four-day strike'
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i]
        particles |= {c.lower_ for c in mods}
        particles |= {"".join(t.text_with_ws for t in c.subtree).strip().lower() for c in mods}  # 'open-ended'
        # ...or who does it ('a strike by workers'), or 'on' for a state one is in ('went on strike')
        particles |= {o.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "of")
                      for o in c.children if o.dep_ == "pobj"}
        if tok.dep_ == "pobj" and tok.head.lower_ == "on" and not any(c.dep_ == "det" for c in tok.children):
            particles.add("on")
    for rule in rules:
        if rule.particle and rule.particle in particles:
            return rule if rule.type or pos in ("light", "undo") else None  # a row with no type: another sense
    plain = [r for r in rules if not r.particle]
    return plain[0] if plain else None


@lru_cache(maxsize=1)
def _irregular_verb_lemmas() -> dict[str, list[str]]:
    """The model's own table of irregular verb forms ('retook' → 'retake'). Its rule lemmatizer leaves a form it
    takes for a present tense as it is ('Ukrainian forces retook the city': VBP, lemma 'retook'); the table,
    asked directly, still knows the verb."""
    from newsledger.extract.pipeline import get_nlp  # (lazy: the pipeline is loaded once, elsewhere first)

    try:
        table = get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
        return dict(table["verb"])
    except (KeyError, AttributeError):
        return {}


def _forms(tok: Token) -> list[str]:
    """The lemma, the word as written, and for an inflected verb the stem with a restored "e": the small
    model's lemmatizer sometimes cuts too much ("staged" → "stag"), and a lemma table would be a second
    lemmatizer to keep; these cover the regular inflections the parser misses."""
    forms = [tok.lemma_.lower(), tok.lower_]
    if tok.pos_ == "VERB":
        forms += _irregular_verb_lemmas().get(tok.lower_, [])  # 'retook' tagged as a present form: 'retake'
        for suffix in ("ed", "ing", "es", "s"):
            if tok.lower_.endswith(suffix) and len(tok.lower_) > len(suffix) + 2:
                stem = tok.lower_[: -len(suffix)]
                forms += [stem + "e", stem] if suffix != "es" else [stem]
    return forms


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


# Which side of a transfer its subject is: the buyer receives, a seller, supplier or sender gives.
def transfer_side(mode: str | None) -> str:
    """The role a transfer's acting party holds: ``recipient`` for a purchase, ``origin`` otherwise."""
    return "recipient" if mode == "purchase" else "origin"


def _has_sides(event_type: str, mode: str | None) -> bool:
    """A transfer with a direction: not a two-way 'trade', whose parties both give and receive."""
    return event_type == "transfer" and mode != "trade"


def _transfer_sides(b: _Builder) -> None:
    """A transfer names its parties by the side they are on, never as ``agent``: 'Russia bought drones from
    Iran' and 'Iran supplied drones to Russia' both give origin Iran, recipient Russia, so two reports of one
    transfer agree when merged. The agent moves to its side unless another party already holds that side
    ('Moscow sold Iranian drones': origin Iran), where it stays the agent."""
    if not _has_sides(b.rule.type, b.rule.mode):
        return
    side = transfer_side(b.rule.mode)
    held = {p.mention for p in b.parts if p.role == side}
    agents = [p for p in b.parts if p.role == "agent"]
    if held - {p.mention for p in agents}:
        return
    b.parts = [p for p in b.parts if p.role != "agent"]
    for p in agents:
        if p.mention not in held:
            b.parts.append(Participant(side, p.mention))
            held.add(p.mention)


def plover_role(event_type: str, mode: str | None, role: str) -> str:
    """A participant's role in PLOVER's source/target terms: the acting side of a transfer (the buyer of a
    purchase, the giver otherwise) reads as the agent, and a purchase's seller as the other side (target). A
    withdrawal's origin, the place or side withdrawn from, is PLOVER's RETREAT target."""
    if event_type == "withdrawal" and role == "origin":
        return "target"
    if _has_sides(event_type, mode):
        if role == transfer_side(mode):
            return "agent"
        if role == "origin":
            return "target"
    return role


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


_MERGE_DEPS = ("dobj", "nsubjpass")


_WH_WORDS = frozenset({"what", "whatever", "which", "who", "whom", "how"})


def _can_be_protest(tok: Token) -> bool:
    """'called off the strike', 'ended the boycott': a noun with a protest sense, ended, is a protest called off."""
    return any(r.type == "protest" for r in trigger_rules().get((tok.lemma_.lower(), "noun"), ()))


def _undone_restrictions(doc: Doc, triggers: dict[int, TriggerRule]) -> dict[int, int]:
    """Verbs that end a restriction ('lifted sanctions on Iran', 'the curfew was eased'): the verb becomes a
    concession event (rows with pos ``undo``) and the restriction it ends is read into it rather than reported
    as a sanction or a ban in force. Adds the verbs to ``triggers``; returns restriction token → verb token."""
    absorbed: dict[int, int] = {}
    for tok in doc:
        if tok.pos_ != "VERB" or tok.i in triggers:
            continue
        undo = _match(tok, "undo")
        if undo is None:
            continue
        for c in tok.children:
            r = triggers.get(c.i)
            if c.dep_ in _MERGE_DEPS and r is not None and (r.type == "sanction" or r.mode == "ban" or _can_be_protest(c)):
                triggers[tok.i] = replace(undo, pos="verb")  # from here on, read like any verb trigger
                absorbed[c.i] = tok.i
    return absorbed


def _shows_or_claims(tok: Token, rule: TriggerRule) -> bool:
    """'the test demonstrated that ...', 'demonstrated its resolve', 'protested that he was innocent': a
    protest verb with a clause states or shows something; 'demonstrate' with an object means 'show'.
    (A protest is intransitive or takes what it is against: 'protested the ruling'.)"""
    if rule.type != "protest" or rule.pos != "verb":
        return False
    if any(c.dep_ == "ccomp" and c.left_edge.lower_ not in _WH_WORDS for c in tok.children):
        return True  # ('protested what it called a violation': a free relative is the object, not a clause)
    return rule.lemma == "demonstrate" and any(c.dep_ == "dobj" for c in tok.children)


# Who an act can be done to when no mention names them ('shot him'), and what can be welcomed ('welcome it').
_PERSON_PRONOUNS = frozenset("him her them us me you he she they we i himself herself themselves".split())
_THING_PRONOUNS = frozenset({"it", "this", "that"})
# Nouns that name a decision or a statement, which one welcomes or endorses like an event ('welcomed the move').
_DECISION_NOUNS = frozenset(
    """decision move step plan proposal initiative announcement resolution offer statement call news result
    outcome ruling verdict law bill measure policy reform election vote release""".split()
)


def _verb_objects(tok: Token) -> list[Token]:
    """What a verb is done to: its direct object, the subject of its passive, the noun a participle modifies."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if passive(tok):
        objs += [c for c in tok.children if c.dep_ == "nsubjpass"]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        objs.append(tok.head)  # 'the men shot at the checkpoint'
    return objs


def _fills(obj: Token, needs: frozenset[str], idx: MentionIndex, triggers: dict[int, TriggerRule]) -> bool:
    """Does this object (or one of its conjuncts) fill the role the trigger needs: an actor or an event?"""
    for o in [obj, *conjuncts(obj)]:
        if "captive" in needs and _is_captive(o, idx):
            return True
        if "named" in needs and _names_an_actor(o, idx):
            return True
        if "ground" in needs and _is_held_ground(o, idx):
            return True
        if "tangible" in needs and not _is_figurative(o, idx):
            return True
        if "actor" in needs:
            k = idx.of(o)
            if (k is not None and idx.type_of(k) in ACTOR_TYPES) or o.lower_ in _PERSON_PRONOUNS:
                return True
            if o.pos_ == "NOUN" and o.lemma_.lower() in person_nouns():
                return True
        if "event" in needs:
            lemma = o.lemma_.lower()
            if o.i in triggers or trigger_rules().get((lemma, "noun")) or lemma in _DECISION_NOUNS:
                return True
            if o.lower_ in _THING_PRONOUNS:
                return True
    return False


# Mention types that can be held and set free: a person or a group ('released the Greenpeace activists'), a
# people counted in the plural ('released 20 Palestinians'); never an organisation or a place, which a company
# name or product the model tags as one would otherwise pass ('Apple released the iPhone').
_CAPTIVE_TYPES = frozenset({"person", "group"})


def _is_captive(o: Token, idx: MentionIndex) -> bool:
    """Can this object be someone set free: 'released the journalist', 'released him', 'released 20 Palestinians',
    but not 'released the iPhone', 'released a report', 'released the film'?"""
    k = idx.of(o)
    if k is not None:
        kind = idx.type_of(k)
        return kind in _CAPTIVE_TYPES or (kind == "country" and o.tag_ in ("NNS", "NNPS"))
    if o.pos_ == "PRON":
        return o.lower_ in _PERSON_PRONOUNS
    return o.pos_ == "NOUN" and o.lemma_.lower() in person_nouns()


# Common nouns for ground and sites one side takes from another ('retook the airport', 'recaptured the hill').
_GROUND_NOUNS = frozenset(
    """city town village region province port district capital area territory land ground airport airfield
    airbase base hill ridge bridge crossing checkpoint position stronghold outpost garrison island peninsula
    oilfield refinery dam plant mine road highway railway station suburb neighbourhood neighborhood quarter
    building headquarters embassy palace compound prison camp""".split()
)


def _is_held_ground(o: Token, idx: MentionIndex) -> bool:
    """Is this object ground or a site one side can take back: a place named in its phrase ('retook Kherson',
    'the city of Kherson'), a ground noun ('the airport') or materiel ('the tanker')? Not 'retook the lead',
    'the exam', 'the title'."""
    if idx.for_phrase(o, PLACE_TYPES):
        return True
    lemma = o.lemma_.lower()
    return o.pos_ == "NOUN" and (lemma in _GROUND_NOUNS or lemma in materiel_lemmas())


# Objects that make "seize" or "capture" figurative: one seizes a chance or captures attention, a title or a
# market, and nobody is coerced. Written as a list because the verbs' literal objects are open-ended (people,
# ships, drugs, cargo, assets, towns), while their figurative objects are few and fixed idioms.
_FIGURATIVE_OBJECTS = frozenset(
    """opportunity chance moment day initiative momentum imagination attention interest heart mind mood spirit
    essence feeling sense atmosphere headline spotlight limelight title crown championship trophy medal lead
    victory win prize market share vote seat majority nomination""".split()
)


def _is_figurative(o: Token, idx: MentionIndex) -> bool:
    """'seized the opportunity', 'captured the imagination', 'captured the title': an object from the idiom list
    that names nothing ('seized power' stays an event: a coup coerces)."""
    if idx.of(o) is not None:
        return False
    return o.pos_ == "NOUN" and o.lemma_.lower() in _FIGURATIVE_OBJECTS


def _names_an_actor(o: Token, idx: MentionIndex) -> bool:
    """Does the object's phrase name someone it weighs on: 'banned Russian oil', 'banned imports of Polish
    apples', 'banned the opposition party's rallies'? ('banned plastic bags', 'banned the account': no one.)"""
    if idx.for_phrase(o, ACTOR_TYPES):
        return True
    return any(idx.for_phrase(q, ACTOR_TYPES) for c in o.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "by")
               for q in c.children if q.dep_ == "pobj")


_QUESTION_WORDS = _WH_WORDS | {"if", "whether", "why", "when", "where"}


def _asks_for_act(tok: Token) -> bool:
    """'asked Iran to stop', 'asked for help', 'asked that the ban be lifted': something is asked for.
    'asked if ...', 'asked what he wanted', 'when asked about it' ask a question."""
    for c in tok.children:
        if c.dep_ == "xcomp":
            return True
        if c.dep_ == "prep" and c.lower_ == "for":
            return True
        if c.dep_ == "dobj" and any(p.dep_ == "prep" and p.lower_ == "for" for p in c.children):
            return True
        if c.dep_ == "ccomp" and c.left_edge.lower_ not in _QUESTION_WORDS and c.left_edge.pos_ != "AUX":
            return True  # ('ask: could this be real?': an inverted clause is a question too)
    return False


def _sense_fits(tok: Token, rule: TriggerRule, idx: MentionIndex, triggers: dict[int, TriggerRule]) -> bool:
    """Is a generic verb used in its event sense? ``rule.object_needs`` (data/event_triggers.csv) says what must
    fill its object: 'shot a guard' (actor) but not 'shot a film'; 'charged him' or 'charged with fraud' but not
    'charged a fee'; 'welcomed the truce' (event) but not 'welcomed the visitors'; 'hosted Putin' or 'hosted
    talks' but not 'hosted the Olympics'; 'asked Iran to stop' (act) but not 'asked if it was true'."""
    needs = rule.object_needs
    if not needs or rule.pos != "verb":
        return True
    if "act" in needs and _asks_for_act(tok):
        return True
    if "with" in needs and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return True
    objs = _verb_objects(tok)
    if not objs:  # intransitive: 'gunmen shot at the crowd', 'began shooting back' (not 'kept charged')
        has_aux = any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        return needs != {"act"} and subject(tok) is not None and (tok.tag_ != "VBN" or has_aux)
    return any(_fills(o, needs, idx, triggers) for o in objs)


# Subjects that can carry out an attack besides actor mentions: people, weapons, materiel ('shells struck').
def _can_attack(subj: Token, idx: MentionIndex, triggers: dict[int, TriggerRule]) -> bool:
    """'Jets struck the depot', 'gunmen attacked' but not 'disaster struck', 'the storm hit the coast': a common
    noun subject that names no actor, person, weapon or materiel is another sense of the verb."""
    if subj.pos_ in ("PRON", "PROPN", "NUM") or idx.of(subj) is not None or subj.i in triggers:
        return True
    lemma = subj.lemma_.lower()
    return lemma in person_nouns() or lemma in materiel_lemmas() or subj.pos_ != "NOUN"


# Event types whose verbs hand something over ('provide', 'send', 'offer'): when what they hand over is itself
# an event ('provided assistance', 'offered support'), the sentence reports that one event, not a second one.
_GIVING_TYPES = frozenset({"transfer", "aid"})


def _gives_event(verb: Token, obj: Token) -> bool:
    """Is ``verb`` a giving verb whose object ``obj`` is an event noun of another type ('provided assistance')?"""
    if verb.pos_ != "VERB" or obj.pos_ != "NOUN":
        return False
    given, carried = match_trigger(verb), match_trigger(obj)
    return given is not None and carried is not None and given.type in _GIVING_TYPES and carried.type != given.type


def _light_use(tok: Token, rule: TriggerRule, triggers: dict[int, TriggerRule]) -> bool:
    """'struck a deal', 'strike a sale': a trigger verb that is also a light verb (rows with pos=light) and takes an
    event of another type as its object only carries that event; the noun's event gets its subject.
    A giving verb does the same ('provided military assistance': one aid event, see ``_gives_event``)."""
    if rule.pos != "verb":
        return False
    if rule.type in _GIVING_TYPES and any(c.dep_ == "dobj" and c.i in triggers and _gives_event(tok, c) for c in tok.children):
        return True
    if _match(tok, "light") is None:
        return False
    return any(c.dep_ == "dobj" and c.i in triggers and triggers[c.i].type != rule.type for c in tok.children)


def _is_manner(tok: Token, triggers: dict[int, TriggerRule]) -> bool:
    """'bought drones by transferring cash': the by-clause is how the purchase was done, not an event."""
    return tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.head.i in triggers


def _time_for(anchors: set[int], stops: set[int], sent_tokens: range, doc: Doc, times: Sequence[TimeExpr]) -> int | None:
    """The time expression attached to the event; else one in the sentence attached to no other verb or event."""
    loose: list[int] = []
    text = text_of(doc)
    for k, t in enumerate(times):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or span.root.i not in sent_tokens:
            continue
        if _is_since(text, t):
            continue  # a point event takes its own date ("on Tuesday"), never "since ..."
        if t.kind in ("duration", "set"):
            continue  # "a three-day offensive", "weekly talks": a length or a rhythm, never the event's date
        cur = span.root.head if span.root.head is not span.root else span.root
        owner: int | None = None
        for _ in range(8):
            if cur.i in anchors or cur.i in stops or cur.pos_ in ("VERB", "AUX"):
                owner = cur.i
                break
            if cur.head is cur:
                break
            cur = cur.head
        if owner in anchors or (owner is not None and _event_is_subject(doc[owner], anchors)):
            return k
        if owner is None or owner not in stops and owner not in anchors and doc[owner].pos_ not in ("VERB", "AUX"):
            loose.append(k)
    return loose[0] if loose else None


def _event_is_subject(verb: Token, anchors: set[int]) -> bool:
    """ "shelling resumed on Tuesday", "the attack took place overnight": a verb with no object whose subject is
    the event only says when it happened, so its time is the event's."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ != "place"]
    return not objects and any(c.dep_ == "nsubj" and c.i in anchors for c in verb.children)


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
