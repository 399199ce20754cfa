"""Match this build's notes to the ledger so edited items keep their GUID, note ID and history.

Passes, each over what the previous left unmatched, within one series and item kind:
pins from levcards.toml, the exact GUID, the same key (article renamed or moved), then content
similarity (an edited question or term). What is still unmatched is new; a ledger note nobody
matched is carried over if its article failed to read, else retired (shipped as a tombstone).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .identity import guid as make_guid
from .ledger import Entry, Ledger, content_hash
from .model import NoteSpec, SourceRef

SIMILARITY_THRESHOLD = 0.5
RETIRED_TAG = "levcards::retired"


@dataclass
class SeriesChanges:
    """What Anki will do with one series' package compared with the previous release."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    renamed_from: str = ""

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "updated": len(self.updated),
                "unchanged": len(self.unchanged), "retired": len(self.retired),
                "carried": len(self.carried)}


@dataclass
class Changes:
    series: dict[str, SeriesChanges] = field(default_factory=dict)
    notetypes: list[str] = field(default_factory=list)
    """Names of note types whose templates or CSS changed (their mod rises)."""


def _words(note: NoteSpec | Entry) -> set[str]:
    text = " ".join([note.key, *list(note.fields)[:2]])
    return set(re.findall(r"[a-z0-9]+", re.sub(r"&#?\w+;|<[^>]+>", " ", text.lower())))


def similarity(a: NoteSpec, b: Entry) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    score = 2 * len(wa & wb) / (len(wa) + len(wb))
    return score + (0.05 if a.article == b.article else 0.0)


class _Matcher:
    def __init__(self, ledger: Ledger, pins: Mapping[str, str]) -> None:
        self.ledger = ledger
        self.pins = pins
        self.claimed: dict[str, str] = {}  # ledger guid -> "series/kind/key" of the note

    def free(self, guid: str) -> bool:
        return guid in self.ledger.notes and guid not in self.claimed

    def claim(self, guid: str, note: NoteSpec) -> str:
        self.claimed[guid] = f"{note.series}/{note.kind}/{note.key}"
        return guid

    def run(self, notes: list[NoteSpec]) -> dict[int, str]:
        """Index of each note in ``notes`` -> the ledger GUID it continues."""
        found: dict[int, str] = {}
        for i, note in enumerate(notes):  # pins, then exact GUIDs
            pinned = self.pins.get(f"{note.series}/{note.kind}/{note.key}")
            if pinned and self.free(pinned):
                found[i] = self.claim(pinned, note)
        for i, note in enumerate(notes):
            if i not in found and self.free(note.guid):
                found[i] = self.claim(note.guid, note)
        for i, note in enumerate(notes):  # same key elsewhere: the article moved
            if i in found:
                continue
            same = [g for g, e in sorted(self.ledger.notes.items()) if self.free(g)
                    and (e.series, e.kind, e.key) == (note.series, note.kind, note.key)]
            if same:
                found[i] = self.claim(same[0], note)
        pairs = sorted(
            ((similarity(note, entry), i, g) for i, note in enumerate(notes) if i not in found
             for g, entry in self.ledger.notes.items()
             if self.free(g) and (entry.series, entry.kind) == (note.series, note.kind)),
            key=lambda p: (-p[0], p[1], p[2]))
        for score, i, g in pairs:
            if score < SIMILARITY_THRESHOLD:
                break
            if i not in found and self.free(g):
                found[i] = self.claim(g, notes[i])
        return found


def assign(series_notes: Mapping[str, list[NoteSpec]], ledger: Ledger, now: int,
           failed_articles: set[str], pins: Mapping[str, str] | None = None,
           deck_names: Mapping[str, str] | None = None) -> tuple[dict[str, list[NoteSpec]], Ledger, Changes]:
    """Give every note its GUID, note ID and mod; return the notes to ship, the new ledger and
    what changed. ``now`` is the time stamped on new or edited content."""
    all_notes = [n for slug in sorted(series_notes) for n in series_notes[slug]]
    found = _Matcher(ledger, pins or {}).run(all_notes)
    new_ledger = Ledger(notetypes=dict(ledger.notetypes), decks=dict(ledger.decks))
    changes = Changes()
    used_ids = {e.note_id for e in ledger.notes.values()}
    next_id = now * 1000
    shipped: dict[str, list[NoteSpec]] = {slug: [] for slug in series_notes}
    for i, note in enumerate(all_notes):
        sc = changes.series.setdefault(note.series, SeriesChanges())
        digest = content_hash(note.notetype, note.fields, note.tags)
        old = ledger.notes.get(found[i]) if i in found else None
        if old is not None:
            guid, note_id = found[i], old.note_id
            if old.hash == digest and not old.retired:
                mod = old.mod
                sc.unchanged.append(guid)
            else:
                mod = max(now, old.mod + 1)
                sc.updated.append(guid)
        else:
            guid = note.guid
            n = 1
            while guid in ledger.notes or guid in new_ledger.notes:
                n += 1
                guid = make_guid(note.guid, str(n))
            while next_id in used_ids:
                next_id += 1
            note_id, mod = next_id, now
            used_ids.add(note_id)
            sc.added.append(guid)
        final = replace(note, guid=guid, note_id=note_id, mod=mod)
        shipped[note.series].append(final)
        new_ledger.notes[guid] = Entry(
            note.series, note.article, note.kind, note.key, note.notetype, list(note.fields),
            list(note.tags), note.cards, digest, mod, note_id, str(note.ref),
            len(shipped[note.series]) - 1)
    matched = set(found.values())
    for guid, entry in sorted(ledger.notes.items(), key=lambda kv: (kv[1].series, kv[1].order, kv[0])):
        if guid in matched:
            continue
        sc = changes.series.setdefault(entry.series, SeriesChanges())
        if entry.article in failed_articles and not entry.retired:
            sc.carried.append(guid)
            kept = entry
        elif entry.retired:
            kept = entry
        else:
            tags = sorted(set(entry.tags) | {RETIRED_TAG})
            mod = max(now, entry.mod + 1)
            kept = replace(entry, tags=tags, retired=True, mod=mod,
                           hash=content_hash(entry.notetype, entry.fields, tags))
            sc.retired.append(guid)
        new_ledger.notes[guid] = kept
        shipped.setdefault(entry.series, []).append(_from_entry(guid, kept))
    for slug, name in (deck_names or {}).items():
        previous = ledger.decks.get(slug)
        if previous and previous != name:
            changes.series.setdefault(slug, SeriesChanges()).renamed_from = previous
        new_ledger.decks[slug] = name
    return shipped, new_ledger, changes


def _from_entry(guid: str, entry: Entry) -> NoteSpec:
    path, _, line = entry.ref.rpartition(":")
    return NoteSpec(entry.notetype, tuple(entry.fields), tuple(entry.tags), guid,  # type: ignore[arg-type]
                    entry.kind, SourceRef(path or entry.article, int(line) if line.isdigit() else 0),
                    entry.cards, entry.key, entry.article, entry.series, entry.note_id, entry.mod)
