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
from typing import Protocol

from .identity import guid as make_guid
from .ledger import Entry, content_hash
from .model import NoteSpec, SourceRef

SIMILARITY_THRESHOLD = 0.5
RETIRED_TAG = "levcards::retired"


@dataclass
class SeriesChanges:
    """What Anki will do with one series' package compared with the previous release."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    retired: list[str] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    renamed_from: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    """The item key of every added, updated, retired and carried GUID (for the changelog)."""

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "updated": len(self.updated),
                "unchanged": self.unchanged, "retired": len(self.retired),
                "carried": len(self.carried)}


@dataclass
class Changes:
    series: dict[str, SeriesChanges] = field(default_factory=dict)
    notetypes: list[str] = field(default_factory=list)
    """Names of note types whose templates or CSS changed (their mod rises)."""


_MARKUP = re.compile(r"&#?\w+;|<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+")


_SCAFFOLD = re.compile(r'<(span|div) class="lc-(sense|ask|kind|lead)">.*?</\1>|^What does |'
                       r' mean\?|^Common mistake: ', re.DOTALL)
"""What the card factory writes around an item's own words (the prompt, the series): two
notes are alike by their items' words, not by the wording every card of a kind shares."""


_LINE = re.compile(r":\d+$| \(line \d+\)$")


def _place(source: str) -> str:
    """The Source field without its line: a renamed article must reach learners (the content
    hash leaves Source out), a line shift alone need not."""
    return _LINE.sub("", source)


def _words(note: NoteSpec | Entry) -> frozenset[str]:
    text = " ".join([note.key, *(_SCAFFOLD.sub(" ", f) for f in list(note.fields)[:2])])
    return frozenset(_WORD.findall(_MARKUP.sub(" ", text.lower())))


def _similarity(wa: frozenset[str], wb: frozenset[str], same_article: bool) -> float:
    if not wa or not wb:
        return 0.0
    score = 2 * len(wa & wb) / (len(wa) + len(wb))
    return score + (0.05 if same_article else 0.0)


class _Matcher:
    """Claims ledger GUIDs (of one series) for this build's notes, pass by pass."""

    def __init__(self, old: Mapping[str, Entry], pins: Mapping[str, str]) -> None:
        self.old = old
        self.pins = pins
        self.claimed: set[str] = set()

    def free(self, guid: str) -> bool:
        return guid in self.old and guid not in self.claimed

    def run(self, notes: list[NoteSpec]) -> dict[int, str]:
        """Index of each note in ``notes`` -> the ledger GUID it continues."""
        found: dict[int, str] = {}
        if not self.old:
            return found  # a series never built: nothing to continue
        if self.pins:  # pins first, then exact GUIDs
            for i, note in enumerate(notes):
                pinned = self.pins.get(f"{note.series}/{note.kind}/{note.key}")
                if pinned and self.free(pinned):
                    found[i] = pinned
                    self.claimed.add(pinned)
        for i, note in enumerate(notes):
            if i not in found and self.free(note.guid):
                found[i] = note.guid
                self.claimed.add(note.guid)
        if len(found) == len(notes) or len(self.claimed) == len(self.old):
            return found  # every note matched, or every ledger entry claimed already
        by_key: dict[tuple[str, str], list[str]] = {}
        for g, e in sorted(self.old.items()):
            if self.free(g):
                by_key.setdefault((e.kind, e.key), []).append(g)
        for i, note in enumerate(notes):  # the same key: the article moved or was renamed
            if i in found:
                continue
            same = [g for g in by_key.get((note.kind, note.key), []) if self.free(g)]
            if same:
                found[i] = same[0]
                self.claimed.add(same[0])
        if len(self.claimed) == len(self.old):
            return found
        left = {g: (e.kind, e.article, _words(e)) for g, e in self.old.items() if self.free(g)}
        scored = ((_similarity(words, w, article == note.article), i, g)
                  for i, note in enumerate(notes) if i not in found
                  for words in (_words(note),)
                  for g, (kind, article, w) in left.items() if kind == note.kind)
        pairs = sorted((p for p in scored if p[0] >= SIMILARITY_THRESHOLD),
                       key=lambda p: (-p[0], p[1], p[2]))
        for _score, i, g in pairs:
            if i not in found and self.free(g):
                found[i] = g
                self.claimed.add(g)
        return found


class NoteIds(Protocol):
    """Where new note IDs come from (the ledger): the next one to hand out."""

    next_note_id: int


