"""Shapes the UI needs that the CLI does not: pages, search, the network, the map, counts.

Each function takes a read connection and returns plain JSON-ready dicts, built
from ``newsledger.query`` so the API sees exactly what the CLI and exports see.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import networkx as nx

from newsledger.query import contradictions, listing, records

Record = dict[str, Any]


def page(items: Sequence[Record], limit: int, offset: int) -> Record:
    """The list-response envelope: one slice plus the total before slicing."""
    return {"items": list(items[offset : offset + limit]), "total": len(items), "limit": limit, "offset": offset}


def sliced(items: Sequence[Record], total: int, limit: int, offset: int) -> Record:
    """The same envelope for a slice the query already cut (see ``listing.events_page``)."""
    return {"items": list(items), "total": total, "limit": limit, "offset": offset}


def _involved(event: Record) -> set[str]:
    """Entities an event links: its participants and its location."""
    found = {p["entity"] for p in event["participants"] if p["entity"]}
    if event["location"]:
        found.add(event["location"])
    return found


def network(db: sqlite3.Connection, filters: listing.Filters, min_weight: int = 1) -> Record:
    """Entities joined by the events they share; node size is how many events an entity is in."""
    events = listing.events(db, filters)
    graph = nx.Graph()
    for event in events:
        involved = sorted(_involved(event))
        for ent in involved:
            if ent not in graph:
                graph.add_node(ent, events=0)
            graph.nodes[ent]["events"] += 1
        for a, b in combinations(involved, 2):
            if graph.has_edge(a, b):
                graph[a][b]["events"].append(event["id"])
            else:
                graph.add_edge(a, b, events=[event["id"]])
    weak = [(a, b) for a, b, ids in graph.edges(data="events") if len(ids) < min_weight]
    graph.remove_edges_from(weak)
    if min_weight > 1:
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    names = {e["id"]: e for e in records.entities(db)}
    nodes = [
        {
            "id": n,
            "name": names[n]["name"] if n in names else n,
            "type": names[n]["type"] if n in names else None,
            "events": graph.nodes[n]["events"],
        }
        for n in sorted(graph, key=lambda n: (-graph.nodes[n]["events"], n))
    ]
    edges = [
        {"source": a, "target": b, "weight": len(ids), "events": ids}
        for a, b, ids in sorted((min(a, b), max(a, b), ids) for a, b, ids in graph.edges(data="events"))
    ]
    return {"nodes": nodes, "edges": edges}


def geo_map(db: sqlite3.Connection, filters: listing.Filters) -> Record:
    """Geocoded entities with the events located at them; events take their location's coordinates."""
    places = {e["id"]: e for e in records.entities(db) if e["lat"] is not None and e["lon"] is not None}
    at: dict[str, list[str]] = {pid: [] for pid in places}
    located = []
    for event in listing.events(db, filters):
        place = places.get(event["location"] or "")
        if place is None:
            continue
        at[place["id"]].append(event["id"])
        located.append(
            {
                "id": event["id"],
                "type": event["type"],
                "date": event["date"],
                "lat": place["lat"],
                "lon": place["lon"],
                "location": place["id"],
            }
        )
    filtered = any((filters.entity, filters.type, filters.since, filters.until))
    out_places = [
        {"id": p["id"], "name": p["name"], "type": p["type"], "lat": p["lat"], "lon": p["lon"], "events": at[p["id"]]}
        for p in places.values()
        if at[p["id"]] or not filtered  # under a filter, only places where something matched happened
    ]
    out_places.sort(key=lambda p: (-len(p["events"]), p["name"]))
    return {"places": out_places, "events": located}


def search(db: sqlite3.Connection, q: str, limit: int) -> Record:
    """Case-insensitive substring search over names, aliases, evidence sentences and titles."""
    needle = q.casefold()
    entities = [
        e for e in listing.entities(db) if any(needle in n.casefold() for n in [e["name"], *e["aliases"]])
    ]
    # Events and claims are matched on light rows (one sentence each) and only the first ``limit``
    # are built as records: building every record of a large ledger took most of a search's time.
    # The match stays in Python because SQLite's LIKE folds ASCII case only.
    event_hits = {
        r[0]
        for r in db.execute("SELECT event_id, sentence_text FROM event_mentions")
        if needle in (r[1] or "").casefold()
    }
    event_ids = [i for i in listing.event_index(db) if i in event_hits]
    claim_ids = [
        r[0]
        for r in db.execute("SELECT id, text FROM claims ORDER BY document_id, start, id")
        if needle in (r[1] or "").casefold()
    ]
    documents = [d for d in records.documents(db) if needle in (d["title"] or "").casefold()]
    return {
        "q": q,
        "entities": entities[:limit],
        "events": records.events(db, event_ids[:limit]) if event_ids else [],
        "claims": records.claims(db, claim_ids[:limit]) if claim_ids else [],
        "documents": documents[:limit],
        "totals": {
            "entities": len(entities), "events": len(event_ids), "claims": len(claim_ids), "documents": len(documents)
        },
    }


def stats(db: sqlite3.Connection) -> Record:
    """How much the ledger holds, counted the way the list endpoints count."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    kinds = [r["type"] for r in contradictions.relations(db)]
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "entities": one("SELECT count(DISTINCT canonical_id) FROM entities"),
        "events": one("SELECT count(DISTINCT event_id) FROM event_mentions"),
        "claims": one("SELECT count(*) FROM claims"),
        "relations": len(kinds),
        "contradictions": kinds.count("contradicts"),
        "corroborations": kinds.count("corroborates"),
        # Added: events per type (the head report's type, as the type filter sees it), so a
        # filter form can list the types without fetching every event.
        "event_types": event_types(db),
    }


def event_types(db: sqlite3.Connection) -> dict[str, int]:
    """Events per type (the head report's type, which the ``type`` filter matches), by type name."""
    return {
        r[0]: r[1]
        for r in db.execute(
            "SELECT type, count(*) FROM event_mentions WHERE id = event_id GROUP BY type ORDER BY type"
        )
    }


def labels(db: sqlite3.Connection, ids: list[str]) -> Record:
    """Name and type of the entities a view shows, keyed by id; unknown ids are left out."""
    return {"items": list(records.entity_labels(db, ids).values())}
