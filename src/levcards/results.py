"""What a run produced: per-article and per-series results, and the Report every command prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config as cfg
from .errors import Problems
from .matching import Changes
from .model import ITEM_KINDS, Article, Item, NoteSpec

if TYPE_CHECKING:
    from .cache import Cache
    from .extract import Found, Silent



@dataclass
class ArticleResult:
    """One source file and what became of it (``article`` is None when it could not be read)."""

    path: str
    article: Article | None
    series: str
    items: list[Item] = field(default_factory=list)
    notes: list[NoteSpec] = field(default_factory=list)
    key: str = ""
    """The article's path under the source root without its ending (its identity)."""
    suggestions: list[Item] = field(default_factory=list)
    """Items below the confidence threshold: shown by `check`, not made into cards."""
    skipped: str = ""
    """Why the article was left out on purpose (a draft), if it was."""
    tally: tuple[int, int] | None = None
    """(items, notes) as last build counted them, for an article of a reused series."""
    explained: list[Found] = field(default_factory=list)
    """With `extract --explain`: each item with the section, role and layout that made it."""
    silent: list[Silent] = field(default_factory=list)
    """With `extract --explain`: sections with a role that yielded nothing, and why."""

    @property
    def item_count(self) -> int:
        return self.tally[0] if self.tally else len(self.items)

    @property
    def note_count(self) -> int:
        return self.tally[1] if self.tally else len(self.notes)


@dataclass
class SeriesResult:
    """One series: its deck settings, articles, notes and (after writing) output file."""

    slug: str
    name: str
    origin: str
    config: cfg.DeckConfig
    articles: list[ArticleResult] = field(default_factory=list)
    output: Path | None = None
    own_css: bool = False
    """True when the series' CSS differs from the shared one (it then gets its own note types)."""
    shipped: list[NoteSpec] = field(default_factory=list)
    """The notes written to the package: this build's, plus carried-over and retired ones."""
    reused: dict[str, Any] | None = None
    """Last build's record of this series when nothing it depends on changed: its package,
    ledger block and counts are kept as they are, and no notes are made (``shipped`` is empty)."""
    tally: dict[str, Any] | None = None
    """{"notes", "cards", "items"} counted before the notes were let go (see ``let_go``)."""

    @property
    def deck_name(self) -> str:
        return self.config.name or self.name

    @property
    def notes(self) -> list[NoteSpec]:
        return [n for a in self.articles for n in a.notes]

    def _counted(self) -> dict[str, Any] | None:
        return self.tally if self.tally is not None else (self.reused or {}).get("tally")

    @property
    def note_count(self) -> int:
        """Notes in the package (retired and carried-over ones included)."""
        counted = self._counted()
        if counted is not None:
            return int(counted["notes"])
        return len(self.shipped or self.notes)

    @property
    def card_count(self) -> int:
        counted = self._counted()
        if counted is not None:
            return int(counted["cards"])
        return sum(n.cards for n in self.shipped or self.notes)

    def item_counts(self) -> dict[str, int]:
        counted = self._counted()
        if counted is not None:
            return {kind: int(counted["items"].get(kind, 0)) for kind in ITEM_KINDS}
        counts = dict.fromkeys(ITEM_KINDS, 0)
        for a in self.articles:
            for item in a.items:
                counts[item.kind] += 1
        return counts

    def let_go(self) -> None:
        """Keep only the counts of the series' items and notes, once its package is written
        (a large build then never holds every series' notes at once)."""
        self.tally = {"notes": self.note_count, "cards": self.card_count,
                      "items": self.item_counts()}
        self.shipped = []
        for a in self.articles:
            a.tally = (a.item_count, a.note_count)
            a.items, a.notes, a.suggestions = [], [], []


@dataclass
class Report:
    """Everything a command prints: series, problems, and the articles that were skipped."""

    series: list[SeriesResult]
    problems: Problems
    articles: list[ArticleResult]
    changes: Changes | None = None
    ledger_written: bool = False
    release_summary: str = ""
    """For a release: what its changelog says changed since the previous release, in a line."""
    cache: Cache | None = None
    """The extraction cache this run filled; build saves it once the packages are written."""

    @property
    def ok(self) -> bool:
        return not self.problems.errors
