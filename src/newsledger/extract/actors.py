"""Generic actors: unnamed collectives and office-holders that act in the news ("police", "troops",
"the government", "protesters", "Turkish police", "an extremist organization").

Event coders (PLOVER, CAMEO) code such phrases as actors, and without them an event loses its agent or
target ("Police arrested 12 protesters" has neither a named agent nor a named target). They become
mentions with ``label="ACTOR"`` and the type their row in data/generic_actors.csv gives (a state body is an
``organization``, a non-state collective a ``group``).

Identity: "police" in two articles are two police forces, so an actor that no country qualifies is
document-scoped in the ledger, like an unnamed source (see ``is_document_scoped``). A country word before
the noun, a possessor or an "in"/"of" phrase naming a country ("Turkish police", "Sudan's government",
"security forces in Guinea") qualifies it: it carries the country, and its name says which one
("police (Turkey)"), as curated names qualify a generic body. A named entity always wins: a noun inside a
name, or one modified by a name other than a country ("Hamas fighters"), is no generic actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsledger.extract.entity_data import lookup_demonym
from newsledger.extract.event_syntax import read_data_csv
from newsledger.model import Mention
from newsledger.resolve.names import name_key
from newsledger.extract.doctext import text_of

ACTOR_LABEL = "ACTOR"
# Names that qualify a generic actor rather than compete with it: "Turkish police", "Kabul police", "Kurdish
# protesters" (a people, not a named group).
_COUNTRY_TYPES = frozenset({"country", "place", "nationality"})
# Left dependents that belong to the actor phrase ("Liberian riot police", "a Protestant extremist
# organization"); determiners and counts stay out ("the army", "12 protesters": the count is a quantity).
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


@dataclass(frozen=True, slots=True)
class ActorNoun:
    lemma: str
    type: str
    needs: str  # "" | "qualifier" | "modifier"


@lru_cache(maxsize=1)
def actor_nouns() -> dict[str, ActorNoun]:
    """lemma → row, for the nouns that name an actor (data/generic_actors.csv, kind=actor)."""
    return {
        r["lemma"]: ActorNoun(r["lemma"], r["type"], r["needs"])
        for r in read_data_csv("generic_actors.csv")
        if r["kind"] == "actor"
    }


@lru_cache(maxsize=1)
def actor_qualifiers() -> frozenset[str]:
    """Modifiers that make a generic noun an actor ("armed men", "security forces")."""
    return frozenset(r["lemma"] for r in read_data_csv("generic_actors.csv") if r["kind"] == "qualifier")


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns that name people (actor rows and kind=person rows): 'shot a guard' is done to someone."""
    return frozenset(r["lemma"] for r in read_data_csv("generic_actors.csv") if r["kind"] in ("actor", "person"))


@lru_cache(maxsize=1)
def body_nouns() -> frozenset[str]:
    """Nouns for the people of a body who act in its name ("UNICEF officials", "members of parliament")."""
    return frozenset(r["lemma"] for r in read_data_csv("generic_actors.csv") if (r.get("body") or "") == "1")


def is_document_scoped(m: Mention) -> bool:
    """Is this a generic actor that no country qualifies? Such an entity is one document's only."""
    return m.label == ACTOR_LABEL and m.country is None


def _token_owners(doc: Doc, mentions: Sequence[Mention]) -> list[int | None]:
    owners: list[int | None] = [None] * len(doc)
    for k, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            owners[tok.i] = k
    return owners


def _row_for(tok: Token) -> ActorNoun | None:
    if tok.pos_ != "NOUN":
        return None
    nouns = actor_nouns()
    return nouns.get(tok.lemma_.lower()) or nouns.get(tok.lower_)


def _modifiers(head: Token) -> list[Token]:
    """The head's pre-modifiers that belong to the phrase, with their subtrees, left to right."""
    out: list[Token] = []
    for child in head.lefts:
        if child.dep_ in _MODIFIER_DEPS and child.pos_ != "PRON":  # 'its troops': the pronoun is no qualifier
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


_COUNTRY_PREPS = frozenset({"in", "of", "from", "throughout", "across"})


def _post_country(head: Token, owners: list[int | None], mentions: Sequence[Mention]) -> int | None:
    """A country in a phrase on the head ('security forces in Guinea', 'the army of Chad', 'students from Iran')."""
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ in _COUNTRY_PREPS:
            for o in c.children:
                k = owners[o.i] if o.dep_ == "pobj" else None
                if k is not None and mentions[k].type == "country" and mentions[k].country:
                    return k
    return None


