"""Filtered views of the ledger for people: tables, the timeline, one fact with its evidence.

Filters mirror the CLI's: ``entity`` (an id, a name or an alias), ``type``
(entity type, event type, or claim stance), ``since`` / ``until`` (partial ISO
dates; an event or claim is kept when its date overlaps the window).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsledger import dates
from newsledger.errors import NotFoundError
from newsledger.query import contradictions, records

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Filters:
    entity: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None


def find_entity_ids(db: sqlite3.Connection, name: str) -> set[str]:
    """Canonical ids of the entities an id, name or alias designates (exact, then partial)."""
    row = db.execute("SELECT canonical_id FROM entities WHERE id = ?", (name,)).fetchone()
    if row:
        return {row[0]}
    folded = name.casefold()
    exact = {
        r[0]
        for r in db.execute(
            "SELECT canonical_id FROM entities WHERE name = ? COLLATE NOCASE"
            " UNION SELECT e.canonical_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.text = ? COLLATE NOCASE",
            (name, name),
        )
    }
    if exact:
        return exact
    partial = {
        r["canonical_id"]
        for r in db.execute("SELECT canonical_id, name FROM entities")
        if folded in r["name"].casefold()
    }
    if not partial:
        raise NotFoundError(f"no entity named {name!r}")
    return partial


def _window(f: Filters) -> tuple[Any, Any] | None:
    if not f.since and not f.until:
        return None
    lo = dates.bounds(f.since)[0] if f.since and dates.bounds(f.since) else None
    hi = dates.bounds(f.until)[1] if f.until and dates.bounds(f.until) else None
    return lo, hi


def _in_window(start: str | None, end: str | None, window: tuple[Any, Any] | None) -> bool:
    if window is None:
        return True
    span = dates.span_bounds(start, end)
    if span is None:
        return False
    lo, hi = window
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


def documents(db: sqlite3.Connection, f: Filters = Filters()) -> list[Record]:
    ids = None
    if f.entity:
        wanted = find_entity_ids(db, f.entity)
        ids = {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT m.document_id FROM json_each(?) j"
                " CROSS JOIN entities e ON e.canonical_id = j.value"
                " CROSS JOIN mentions m ON m.entity_id = e.id",
                (json.dumps(sorted(wanted)),),
            )
        }
    window = _window(f)
    return [
        d
        for d in records.documents(db, ids)
        if (f.type is None or (d["outlet"] or "").casefold() == f.type.casefold())
        and _in_window(d["published"], None, window)
    ]


def entities(db: sqlite3.Connection, f: Filters = Filters()) -> list[Record]:
    wanted = find_entity_ids(db, f.entity) if f.entity else None
    out = [
        e
        for e in records.entities(db)
        if (wanted is None or e["id"] in wanted) and (f.type is None or e["type"] == f.type)
    ]
    out.sort(key=lambda e: (-e["mentions"], e["name"]))
    return out


def event_index(db: sqlite3.Connection, f: Filters = Filters()) -> list[str]:
    """Canonical ids of the events the filters keep, in timeline order (undated last).

    Works on one light row per event (its head report), so a page of a large ledger
    costs an index scan plus the records on that page, not every record built in Python.
    An event's date is its head report's, else its first dated report's, as in
    ``records.events``.
    """
    wanted = find_entity_ids(db, f.entity) if f.entity else None
    scope = _event_ids_involving(db, wanted) if wanted is not None else None
    window = _window(f)
    rows = db.execute(
        "SELECT h.event_id AS id, h.type, h.mode, h.plover,"
        " CASE WHEN h.date_start IS NOT NULL THEN h.date_start ELSE"
        "  (SELECT d.date_start FROM event_mentions d WHERE d.event_id = h.event_id"
        "   AND d.date_start IS NOT NULL ORDER BY d.id LIMIT 1) END AS start,"
        " CASE WHEN h.date_start IS NOT NULL THEN h.date_end ELSE"
        "  (SELECT d.date_end FROM event_mentions d WHERE d.event_id = h.event_id"
        "   AND d.date_start IS NOT NULL ORDER BY d.id LIMIT 1) END AS \"end\""
        " FROM event_mentions h WHERE h.id = h.event_id"
        + ("" if scope is None else " AND h.id IN (SELECT value FROM json_each(?))"),
        () if scope is None else (json.dumps(sorted(scope)),),
    )
    kept = [
        (r["start"] is None, r["start"] or "", r["id"])
        for r in rows
        if (not f.type or f.type in (r["type"], r["mode"], r["plover"]))
        and _in_window(r["start"], r["end"], window)
    ]
    kept.sort()
    return [k[2] for k in kept]


def events_page(
    db: sqlite3.Connection, f: Filters = Filters(), limit: int | None = None, offset: int = 0
) -> tuple[list[Record], int]:
    """One page of events in timeline order, and how many the filters keep in all."""
    if f == Filters() and limit is None and offset == 0:
        everything = records.events(db)  # the whole ledger: no index to build first
        return everything, len(everything)
    ids = event_index(db, f)
    page_ids = ids[offset : None if limit is None else offset + limit]
    built = {e["id"]: e for e in records.events(db, page_ids)} if page_ids else {}
    return [built[i] for i in page_ids if i in built], len(ids)


def events(db: sqlite3.Connection, f: Filters = Filters()) -> list[Record]:
    return events_page(db, f)[0]


def _event_ids_involving(db: sqlite3.Connection, entities: set[str]) -> set[str]:
    """Canonical ids of events with one of these (canonical) entities as participant or place."""
    wanted = json.dumps(sorted(entities))
    return {
        r[0]
        for r in db.execute(
            "SELECT em.event_id FROM json_each(?1) j"
            " CROSS JOIN entities e ON e.canonical_id = j.value"
            " CROSS JOIN event_participants p ON p.entity_id = e.id"
            " CROSS JOIN event_mentions em ON em.id = p.event_mention_id"
            " UNION SELECT em.event_id FROM json_each(?1) j"
            " CROSS JOIN entities e ON e.canonical_id = j.value"
            " CROSS JOIN event_mentions em ON em.location_id = e.id",
            (wanted,),
        )
    }


def claims(db: sqlite3.Connection, f: Filters = Filters()) -> list[Record]:
    wanted = find_entity_ids(db, f.entity) if f.entity else None
    window = _window(f)
    involved_events: set[str] = set()
    if wanted is not None:
        involved_events = {e["id"] for e in events(db, Filters(entity=f.entity))}
    out = []
    for c in records.claims(db):
        if wanted is not None and not (
            {c["claimant"], *c["via"]} & wanted or set(c["events"]) & involved_events
        ):
            continue
        if f.type and c["stance"] != f.type:
            continue
        if not _in_window(c["date"], None, window):
            continue
        out.append(c)
    return out


def timeline_page(
    db: sqlite3.Connection, f: Filters = Filters(), limit: int | None = None, offset: int = 0
) -> tuple[list[Record], int]:
    """One page of the timeline (events in date order, undated last, each with the
    documents that report it) and the number of events in the whole timeline."""
    found, total = events_page(db, f, limit, offset)
    sources = {s for e in found for s in e["sources"]}
    docs = {d["id"]: d for d in records.documents(db, sources)} if sources else {}
    rows = [{**e, "source_documents": [docs[s] for s in e["sources"] if s in docs]} for e in found]
    return rows, total


def timeline(db: sqlite3.Connection, f: Filters = Filters()) -> list[Record]:
    """The whole timeline (see ``timeline_page``)."""
    return timeline_page(db, f)[0]


def relations(db: sqlite3.Connection, kind: str | None = None) -> list[Record]:
    """Claim relations with both claims and (added fields) the documents they come from."""
    claims_by_id = {c["id"]: c for c in records.claims(db)}
    kept = [r for r in contradictions.relations(db) if not kind or r["type"] == kind]
    doc_ids = {
        c["evidence"]["document"] for r in kept for c in (claims_by_id.get(r["a"]), claims_by_id.get(r["b"])) if c
    }
    docs = {d["id"]: d for d in records.documents(db, doc_ids)} if doc_ids else {}
    out = []
    for r in kept:
        a, b = claims_by_id.get(r["a"]), claims_by_id.get(r["b"])
        out.append({
            **r, "a_claim": a, "b_claim": b,
            "a_document": docs.get(a["evidence"]["document"]) if a else None,
            "b_document": docs.get(b["evidence"]["document"]) if b else None,
        })
    return out


def show(db: sqlite3.Connection, ident: str) -> Record:
    """An entity, event, claim or document with every evidence sentence."""
    if ident.startswith("doc-"):
        found = records.documents(db, [ident])
        if found:
            row = db.execute("SELECT text FROM documents WHERE id = ?", (ident,)).fetchone()
            return {"kind": "document", **found[0], "text": row["text"]}
    elif ident.startswith("ent-"):
        return _show_entity(db, ident)
    elif ident.startswith("evt-"):
        row = db.execute("SELECT event_id FROM event_mentions WHERE id = ?", (ident,)).fetchone()
        if row:
            # Built for this one event and its claims only, not for the whole ledger.
            event = records.events(db, [row["event_id"]])[0]
            claim_ids = [
                r[0]
                for r in db.execute(
                    "SELECT ce.claim_id FROM claim_events ce JOIN event_mentions em ON em.id = ce.event_mention_id"
                    " WHERE em.event_id = ?",
                    (event["id"],),
                )
            ]
            about = [c for c in records.claims(db, claim_ids) if event["id"] in c["events"]]
            return {"kind": "event", **event, "claims": about}
    elif ident.startswith("clm-"):
        found_claim = records.claims(db, [ident])
        if found_claim:
            return {"kind": "claim", **found_claim[0]}
    raise NotFoundError(f"no document, entity, event or claim with id {ident}")


def _show_entity(db: sqlite3.Connection, ident: str) -> Record:
    row = db.execute("SELECT canonical_id FROM entities WHERE id = ?", (ident,)).fetchone()
    if row is None:
        raise NotFoundError(f"no entity with id {ident}")
    cid = row[0]
    entity = next(e for e in records.entities(db) if e["id"] == cid)
    rows = [r[0] for r in db.execute("SELECT id FROM entities WHERE canonical_id = ?", (cid,))]
    marks = ",".join("?" * len(rows))
    links = [
        dict(r)
        for r in db.execute(
            f"SELECT a, b, verdict, score, reason, origin FROM entity_links"
            f" WHERE a IN ({marks}) OR b IN ({marks}) ORDER BY origin DESC, score DESC",
            (*rows, *rows),
        )
    ]
    mentions = [
        {**dict(r), "sentence": _sentence(db, r["document"], r["start"], r["end"])}
        for r in db.execute(
            f'SELECT m.document_id AS document, m.start, m."end" AS "end", m.text FROM mentions m'
            f" WHERE m.entity_id IN ({marks}) ORDER BY m.document_id, m.start",
            tuple(rows),
        )
    ]
    # Ids only, in timeline order: building every record of a busy entity's events is not needed here.
    involved = event_index(db, Filters(entity=cid))
    return {"kind": "entity", **entity, "rows": rows, "links": links, "mentions": mentions,
            "events": involved}


def _sentence(db: sqlite3.Connection, document: str, start: int, end: int) -> Record:
    """The stored sentence that holds a span (the span itself if none does)."""
    row = db.execute(
        'SELECT s.start, s."end", substr(d.text, s.start + 1, s."end" - s.start) FROM sentences s'
        ' JOIN documents d ON d.id = s.document_id'
        ' WHERE s.document_id = ? AND s.start <= ? AND s."end" >= ? LIMIT 1',
        (document, start, end),
    ).fetchone()
    if row:
        return {"document": document, "start": row[0], "end": row[1], "text": row[2]}
    text = db.execute(
        "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", (start, end, start, document)
    ).fetchone()[0]
    return {"document": document, "start": start, "end": end, "text": text}
