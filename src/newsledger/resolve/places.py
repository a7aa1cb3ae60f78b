"""Geocode place mentions offline and resolve metonyms ("Moscow denied" → Russia's government).

Cascade for each place mention (each step a named function below):
1. ``_qualifier``: an explicit "X, Y" / "X in Y" / "X (Y)" where Y is a country, first-level region or
   county (also "Ore." / "OR" style US state abbreviations after a comma) decides between same-named places.
2. ``_score``: otherwise the candidate with the best score wins, where the score adds
   log10(population), a bonus for countries, a penalty for a match on an alternate (variant) name, and
   bonuses for what the document's *other* names say: the countries and regions they name, the countries
   and regions of the towns and counties they were placed in (a region or country whose towns are named
   counts as named), the regions they could lie in at all (``nearby``), and a town and a county that could
   hold each other ("Paris" and "Henry County": ``_in_named_district``; a town and a county of one name are
   one clue, not two), a town near where another name was placed (across state lines too), and a state the
   text writes outside every place mention ("Georgia Bureau of Investigation": ``_regions_in_text``). As for a
   country's name, a populous region's own name ("California", "Oregon") means a small town of that name in
   another region only where the text points at the town (its qualifier, its county, a town beside it). A
   town twenty times smaller than a namesake abroad gets no bonus for its country being named unless the text
   points at it the same way or names its state ("Rome" in a story naming the United States is Rome, Italy:
   ``_dwarfed``, ``_pointed_at``). Ranking
   runs once without context
   and then twice with it, so a first guess ("Georgia" the country) is corrected once the other names are
   counted; a name never votes for its own reading. Villages of 500-1,000 people compete only where the text
   names their county or state, and answer alone when nothing else has the name.
3. ``_prefer_city_over_region``: a region named after its main city ("Tehran", "New York") gives way to
   that city, and a county or municipality to the town of its name in it: news text using the bare name
   nearly always means the town. Unless the text says it is the region (``_reads_as_region``: one of a list of
   regions, a town's qualifier, "the New York border", "upstate", "New York's governor"). A bare name in a list
   that ends in "counties" or "county line" ("Butler, Warren or Clark counties") is read as the county
   (``_as_listed_county``).
A name the gazetteer lacks may still be an adjective of an area ("European", "Ohioans": ``_adjective_of_area``),
a dotted abbreviation written with spaces ("W. Va."), dotted initials ("L.A.", "S.F.": the place whose words they
begin, else a big city; a postal code "LA" has no dots, but after "Town, " they are the town's state), a county
written the other way or abbreviated ("Mayo County", "Loudon Co.": ``_respelt``), or a part or institution of a
place ("South Florida", "the Las Vegas Valley", "Harare City Council", "Hamilton Township": ``_part_of``), which
gets the place's point and country but not its id.
Facilities take the point of a curated facility (facilities.csv), of the place their name starts with when
the rest is a generic head ("Damascus airport", "Odesa port"), or of the place named right after them
("the air base near Latakia"). They get coordinates and country but no GeoNames id (the id would be the
town's, not the facility's).
Metonyms: a capital, or a seat of government from metonyms.csv, acting as a party (the subject of a verb of
saying or doing, a passive agent, the party of a deal or talks: extract/entity_metonymy.py) becomes its country
with role "metonym"; as a location it stays a place.
Anything the gazetteer cannot place is returned unchanged: no guess.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from newsledger.extract.entity_metonymy import acts_as_government
from newsledger.model import Mention
from newsledger.resolve.gazetteer import (
    DATA_DIR,
    CountryInfo,
    Gazetteer,
    Place,
    get_gazetteer,
    initials,
    lookup_country,
    normalise,
)

__all__ = ["geocode", "lookup_country", "CountryInfo", "resolve_name"]

# Score weights. Populations span 1e3..1e7, so one unit of score is a factor of ten in population.
COUNTRY_BONUS = 2.0  # a bare country name is nearly always the country ("Georgia" aside)
ALTERNATE_PENALTY = 1.5  # variant names are noisier than a place's main name
CAPITAL_BONUS = 1.0  # "Washington" is the capital before it is the state
REGION_PENALTY = 0.5  # a region's population is summed over its towns; news names towns more often
QUALIFIER_BONUS = 8.0  # "Damascus, Oregon" must beat a capital of 1.5 million
MENTIONED_BONUS = 2.5  # the document names the place's country or region elsewhere
# Per other distinct toponym placed in the same country / first-level region, capped. Swept on GeoWebNews +
# LGL: the country bonus (0.25-1.0) moved nothing; the region bonus 0.5 / 1.0 / 1.5 / 2.0 gave LGL acc@161
# 60.3 / 61.3 / 61.8 / 62.2 with GeoWebNews flat (57.6 +- 0.1). 1.5 rather than 2.0: LGL is local US news,
# where towns of one state cluster more than in international news, and we do not want to overfit to it.
IMPLIED_BONUS = 0.5
IMPLIED_REGION_BONUS = 1.5
IMPLIED_CAP = 3
# Ranking rounds with context after the first without. Two rounds, each name's own reading left out of its
# context, replaced one round with the name's own country counted: LGL acc@161 72.7 -> 74.0, GeoWebNews +0.1.
CONTEXT_ROUNDS = 2
# What the other names could be at all, not only what they were placed at. Swept on GeoWebNews + LGL (acc@161):
# nearby 0 / 0.5 / 1.0 gave LGL 74.0 / 74.7 / 74.6, GeoWebNews 60.0 / 59.9 / 59.3; the share-of-names bonus
# (cover) at 2.0 then added 0.4 on LGL and nothing on GeoWebNews; 4.0 without nearby was worse on both.
NEARBY_BONUS = 0.5
NEARBY_CAP = 3.0
COVER_BONUS = 2.0
# The share of one name says little when it could lie anywhere: "Paris" could lie in a dozen states and would
# lift "Geneva" to Illinois. A single other placeable name covers the region it was placed in ("Paris" beside
# "Dallas" is in Texas) and, when it could lie in COVER_SINGLE_MAX regions or fewer, each of them ("Columbus"
# beside "Harris County"): LGL acc@161 82.0 -> 82.3 (3, 4 or 6 alike), GeoWebNews flat. Covering every region of
# one name gave 82.4 but put Geneva in Illinois beside "Paris, France".
COVER_MIN_NAMES = 2
COVER_SINGLE_MAX = 4
# A town and a county of the document that could hold each other. Swept on LGL (acc@161): 0 / 2 / 3 / 4.5 gave
# 78.1 / 79.7 / 79.8 / 79.7 with GeoWebNews unchanged; letting the pair also read a country's name as the
# town ("Lebanon" and "Boone County") is 0.5 of that.
DISTRICT_BONUS = 3.0
# A first-level region the text writes outside any place mention: inside an organisation's name ("Georgia
# Bureau of Investigation", "the Texas Forestry Service") or after an unmarked town ("Greer, S.C."). Local
# news names its state's agencies; weighed like a named region (MENTIONED_BONUS) times this share. 0 / 1 gave
# LGL acc@161 82.3 / 82.4, GeoWebNews 72.6 both.
TEXT_REGION_SHARE = 1.0
# A town near a place another name of the document was placed at (its town or county): local stories name
# neighbouring towns, across county and state lines too ("Hanover" beside "White River Junction", Vt.). Full
# bonus at distance 0, falling linearly to nothing at PROXIMITY_KM. Swept (acc@161, cover from two names):
# 0 / 1.0 / 1.5 / 2.0 at 150 km gave LGL 81.8 / 82.0 / 82.1 / 82.0, GeoWebNews 72.6 / 72.6 / 72.5 / 72.4;
# 80 km or 300 km no better.
PROXIMITY_BONUS = 1.0
PROXIMITY_KM = 150.0
# A country's name read as a town within this distance of another placed name (``_next_to_named_place``):
# 40 and 80 km gave the same LGL acc@161 (82.3 -> 82.4; six Jordans and Lebanons in local obituaries and
# school news), GeoWebNews unchanged.
NEXT_TO_KM = 40.0
# Towns smaller than this that share a first-level region's name, outside it, need the text to point at them
# (``_rank``). 0 turns the rule off.
REGION_NAMESAKE_MAX_TOWN = 100_000
REGION_SEAT_KM = 100.0
# Only a region at least this populous is the name's first sense: Portland parish (Jamaica, 80,000 people) does
# not make "Portland" in a Maine story Portland, Oregon.
REGION_NAMESAKE_MIN_REGION = 500_000
# A town this many times smaller than a namesake in another country ("Rome", Georgia, beside Rome) gets no
# bonus for its country being named: a story naming the United States still means Rome, Italy, unless the
# text points at the town itself (its state or county named, a town placed nearby, a qualifier). 5 / 10 / 20 all
# gave GeoWebNews acc@161 72.7 -> 72.8 (exact 80.0 -> 80.1), LGL unchanged (82.8); 20 keeps it to clear cases.
# Also withholding the bonus for towns of that country placed elsewhere (IMPLIED_BONUS) moved nothing.
WORLD_NAMESAKE_RATIO = 20.0
TOWN_FLOOR = 1000  # the population a town of cities1000 is counted at when GeoNames gives none
LOC_MIN_TOWN = 100_000
FACILITY_MIN_TOWN = 100_000  # still lets "Kennedy Airport" through to Kennedy, Bogota: a known weakness
FUZZY_CUTOFF = 85  # one changed letter in eight ("Yerabuga"/"Yelabuga") scores 87.5

_GAP = re.compile(
    r"^\s*(?:,|\(|in|near|outside|of)\s*(?:the\s+)?"
    r"(?:(?:state|province|region|republic|governorate|county|kingdom|oblast|district|city) of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_US_CODE_AFTER_COMMA = re.compile(r"^,\s*([A-Z]{2})\b")
_ABBREV_AFTER_COMMA = re.compile(r"^,\s*((?:[A-Z][a-z]{0,4}\.)(?:\s?[A-Z][a-z]{0,2}\.)?)")
# Generic heads of facilities that are named after the place they serve ("Damascus International Airport",
# "Zaporizhzhia Nuclear Power Plant", "Odesa port"). Grammar, not curated names, so it lives here.
_FACILITY_HEAD = re.compile(
    r"^(?:international\s+)?(?:airport|air\s?base|airfield|air\s+field|(?:sea)?port|harbou?r|(?:railway\s+)?station"
    r"|(?:nuclear\s+)?(?:power\s+)?(?:plant|station)|refinery|dam|bridge|(?:naval\s+|military\s+)?base"
    r"|prison|checkpoint|(?:border\s+)?crossing|oil\s+terminal|terminal)\b",
    re.IGNORECASE,
)
# Generic heads of parts of a place and of its institutions ("the Denver metro area", "Nenagh Municipal
# District", "Delhi High Court", "Boston Harbor"); grammar, like _FACILITY_HEAD.
_PART_HEAD = re.compile(
    r"^(?:(?:greater\s+)?(?:metro(?:politan)?\s+)?area|metro|suburbs|outskirts|downtown|city\s+cent(?:re|er)|valley"
    r"|bay|harbou?r|(?:city|county|district|town|borough|regional|municipal)\s+council|council"
    r"|township|municipal\s+district|(?:high|supreme|district|crown|magistrates'?|county|city|federal)\s+court)$",
    re.IGNORECASE,
)
# Heads that make a region's name a street's ("Washington Drive", "Ohio St."); grammar, like _FACILITY_HEAD.
_STREET_HEAD = re.compile(
    r"\s+(?:street|st\b|avenue|ave\b|road|rd\b|drive|dr\b|boulevard|blvd\b|lane|ln\b|way|place|pl\b|court|ct\b"
    r"|parkway|pkwy\b|highway|hwy\b|circle|terrace|trail|pike|turnpike)",
    re.IGNORECASE,
)
_COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern".split()
)
_PLACE_TYPES = {"place", "country"}
_LOCAL_KINDS = ("city", "district")  # places inside a first-level region
_AREA_KINDS = ("country", "region", "district")  # what may qualify a name: "X, Y" / "X in Y"
_METONYM_TYPES = {"place", "facility", "organization", "country"}


@dataclass(frozen=True, slots=True)
class _Metonym:
    country: str
    lat: float
    lon: float


def _read_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=1)
def _metonyms() -> dict[str, _Metonym]:
    return {
        normalise(r["name"]): _Metonym(r["iso2"], float(r["lat"]), float(r["lon"])) for r in _read_rows("metonyms.csv")
    }


@lru_cache(maxsize=1)
def _facilities() -> dict[str, _Metonym]:
    return {
        normalise(r["name"]): _Metonym(r["iso2"], float(r["lat"]), float(r["lon"]))
        for r in _read_rows("facilities.csv")
    }


@lru_cache(maxsize=1)
def _region_abbreviations() -> dict[str, tuple[str, str]]:
    return {r["alias"]: (r["iso2"], r["admin1"]) for r in _read_rows("geo_region_aliases.csv")}


def _bare(name: str) -> str:
    """The name without a generic head or an Arabic article ("the city of X", "Al-X", "X Province")."""
    key = normalise(name)
    key = re.sub(r"^(?:(?:state|province|region|republic|governorate|kingdom|city|town|village) of )+", "", key)
    key = re.sub(r"^al ", "", key)
    return re.sub(r" (?:province|governorate|region|oblast|city|town|district|state)$", "", key)


# Abbreviated heads of counties and townships as local news writes them ("Loudon Co.", "Madison Twp.").
_HEAD_ABBREVIATIONS = {"co": "county", "cnty": "county", "twp": "township", "par": "parish"}


def _respelt(name: str) -> str:
    """The name with an abbreviated head written out, and "Mayo County" as Ireland writes it ("County Mayo");
    "" when there is nothing to respell."""
    words = normalise(name).split()
    if len(words) < 2:
        return ""
    if words[-1] in _HEAD_ABBREVIATIONS:
        return " ".join([*words[:-1], _HEAD_ABBREVIATIONS[words[-1]]])
    if words[-1] == "county":
        return " ".join(["county", *words[:-1]])
    return ""


@lru_cache(maxsize=4096)
def _lookup(name: str) -> tuple[Place, ...]:
    """Candidates for a surface name, retrying without a generic head ("the Republic of Yemen" → "Yemen")."""
    gaz = get_gazetteer()
    found = gaz.candidates(name)
    dotted = bool(_DOTTED_INITIALS.fullmatch(name.strip()))
    if dotted:
        found = _by_initials(name, found)
    letters = name.replace(".", "").strip()
    if letters.isupper() and len(letters) <= 3 and not dotted:
        # An acronym ("EU", "WA") names a country or region, never the town spelled the same ("Eu", "Wa").
        found = [c for c in found if c.kind in ("country", "region", "continent")]
    if not found and ", " in name:
        head, _, tail = name.partition(", ")
        quals = [q for q in _lookup(tail) if q.kind in _AREA_KINDS]
        found = [c for c in _lookup(head) if any(_fits(c, q) for q in quals)] or list(_lookup(head))
    if not found and _bare(name) != normalise(name):
        found = gaz.candidates(_bare(name))
    if not found and _respelt(name):
        found = gaz.candidates(_respelt(name))
    if not found and not dotted and re.fullmatch(r"(?:[A-Z][a-z]{0,3}\.\s?){2,}", name.strip()):
        found = gaz.candidates(re.sub(r"\.\s+", ".", name))  # "W. Va." is written "W.Va." too
    if not found:
        found = _adjective_of_area(name)
    if not found and not (letters.isupper() and len(letters) <= 3):
        found = gaz.villages(name) or gaz.villages(_bare(name))
    return tuple(found)


# Single capitals each followed by a dot: "L.A.", "S.C.", "U.S.", "P.E.I.".
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.\s?){2,4}")


def _by_initials(name: str, found: Sequence[Place]) -> list[Place]:
    """What dotted initials stand for: a place whose words they are the first letters of ("S.C.": South Carolina,
    "L.A.": Los Angeles), or one of several words. Not a one-word region whose postal code has the same letters:
    a postal code is written without dots ("LA", "Monroe, LA"), so "L.A." is not Louisiana. Where nothing else
    fits, a big city of those initials."""
    letters = name.replace(".", "").replace(" ", "")
    kept = [c for c in found if initials(c.name) == letters or len(normalise(c.name).split()) > 1]
    return kept or get_gazetteer().cities_by_initials(letters)


def _code_after_town(name: str) -> list[Place]:
    """The regions dotted initials are the code of, for where they follow a town and a comma ("Monroe, L.A."):
    there they are the town's state written with stray dots, as a postal code follows a town."""
    return [c for c in get_gazetteer().candidates(name) if c.kind == "region" and not c.alternate]


