"""The web UI as a person uses it: timeline → evidence, network, map, contradictions, entity page, search.

Each test compares what the page shows with what the API returns for the same ledger, and ends by
checking that nothing was logged as an error, blocked by the CSP, or fetched from outside 127.0.0.1.
"""

from __future__ import annotations

from typing import Any

import httpx

from web_support import Watched, all_items


def _text(ui: Watched, selector: str) -> str:
    return ui.page.eval_on_selector(selector, "(n) => n.textContent")


def test_timeline_event_opens_its_evidence_sentence(ui: Watched, api: httpx.Client) -> None:
    events = all_items(api, "/api/timeline")
    dated = [e for e in events if e["date"]["start"] == "2024-03-04"]
    assert dated, "the examples should hold an event dated 2024-03-04"
    ui.open("/timeline")
    assert ui.page.locator(".vis-item[data-id]").count() == sum(
        1 for e in events if e["date"]["start"]
    )
    target = dated[0]
    item = ui.page.locator(f'.vis-item[data-id="{target["id"]}"]')
    assert item.count() == 1
    ui.shot("timeline")
    item.click()
    ui.wait_rendered(f"/event/{target['id']}")
    detail = api.get(f"/api/events/{target['id']}").json()
    mark = ui.page.locator("mark#evidence-mark")
    assert mark.count() == 1
    assert _text(ui, "mark#evidence-mark") == detail["evidence"][0]["text"]
    doc = api.get(f"/api/documents/{detail['evidence'][0]['document']}").json()
    byline = _text(ui, ".byline")
    assert doc["outlet"] in byline and doc["published"] in byline
    link = ui.page.locator(".byline a.external")
    if doc["url"] and doc["url"].startswith(("http://", "https://")):
        assert link.get_attribute("href") == doc["url"]
        assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    ui.shot("evidence")
    ui.assert_clean()


def test_timeline_filters_by_type_and_date(ui: Watched, api: httpx.Client) -> None:
    events = all_items(api, "/api/timeline")
    kind = max({e["type"] for e in events}, key=lambda t: sum(1 for e in events if e["type"] == t))
    ui.open("/timeline")
    ui.page.select_option("#f-type", kind)
    ui.page.fill("#f-since", "2023")
    ui.page.click("form.filters button[type=submit]")
    ui.wait_rendered("/timeline")
    ui.page.wait_for_function("() => location.hash.includes('since=2023')")
    ui.wait_rendered("/timeline")
    expected = all_items(api, "/api/timeline", type=kind, since="2023")
    shown = ui.page.locator(".event-list a[data-event]").evaluate_all("(ns) => ns.map((n) => n.dataset.event)")
    assert sorted(shown) == sorted(e["id"] for e in expected)
    assert len(expected) < len(events)
    # The entity filter takes a name or alias, as the CLI does.
    entity = max(all_items(api, "/api/entities"), key=lambda e: e["mentions"])
    ui.open(f"/timeline?entity={entity['name']}")
    assert ui.page.input_value("#f-entity") == entity["name"]
    shown = ui.page.locator(".event-list a[data-event]").evaluate_all("(ns) => ns.map((n) => n.dataset.event)")
    involved = all_items(api, "/api/timeline", entity=entity["name"])
    assert sorted(shown) == sorted(e["id"] for e in involved)
    assert 0 < len(involved) < len(events)
    ui.assert_clean()


def _cy(ui: Watched, script: str) -> Any:
    return ui.page.evaluate(f"() => {{ const cy = window.__newsledgerNetwork; {script} }}")


def test_network_focus_lights_neighbours_and_lists_shared_events(ui: Watched, api: httpx.Client) -> None:
    net = api.get("/api/network").json()
    ui.open("/network")
    ui.page.wait_for_function("() => window.__newsledgerNetwork && window.__newsledgerNetwork.nodes().length > 0")
    assert _cy(ui, "return cy.nodes().length;") == len(net["nodes"]) > 5
    busiest = max(net["nodes"], key=lambda n: n["events"])
    box = ui.page.locator("#network").bounding_box()
    pos = _cy(ui, f"return cy.getElementById({busiest['id']!r}).renderedPosition();")
    ui.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    ui.page.wait_for_selector("#focus-title")
    assert _text(ui, "#focus-title") == busiest["name"]
    ties = [e for e in net["edges"] if busiest["id"] in (e["source"], e["target"])]
    lit = _cy(ui, "return cy.nodes().not('.faded').map((n) => n.id());")
    neighbours = {e["source"] for e in ties} | {e["target"] for e in ties}
    assert set(lit) == neighbours | {busiest["id"]}
    listed = ui.page.locator("#network-panel .ties a[href^='#/event/']").count()
    assert listed == sum(len(e["events"]) for e in ties)
    ui.shot("network")
    ui.assert_clean()


