"""spaCy components that add weapon systems, outlets and armed groups to ``doc.ents``.

They run after the statistical NER and overrule it where curated data or a designation
pattern is more reliable (the small model tags "Shahed-136" ORG and "S-400" PRODUCT).
The canonical name of a curated match travels in ``Span.kb_id_``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsledger.extract.entity_data import CuratedName, organizations, outlets, weapons

WEAPON_LABEL = "WEAPON"
OUTLET_LABEL = "OUTLET"
GROUP_LABEL = "GROUP"

# Nouns that say "a weapon is being named here"; used to accept an uncurated designation
# ("a Kh-555 missile") and ambiguous curated names ("Patriot batteries").
WEAPON_CUES = frozenset(
    """drone drones uav uavs missile missiles rocket rockets jet jets fighter fighters
    bomber bombers aircraft warplane warplanes plane planes helicopter helicopters
    gunship gunships tank tanks launcher launchers battery batteries howitzer howitzers
    interceptor interceptors munition munitions warhead warheads submarine submarines
    frigate frigates destroyer destroyers rifle rifles artillery system systems
    air-defence air-defense defence defense vehicle vehicles carrier carriers
    manpads anti-tank anti-aircraft anti-ship fired launched shot intercepted downed""".split()
)

# Cues that name a weapon, not just a vehicle: an uncurated designation needs one of these
# ("a Kh-555 missile"), because "DC-9 plane" or "Tu-154 aircraft" are airliners.
DESIGNATION_CUES = frozenset(
    """drone drones uav uavs missile missiles rocket rockets fighter fighters bomber bombers
    warplane warplanes gunship gunships tank tanks launcher launchers battery batteries
    howitzer howitzers interceptor interceptors munition munitions warhead warheads
    submarine submarines frigate frigates destroyer destroyers artillery rifle rifles
    air-defence air-defense""".split()
)

_CURATED_LABELS = {"outlet": OUTLET_LABEL, "group": GROUP_LABEL, "nationality": "NORP", "organization": "ORG"}

# Words near an ambiguous outlet name ("Dawn", "The Times") that show it is the outlet.
OUTLET_CUES = frozenset(
    """reported reports report according told newspaper daily agency channel broadcaster
    network wire interview quoted""".split()
)
# Words near an ambiguous organisation name ("Wagner", "RSF") that show it is the organisation.
GROUP_CUES = frozenset(
    """militia militias militants militant fighters rebels rebel group groups insurgents
    brigade brigades movement faction factions forces fighter jihadists mercenaries troops
    peacekeepers mission summit statement""".split()
)

# A designation: letters, a hyphen, digits and an optional suffix ("S-400", "Tu-22M3").
_DESIGNATION = re.compile(r"^(?P<prefix>[A-Z][A-Za-z]{0,9})-(?P<num>\d{1,4})(?P<suffix>[A-Z0-9]{0,4})s?$")
# Entity types of a following word that is not part of a weapon's name ("F-16s Ukraine received").
_NOT_NAME_PARTS = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "PERSON", "WEAPON"})
# Prefixes of designations that name no weapon even next to a cue word.
_NOT_WEAPON_PREFIXES = frozenset({"COVID", "Covid", "G", "I", "H", "Article", "Resolution"})


def _has_cue(doc: Doc, start: int, end: int, cues: frozenset[str] = WEAPON_CUES) -> bool:
    """Is a cue word within three tokens after or two before the span?"""
    lo = max(0, start - 2)
    hi = min(len(doc), end + 3)
    for tok in doc[lo:hi]:
        if start <= tok.i < end:
            continue
        if tok.lower_ in cues:
            return True
    return False


def _known_prefixes(records: Iterable[CuratedName]) -> frozenset[str]:
    """Designation families seen in the curated data ("Su" from "Su-35")."""
    found = set()
    for record in records:
        for form in record.forms:
            for word in form.split():
                m = _DESIGNATION.match(word)
                if m:
                    found.add(m.group("prefix"))
    return frozenset(found)


class _CuratedMatcher:
    """Match every form of curated records: all-caps forms case-sensitively, others by lower case."""

    def __init__(
        self, nlp: Language, records: Iterable[CuratedName], name: str, plurals: bool = False
    ) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[str, tuple[CuratedName, str]] = {}
        for n, record in enumerate(records):
            for m, form in enumerate(record.forms):
                variants = [form]
                if plurals and re.search(r"[A-Za-z]-[A-Z]?\d", form):
                    # Designations are written with a hyphen, a space or neither ("Pantsir-S1",
                    # "Pantsir S1"; "Su-30", "Su30"): every way of writing one is the same system.
                    variants += [v for v in (form.replace("-", " "), form.replace("-", "")) if v not in record.forms]
                # News writes "Javelins", "F-16s", "Stingers": add the plural of every form.
                if plurals and form[-1:].isalnum() and not form.endswith(("s", "S")):
                    variants += [v + "s" for v in variants]
                for v, variant in enumerate(variants):
                    key = f"{name}:{n}:{m}:{v}"
                    self.by_key[key] = (record, form)
                    target = self.exact if _case_sensitive(variant) else self.lower
                    target.add(key, [nlp.make_doc(variant)])

    def __call__(self, doc: Doc) -> list[tuple[int, int, CuratedName, str]]:
        hits = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                record, form = self.by_key[doc.vocab.strings[match_id]]
                hits.append((start, end, record, form))
        return hits


def _case_sensitive(form: str) -> bool:
    """Short all-caps forms ("TOW", "AP", "HARM") are also ordinary words in other cases."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(form) <= 8


