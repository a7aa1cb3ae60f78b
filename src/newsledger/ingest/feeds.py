"""RSS/Atom feeds → entries (link, title, date, outlet, own content), via feedparser.

feedparser is only ever given bytes: handed a string it may treat it as a URL
or a file name and fetch it itself, bypassing our safe fetcher.
"""

from __future__ import annotations

import calendar
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import feedparser

from newsledger.errors import InputError

log = logging.getLogger(__name__)

# Sniffing: a document is a feed when one of these root elements appears
# near its start (after an XML declaration, comments, a stylesheet PI).
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
_SNIFF_BYTES = 2048


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: where its article is and what the feed says about it."""

    link: str | None
    title: str | None
    published: str | None  # "YYYY-MM-DD"
    content_html: str | None  # the item's own content (full text or summary)


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start like an RSS, Atom or RDF document."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_FEED_ROOTS) or (head.startswith(b"<?xml") and any(root in head for root in _FEED_ROOTS))


def parse_feed(data: bytes, origin: str, *, base_url: str | None = None) -> Feed:
    """Parse feed bytes, or raise InputError(origin, reason) if they are not a usable feed.

    A feed with XML errors from which feedparser still recovers entries is
    kept (real feeds often carry a stray unescaped ``&``); one with no entries
    and an error, or one that is not RSS/Atom at all, is refused.
    """
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(data, response_headers=headers)
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries:
        if error is not None:
            raise InputError(origin, f"malformed feed ({_describe(error)})")
        if not parsed.get("version"):
            raise InputError(origin, "not an RSS or Atom feed")
        raise InputError(origin, "feed has no items")
    if error is not None:
        log.warning("%s: feed has errors, using the %d items recovered (%s)", origin, len(parsed.entries), _describe(error))
    title = _text(parsed.feed.get("title"))
    return Feed(title=title, entries=tuple(_entry(e) for e in parsed.entries))


def _entry(entry: Any) -> FeedEntry:
    link = _text(entry.get("link"))
    if not link:
        # Atom entries may carry only <link rel="alternate">, or an id that is a URL.
        for candidate in entry.get("links") or ():
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate["href"]
                break
    if not link:
        ident = _text(entry.get("id"))
        if ident and ident.lower().startswith(("http://", "https://")):
            link = ident
    content = None
    for block in entry.get("content") or ():
        value = block.get("value")
        if value and (content is None or len(value) > len(content)):
            content = value
    summary = entry.get("summary")
    if summary and (content is None or len(summary) > len(content)):
        content = summary
    return FeedEntry(
        link=link,
        title=_text(entry.get("title")),
        published=_entry_date(entry),
        content_html=content,
    )


def _entry_date(entry: Any) -> str | None:
    """The entry's publication date, else its update date (Atom's only required date)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            # feedparser normalises to UTC; keep that rather than guess the local day.
            stamp = calendar.timegm(value)
            return datetime.fromtimestamp(stamp, tz=timezone.utc).date().isoformat()
    return None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _describe(error: BaseException) -> str:
    message = " ".join(str(error).split()) or type(error).__name__
    return message[:160]
