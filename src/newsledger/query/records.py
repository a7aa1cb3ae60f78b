"""The ledger read back as plain dicts shaped like the ``newsledger/1`` export.

Every reader (export, CLI tables, timeline, show) starts from these functions so
that they all see the same resolved entities and merged events. Entity and event
ids are canonical ids: the smallest row id of each resolved group.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

Record = dict[str, Any]


def documents(db: sqlite3.Connection, ids: Iterable[str] | None = None) -> list[Record]:
    """Document records in publication order (undated last); ``ids`` restricts them in SQL."""
    if ids is None:
        scope, args = "", ()
    else:
        scope, args = " WHERE {col} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),)
    urls: dict[str, list[str]] = defaultdict(list)
    for r in db.execute(
        "SELECT document_id, url FROM document_urls" + scope.format(col="document_id") + " ORDER BY url", args
    ):
        urls[r["document_id"]].append(r["url"])
    rows = db.execute(
        "SELECT id, url, title, outlet, published, published_source, language, origin FROM documents"
        + scope.format(col="id") + " ORDER BY published IS NULL, published, id",
        args,
    )
    return [
        {
            "id": r["id"],
            "url": r["url"],
            "urls": urls.get(r["id"], []),
            "title": r["title"],
            "outlet": r["outlet"],
            "published": r["published"],
            "published_source": r["published_source"],
            "language": r["language"],
        }
        for r in rows
    ]


def entities(db: sqlite3.Connection) -> list[Record]:
    """One record per resolved entity, with every spelling seen as an alias."""
    counts: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    texts: dict[str, set[str]] = defaultdict(set)
    for r in db.execute(
        "SELECT e.canonical_id, e.name, m.text FROM mentions m JOIN entities e ON e.id = m.entity_id"
    ):
        counts[(r["canonical_id"], r["name"])] += 1
        totals[r["canonical_id"]] += 1
        texts[r["canonical_id"]].update((r["name"], r["text"]))
    groups: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in db.execute("SELECT * FROM entities ORDER BY id"):
        groups[r["canonical_id"]].append(r)
    out = []
    for cid in sorted(groups):
        rows = groups[cid]
        # The group's name is the row name used most often; ties go to the canonical row.
        best = max(rows, key=lambda r: (counts[(cid, r["name"])], r["id"] == cid, r["name"]))
        names = texts[cid] | {r["name"] for r in rows}

        def first(field: str, rows: list[sqlite3.Row] = rows, best: sqlite3.Row = best) -> Any:
            for r in [best, *rows]:
                if r[field] is not None:
                    return r[field]
            return None

        out.append(
            {
                "id": cid,
                "type": best["type"],
                "name": best["name"],
                "aliases": sorted(n for n in names if n != best["name"]),
                "lat": first("lat"),
                "lon": first("lon"),
                "geonames_id": first("geonames_id"),
                "country": first("country"),
                "wikidata": first("wikidata"),
                "mentions": totals[cid],
            }
        )
    return out


def entity_labels(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Record]:
    """Name and type of some resolved entities, chosen as ``entities`` chooses them.

    Lets a record carry its entities' names (participants in ``events``) without building
    every entity of the ledger: the cost is the mentions of these entities only.
    """
    wanted = json.dumps(sorted({i for i in ids if i}))
    groups: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in db.execute(
        "SELECT e.id, e.canonical_id, e.name, e.type FROM json_each(?) j"
        " CROSS JOIN entities e ON e.canonical_id = j.value ORDER BY e.id",
        (wanted,),
    ):
        groups[r["canonical_id"]].append(r)
    # Mentions are counted only where the rows of a group disagree on the name: a country in thousands of
    # events would otherwise cost a count of all its mentions for every page that names it.
    contested = json.dumps(sorted(cid for cid, rows in groups.items() if len({r["name"] for r in rows}) > 1))
    counts: Counter[tuple[str, str]] = Counter()
    for r in db.execute(
        "SELECT e.canonical_id, e.name, count(*) AS n FROM json_each(?) j"
        " CROSS JOIN entities e ON e.canonical_id = j.value"
        " CROSS JOIN mentions m ON m.entity_id = e.id GROUP BY e.canonical_id, e.name",
        (contested,),
    ):
        counts[(r["canonical_id"], r["name"])] += r["n"]
    labels = {}
    for cid, rows in groups.items():
        # The same choice as ``entities``: the row name used most often, ties to the canonical row.
        best = max(rows, key=lambda r: (counts[(cid, r["name"])], r["id"] == cid, r["name"]))
        labels[cid] = {"id": cid, "name": best["name"], "type": best["type"]}
    return labels


def _merged_roles(found: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The roles of an event's reports together. One report's agent is another's partner when each names the
    side it starts from ("Kim met Putin", "Putin hosted Kim"): a side that acts in any report is an agent, and
    is not listed as a partner too."""
    roles = set(found)
    agents = {ent for role, ent in roles if role == "agent"}
    return sorted((role, ent) for role, ent in roles if not (role == "partner" and ent in agents))


