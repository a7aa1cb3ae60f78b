"""Cross-record views: relations, search, timeline, network, map and counts, on the examples."""

from __future__ import annotations

import math


def _all(client, path: str, **params) -> list[dict]:
    return client.get(path, params={"limit": 500, **params}).json()["items"]


def test_relations_carry_both_claims(client):
    contradictions = client.get("/api/relations", params={"type": "contradicts"}).json()
    assert contradictions["total"] >= 1
    for r in contradictions["items"]:
        assert r["type"] == "contradicts"
        assert r["a_claim"]["id"] == r["a"] and r["b_claim"]["id"] == r["b"]
    everything = client.get("/api/relations").json()["total"]
    assert everything == client.get("/api/stats").json()["relations"] >= contradictions["total"]
    assert client.get("/api/relations", params={"type": "agrees"}).status_code == 422


def test_search_is_case_insensitive_across_kinds(client):
    found = client.get("/api/search", params={"q": "RUSSIA"}).json()
    assert any(e["name"] == "Russia" for e in found["entities"])
    assert found["events"] and all(
        any("russia" in ev["text"].casefold() for ev in e["evidence"]) for e in found["events"]
    )
    assert all("russia" in c["text"].casefold() for c in found["claims"])
    capped = client.get("/api/search", params={"q": "russia", "limit": 2}).json()
    assert len(capped["events"]) == 2 and capped["totals"]["events"] == found["totals"]["events"] > 2


def test_search_finds_documents_by_title(client):
    doc = next(d for d in _all(client, "/api/documents") if d["title"])
    word = max(doc["title"].split(), key=len)
    found = client.get("/api/search", params={"q": word.lower()}).json()
    assert doc["id"] in {d["id"] for d in found["documents"]}
    assert client.get("/api/search", params={"q": "zzqx-nothing-like-this"}).json()["totals"] == {
        "entities": 0, "events": 0, "claims": 0, "documents": 0,
    }


def test_timeline_is_in_date_order_with_source_documents(client):
    items = _all(client, "/api/timeline")
    starts = [e["date"]["start"] for e in items]
    dated = [s for s in starts if s]
    assert dated == sorted(dated) and starts[: len(dated)] == dated  # undated last
    for e in items:
        assert [d["id"] for d in e["source_documents"]] == e["sources"]


def test_network_links_two_countries_that_share_a_transfer(client):
    countries = {e["id"] for e in _all(client, "/api/entities", type="country")}
    shared = next(
        (e, sorted({p["entity"] for p in e["participants"]} & countries))
        for e in _all(client, "/api/events", type="transfer")
        if len({p["entity"] for p in e["participants"]} & countries) >= 2
    )
    event, (a, b) = shared
    graph = client.get("/api/network").json()
    edge = next(x for x in graph["edges"] if {x["source"], x["target"]} == {a, b})
    assert event["id"] in edge["events"] and edge["weight"] == len(edge["events"])
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[a]["type"] == "country" and nodes[a]["name"]
    assert nodes[a]["events"] == client.get("/api/events", params={"entity": a}).json()["total"]


def test_network_min_weight_and_entity_filter(client):
    strong = client.get("/api/network", params={"min_weight": 2}).json()
    assert strong["edges"] and all(e["weight"] >= 2 for e in strong["edges"])
    ids = {n["id"] for n in strong["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in strong["edges"])
    rid = client.get("/api/entities", params={"entity": "Russia", "type": "country"}).json()["items"][0]["id"]
    ego = client.get("/api/network", params={"entity": rid}).json()
    involving = {e["id"] for e in _all(client, "/api/events", entity=rid)}
    assert ego["edges"] and all(set(e["events"]) <= involving for e in ego["edges"])


def test_map_places_have_coordinates_and_events_sit_on_them(client):
    geo = client.get("/api/map").json()
    assert geo["places"] and geo["events"]
    places = {p["id"]: p for p in geo["places"]}
    for p in geo["places"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and not math.isnan(p["lat"])
    for e in geo["events"]:
        place = places[e["location"]]
        assert (e["lat"], e["lon"]) == (place["lat"], place["lon"]) and e["id"] in place["events"]
    narrowed = client.get("/api/map", params={"since": "2024-10", "until": "2024-10"}).json()
    assert len(narrowed["events"]) < len(geo["events"])
    assert all(p["events"] for p in narrowed["places"])


def test_stats_agree_with_the_lists(client):
    stats = client.get("/api/stats").json()
    assert stats["entities"] == client.get("/api/entities").json()["total"]
    assert stats["events"] == client.get("/api/events").json()["total"]
    assert stats["claims"] == client.get("/api/claims").json()["total"]
    assert stats["relations"] == stats["contradictions"] + stats["corroborations"]
