"""How the CLI shows things to people: rich tables and progress on a terminal, plain lines when piped.

Article text is printed as text: rich markup in it is escaped, never interpreted.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsledger.query.records import source_label

Record = dict[str, Any]

_INTERACTIVE = sys.stdout.isatty()
# Piped output is not wrapped, so each record stays on its own line for grep and friends.
_console = Console(highlight=False, soft_wrap=not _INTERACTIVE)


class Names:
    """Display names for entity and document ids."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.entities = {
            r[0]: r[1]
            for r in db.execute("SELECT e.id, c.name FROM entities e JOIN entities c ON c.id = e.canonical_id")
        }
        self.documents = {
            r[0]: (source_label(r[1], r[3], r[4], r[0]), r[2])
            for r in db.execute("SELECT id, outlet, published, title, origin FROM documents")
        }

    def entity(self, ident: str | None) -> str:
        if ident is None:
            return ""
        return self.entities.get(ident, ident)

    def document(self, ident: str) -> str:
        outlet, published = self.documents.get(ident, (ident, None))
        return f"{outlet} ({published})" if published else str(outlet)


def _text(value: Any) -> str:
    return escape("" if value is None else str(value))


def _date(d: Record | None) -> str:
    if not d or not d.get("start"):
        return "undated"
    return d["start"] if not d.get("end") else f"{d['start']} → {d['end']}"


def table(kind: str, rows: list[Record], names: Names) -> None:
    """A table for people (tab-separated lines when piped); --json gives the full records."""
    t = Table(show_lines=False, title=f"{kind} ({len(rows)})", title_justify="left")
    if kind == "documents":
        for col in ("id", "published", "outlet", "title", "lang"):
            t.add_column(col)
        for r in rows:
            t.add_row(r["id"], _text(r["published"]), _text(r["outlet"]), _text(r["title"]),
                      _text(r["language"]))
    elif kind == "entities":
        for col in ("id", "type", "name", "aliases", "country", "where", "mentions"):
            t.add_column(col)
        for r in rows:
            where = f"{r['lat']:.2f}, {r['lon']:.2f}" if r["lat"] is not None else ""
            t.add_row(r["id"], r["type"], _text(r["name"]), _text("; ".join(r["aliases"][:6])),
                      _text(r["country"]), where, str(r["mentions"]))
    elif kind == "events":
        for col in ("id", "date", "type", "participants", "figures", "sources"):
            t.add_column(col)
        for r in rows:
            t.add_row(r["id"], _date(r["date"]), _text(_kind(r)), _text(_participants(r, names)),
                      _text(_figures(r, names)), str(len(r["sources"])))
    elif kind == "claims":
        for col in ("id", "date", "claimant", "stance", "text"):
            t.add_column(col)
        for r in rows:
            t.add_row(r["id"], _text(r["date"]), _text(_claimant(r, names)),
                      r["stance"] + (" (hedged)" if r["hedged"] else ""), _text(_short(r["text"], 140)))
    if _INTERACTIVE:
        _console.print(t)
        return
    print("\t".join(str(c.header) for c in t.columns))
    for i in range(t.row_count):
        print("\t".join(" ".join(str(list(c.cells)[i]).split()) for c in t.columns))


def _kind(e: Record) -> str:
    label = e["type"] + (f"/{e['mode']}" if e.get("mode") and e["mode"] != e["type"] else "")
    if e.get("modality") and e["modality"] != "occurred":
        label += f" [{e['modality']}]"
    return label


def _participants(e: Record, names: Names) -> str:
    parts = [f"{p['role']}: {names.entity(p['entity'])}" for p in e["participants"]]
    if e.get("location"):
        parts.append(f"at: {names.entity(e['location'])}")
    return "; ".join(parts)


def _figures(e: Record, names: Names) -> str:
    out = []
    for q in e["quantities"]:
        item = f" ({names.entity(q['entity'])})" if q.get("entity") else ""
        out.append(f"{q['value']:,} {q['unit'] or ''}{item}".strip())
    out += [f"{m['value']:,} {m['currency'] or ''}".strip() for m in e["money"]]
    return "; ".join(out)


