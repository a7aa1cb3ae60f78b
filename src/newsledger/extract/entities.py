"""Entity recognition: newsledger's spaCy components and the Doc → Mention conversion.

The statistical model finds people, organisations and places; our components (in
entity_rulers.py, entity_fixes.py, entity_sources.py) add weapons, outlets, armed groups
and unnamed sources, and correct model errors that can be corrected generally.
This module registers them under versioned names and turns a Doc into Mentions.
A wire dateline ("SEOUL, Oct 12 (Reuters) -") is split off as its own sentence before the
parser runs and its place becomes one place mention with role "dateline" (entity_dateline.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger.extract.entity_data import country_iso, find_curated, lookup_demonym
from newsledger.extract.entity_dateline import DATELINE_ROLE, dateline_end, dateline_place, display_name
from newsledger.extract.entity_fixes import EntityFixer
from newsledger.extract.entity_name_shapes import short_country_name
from newsledger.extract.entity_rulers import (
    GROUP_LABEL,
    OUTLET_LABEL,
    WEAPON_LABEL,
    CuratedOrgRecognizer,
    WeaponRecognizer,
)
from newsledger.extract.entity_sources import SOURCES_KEY, SourceFinder
from newsledger.model import Mention
from newsledger.resolve.names import is_generic_body, name_key, strip_titles

# Our components, in the order they run after the model's "ner".
COMPONENTS: tuple[str, ...] = (
    "newsledger_weapons_v1",
    "newsledger_curated_orgs_v1",
    "newsledger_entity_fixes_v1",
    "newsledger_sources_v1",
)


@Language.component("newsledger_dateline_v1")
def split_dateline(doc: Doc) -> Doc:
    """Make a wire dateline ("SEOUL, Oct 12 (Reuters) -") a sentence of its own, before the parser runs.

    Glued to the first sentence, the capitalised place becomes that sentence's subject and the
    real subject an appositive ("SEOUL ... North Korea fired": agent SEOUL).
    """
    end = dateline_end(doc.text)
    if end is None or end >= len(doc.text):
        return doc
    first = next((t for t in doc if t.idx >= end and not t.is_space), None)
    if first is None or first.i == 0:
        return doc
    for tok in doc[1 : first.i]:
        tok.is_sent_start = False
    first.is_sent_start = True
    return doc


@Language.factory("newsledger_weapons_v1")
def _make_weapons(nlp: Language, name: str) -> WeaponRecognizer:
    return WeaponRecognizer(nlp)


@Language.factory("newsledger_curated_orgs_v1")
def _make_curated_orgs(nlp: Language, name: str) -> CuratedOrgRecognizer:
    return CuratedOrgRecognizer(nlp)


@Language.factory("newsledger_entity_fixes_v1")
def _make_fixes(nlp: Language, name: str) -> EntityFixer:
    return EntityFixer(nlp)


@Language.factory("newsledger_sources_v1")
def _make_sources(nlp: Language, name: str) -> SourceFinder:
    return SourceFinder(nlp)


def add_entity_components(nlp: Language) -> None:
    """Add newsledger's entity components after the model's NER; safe to call twice."""
    if "newsledger_dateline_v1" not in nlp.pipe_names:
        nlp.add_pipe("newsledger_dateline_v1", before="parser" if "parser" in nlp.pipe_names else None)
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)


# spaCy label -> newsledger type, for labels that need no further decision.
_LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    WEAPON_LABEL: "weapon",
    OUTLET_LABEL: "outlet",
    GROUP_LABEL: "group",
}
_POSSESSIVE = ("'s", "’s", "'", "’")


def _trim(doc_text: str, start: int, end: int, sentence_start: bool = False) -> tuple[int, int]:
    """Character offsets of a span without a leading "the" or a trailing possessive.

    A capitalised "The" inside a sentence is part of the name ("in The Hague") and stays.
    """
    text = doc_text[start:end]
    leading = ("the ", "The ", "THE ") if sentence_start else ("the ",)
    for prefix in leading:
        if text.startswith(prefix) and len(text) > len(prefix):
            start += len(prefix)
            text = text[len(prefix):]
            break
    for suffix in _POSSESSIVE:
        # a bare apostrophe only after an s ("the rebels'"), never inside a name ("N'Djamena")
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            if suffix in ("'", "’") and not text[:-1].endswith("s"):
                continue
            end -= len(suffix)
            text = text[: -len(suffix)]
            break
    return start, end


def _mention_for_entity(doc: Doc, doc_text: str, ent: Span) -> Mention | None:
    label = ent.label_
    start, end = _trim(doc_text, ent.start_char, ent.end_char, _at_sentence_start(ent))
    if end <= start:
        return None
    text = doc_text[start:end]
    country: str | None = None
    if label == "NORP" or (label in ("GPE", "LOC") and _is_adjectival(text)):
        return _mention_for_norp(doc, ent, start, end, text, label="NORP" if label == "NORP" else label)
    etype = _LABEL_TYPES.get(label)
    if etype is None:
        return None
    name = ent.kb_id_ or (strip_titles(text) if etype == "person" else text)
    if label in (WEAPON_LABEL, OUTLET_LABEL, GROUP_LABEL, "ORG"):
        record = find_curated(name)
        if record is not None:
            name = record.name
            country = record.country
            if label == "ORG" and record.type in ("group", "outlet"):
                etype = record.type
        elif label == "ORG" and (iso := _country_named(name)) is not None:
            # "Democratic People's Republic of Korea", "DPRK": a state's official name or acronym
            return Mention(start=start, end=end, text=text, type="country", name=name,
                           key=name_key(name, "country"), country=iso, label=label)
    if country is None and etype in ("organization", "group", "facility"):
        country = _country_in_name(text)
    return Mention(
        start=start, end=end, text=text, type=etype, name=name,
        key=name_key(name, etype), country=country, label=label,
    )


def _country_named(name: str) -> str | None:
    """ISO code of the country ``name`` is a name, official name or acronym of (gazetteer + aliases).

    Only an exact, main (not variant) country entry counts: the model's ORG on "DPRK" or
    "Democratic People's Republic of Korea" is the state, but "EU" or "UN" are no country.
    """
    from newsledger.resolve.gazetteer import get_gazetteer

    for cand in get_gazetteer().candidates(name):
        if cand.kind == "country" and not cand.alternate:
            return cand.country
    return None


def _at_sentence_start(span: Span) -> bool:
    first = span[0]
    if first.is_sent_start or first.i == 0:
        return True
    prev = span.doc[first.i - 1]
    return prev.is_punct and prev.text in ('"', "“", "'", "‘", "(", "-", "—", ":")


def _country_in_name(text: str) -> str | None:
    """The country an organisation's name starts with ("Iranian Foreign Ministry", "Israel Defense Forces")."""
    words = text.split()
    for n in (3, 2, 1):
        if len(words) > n:
            iso = country_iso(" ".join(words[:n]))
            if iso:
                return iso
    return None