# Endings of adjectives and demonyms formed from an area's name, and what to put back: "European" → "Europe",
# "African" → "Africa", "Ohioans" → "Ohio", "Ontarian" → "Ontario", "Sicilian" → "Sicilia". Morphology, not
# a list of names: it finds the area of any adjective built the regular way.
_ADJECTIVE_ENDINGS = (("ian", "ia"), ("ian", "io"), ("ian", "y"), ("ian", "a"), ("an", ""), ("n", ""),
                      ("an", "a"), ("an", "o"), ("ese", ""), ("ese", "a"), ("i", ""))


def _adjective_of_area(name: str) -> list[Place]:
    """The continent, country or first-level region an adjective or demonym is formed from, by its main
    name only; never a town ("Georgian" is not a town called Georgia)."""
    words = name.split()
    if not words or not words[-1][:1].isupper() or len(words[-1]) < 5:
        return []
    last = words[-1].removesuffix("s")
    gaz = get_gazetteer()
    for ending, stem_end in _ADJECTIVE_ENDINGS:
        if not last.endswith(ending):
            continue
        stem = " ".join([*words[:-1], last[: -len(ending)] + stem_end])
        found = [c for c in gaz.candidates(stem) if c.kind in ("continent", "country", "region") and not c.alternate]
        if found:
            return found
    return []


