"""Speech acts: the request, threat or rejection a speaker makes by what it says.

PLOVER codes the act of a sentence's speaker, not only the happening it talks about: "Russia said Sudan must
return the helicopter" is a REQUEST by Russia of Sudan, "farmers said they would blockade Paris" a THREATEN by
the farmers against Paris, "the U.S. said it would not meet the demands" a REJECT by the U.S. The claim
(claimant, cue, content) and the inner event with its modality (the return, hypothetical) are recorded by
``attribution`` and ``events``; this module adds the speaker's own act, read from the grammar of the content:

- deontic content — *must*, *should*, *ought to*, *has to*, *needs to*, *is required to*, or "told X to …" —
  whose subject is an actor other than the speaker: a ``request``; the target is who must act.
- the speaker announcing its own future harmful act — *will*/*would*/*is prepared to*/"vowed to" + an attack,
  sanction, seizure, blockade, boycott, retaliation, halting talks or aid, or any act made conditional with
  *unless*: a ``threat``; the target is the target of the act threatened.
- the speaker refusing — *will not*/*would not*/*cannot*/*does not* + accepting, complying, negotiating,
  meeting, recognising, withdrawing, handing over, agreeing, giving or resigning: a ``rejection``.

Each speech act is an event whose trigger is the claim's cue (the act of speaking: "said"), modality
``occurred``, time the claim's time, agent the claimant; the inner event keeps its own record. None is made
when ``events`` already found the same act in the sentence ("demanded that …", "threatened to …",
"refused to …", "warned that it would …").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsledger.extract.doctext import text_of
from newsledger.extract.event_syntax import ACTOR_TYPES, MentionIndex, conjuncts, modality, sent_of, subject
from newsledger.extract.events import match_trigger, trigger_rules
from newsledger.model import ClaimRecord, EventRecord, Evidence, Mention, Participant

# Claim stances that make the claimant the one who speaks its content (a denial or a dispute does not).
_SPEAKING_STANCES = frozenset({"asserts", "reports", "admits"})
# Reporting verbs of belief, prediction or perception: "analysts expect Iran should …" voices an opinion
# about others, not an act of the speaker's.
_OPINION_CUES = frozenset({
    "believe", "think", "expect", "predict", "estimate", "forecast", "fear", "speculate", "suggest", "find",
    "learn", "show", "indicate", "recall", "doubt", "question", "hint", "describe", "quote", "cite", "report",
    "disclose", "reveal", "publish", "leak",
})

# Deontic modals: the subject is asked to act.
_DEONTIC_AUX = frozenset({"must", "should", "ought"})
# Verbs of obligation with a to-infinitive: "Iran has to stop", "Kyiv needs to act", "is required to leave".
_DEONTIC_VERBS = frozenset({"have", "need"})
_DEONTIC_PASSIVES = frozenset({"require", "oblige", "obligate"})
# Future auxiliaries: the speaker announces what it will do.
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "'d"})
# Auxiliaries of a refusal: "will not", "cannot", "does not accept".
_REFUSAL_AUX = _FUTURE_AUX | {"can", "ca", "could", "do", "does"}
# Heads whose to-infinitive is the subject's own intended act ("vowed to retaliate", "is prepared to impose").
_INTENT_HEADS = frozenset({
    "vow", "pledge", "promise", "swear", "threaten", "warn", "prepare", "ready", "plan", "intend", "decide",
    "determine", "go",
})
# Reporting verbs whose object is told to act: "told Iran to stop".
_ORDERING_CUES = frozenset({"tell"})

# Event types whose announcement by their own agent threatens the target.
_HARMFUL_TYPES = frozenset({"attack", "sanction", "seizure", "threat"})
# Harmful acts that are no event type of ours (retaliation names no act; a blockade or boycott is
# announced far more often than reported as done). Hand-listed: no lexicon in the dependencies has them.
# Verbs with an everyday sense ("will hit stores", "target buyers", "kill the project") stay out.
_HARMFUL_VERBS = frozenset({
    "retaliate", "blockade", "boycott", "punish", "crush", "annihilate", "destroy", "embargo", "expel",
    "sever", "bomb", "shell", "invade", "attack",
})
# Nouns of harmful acts that are no event type of ours: "will tighten the blockade", "would impose an embargo".
_HARMFUL_NOUNS = frozenset({"blockade", "boycott", "embargo", "retaliation", "reprisal"})
# Halting cooperation is a threat (PLOVER's THREATEN covers halting talks, aid and relations).
_HALT_VERBS = frozenset({"halt", "stop", "end", "cut", "suspend", "break", "sever", "freeze", "withhold"})
_TIES_NOUNS = frozenset({
    "talk", "negotiation", "relation", "tie", "aid", "assistance", "cooperation", "contact", "mediation",
    "dialogue", "funding", "support", "supply", "delivery", "shipment", "export", "import", "trade",
})
_COOPERATION_TYPES = frozenset({"meeting", "aid", "agreement", "transfer"})

# Event types and verbs a speaker turns down by saying it will not do them.
_YIELDING_TYPES = frozenset({"agreement", "meeting", "concession", "withdrawal", "transfer", "aid"})
_YIELDING_VERBS = frozenset({
    "accept", "comply", "obey", "heed", "recognize", "recognise", "negotiate", "yield", "bow", "give",
    "back", "surrender", "allow", "permit", "cooperate", "attend", "participate", "join", "accede", "submit",
    "concede", "release", "extradite", "pay", "meet", "hand", "return", "agree", "sign", "resign", "retreat",
    "withdraw", "lift", "compromise", "budge",
})
_FIRST_PERSON = frozenset({"we", "i", "us"})

# Roles of an inner event that name who a threat or a refusal is aimed at.
_AIMED_ROLES = frozenset({"target", "recipient", "partner", "origin"})
_THREAT_PREPS = frozenset({"against", "on", "at", "to", "with", "into", "of"})
_REJECTION_PREPS = frozenset({"with", "to", "from", "of", "by"})


@lru_cache(maxsize=1)
def _plover_of() -> dict[str, str]:
    """Our type → its PLOVER type, as the trigger file maps it (so the two never disagree)."""
    out: dict[str, str] = {}
    for rules in trigger_rules().values():
        for r in rules:
            if r.type and r.plover:
                out.setdefault(r.type, r.plover)
    return out


def _span(doc: Doc, ev: Evidence) -> Span | None:
    return doc.char_span(ev.start, ev.end, alignment_mode="expand")


def _head_of(span: Span) -> Token:
    """The token of a span whose head lies outside it (the cue's verb in "has said")."""
    return next((t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i), span.root)


def _frame(verb: Token) -> Token:
    """The conjunct that carries a coordinated verb's auxiliaries and subject ("would blockade Paris and
    block the roads": *block* takes *would* and *they* from *blockade*)."""
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children
    ):
        verb = verb.head
    return verb


