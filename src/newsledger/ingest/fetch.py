"""Safe HTTP fetching of article pages and feeds, with errors mapped to InputError.

Untrusted URLs come from the command line and from feeds, so every fetch is
bounded: http/https only (checked again on every redirect hop), a timeout, a
redirect limit, a size cap enforced while streaming, and a content-type check.
Every failure becomes ``InputError(url, one-line reason)`` here, at the
boundary, so callers never see an httpx exception.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from newsledger.errors import InputError
from newsledger.ingest.text import MB, too_large_reason

log = logging.getLogger(__name__)

MAX_FETCH_BYTES = 10 * MB
DEFAULT_TIMEOUT = 20.0  # seconds per connect/read/write/pool step
MAX_REDIRECTS = 5
USER_AGENT = "newsledger/0.1 (news research ledger)"

# Media types we can read: HTML pages, feeds, plain text. An absent type is
# allowed (the body is sniffed later); anything else (PDF, images, video) is refused.
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
    }
)
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body with what the server said about it."""

    url: str  # the final URL, after redirects
    content: bytes
    media_type: str | None  # "text/html", lower case, without parameters
    charset: str | None  # as declared in Content-Type, if any


class Fetcher(Protocol):
    """Anything that can fetch a URL or raise InputError(url, reason)."""

    def fetch(self, url: str) -> Fetched: ...


def check_url(url: str) -> str:
    """Return the URL if it is an absolute http(s) URL with a host; else raise InputError."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise InputError(url, "not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        shown = scheme or "none"
        raise InputError(url, f"unsupported URL scheme '{shown}' (only http and https are fetched)")
    if not parts.hostname:
        raise InputError(url, "not a valid URL (no host)")
    return url


class HttpFetcher:
    """The real fetcher: one httpx client, bounded in time, size and redirects."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = MAX_FETCH_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        # Redirects are followed by hand so each hop's scheme is checked.
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"},
        )

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """GET ``url``; the body and its type, or InputError(url, reason)."""
        check_url(url)
        current = url
        for _hop in range(self.max_redirects + 1):
            try:
                result = self._get_once(current)
            except InputError as exc:
                # Name the URL the user gave, and the hop that failed if different.
                reason = exc.reason if current == url else f"{exc.reason} (at redirect {current})"
                raise InputError(url, reason) from None
            if isinstance(result, Fetched):
                return result
            target = urljoin(current, result)
            try:
                check_url(target)
            except InputError as exc:
                raise InputError(url, f"redirected to a refused URL: {exc.reason}") from None
            log.debug("redirect %s -> %s", current, target)
            current = target
        raise InputError(url, f"too many redirects (more than {self.max_redirects})")

    def _get_once(self, url: str) -> Fetched | str:
        """One request: a Fetched body, or the Location of a redirect."""
        host = urlsplit(url).hostname or url
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code in _REDIRECT_CODES:
                    location = response.headers.get("location")
                    if not location:
                        raise InputError(url, f"HTTP {response.status_code} redirect without a Location")
                    return location
                if response.status_code >= 400 or response.status_code < 200:
                    phrase = response.reason_phrase or ""
                    raise InputError(url, f"HTTP {response.status_code} {phrase}".strip())
                media_type, charset = _content_type(response.headers.get("content-type"))
                if media_type is not None and media_type not in ACCEPTED_TYPES:
                    raise InputError(url, f"unsupported content type '{media_type}' (expected HTML, text or a feed)")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise InputError(url, too_large_reason(int(declared), self.max_bytes))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise InputError(url, too_large_reason(None, self.max_bytes))
                return Fetched(url=str(response.url), content=bytes(body), media_type=media_type, charset=charset)
        except httpx.TimeoutException:
            raise InputError(url, f"timed out after {self.timeout:g} s") from None
        except httpx.ConnectError as exc:
            raise InputError(url, f"unreachable host {host} ({_short(exc)})") from None
        except httpx.TooManyRedirects:
            raise InputError(url, "too many redirects") from None
        except httpx.InvalidURL as exc:
            raise InputError(url, f"not a valid URL ({_short(exc)})") from None
        except httpx.HTTPError as exc:
            # Protocol and transport errors not singled out above: one line each.
            raise InputError(url, f"HTTP error: {type(exc).__name__} ({_short(exc)})") from None


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from a Content-Type header; (None, None) if absent."""
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower() or None, charset


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__
