"""Claims as schema.org ``Claim`` records in JSON-LD, for fact-checking tools.

Each claim becomes a ``Claim`` whose ``author`` is the claimant (a ``Person`` or an
``Organization``; the outlet itself when the outlet speaks in its own voice), whose
``appearance`` and ``firstAppearance`` are the ``NewsArticle`` it was read in, and whose
``text`` is the evidence sentence. No ``ClaimReview`` is written: a ClaimReview carries a
fact-checker's verdict (``reviewRating``), and newsledger has none. What newsledger does
know — the stance, hedging, relays, the offsets, and which claims contradict or
corroborate which — is written with a small ``nl:`` vocabulary declared in the
``@context`` (``urn:newsledger:vocab:``), so schema.org consumers ignore it safely.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_CONTEXT = "https://schema.org"
NL_VOCAB = "urn:newsledger:vocab:"
CONTEXT: list[Any] = [SCHEMA_CONTEXT, {"nl": NL_VOCAB}]

_PERSON_TYPES = frozenset({"person"})


def _iri(ident: str) -> str:
    """A stable IRI for a ledger record (ids are content hashes, so the IRI is stable too)."""
    return f"urn:newsledger:{ident}"


def _agent(entity: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Person" if entity["type"] in _PERSON_TYPES else "Organization",
        "@id": _iri(entity["id"]),
        "name": entity["name"],
        "nl:entityType": entity["type"],
    }
    if entity["aliases"]:
        node["alternateName"] = entity["aliases"]
    if entity.get("wikidata"):
        node["sameAs"] = f"https://www.wikidata.org/wiki/{entity['wikidata']}"
    return node


def _article(doc: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "NewsArticle", "@id": _iri(doc["id"])}
    if doc["url"]:
        node["url"] = doc["url"]
    if doc["title"]:
        node["headline"] = doc["title"]
    if doc["published"]:
        node["datePublished"] = doc["published"]
    if doc["outlet"]:
        node["publisher"] = {"@type": "Organization", "name": doc["outlet"]}
    if doc["language"]:
        node["inLanguage"] = doc["language"]
    return node


def _event(ev: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Event",
        "@id": _iri(ev["id"]),
        "name": ev["type"] + (f" ({ev['mode']})" if ev["mode"] else ""),
    }
    if ev["date"]["start"]:
        node["startDate"] = ev["date"]["start"]
    if ev["date"]["end"]:
        node["endDate"] = ev["date"]["end"]
    if ev["location"] in names:
        node["location"] = {"@type": "Place", "@id": _iri(ev["location"]), "name": names[ev["location"]]}
    return node


def document(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON-LD document: ``@context`` and an ``@graph`` of Claim nodes (articles, events nested)."""
    entities = {e["id"]: e for e in data["entities"]}
    names = {e["id"]: e["name"] for e in data["entities"]}
    documents = {d["id"]: d for d in data["documents"]}
    events = {ev["id"]: ev for ev in data["events"]}
    links: dict[str, dict[str, list[dict[str, str]]]] = {}
    for r in data["relations"]:
        for mine, other in ((r["a"], r["b"]), (r["b"], r["a"])):
            links.setdefault(mine, {}).setdefault(r["type"], []).append(
                {"@id": _iri(other), "nl:reason": r["reason"]}
            )

    graph = []
    for c in data["claims"]:
        doc = documents.get(c["evidence"]["document"])
        if doc is None:
            continue
        article = _article(doc)
        if c["claimant"] in entities:
            author = _agent(entities[c["claimant"]])
        else:  # the outlet speaks in its own voice
            author = {"@type": "Organization", "name": doc["outlet"] or "unknown outlet",
                      "nl:entityType": "outlet"}
        node: dict[str, Any] = {
            "@type": "Claim",
            "@id": _iri(c["id"]),
            "text": c["text"].strip(),
            "author": author,
            "appearance": article,
            "firstAppearance": {"@id": article["@id"]},
            "nl:stance": c["stance"],
            "nl:hedged": c["hedged"],
            "nl:document": c["evidence"]["document"],
            "nl:start": c["evidence"]["start"],
            "nl:end": c["evidence"]["end"],
        }
        if c["date"]:
            node["dateCreated"] = c["date"]
        if c["via"]:
            # schema.org has no "relayed by"; a relay is a secondary contributor to the claim as read.
            node["contributor"] = [_agent(entities[v]) for v in c["via"] if v in entities]
        about = [_event(events[e], names) for e in c["events"] if e in events]
        if about:
            node["about"] = about
        for kind, targets in sorted(links.get(c["id"], {}).items()):
            node[f"nl:{kind}"] = targets
        graph.append(node)
    return {"@context": CONTEXT, "@graph": graph}


def to_claimreview(data: dict[str, Any]) -> bytes:
    return (json.dumps(document(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
