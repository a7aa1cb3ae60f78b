"""The FastAPI application factory: routes, error shape, security layers, and the web UI if present."""

from __future__ import annotations

import threading
from collections.abc import Collection

from fastapi import FastAPI

from newsledger.api import db, routes_ingest, routes_records, routes_views
from newsledger.api.docs_page import add_docs_page
from newsledger.api.errors import CatchAllMiddleware, install_error_handlers
from newsledger.api.security import RequestGuardMiddleware, SecurityHeadersMiddleware

DEFAULT_MAX_BODY = 5 * 1024 * 1024


def create_app(
    db_path: str,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    allowed_hosts: Collection[str] | None = None,
) -> FastAPI:
    """Build the app over one ledger database.

    ``token`` enables POST /api/ingest (read-only without it); ``max_body`` caps
    request bodies in bytes; ``allowed_hosts``, when given, refuses any other Host
    header (``serve`` passes the loopback names when bound to loopback).
    """
    db.prepare(db_path)
    app = FastAPI(
        title="newsledger",
        version="1",
        description="Read the ledger: documents, entities, events, claims, relations, timeline, network, map.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db_path = db_path
    app.state.token = token or None  # an empty token must not mean "the empty string unlocks writes"
    app.state.ingest_lock = threading.Lock()

    install_error_handlers(app)
    app.include_router(routes_records.router)
    app.include_router(routes_views.router)
    app.include_router(routes_ingest.router)
    add_docs_page(app)
    _mount_web(app)

    # Added last = outermost: headers wrap everything, including the guard's refusals and crashes.
    app.add_middleware(RequestGuardMiddleware, max_body=max_body, allowed_hosts=allowed_hosts)
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _mount_web(app: FastAPI) -> None:
    """Let the web UI add its routes when its package is installed; the API works without it."""
    try:
        from newsledger.web.mount import mount_web
    except ModuleNotFoundError as exc:
        if exc.name not in {"newsledger.web", "newsledger.web.mount"}:
            raise
        return
    mount_web(app)