# --- context -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """What the document says about where it is: named countries and regions, implied countries and regions
    (the countries/regions of the towns it names) and ``nearby``: for each first-level region, how many of the
    document's other names could lie in it, each name counting 1/(number of regions it could lie in)."""

    countries: set[str]
    regions: set[tuple[str, str]]
    implied: Counter[str]
    implied_regions: Counter[tuple[str, str]]
    nearby: dict[tuple[str, str], float] = field(default_factory=dict)
    cover: dict[tuple[str, str], float] = field(default_factory=dict)  # share of other names it could hold
    # Second-level units (county, parish) other names could be, and those other names' towns could lie in.
    # Each with the stems of the places that give it ("dekalb" for DeKalb County and for the town DeKalb).
    districts: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    town_districts: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    in_text: set[tuple[str, str]] = field(default_factory=set)  # regions written outside place mentions
    vote_points: list[tuple[float, float]] = field(default_factory=list)  # where other names' towns were placed


@dataclass(slots=True)
class _NameEvidence:
    """What one distinct name of the document says about where the document is."""

    countries: set[str] = field(default_factory=set)
    regions: set[tuple[str, str]] = field(default_factory=set)
    vote: Place | None = None  # the town or district it was placed at
    could_be: set[tuple[str, str]] = field(default_factory=set)  # every region a candidate of it lies in
    districts: set[tuple[str, str, str, str]] = field(default_factory=set)  # every county it could be, + stem
    town_districts: set[tuple[str, str, str, str]] = field(default_factory=set)  # every county its towns lie in