def _actor_at(
    head: Token, row: ActorNoun, owners: list[int | None], mentions: Sequence[Mention]
) -> tuple[Mention, list[int]] | None:
    """The actor mention headed by ``head`` and the country mentions it absorbs, or None."""
    if head.dep_ in ("compound", "amod", "nmod"):
        return None  # 'the police station', 'army officers': the noun modifies another thing
    if any(c.dep_ == "appos" and owners[c.i] is not None for c in head.children):
        return None  # 'the judge, John Smith': the name says who
    if head.dep_ == "appos" and owners[head.head.i] is not None:
        return None  # 'the Miners' Federation, the largest union': the name it describes says who
    mods = _modifiers(head)
    absorbed: list[int] = []
    for t in mods:
        k = owners[t.i]
        if k is None:
            continue
        if mentions[k].type not in _COUNTRY_TYPES:
            return None  # 'Hamas fighters', 'Hezbollah's militia': the named group acts
        if k not in absorbed:
            absorbed.append(k)
    words = {t.lower_ for t in mods} | {t.lemma_.lower() for t in mods}
    qualified = bool(words & actor_qualifiers())
    post = _post_country(head, owners, mentions)
    # a demonym the model left untagged still says whose ('Zambian authorities'); read from the curated table
    demonym_tok = next((t for t in mods if owners[t.i] is None and t.pos_ in ("ADJ", "PROPN")
                        and t.text[:1].isupper() and lookup_demonym(t.text) is not None), None)
    demonym = lookup_demonym(demonym_tok.text) if demonym_tok is not None else None
    if row.needs == "modifier" and not qualified:
        return None
    if row.needs == "qualifier" and not (qualified or absorbed or post is not None or demonym is not None):
        return None
    doc = head.doc
    start_tok = mods[0].i if mods else head.i
    while start_tok < head.i and (doc[start_tok].is_punct or doc[start_tok].tag_ == "POS"):
        start_tok += 1
    start, end = doc[start_tok].idx, head.idx + len(head.text)
    country_k = absorbed[0] if absorbed else post
    country = mentions[country_k].country if country_k is not None else None
    country_name = mentions[country_k].name if country_k is not None else None
    if country_k is None and demonym is not None:
        country, country_name = demonym.iso2, demonym.country
    # the name without the country words: they go into the qualifier "(Turkey)"
    own = [t for t in doc[start_tok : head.i + 1] if owners[t.i] not in absorbed and t.tag_ != "POS"
           and (demonym_tok is None or t.i != demonym_tok.i)]
    base = " ".join(t.text for t in own)
    if own and own[0].is_sent_start and not own[0].text.isupper():
        base = base[:1].lower() + base[1:]  # 'Police arrested ...': the capital is the sentence's
    name = f"{base} ({country_name})" if country_name else base
    etype = "group" if row.type == "person" and head.tag_ in ("NNS", "NNPS") else row.type
    mention = Mention(
        start=start, end=end, text=text_of(doc)[start:end], type=etype, name=name,
        key=name_key(name, etype), country=country, label=ACTOR_LABEL,
    )
    return mention, absorbed


def add_generic_actors(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` plus the generic actors of ``doc``, in text order and non-overlapping.

    A country mention inside an actor phrase ("Turkish" in "Turkish police") is replaced by the actor,
    which keeps its country; every other mention stays as it is and blocks an actor over it.
    """
    owners = _token_owners(doc, mentions)
    found: list[Mention] = []
    dropped: set[int] = set()
    for tok in doc:
        if owners[tok.i] is not None:
            continue  # inside a name or an unnamed-source phrase: that mention wins
        row = _row_for(tok)
        if row is None:
            continue
        hit = _actor_at(tok, row, owners, mentions)
        if hit is None:
            continue
        mention, absorbed = hit
        found.append(mention)
        dropped.update(absorbed)
    if not found:
        return list(mentions)
    kept = [m for k, m in enumerate(mentions) if k not in dropped]
    return sorted([*kept, *found], key=lambda m: (m.start, -(m.end - m.start)))


__all__ = ["ACTOR_LABEL", "add_generic_actors", "actor_nouns", "body_nouns", "is_document_scoped", "person_nouns"]
