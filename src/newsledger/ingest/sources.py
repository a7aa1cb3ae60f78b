"""Command-line sources (files, directories, JSON/JSONL, stdin, URLs, feeds) → RawItems.

``iter_items`` never raises for a bad input: it yields an ``InputError`` in
that input's place so one broken file, line or URL does not stop a batch run.
``origin`` names each input exactly: a path, "path:line 3" for a JSONL line,
"path:record 2" for a JSON array element, a URL, "-" for stdin, and
"feed#item-link" for a feed item.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from newsledger.errors import InputError
from newsledger.ingest.feeds import Feed, FeedEntry, looks_like_feed, parse_feed
from newsledger.ingest.fetch import FEED_TYPES, Fetched, Fetcher, HttpFetcher, check_url
from newsledger.ingest.html import extract_article, fragment_text, meta_charset, word_count
from newsledger.ingest.text import MAX_INPUT_BYTES, decode_bytes, read_file_bytes, read_stream_bytes, too_large_reason

log = logging.getLogger(__name__)

# Suffix → how to read the file. Directories are searched for exactly these.
SUFFIX_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
RECORD_FIELDS = ("text", "html", "url", "title", "published", "outlet")
MIN_FEED_FALLBACK_WORDS = 80
"""A feed item's own content stands in for its page only when it is article-sized.

