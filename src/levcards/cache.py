"""The extraction cache in the output folder: an unchanged article is not read again.

Entries are keyed by the article's bytes (and its sidecar's), the path it is shown under, the
reader override and levcards' version; each entry carries a checksum of itself. The file is
JSON and never trusted: anything unreadable, stale, damaged or malformed is ignored and the
article is simply read again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_text
from .errors import OutputError, Problem
from .model import ITEM_TYPES, Article, Item, SourceRef
from .overrides import sidecar_for
from .worker import Outcome

CACHE_NAME = ".levcards-cache.json"
_FIELD_NAMES = {kind: tuple(f.name for f in fields(cls) if f.name != "ref")
                for kind, cls in ITEM_TYPES.items()}


def key_for(path: Path, shown: str, reader: str | None) -> str | None:
    """The cache key, or None when the file cannot be read (the reader will say why)."""
    try:
        digest = hashlib.sha256(path.read_bytes())
        sidecar = sidecar_for(path)
        if sidecar.is_file():
            digest.update(b"\x00sidecar\x00" + sidecar.read_bytes())
    except OSError:
        return None
    return f"{__version__}|{reader or ''}|{shown}|{digest.hexdigest()}"


class Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.packages: dict[str, Any] = {}
        self.written: dict[str, Any] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == __version__:
                entries, packages = data.get("entries"), data.get("packages")
                self.entries = entries if isinstance(entries, dict) else {}
                self.packages = packages if isinstance(packages, dict) else {}
        except (OSError, ValueError):
            self.entries = {}

    def get(self, key: str | None) -> Outcome | None:
        if key is None or key not in self.entries:
            return None
        entry = self.entries[key]
        try:
            if entry["sha"] != _digest(entry["data"]):
                return None  # damaged since it was written: read the article again
            outcome = _decode(entry["data"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # malformed: read the article again
        self.used[key] = self.entries[key]
        return outcome

    def put(self, key: str | None, outcome: Outcome) -> None:
        if key is not None and outcome.article is not None:
            data = _encode(outcome)
            self.used[key] = {"sha": _digest(data), "data": data}

    def package_unchanged(self, target: Path, fingerprint: str) -> bool:
        """True when ``target`` is the very file the last build wrote for this content."""
        known = self.packages.get(str(target))
        if not isinstance(known, dict) or known.get("fingerprint") != fingerprint:
            return False
        try:
            return hashlib.sha256(target.read_bytes()).hexdigest() == known.get("sha256")
        except OSError:
            return False

    def record_package(self, target: Path, fingerprint: str) -> None:
        try:
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
        except OSError:
            return
        self.written[str(target)] = {"fingerprint": fingerprint, "sha256": digest}

    def save(self) -> None:
        """Keep only this build's entries; a cache that cannot be written is not an error."""
        packages = {**self.packages, **self.written}
        text = json.dumps({"version": __version__, "entries": self.used, "packages": packages},
                          ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        try:
            write_text(self.path, text)
        except OutputError:
            pass


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _item_dict(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(item, name) for name in _FIELD_NAMES[item.kind]}
    data["ref"] = {"path": item.ref.path, "line": item.ref.line}
    return data


def _encode(outcome: Outcome) -> dict[str, Any]:
    article = outcome.article
    assert article is not None
    return {
        "article": {"path": article.path, "slug": article.slug, "title": article.title,
                    "reader": article.reader, "meta": article.meta,
                    "warnings": [list(w) for w in article.warnings]},
        "items": [_item_dict(i) for i in outcome.items],
        "problems": [p.as_dict() for p in outcome.problems],
    }


def _decode(data: dict[str, Any]) -> Outcome:
    a = data["article"]
    article = Article(str(a["path"]), str(a["slug"]), str(a["title"]), str(a["reader"]), (),
                      dict(a["meta"]), tuple((int(w[0]), str(w[1])) for w in a["warnings"]))
    items: list[Item] = []
    for raw in data["items"]:
        fields = dict(raw)
        kind = fields.pop("kind")
        ref = fields.pop("ref")
        if "members" in fields:
            fields["members"] = tuple(fields["members"])
        items.append(ITEM_TYPES[kind](ref=SourceRef(str(ref["path"]), int(ref["line"])), **fields))
    problems = [Problem(p["path"], p["line"], p["severity"], p["code"], p["message"], p["col"])
                for p in data["problems"]]
    return Outcome(article, items, problems)
