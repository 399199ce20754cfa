"""The identity ledger (``<source>/levcards.lock``): what every note was, so rebuilds update in place.

It records, per note GUID, where the item came from, its content hash, the time its content last
changed, its Anki note ID and its last fields (so a retired or carried-over note can still ship),
plus a version per note type, the deck name per series and the next free note ID. It is sorted
JSON with one block per series and one note per line, so it diffs well in review, and a build
parses only the blocks of the series it rebuilds. It is the one file levcards writes in the
source tree.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .atomic import write_chunks
from .errors import SourceError

LEDGER_NAME = "levcards.lock"
FORMAT_VERSION = 2
_SERIES_START = b'\n "series": {\n'
_BLOCK_START = b'\n  "'
_BLOCK_END = b"\n  }"
_END = b"\n }\n}"


@dataclass(slots=True)
class Entry:
    """One note as the last build shipped it (``series`` is the block it is filed under)."""

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
    """"<article key>:<line>": independent of the path levcards was run with."""
    order: int = 0
    """The note's place among its article's notes (orders retired and carried notes)."""
    retired: bool = False
    line: str = field(default="", init=False, compare=False, repr=False)
    """The entry's line as read from the ledger, reused when it is written back unchanged."""


_STORED_FIELDS = tuple(f.name for f in fields(Entry) if f.name not in ("series", "line"))


_line = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
"""Compact sorted JSON (one encoder for all: json.dumps would build one per call)."""
_string = json.encoder.encode_basestring
"""How that encoder writes a string (ensure_ascii=False)."""


def _entry_line(guid: str, e: Entry) -> str:
    if (type(e.cards) is int and type(e.mod) is int and type(e.note_id) is int
            and type(e.order) is int and type(e.retired) is bool and type(e.fields) is list
            and type(e.tags) is list):
        try:
            return _fast_entry_line(guid, e)
        except TypeError:
            pass  # a string field that is not a string (a hand-edited ledger): as JSON does it
    return f"    {_line(guid)}: " + _line({
        "article": e.article, "kind": e.kind, "key": e.key, "notetype": e.notetype,
        "fields": e.fields, "tags": e.tags, "cards": e.cards, "hash": e.hash, "mod": e.mod,
        "note_id": e.note_id, "ref": e.ref, "order": e.order, "retired": e.retired})


def _fast_entry_line(guid: str, e: Entry) -> str:
    """The same line as the JSON encoder gives, keys in sorted order, at half the cost (the
    string encoder raises TypeError for anything but a string)."""
    q = _string
    return (f'    {q(guid)}: {{"article":{q(e.article)},"cards":{e.cards},"fields":['
            + ",".join(map(q, e.fields)) + f'],"hash":{q(e.hash)},"key":{q(e.key)},'
            f'"kind":{q(e.kind)},"mod":{e.mod},"note_id":{e.note_id},'
            f'"notetype":{q(e.notetype)},"order":{e.order},"ref":{q(e.ref)},'
            f'"retired":{"true" if e.retired else "false"},"tags":['
            + ",".join(map(q, e.tags)) + "]}")


def dump_block(entries: dict[str, Entry]) -> str:
    """One series' notes as the ledger stores them: a JSON object, one note per line."""
    if not entries:
        return "{}"
    lines = ",\n".join(e.line or _entry_line(g, e) for g, e in sorted(entries.items()))
    return "{\n" + lines + "\n  }"