def _evidence(mentions: Sequence[Mention], picks: dict[int, Place],
              cands: dict[int, tuple[Place, ...]]) -> dict[str, _NameEvidence]:
    """Evidence per distinct name: one vote per name, so eight "Alexandria"s do not outvote one "Virginia"."""
    out: dict[str, _NameEvidence] = {}
    for i, m in enumerate(mentions):
        ev = out.setdefault(normalise(m.text), _NameEvidence())
        if m.type == "country" and m.country:
            ev.countries.add(m.country)
        best = picks.get(i)
        if best is not None:
            if best.kind in _AREA_KINDS and not best.alternate:
                ev.countries.add(best.country)  # "Virginia" says the article is about the United States
            if best.kind == "region" and not best.alternate:
                ev.regions.add((best.country, best.admin1 or ""))
            if best.kind in _LOCAL_KINDS and ev.vote is None:
                ev.vote = best
        for c in cands.get(i, ()):
            if (c.kind in _LOCAL_KINDS or c.kind == "region") and not c.alternate:
                ev.could_be.add((c.country, c.admin1 or ""))
            if c.kind in _LOCAL_KINDS and c.admin2 and not c.alternate:
                (ev.districts if c.kind == "district" else ev.town_districts).add((*_district_key(c), _stem(c.name)))
    return out


def _context_without(evidence: dict[str, _NameEvidence], own: str) -> _Context:
    """The document's context as every name but ``own`` gives it (a name must not vote for its own reading)."""
    ctx = _Context(set(), set(), Counter(), Counter(), {})
    placeable = 0
    for key, ev in evidence.items():
        if key == own:
            continue
        ctx.countries |= ev.countries
        ctx.regions |= ev.regions
        if ev.vote is not None:
            ctx.implied[ev.vote.country] += 1
            if ev.vote.lat is not None and ev.vote.lon is not None:
                ctx.vote_points.append((ev.vote.lat, ev.vote.lon))
            ctx.implied_regions[(ev.vote.country, ev.vote.admin1 or "")] += 1
        for region in ev.could_be:
            ctx.nearby[region] = ctx.nearby.get(region, 0.0) + 1.0 / len(ev.could_be)
            ctx.cover[region] = ctx.cover.get(region, 0.0) + 1.0
        placeable += bool(ev.could_be)
        for cc, a1, a2, stem in ev.districts:
            ctx.districts.setdefault((cc, a1, a2), set()).add(stem)
        for cc, a1, a2, stem in ev.town_districts:
            ctx.town_districts.setdefault((cc, a1, a2), set()).add(stem)
    # As a share of the names that could be placed at all. Tried: only the single region holding the most
    # names gets it (so that names found in every state, "Washington", lift no state): 0.4 points worse on LGL.
    ctx.cover = {r: n / placeable for r, n in ctx.cover.items()} if placeable >= COVER_MIN_NAMES else {}
    if placeable == 1:
        # One other name covers the region it was placed in, and every region it could lie in when those are
        # few ("Harris County": Texas or Georgia); "Paris" could lie in a dozen states and covers only its own.
        single = next(ev for key, ev in evidence.items() if key != own and ev.could_be)
        ctx.cover = {region: 1.0 for region in ctx.implied_regions}
        if len(single.could_be) <= COVER_SINGLE_MAX:
            ctx.cover.update({region: 1.0 for region in single.could_be})
    return ctx


def _district_key(place: Place) -> tuple[str, str, str]:
    return (place.country, place.admin1 or "", place.admin2 or "")


def _in_named_district(cand: Place, ctx: _Context | None) -> bool:
    """The town lies in a county another name of the document could be, or the county holds a town another
    name could be ("Paris" and "Henry County": Paris, Tennessee, the seat of Henry County). A town name and a
    county name rarely meet by chance, so the pair is strong evidence for both."""
    if ctx is None or cand.alternate or not cand.admin2 or cand.kind not in _LOCAL_KINDS:
        return False
    # A town and a county of one name ("DeKalb" and "DeKalb County") are one clue, not two: the county need
    # not hold a town of its name, and a bare "DeKalb" beside "DeKalb County" is often the county itself.
    stems = (ctx.districts if cand.kind == "city" else ctx.town_districts).get(_district_key(cand), set())
    return bool(stems - {_stem(cand.name)})


_DISTRICT_HEADS = re.compile(r" (?:county|parish|borough|municipality|township)$")


def _stem(name: str) -> str:
    """A place's name without its county head: "DeKalb County" and "DeKalb" share the stem "dekalb"."""
    return _DISTRICT_HEADS.sub("", normalise(name))


def _regions_in_text(text: str, mentions: Sequence[Mention], cands: dict[int, tuple[Place, ...]],
                     gaz: Gazetteer) -> set[tuple[str, str]]:
    """The first-level regions of the candidates' towns that the text writes outside every place mention: by
    main name, case as written ("Georgia Bureau of Investigation"), or as a news abbreviation after a comma
    ("Greer, S.C."; bare "Col." or "Ind." are titles and parties too often to count)."""
    wanted = {(c.country, c.admin1) for found in cands.values() for c in found
              if c.kind in _LOCAL_KINDS and c.admin1 and not c.alternate}
    if not wanted:
        return set()
    forms: dict[str, tuple[str, str]] = {}
    for cc, a1 in wanted:
        region = gaz.region(cc, a1)
        name = region.name.split(", ")[0] if region is not None else ""
        if len(name) >= 4 and name[0].isupper():
            forms[name] = (cc, a1)
    forms.update({alias: key for alias, key in _region_abbreviations().items() if key in wanted})
    if not forms:
        return set()
    spans = [(m.start, m.end) for m in mentions if m.type in _PLACE_TYPES]  # an agency's name is no place's
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # A name stands on its own; an abbreviation counts only after a comma.
    pattern = re.compile(rf"(?:(?<![\w.])|(?<=,\s))(?:{alternatives})(?!\w)")
    found: set[tuple[str, str]] = set()
    for hit in pattern.finditer(text):
        form = hit.group()
        if form.endswith(".") and text[max(0, hit.start() - 2) : hit.start()] != ", ":
            continue
        if _STREET_HEAD.match(text, hit.end()):
            continue  # "Washington Drive" names a street, wherever it is
        if not any(start <= hit.start() < end for start, end in spans):
            found.add(forms[form])
    return found


