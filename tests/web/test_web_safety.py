"""Untrusted article text stays text in the browser, and the UI is served under a strict policy.

The hostile article (see web_support.HOSTILE) carries a <script>, an <img onerror>, a script in its
title and a javascript: URL; none may run or become a link.
"""

from __future__ import annotations

import httpx

from web_support import HOSTILE, Watched, all_items


def _hostile_doc(api: httpx.Client) -> dict:
    docs = [d for d in all_items(api, "/api/documents") if d["outlet"] == HOSTILE["outlet"]]
    assert len(docs) == 1
    return docs[0]


def test_script_in_an_article_renders_as_text_and_never_runs(ui: Watched, api: httpx.Client) -> None:
    doc = _hostile_doc(api)
    ui.open(f"/doc/{doc['id']}")
    article = ui.page.locator("article.article")
    text = article.locator(".article-text").text_content()
    assert text == HOSTILE["text"]
    assert "<script>window.__pwned=1</script>" in text
    assert article.locator("script, img, b").count() == 0
    assert article.locator("h2").text_content() == HOSTILE["title"]
    # A javascript: URL is shown as text, never as a link.
    assert article.locator("a").count() == 0
    assert HOSTILE["url"] in article.locator(".byline").text_content()
    assert ui.page.evaluate("typeof window.__pwned") == "undefined"
    ui.shot("hostile-article")
    ui.assert_clean()


def test_evidence_highlight_uses_code_point_offsets(ui: Watched, api: httpx.Client) -> None:
    """The hostile article starts with an emoji (two UTF-16 units): the mark must still match exactly."""
    doc = _hostile_doc(api)
    events = [e for e in all_items(api, "/api/events") if doc["id"] in e["sources"]]
    assert events, "the hostile article should yield at least one event"
    evidence = next(ev for ev in events[0]["evidence"] if ev["document"] == doc["id"])
    ui.open(f"/doc/{doc['id']}?start={evidence['start']}&end={evidence['end']}")
    mark = ui.page.locator("mark#evidence-mark")
    assert mark.text_content() == evidence["text"]
    ui.assert_clean()


def test_search_results_show_markup_as_text(ui: Watched, api: httpx.Client) -> None:
    ui.open("/search?q=" + "window.__pwned")
    results = ui.page.locator("main")
    assert "<script>window.__pwned=" in results.text_content()
    assert results.locator("script, img").count() == 0
    assert ui.page.evaluate("typeof window.__pwned") == "undefined"
    ui.assert_clean()


def test_pages_carry_the_policy_and_only_built_files_are_served(served: str, api: httpx.Client) -> None:
    index = api.get("/")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")
    policy = index.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert api.get("/static/app.js").status_code == 200
    assert api.get("/vendor/leaflet/leaflet.js").status_code == 200
    # Only the dist folders are mounted: package manifests and sources stay private.
    assert api.get("/vendor/leaflet/../package.json").status_code == 404
    assert api.get("/node_modules/leaflet/package.json").status_code == 404
    assert api.get("/static/../mount.py").status_code == 404


def test_the_browser_enforces_the_policy_and_the_watch_sees_violations(ui: Watched) -> None:
    """An inline script injected at run time is blocked and reported, so assert_clean() is not vacuous."""
    ui.open("/documents")
    ui.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 5';"
        " document.head.appendChild(s); }"
    )
    ui.page.wait_for_function("() => window.__cspViolations.length > 0")
    assert ui.page.evaluate("typeof window.__pwned") == "undefined"
    assert any(v.startswith("script-src") for v in ui.page.evaluate("window.__cspViolations"))
