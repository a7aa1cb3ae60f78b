"""Fixtures for the browser tests: a served ledger of the bundled examples plus one hostile article,
and a Chromium page that records console errors, CSP violations and requests leaving 127.0.0.1.

The tests drive Debian's Chromium through Playwright (never a downloaded browser) and skip only when
that browser or the front-end packages (node_modules) are missing.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_support import HOSTILE, Watched

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

# Recorded before any page script runs; Playwright's init scripts are not subject to the page's CSP.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the API + UI over a fresh ledger of examples/ and the hostile article."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (make browser)")
    from newsledger.web.mount import missing_vendor

    missing = missing_vendor()
    if missing:
        pytest.skip(f"front-end packages missing from node_modules ({', '.join(missing)}): run make web-deps")
    import uvicorn

    from newsledger.api.app import create_app
    from newsledger.operations import ingest

    tmp = tmp_path_factory.mktemp("web")
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db_path = tmp / "ledger.db"
    report = ingest([str(EXAMPLES), str(hostile)], db=db_path)
    assert report.ok, report.summary()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(str(db_path)), log_level="warning", ws="none", lifespan="off", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def api(served: str) -> Iterator[httpx.Client]:
    """A plain HTTP client for the same server: the tests compare the UI with what the API says."""
    with httpx.Client(base_url=served, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def browser(served: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def ui(browser: Any, served: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    watched = Watched(page=page, base=served)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.page_errors.append(str(e)))

    def on_request(request: Any) -> None:
        url = request.url
        if not (url.startswith(served + "/") or url.startswith("data:")):
            watched.foreign_requests.append(url)

    page.on("request", on_request)
    try:
        yield watched
    finally:
        context.close()
