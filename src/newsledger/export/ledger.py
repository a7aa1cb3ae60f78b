"""The ``newsledger/1`` export: the whole ledger as one JSON document, JSON lines or CSV tables.

The contract (docs/export-contract.md, schema in newsledger-1.schema.json) is read
by tools outside the project: fields may be added, never renamed or removed.
Files are written to a temporary name and moved into place, so a failed export
never leaves a half-written file where a good one was.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from newsledger.errors import ExportError
from newsledger.export.atomic import atomic_open
from newsledger.query import contradictions, records

SCHEMA = "newsledger/1"
TABLES = ("documents", "entities", "events", "claims", "relations", "mentions", "times")
Format = Literal["json", "jsonl", "csv"]


def build(db: sqlite3.Connection) -> dict[str, Any]:
    """The whole ledger as a ``newsledger/1`` dict (keys in contract order)."""
    return {
        "schema": SCHEMA,
        "documents": records.documents(db),
        "entities": records.entities(db),
        "events": records.events(db),
        "claims": records.claims(db),
        "relations": contradictions.relations(db),
        "mentions": records.mentions(db),
        "times": records.times(db),
    }


def schema() -> dict[str, Any]:
    """The JSON Schema the export validates against."""
    path = Path(__file__).with_name("newsledger-1.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def write(db: sqlite3.Connection, fmt: Format | str, output: str | os.PathLike[str] | None,
          stdout: IO[str] | None = None) -> Path | None:
    """Write the export; ``output`` None (json/jsonl only) writes to ``stdout``.

    Formats other than json, jsonl and csv (GraphML, GEXF, FtM, PLOVER, Claim JSON-LD) are
    derived from the same ``newsledger/1`` dict by the writers registered in ``formats``.
    """
    data = build(db)
    if fmt not in ("json", "jsonl", "csv"):
        from newsledger.export import formats

        return formats.write(data, fmt, output, stdout)
    if fmt == "csv":
        if output is None:
            raise ExportError("csv export writes one file per table: give --output FOLDER")
        return _write_csv(data, Path(output))
    if output is None:
        assert stdout is not None
        for chunk in _serialise(data, fmt):
            stdout.write(chunk)
        return None
    path = Path(output)
    with atomic_open(path) as fh:
        for chunk in _serialise(data, fmt):
            fh.write(chunk)
    return path


def _serialise(data: dict[str, Any], fmt: Format) -> Iterator[str]:
    if fmt == "json":
        yield json.dumps(data, ensure_ascii=False, indent=2)
        yield "\n"
        return
    yield json.dumps({"schema": SCHEMA}) + "\n"
    for table in TABLES:
        for record in data[table]:
            yield json.dumps({"table": table, **record}, ensure_ascii=False) + "\n"


# Nested values (lists, objects) go into a cell as JSON; the child tables below
# also give them one row each, which is what a spreadsheet user filters on.
_CHILD_TABLES: dict[str, tuple[str, str]] = {
    "event_participants": ("events", "participants"),
    "event_quantities": ("events", "quantities"),
    "event_money": ("events", "money"),
    "event_evidence": ("events", "evidence"),
}


def _write_csv(data: dict[str, Any], folder: Path) -> Path:
    tables: dict[str, list[dict[str, Any]]] = {t: data[t] for t in TABLES}
    for name, (parent, field) in _CHILD_TABLES.items():
        tables[name] = [
            {f"{parent[:-1]}": rec["id"], **child} for rec in data[parent] for child in rec[field]
        ]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create folder ({exc.strerror})") from exc
    for name, rows in tables.items():
        columns = _columns(rows) or ["id"]
        with atomic_open(folder / f"{name}.csv") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(row.get(k)) for k in columns})
    return folder


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value[:1] in _FORMULA_STARTS:
        # Article text is untrusted: a cell starting "=" would run as a formula
        # in a spreadsheet (OWASP "CSV injection"); a leading quote keeps it text.
        return "'" + value
    return "" if value is None else value


_FORMULA_STARTS = frozenset("=+-@\t\r")