def _auxes(verb: Token) -> list[Token]:
    return [c for c in _frame(verb).children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in _frame(verb).children)


def _perfect_after_modal(verb: Token) -> bool:
    """"should have acted" looks back: a reproach, not a request."""
    return any(a.lemma_ == "have" for a in _auxes(verb))


def _actor_subject(verb: Token) -> Token | None:
    """The subject, also through an adjective that governs the verb ("it is prepared to impose": *it*)."""
    subj = subject(_frame(verb))
    if subj is None and verb.dep_ == "xcomp" and verb.head.dep_ in ("acomp", "amod") and verb.head.head.pos_ in ("VERB", "AUX"):
        subj = subject(verb.head.head)
    return subj


def _passive_or_progressive(verb: Token) -> bool:
    return verb.tag_ == "VBG" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _deontic(verb: Token) -> Token | None:
    """The subject a deontic clause lays an obligation on, or None: "Sudan must return" → *Sudan*."""
    auxes = _auxes(verb)
    if any(a.lower_ in _DEONTIC_AUX for a in auxes) and not _perfect_after_modal(verb):
        if _passive_or_progressive(verb):
            return None  # "Iran must be punished" lays nothing on Iran; "should be arriving" predicts
        return _actor_subject(verb)
    inner = next((c for c in verb.children if c.dep_ == "xcomp"
                  and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")), None)
    if inner is not None and not _negated(verb) and not _passive_or_progressive(inner) and not any(
        c.lower_ == "yet" for c in verb.children
    ):  # ("need not return" lifts the obligation; "had to turn back" tells what happened; "has yet to reply")
        if verb.lemma_ in _DEONTIC_VERBS and verb.tag_ != "VBD" and not any(c.dep_ == "dobj" for c in verb.children):
            return _actor_subject(verb)
        if verb.lemma_ in _DEONTIC_PASSIVES and any(c.dep_ == "auxpass" for c in verb.children):
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None


def _future(verb: Token) -> bool:
    """Does the clause announce an act to come: "will strike", "would boycott", "vowed to retaliate"?"""
    if any(a.lower_ in _FUTURE_AUX for a in _auxes(verb)):
        return True
    head = _frame(verb)  # ("vowed to retaliate": the cue itself may be the head of intention)
    return head.dep_ == "xcomp" and head.head.lemma_.lower() in _INTENT_HEADS


def _unless(verb: Token) -> bool:
    """An act made conditional on the other side's ("… unless Baghdad accepts"): a conditional threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in _frame(verb).children)


Kinds = Callable[[Token], set[str]]  # the event types a token names (see _Reader.kinds)


def _objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("dobj", "attr")]


def _harmful(verb: Token, kinds: Kinds) -> bool:
    if _unless(verb):
        return True
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our", "my") for o in _objects(verb) for c in o.children):
        return False  # "would destroy its stockpile", "will end our strike": an act on one's own
    if kinds(verb) & _HARMFUL_TYPES or verb.lemma_.lower() in _HARMFUL_VERBS:
        return True
    objs = _objects(verb)
    if any(kinds(o) & _HARMFUL_TYPES or o.lemma_.lower() in _HARMFUL_NOUNS for o in objs):
        # "impose sanctions", "launch an attack", "tighten the blockade"
        return True
    if verb.lemma_.lower() in _HALT_VERBS and any(
        o.lemma_.lower() in _TIES_NOUNS or kinds(o) & _COOPERATION_TYPES for o in objs
    ):
        return True
    return False


def _yielding(verb: Token, kinds: Kinds) -> bool:
    if kinds(verb) & _YIELDING_TYPES or verb.lemma_.lower() in _YIELDING_VERBS:
        return True
    return any(kinds(o) & _YIELDING_TYPES for o in _objects(verb))


def _refusal(verb: Token) -> bool:
    """"would not meet", "cannot accept", "does not recognise", "vowed never to negotiate"."""
    if not _negated(verb):
        return False
    auxes = _auxes(verb)
    if any(a.lower_ in _REFUSAL_AUX and not (a.lemma_ == "do" and a.tag_ == "VBD") for a in auxes):
        return True  # ('did not accept' reports the past: no refusal made by saying it)
    return _future(verb)


class _Reader:
    """One document's lookups: who a token names, which events sit on which tokens."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], events: Sequence[EventRecord]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.idx = MentionIndex(doc, mentions)
        self.events = events
        self._at: dict[int, list[int]] = {}
        for k, e in enumerate(events):
            self._at.setdefault(e.trigger.start, []).append(k)

    def actors(self, head: Token) -> list[int]:
        return self.idx.for_phrase(head, ACTOR_TYPES)

    def same(self, a: int, b: int | None) -> bool:
        return b is not None and (a == b or self.mentions[a].key == self.mentions[b].key)

    def speaks(self, k: int, claim: ClaimRecord) -> bool:
        """Is mention ``k`` the claimant, or inside the phrase that names it ("the city's medical examiner's
        office": *examiner*)?"""
        m, src = self.mentions[k], claim.source
        return self.same(k, claim.claimant) or (src is not None and src.start <= m.start and m.end <= src.end)

    def named(self, subj: Token) -> list[int]:
        """The actors a clause's subject names: the mention its head word (or a coordinated head) is part
        of, or a pronoun's antecedent within the sentence; never a possessor or a modifier ("its computer",
        "ISIS discourse" name no actor that must act)."""
        if subj.pos_ == "PRON":
            k = None if subj.lower_ in _FIRST_PERSON else self.idx.antecedent(subj)
            if k is None or self.mentions[k].start < sent_of(subj).start_char:
                return []  # an antecedent outside the sentence is a guess too far to name who is asked
            return [k] if self.idx.type_of(k) in ACTOR_TYPES else []
        out: list[int] = []
        for h in [subj, *conjuncts(subj)]:
            k = self.idx.of(h)
            if k is not None and self.idx.type_of(k) in ACTOR_TYPES and k not in out:
                out.append(k)
        return out

    def is_speaker(self, subj: Token | None, claim: ClaimRecord) -> bool:
        """Is the clause's subject the one who speaks ("Russia said **it** would …", "**we** will …")?"""
        if subj is None:
            return False
        if subj.pos_ == "PRON" and subj.lower_ in _FIRST_PERSON:  # (not "US", the country)
            return True
        if subj.pos_ == "PRON":
            k = self.idx.antecedent(subj)
            return k is None or self.speaks(k, claim)
        return any(self.speaks(k, claim) for k in self.named(subj))

    def kinds(self, tok: Token) -> set[str]:
        """The event types a token names: those of events recorded on it, and its trigger row's type when the
        row needs nothing more (a strict or object-checked verb counts only as recorded: "send invoices" is
        no transfer)."""
        found = {self.events[k].type for k in self._at.get(tok.idx, ())}
        rule = match_trigger(tok)
        if rule is not None and rule.type and not rule.strict and not rule.object_needs:
            found.add(rule.type)
        return found

    def events_on(self, toks: Iterable[Token]) -> list[EventRecord]:
        return [self.events[k] for t in toks for k in self._at.get(t.idx, ())]

    def aimed_at(self, verb: Token, preps: frozenset[str], claim: ClaimRecord) -> list[int]:
        """Who the speaker's own act is aimed at: the inner event's target side, else the actors the
        verb's object and prepositions name (with an owner: "the rebels' demands" → the rebels), else
        the subject of an unless-clause (who must give in)."""
        objs = _objects(verb)
        out = [p.mention for e in self.events_on([verb, *objs]) for p in e.participants if p.role in _AIMED_ROLES]
        if not out:
            heads = list(objs) + [o for h in [verb, *objs] for c in h.children
                                  if c.dep_ == "prep" and c.lower_ in preps
                                  for o in c.children if o.dep_ == "pobj"]
            for h in heads:
                out += self.actors(h) or self.idx.in_tokens(
                    t for c in h.children if c.dep_ in ("poss", "compound") for t in c.subtree)
        if not out:
            for c in _frame(verb).children:
                if c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children if m.dep_ == "mark"):
                    s = subject(c)
                    out += self.actors(s) if s is not None else []
        found: list[int] = []
        for k in out:
            if self.idx.type_of(k) in ACTOR_TYPES and not self.speaks(k, claim) and k not in found:
                found.append(k)
        return found


def _content_verbs(span: Span, sent: Span) -> list[Token]:
    """The clause heads of a claim's content within the cue's sentence (a quotation running on for sentences
    is narrative, not the act of the one sentence): tokens whose head lies outside it, and their conjuncts."""
    span = span.doc[max(span.start, sent.start) : min(span.end, sent.end)]
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    out = [t for t in roots if t.pos_ in ("VERB", "AUX")]
    for t in list(out):
        out += [c for c in t.conjuncts if c.pos_ == "VERB" and span.start <= c.i < span.end and c not in out]
    return out


def _acts_in_claim(claim: ClaimRecord, cue: Token, content: Span, r: _Reader) -> dict[str, tuple[list[int], list[Token]]]:
    """Speech-act type → (targets, the content verbs it was read from) for one claim."""
    acts: dict[str, tuple[list[int], list[Token]]] = {}

    def add(kind: str, targets: list[int], verb: Token) -> None:
        ts, vs = acts.setdefault(kind, ([], []))
        ts += [k for k in targets if k not in ts]
        vs.append(verb)

    if cue.lemma_ in _ORDERING_CUES:  # "told Iran to stop the attacks"
        addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        order = next((c for c in cue.children if c.dep_ == "xcomp"), None)
        if addressee is not None and order is not None:
            targets = [k for k in r.named(addressee) if not r.speaks(k, claim)]
            if targets:
                add("request", targets, order)
    for verb in _content_verbs(content, sent_of(cue)):
        subj = _deontic(verb)
        if subj is not None:
            if not r.is_speaker(subj, claim):
                targets = [k for k in r.named(subj) if not r.speaks(k, claim)]
                if targets:
                    inner = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
                    add("request", targets, inner)
            continue
        if claim.claimant is None or not r.is_speaker(_actor_subject(verb), claim):
            continue  # a threat or a refusal is the speaker's own: it needs a known speaker
        act = verb
        if act.lemma_ == "hesitate" and _negated(act):  # "will not hesitate to strike": a threat
            act = next((c for c in act.children if c.dep_ == "xcomp"), act)
            if act.i != verb.i and _harmful(act, r.kinds):
                add("threat", r.aimed_at(act, _THREAT_PREPS, claim), act)
            continue
        if _refusal(verb):
            if _yielding(verb, r.kinds):
                add("rejection", r.aimed_at(verb, _REJECTION_PREPS, claim), verb)
        elif _future(verb) and _harmful(verb, r.kinds):
            add("threat", r.aimed_at(verb, _THREAT_PREPS, claim), verb)
    return acts


def _already_found(kind: str, cue: Span, verbs: Sequence[Token], r: _Reader) -> bool:
    """Has ``events`` recorded this act already: the cue itself is a trigger of the type ("demanded that"),
    or a trigger of the type governs the content verb ("said it refused to comply")?"""
    sent = sent_of(cue[0])
    for e in r.events:
        if e.type != kind or not (sent.start_char <= e.trigger.start < sent.end_char):
            continue
        if e.trigger.start < cue.end_char and cue.start_char < e.trigger.end:
            return True
        tok = r.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if tok is not None and any(v.i == tok.root.i or tok.root.is_ancestor(v) for v in verbs):
            return True
    return False


def find_speech_acts(doc: Doc, mentions: Sequence[Mention], events: Sequence[EventRecord],
                     claims: Sequence[ClaimRecord]) -> tuple[list[EventRecord], list[ClaimRecord]]:
    """The events with the speakers' requests, threats and rejections added in text order, and the claims
    with their event indices renumbered and each new event linked to the claim it was read from."""
    r = _Reader(doc, mentions, events)
    text = text_of(doc)
    plover = _plover_of()
    new: list[tuple[int, EventRecord]] = []  # (claim index, event)
    for n, claim in enumerate(claims):
        if claim.cue is None or claim.content is None or claim.stance not in _SPEAKING_STANCES:
            continue
        cue_span, content = _span(doc, claim.cue), _span(doc, claim.content)
        if cue_span is None or content is None:
            continue
        cue = _head_of(cue_span)
        if cue.lemma_.lower() in _OPINION_CUES or modality(cue) != "occurred":
            continue  # "did not say", "is expected to announce": nothing was said yet
        sent = sent_of(cue)
        for kind, (targets, verbs) in _acts_in_claim(claim, cue, content, r).items():
            if _already_found(kind, cue_span, verbs, r):
                continue
            parts = ([Participant("agent", claim.claimant)] if claim.claimant is not None else []) + [
                Participant("target", k) for k in targets]
            new.append((n, EventRecord(
                type=kind, plover=plover.get(kind), mode=None, modality="occurred",
                trigger=Evidence("", claim.cue.start, claim.cue.end, text[claim.cue.start : claim.cue.end]),
                sentence=Evidence("", sent.start_char, sent.end_char, sent.text),
                participants=tuple(parts), time=claim.time,
            )))
    if not new:
        return list(events), list(claims)
    merged = [(e.trigger.start, 0, k, e) for k, e in enumerate(events)] + [
        (e.trigger.start, 1, k, e) for k, (_, e) in enumerate(new)]
    merged.sort(key=lambda x: (x[0], x[1], x[2]))
    old_to_new = {k: i for i, (_, src, k, _) in enumerate(merged) if src == 0}
    added: dict[int, list[int]] = {}
    for i, (_, src, k, _) in enumerate(merged):
        if src == 1:
            added.setdefault(new[k][0], []).append(i)
    out_claims = [
        replace(c, events=tuple(sorted([old_to_new[k] for k in c.events] + added.get(n, []))))
        for n, c in enumerate(claims)
    ]
    return [e for *_, e in merged], out_claims


__all__ = ["find_speech_acts"]
