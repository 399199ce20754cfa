"""levcards.toml: deck names, descriptions, tags and CSS per series.

Keys (all optional), in ``<source>/levcards.toml`` and ``<source>/<folder>/levcards.toml``:

    name = "Deck name"          # the deck's name (default: the series name)
    description = "…"           # shown on the deck's overview screen
    tags = ["extra", "tags"]    # added to every note
    series = "Series name"      # folder file only: put every article of the folder in this series
    deck_id = 1234567890        # pin the deck ID (default: hash of the series slug)
    base_url = "https://…"      # makes a relative frontmatter canonical a link on the cards
    [style]
    css = "…"                   # appended to the note types' CSS
    [series.<slug>]             # root file only: the same keys for one series
    threshold = 0.6             # root file only: confidence below which items are suggestions
    max_answer_words = 60       # root file only: `check` warns about longer answers
    [pins]                      # root file only: "series-slug/kind/key" = "GUID"

A folder's file wins over ``[series.<slug>]`` in the root file, which wins over the root file's
top-level keys. Both win over frontmatter (which only chooses the series).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problems, SourceError

CONFIG_NAME = "levcards.toml"
_KEYS = {"name", "description", "tags", "series", "deck_id", "style", "base_url"}
_ROOT_ONLY = {"pins", "threshold", "max_answer_words"}


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What one ``build`` (or ``release``, or a watcher's rebuild) is asked for, beyond where
    from and where to: the command line's settings, in one value."""

    reader: str | None = None
    """Force one reader instead of sniffing."""
    threshold: float | None = None
    """Keep items at or above this confidence; None: levcards.toml's (else 0.6)."""
    strict: bool = False
    """Write nothing when there is any finding."""
    frozen: bool = False
    """Write nothing when the ledger would change."""
    version: str = ""
    """A release's version: its changelog and manifest are written too."""
    include_all: bool = False
    """Items under the threshold become cards too."""
    only: frozenset[str] | None = None
    """Write only these series' packages (the watcher's partial rebuilds)."""


@dataclass(frozen=True, slots=True)
class DeckConfig:
    """Settings for one deck, merged from the files that apply to it."""

    name: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    series: str = ""
    deck_id: int | None = None
    css: str = ""
    base_url: str = ""
    """Makes a frontmatter ``canonical`` like "/money/budgets" absolute for the cards' link."""

    def over(self, base: DeckConfig) -> DeckConfig:
        """This config's values where set, ``base``'s elsewhere (tags and CSS add up)."""
        return DeckConfig(
            name=self.name or base.name,
            description=self.description or base.description,
            tags=tuple(dict.fromkeys(base.tags + self.tags)),
            series=self.series or base.series,
            deck_id=self.deck_id if self.deck_id is not None else base.deck_id,
            css="\n".join(c for c in (base.css, self.css) if c),
            base_url=self.base_url or base.base_url,
        )


DEFAULT_THRESHOLD = 0.6
"""Items extracted with less confidence are suggestions, not cards (``threshold`` in the root file)."""


@dataclass(frozen=True, slots=True)
class RootConfig:
    defaults: DeckConfig = DeckConfig()
    per_series: dict[str, DeckConfig] = field(default_factory=dict)
    threshold: float = DEFAULT_THRESHOLD
    max_answer_words: int = 60


def load_file(path: Path, shown: str, allow_series_tables: bool) -> tuple[DeckConfig, dict[str, DeckConfig]]:
    """Parse one levcards.toml; SourceError with the line on bad TOML or unknown keys."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_of(str(err))
        raise SourceError(shown, line, f"is not valid TOML ({err})", code="config") from None
    except (OSError, UnicodeDecodeError) as err:
        raise SourceError(shown, 1, f"cannot be read ({err})", code="config") from None
    tables = data.pop("series", None) if allow_series_tables and isinstance(data.get("series"), dict) else None
    if allow_series_tables:
        for key in _ROOT_ONLY:
            data.pop(key, None)
    text = path.read_text(encoding="utf-8")
    per_series = {str(slug): _deck(value, shown, _KEYS, text) for slug, value in (tables or {}).items()}
    return _deck(data, shown, _KEYS | _ROOT_ONLY if allow_series_tables else _KEYS, text), per_series


def _line_of(message: str) -> int:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else 1


def _deck(data: Any, shown: str, allowed: set[str], text: str) -> DeckConfig:
    """One deck's settings; ``allowed`` are the keys the file may hold where ``data`` stands."""
    if not isinstance(data, dict):
        raise SourceError(shown, 1, "a [series.<slug>] entry must be a table", code="config")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        where = re.search(rf"^[ \t]*{re.escape(unknown[0])}[ \t]*=|^[ \t]*\[{re.escape(unknown[0])}\]",
                          text, re.MULTILINE)
        line = text.count("\n", 0, where.start()) + 1 if where else 1
        tables = " and [series.<slug>] tables" if "threshold" in allowed else ""
        raise SourceError(shown, line, f"unknown key {unknown[0]!r}; keys must be one of "
                          f"{', '.join(sorted(allowed))}{tables}", code="config")
    style = data.get("style", {})
    tags = data.get("tags", [])
    deck_id = data.get("deck_id")
    if not isinstance(style, dict) or not isinstance(tags, list) or (
            deck_id is not None and not isinstance(deck_id, int)):
        raise SourceError(shown, 1, "'tags' must be a list, '[style]' a table and 'deck_id' a "
                          "whole number", code="config")
    base_url = data.get("base_url", "")
    if not isinstance(base_url, str) or base_url and not re.match(r"^https?://", base_url):
        raise SourceError(shown, 1, "'base_url' must be an http(s) address such as "
                          "\"https://example.org\"", code="config")
    return DeckConfig(str(data.get("name", "")), str(data.get("description", "")),
                      tuple(str(t) for t in tags), str(data.get("series", "")), deck_id,
                      str(style.get("css", "")), base_url)


def load_root(root: Path) -> RootConfig:
    path = root / CONFIG_NAME
    if not path.is_file():
        return RootConfig()
    defaults, per_series = load_file(path, str(path), allow_series_tables=True)
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    threshold, words = data.get("threshold", DEFAULT_THRESHOLD), data.get("max_answer_words", 60)
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1 or not isinstance(words, int):
        raise SourceError(str(path), 1, "'threshold' must be a number from 0 to 1 and "
                          "'max_answer_words' a whole number", code="config")
    return RootConfig(defaults, per_series, float(threshold), words)


def load_pins(root: Path) -> dict[str, str]:
    """Hand-pinned identities: ``[pins]`` maps "series-slug/kind/key" to a note GUID."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        try:
            pins = tomllib.load(handle).get("pins", {})
        except tomllib.TOMLDecodeError:
            return {}
    return {str(k): str(v) for k, v in pins.items()} if isinstance(pins, dict) else {}


def load_folder(folder: Path) -> DeckConfig | None:
    path = folder / CONFIG_NAME
    if not path.is_file():
        return None
    return load_file(path, str(path), allow_series_tables=False)[0]


def folder_config(folder: Path, problems: Problems) -> DeckConfig | None:
    """A folder's levcards.toml; a broken one is reported and the folder keeps the defaults."""
    try:
        return load_folder(folder)
    except SourceError as err:
        problems.from_error(err)
        return None
