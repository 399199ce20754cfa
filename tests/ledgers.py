"""Reading a levcards.lock in tests, whatever its format: GUID -> the note's record."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from levcards.ledger import load


def ledger_notes(path: Path) -> dict[str, dict[str, Any]]:
    return {guid: asdict(entry) for guid, entry in load(path).all_entries()}
