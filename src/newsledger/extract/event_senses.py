"""Whether a trigger word is used in its event sense: what its object must be ('shot a guard', not 'shot a
film'), whether its subject can act, whether it only carries another event ('struck a deal').

Split out of events.py: these checks decide whether an event exists at all, before any argument is read.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.extract.actors import person_nouns
from newsledger.extract.event_syntax import ACTOR_TYPES, PLACE_TYPES, MentionIndex, conjuncts, passive, subject
from newsledger.extract.event_triggers import TriggerRule, _match, match_trigger, materiel_lemmas, trigger_rules


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
