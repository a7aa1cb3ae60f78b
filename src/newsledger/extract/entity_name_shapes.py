"""Relabel entity spans from the shape of the name and the common nouns around it.

The small model tags "Odesa Oblast" ORG, "Habib Bourguiba Avenue" PERSON, "the Black Sea Grain
Initiative" LOC, "Rosoboronexport, the state arms exporter" GPE and leaves "(FSVTS)" untagged. English
says what such a name is with its last word ("Oblast", "Avenue", "Initiative") or with a common noun
next to it ("exporter", "cosmodrome", "movement"); these rules read that. Each is a small function so
that a wrong relabelling can be traced to one rule (as in entity_fixes.py).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsledger.extract.entity_data import country_iso, lookup_demonym
from newsledger.resolve.names import is_acronym_of, names_a_body

# Last words of a first-level or lower region's name ("Odesa Oblast", "Anbar Province").
_AREA_LAST_WORDS = frozenset("oblast province governorate region district county krai prefecture raion".split())
# Last words of a street's or square's name ("Habib Bourguiba Avenue", "Tahrir Square").
_STREET_LAST_WORDS = frozenset("avenue street boulevard square road highway bridge".split())
# Last words of an agreement's or a programme's name: such a name is no place and no body.
_AGREEMENT_LAST_WORDS = frozenset("initiative agreement agreements accord accords treaty pact deal memorandum".split())
# Last words of a body's name that the model tags FAC ("Stockholm International Peace Research Institute").
_BODY_LAST_WORDS = frozenset(
    """institute institution ministry council committee commission agency organization organisation
    company corporation party union association federation authority foundation""".split()
)
# Common nouns that call the name next to them a firm or a body ("Rosoboronexport, the state arms
# exporter"; "the arms maker Rheinmetall").
_BODY_NOUNS = frozenset(
    """company firm exporter importer manufacturer maker producer contractor supplier conglomerate
    corporation operator airline lender insurer charity ngo watchdog regulator monopoly""".split()
)
# Nouns after an untagged name that make it a political body ("the Ennahda movement").
_MOVEMENT_NOUNS = frozenset({"movement", "party"})
# Compass words that news uses alone for a country named with them ("the North" after "North Korea").
_COMPASS_WORDS = frozenset({"North", "South", "East", "West"})
_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Za-z]{1,7}$")


def _last_word(e: Span) -> str:
    return e[-1].lower_


def _title_words(e: Span) -> bool:
    return all(t.text[:1].isupper() for t in e if t.is_alpha and t.lower_ not in ("of", "the", "and", "for"))


def relabel_by_last_word(doc: Doc, ents: list[Span]) -> list[Span]:
    """Regions, streets, agreements and bodies named by their last word; curated names keep their label.

    An agreement's name gets spaCy's LAW label, which the pipeline leaves out: the ledger has no entity
    type for it, and a wrong type (a place for "the Black Sea Grain Initiative") is worse than none.
    """
    out = []
    for e in ents:
        last = _last_word(e)
        if e.kb_id_ or len(e) < 2 or not e[-1].text[:1].isupper() or not _title_words(e):
            out.append(e)
            continue
        label = e.label_
        if label in ("ORG", "PERSON") and last in _AREA_LAST_WORDS:
            label = "GPE"  # "Odesa Oblast"
        elif label in ("PERSON", "ORG", "GPE", "LOC") and last in _STREET_LAST_WORDS:
            label = "FAC"  # "Habib Bourguiba Avenue"
        elif label in ("GPE", "LOC", "FAC", "EVENT") and last in _AGREEMENT_LAST_WORDS:
            label = "LAW"  # "the Black Sea Grain Initiative"
        elif label == "ORG" and last in _AGREEMENT_LAST_WORDS - {"initiative"}:
            label = "LAW"  # "the Minsk Agreements"; "the Nuclear Threat Initiative" is a body
        elif label == "FAC" and last in _BODY_LAST_WORDS:
            label = "ORG"  # "Stockholm International Peace Research Institute"
        out.append(e if label == e.label_ else Span(doc, e.start, e.end, label=label))
    return out


def _called_a_body(doc: Doc, e: Span) -> bool:
    """A common noun next to the name calls it a firm or body: in apposition either way, or right before it."""
    root = e.root
    if any(c.dep_ == "appos" and c.lemma_.lower() in _BODY_NOUNS for c in root.children):
        return True  # "Rosoboronexport, the state arms exporter"
    if root.dep_ == "appos" and root.head.lemma_.lower() in _BODY_NOUNS and root.head.i < e.start:
        return True  # "the arms maker, Rheinmetall"
    before = doc[e.start - 1] if e.start > 0 else None
    # "the monitoring group OVD-Info": a group named right after the word is a body too
    return before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in _BODY_NOUNS | {"group"}


def relabel_called_bodies(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name the model tags as a place or person that the sentence calls a firm or body is an ORG.

    Country names, capitals and demonyms are never relabelled ("Iran, a major drone maker" is the state).
    """
    from newsledger.extract.entity_fixes import country_and_capital_names

    out = []
    for e in ents:
        if (
            e.label_ in ("GPE", "LOC", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART") and not e.kb_id_
            and _called_a_body(doc, e)
            and lookup_demonym(e.text) is None and country_iso(e.text) is None
            and e.text not in country_and_capital_names()
        ):
            e = Span(doc, e.start, e.end, label="ORG")
        out.append(e)
    return out


def add_movements(doc: Doc, ents: list[Span]) -> list[Span]:
    """Capitalised names the model left untagged right before "movement" or "party" ("The Ennahda
    movement") are organisations; demonyms and country names are left alone ("the Kurdish movement")."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    for tok in doc:
        if tok.lower_ not in _MOVEMENT_NOUNS or not tok.text.islower() or tok.i == 0:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in taken:
            start -= 1
        if start == tok.i or tok.i - start > 3:
            continue
        name = doc[start : tok.i].text
        if lookup_demonym(name) is not None or country_iso(name) is not None:
            continue
        out.append(Span(doc, start, tok.i, label="ORG"))
        taken.update(range(start, tok.i))
    return sorted(out, key=lambda e: e.start)


def _defined_acronyms(doc: Doc, ents: list[Span]) -> dict[str, bool]:
    """Acronyms the article defines in parentheses: True after an organisation's name ("the Federal
    Service for Military-Technical Cooperation (FSVTS)", letters from the original language too),
    False after common nouns whose initials they spell ("a memorandum of understanding (MoU)")."""
    orgs_ending = {e.end: e for e in ents if e.label_ in ("ORG", "OUTLET", "GROUP")}
    found: dict[str, bool] = {}
    for tok in doc:
        if not (tok.i >= 2 and _ACRONYM_TOKEN.match(tok.text) and doc[tok.i - 1].text == "("
                and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ")"):
            continue
        acronym = tok.text
        if sum(c.isupper() for c in acronym) < 2 or country_iso(acronym) is not None:
            continue
        if tok.i - 1 in orgs_ending and acronym.isupper() and names_a_body(orgs_ending[tok.i - 1].text):
            found.setdefault(acronym, True)
            continue
        words = [t for t in doc[max(0, tok.i - 7) : tok.i - 1] if not t.is_punct]
        for n in range(len(words), 1, -1):
            phrase = words[-n:]
            if all(t.text.islower() for t in phrase) and is_acronym_of(acronym.upper(), " ".join(t.text for t in phrase)):
                found.setdefault(acronym, False)
                break
    return found


def relabel_defined_acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """Tag every use of an acronym defined after an organisation's name ORG; drop the entity spans of
    one that only abbreviates common nouns ("MoU")."""
    defined = _defined_acronyms(doc, ents)
    if not defined:
        return ents
    out = [e for e in ents if not (len(e) == 1 and defined.get(e.text) is False and e.label_ in ("ORG", "GPE", "PERSON"))]
    taken = {i for e in out for i in range(e.start, e.end)}
    for tok in doc:
        if defined.get(tok.text) and tok.i not in taken:
            out.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
    return sorted(out, key=lambda e: e.start)


def join_hyphenated_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """An organisation's name that goes on after a hyphen with no space ("OVD-Info", "Al-Quds") is one
    name; the model often tags only the part before it. A country or city after the hyphen is another
    name ("Iran-Russia"), and a tagged word after it keeps its own span."""
    from newsledger.extract.entity_fixes import country_and_capital_names

    taken = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        end = e.end
        if e.label_ == "ORG" and not e.kb_id_ and end + 1 < len(doc) and doc[end].text == "-":
            nxt = doc[end + 1]
            glued = not e[-1].whitespace_ and not doc[end].whitespace_
            if (glued and nxt.is_alpha and nxt.text[:1].isupper() and end + 1 not in taken
                    and nxt.text not in country_and_capital_names() and country_iso(nxt.text) is None):
                e = Span(doc, e.start, end + 2, label="ORG")
        out.append(e)
    return out


def split_person_and_place(doc: Doc, ents: list[Span]) -> list[Span]:
    """A span that is a person's surname the article gives in full, then a country's name ("told
    Erdogan Iraq would ..."), is two names the model glued together: a person and a place."""
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    out = []
    for e in ents:
        if e.label_ != "PERSON" and not e.kb_id_ and len(e) >= 2 and e[0].text in surnames:
            rest = doc[e.start + 1 : e.end]
            if country_iso(rest.text) is not None:
                out.append(Span(doc, e.start, e.start + 1, label="PERSON"))
                out.append(Span(doc, rest.start, rest.end, label="GPE"))
                continue
        out.append(e)
    return out


def short_country_name(word: str, country_names: list[str]) -> str | None:
    """The one country named in the document that a bare compass word stands for ("the North" after
    "North Korea"), else None."""
    if word not in _COMPASS_WORDS:
        return None
    by_country: dict[str, str] = {}
    for n in country_names:
        iso = country_iso(n) if n.startswith(word + " ") else None
        if iso is not None and (iso not in by_country or lookup_demonym(by_country[iso]) is not None):
            by_country[iso] = n  # the country's name rather than its demonym ("North Korea", not "North Korean")
    if len(by_country) != 1:
        return None
    (name,) = by_country.values()
    return None if lookup_demonym(name) is not None else name


def apply_name_shapes(doc: Doc, ents: list[Span]) -> list[Span]:
    """Every rule of this module, in order."""
    for fix in (relabel_defined_acronyms, relabel_by_last_word, relabel_called_bodies,
                add_movements, join_hyphenated_names, split_person_and_place):
        ents = fix(doc, ents)
    return ents
