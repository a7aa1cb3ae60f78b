"""Helpers shared by the browser tests (kept out of conftest.py so test modules can import them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# An article of our own whose text, title and URL try to run script. The emoji before the first
# sentence shifts every later offset by one UTF-16 unit, which catches slicing by JS string index.
HOSTILE = {
    "text": (
        "\U0001F4F0 BERLIN, March 5 (Example Wire) - Germany agreed on Monday to sell 40 patrol boats to "
        "Norway for 300 million euros, the defence ministry said. A reader comment pasted into the page "
        "read <script>window.__pwned=1</script> and <img src=x onerror=\"window.__pwned=2\"> but neither "
        "should run.\n\nNorway denied on Tuesday that it had ordered the boats, a spokesperson in Oslo said."
    ),
    "title": "Boats deal <b>bold</b> <script>window.__pwned=4</script>",
    "url": "javascript:window.__pwned=3",
    "published": "2024-03-06",
    "outlet": "Example Wire",
}


def all_items(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        page = client.get(path, params={**params, "limit": 500, "offset": len(items)}).json()
        items.extend(page["items"])
        if not page["items"] or len(items) >= page["total"]:
            return items


@dataclass
class Watched:
    """A page plus everything it did that a person would call broken or leaky."""

    page: Any
    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def open(self, route: str) -> None:
        """Go to a hash route and wait until the app has rendered it."""
        path = route.split("?")[0] or "/"
        if self.page.url.startswith(self.base):
            self.page.evaluate("(r) => { window.location.hash = r; }", route)
        else:
            self.page.goto(f"{self.base}/#{route}")
        self.wait_rendered(path)

    def wait_rendered(self, path: str) -> None:
        self.page.wait_for_function(
            "(p) => document.body.dataset.route === p && document.getElementById('main').getAttribute('aria-busy') === 'false'",
            arg=path,
            timeout=10_000,
        )

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"web-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def assert_clean(self) -> None:
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], f"CSP violations: {violations}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"page errors: {self.page_errors}"
        assert self.foreign_requests == [], f"requests left 127.0.0.1: {self.foreign_requests}"