def _is_adjectival(text: str) -> bool:
    """A GPE the model tagged that is really a demonym ("Ukrainian"), not a name ("U.S.")."""
    demonym = lookup_demonym(text)
    return demonym is not None and text[:1].isupper() and text[-1:].islower() and text != demonym.country


# The shape of a word naming a people or faith ("Kurdish", "Sunnis", "Alawite", "Pashtuns").
_PEOPLE_WORD = re.compile(r"^[A-Z][a-z'’\-]+(?:an|ian|ean|ese|i|ish|ic|ite|ist|ean)s?$")


def _mention_for_norp(
    doc: Doc, ent: Span, start: int, end: int, text: str, label: str = "NORP"
) -> Mention | None:
    """A demonym stands for its country ("Iranian drones": made in Iran); else a group or nationality."""
    demonym = lookup_demonym(text)
    if demonym is not None:
        return Mention(
            start=start, end=end, text=text, type="country", name=demonym.country,
            key=name_key(demonym.country, "country"), country=demonym.iso2, label=label,
        )
    record = find_curated(ent.kb_id_ or text) if ent.kb_id_ != "group" else None
    if record is not None and record.type in ("group", "organization", "nationality"):
        etype, name, country = record.type, record.name, record.country
    elif ent.kb_id_ == "group":
        etype, name, country = "group", text, None
    elif _used_as_place(doc, ent):
        return Mention(start=start, end=end, text=text, type="place", name=text,
                       key=name_key(text, "place"), label="LOC")
    elif _PEOPLE_WORD.match(text.split()[-1]):
        etype, name, country = "nationality", text, None
    else:
        return None  # the model's NORP on a product or common word ("iTunes", "Windows")
    return Mention(
        start=start, end=end, text=text, type=etype, name=name,
        key=name_key(name, etype), country=country, label="NORP",
    )


# Nouns after a name that make it a place's name ("the Yishi area", "Anbar province").
_AREA_NOUNS = frozenset(
    """area areas region district province county governorate oblast valley village town city
    border""".split()
)
_LOCATIVE_BEFORE = frozenset("""in near at around outside across from""".split())


def _used_as_place(doc: Doc, ent: Span) -> bool:
    """A NORP that the gazetteer knows as a place and the sentence uses as one ("in the Yishi
    area") names the place, not a people: a word's shape ("-i", "-an") is no evidence then."""
    from newsledger.resolve.gazetteer import get_gazetteer

    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    i = ent.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    locative = i >= 0 and doc[i].lower_ in _LOCATIVE_BEFORE
    return (after in _AREA_NOUNS or locative) and bool(get_gazetteer().candidates(ent.text))


