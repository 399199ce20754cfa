"""The build cache in the output folder (``.levcards-cache/``): unchanged work is not done again.

``index.json`` records, per article, its content key (a hash of its bytes and its sidecar's, the
path it is shown under, the reader override and levcards' version), the file's stat at the time
it was hashed, its series and what the report needs about it; and, per series, what its last
package was built from. ``items-<series>.json`` holds the extracted items of that series'
articles. Each file starts with a line holding levcards' version and a checksum of the rest.

Nothing here is trusted blindly: an unreadable, stale, damaged or malformed file or entry is
ignored, and the work is simply done again. A file's stat stands in for its content only when
size, times and inode all match and the file had not been touched for a few seconds before it
was hashed (a later edit within the file system's timestamp resolution could not hide).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import suppress
from dataclasses import fields
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_bytes
from .errors import OutputError, Problem, Severity
from .model import ITEM_TYPES, Article, Item, SourceRef
from .outcome import Outcome
from .overrides import read_sidecar, sidecar_name
from .series import OUTPUT_MARKER

CACHE_DIR = OUTPUT_MARKER  # the source scan skips a folder holding it: an --out inside the tree
INDEX_NAME = "index.json"
TRUST_AFTER_NS = 3_000_000_000
"""A file's stat vouches for its content only if it was this much older than the hashing."""
_FIELD_NAMES = {kind: tuple(f.name for f in fields(cls) if f.name != "ref")
                for kind, cls in ITEM_TYPES.items()}


def _stat_key(path: str, sidecar: str | None) -> list[int] | None:
    try:
        st = os.stat(path)
        side = os.stat(sidecar) if sidecar is not None else None
    except OSError:
        return None
    key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    if side is not None:
        key += [side.st_size, side.st_mtime_ns, side.st_ctime_ns, side.st_ino]
    return key


HASH_WHEN_READ = "hash when read"
"""``Cache.key_for`` of an article last build did not see: no record can match it, so its key
is computed by the worker that reads it (``Job.hash_content``), on both cores."""