Teaser summaries run one or two sentences (25–60 words); full-content feeds
carry hundreds. 80 words keeps the second and refuses the first.
"""

# "scheme://…", or one of the schemes that never has "//"; anything else is a path
# (so a missing "notes:draft.txt" is reported as a missing file, not a bad URL).
_URL_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]+://|(?:data|javascript|mailto|about):)", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.I | re.S)


@dataclass(frozen=True, slots=True)
class RawItem:
    """One input before extraction: its text or HTML plus any metadata it carried."""

    origin: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Overrides:
    """Command-line options that fill in metadata an item lacks."""

    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


def iter_items(
    sources: Sequence[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[RawItem | InputError]:
    """Yield every item the sources hold, and an InputError for each one that cannot be read."""
    reader = _Reader(stdin=stdin, fetcher=fetcher)
    try:
        for source in sources:
            yield from reader.source(source)
    finally:
        reader.close()


class _Reader:
    """Per-run state: the stdin stream and a lazily opened fetcher we own."""

    def __init__(self, *, stdin: TextIO | BinaryIO | None, fetcher: Fetcher | None) -> None:
        self._stdin = stdin
        self._fetcher = fetcher
        self._owned: HttpFetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._owned = HttpFetcher()
            self._fetcher = self._owned
        return self._fetcher

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()

    def source(self, source: str) -> Iterator[RawItem | InputError]:
        try:
            if source == "-":
                yield from self._bytes(self._read_stdin(), "-", None)
            elif not os.path.exists(source) and _URL_LIKE.match(source):
                yield from self._url(check_url(source))
            elif os.path.isdir(source):
                yield from self._directory(source)
            else:
                yield from self._file(source)
        except InputError as exc:
            yield exc

    # -- local inputs -------------------------------------------------------

    def _read_stdin(self) -> bytes:
        stream: Any = self._stdin if self._stdin is not None else sys.stdin
        binary = getattr(stream, "buffer", None)
        if binary is not None:
            return read_stream_bytes(binary, "-")
        data = stream.read(MAX_INPUT_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > MAX_INPUT_BYTES:
            raise InputError("-", too_large_reason(None))
        return bytes(data)

    def _directory(self, root: str) -> Iterator[RawItem | InputError]:
        found = False
        for dirpath, dirnames, filenames in os.walk(root):
            # Hidden directories (.git, .cache) never hold articles; sorted for a stable order.
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUFFIX_KINDS:
                    continue
                found = True
                path = os.path.join(dirpath, name)
                try:
                    yield from self._file(path)
                except InputError as exc:
                    yield exc
        if not found:
            wanted = ", ".join(sorted(SUFFIX_KINDS))
            raise InputError(root, f"no ingestible files in directory (looked for {wanted})")

    def _file(self, path: str) -> Iterator[RawItem | InputError]:
        data = read_file_bytes(path, path)
        kind = SUFFIX_KINDS.get(os.path.splitext(path)[1].lower())
        yield from self._bytes(data, path, kind)

    def _bytes(
        self, data: bytes, origin: str, kind: str | None, *, charset: str | None = None, url: str | None = None
    ) -> Iterator[RawItem | InputError]:
        """Dispatch on the kind of content; ``kind`` None means sniff it."""
        kind = kind or sniff_kind(data)
        if kind == "feed":
            yield from self._feed(data, origin, base_url=url)
        elif kind == "html":
            html = decode_bytes(data, origin, declared=charset or meta_charset(data))
            yield RawItem(origin=origin, html=html, url=url)
        elif kind == "json":
            yield from _records(decode_bytes(data, origin, declared=charset), origin)
        elif kind == "jsonl":
            yield from _json_lines(decode_bytes(data, origin, declared=charset), origin)
        else:
            yield RawItem(origin=origin, text=decode_bytes(data, origin, declared=charset), url=url)

    # -- remote inputs ------------------------------------------------------

    def _url(self, url: str) -> Iterator[RawItem | InputError]:
        fetched = self.fetcher.fetch(url)
        yield from self._bytes(fetched.content, url, _fetched_kind(fetched), charset=fetched.charset, url=fetched.url)

    def _feed(self, data: bytes, origin: str, *, base_url: str | None) -> Iterator[RawItem | InputError]:
        feed = parse_feed(data, origin, base_url=base_url)
        for number, entry in enumerate(feed.entries, start=1):
            item_origin = f"{origin}#{entry.link or f'item {number}'}"
            yield self._feed_item(feed, entry, item_origin)

    def _feed_item(self, feed: Feed, entry: FeedEntry, origin: str) -> RawItem | InputError:
        """The item's page if it can be fetched and read, else the item's own content if long enough."""
        failure = "feed item has no link"
        if entry.link:
            try:
                return self._feed_page(feed, entry, origin)
            except InputError as exc:
                failure = exc.reason
        own = fragment_text(entry.content_html) if entry.content_html else None
        if own and word_count(own) >= MIN_FEED_FALLBACK_WORDS:
            log.info("%s: page unusable (%s); using the feed's own content", origin, failure)
            return RawItem(
                origin=origin, text=own, url=entry.link, title=entry.title, published=entry.published, outlet=feed.title
            )
        return InputError(origin, f"{failure}; the item's own content is too short to use instead")

    def _feed_page(self, feed: Feed, entry: FeedEntry, origin: str) -> RawItem:
        assert entry.link is not None
        fetched = self.fetcher.fetch(entry.link)
        kind = _fetched_kind(fetched)
        if kind == "html":
            html = decode_bytes(fetched.content, origin, declared=fetched.charset or meta_charset(fetched.content))
            page = extract_article(html, origin, url=fetched.url)
            return RawItem(
                origin=origin,
                text=page.text,
                url=fetched.url,
                title=entry.title or page.title,
                published=entry.published or page.published,
                outlet=feed.title or page.outlet,
            )
        if kind == "text":
            text = decode_bytes(fetched.content, origin, declared=fetched.charset)
            return RawItem(
                origin=origin, text=text, url=fetched.url, title=entry.title, published=entry.published, outlet=feed.title
            )
        raise InputError(origin, f"item page is not an article ({fetched.media_type or kind})")


def sniff_kind(data: bytes) -> str:
    """Guess how to read content that has no telling suffix: feed, html, json or text."""
    if looks_like_feed(data):
        return "feed"
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    if head.lstrip()[:1] in (b"{", b"["):
        return "json"
    return "text"


def _fetched_kind(fetched: Fetched) -> str:
    media = fetched.media_type
    if looks_like_feed(fetched.content):
        return "feed"
    if media in {"text/html", "application/xhtml+xml"}:
        return "html"
    if media == "text/plain":
        return "text"
    if media in {"application/json", "application/feed+json"}:
        return "json"
    if media in FEED_TYPES:
        return "feed"  # XML that is not RSS/Atom: parse_feed refuses it with a clear reason
    return sniff_kind(fetched.content)


def _records(text: str, origin: str) -> Iterator[RawItem | InputError]:
    """Records of a JSON document (an object or an array of objects) or of JSON Lines."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise InputError(origin, f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
        # A valid first value followed by more: JSON Lines under a .json name.
        yield from _json_lines(text, origin)
        return
    if isinstance(document, list):
        for number, record in enumerate(document, start=1):
            yield _record_or_error(record, f"{origin}:record {number}")
    else:
        yield _record_or_error(document, origin)


def _json_lines(text: str, origin: str) -> Iterator[RawItem | InputError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(line_origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _record_or_error(record, line_origin)


def _record_or_error(record: object, origin: str) -> RawItem | InputError:
    try:
        return record_item(record, origin)
    except InputError as exc:
        return exc


def record_item(record: object, origin: str) -> RawItem:
    """A RawItem from one JSON record with keys text or html, and optional metadata."""
    if not isinstance(record, dict):
        raise InputError(origin, f"record is a JSON {type(record).__name__}, not an object")
    fields: dict[str, str] = {}
    for key in RECORD_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(origin, f"field '{key}' must be a string, not {type(value).__name__}")
        fields[key] = value
    if not fields.get("text", "").strip() and not fields.get("html", "").strip():
        raise InputError(origin, "record has no 'text' or 'html'")
    return RawItem(origin=origin, **fields)
