"""The functions the CLI and the Python API share: ingest, export, list, show.

Each CLI command parses its options and calls exactly one function here with the
same argument names, so scripting newsledger from Python gives the same results
as the command line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from newsledger.errors import ExportError, InputError, NewsLedgerError
from newsledger.export import ledger as ledger_export
from newsledger.ingest.sources import Overrides
from newsledger.model import Document, Extraction
from newsledger.store.sqlite import AddOutcome, Ledger

log = logging.getLogger(__name__)

ProgressHook = Callable[[str, str], None]  # (origin, outcome or failure reason)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did: counts, and each failure with its input and reason."""

    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{len(self.new)} new", f"{len(self.unchanged)} unchanged"]
        if self.updated:
            parts.append(f"{len(self.updated)} with a new URL")
        parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


IngestOptions = Overrides
"""Values from the command line that fill what an input does not say itself
(published, outlet, url, title); the ingest stage's Overrides under its public name."""


def ingest(
    sources: Sequence[str],
    *,
    db: str | os.PathLike[str] | None = None,
    options: IngestOptions = IngestOptions(),
    stdin: TextIO | BinaryIO | None = None,
    fetcher: Any = None,
    progress: ProgressHook | None = None,
) -> IngestReport:
    """Read every source, extract its facts and store each document in its own transaction.

    Bad inputs are reported, not raised: the run goes on with the rest.
    """
    from newsledger.ingest.dates import parse_published_option
    from newsledger.ingest.documents import make_document
    from newsledger.ingest.sources import iter_items

    if options.published:
        parse_published_option(options.published)  # a bad --published stops the run before it starts
    overrides = options
    report = IngestReport()
    with Ledger(db) as ledger:
        batch: list[tuple[str, Document]] = []
        for item in iter_items(sources, stdin=stdin, fetcher=fetcher):
            if isinstance(item, InputError):
                _fail(report, item, progress)
                continue
            try:
                document = make_document(item, overrides)
            except InputError as exc:
                _fail(report, exc, progress)
                continue
            if ledger.has_document(document.id):
                _store(ledger, report, item.origin, Extraction(document=document), progress)
                continue
            batch.append((item.origin, document))
            if len(batch) >= BATCH_SIZE:
                _extract_and_store(ledger, report, batch, progress)
                batch = []
        _extract_and_store(ledger, report, batch, progress)
    return report


BATCH_SIZE = 8
"""Documents handed to spaCy together: batching the model work, small enough that a
crash loses little and progress stays lively."""


def _extract_and_store(ledger: Ledger, report: IngestReport, batch: list[tuple[str, Document]],
                       progress: ProgressHook | None) -> None:
    from newsledger.extract.document import extract, extract_many

    if not batch:
        return
    try:
        extractions = list(extract_many([d for _, d in batch]))
    except Exception:  # one bad document must not sink the batch: redo them one by one
        extractions = []
        for origin, document in batch:
            try:
                extractions.append(extract(document))
            except InputError as exc:
                _fail(report, exc, progress)
            except Exception as exc:  # a bug in an extractor: report it, keep going
                log.exception("extraction failed for %s", origin)
                _fail(report, InputError(origin, f"extraction failed ({type(exc).__name__}: {exc})"),
                      progress)
    origins = {d.id: origin for origin, d in batch}
    for extraction in extractions:
        _store(ledger, report, origins[extraction.document.id], extraction, progress)


def _store(ledger: Ledger, report: IngestReport, origin: str, extraction: Extraction,
           progress: ProgressHook | None) -> None:
    try:
        outcome = ledger.add(extraction)
    except NewsLedgerError as exc:
        _fail(report, InputError(origin, str(exc)), progress)
        return
    _count(report, outcome, extraction.document)
    if progress:
        progress(origin, outcome)


def _fail(report: IngestReport, error: InputError, progress: ProgressHook | None) -> None:
    report.failed.append(error)
    if progress:
        progress(error.origin, f"failed: {error.reason}")


def _count(report: IngestReport, outcome: AddOutcome, document: Document) -> None:
    {"new": report.new, "unchanged": report.unchanged, "updated": report.updated}[outcome].append(
        document.id
    )


def export(
    *,
    db: str | os.PathLike[str] | None = None,
    format: ledger_export.Format | str = "json",
    output: str | os.PathLike[str] | None = None,
    stdout: IO[str] | None = None,
) -> Path | None:
    """Write the ledger in the ``newsledger/1`` contract (json, jsonl), as CSV tables, or in an
    interchange format from ``newsledger.export.formats`` (graphml, gexf, ftm, plover, claimreview)."""
    with Ledger(db) as ledger:
        return ledger_export.write(ledger.conn, format, output, stdout=stdout)


def report(
    *,
    db: str | os.PathLike[str] | None = None,
    entity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    format: str = "md",
    output: str | os.PathLike[str] | None = None,
    stdout: IO[str] | None = None,
) -> Path | None:
    """Write a briefing (md or html) on an entity and/or a date window; see newsledger.export.report."""
    from newsledger.export import report as briefing

    if format not in ("md", "html"):
        raise ExportError(f"unknown report format {format!r} (known: md, html)")
    with Ledger(db) as ledger:
        return briefing.write(ledger.conn, format, output, stdout,  # type: ignore[arg-type]
                              entity=entity, since=since, until=until)


def build_export(*, db: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The ``newsledger/1`` export as a dict, for Python callers."""
    with Ledger(db) as ledger:
        return ledger_export.build(ledger.conn)


def merge_entities(a: str, b: str, *, db: str | os.PathLike[str] | None = None,
                   reason: str | None = None) -> None:
    """A person says entities a and b are the same; survives re-ingestion."""
    with Ledger(db) as ledger:
        ledger.judge_entities(a, b, same=True, reason=reason)


def split_entities(a: str, b: str, *, db: str | os.PathLike[str] | None = None,
                   reason: str | None = None) -> None:
    """A person says entities a and b are different; no machine link may join them again."""
    with Ledger(db) as ledger:
        ledger.judge_entities(a, b, same=False, reason=reason)
