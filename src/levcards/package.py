"""The only genanki writer: one series' notes -> one .apkg, byte-identical for the same input.

genanki lays out Anki's collection schema, the deck and the note types through ``write_to_db``;
the notes and cards are inserted here in two batched statements with the IDs and per-note
modification times from the identity ledger. The database is built in memory, zipped with
fixed entry dates, written to a temporary file beside the target and ``os.replace``d into
place, so a failed build never harms the previous deck.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import genanki

from .errors import OutputError
from .model import NoteSpec
from .notetypes import models as make_models

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CARD_ID_FACTOR = 100
"""Card ID = note ID * 100 + ord: unique and stable without a counter."""


@dataclass(frozen=True, slots=True)
class DeckSpec:
    """What the writer needs to know about one deck."""

    deck_id: int
    name: str
    description: str
    css: str = ""
    series_slug: str | None = None
    """Set when the series has its own CSS: its note types get their own IDs."""


def deck_models(deck: DeckSpec) -> dict[str, genanki.Model]:
    return make_models(deck.css, deck.series_slug)


def package_fingerprint(deck: DeckSpec, notes: Sequence[NoteSpec], model_mods: Mapping[int, int],
                        ledger_block: str) -> str:
    """Everything the package's bytes depend on, hashed: equal fingerprints, equal files.

    ``ledger_block`` is a digest of the series' block of the identity ledger, which holds every
    shipped note's ID, mod, note type, fields, tags and card count (matching gives each shipped
    note exactly one entry); ``notes`` add only their order. Hashing the block's digest instead
    of every note's fields again makes this twenty times cheaper.
    """
    digest = hashlib.sha256(repr((deck, sorted(model_mods.items()), ledger_block)).encode())
    digest.update("\x00".join(note.guid for note in notes).encode())
    return digest.hexdigest()


def write_apkg(deck: DeckSpec, notes: Sequence[NoteSpec], target: Path,
               model_mods: Mapping[int, int]) -> Path:
    """Write ``notes`` as an .apkg at ``target`` atomically; raise OutputError on failure."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        zip_fd, zip_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(zip_fd)
    except OSError as err:
        raise OutputError(f"{target.parent}: cannot write there ({err.strerror or err}); choose "
                          "another --out folder") from None
    try:
        _zip(_collection(deck, notes, model_mods), Path(zip_name))
        os.chmod(zip_name, 0o644)
        os.replace(zip_name, target)
    except (OSError, sqlite3.Error) as err:  # a full disk reaches SQLite as "disk I/O error"
        reason = getattr(err, "strerror", None) or err
        raise OutputError(f"{target}: could not be written ({reason}); the previous file, if "
                          "any, is unchanged") from None
    finally:
        with suppress(OSError):
            os.unlink(zip_name)
    return target


def _collection(deck: DeckSpec, notes: Sequence[NoteSpec], model_mods: Mapping[int, int]) -> bytes:
    """The collection database's bytes, built in memory (it only ever goes into the zip)."""
    conn = sqlite3.connect(":memory:")
    try:
        _fill(conn, deck, notes, model_mods)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def _fill(conn: sqlite3.Connection, deck: DeckSpec, notes: Sequence[NoteSpec],
          model_mods: Mapping[int, int]) -> None:
    kinds = deck_models(deck)
    gdeck = genanki.Deck(deck.deck_id, deck.name, deck.description)
    for model in kinds.values():
        gdeck.add_model(model)
    cursor = conn.cursor()
    # a scratch database that is zipped afterwards: no journal, no fsync
    cursor.execute("PRAGMA journal_mode = OFF")
    cursor.execute("PRAGMA synchronous = OFF")
    newest = max((n.mod for n in notes), default=0)
    genanki.Package(gdeck).write_to_db(cursor, newest, iter(()))
    (raw,) = cursor.execute("SELECT models FROM col").fetchone()
    stored = json.loads(raw)
    for model_id, data in stored.items():
        data["mod"] = model_mods.get(int(model_id), newest)
    cursor.execute("UPDATE col SET models = ?, mod = ?", (json.dumps(stored, sort_keys=True), newest * 1000))
    note_rows = []
    card_rows = []
    for due, note in enumerate(notes):
        model_id = kinds[note.notetype].model_id
        tags = f" {' '.join(note.tags)} "
        note_rows.append((note.note_id, note.guid, model_id, note.mod, -1, tags,
                          "\x1f".join(note.fields), note.fields[0], 0, 0, ""))
        for ord_ in range(note.cards):
            card_rows.append((note.note_id * CARD_ID_FACTOR + ord_, note.note_id, deck.deck_id,
                              ord_, note.mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, ""))
    # the schema's indexes on notes and cards are built once, after the rows (faster than
    # updating them row by row; the same indexes, so Anki finds what it expects)
    indexes = cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                             "tbl_name IN ('notes', 'cards') ORDER BY name").fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    cursor.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    cursor.executemany("INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)
    for _, sql in indexes:
        cursor.execute(sql)


def _zip(collection: bytes, out: Path) -> None:
    """Zip the collection with fixed dates and modes so equal input gives equal bytes."""
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=3)  # 3: a tenth bigger than 6, twice as fast