def content_key(path: str, shown: str, reader: str | None) -> str | None:
    """The key of the article's content, or None when it cannot be read (the reader says why)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        side = read_sidecar(path)
    except OSError:
        return None
    return key_of(data, side, shown, reader)


def key_of(data: bytes, sidecar: bytes | None, shown: str, reader: str | None) -> str:
    """``content_key`` of an article whose bytes (and its sidecar's, if it has one) are read."""
    digest = hashlib.sha256(data)
    if sidecar is not None:
        digest.update(b"\x00sidecar\x00" + sidecar)
    return f"{__version__}|{reader or ''}|{shown}|{digest.hexdigest()}"


def _items_name(slug: str) -> str:
    return f"items-{slug or '_'}.json"


def _read_json(path: Path) -> Any:
    """The file's body if its checksum (the first line) holds and its version is ours, else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    stamp, _, text = data.partition(b"\n")
    if stamp != f"{__version__} {hashlib.sha256(text).hexdigest()}".encode():
        return None
    try:
        body = json.loads(text)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _write_json(path: Path, body: dict[str, Any]) -> None:
    """``body`` as JSON after a first line with levcards' version and the JSON's checksum."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    write_bytes(path, f"{__version__} {hashlib.sha256(text).hexdigest()}\n".encode() + text)


class Cache:
    """Last build's records (``before``) and this build's (``articles``, ``series``, items)."""

    def __init__(self, folder: Path, settings: str = "") -> None:
        self.folder = folder
        index = _read_json(folder / INDEX_NAME) or {}
        articles, series = index.get("articles"), index.get("series")
        self.articles_before: dict[str, Any] = articles if isinstance(articles, dict) else {}
        same = index.get("settings") == settings and isinstance(series, dict)
        self.series_before: dict[str, Any] = series if same else {}  # type: ignore[assignment]
        self.settings = settings
        self.articles: dict[str, Any] = {}
        self.series: dict[str, Any] = {}
        self._items_before: dict[str, dict[str, Any]] = {}
        self._items: dict[str, dict[str, Outcome | dict[str, Any]]] = {}
        self._read_entries: dict[str, dict[str, Any]] = {}
        self._items_files: set[str] = set()  # series whose items file stays (kept or written)
        self.stats: dict[str, list[int] | None] = {}
        """This build's stat of each article (size, mtime_ns, ctime_ns, inode, then its sidecar's)."""
        self._checked: dict[str, int] = {}  # when each article's stat was taken
        self._hashed: set[str] = set()  # articles whose key this build computed from the bytes

    # -- articles -----------------------------------------------------------------------------

    def key_for(self, path: str, shown: str, reader: str | None, sidecars: set[str]) -> str | None:
        """The content key, from the file's stat when last build's record vouches for it.
        ``sidecars`` are the sidecar files that exist in the article's folder."""
        sidecar = sidecar_name(path) if sidecars else None  # (most trees have none)
        self._checked[shown] = time.time_ns()  # before the stat: a later edit has a later mtime
        stat = self.stats[shown] = _stat_key(path, sidecar if sidecar in sidecars else None)
        record = self.articles_before.get(shown)
        if (stat is not None and isinstance(record, dict) and record.get("stat") == stat
                and isinstance(record.get("checked"), int) and stat[1] + TRUST_AFTER_NS < record["checked"]
                and isinstance(record.get("key"), str)):
            return record["key"]
        self._hashed.add(shown)
        if not isinstance(record, dict):
            return HASH_WHEN_READ  # no record to compare with: the worker that reads it hashes it
        return content_key(path, shown, reader)

    def record(self, shown: str, key: str | None) -> dict[str, Any] | None:
        """Last build's record of this article, if its content is the same."""
        record = self.articles_before.get(shown)
        if key is None or not isinstance(record, dict) or record.get("key") != key:
            return None
        needed = {"series": str, "problems": list, "reader": str, "items": int, "notes": int}
        if not all(isinstance(record.get(k), t) for k, t in needed.items()):
            return None
        try:
            problems_from(record["problems"])
        except (KeyError, TypeError, ValueError):
            return None
        return record

    def keep(self, shown: str, record: dict[str, Any]) -> None:
        """Carry last build's record of an article whose series was reused."""
        fields = self._stat_fields(shown, record["key"])
        same = record.get("stat") == fields["stat"] and record.get("checked") == fields["checked"]
        self.articles[shown] = record if same else {**record, **fields}

    def remember(self, shown: str, key: str | None, series: str, outcome: Outcome,
                 problems: list[Problem], notes: int) -> None:
        """Record an article this build processed (readable ones only)."""
        article = outcome.article
        if key is None or article is None:
            return
        self.articles[shown] = {
            "key": key, "series": series, "problems": [p.as_dict() for p in problems],
            "reader": article.reader, "items": len(outcome.items),
            "notes": notes, **self._stat_fields(shown, key)}
        # an entry read from the cache is written back as it was read; new ones are encoded on save
        self._items.setdefault(series, {})[key] = self._read_entries.get(key, outcome)

    def _stat_fields(self, shown: str, key: str) -> dict[str, Any]:
        before = self.articles_before.get(shown)
        stat = self.stats.get(shown)
        if (shown not in self._hashed and isinstance(before, dict) and before.get("stat") == stat
                and before.get("key") == key):
            return {"stat": stat, "checked": before.get("checked")}  # still vouched for
        return {"stat": stat, "checked": self._checked.get(shown, 0)}

    def outcome(self, key: str | None, series: str) -> Outcome | None:
        """The cached Outcome for ``key`` from the items of ``series``, or None."""
        if key is None:
            return None
        if series not in self._items_before:
            self._items_before[series] = _read_json(self.folder / _items_name(series)) or {}
        entry = self._items_before[series].get(key)
        try:
            found = _decode(entry) if entry is not None else None
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # malformed: read the article again
        if found is not None and entry is not None:
            self._read_entries[key] = entry
        return found

    # -- series -------------------------------------------------------------------------------

    def series_record(self, slug: str, members: list[list[str]]) -> dict[str, Any] | None:
        """Last build's record of a series built from exactly these (path, key) members."""
        record = self.series_before.get(slug)
        if not isinstance(record, dict) or record.get("members") != members:
            return None
        needed = {"name": str, "origin": str, "ledger": str, "package": str, "stable": bool,
                  "tally": dict}
        if not all(isinstance(record.get(k), t) for k, t in needed.items()):
            return None
        tally = record["tally"]
        counts = [tally.get(k) for k in ("notes", "cards", "unchanged")]
        items = tally.get("items")
        if not all(type(c) is int for c in counts) or not isinstance(items, dict) or not all(
                type(v) is int for v in items.values()):
            return None
        return record

    def keep_series(self, slug: str, record: dict[str, Any]) -> None:
        self.series[slug] = record
        self._items_files.add(slug)  # its items file stays as it is

    def record_series(self, slug: str, record: dict[str, Any]) -> None:
        self.series[slug] = record

    def flush(self, slug: str) -> None:
        """Write the items of series ``slug`` now and let go of them. (Entries are keyed by
        content, so an items file newer than the index can only cause a cache miss.)"""
        self.write_items(slug)
        self.forget_items(slug)

    def write_items(self, slug: str) -> None:
        """Write the items file of series ``slug`` (a forked helper may do this part)."""
        items = self._items.get(slug)
        if items is None:
            return
        with suppress(OSError, OutputError):
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_json(self.folder / _items_name(slug),
                        {k: _encode(o) if isinstance(o, Outcome) else o for k, o in items.items()})

    def forget_items(self, slug: str) -> None:
        """Let go of the items of series ``slug``, whose items file has been written."""
        if self._items.pop(slug, None) is not None:
            self._items_files.add(slug)

    def save(self) -> None:
        """Write this build's records; a cache that cannot be written is not an error."""
        for slug in list(self._items):
            self.flush(slug)
        with suppress(OSError, OutputError):
            self.folder.mkdir(parents=True, exist_ok=True)
            wanted = {_items_name(slug) for slug in self._items_files}
            for stale in self.folder.glob("items-*.json"):
                if stale.name not in wanted:
                    stale.unlink()
            _write_json(self.folder / INDEX_NAME, {"settings": self.settings,
                                                   "articles": self.articles, "series": self.series})


def package_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _item_dict(item: Item, path: str) -> dict[str, Any]:
    """The item's fields and its line; its path only when it is not the article's own."""
    data: dict[str, Any] = {name: getattr(item, name) for name in _FIELD_NAMES[item.kind]}
    data["line"] = item.ref.line
    if item.ref.path != path:
        data["path"] = item.ref.path
    return data


def _encode(outcome: Outcome) -> dict[str, Any]:
    article = outcome.article
    assert article is not None
    return {
        "article": {"path": article.path, "slug": article.slug, "title": article.title,
                    "reader": article.reader, "meta": article.meta,
                    "warnings": [list(w) for w in article.warnings]},
        "items": [_item_dict(i, article.path) for i in outcome.items],
        "problems": [p.as_dict() for p in outcome.problems],
    }


def _decode(data: dict[str, Any]) -> Outcome:
    a = data["article"]
    article = Article(str(a["path"]), str(a["slug"]), str(a["title"]), str(a["reader"]), (),
                      dict(a["meta"]), tuple((int(w[0]), str(w[1])) for w in a["warnings"]))
    items: list[Item] = []
    for raw in data["items"]:
        values = dict(raw)
        kind = values.pop("kind")
        ref = SourceRef(str(values.pop("path", article.path)), int(values.pop("line")))
        for name in ("members", "phrases"):  # tuples, which JSON gives back as lists
            if name in values:
                values[name] = tuple(values[name])
        items.append(ITEM_TYPES[kind](ref=ref, **values))
    problems = [Problem(p["path"], p["line"], p["severity"], p["code"], p["message"], p["col"])
                for p in data["problems"]]
    return Outcome(article, items, problems)


def problems_from(records: list[dict[str, Any]]) -> list[Problem]:
    return [Problem(str(p["path"]), int(p["line"]), _severity(p["severity"]), str(p["code"]),
                    str(p["message"]), int(p["col"])) for p in records]


def _severity(value: object) -> Severity:
    if value not in ("error", "warning", "info"):
        raise ValueError(f"unknown severity {value!r}")
    return value
