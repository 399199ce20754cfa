"""Shared fixtures: a throw-away Anki collection and a copy of the bundled decks."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """A fresh, empty Anki collection that is thrown away after the test."""
    folder = tmp_path / "collection"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


@pytest.fixture
def seed_decks(tmp_path: Path) -> Path:
    """A writable copy of the bundled decks/ folder."""
    target = tmp_path / "decks"
    shutil.copytree(REPO / "decks", target)
    return target
