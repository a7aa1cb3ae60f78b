"""Serve the single-page web UI and its front-end packages from the API's FastAPI app.

The UI is static: index.html, ES modules and CSS under ``static/``, plus a few npm
packages (installed by ``make web-deps`` into ``node_modules/``, never copied into
the repository). Only the ``dist`` folders the page needs are exposed, so nothing
else under node_modules is reachable over HTTP. Every response carries a strict
Content-Security-Policy: the page runs no inline script or style and talks to no
other origin.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["CSP", "NODE_MODULES", "STATIC_DIR", "VENDOR", "mount_web", "missing_vendor"]

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
NODE_MODULES = WEB_DIR / "node_modules"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'"
)

# URL prefix under /vendor/ → folder inside node_modules. Kept to the built files only.
VENDOR: dict[str, str] = {
    "leaflet": "leaflet/dist",
    "cytoscape": "cytoscape/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
    "moment": "moment/min",
    "vis-data": "vis-data/peer/umd",
    # The "peer" build, not "standalone": the standalone bundle injects <style> elements,
    # which style-src 'self' blocks; the peer build leaves styling to the CSS file we link.
    "vis-timeline": "vis-timeline/peer/umd",
    "vis-timeline-styles": "vis-timeline/styles",
}


def missing_vendor() -> list[str]:
    """Names of front-end packages that are not installed (empty when the UI is complete)."""
    return [name for name, sub in VENDOR.items() if not (NODE_MODULES / sub).is_dir()]


def mount_web(app: FastAPI) -> None:
    """Add the UI routes (/, /static, /vendor) and the security headers to ``app``."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="web-static")
    missing = missing_vendor()
    if missing:
        log.warning(
            "front-end packages missing (%s): run `make web-deps`; the UI will not load fully",
            ", ".join(missing),
        )
    for name, sub in VENDOR.items():
        folder = NODE_MODULES / sub
        if folder.is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=folder), name=f"web-vendor-{name}")

    index = STATIC_DIR / "index.html"

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def web_index() -> FileResponse:
        return FileResponse(index, media_type="text/html; charset=utf-8")

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        # setdefault: the API may already set a policy of its own; never send two.
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response
