"""newsledger: turn news reports into a sourced ledger of entities, dates, events and claims.

The Python API mirrors the command line: each function here is what one CLI
command calls, with the same argument names.
"""

from __future__ import annotations

from newsledger.errors import (
    ExportError,
    InputError,
    NewsLedgerError,
    NotFoundError,
    StoreError,
)
from newsledger.model import Document, Entity, Extraction
from newsledger.operations import (
    IngestOptions,
    IngestReport,
    build_export,
    export,
    ingest,
    merge_entities,
    split_entities,
)
from newsledger.store.sqlite import Ledger

__all__ = [
    "Document",
    "Entity",
    "ExportError",
    "Extraction",
    "IngestOptions",
    "IngestReport",
    "InputError",
    "Ledger",
    "NewsLedgerError",
    "NotFoundError",
    "StoreError",
    "build_export",
    "export",
    "ingest",
    "merge_entities",
    "split_entities",
]