def _claimant(c: Record, names: Names) -> str:
    who = names.entity(c["claimant"]) if c["claimant"] else names.document(c["evidence"]["document"])
    if c["via"]:
        who += " via " + " → ".join(names.entity(v) for v in c["via"])
    return who


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline(rows: list[Record], names: Names) -> None:
    if not rows:
        _console.print("No events.")
    for e in rows:
        _console.print(f"[bold]{_text(_date(e['date']))}[/bold]  {_text(_kind(e))}  [dim]{e['id']}[/dim]")
        detail = "; ".join(x for x in (_participants(e, names), _figures(e, names)) if x)
        if detail:
            _console.print(f"    {_text(detail)}")
        for ev in e["evidence"]:
            _console.print(f"    [dim]{_text(names.document(ev['document']))}:[/dim] {_text(_short(ev['text'], 160))}")


def relations(rows: list[Record], names: Names) -> None:
    if not rows:
        _console.print("No contradictions found.")
    for r in rows:
        _console.print(f"[bold]{r['type']}[/bold]: {_text(r['reason'])}")
        for side in ("a_claim", "b_claim"):
            c = r.get(side)
            if c:
                _console.print(
                    f"    {_text(_claimant(c, names))} [{c['stance']}]: {_text(_short(c['text'], 160))}"
                    f" [dim]({c['id']})[/dim]"
                )


def show(record: Record, names: Names) -> None:
    kind = record["kind"]
    if kind == "entity":
        _console.print(f"[bold]{_text(record['name'])}[/bold] ({record['type']}) {record['id']}")
        if record["aliases"]:
            _console.print("aliases: " + _text("; ".join(record["aliases"])))
        if record["lat"] is not None:
            _console.print(f"location: {record['lat']}, {record['lon']} (GeoNames {record['geonames_id']})")
        for link in record["links"]:
            _console.print(
                f"link {link['verdict']} ({link['origin']}, {link['score']:.2f}): "
                f"{_text(names.entity(link['a']))} ~ {_text(names.entity(link['b']))}: {_text(link['reason'])}"
            )
        for m in record["mentions"]:
            s = m["sentence"]
            _console.print(f"  {m['document']} [{m['start']}:{m['end']}] {_text(m['text'])}: "
                           f"{_text(_short(s['text'], 160))}")
    elif kind == "event":
        _console.print(f"[bold]{_text(_kind(record))}[/bold] {record['id']}  {_text(_date(record['date']))}")
        _console.print(_text(_participants(record, names)))
        if _figures(record, names):
            _console.print(_text(_figures(record, names)))
        for ev in record["evidence"]:
            _console.print(f"  {ev['document']} [{ev['start']}:{ev['end']}] {_text(ev['text'])}")
        for c in record["claims"]:
            _console.print(f"  claim {c['id']}: {_text(_claimant(c, names))} {c['stance']}")
    elif kind == "claim":
        ev = record["evidence"]
        _console.print(f"[bold]{_text(_claimant(record, names))}[/bold] {record['stance']}"
                       f"{' (hedged)' if record['hedged'] else ''} {record['id']}  {_text(record['date'])}")
        _console.print(f"  {ev['document']} [{ev['start']}:{ev['end']}] {_text(ev['text'])}")
        if record["events"]:
            _console.print("  about: " + ", ".join(record["events"]))
    else:
        _console.print(f"[bold]{_text(record['title'])}[/bold] {record['id']}")
        _console.print(f"{_text(record['outlet'])}  {_text(record['published'])} ({record['published_source']})"
                       f"  {_text(record['url'])}")
        _console.print(_text(record["text"]))


class IngestProgress:
    """A spinner with counts on a terminal; one plain line per input when piped."""

    def __init__(self) -> None:
        self.interactive = sys.stderr.isatty()
        self.counts: dict[str, int] = {}
        self._progress: Progress | None = None

    def __enter__(self) -> IngestProgress:
        if self.interactive:
            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("ingesting", total=None)
        return self

    def __call__(self, origin: str, outcome: str) -> None:
        key = "failed" if outcome.startswith("failed") else outcome
        self.counts[key] = self.counts.get(key, 0) + 1
        if self._progress is not None:
            summary = ", ".join(f"{v} {k}" for k, v in self.counts.items())
            self._progress.update(self._task, description=f"ingesting: {summary} — {escape(origin)[-60:]}")
        elif key != "failed":  # failures are listed once, at the end
            print(f"{outcome}: {origin}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
