"""Views across records: relations, search, timeline, network, map, counts."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from newsledger.api import views
from newsledger.api.db import read_db
from newsledger.api.params import EntityFilter, Limit, Offset, Since, TypeFilter, Until, filters
from newsledger.errors import InputError
from newsledger.query import listing

router = APIRouter(prefix="/api", tags=["views"])
Db = Annotated[sqlite3.Connection, Depends(read_db)]
Record = dict[str, Any]


@router.get("/relations", summary="Claims that contradict or corroborate each other, with both claims")
def list_relations(
    db: Db, type: Literal["contradicts", "corroborates"] | None = None, limit: Limit = 50, offset: Offset = 0
) -> Record:
    return views.page(listing.relations(db, type), limit, offset)


@router.get("/search", summary="Entities by name or alias, events and claims by evidence text, documents by title")
def search(
    db: Db,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Text to find (case-insensitive).")],
    limit: Annotated[int, Query(ge=1, le=100, description="Cap per kind.")] = 20,
) -> Record:
    return views.search(db, q, limit)


@router.get("/timeline", summary="Events in date order (undated last), each with its source documents")
def timeline(
    db: Db, entity: EntityFilter = None, type: TypeFilter = None, since: Since = None, until: Until = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Record:
    found, total = listing.timeline_page(db, filters(entity, type, since, until), limit, offset)
    return views.sliced(found, total, limit, offset)


@router.get("/network", summary="Entities linked by the events they share (participants and location)")
def network(
    db: Db, entity: EntityFilter = None, type: TypeFilter = None, since: Since = None, until: Until = None,
    min_weight: Annotated[int, Query(ge=1, description="Keep edges with at least this many shared events.")] = 1,
) -> Record:
    return views.network(db, filters(entity, type, since, until), min_weight)


@router.get("/map", summary="Geocoded entities and the events located at them")
def geo_map(
    db: Db, entity: EntityFilter = None, type: TypeFilter = None, since: Since = None, until: Until = None
) -> Record:
    return views.geo_map(db, filters(entity, type, since, until))


@router.get("/stats", summary="How many documents, entities, events, claims and relations the ledger holds")
def stats(db: Db) -> Record:
    return views.stats(db)


@router.get("/event-types", summary="Event types with how many events each has (for a type filter)")
def event_types(db: Db) -> Record:
    return {"types": views.event_types(db)}


MAX_LABELS = 500


@router.get("/labels", summary="Names and types of some entities (for showing ids a view already has)")
def entity_labels(
    db: Db,
    ids: Annotated[
        str, Query(min_length=1, max_length=MAX_LABELS * 40, description="Canonical entity ids, comma-separated.")
    ],
) -> Record:
    wanted = [i for i in (part.strip() for part in ids.split(",")) if i]
    if len(wanted) > MAX_LABELS:
        raise InputError("ids", f"at most {MAX_LABELS} ids per request, got {len(wanted)}")
    return views.labels(db, wanted)