class Ledger:
    """Note types, deck names and the note ID counter, plus one block of notes per series.

    A block stays the text it was read as until someone asks for its entries, so a build that
    touches one series neither parses nor re-serialises the others. A block that was rebuilt
    can be sealed: written to a scratch file until the ledger is saved, so a large build does
    not hold every series' notes in memory at once.
    """

    def __init__(self, notetypes: dict[str, dict[str, object]] | None = None,
                 decks: dict[str, str] | None = None, next_note_id: int = 0) -> None:
        self.notetypes: dict[str, dict[str, object]] = notetypes or {}
        """note type ID -> {"hash": …, "mod": …, "name": …}"""
        self.decks: dict[str, str] = decks or {}
        """series slug -> deck name"""
        self.next_note_id = next_note_id
        """The next note ID to hand out: IDs only ever rise, so they never collide."""
        self.format = FORMAT_VERSION
        self._data = b""  # the file as read; raw blocks are views into it
        self._raw: dict[str, tuple[memoryview, int]] = {}  # slug -> (block, its offset in _data)
        self._parsed: dict[str, dict[str, Entry]] = {}
        self._dumped: dict[str, bytes] = {}
        self._sealed: dict[str, tuple[Any, int, int]] = {}  # slug -> (scratch file, start, length)
        self._digests: dict[str, str] = {}  # of sealed blocks, taken while their bytes were at hand
        self._scratch: Any = None  # where blocks are sealed: an unnamed temporary file
        self._files: list[Any] = []  # every scratch file, shared with copies (closed by close())
        self.path = ""

    def copy(self) -> Ledger:
        other = Ledger(json.loads(json.dumps(self.notetypes)), dict(self.decks), self.next_note_id)
        other._data = self._data
        other._raw = dict(self._raw)
        other._parsed = {slug: dict(entries) for slug, entries in self._parsed.items()}
        other._sealed = dict(self._sealed)
        other._digests = dict(self._digests)
        other._scratch = self._scratch
        other._files = self._files
        other.path = self.path
        return other

    def parsed(self) -> list[str]:
        """The series whose notes are in memory: a build parses only the blocks it asks for."""
        return sorted(self._parsed)

    def spilled(self) -> bool:
        """Whether a sealed block went to a scratch file (out of memory until asked for)."""
        return bool(self._files)

    def slugs(self) -> list[str]:
        return sorted(set(self._raw) | set(self._parsed) | set(self._sealed))

    def series(self, slug: str) -> dict[str, Entry]:
        """The notes filed under ``slug`` (empty for a series never built), parsed on first use."""
        if slug not in self._parsed:
            text = self._stored(slug)
            if text is None:
                self._parsed[slug] = {}
            elif slug in self._raw:
                self._parsed[slug] = _parse_block(slug, self._raw[slug], self._data, self.path)
            else:
                self._parsed[slug] = _parse_block(slug, (memoryview(text), -1), b"", self.path)
        return self._parsed[slug]

    def set_series(self, slug: str, entries: dict[str, Entry]) -> None:
        """File ``entries`` as the series' notes (the ledger keeps them as given)."""
        self._raw.pop(slug, None)
        self._sealed.pop(slug, None)
        self._digests.pop(slug, None)
        self._dumped.pop(slug, None)
        self._parsed[slug] = entries

    def seal(self, slug: str, data: bytes | None = None) -> None:
        """Move the series' block, as it will be written, to the scratch file; free its entries.

        ``data`` is the block's text when it was made elsewhere (a forked helper); it replaces
        whatever block the series had here.
        """
        if data is None:
            if self.sealed(slug):
                return
            data = bytes(self.block_bytes(slug))
        else:
            self._raw.pop(slug, None)
        self._digests[slug] = hashlib.sha1(data).hexdigest()
        try:
            if self._scratch is None:
                self._scratch = self.scratch_file()
            self._sealed[slug] = (self._scratch, _append(self._scratch, data), len(data))
        except OSError:  # no room for a scratch file: the bytes stay in memory instead
            self._raw[slug] = (memoryview(bytes(data)), -1)
        self._parsed.pop(slug, None)
        self._dumped.pop(slug, None)

    def scratch_file(self) -> Any:
        """A new scratch file for sealed blocks, closed with the ledger; raises OSError."""
        # unbuffered: a write that does not fit fails in it, not in a later seek or close
        file = tempfile.TemporaryFile(prefix="levcards-ledger-", buffering=0)  # noqa: SIM115 (closed by close())
        self._files.append(file)
        return file

    def seal_into(self, file: Any) -> None:
        """Seal blocks into ``file`` from now on: in a forked helper, a scratch file its parent
        made, so that the parent can ``adopt`` the blocks without their bytes being sent."""
        self._scratch = file

    def sealed_block(self, slug: str) -> tuple[int, int, str] | bytes:
        """A block this process sealed, for ``adopt``: (start, length, digest) in its scratch
        file, or the bytes, when they stayed in memory."""
        if slug in self._sealed:
            _, start, length = self._sealed[slug]
            return start, length, self._digests[slug]
        return bytes(self._raw[slug][0])

    def adopt(self, slug: str, file: Any, block: tuple[int, int, str] | bytes) -> None:
        """Take a block another process sealed (``sealed_block``) into ``file``, one of this
        ledger's scratch files; it replaces whatever block the series had here."""
        if isinstance(block, bytes):
            self.seal(slug, block)
            return
        start, length, digest = block
        self._raw.pop(slug, None)
        self._parsed.pop(slug, None)
        self._dumped.pop(slug, None)
        self._sealed[slug] = (file, start, length)
        self._digests[slug] = digest

    def sealed(self, slug: str) -> bool:
        """True when the block is kept as text (read, or sealed), not as entries."""
        return slug in self._raw or slug in self._sealed

    def close(self) -> None:
        """Delete the scratch files of sealed blocks (the ledger must have been saved first)."""
        for file in self._files:
            file.close()
        self._files.clear()
        self._scratch = None
        self._sealed.clear()
        self._digests.clear()

    def _stored(self, slug: str) -> bytes | memoryview | None:
        """The block's text as read or sealed (entries parsed from it are never changed in
        place), or None when it exists only as entries."""
        if slug in self._raw:
            return self._raw[slug][0]
        if slug in self._sealed:
            file, start, length = self._sealed[slug]
            file.seek(start)
            return file.read(length)
        return None

    def block_bytes(self, slug: str) -> bytes | memoryview:
        stored = self._stored(slug)
        if stored is not None:
            return stored
        if slug not in self._dumped:
            self._dumped[slug] = dump_block(self._parsed.get(slug, {})).encode()
        return self._dumped[slug]

    def block_digest(self, slug: str) -> str:
        """A checksum of the series' block as it would be written."""
        if slug in self._digests:  # sealed: no need to read the block back
            return self._digests[slug]
        return hashlib.sha1(self.block_bytes(slug)).hexdigest()

    def all_entries(self) -> Iterator[tuple[str, Entry]]:
        for slug in self.slugs():
            yield from self.series(slug).items()

    def header(self) -> dict[str, Any]:
        return {"decks": dict(sorted(self.decks.items())), "format": FORMAT_VERSION,
                "generator": "levcards", "next_note_id": self.next_note_id,
                "notetypes": dict(sorted(self.notetypes.items()))}

    def chunks(self) -> Iterator[bytes | memoryview]:
        """The file in pieces: the header, then one block per series with one note per line."""
        head = ",\n".join(f" {_line(k)}: {_line(v)}" for k, v in self.header().items())
        yield ("{\n" + head + ",\n" + ' "series": {').encode()
        separator = b"\n"
        for slug in self.slugs():
            block = self.block_bytes(slug)
            if bytes(block[:2]) != b"{}":
                yield separator + f'  "{slug}": '.encode()
                yield block
                separator = b",\n"
        yield b"\n }\n}\n"

    def dumps(self) -> str:
        """Sorted JSON: the header, then one block per series with one note per line."""
        return b"".join(self.chunks()).decode()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ledger):
            return NotImplemented
        if self.header() != other.header():
            return False
        for slug in set(self.slugs()) | set(other.slugs()):
            if slug in self._raw and self._raw.get(slug) is other._raw.get(slug):
                continue
            mine, theirs = self._stored(slug), other._stored(slug)
            if mine is not None and theirs is not None:
                # both are text laid out as dump_block writes it: equal text, equal notes (a
                # hand-reordered line only costs one needless write, never a missed change)
                if mine == theirs:
                    continue
                return False
            if self.series(slug) != other.series(slug):
                return False
        return True

    __hash__ = None  # type: ignore[assignment]


