"""Briefings: a readable summary of (part of) the ledger as Markdown or one self-contained HTML file.

A briefing has a title and scope, a timeline, key claims, contradictions with their reasons,
a dot map and an events-per-month chart. Every statement is footnoted to the sentence it
rests on (outlet, date, URL, offsets, the sentence quoted). Article text is untrusted: the
HTML template autoescapes it and the Markdown template escapes Markdown and HTML specials,
so text in an article never becomes markup in a briefing.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from newsledger.errors import ExportError
from newsledger.export import svg
from newsledger.export.atomic import write_bytes_atomic
from newsledger.query import listing, records

ReportFormat = Literal["md", "html"]
# A briefing stays readable: the claims in contradiction or corroboration come first, then
# the rest by how many events they concern, up to this many.
KEY_CLAIMS = 20
EVIDENCE_PER_EVENT = 3  # footnotes per timeline entry; the rest are counted, not cited
MAX_MONTHS = 60  # longer spans are charted per year: five years of monthly bars is still legible


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    document: str
    start: int
    end: int
    text: str
    outlet: str | None
    published: str | None
    url: str | None  # only http(s) URLs are kept: a javascript: URL must never become a link


@dataclass(slots=True)
class Briefing:
    """Everything a template needs; built once, rendered as Markdown or HTML."""

    title: str
    scope: list[str]
    timeline: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    claims_total: int = 0
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    map_svg: Markup | None = None
    chart_svg: Markup | None = None
    chart_note: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    _index: dict[tuple[str, int, int], int] = field(default_factory=dict)
    _docs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def cite(self, evidence: dict[str, Any]) -> int:
        """The footnote number for an evidence span, adding the footnote the first time."""
        key = (evidence["document"], evidence["start"], evidence["end"])
        if key not in self._index:
            doc = self._docs.get(evidence["document"], {})
            text = evidence["text"]
            lead = len(text) - len(text.lstrip())
            trimmed = text.strip()
            url = doc.get("url")
            self.footnotes.append(Footnote(
                number=len(self.footnotes) + 1, document=evidence["document"],
                start=evidence["start"] + lead, end=evidence["start"] + lead + len(trimmed),
                text=" ".join(trimmed.split()), outlet=doc.get("outlet"),
                published=doc.get("published"), url=url if _is_http(url) else None,
            ))
            self._index[key] = len(self.footnotes)
        return self._index[key]


def _is_http(url: str | None) -> bool:
    return bool(url) and re.match(r"^https?://", url or "", re.IGNORECASE) is not None


def _date_label(start: str | None, end: str | None) -> str:
    if not start:
        return "undated"
    return f"{start} to {end}" if end else start


def build(db: sqlite3.Connection, *, entity: str | None = None, since: str | None = None,
          until: str | None = None) -> Briefing:
    """Gather the briefing's content for an entity and/or a date window (all of the ledger by default)."""
    filters = listing.Filters(entity=entity, since=since, until=until)
    all_entities = {e["id"]: e for e in records.entities(db)}
    names = {k: e["name"] for k, e in all_entities.items()}
    events = listing.timeline(db, filters)
    claims = listing.claims(db, filters)
    documents = {d["id"]: d for d in records.documents(db)}

    subject = None
    if entity:
        ids = listing.find_entity_ids(db, entity)
        subject = ", ".join(sorted(names[i] for i in ids if i in names)) or entity
    title = f"Briefing: {subject}" if subject else "Briefing: the whole ledger"
    window = (f"from {since or 'the start'} to {until or 'the latest report'}"
              if since or until else "all dates")
    sources = {s for e in events for s in e["sources"]} | {c["evidence"]["document"] for c in claims}
    scope = [
        f"Entity: {subject}" if subject else "Entity: any",
        f"Dates: {window}",
        f"{len(events)} events and {len(claims)} claims from {len(sources)} documents",
    ]
    brief = Briefing(title=title, scope=scope, _docs=documents)

    for ev in events:
        cited = [brief.cite(x) for x in ev["evidence"][:EVIDENCE_PER_EVENT]]
        brief.timeline.append({
            "date": _date_label(ev["date"]["start"], ev["date"]["end"]),
            "summary": _event_summary(ev, names),
            "notes": cited,
            "more": max(0, len(ev["evidence"]) - EVIDENCE_PER_EVENT),
        })

    in_scope = {c["id"]: c for c in claims}
    related = [r for r in listing.relations(db) if r["a"] in in_scope or r["b"] in in_scope]
    in_relation = Counter(x for r in related for x in (r["a"], r["b"]))
    ranked = sorted(claims, key=lambda c: (-in_relation[c["id"]], -len(c["events"]),
                                           c["claimant"] is None, c["id"]))
    brief.claims_total = len(claims)
    for c in ranked[:KEY_CLAIMS]:
        brief.claims.append({**_claim_line(c, names, documents), "notes": [brief.cite(c["evidence"])]})

    for r in related:
        if r["type"] != "contradicts" or not r["a_claim"] or not r["b_claim"]:
            continue
        brief.contradictions.append({
            "reason": r["reason"],
            "a": {**_claim_line(r["a_claim"], names, documents), "notes": [brief.cite(r["a_claim"]["evidence"])]},
            "b": {**_claim_line(r["b_claim"], names, documents), "notes": [brief.cite(r["b_claim"]["evidence"])]},
        })

    brief.map_svg = svg.dot_map(_map_points(events, all_entities), title="Places and countries in scope")
    bars, note = _per_month(events)
    per_year = bool(bars) and len(bars[0][0]) == 4
    brief.chart_svg = svg.bar_chart(bars, title="Events per year" if per_year else "Events per month")
    brief.chart_note = note
    return brief


