"""The only genanki writer: one series' notes -> one .apkg, byte-identical for the same input.

genanki's own ``write_to_file`` stamps wall-clock times, leaks its temporary database and writes
in place. Here genanki fills a database through ``write_to_db`` with a deterministic timestamp;
we zip it ourselves with fixed entry dates, write to a temporary file beside the target and
``os.replace`` it, so a failed build never harms the previous deck.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import genanki

from .errors import OutputError
from .model import NoteSpec
from .notetypes import models

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class DeckSpec:
    """What the writer needs to know about one deck."""

    deck_id: int
    name: str
    description: str
    css: str = ""
    series_slug: str | None = None
    """Set when the series has its own CSS: its note types get their own IDs."""


class _Note(genanki.Note):
    # Fields are escaped by levcards.render; genanki's invalid-HTML scan would only repeat it.
    def _check_invalid_html_tags_in_fields(self) -> None:
        return None


def write_apkg(deck: DeckSpec, notes: Sequence[NoteSpec], target: Path, timestamp: int) -> Path:
    """Write ``notes`` as an .apkg at ``target`` atomically; raise OutputError on failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    kinds = models(deck.css, deck.series_slug)
    gdeck = genanki.Deck(deck.deck_id, deck.name, deck.description)
    for due, spec in enumerate(notes):
        gdeck.add_note(_Note(model=kinds[spec.notetype], fields=list(spec.fields),
                             tags=list(spec.tags), guid=spec.guid, due=due))
    db_fd, db_name = tempfile.mkstemp(prefix=".levcards-", suffix=".anki2", dir=target.parent)
    os.close(db_fd)
    zip_fd, zip_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(zip_fd)
    try:
        conn = sqlite3.connect(db_name)
        try:
            ids = itertools.count(timestamp * 1000)
            genanki.Package(gdeck).write_to_db(conn.cursor(), timestamp, ids)
            conn.commit()
        finally:
            conn.close()
        _zip(Path(db_name), Path(zip_name))
        os.chmod(zip_name, 0o644)
        os.replace(zip_name, target)
    except OSError as err:
        raise OutputError(f"{target}: could not be written ({err.strerror or err}); the previous "
                          "file, if any, is unchanged") from None
    finally:
        for leftover in (db_name, zip_name):
            with suppress(FileNotFoundError):
                os.unlink(leftover)
    return target


def _zip(database: Path, out: Path) -> None:
    """Zip the collection with fixed dates and modes so equal input gives equal bytes."""
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in (("collection.anki2", database.read_bytes()), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=9)
