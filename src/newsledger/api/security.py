"""Security for an app that serves untrusted article text to browsers and takes writes.

Three layers, all here so they can be read together:
- every response carries a strict Content-Security-Policy and friends;
- state-changing requests must come from the same origin, carry JSON, and stay
  under a size limit (checked on Content-Length and again while streaming);
- writes need the server's bearer token (compared in constant time); a server
  started without one is read-only.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection
from urllib.parse import urlsplit

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger.api.errors import error_response

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Sec-Fetch-Site values a browser sends for requests we accept: our own pages, or
# a user typing/bookmarking ("none"). "same-site" is refused: a sibling subdomain is another origin.
_ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DISCONNECTED = b"\x00disconnected"  # sentinel, compared by identity


class SecurityHeadersMiddleware:
    """Set (never duplicate) the security headers on every HTTP response."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None) -> None:
        self.app = app
        pairs = headers or SECURITY_HEADERS
        self._names = {k.lower().encode("latin-1") for k in pairs}
        self._raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in pairs.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self._names]
                message = {**message, "headers": kept + self._raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestGuardMiddleware:
    """Refuse what should never reach a route: foreign hosts, cross-site writes, non-JSON writes, big bodies."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: Collection[str] | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            status, message = refusal
            await error_response(status, message)(scope, receive, send)
            return
        if not _may_have_body(scope, headers):
            await self.app(scope, receive, send)
            return
        body = await self._read_body(receive)
        if body is _DISCONNECTED:
            return  # the client left mid-body: never hand a route a truncated write
        if body is None:
            await error_response(413, f"request body over the {self.max_body}-byte limit")(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if self.allowed_hosts is not None and _hostname(host) not in self.allowed_hosts:
            # Guards a loopback server against DNS rebinding: a page on evil.example
            # whose name now resolves to 127.0.0.1 still sends Host: evil.example.
            return 400, f"host {host!r} is not served here"
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return 400, "invalid Content-Length"
            if int(length) > self.max_body:
                return 413, f"request body over the {self.max_body}-byte limit"
        if scope["method"] not in UNSAFE_METHODS:
            return None
        site = headers.get("sec-fetch-site")
        if site is not None and site.lower() not in _ALLOWED_FETCH_SITES:
            return 403, f"cross-site request refused (Sec-Fetch-Site: {site})"
        origin = headers.get("origin")
        if origin is not None and not _same_origin(origin, scope.get("scheme", "http"), host):
            return 403, f"cross-origin request refused (Origin: {origin})"
        has_body = (length is not None and length != "0") or "transfer-encoding" in headers
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if has_body and media != "application/json":
            return 415, "send the request body as application/json"
        return None

    async def _read_body(self, receive: Receive) -> bytes | None:
        """The whole body, or None once it passes the limit (a chunked or lying client is cut off there).

        Read here rather than while the route parses it: FastAPI turns any error
        raised mid-read into a generic 400, and the limit keeps the buffer small.
        """
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return _DISCONNECTED
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _may_have_body(scope: Scope, headers: dict[str, str]) -> bool:
    return scope["method"] not in {"GET", "HEAD", "OPTIONS"} or "content-length" in headers or (
        "transfer-encoding" in headers
    )


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the buffered body once, then waits on the real channel."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _hostname(host_header: str) -> str:
    try:
        return (urlsplit(f"//{host_header}").hostname or "").lower()
    except ValueError:
        return ""


def _same_origin(origin: str, scheme: str, host_header: str) -> bool:
    """Whether the Origin header names this server (scheme, host and port)."""
    if origin.strip().lower() == "null":
        return False  # sandboxed frames and file: pages; never ours
    try:
        o = urlsplit(origin)
        ours = urlsplit(f"{scheme}://{host_header}")
        o_port = o.port or _DEFAULT_PORTS.get(o.scheme.lower())
        our_port = ours.port or _DEFAULT_PORTS.get(scheme.lower())
    except ValueError:
        return False
    return (
        o.scheme.lower() == scheme.lower()
        and (o.hostname or "").lower() == (ours.hostname or "").lower()
        and o_port == our_port
    )


def require_token(request: Request) -> None:
    """Dependency for write routes: 403 on a read-only server, 401 without the right bearer token."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "this server is read-only; start it with --token to enable ingest")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    challenge = {"WWW-Authenticate": "Bearer"}
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "missing bearer token (Authorization: Bearer <token>)", headers=challenge)
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, "wrong token", headers=challenge)