def test_map_draws_basemap_and_markers_and_lists_events_at_a_place(ui: Watched, api: httpx.Client) -> None:
    geo = api.get("/api/map").json()
    ui.open("/map")
    assert ui.page.locator("#map path.place-marker").count() == len(geo["places"]) > 0
    busy = [p for p in geo["places"] if p["events"]]
    assert ui.page.locator("#map path.place-marker.has-events").count() == len(busy)
    # The basemap is drawn from the bundled world-atlas: many country outlines, no tiles.
    assert ui.page.locator("#map path:not(.place-marker)").count() > 100
    assert ui.page.locator("#map img.leaflet-tile").count() == 0
    top = busy[0]
    ui.page.get_by_role("button", name=top["name"], exact=True).click()
    ui.page.wait_for_selector("#place-title")
    assert _text(ui, "#place-title") == top["name"]
    assert ui.page.locator("#map-panel a[href^='#/event/']").count() == len(top["events"])
    ui.shot("map")
    ui.assert_clean()


def test_contradictions_board_shows_both_claims_and_the_reason(ui: Watched, api: httpx.Client) -> None:
    rels = all_items(api, "/api/relations", type="contradicts")
    assert rels
    ui.open("/board")
    cards = ui.page.locator("li.relation-contradicts")
    assert cards.count() == len(rels)
    first = cards.first
    assert first.locator(".reason").text_content() == rels[0]["reason"]
    quotes = first.locator("blockquote").all_text_contents()
    assert quotes == [rels[0]["a_claim"]["text"], rels[0]["b_claim"]["text"]]
    ui.shot("contradictions")
    ui.page.get_by_role("tab", name="Corroborations").click()
    ui.page.wait_for_function("() => location.hash.includes('corroborates')")
    ui.wait_rendered("/board")
    assert ui.page.locator("li.relation-corroborates").count() == len(
        all_items(api, "/api/relations", type="corroborates")
    )
    ui.assert_clean()


def test_entity_page_shows_aliases_links_mentions_and_events(ui: Watched, api: httpx.Client) -> None:
    entities = all_items(api, "/api/entities")
    entity = max((e for e in entities if e["aliases"]), key=lambda e: e["mentions"])
    detail = api.get(f"/api/entities/{entity['id']}").json()
    ui.open(f"/entity/{entity['id']}")
    assert ui.page.locator("h1").text_content() == entity["name"]
    facts = _text(ui, "dl.facts")
    assert all(alias in facts for alias in entity["aliases"])
    assert ui.page.locator("ul.mentions > li").count() == min(len(detail["mentions"]), 200)
    marked = ui.page.locator("ul.mentions mark").all_text_contents()
    assert marked == [m["text"] for m in detail["mentions"][:200]]
    assert ui.page.locator("ul.event-list a").count() == len(detail["events"])
    ui.shot("entity")
    ui.assert_clean()


def test_search_box_finds_entities_and_events(ui: Watched, api: httpx.Client) -> None:
    entities = all_items(api, "/api/entities")
    person = max((e for e in entities if e["type"] == "person"), key=lambda e: e["mentions"])
    word = person["name"].split()[-1]
    found = api.get("/api/search", params={"q": word, "limit": 50}).json()
    ui.open("/timeline")
    ui.page.fill("#search-q", word)
    ui.page.keyboard.press("Enter")
    ui.wait_rendered("/search")
    links = ui.page.locator(".results").first.locator("a").all_text_contents()
    assert person["name"] in links
    assert len(links) == len(found["entities"])
    event_section = ui.page.locator(".results").nth(1)
    assert event_section.locator("li").count() == len(found["events"])
    ui.page.get_by_role("link", name=person["name"], exact=True).first.click()
    ui.wait_rendered(f"/entity/{person['id']}")
    ui.shot("search-entity")
    ui.assert_clean()
