"""The ledger as FollowTheMoney entities (one JSON object a line) for Aleph and the ``ftm`` tools.

Entities are built with the followthemoney library itself, so every property is checked
and cleaned against the FtM model (dates, countries, URLs) exactly as Aleph would.
The mapping, and why each schema was chosen, is in docs/exports.md; in short:

    person → Person; organization, outlet, group → Organization; country → PublicBody
    (FtM has no country schema: a country that acts in an event is its state);
    place, facility → Address (with coordinates); weapon → Asset;
    document → Article; event → Event (organizer = agents, involved = other actors);
    an event's item → UnknownLink(event → Asset, role "item");
    a claim → Documentation(document = the article, entity = the event or the claimant);
    each entity named in an article → Mention(document, resolved).

Unnamed sources ("officials"), nationalities and "other" become no entity of their own;
their names stay in the Documentation's description.
"""

from __future__ import annotations

import json
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from newsledger.model import stable_id

_SCHEMA_BY_TYPE = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "Organization",
    "group": "Organization",
    "country": "PublicBody",
    "place": "Address",
    "facility": "Address",
    "weapon": "Asset",
}
_LEGAL = frozenset({"Person", "Organization", "PublicBody"})


def _make(schema: str, ident: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = ident
    return proxy


def _entity(e: dict[str, Any]) -> EntityProxy | None:
    schema = _SCHEMA_BY_TYPE.get(e["type"])
    if schema is None:
        return None
    proxy = _make(schema, e["id"])
    if schema == "Address":
        proxy.add("full", e["name"])
        proxy.add("latitude", e.get("lat"))
        proxy.add("longitude", e.get("lon"))
    proxy.add("name", e["name"])
    proxy.add("alias", e["aliases"])
    proxy.add("country", e.get("country"))
    proxy.add("wikidataId", e.get("wikidata"))
    proxy.add("description", f"newsledger entity of type {e['type']}")
    return proxy


def _article(d: dict[str, Any]) -> EntityProxy:
    proxy = _make("Article", d["id"])
    proxy.add("title", d["title"])
    proxy.add("name", d["title"] or d["id"])
    proxy.add("publishedAt", d["published"])
    proxy.add("publisher", d["outlet"])
    proxy.add("language", d["language"])
    proxy.add("sourceUrl", d["urls"] or d["url"])
    return proxy


def entities(data: dict[str, Any], mentions: bool = True) -> list[EntityProxy]:
    """Every FtM entity of the export, articles and things first, then events, links and claims."""
    out: list[EntityProxy] = []
    docs = {d["id"]: d for d in data["documents"]}
    for d in data["documents"]:
        out.append(_article(d))
    made: dict[str, EntityProxy] = {}
    names = {e["id"]: e["name"] for e in data["entities"]}
    for e in data["entities"]:
        proxy = _entity(e)
        if proxy is not None:
            made[e["id"]] = proxy
            out.append(proxy)

    for ev in data["events"]:
        out.extend(_event(ev, made, docs))

    event_ids = {ev["id"] for ev in data["events"]}
    for c in data["claims"]:
        proxy = _claim(c, made, names, docs, event_ids)
        if proxy is not None:
            out.append(proxy)

    if mentions:
        seen: set[tuple[str, str]] = set()
        for m in data["mentions"]:
            target = made.get(m["entity"])
            key = (m["document"], m["entity"])
            if target is None or target.schema.name not in _LEGAL or key in seen:
                continue
            seen.add(key)
            proxy = _make("Mention", stable_id("ftm-men", *key))
            proxy.add("document", m["document"])
            proxy.add("resolved", m["entity"])
            proxy.add("name", target.get("name"))
            proxy.add("detectedSchema", target.schema.name)
            proxy.add("contextCountry", target.get("country"))
            out.append(proxy)
    return out


def _event(ev: dict[str, Any], made: dict[str, EntityProxy],
           docs: dict[str, dict[str, Any]]) -> list[EntityProxy]:
    proxy = _make("Event", ev["id"])
    label = ev["type"] + (f" ({ev['mode']})" if ev["mode"] else "")
    proxy.add("name", label)
    proxy.add("keywords", [k for k in (ev["type"], ev["mode"], ev["plover"], ev["modality"]) if k])
    proxy.add("startDate", ev["date"]["start"])
    proxy.add("endDate", ev["date"]["end"])
    proxy.add("summary", [e["text"].strip() for e in ev["evidence"]])
    roles = []
    links = []
    for p in ev["participants"]:
        target = made.get(p["entity"])
        if target is None:
            continue
        roles.append(f"{p['role']}: {target.first('name')}")
        if target.schema.name in _LEGAL:
            proxy.add("organizer" if p["role"] == "agent" else "involved", target.id)
            proxy.add("country", target.get("country"))
        else:
            link = _make("UnknownLink", stable_id("ftm-lnk", ev["id"], p["role"], target.id))
            link.add("subject", ev["id"])
            link.add("object", target.id)
            link.add("role", p["role"])
            links.append(link)
    figures = [f"{q['value']} {q['unit'] or ''}".strip() for q in ev["quantities"]]
    figures += [f"{m['value']} {m['currency'] or ''}".strip() for m in ev["money"]]
    proxy.add("description", "; ".join(roles + figures) or None)
    where = made.get(ev["location"]) if ev["location"] else None
    if where is not None:
        proxy.add("location", where.first("name"))
        proxy.add("country", where.get("country"))
        if where.schema.name == "Address":
            proxy.add("addressEntity", where.id)
    proxy.add("proof", [s for s in ev["sources"] if s in docs])
    proxy.add("sourceUrl", [docs[s]["url"] for s in ev["sources"] if s in docs and docs[s]["url"]])
    return [proxy, *links]


def _claim(c: dict[str, Any], made: dict[str, EntityProxy], names: dict[str, str],
           docs: dict[str, dict[str, Any]], events: set[str]) -> EntityProxy | None:
    doc = docs.get(c["evidence"]["document"])
    about = c["event"] if c["event"] in events else c["claimant"] if c["claimant"] in made else None
    if doc is None or about is None:
        return None  # Documentation needs both a document and a thing it documents
    proxy = _make("Documentation", c["id"])
    proxy.add("document", doc["id"])
    proxy.add("entity", about)
    stance = c["stance"] + (", hedged" if c["hedged"] else "")
    proxy.add("role", f"claim: {stance}")
    proxy.add("summary", c["text"].strip())
    speaker = names.get(c["claimant"] or "", doc["outlet"] or "the outlet")
    note = f"{speaker} {c['stance']}" + (" (hedged)" if c["hedged"] else "")
    if c["via"]:
        note += "; relayed by " + ", ".join(names.get(v, v) for v in c["via"])
    proxy.add("description", note)
    proxy.add("date", c["date"])
    proxy.add("publisher", doc["outlet"])
    return proxy


def to_ftm(data: dict[str, Any]) -> bytes:
    lines = (json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True) + "\n" for p in entities(data))
    return "".join(lines).encode("utf-8")
