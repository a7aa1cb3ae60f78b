"""The event trigger table and its matching: which words start an event.

Split out of events.py so that the table (data/event_triggers.csv and the word lists beside it) and the
rule that matches a token against it can be read, and imported by speech acts, without the argument reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from newsledger.extract.event_syntax import read_data_csv


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
