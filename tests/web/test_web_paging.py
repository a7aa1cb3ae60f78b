"""The timeline shows one page of events and loads the next on request, without fetching every
entity or event of the ledger first."""

from __future__ import annotations

import httpx
from web_support import Watched, all_items


def test_timeline_shows_a_page_and_loads_more_on_request(ui: Watched, api: httpx.Client) -> None:
    events = all_items(api, "/api/timeline")
    assert len(events) > 4, "the examples should hold more than two pages of two events"
    api_calls: list[str] = []
    ui.page.on("request", lambda r: api_calls.append(r.url.split("?")[0]) if "/api/" in r.url else None)
    ui.open("/timeline?per=2")

    links = ui.page.locator(".event-list li a[data-event]")
    assert [links.nth(i).get_attribute("data-event") for i in range(links.count())] == [
        e["id"] for e in events[:2]
    ]
    summary = ui.page.locator("#timeline-summary").inner_text()
    assert f"Showing 2 of {len(events)} events" in summary and "narrow the filters" in summary
    # Names come with the events: the first event's label holds a participant's name.
    named = [p["name"] for p in events[0]["participants"] if p["role"] != "item"]
    if named:
        assert named[0] in links.first.inner_text()
    assert not any(u.endswith(("/api/entities", "/api/events")) for u in api_calls), api_calls

    more = ui.page.locator("#timeline-more")
    assert more.is_visible() and more.inner_text() == "Load 2 more"
    more.focus()
    ui.page.keyboard.press("Enter")
    ui.page.wait_for_function("() => document.querySelectorAll('.event-list li a[data-event]').length === 4")
    # Focus moves to the first newly loaded event, so keyboard users carry on from there.
    assert ui.page.evaluate("document.activeElement.dataset.event") == events[2]["id"]
    assert f"Showing 4 of {len(events)} events" in ui.page.locator("#timeline-summary").inner_text()

    while ui.page.locator("#timeline-more").is_visible():
        ui.page.locator("#timeline-more").click()
        ui.page.wait_for_function("() => !document.getElementById('timeline-more').disabled")
    assert links.count() == len(events)
    ui.page.wait_for_timeout(300)  # vis-timeline redraws on its next frame
    assert ui.page.locator(".vis-item[data-id]").count() == sum(1 for e in events if e["date"]["start"])
    assert ui.page.locator("#timeline-summary").inner_text().startswith(f"{len(events)} events")
    ui.shot("timeline-paged")
    ui.assert_clean()