def find_mentions(doc: Doc) -> list[Mention]:
    """Every span of ``doc`` that names an entity, sorted by offset and non-overlapping."""
    mentions: list[Mention] = []
    doc_text = doc.text  # Doc.text is rebuilt from the tokens on every access
    for ent in doc.ents:
        mention = _mention_for_entity(doc, doc_text, ent)
        if mention is not None:
            mentions.append(mention)
    sources = doc.spans[SOURCES_KEY] if SOURCES_KEY in doc.spans else []
    for span in sources:
        start, end = _trim(doc_text, span.start_char, span.end_char, _at_sentence_start(span))
        text = doc_text[start:end]
        country = span.kb_id_ or None
        mentions.append(
            Mention(
                start=start, end=end, text=text, type="source", name=text,
                key=name_key(text, "source"), country=country, label="SOURCE",
            )
        )
    mentions = [_with_owner_country(doc_text, m) for m in mentions]
    mentions = _with_short_country_names(mentions)
    return _non_overlapping(_with_dateline(doc_text, mentions))


def _with_short_country_names(mentions: list[Mention]) -> list[Mention]:
    """"The North" in an article that names North Korea is that country, not a region called North."""
    names = [m.text for m in mentions if m.type in ("place", "country") and " " in m.text]
    out = []
    for m in mentions:
        full = short_country_name(m.text, names) if m.type == "place" else None
        if full is not None:
            m = replace(m, type="country", name=full, key=name_key(full, "country"), country=country_iso(full))
        out.append(m)
    return out


_OWNER_BEFORE = re.compile(r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})(?:'s|’s)\s+$")


def _with_owner_country(doc_text: str, m: Mention) -> Mention:
    """A generic body name after a country's possessive is that country's body, named so.

    "Romania's defence ministry" and "Russia's Defense Ministry" are two ministries; without
    the country in the name they would share one key and become one entity in the ledger.
    The name becomes "defence ministry (Romania)", as curated names qualify a generic name.
    """
    if m.type != "organization" or m.country is not None:
        return m
    if not is_generic_body(m.text):
        return m
    owner = _OWNER_BEFORE.search(doc_text, max(0, m.start - 40), m.start)
    if owner is None:
        return _with_dateline_country(doc_text, m)
    # The capitalised run may start in the sentence before ("Ukraine.\nRussia's"): the owner is its
    # longest tail that names a country.
    words = owner.group(1).split()
    found = next(((" ".join(words[-n:]), iso) for n in (3, 2, 1) if len(words) >= n
                  and (iso := country_iso(" ".join(words[-n:]))) is not None), None)
    if found is None:
        return m
    owner_name, iso = found
    name = f"{m.name} ({owner_name})"
    return replace(m, name=name, key=name_key(name, m.type), country=iso)


def _with_dateline_country(doc_text: str, m: Mention) -> Mention:
    """A state body named without its country in a story filed from a capital is that country's.

    "BUCHAREST, Oct 17 (Reuters) - ... the foreign ministry said": wire copy names the home
    country's ministries bare and a foreign one with its country ("Russia's Defense Ministry").
    Only a dateline that is a capital city counts; other datelines leave the body unqualified.
    """
    found = dateline_place(doc_text)
    if found is None or m.start < found[1]:
        return m
    iso = _capital_country(display_name(doc_text[found[0] : found[1]]))
    if iso is None:
        return m
    from newsledger.resolve.gazetteer import get_gazetteer

    country = get_gazetteer().country(iso)
    if country is None:
        return m
    name = f"{m.name} ({country.name})"
    return replace(m, name=name, key=name_key(name, m.type), country=iso)


def _capital_country(place: str) -> str | None:
    """ISO code of the country whose capital ``place`` is, else None."""
    from newsledger.resolve.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    capitals = {c.country for c in gaz.candidates(place) if not c.alternate and gaz.is_capital(c)}
    return capitals.pop() if len(capitals) == 1 else None


def _with_dateline(doc_text: str, mentions: list[Mention]) -> list[Mention]:
    """Replace whatever the model made of a wire dateline's place with one place mention.

    The model tags "SEOUL" ORG, glues "ANKARA\n\nTürkiye" into one name, or misses it; the
    part of a glued name after the dateline stays a mention of its own.
    """
    found = dateline_place(doc_text)
    if found is None:
        return mentions
    start, end = found
    out: list[Mention] = []
    for m in mentions:
        if m.end <= start or m.start >= end:
            out.append(m)
            continue
        rest = doc_text[end : m.end]
        lead = len(rest) - len(rest.lstrip())
        if rest.strip() and m.type not in ("source",):
            text = rest.strip()
            name = text if m.name == m.text else m.name
            out.append(replace(m, start=end + lead, end=m.end, text=text, name=name, key=name_key(name, m.type)))
    text = doc_text[start:end]
    name = display_name(text)
    out.append(Mention(
        start=start, end=end, text=text, type="place", name=name, key=name_key(name, "place"),
        label="GPE", role=DATELINE_ROLE,
    ))
    return out


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Sort by offset; where two overlap keep the longer one (the first on a tie)."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in ordered:
        if kept and m.start < kept[-1].end:
            if (m.end - m.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = m
            continue
        kept.append(m)
    return kept