def _event_summary(ev: dict[str, Any], names: dict[str, str]) -> str:
    what = ev["type"] + (f" ({ev['mode']})" if ev["mode"] else "")
    if ev["modality"] != "occurred":
        what += f", {ev['modality']}"
    roles = [f"{p['role']} {names.get(p['entity'], p['entity'])}" for p in ev["participants"]]
    if ev["location"]:
        roles.append(f"at {names.get(ev['location'], ev['location'])}")
    figures = [f"{q['value']:,} {q['unit'] or ''}".strip() for q in ev["quantities"]]
    figures += [f"{m['value']:,} {m['currency'] or ''}".strip() for m in ev["money"]]
    return "; ".join([what, *roles, *figures])


def _claim_line(c: dict[str, Any], names: dict[str, str], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    doc = docs.get(c["evidence"]["document"], {})
    speaker = names.get(c["claimant"] or "", None) or f"{doc.get('outlet') or 'the outlet'} (own voice)"
    return {
        "speaker": speaker,
        "stance": c["stance"] + (", hedged" if c["hedged"] else ""),
        "via": [names.get(v, v) for v in c["via"]],
        "date": c["date"],
        "text": " ".join(c["text"].split()),
        "outlet": doc.get("outlet"),
    }


def _map_points(events: list[dict[str, Any]], entities: dict[str, dict[str, Any]]) -> list[svg.Point]:
    weight: Counter[str] = Counter()
    for ev in events:
        for ident in {ev["location"], *(p["entity"] for p in ev["participants"])}:
            if ident in entities:
                weight[ident] += 1
    points = []
    for ident, n in sorted(weight.items()):
        e = entities[ident]
        if e["lat"] is None or e["lon"] is None:
            continue
        kind = "country" if e["type"] == "country" else "place"
        points.append(svg.Point(e["name"], float(e["lat"]), float(e["lon"]), kind, n))
    return points


def _per_month(events: list[dict[str, Any]]) -> tuple[list[tuple[str, int]], str]:
    """Events per month from the first to the last dated month (empty months shown as zero)."""
    counts: Counter[str] = Counter()
    coarse = undated = 0
    for ev in events:
        start = ev["date"]["start"]
        if not start:
            undated += 1
        elif len(start) >= 7:
            counts[start[:7]] += 1
        else:
            coarse += 1
    note = (f"{sum(counts.values())} events by month of their (start) date; "
            f"{coarse} dated only to a year and {undated} undated are not drawn.")
    if not counts:
        return [], note
    first, last = min(counts), max(counts)
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    if span > MAX_MONTHS:
        # One stray old date would otherwise stretch the chart over decades of empty months.
        years: Counter[str] = Counter()
        for key, n in counts.items():
            years[key[:4]] += n
        lo, hi = int(min(years)), int(max(years))
        bars = [(str(y), years.get(str(y), 0)) for y in range(lo, hi + 1)]
        return bars, note + f" Dates span {span} months, so bars are per year."
    y, m = int(first[:4]), int(first[5:7])
    months = []
    while f"{y:04d}-{m:02d}" <= last:
        key = f"{y:04d}-{m:02d}"
        months.append((key, counts.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months, note


# ---- rendering ----------------------------------------------------------------------------

_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#!|~])")


def md_escape(text: Any) -> str:
    """Article text as inert Markdown: HTML specials as entities, Markdown specials backslashed,
    line breaks folded so a line in an article cannot start a heading or a list."""
    value = " ".join(str(text).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIALS.sub(r"\\\1", value)


def md_url(url: str) -> str:
    """An http(s) URL as a Markdown autolink target (spaces, brackets and quotes percent-encoded)."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def _environment(fmt: ReportFormat) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsledger.export", "templates"),
        autoescape=fmt == "html",  # Markdown is escaped with md_escape instead of HTML rules
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["mdurl"] = md_url
    return env


def render(brief: Briefing, fmt: ReportFormat, *, map_href: str | None = None,
           chart_href: str | None = None) -> str:
    """The briefing as text; Markdown links to the SVG files at ``map_href``/``chart_href`` if given."""
    if fmt not in ("md", "html"):
        raise ExportError(f"unknown report format {fmt!r} (known: md, html)")
    template = _environment(fmt).get_template(f"briefing.{fmt}.j2")
    return template.render(b=brief, map_href=map_href, chart_href=chart_href)


def write(db: sqlite3.Connection, fmt: ReportFormat, output: str | os.PathLike[str] | None,
          stdout: IO[str] | None = None, *, entity: str | None = None, since: str | None = None,
          until: str | None = None) -> Path | None:
    """Write a briefing. Markdown with an ``output`` writes its map and chart as SVG files beside it."""
    brief = build(db, entity=entity, since=since, until=until)
    if output is None:
        (stdout or sys.stdout).write(render(brief, fmt))
        return None
    path = Path(output)
    map_href = chart_href = None
    if fmt == "md":
        if brief.map_svg is not None:
            map_href = f"{path.stem}-map.svg"
            write_bytes_atomic(path.with_name(map_href), _standalone(brief.map_svg))
        if brief.chart_svg is not None:
            chart_href = f"{path.stem}-chart.svg"
            write_bytes_atomic(path.with_name(chart_href), _standalone(brief.chart_svg))
    text = render(brief, fmt, map_href=map_href, chart_href=chart_href)
    write_bytes_atomic(path, text.encode("utf-8"))
    return path


def _standalone(drawing: Markup) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + str(drawing) + "\n").encode("utf-8")
