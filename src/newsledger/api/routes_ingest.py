"""POST /api/ingest: the one write route, through ``operations.ingest`` like the CLI.

Needs the server's bearer token. Text or HTML in the body is ingested as one
JSON record; a body with only a URL is fetched by the safe fetcher, refusing
hosts that resolve to private or local addresses (a server fetching URLs for
its clients must not become a way into the network it sits on).
"""

from __future__ import annotations

import io
import ipaddress
import json
import socket
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsledger import operations
from newsledger.api.security import require_token
from newsledger.errors import InputError
from newsledger.ingest.fetch import Fetched, HttpFetcher, check_url

router = APIRouter(prefix="/api", tags=["ingest"])


class IngestRequest(BaseModel):
    """One article: its text or HTML (url is then metadata), or just a URL to fetch."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="Article body as plain text.")
    html: str | None = Field(None, description="Article page as HTML (the article is extracted).")
    url: str | None = Field(None, description="Where the article is; fetched when no text or html is given.")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD or ISO 8601.")
    outlet: str | None = None

    @model_validator(mode="after")
    def _has_content(self) -> IngestRequest:
        if not (self.text or "").strip() and not (self.html or "").strip() and not self.url:
            raise ValueError("give 'text', 'html' or 'url'")
        return self


class PublicOnlyFetcher(HttpFetcher):
    """The safe fetcher, refusing every hop whose host resolves to a non-public address.

    Hooks ``HttpFetcher._get_once`` (called once per redirect hop) so redirects are
    checked too. A DNS answer can still change between this check and the
    connection; the check stops the plain cases, not a determined rebinding attack.
    """

    def _get_once(self, url: str) -> Fetched | str:
        _refuse_private_host(url)
        return super()._get_once(url)


def _refuse_private_host(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return  # unresolvable: the fetch itself fails with the resolver's reason
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise InputError(url, f"refused: {host} resolves to a non-public address ({address})")


def report_json(report: operations.IngestReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "summary": report.summary(),
        "new": report.new,
        "unchanged": report.unchanged,
        "updated": report.updated,
        "failed": [{"origin": f.origin, "reason": f.reason} for f in report.failed],
    }


@router.post(
    "/ingest",
    dependencies=[Depends(require_token)],
    status_code=201,
    summary="Ingest one article (needs the server's bearer token)",
    responses={200: {"description": "Nothing new stored (unchanged, new URL only, or every input failed)"}},
)
def ingest(body: IngestRequest, request: Request) -> JSONResponse:
    db_path: str = request.app.state.db_path
    with request.app.state.ingest_lock:  # one extraction at a time: spaCy pipelines are not shared across threads
        if (body.text or "").strip() or (body.html or "").strip():
            record = body.model_dump(exclude_none=True)
            line = json.dumps(record, ensure_ascii=False).encode("utf-8")
            report = operations.ingest(["-"], db=db_path, stdin=io.BytesIO(line))
        else:
            assert body.url is not None
            # Checked first so a "URL" that is really a path is never read from the server's disk.
            url = check_url(body.url)
            options = operations.IngestOptions(title=body.title, published=body.published, outlet=body.outlet)
            with PublicOnlyFetcher() as fetcher:
                report = operations.ingest([url], db=db_path, options=options, fetcher=fetcher)
    return JSONResponse(report_json(report), status_code=201 if report.new else 200)