# A name in a list that ends in a plural county head, or before "county line": "Butler, Warren and Clark
# counties", "the Grant/Wilkin county line". Each name in it is a county.
_COUNTY_LIST_TAIL = re.compile(
    r"((?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/|&\s*)[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*)?)*)"
    r"\s*(counties|parishes|(?:county|parish)\s+lines?)\b"
)


# The end of a list's earlier items before its last name ("Butler, Warren or " before "Clark counties").
_LIST_BEFORE = re.compile(r"[A-Z][\w'.-]*\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|&\s*)$")


def _as_listed_county(text: str, m: Mention) -> tuple[Place, ...]:
    """The counties (parishes) a bare name denotes when the text lists it as one ("Nassau and Baker
    counties"); empty when it does not."""
    hit = _COUNTY_LIST_TAIL.match(text, m.end)
    if hit is None or len(hit.group(0)) > 160:
        return ()
    if not hit.group(1) and hit.group(2) in ("counties", "parishes") \
            and not _LIST_BEFORE.search(text[max(0, m.start - 40) : m.start]):
        return ()  # one name before a plural is no list: "the four metro Athens counties" are around the town
    head = "parish" if hit.group(2).startswith("parish") else "county"
    return tuple(c for c in _lookup(f"{m.text} {head}") if c.kind == "district")


_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|/)\s*$", re.IGNORECASE)
_REGION_AFTER = re.compile(
    r"(?:\s+(?:border|state\s+line)\b|(?:'s|\u2019s)\s+(?:governor|attorney\s+general|legislature|state\s+\w+))",
    re.IGNORECASE,
)
_REGION_BEFORE = re.compile(r"\b(?:upstate|downstate)\s+$", re.IGNORECASE)


def _reads_as_region(text: str, i: int, mentions: Sequence[Mention], prev: int | None, nxt: int | None,
                     picks: dict[int, Place], cands: dict[int, tuple[Place, ...]]) -> bool:
    """The name of both a region and its city ("New York") is read as the region where the text says so: a
    town's qualifier ("Rego Park, New York, will"), one of a list of regions ("Missouri, New York and
    Virginia"), "the New York border", "upstate New York", "New York's governor". Elsewhere the city stands
    (``_prefer_city_over_region``): "flights between New York and Moscow" and "the New York Times" are the city."""
    found = cands.get(i, ())
    if not any(c.kind == "region" and not c.alternate for c in found) or not any(c.kind == "city" for c in found):
        return False
    if any(c.kind == "country" and not c.alternate for c in found):
        return False  # "the Mexico border" is the country's
    m = mentions[i]
    if _REGION_AFTER.match(text, m.end) or _REGION_BEFORE.search(text[max(0, m.start - 12) : m.start]):
        return True

    def listed_with(j: int | None) -> Place | None:
        if j is None:
            return None
        a, b = sorted((m, mentions[j]), key=lambda x: x.start)
        gap = text[a.end : b.start]
        return picks.get(j) if len(gap) <= 8 and _LIST_GAP.match(gap) else None

    before, after = listed_with(prev), listed_with(nxt)
    if after is not None and any(_fits(c, after) for c in found if c.kind == "city"):
        return False  # "Washington, D.C.": the region qualifies the city, it is not listed with it
    if any(p is not None and p.kind == "region" and not p.alternate for p in (before, after)):
        return True
    qualifies = prev is not None and text[mentions[prev].end : m.start].strip() == ","
    if prev is not None and before is not None and after is None and qualifies:
        regions = [c for c in found if c.kind == "region" and not c.alternate]
        return before.kind in _LOCAL_KINDS and any(_fits(c, r) for c in cands.get(prev, ()) for r in regions)
    return False


def _qualifier(text: str, mention: Mention, following: Mention | None, gaz: Gazetteer) -> list[Place]:
    """Countries/regions the text attaches to the mention: "X, Y", "X in (the state of) Y", "X, Ore."."""
    after = text[mention.end : mention.end + 60]
    found: list[Place] = []
    if following is not None and following.start - mention.end <= 40:
        gap = text[mention.end : following.start]
        if _GAP.match(gap):
            found += [c for c in _lookup(following.text) if c.kind in _AREA_KINDS]
            if gap.strip() == "," and _DOTTED_INITIALS.fullmatch(following.text.strip()):
                found += _code_after_town(following.text)
            if any(c.kind == "country" and not c.alternate for c in _lookup(mention.text)):
                # Two countries in a row are a list ("Mexico, the US and Canada"), not a town and its country.
                found = [c for c in found if c.kind != "country"]
    m = _ABBREV_AFTER_COMMA.match(after)
    if m and m.group(1) in _region_abbreviations():
        cc, a1 = _region_abbreviations()[m.group(1)]
        region = gaz.region(cc, a1)
        found += [region] if region else []
    m = _US_CODE_AFTER_COMMA.match(after)
    if m:
        region = gaz.region("US", m.group(1))
        found += [region] if region else []
    return found


def _fits(cand: Place, qual: Place) -> bool:
    """The candidate lies in the qualifying country, region or district ("Alexandria, Rapides Parish")."""
    if cand.country != qual.country or cand.geonames_id == qual.geonames_id:
        return False
    if qual.kind == "district":
        return cand.kind == "city" and cand.admin1 == qual.admin1 and cand.admin2 == qual.admin2
    return qual.kind == "country" or (cand.kind in _LOCAL_KINDS and cand.admin1 == qual.admin1)


