"""Write a file completely or not at all: a temporary file beside it, moved into place on success."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from newsledger.errors import ExportError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO]:
    """Yield a file opened on a temporary name; on success it replaces ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from exc
    try:
        # mkstemp makes the file private (0600); an export should get the usual permissions.
        os.chmod(tmp, 0o666 & ~_umask())
        kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ExportError(f"{path}: cannot write ({exc.strerror})") from exc
        raise


def write_bytes_atomic(path: Path, payload: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(payload)
