"""Write a file so that readers see the old bytes or the new ones, never a torn file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from .errors import OutputError


def write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    write_chunks(path, [data])


def write_chunks(path: Path, chunks: Iterable[bytes | memoryview]) -> None:
    """``write_bytes`` for data in pieces (no need to join them first)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"{path.parent}: cannot write there ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:
        with suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: could not be written ({err.strerror or err}); the previous "
                          "file, if any, is unchanged") from None


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