_LOWER_WORDS = frozenset({"the", "of", "and", "de", "du", "della", "al", "el", "in", "for", "&"})


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    """Are the span's content words capitalised, as a name's are ("The Times", not "the times")?"""
    words = [t for t in doc[start:end] if t.is_alpha and t.lower_ not in _LOWER_WORDS]
    return bool(words) and all(t.text[:1].isupper() for t in words)


def _accept(doc: Doc, start: int, end: int, record: CuratedName, form: str, cues: frozenset[str]) -> bool:
    """A curated match counts unless it is uncapitalised (outlets, organisations) or its form is
    marked ambiguous and no cue word is near."""
    if record.type != "weapon" and not _capitalised(doc, start, end):
        return False
    if form not in record.needs_cue:
        return True
    if record.type == "weapon" and start > 0 and doc[start - 1].like_num and doc[end - 1].lower_.endswith("s"):
        return True  # "two Javelins": a count before a plural names equipment, not a person
    return _has_cue(doc, start, end, cues)


def _merge(doc: Doc, spans: list[Span], yield_to_longer: bool = False) -> None:
    """Put ``spans`` into doc.ents, dropping model entities they overlap.

    With ``yield_to_longer`` a model entity that contains a curated span wins
    ("United Arab Emirates" is not the people "Arab").
    """
    if yield_to_longer:
        spans = [
            s for s in spans
            if not any(e.start <= s.start and s.end <= e.end and len(e) > len(s) for e in doc.ents)
        ]
    chosen = filter_spans(spans)
    taken = set()
    for span in chosen:
        taken.update(range(span.start, span.end))
    kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
    doc.ents = sorted([*kept, *chosen], key=lambda s: s.start)


def _names_a_person(doc: Doc, start: int, end: int, persons: list[Span]) -> bool:
    """A weapon alias that is also a surname ("Bayraktar", "Kalashnikov") inside a person's name.

    The match is the end of a PERSON span that starts before it ("Energy Minister Alparslan
    Bayraktar"), or, alone and with no weapon word near, a surname the article gives a person.
    """
    for p in persons:
        if p.start < start < p.end or (p.start < start and p.end == start):
            return True
    if end - start == 1 and not _has_cue(doc, start, end):
        surnames = {p[-1].text for p in persons if len(p) > 1 and p.end <= start}
        return doc[start].text in surnames
    return False


class WeaponRecognizer:
    """Weapon systems: curated names and aliases plus Name-Number designations."""

    def __init__(self, nlp: Language) -> None:
        records = weapons()
        self.curated = _CuratedMatcher(nlp, records, "weapon", plurals=True)
        self.prefixes = _known_prefixes(records)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        for start, end, record, form in self.curated(doc):
            if _names_a_person(doc, start, end, persons):
                continue
            if _accept(doc, start, end, record, form, WEAPON_CUES):
                spans.append(Span(doc, start, end, label=WEAPON_LABEL, kb_id=record.name))
        for tok in doc:
            m = _DESIGNATION.match(tok.text)
            if not m or m.group("prefix") in _NOT_WEAPON_PREFIXES:
                continue
            known = m.group("prefix") in self.prefixes and (
                len(m.group("prefix")) > 1 or len(m.group("num")) > 1
            )
            if not (known or _has_cue(doc, tok.i, tok.i + 1, DESIGNATION_CUES)):
                continue
            end = tok.i + 1
            # "MQ-9 Reaper", "BM-21 Grad": a capitalised name right after the designation.
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN" and nxt.ent_type_ not in _NOT_NAME_PARTS:
                end += 1
            spans.append(Span(doc, tok.i, end, label=WEAPON_LABEL))
        if spans:
            _merge(doc, spans)
        return doc


class CuratedOrgRecognizer:
    """Outlets and organisations/armed groups named in outlets.csv and organizations.csv."""

    def __init__(self, nlp: Language) -> None:
        self.outlets = _CuratedMatcher(nlp, outlets(), "outlet")
        self.orgs = _CuratedMatcher(nlp, organizations(), "org")

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        weapon_tokens = {i for e in doc.ents if e.label_ == WEAPON_LABEL for i in range(e.start, e.end)}
        for matcher, cues in ((self.outlets, OUTLET_CUES), (self.orgs, GROUP_CUES)):
            for start, end, record, form in matcher(doc):
                if any(i in weapon_tokens for i in range(start, end)):
                    continue
                if not _accept(doc, start, end, record, form, cues):
                    continue
                label = _CURATED_LABELS.get(record.type, "ORG")
                spans.append(Span(doc, start, end, label=label, kb_id=record.name))
        if spans:
            _merge(doc, spans, yield_to_longer=True)
        return doc
