"""Read-only database access for the API: a fresh connection per request.

Reads open the file with ``mode=ro`` and ``query_only`` so no request can write,
and WAL mode lets them run beside an ingest. The only write path is
``operations.ingest`` (which opens the store's ``Ledger``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from fastapi import Request

from newsledger.errors import StoreError
from newsledger.store.sqlite import Ledger


def prepare(db_path: str) -> None:
    """Create or migrate the database once at start, so a new path serves an empty ledger.

    A database we cannot write (a read-only copy) is still served if it exists.
    """
    try:
        Ledger(db_path).close()
    except StoreError:
        if not Path(db_path).is_file():
            raise


def open_read(db_path: str) -> sqlite3.Connection:
    """A read-only connection; StoreError when the file cannot be opened."""
    uri = f"file:{quote(str(Path(db_path).resolve()))}?mode=ro"
    try:
        # check_same_thread off: FastAPI may open, use and close a dependency in
        # different worker threads; one request still uses it one step at a time.
        conn = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only=ON")
        conn.execute("SELECT 1 FROM documents LIMIT 1")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db_path}: cannot read ledger database ({exc})") from exc
    return conn


def read_db(request: Request) -> Iterator[sqlite3.Connection]:
    """FastAPI dependency: one read-only connection for the length of a request."""
    conn = open_read(request.app.state.db_path)
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"ledger read failed ({exc})") from exc
    finally:
        conn.close()
