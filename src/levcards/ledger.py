"""The identity ledger (``<source>/levcards.lock``): what every note was, so rebuilds update in place.

It records, per note GUID, where the item came from, its content hash, the time its content last
changed, its Anki note ID and its last fields (so a retired or carried-over note can still ship),
plus a version per note type and the deck name per series. It is sorted JSON, one note per key,
so it diffs well in review. It is the one file levcards writes in the source tree.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from dataclasses import dataclass, field, fields
from pathlib import Path

from .atomic import write_text
from .errors import SourceError

LEDGER_NAME = "levcards.lock"
FORMAT_VERSION = 1


@dataclass
class Entry:
    """One note as the last build shipped it."""

    series: str
    article: str
    kind: str
    key: str
    notetype: str
    fields: list[str]
    tags: list[str]
    cards: int
    hash: str
    mod: int
    note_id: int
    ref: str = ""
    order: int = 0
    retired: bool = False


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


@dataclass
class Ledger:
    notes: dict[str, Entry] = field(default_factory=dict)
    notetypes: dict[str, dict[str, object]] = field(default_factory=dict)
    """note type ID -> {"hash": …, "mod": …, "name": …}"""
    decks: dict[str, str] = field(default_factory=dict)
    """series slug -> deck name"""

    def dumps(self) -> str:
        """Sorted JSON with one note per line: small diffs, and fast to write for many notes."""
        def line(value: object) -> str:
            return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

        notes = ",\n".join(f"  {line(g)}: {line(_entry_dict(e))}" for g, e in sorted(self.notes.items()))
        return (f'{{\n "decks": {line(dict(sorted(self.decks.items())))},\n'
                f' "format": {FORMAT_VERSION},\n "generator": "levcards",\n'
                f' "notes": {{\n{notes}\n }},\n'
                f' "notetypes": {line(dict(sorted(self.notetypes.items())))}\n}}\n')


def _entry_dict(entry: Entry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in _ENTRY_FIELDS}


def content_hash(notetype: str, fields: tuple[str, ...] | list[str], tags: tuple[str, ...] | list[str]) -> str:
    """What decides whether a note changed: its note type, fields and tags.

    The last field (Source, "path:line") is left out: an edit higher up in the article shifts
    line numbers, and that alone must not count as a change to every note below it (it would
    overwrite learners' own edits). The line is refreshed whenever the note's content changes.
    """
    data = "\x1e".join([notetype, "\x1f".join(fields[:-1]), " ".join(sorted(tags))])
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def load(path: Path) -> Ledger:
    """Read the ledger; a missing file is an empty ledger, a broken one an error with its line."""
    if not path.exists():
        return Ledger()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT_VERSION:
            raise SourceError(str(path), 1, f"has format {data.get('format')!r}; this levcards "
                              f"reads format {FORMAT_VERSION}", code="ledger")
        notes = {g: Entry(**e) for g, e in data.get("notes", {}).items()}
        return Ledger(notes, dict(data.get("notetypes", {})), dict(data.get("decks", {})))
    except json.JSONDecodeError as err:
        raise SourceError(str(path), err.lineno, f"is not valid JSON ({err.msg}); restore it "
                          "from version control", code="ledger") from None
    except (TypeError, AttributeError) as err:
        raise SourceError(str(path), 1, f"has an unexpected shape ({err}); restore it from "
                          "version control", code="ledger") from None
    except OSError as err:
        raise SourceError(str(path), 1, f"cannot be read ({err.strerror})", code="ledger") from None


def save(ledger: Ledger, path: Path, previous: Ledger | None = None) -> bool:
    """Write the ledger atomically; return False when nothing changed since ``previous`` (the
    ledger read at the start of the build) or the file already holds the same text."""
    if previous is not None and ledger == previous and path.exists():
        return False  # comparing the objects is far cheaper than writing 60 MB of JSON again
    text = ledger.dumps()
    with suppress(OSError):
        if path.read_text(encoding="utf-8") == text:
            return False
    write_text(path, text)
    return True
