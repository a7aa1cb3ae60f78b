"""ingest stage: command-line sources → RawItem → Document.

``iter_items`` reads files, directories, JSON/JSONL, stdin, URLs and feeds,
yielding an ``InputError`` in place of each input it cannot read;
``make_document`` turns one item into a ``Document``.
"""

from __future__ import annotations

from newsledger.ingest.dates import infer_published, normalise_date, parse_published_option
from newsledger.ingest.documents import detect_language, make_document
from newsledger.ingest.fetch import Fetched, Fetcher, HttpFetcher
from newsledger.ingest.sources import Overrides, RawItem, iter_items
from newsledger.ingest.text import normalise_text

__all__ = [
    "Fetched",
    "Fetcher",
    "HttpFetcher",
    "Overrides",
    "RawItem",
    "detect_language",
    "infer_published",
    "iter_items",
    "make_document",
    "normalise_date",
    "normalise_text",
    "parse_published_option",
]