def _score(cand: Place, ctx: _Context | None, quals: Sequence[Place], dwarfed: bool = False) -> float:
    """``dwarfed``: a namesake in another country is WORLD_NAMESAKE_RATIO times bigger (``_dwarfed``)."""
    # A town of cities1000 without a population is a seat of administration kept for that reason: count it
    # as the smallest town the list keeps rather than as a hamlet ("Twickenham" has none).
    unknown = cand.kind == "city" and not cand.population and not cand.village
    population = TOWN_FLOOR if unknown else cand.population
    score = math.log10(population + 10)
    if cand.kind == "country":
        score += COUNTRY_BONUS
    elif cand.kind in ("region", "district"):
        score -= REGION_PENALTY
    elif cand.kind == "city" and _is_capital(cand, get_gazetteer()):
        score += CAPITAL_BONUS
    if cand.alternate:
        score -= ALTERNATE_PENALTY
    if any(_fits(cand, q) for q in quals):
        score += QUALIFIER_BONUS
    if ctx is not None:
        if cand.country in ctx.countries and not (dwarfed and not _pointed_at(cand, ctx, quals)):
            score += MENTIONED_BONUS
        if (cand.country, cand.admin1 or "") in ctx.regions and cand.kind in _LOCAL_KINDS:
            score += MENTIONED_BONUS
        elif (cand.country, cand.admin1 or "") in ctx.in_text and cand.kind in _LOCAL_KINDS:
            score += MENTIONED_BONUS * TEXT_REGION_SHARE
        if cand.kind == "region" and ctx.implied_regions[(cand.country, cand.admin1 or "")]:
            score += MENTIONED_BONUS  # named through its towns: "Georgia" with "Atlanta" is the state
        elif cand.kind == "country" and ctx.implied[cand.country] and cand.country not in ctx.countries:
            score += MENTIONED_BONUS
        score += IMPLIED_BONUS * min(ctx.implied[cand.country], IMPLIED_CAP)
        score += IMPLIED_REGION_BONUS * min(ctx.implied_regions[(cand.country, cand.admin1 or "")], IMPLIED_CAP)
        if cand.kind in _LOCAL_KINDS:
            score += NEARBY_BONUS * min(ctx.nearby.get((cand.country, cand.admin1 or ""), 0.0), NEARBY_CAP)
            score += COVER_BONUS * ctx.cover.get((cand.country, cand.admin1 or ""), 0.0)
            if _in_named_district(cand, ctx):
                score += DISTRICT_BONUS
            # Not for a variant name: "Minsk" beside "Warsaw" is not Mińsk Mazowiecki, 40 km away.
            if PROXIMITY_BONUS and ctx.vote_points and not cand.alternate and cand.lat is not None \
                    and cand.lon is not None:
                near = min(_km(cand.lat, cand.lon, lat, lon) for lat, lon in ctx.vote_points)
                score += PROXIMITY_BONUS * max(0.0, 1.0 - near / PROXIMITY_KM)
    return score


def _pointed_at(cand: Place, ctx: _Context, quals: Sequence[Place]) -> bool:
    """The text points at this town beyond naming its country: its state named (in a mention, in other text,
    or through a town placed there), its county named, a town placed nearby, or a qualifier that fits."""
    region = (cand.country, cand.admin1 or "")
    return (region in ctx.regions or region in ctx.in_text or ctx.implied_regions[region] > 0
            or any(_fits(cand, q) for q in quals) or _in_named_district(cand, ctx)
            or _next_to_named_place(cand, ctx))


def _dwarfed(cands: Sequence[Place]) -> set[int]:
    """Ids of towns with a namesake town in another country WORLD_NAMESAKE_RATIO times more populous."""
    towns = [c for c in cands if c.kind == "city" and not c.alternate]
    out: set[int] = set()
    for c in towns:
        own = max(c.population, TOWN_FLOOR)
        if any(o.country != c.country and o.population >= WORLD_NAMESAKE_RATIO * own for o in towns
               if not o.village):
            out.add(id(c))
    return out


def _within_region(town: Place, region: Place) -> bool:
    """The town lies in the region: by its code, or near the region's point where the two codes differ for one
    unit (an Irish county or a governorate filed under another code than its towns: Sligo, Jenin)."""
    if town.country != region.country:
        return False
    if town.admin1 == region.admin1:
        return True
    if None in (town.lat, town.lon, region.lat, region.lon):
        return False
    return _km(town.lat, town.lon, region.lat, region.lon) <= REGION_SEAT_KM  # type: ignore[arg-type]