def events(db: sqlite3.Connection, ids: Iterable[str] | None = None) -> list[Record]:
    """One record per real-world event, merging every document that reports it.

    ``ids`` (canonical event ids) restricts the work to those events, so a filtered
    view costs what it returns, not what the ledger holds.
    """
    if ids is None:
        scope, args = "", ()
    else:
        scope = " WHERE em.event_id IN (SELECT value FROM json_each(?))"
        args = (json.dumps(sorted(set(ids))),)
    members: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in db.execute(
        "SELECT em.*, loc.canonical_id AS location_canonical"
        " FROM event_mentions em LEFT JOIN entities loc ON loc.id = em.location_id"
        + scope + " ORDER BY em.event_id, em.id",
        args,
    ):
        members[r["event_id"]].append(r)
    parts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in db.execute(
        "SELECT p.event_mention_id, p.role, e.canonical_id FROM event_mentions em"
        " JOIN event_participants p ON p.event_mention_id = em.id"
        " JOIN entities e ON e.id = p.entity_id" + scope,
        args,
    ):
        parts[r["event_mention_id"]].append((r["role"], r["canonical_id"]))
    quantities: dict[str, list[Record]] = defaultdict(list)
    for r in db.execute(
        "SELECT q.*, e.canonical_id FROM event_mentions em"
        " JOIN event_quantities q ON q.event_mention_id = em.id"
        " LEFT JOIN entities e ON e.id = q.entity_id" + scope + " ORDER BY q.event_mention_id, q.position",
        args,
    ):
        quantities[r["event_mention_id"]].append(
            {"value": _num(r["value"]), "unit": r["unit"], "entity": r["canonical_id"]}
        )
    money: dict[str, list[Record]] = defaultdict(list)
    for r in db.execute(
        "SELECT m.* FROM event_mentions em JOIN event_money m ON m.event_mention_id = em.id"
        + scope + " ORDER BY m.event_mention_id, m.position",
        args,
    ):
        money[r["event_mention_id"]].append({"value": _num(r["value"]), "currency": r["currency"]})

    named = entity_labels(
        db,
        {ent for found in parts.values() for _, ent in found}
        | {r["location_canonical"] for rows in members.values() for r in rows if r["location_canonical"]},
    )
    out = []
    for eid, rows in members.items():
        head = next((r for r in rows if r["id"] == eid), rows[0])
        dated = [r for r in [head, *rows] if r["date_start"]]
        date_row = dated[0] if dated else head
        located = [r for r in [head, *rows] if r["location_canonical"]]
        out.append(
            {
                "id": eid,
                "type": head["type"],
                "plover": head["plover"],
                "mode": head["mode"],
                "modality": head["modality"],
                "date": {"start": date_row["date_start"], "end": date_row["date_end"]},
                "location": located[0]["location_canonical"] if located else None,
                # Added fields: names to show without fetching every entity (null when unknown).
                "location_name": _name(named, located[0]["location_canonical"]) if located else None,
                "participants": [
                    {"role": role, "entity": ent, "name": _name(named, ent)}
                    for role, ent in _merged_roles(p for r in rows for p in parts[r["id"]])
                ],
                "quantities": _distinct(q for r in rows for q in quantities[r["id"]]),
                "money": _distinct(m for r in rows for m in money[r["id"]]),
                # Two reports in one sentence (a verb and a noun) give that sentence once.
                "evidence": _distinct(
                    {
                        "document": r["document_id"],
                        "start": r["sentence_start"],
                        "end": r["sentence_end"],
                        "text": r["sentence_text"],
                    }
                    for r in rows
                ),
                "sources": sorted({r["document_id"] for r in rows}),
                "reports": [r["id"] for r in rows],
            }
        )
    out.sort(key=lambda e: (e["date"]["start"] is None, e["date"]["start"] or "", e["id"]))
    return out