def reserve(notes: list[NoteSpec], old: Mapping[str, Entry], ids: NoteIds, now: int,
            pins: Mapping[str, str] | None = None) -> dict[int, str]:
    """Match ``notes`` to the series' ``old`` entries and set aside the note IDs the unmatched
    ones will get, as ``assign`` would hand them out; return the match for ``assign``.

    The IDs of one series then no longer wait for the series before it to be assigned, so
    series can be assigned anywhere, in any order, and get the same IDs.
    """
    found = _Matcher(old, pins or {}).run(notes)
    fresh = len(notes) - len(found)
    if fresh:
        ids.next_note_id = max(now * 1000, ids.next_note_id) + fresh
    return found


def assign(notes: list[NoteSpec], old: Mapping[str, Entry], ids: NoteIds, slug: str, now: int,
           failed_articles: set[str], pins: Mapping[str, str] | None = None,
           found: dict[int, str] | None = None,
           ) -> tuple[list[NoteSpec], dict[str, Entry], SeriesChanges]:
    """Give every note of series ``slug`` its GUID, note ID and mod, continuing the series'
    ``old`` ledger entries; return the notes to ship, the series' new entries and what changed.
    New note IDs come from ``ids`` (the ledger), whose counter this advances; ``found`` is what
    ``reserve`` matched, when it set the IDs aside. ``now`` is the time stamped on new or
    edited content."""
    if found is None:
        found = _Matcher(old, pins or {}).run(notes)
    changes = SeriesChanges()
    entries: dict[str, Entry] = {}
    shipped: list[NoteSpec] = []
    placed: dict[str, int] = {}  # notes so far per article: an entry's order is within its article
    for i, note in enumerate(notes):
        digest = content_hash(note.notetype, note.fields, note.tags)
        previous = old.get(found[i]) if i in found else None
        if previous is not None:
            guid, note_id = found[i], previous.note_id
            if (previous.hash == digest and not previous.retired
                    and _place(previous.fields[-1]) == _place(note.fields[-1])):
                mod = previous.mod
                changes.unchanged += 1
            else:
                mod = max(now, previous.mod + 1)
                changes.updated.append(guid)
                changes.keys[guid] = note.key
        else:
            guid = note.guid
            n = 1
            while guid in old or guid in entries:
                n += 1
                guid = make_guid(note.guid, str(n))
            note_id = max(now * 1000, ids.next_note_id)
            ids.next_note_id = note_id + 1
            mod = now
            changes.added.append(guid)
            changes.keys[guid] = note.key
        shipped.append(note.with_identity(guid, note_id, mod))
        order = placed[note.article] = placed.get(note.article, -1) + 1
        # the ref names the article by its key, not by the path levcards was run with, and the
        # order counts within the article: neither changes when another article does
        entry = Entry(slug, note.article, note.kind, note.key, note.notetype, list(note.fields),
                      list(note.tags), note.cards, digest, mod, note_id,
                      f"{note.article}:{note.ref.line}", order)
        entries[guid] = previous if entry == previous else entry  # keeps its line in the file
    matched = set(found.values())
    for guid, entry in sorted(old.items(), key=lambda kv: (kv[1].article, kv[1].order, kv[0])):
        if guid in matched:
            continue
        if entry.article in failed_articles and not entry.retired:
            changes.carried.append(guid)
            changes.keys[guid] = entry.key
            kept = entry
        elif entry.retired:
            kept = entry  # a tombstone shipped again as it was: Anki leaves it alone
            changes.unchanged += 1
        else:
            tags = sorted(set(entry.tags) | {RETIRED_TAG})
            kept = replace(entry, tags=tags, retired=True, mod=max(now, entry.mod + 1),
                           hash=content_hash(entry.notetype, entry.fields, tags))
            changes.retired.append(guid)
            changes.keys[guid] = entry.key
        entries[guid] = kept
        shipped.append(_from_entry(guid, kept))
    return shipped, entries, changes


def settled(notes: list[NoteSpec], shipped: list[NoteSpec], entries: Mapping[str, Entry],
            pins: Mapping[str, str] | None = None) -> bool:
    """True when matching ``notes`` against the ``entries`` they produced gives each note the
    GUID it just got: building the same notes again would change nothing in the series."""
    found = _Matcher(entries, pins or {}).run(notes)
    return all(found.get(i) == final.guid for i, final in enumerate(shipped[:len(notes)]))


def _from_entry(guid: str, entry: Entry) -> NoteSpec:
    path, _, line = entry.ref.rpartition(":")
    return NoteSpec(entry.notetype, tuple(entry.fields), tuple(entry.tags), guid,  # type: ignore[arg-type]
                    entry.kind, SourceRef(path or entry.article, int(line) if line.isdigit() else 0),
                    entry.cards, entry.key, entry.article, entry.series, entry.note_id, entry.mod)
