"""The registry of export formats beyond ``newsledger/1``: a format name → the function that writes it.

Every writer takes the ``newsledger/1`` dict (``ledger.build``) and returns the file's bytes,
so the interchange formats are derived from the one contract and never read the database
themselves. Writer modules are imported on first use: followthemoney and pyld are slow to
import and most runs need neither.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsledger.errors import ExportError
from newsledger.export.atomic import write_bytes_atomic

Writer = Callable[[dict[str, Any]], bytes]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One registered format: where its writer lives and what it produces."""

    name: str
    module: str  # newsledger.export.<module>, imported lazily
    function: str
    suffix: str
    description: str

    def writer(self) -> Writer:
        module = importlib.import_module(f"newsledger.export.{self.module}")
        return getattr(module, self.function)  # type: ignore[no-any-return]


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("graphml", "graph", "to_graphml", ".graphml",
                     "entity graph linked by shared events (GraphML: Gephi, yEd, Cytoscape)"),
        ExportFormat("gexf", "graph", "to_gexf", ".gexf", "the same entity graph as GEXF (Gephi)"),
        ExportFormat("ftm", "ftm", "to_ftm", ".ftm.json",
                     "FollowTheMoney entities, one JSON object a line (Aleph, ftm tools)"),
        ExportFormat("plover", "plover", "to_plover", ".plover.jsonl",
                     "PLOVER event records, one JSON object a line"),
        ExportFormat("claimreview", "claimreview", "to_claimreview", ".jsonld",
                     "schema.org Claim records as JSON-LD"),
    )
}


def names() -> tuple[str, ...]:
    """The registered format names, in registry order (for the CLI's --format choice)."""
    return tuple(FORMATS)


def get(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(f"unknown export format {name!r} (known: {', '.join(FORMATS)})") from None


def render(data: dict[str, Any], name: str) -> bytes:
    """The export in format ``name`` as bytes (UTF-8 for every text format)."""
    return get(name).writer()(data)


def write(data: dict[str, Any], name: str, output: str | os.PathLike[str] | None,
          stdout: IO[str] | None = None) -> Path | None:
    """Write format ``name`` to ``output`` (atomically) or, with ``output`` None, to ``stdout``."""
    payload = render(data, name)
    if output is None:
        stream = stdout if stdout is not None else sys.stdout
        stream.write(payload.decode("utf-8"))
        return None
    path = Path(output)
    write_bytes_atomic(path, payload)
    return path