def _append(file: Any, data: bytes | memoryview) -> int:
    """Write ``data`` at the end of ``file``; return where it starts. Raises OSError."""
    start: int = file.seek(0, 2)
    rest = memoryview(data)
    while rest:
        written = file.write(rest)
        if not written:
            raise OSError("the scratch file takes no more bytes")
        rest = rest[written:]
    return start


def content_hash(notetype: str, fields: tuple[str, ...] | list[str], tags: tuple[str, ...] | list[str]) -> str:
    """What decides whether a note changed: its note type, fields and tags.

    The last field (Source, "path:line") is left out: an edit higher up in the article shifts
    line numbers, and that alone must not count as a change to every note below it (it would
    overwrite learners' own edits). The line is refreshed whenever the note's content changes.
    """
    data = "\x1e".join([notetype, "\x1f".join(fields[:-1]), " ".join(sorted(tags))])
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def load(path: Path) -> Ledger:
    """Read the ledger; a missing file is an empty ledger, a broken one an error with its line.

    Only the header is parsed here; each series' block is parsed when a build asks for it.
    Format 1 (one flat map of notes) is read too and written back as format 2.
    """
    if not path.exists():
        return Ledger()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(str(path), 1, f"cannot be read ({err.strerror or err})", code="ledger") from None
    ledger = _load_lazily(data) or _load_whole(data, str(path))
    ledger.path = str(path)
    for block, offset in ledger._raw.values():  # not even an object: fail now, not mid-build
        if not (block[:1] == b"{" and block[-1:] == b"}"):
            raise SourceError(str(path), _line_at(data, offset), "has an unexpected shape; "
                              "restore it from version control", code="ledger")
    return ledger


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _load_lazily(data: bytes) -> Ledger | None:
    """Split a ledger laid out the way ``chunks`` writes it; None if it is laid out otherwise."""
    start = data.find(_SERIES_START)
    end = len(data)
    while end and data[end - 1] in b" \t\r\n":  # (data.rstrip() would copy 60 MB)
        end -= 1
    if start < 0 or not data.endswith(_END, 0, end):
        return None
    try:
        head = json.loads(data[:start].rstrip().rstrip(b",") + b"\n}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(head, dict) or head.get("format") != FORMAT_VERSION:
        return None
    ledger = _with_header(head)
    ledger._data = data
    view = memoryview(data)
    position = start + len(_SERIES_START) - 1
    end_of_series = end - len(_END)
    while position < end_of_series:
        if not data.startswith(_BLOCK_START, position):
            return None
        name_end = data.find(b'": ', position + len(_BLOCK_START))
        slug = data[position + len(_BLOCK_START):name_end].decode("ascii", "replace")
        if name_end < 0 or not slug or not all(c.isalnum() or c == "-" for c in slug):
            return None
        body_start = name_end + 3
        if data.startswith(b"{}", body_start):
            body_end = body_start + 2
        else:
            close = data.find(_BLOCK_END, body_start)
            if close < 0:
                return None
            body_end = close + len(_BLOCK_END)
        ledger._raw[slug] = (view[body_start:body_end], body_start)
        position = body_end + 1 if data.startswith(b",", body_end) else body_end
    return ledger


def _with_header(head: dict[str, Any]) -> Ledger:
    try:
        return Ledger(dict(head.get("notetypes", {})), dict(head.get("decks", {})),
                      int(head.get("next_note_id", 0)))
    except (TypeError, ValueError):
        return Ledger()


def _load_whole(text: bytes, shown: str) -> Ledger:
    """Parse the whole file: any valid layout of format 2, and format 1."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") not in (1, FORMAT_VERSION):
            found = data.get("format") if isinstance(data, dict) else None
            raise SourceError(shown, 1, f"has format {found!r}; this levcards reads formats 1 "
                              f"and {FORMAT_VERSION}", code="ledger")
        ledger = _with_header(data)
        if data["format"] == 1:
            ledger.format = 1
            grouped: dict[str, dict[str, Entry]] = {}
            for g, e in data.get("notes", {}).items():
                grouped.setdefault(e["series"], {})[g] = Entry(**e)
        else:
            grouped = {slug: {g: Entry(slug, **e) for g, e in block.items()}
                       for slug, block in data.get("series", {}).items()}
        for slug, entries in grouped.items():
            ledger.set_series(slug, entries)
        highest = max((e.note_id for _, e in ledger.all_entries()), default=-1)
        ledger.next_note_id = max(ledger.next_note_id, highest + 1)
        return ledger
    except json.JSONDecodeError as err:
        raise SourceError(shown, err.lineno, f"is not valid JSON ({err.msg}); restore it "
                          "from version control", code="ledger") from None
    except UnicodeDecodeError:
        raise SourceError(shown, 1, "is not UTF-8 text; restore it from version control",
                          code="ledger") from None
    except (TypeError, AttributeError, KeyError) as err:
        raise SourceError(shown, 1, f"has an unexpected shape ({err}); restore it from "
                          "version control", code="ledger") from None


def _parse_block(slug: str, raw: tuple[memoryview, int], data: bytes, shown: str) -> dict[str, Entry]:
    block, offset = raw
    text = bytes(block)
    try:
        entries = {g: Entry(slug, **e) for g, e in json.loads(text).items()}
        lines = text.split(b"\n")[1:-1]
        if len(lines) == len(entries):
            for entry, line in zip(entries.values(), lines):
                entry.line = line.rstrip(b",").decode()
        return entries
    except json.JSONDecodeError as err:
        raise SourceError(shown, _line_at(data, offset) + err.lineno - 1, f"is not valid JSON "
                          f"({err.msg}); restore it from version control", code="ledger") from None
    except UnicodeDecodeError:
        raise SourceError(shown, _line_at(data, offset), "is not UTF-8 text; restore it from "
                          "version control", code="ledger") from None
    except (TypeError, AttributeError) as err:
        raise SourceError(shown, _line_at(data, offset), f"has an unexpected shape in series "
                          f"{slug!r} ({err}); restore it from version control", code="ledger") from None


def save(ledger: Ledger, path: Path, previous: Ledger | None = None) -> bool:
    """Write the ledger atomically; return False when nothing changed since ``previous`` (the
    ledger read at the start of the build), which is then not written again."""
    if (previous is not None and previous.format == FORMAT_VERSION and path.exists()
            and ledger == previous):
        return False  # comparing the blocks is far cheaper than writing 60 MB of JSON again
    write_chunks(path, ledger.chunks())
    return True
