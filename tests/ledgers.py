"""Reading a levcards.lock in tests, whatever its format: GUID -> the note's record."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from levcards.ledger import Entry, load


def record(entry: Entry) -> dict[str, Any]:
    """An entry as the ledger stores it (without the line it was read from)."""
    return {k: v for k, v in asdict(entry).items() if k != "line"}


def ledger_notes(path: Path) -> dict[str, dict[str, Any]]:
    return {guid: record(entry) for guid, entry in load(path).all_entries()}
