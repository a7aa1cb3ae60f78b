"""Errors newsledger raises, all under one root so callers can catch them together.

    NewsLedgerError
    ├── InputError        one input (file, URL, feed, record) cannot be read; names it
    ├── StoreError        the database cannot be opened, migrated or written
    ├── NotFoundError     an id or name the ledger does not hold
    └── ExportError       an export cannot be written
"""

from __future__ import annotations


class NewsLedgerError(Exception):
    """Root of every error newsledger raises on purpose."""


class InputError(NewsLedgerError):
    """An input cannot be ingested; ``origin`` names it, ``reason`` says why in one line."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class StoreError(NewsLedgerError):
    """The ledger database cannot be opened, migrated or written."""


class NotFoundError(NewsLedgerError):
    """The ledger holds nothing under the given id or name."""


class ExportError(NewsLedgerError):
    """An export cannot be written."""
