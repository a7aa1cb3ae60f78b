"""The ledger's four kinds of record, listed with the CLI's filters and shown one at a time."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from newsledger.api.db import read_db
from newsledger.api.params import EntityFilter, Limit, Offset, Since, TypeFilter, Until, filters
from newsledger.api.views import page, sliced
from newsledger.errors import NotFoundError
from newsledger.query import listing

router = APIRouter(prefix="/api", tags=["records"])
Db = Annotated[sqlite3.Connection, Depends(read_db)]
Record = dict[str, Any]


def _show(db: sqlite3.Connection, ident: str, prefix: str, kind: str) -> Record:
    """listing.show, restricted to one kind so /api/events/{id} never answers with a document."""
    if not ident.startswith(prefix):
        raise NotFoundError(f"no {kind} with id {ident} ({kind} ids start with {prefix!r})")
    return listing.show(db, ident)


@router.get("/documents", summary="Documents (type filters by outlet)")
def list_documents(
    db: Db, entity: EntityFilter = None, type: TypeFilter = None, since: Since = None, until: Until = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Record:
    return page(listing.documents(db, filters(entity, type, since, until)), limit, offset)


@router.get("/documents/{id}", summary="One document with its full text")
def get_document(db: Db, id: Annotated[str, Path()]) -> Record:
    return _show(db, id, "doc-", "document")


@router.get("/entities", summary="Resolved entities (type: person, country, weapon, ...)")
def list_entities(
    db: Db, entity: EntityFilter = None, type: TypeFilter = None, limit: Limit = 50, offset: Offset = 0
) -> Record:
    return page(listing.entities(db, filters(entity, type)), limit, offset)


@router.get("/entities/{id}", summary="One entity: aliases, links with reasons, mentions with sentences, events")
def get_entity(db: Db, id: Annotated[str, Path()]) -> Record:
    return _show(db, id, "ent-", "entity")


@router.get("/events", summary="Events (type: event type, mode or PLOVER type)")
def list_events(
    db: Db, entity: EntityFilter = None, type: TypeFilter = None, since: Since = None, until: Until = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Record:
    found, total = listing.events_page(db, filters(entity, type, since, until), limit, offset)
    return sliced(found, total, limit, offset)


@router.get("/events/{id}", summary="One event with its evidence and the claims about it")
def get_event(db: Db, id: Annotated[str, Path()]) -> Record:
    return _show(db, id, "evt-", "event")


@router.get("/claims", summary="Claims (type: stance)")
def list_claims(
    db: Db, entity: EntityFilter = None, type: TypeFilter = None, since: Since = None, until: Until = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Record:
    return page(listing.claims(db, filters(entity, type, since, until)), limit, offset)


@router.get("/claims/{id}", summary="One claim with its evidence and the claims it contradicts or corroborates")
def get_claim(db: Db, id: Annotated[str, Path()]) -> Record:
    claim = _show(db, id, "clm-", "claim")
    related = [r for r in listing.relations(db) if id in (r["a"], r["b"])]
    return {**claim, "relations": related}
