"""The record endpoints return the ledger's real contents, filtered and paged like the CLI."""

from __future__ import annotations


def _country_id(client, name: str) -> str:
    items = client.get("/api/entities", params={"entity": name, "type": "country"}).json()["items"]
    assert items, f"no country named {name}"
    return items[0]["id"]


def _involves(event: dict, entity_id: str) -> bool:
    return entity_id in {p["entity"] for p in event["participants"]} | {event["location"]}


def test_documents_match_the_stats_and_page_cleanly(client):
    total = client.get("/api/stats").json()["documents"]
    first = client.get("/api/documents", params={"limit": 4}).json()
    second = client.get("/api/documents", params={"limit": 4, "offset": 4}).json()
    both = client.get("/api/documents", params={"limit": 8}).json()
    assert first["total"] == second["total"] == total >= 8
    assert (first["limit"], first["offset"], second["offset"]) == (4, 0, 4)
    assert [d["id"] for d in first["items"] + second["items"]] == [d["id"] for d in both["items"]]
    beyond = client.get("/api/documents", params={"offset": total}).json()
    assert beyond["items"] == [] and beyond["total"] == total


def test_document_text_holds_every_evidence_span(client):
    event = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    evidence = event["evidence"][0]
    doc = client.get(f"/api/documents/{evidence['document']}").json()
    assert doc["id"] == evidence["document"] and isinstance(doc["text"], str)
    assert doc["text"][evidence["start"] : evidence["end"]] == evidence["text"]


def test_documents_filtered_by_outlet(client):
    outlets = [d["outlet"] for d in client.get("/api/documents", params={"limit": 500}).json()["items"] if d["outlet"]]
    wanted = outlets[0]
    got = client.get("/api/documents", params={"type": wanted.upper()}).json()
    assert got["total"] == outlets.count(wanted)
    assert all(d["outlet"] == wanted for d in got["items"])


def test_entities_by_type_and_name(client):
    countries = client.get("/api/entities", params={"type": "country", "limit": 500}).json()
    assert countries["total"] >= 3 and all(e["type"] == "country" for e in countries["items"])
    mentions = [e["mentions"] for e in countries["items"]]
    assert mentions == sorted(mentions, reverse=True)
    russia = client.get("/api/entities", params={"entity": "russia"}).json()["items"]
    assert any(e["name"].casefold() == "russia" for e in russia)


def test_entity_detail_has_mentions_in_their_sentences_and_events(client):
    rid = _country_id(client, "Russia")
    entity = client.get(f"/api/entities/{rid}").json()
    assert entity["kind"] == "entity" and entity["id"] == rid
    assert entity["mentions"] and entity["events"]
    for m in entity["mentions"]:
        s = m["sentence"]
        assert s["document"] == m["document"] and s["start"] <= m["start"] and m["end"] <= s["end"]
        assert m["text"] in s["text"]
    listed = {e["id"] for e in client.get("/api/events", params={"entity": rid, "limit": 500}).json()["items"]}
    assert set(entity["events"]) == listed


def test_events_filtered_by_entity_all_involve_it(client):
    rid = _country_id(client, "Russia")
    page = client.get("/api/events", params={"entity": "Russia", "limit": 500}).json()
    assert page["total"] >= 3
    assert all(_involves(e, rid) for e in page["items"])
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert page["total"] < everything["total"]


def test_events_filtered_by_type_and_date_window(client):
    transfers = client.get("/api/events", params={"type": "transfer", "limit": 500}).json()["items"]
    assert transfers and all("transfer" in (e["type"], e["mode"], e["plover"]) for e in transfers)
    in_2024 = client.get("/api/events", params={"since": "2024-01", "until": "2024-12", "limit": 500}).json()["items"]
    assert in_2024
    for e in in_2024:
        start, end = e["date"]["start"], e["date"]["end"] or e["date"]["start"]
        assert start[:4] <= "2024" <= end[:4]


def test_event_detail_carries_evidence_and_its_claims(client):
    claims = client.get("/api/claims", params={"limit": 500}).json()["items"]
    claim = next(c for c in claims if c["event"])
    event = client.get(f"/api/events/{claim['event']}").json()
    assert event["kind"] == "event" and event["evidence"]
    assert claim["id"] in {c["id"] for c in event["claims"]}
    assert all(event["id"] in c["events"] for c in event["claims"])


def test_claims_filtered_by_stance(client):
    denials = client.get("/api/claims", params={"type": "denies"}).json()
    assert denials["total"] >= 1 and all(c["stance"] == "denies" for c in denials["items"])
    everything = client.get("/api/claims").json()["total"]
    assert denials["total"] < everything


def test_claim_detail_lists_its_relations(client):
    relation = client.get("/api/relations").json()["items"][0]
    claim = client.get(f"/api/claims/{relation['a']}").json()
    assert claim["kind"] == "claim" and claim["id"] == relation["a"]
    assert any(r["b"] == relation["b"] and r["type"] == relation["type"] for r in claim["relations"])
    assert claim["evidence"]["text"] == claim["text"]


def test_detail_endpoints_do_not_cross_kinds(client):
    doc = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
    assert client.get(f"/api/events/{doc}").status_code == 404
    assert client.get(f"/api/documents/{doc}").status_code == 200
    assert client.get("/api/entities/ent-0000000000000000").status_code == 404


def test_event_and_timeline_pages_are_slices_of_the_whole_list(client, example_db):
    """Paging happens in the query, so every page must be exactly that slice of the full ordered list."""
    from newsledger.query import listing
    from newsledger.store.sqlite import Ledger

    with Ledger(example_db) as ledger:
        whole = listing.timeline(ledger.conn, listing.Filters())
        by_country = listing.events(ledger.conn, listing.Filters(type="attack"))
    assert len(whole) > 6
    for path, full in (("/api/timeline", whole), ("/api/events?type=attack", by_country)):
        sep = "&" if "?" in path else "?"
        collected = []
        for offset in range(0, len(full) + 3, 3):
            body = client.get(f"{path}{sep}limit=3&offset={offset}").json()
            assert body["total"] == len(full)
            collected.extend(body["items"])
        assert [e["id"] for e in collected] == [e["id"] for e in full]
        assert collected == full