def _next_to_named_place(cand: Place, ctx: _Context | None) -> bool:
    """The town lies within NEXT_TO_KM of a town another name of the document was placed at ("Jordan" beside
    "Shakopee": Jordan, Minnesota, is 15 km away). Strong enough to read a country's name as that town."""
    if ctx is None or cand.alternate or cand.kind != "city" or cand.lat is None or cand.lon is None:
        return False
    return any(_km(cand.lat, cand.lon, lat, lon) <= NEXT_TO_KM for lat, lon in ctx.vote_points)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine; a few lines, so no geodesy library for it)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _fuzzy(name: str, ctx: _Context, quals: Sequence[Place] = ()) -> list[Place]:
    """Variant spellings ("Yerabuga" for "Yelabuga"), only among places in the countries the document names
    (directly, through a demonym or a region, or as the mention's qualifier).

    Kept this narrow on purpose: a worldwide fuzzy search would place every misspelt organisation somewhere.
    """
    key = normalise(name)
    countries = {q.country for q in quals} or ctx.countries | {cc for cc, _ in ctx.regions}
    if len(key) < 5 or not countries:
        return []
    gaz = get_gazetteer()
    found: list[Place] = []
    for cc in sorted(countries):
        hit = process.extractOne(key, gaz.names_in(cc), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit is not None and hit[0][0] == key[0]:
            found += [replace(c, alternate=True) for c in gaz.candidates(hit[0]) if c.country == cc]
    return found


def _prefer_city_over_region(best: Place, cands: Sequence[Place]) -> Place:
    """A region named after its main city gives way to a big city of that name in it; a district (county,
    municipality) to any town of that name in it: "São Paulo" is the city, not the municipality around it."""
    if best.kind not in ("region", "district"):
        return best
    cities = [c for c in cands if c.kind == "city" and c.country == best.country and c.admin1 == best.admin1]
    if best.kind == "district":
        inside = [c for c in cities if c.admin2 == best.admin2 and not c.alternate]
        return max(inside, key=lambda c: c.population) if inside else best
    big = [c for c in cities if c.population >= 100_000]
    return max(big, key=lambda c: c.population) if big else best


def _candidates(m: Mention, quals: Sequence[Place]) -> tuple[Place, ...]:
    """The gazetteer's candidates for a mention. spaCy's LOC marks seas, ranges and areas ("the Gulf",
    "Middle East"): for those a small town of the same name is almost never meant, so only towns the text
    qualifies or of LOC_MIN_TOWN people or more stay."""
    cands = _lookup(m.text)
    if cands and not cands[0].village:
        # Villages of the name stay in reserve: they compete only where the document points (``_rank``).
        cands = (*cands, *get_gazetteer().villages(m.text))
    if m.label == "LOC":
        cands = tuple(
            c for c in cands
            if c.kind != "city" or c.population >= LOC_MIN_TOWN or any(_fits(c, q) for q in quals)
        )
    return cands


def _rank(cands: Sequence[Place], ctx: _Context | None, quals: Sequence[Place]) -> Place | None:
    if any(c.kind == "country" and not c.alternate for c in cands):
        # A country's own name ("China", "Lebanon") means a town of that name only when the text qualifies it
        # ("China, Texas") or names the town's county. Naming the town's state is not enough: a trade story
        # names Texas and China. Costs 0.4 points on LGL (local US news: Lebanon, Ohio) and gains 0.4 on
        # GeoWebNews. A town a few miles from another placed name is allowed too ("Jordan" beside "Shakopee").
        cands = [c for c in cands if c.kind not in _LOCAL_KINDS or any(_fits(c, q) for q in quals)
                 or _in_named_district(c, ctx) or _next_to_named_place(c, ctx)]
    regions = [c for c in cands
               if c.kind == "region" and not c.alternate and c.population >= REGION_NAMESAKE_MIN_REGION]
    unfiltered = list(cands)  # a county chosen below still gives way to its town of the name
    if regions and REGION_NAMESAKE_MAX_TOWN:
        # A first-level region's own name ("California", "Kansas", "Oregon") means a small town of that name in
        # another region (California, Pennsylvania) only where the text points at the town as for a country's
        # name above. A big namesake stays free ("Washington" the capital is not in Washington state).
        cands = [c for c in cands if c.kind not in _LOCAL_KINDS or c.population >= REGION_NAMESAKE_MAX_TOWN
                 or any(_within_region(c, r) for r in regions)
                 or any(_fits(c, q) for q in quals) or _in_named_district(c, ctx) or _next_to_named_place(c, ctx)]
    if any(not c.village for c in cands):
        # A village shares its name with a town of cities1000 and enters only where the text points at it:
        # its county or its state named ("Belgrade" in an article that names Maine).
        cands = [c for c in cands if not c.village or any(_fits(c, q) for q in quals) or (ctx is not None and (
            (c.country, c.admin1 or "") in ctx.regions or _in_named_district(c, ctx)))]
    if not cands:
        return None
    dwarfed = _dwarfed(cands)
    best = max(cands, key=lambda c: _score(c, ctx, quals, id(c) in dwarfed))
    return _prefer_city_over_region(best, unfiltered if best.kind == "district" else cands)


def resolve_name(name: str, *, countries: Sequence[str] = ()) -> Place | None:
    """Resolve one toponym, preferring places in the given countries (ISO2); for callers without a spaCy doc."""
    ctx = _Context(set(countries), set(), Counter(), Counter(), {})
    return _rank(_lookup(name), ctx, ())


# --- mentions ----------------------------------------------------------------------------------------


def _span(doc: Doc, m: Mention) -> Span | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def _is_agent(span: Span | None) -> bool:
    """The span acts as a party ("Moscow denied", "a deal between Moscow and Tehran", "accused Moscow"):
    the positions are in extract/entity_metonymy.py."""
    return acts_as_government(span)


def _is_capital(place: Place, gaz: Gazetteer) -> bool:
    return gaz.is_capital(place)


def _as_country(m: Mention, iso2: str, gaz: Gazetteer, role: str | None) -> Mention:
    country = gaz.country(iso2)
    if country is None:
        return m
    return replace(
        m, type="country", name=country.name, key=normalise(country.name), country=country.country,
        geonames_id=country.geonames_id, lat=country.lat, lon=country.lon, role=role if role else m.role,
    )


def _as_place(m: Mention, place: Place) -> Mention:
    """A geocoded place takes its GeoNames id as its identity key: every spelling of one place
    ("Yerabuga City", "Elabuga") becomes one entity, and two towns that share a name (Paris,
    France; Paris, Texas) stay two. The name stays as the article spells it: the gazetteer's
    form ("Izmayil", "Tatarstan, Respublika") is often not the one readers know."""
    return replace(
        m, key=f"geonames:{place.geonames_id}", country=place.country or None,  # a continent has none
        geonames_id=place.geonames_id, lat=place.lat, lon=place.lon,
    )


def _named_first(name: str, heads: re.Pattern[str], ctx: _Context) -> Place | None:
    """The place a name starts with when the rest is a generic head ("Damascus airport", "Harare City Council")."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    for n in range(len(words) - 1, 0, -1):
        if not heads.match(" ".join(words[n:])):
            continue  # "Kennedy Space Center": a space centre is not named after the place it is in
        head = " ".join(words[:n]).removesuffix("'s").removesuffix("\u2019s")
        # A head that is also a small town's name is rarely that town: keep towns of FACILITY_MIN_TOWN people
        # or more, or in a country the document is about.
        place = _rank([c for c in _lookup(head) if (
            c.kind != "city" or c.population >= FACILITY_MIN_TOWN or c.country in ctx.countries
            or ctx.implied[c.country] > 0)], ctx, ())
        if place is not None:
            return place
    return None


def _part_of(name: str, ctx: _Context) -> Place | None:
    """The place a name the gazetteer lacks is a part, an institution or a facility of: "South Florida",
    "the Las Vegas area", "Harare City Council", "Boston Harbor". Its point stands for the name's; its id would
    be the place's, not the name's, so callers keep only country and coordinates."""
    words = name.split()
    if len(words) > 1 and words[0].lower().replace("-", "") in _COMPASS_WORDS:
        # Only an area or a city after a compass word: "North Hamlet" is not a part of a town called Hamlet.
        rest = " ".join(words[1:])
        areas = [c for c in get_gazetteer().candidates(rest)
                 if c.kind in _AREA_KINDS or (c.kind == "city" and c.population >= LOC_MIN_TOWN)]
        if areas:
            return _rank(areas, ctx, ())
    return _named_first(name, _PART_HEAD, ctx) or _named_first(name, _FACILITY_HEAD, ctx)


def _facility(doc: Doc, m: Mention, resolved: dict[int, Place], nxt: int | None, mentions: Sequence[Mention],
              ctx: _Context) -> Mention:
    """A facility takes a curated point, or the point of the place its name starts with or that follows it."""
    known = _facilities().get(normalise(m.text))
    if known is not None:
        return replace(m, country=known.country, lat=known.lat, lon=known.lon)
    place = _named_first(m.text, _FACILITY_HEAD, ctx)
    if place is not None:
        return replace(m, country=place.country, lat=place.lat, lon=place.lon)
    if nxt is not None and nxt in resolved and 0 <= mentions[nxt].start - m.end <= 30:
        if re.match(r"^\s*(?:,|in|near|outside|at)\s*$", doc.text[m.end : mentions[nxt].start], re.IGNORECASE):
            place = resolved[nxt]
            return replace(m, country=place.country, lat=place.lat, lon=place.lon)
    return m


def geocode(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """Return the mentions (same order and spans) with countries, regions, towns and facilities placed.

    Countries become type "country" with the canonical name; a capital or seat of government acting as a
    subject of saying or doing becomes its country with role "metonym"; a place used as a location keeps
    type "place" and gains country, GeoNames id and coordinates.
    """
    gaz = get_gazetteer()
    text = doc.text
    order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    next_of = {a: b for a, b in zip(order, order[1:])}
    quals: dict[int, list[Place]] = {}
    for i, m in enumerate(mentions):
        if m.type in _PLACE_TYPES:
            following = mentions[next_of[i]] if i in next_of else None
            quals[i] = _qualifier(text, m, following, gaz)

    # Pass 1 without document context, to learn which countries and regions the document is about; then rank
    # again with what the other names say, twice: the second round corrects the first's errors ("Georgia"
    # first read as the country, then as the state once "Atlanta" and "Clarke County" are counted).
    cands = {i: _candidates(m, quals[i]) for i, m in enumerate(mentions) if m.type == "place"}
    resolved: dict[int, Place] = {}
    for i, found in cands.items():
        best = _rank(found, None, quals[i])
        if best is not None:
            resolved[i] = best
    in_text = _regions_in_text(text, mentions, cands, gaz)
    for i in cands:
        counties = _as_listed_county(text, mentions[i])
        if counties:
            cands[i] = counties
    prev_of = {b: a for a, b in next_of.items()}
    for i in cands:
        j = prev_of.get(i)
        if j is not None and j in cands and text[mentions[j].end : mentions[i].start].strip() == "," \
                and _DOTTED_INITIALS.fullmatch(mentions[i].text.strip()):
            cands[i] = tuple(_code_after_town(mentions[i].text)) or cands[i]
    as_region = {i for i in cands
                 if _reads_as_region(text, i, mentions, prev_of.get(i), next_of.get(i), resolved, cands)}
    for i in as_region:
        cands[i] = tuple(c for c in cands[i] if c.kind == "region" and not c.alternate)
    for _ in range(CONTEXT_ROUNDS):
        evidence = _evidence(mentions, resolved, cands)
        contexts = {key: _context_without(evidence, key) for key in evidence}
        for ctx in contexts.values():
            ctx.in_text = in_text
        resolved = {}
        for i, found in cands.items():
            m = mentions[i]
            ctx = contexts[normalise(m.text)]
            if not found and m.label != "LOC":
                found = tuple(_fuzzy(_bare(m.text), ctx, quals[i]))
            best = _rank(found, ctx, quals[i])
            if best is not None:
                resolved[i] = best
    ctx = _context_without(_evidence(mentions, resolved, cands), "")

    out: list[Mention] = []
    for i, m in enumerate(mentions):
        out.append(_geocode_one(doc, i, m, mentions, next_of.get(i), resolved, ctx, gaz))
    return out


def _geocode_one(doc: Doc, i: int, m: Mention, mentions: Sequence[Mention], nxt: int | None,
                 resolved: dict[int, Place], ctx: _Context, gaz: Gazetteer) -> Mention:
    if m.role == "dateline":
        # The place a wire story was filed from (extract/entity_dateline.py): a place, never a government
        # acting, whatever the parser made of it ("ANKARA\n\nTürkiye and Iraq signed").
        place = resolved.get(i)
        if place is None:
            return m
        return _as_country(m, place.country, gaz, None) if place.kind == "country" else _as_place(m, place)
    metonym = _metonyms().get(normalise(m.text)) if m.type in _METONYM_TYPES else None
    if metonym is not None:
        if _is_agent(_span(doc, m)):
            return _as_country(m, metonym.country, gaz, "metonym")
        if m.type in ("place", "facility"):
            return replace(m, country=metonym.country, lat=metonym.lat, lon=metonym.lon)
        return m
    if m.type == "country":
        iso2 = m.country or next((c.country for c in _lookup(m.text) if c.kind == "country"), None)
        return _as_country(m, iso2, gaz, None) if iso2 else m
    if m.type == "facility":
        return _facility(doc, m, resolved, nxt, mentions, ctx)
    if m.type == "place" and i not in resolved and not _lookup(m.text):
        part = _part_of(m.text, ctx)
        return m if part is None else replace(m, country=part.country or None, lat=part.lat, lon=part.lon)
    if m.type != "place" or i not in resolved:
        return m
    place = resolved[i]
    if place.kind == "country":
        return _as_country(m, place.country, gaz, None)
    if _is_agent(_span(doc, m)):
        # "Washington announced": the subject of a verb of saying or doing stands for the government when the
        # name is its country's capital (or a namesake in the same country, Washington state); a namesake
        # elsewhere ("Moscow, Idaho, announced") stays a place.
        capital = next((c for c in _lookup(m.text) if not c.alternate and _is_capital(c, gaz)), None)
        if capital is not None and (capital.geonames_id == place.geonames_id or
                                    (place.kind == "region" and place.country == capital.country)):
            return _as_country(m, capital.country, gaz, "metonym")
    return _as_place(m, place)
