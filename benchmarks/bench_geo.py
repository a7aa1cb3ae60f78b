"""Toponym resolution on GeoWebNews and LGL: accuracy within 161 km and exact GeoNames id match.

Uses the GOLD toponym spans (resolution only, not recognition) with each document's text as context, and
compares newsledger's geocoder with a naive baseline (the most populous candidate of the name) in the same
run. Published anchor (Mordecai3, accuracy@161 km): 94.1 GeoWebNews, 82.7 LGL.
Reads ../shared/eval at run time and skips cleanly when it is absent. Nothing is copied from it.

    .venv/bin/python benchmarks/bench_geo.py [--limit N] [--corpus geowebnews|lgl]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsledger.model import Mention

EVAL = Path(__file__).resolve().parents[1].parent / "shared/eval"
KM = 161.0


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float
    lon: float


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def read_geowebnews(path: Path) -> Iterator[tuple[str, list[Gold]]]:
    root = ET.parse(path / "GWN.xml").getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.find("toponyms") or ():
            gid, lat, lon = t.findtext("geonamesID"), _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            if not gid or lat is None or lon is None:
                continue
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            golds.append(Gold(s, e, text[s:e], int(gid), lat, lon))
        yield text, golds


def read_lgl(path: Path) -> Iterator[tuple[str, list[Gold]]]:
    root = ET.parse(path / "lgl.xml").getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.find("toponyms") or ():
            tag = t.find("gaztag")
            if tag is None:
                continue
            lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
            if lat is None or lon is None:
                continue
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            golds.append(Gold(s, e, text[s:e], int(tag.get("geonameid") or 0) or None, lat, lon))
        yield text, golds


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


@dataclass
class Tally:
    """Counts for one system. ``within_or_id`` also accepts an answer with the gold GeoNames id whose point is
    far away: a country's or region's point is a convention (a country's is countryinfo's published point, a
    region's is estimated from its towns), not a place."""

    n: int = 0
    within: int = 0
    within_or_id: int = 0
    exact: int = 0
    answered: int = 0

    def add(self, gold: Gold, lat: float | None, lon: float | None, gid: int | None) -> None:
        self.n += 1
        near = lat is not None and lon is not None and km(gold.lat, gold.lon, lat, lon) <= KM
        same = gid is not None and gid == gold.geonames_id
        self.answered += lat is not None and lon is not None
        self.within += near
        self.within_or_id += near or same
        self.exact += same

    def row(self) -> dict[str, float]:
        pct = (lambda x: round(100.0 * x / self.n, 1)) if self.n else (lambda x: 0.0)
        return {"n": self.n, "acc161": pct(self.within), "acc161_or_id": pct(self.within_or_id),
                "exact_id": pct(self.exact), "answered": pct(self.answered)}


def _mention(g: Gold, normalise: Callable[[str], str]) -> Mention:
    """The mention the entity stage would hand over: a demonym as a country, anything else as a place."""
    from newsledger.model import Mention

    try:
        from newsledger.extract.entity_data import lookup_demonym
    except ImportError:  # the entity stage's data may be absent; then every span is a place
        lookup_demonym = lambda text: None  # noqa: E731
    dem = lookup_demonym(g.text)
    if dem is not None:
        return Mention(g.start, g.end, g.text, "country", g.text, normalise(g.text), country=dem.iso2, label="NORP")
    return Mention(g.start, g.end, g.text, "place", g.text, normalise(g.text), label="GPE")


def run(name: str, docs: Iterator[tuple[str, list[Gold]]], limit: int | None) -> dict[str, object]:
    from newsledger.extract.pipeline import get_nlp
    from newsledger.resolve.gazetteer import get_gazetteer, normalise
    from newsledger.resolve.places import _lookup, geocode

    gaz = get_gazetteer()
    nlp = get_nlp()
    ours, base = Tally(), Tally()
    spent, ndocs = 0.0, 0
    for text, golds in docs:
        if limit is not None and ndocs >= limit:
            break
        if not golds:
            continue
        ndocs += 1
        doc = nlp.make_doc(text) if len(text) > 100_000 else nlp(text)
        mentions = [_mention(g, normalise) for g in golds]
        t0 = time.perf_counter()
        out = geocode(doc, mentions)
        spent += time.perf_counter() - t0
        for g, given, m in zip(golds, mentions, out):
            ours.add(g, m.lat, m.lon, m.geonames_id)
            top = gaz.country(given.country) if given.country else None  # a demonym: both systems get it
            if top is None:
                cands = _lookup(g.text)
                top = max(cands, key=lambda c: c.population) if cands else None
            base.add(g, top.lat if top else None, top.lon if top else None, top.geonames_id if top else None)
    return {
        "corpus": name, "docs": ndocs, "ours": ours.row(), "baseline_most_populous": base.row(),
        "ms_per_doc": round(1000 * spent / max(ndocs, 1), 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="documents per corpus")
    ap.add_argument("--corpus", choices=["geowebnews", "lgl"], action="append")
    args = ap.parse_args(argv)
    readers = {"geowebnews": read_geowebnews, "lgl": read_lgl}
    from newsledger.resolve.gazetteer import get_gazetteer

    t0 = time.perf_counter()
    get_gazetteer()  # first use in this process: loads the cached index (or builds it once)
    load_s = time.perf_counter() - t0
    results = []
    for name in args.corpus or list(readers):
        path = EVAL / name
        if not path.is_dir():
            print(f"skip {name}: {path} not found")
            continue
        results.append(run(name, readers[name](path), args.limit))
    if not results:
        print("skip: no evaluation data")
        return 0
    print(f"{'corpus':<11} {'system':<16} {'n':>5} {'acc@161':>8} {'@161|id':>8} {'exact id':>9} {'answered':>9}"
          f" {'ms/doc':>7}")
    for r in results:
        for system in ("ours", "baseline_most_populous"):
            row = r[system]
            ms = r["ms_per_doc"] if system == "ours" else ""
            print(f"{r['corpus']:<11} {system[:16]:<16} {row['n']:>5} {row['acc161']:>8} {row['acc161_or_id']:>8} "
                  f"{row['exact_id']:>9} {row['answered']:>9} {ms:>7}")
    print("@161|id: within 161 km, or the gold GeoNames id (a country's or region's point is a convention:"
          " ours is countryinfo's or estimated from towns; the gold's is GeoNames' own)")
    print("anchor: Mordecai3 acc@161 94.1 (GeoWebNews), 82.7 (LGL)")
    print(json.dumps({"bench": "geo", "gazetteer_load_s": round(load_s, 2), "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