def claims(db: sqlite3.Connection, ids: Iterable[str] | None = None) -> list[Record]:
    """Claim records in document order; ``ids`` restricts them in SQL (one event's claims, say)."""
    args: tuple[str, ...]
    if ids is None:
        scope, args = "", ()
    else:
        scope, args = " WHERE {col} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),)
    via: dict[str, list[str]] = defaultdict(list)
    for r in db.execute(
        "SELECT v.claim_id, e.canonical_id FROM claim_via v JOIN entities e ON e.id = v.entity_id"
        + scope.format(col="v.claim_id") + " ORDER BY v.claim_id, v.position",
        args,
    ):
        via[r["claim_id"]].append(r["canonical_id"])
    about: dict[str, list[str]] = defaultdict(list)
    for r in db.execute(
        "SELECT ce.claim_id, em.event_id FROM claim_events ce"
        " JOIN event_mentions em ON em.id = ce.event_mention_id"
        + scope.format(col="ce.claim_id") + " ORDER BY ce.claim_id, ce.position",
        args,
    ):
        if r["event_id"] not in about[r["claim_id"]]:
            about[r["claim_id"]].append(r["event_id"])
    out = []
    for r in db.execute(
        "SELECT c.*, e.canonical_id AS claimant_canonical,"
        " substr(d.text, c.cue_start + 1, c.cue_end - c.cue_start) AS cue_text,"
        " substr(d.text, c.content_start + 1, c.content_end - c.content_start) AS content_text,"
        " substr(d.text, c.source_start + 1, c.source_end - c.source_start) AS source_text"
        " FROM claims c JOIN documents d ON d.id = c.document_id"
        " LEFT JOIN entities e ON e.id = c.claimant_id" + scope.format(col="c.id")
        + " ORDER BY c.document_id, c.start, c.id",
        args,
    ):
        events_about = about.get(r["id"], [])
        out.append(
            {
                "id": r["id"],
                "event": events_about[0] if events_about else None,
                "events": events_about,
                "claimant": r["claimant_canonical"],
                "via": via.get(r["id"], []),
                "stance": r["stance"],
                "hedged": bool(r["hedged"]),
                "date": r["date"],
                "text": r["text"],
                "evidence": {
                    "document": r["document_id"],
                    "start": r["start"],
                    "end": r["end"],
                    "text": r["text"],
                },
                # Parts of the evidence sentence (added in newsledger/1; null when not found):
                # the claimant as written, the reporting cue, and what is claimed.
                "source": _part(r, "source"),
                "cue": _part(r, "cue"),
                "content": _part(r, "content"),
            }
        )
    return out


def _part(r: sqlite3.Row, name: str) -> Record | None:
    """A stored span of a claim's sentence as an evidence record, or None."""
    if r[f"{name}_start"] is None:
        return None
    return {"document": r["document_id"], "start": r[f"{name}_start"], "end": r[f"{name}_end"],
            "text": r[f"{name}_text"]}


def mentions(db: sqlite3.Connection) -> list[Record]:
    return [
        {"entity": r["canonical_id"], "document": r["document_id"], "start": r["start"],
         "end": r["end"], "text": r["text"]}
        for r in db.execute(
            'SELECT m.document_id, m.start, m."end", m.text, e.canonical_id FROM mentions m'
            " JOIN entities e ON e.id = m.entity_id ORDER BY m.document_id, m.start"
        )
    ]


def times(db: sqlite3.Connection) -> list[Record]:
    return [
        {"document": r["document_id"], "start": r["start"], "end": r["end"], "text": r["text"],
         "value": r["value"]}
        for r in db.execute(
            'SELECT document_id, start, "end", text, value FROM times ORDER BY document_id, start'
        )
    ]


def source_label(outlet: str | None, title: str | None, origin: str | None, doc_id: str) -> str:
    """How a person names a document: its outlet, else its title, else the file it came from."""
    if outlet or title:
        return str(outlet or title)
    if origin:
        return origin.rstrip("/").rsplit("/", 1)[-1]
    return doc_id


def _name(labels: dict[str, Record], ident: str | None) -> str | None:
    label = labels.get(ident or "")
    return label["name"] if label else None


def _num(value: float) -> int | float:
    """Whole numbers as ints, so 6000.0 drones export as 6000."""
    return int(value) if float(value).is_integer() else value


def _distinct(items: Iterable[Record]) -> list[Record]:
    """Each flat record once, first occurrence first (values are str, numbers or None)."""
    seen: dict[tuple[tuple[str, Any], ...], Record] = {}
    for item in items:
        seen.setdefault(tuple(sorted(item.items())), item)
    return list(seen.values())
