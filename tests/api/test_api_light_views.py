"""What lets the web UI show a page of a large ledger without fetching every record: names carried in
event records, the type counts, entity labels by id, and relations that carry their documents."""

from __future__ import annotations


def _all(client, path: str, **params) -> list[dict]:
    return client.get(path, params={"limit": 500, **params}).json()["items"]


def test_event_and_timeline_participants_carry_their_entity_names(client):
    names = {e["id"]: e["name"] for e in _all(client, "/api/entities")}
    for path in ("/api/events", "/api/timeline"):
        events = _all(client, path)
        parts = [p for e in events for p in e["participants"]]
        assert parts, path
        assert all(p["name"] == names[p["entity"]] for p in parts), path
        located = [e for e in events if e["location"]]
        assert located and all(e["location_name"] == names[e["location"]] for e in located)
        assert all(e["location_name"] is None for e in events if not e["location"])


def test_event_detail_participants_are_named_too(client):
    event = next(e for e in _all(client, "/api/events") if e["participants"])
    detail = client.get(f"/api/events/{event['id']}").json()
    assert [p["name"] for p in detail["participants"]] == [p["name"] for p in event["participants"]]


def test_event_type_counts_match_the_type_filter(client):
    types = client.get("/api/event-types").json()["types"]
    assert types == client.get("/api/stats").json()["event_types"]
    assert sum(types.values()) == client.get("/api/stats").json()["events"]
    for name, count in types.items():
        assert client.get("/api/events", params={"type": name, "limit": 1}).json()["total"] == count, name


def test_labels_name_only_the_ids_asked_for(client):
    entities = _all(client, "/api/entities")[:3]
    ids = ",".join([e["id"] for e in entities] + ["ent-no-such-entity"])
    got = client.get("/api/labels", params={"ids": ids}).json()["items"]
    assert sorted((g["id"], g["name"], g["type"]) for g in got) == sorted(
        (e["id"], e["name"], e["type"]) for e in entities
    )
    assert client.get("/api/labels", params={"ids": ""}).status_code == 422
    too_many = ",".join(f"ent-{i}" for i in range(501))
    assert client.get("/api/labels", params={"ids": too_many}).status_code == 400


def test_relations_carry_the_documents_of_both_claims(client):
    rels = client.get("/api/relations").json()["items"]
    assert rels
    for r in rels:
        for side in ("a", "b"):
            doc = r[f"{side}_document"]
            assert doc["id"] == r[f"{side}_claim"]["evidence"]["document"]
            assert {"outlet", "published", "title"} <= doc.keys()


def test_event_detail_lists_exactly_the_claims_about_it(client):
    claims = _all(client, "/api/claims")
    about = next(c for c in claims if c["events"])
    event_id = about["events"][0]
    detail = client.get(f"/api/events/{event_id}").json()
    assert detail["claims"] == [c for c in claims if event_id in c["events"]]
    assert client.get(f"/api/claims/{about['id']}").json()["id"] == about["id"]


def test_search_totals_count_every_match_beyond_the_cap(client):
    found = client.get("/api/search", params={"q": "said", "limit": 1}).json()
    everything = client.get("/api/search", params={"q": "said", "limit": 100}).json()
    assert found["totals"] == everything["totals"]
    assert found["totals"]["events"] > 1 and len(found["events"]) == 1
    assert found["events"][0] == everything["events"][0]
