"""The glue: sources -> articles -> items -> notes, grouped by series (see builder.py for writing)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from . import __version__
from . import config as cfg
from .cache import CACHE_DIR, HASH_WHEN_READ, Cache, problems_from
from .cards import NoteContext, make_notes, tag_safe
from .config import BuildOptions
from .errors import Problems, SourceError
from .lint import note_findings
from .model import Article
from .restated import check_unique_guids, distinct_fronts
from .results import ArticleResult, Report, SeriesResult
from .series import SeriesChoice, choose_series, find_articles, slugify
from .sources import article_keys, listing, sidecars_in, suffix
from .worker import Job, Outcome, run_all


def extract_paths(paths: Sequence[Path], reader: str | None = None,
                  threshold: float = cfg.DEFAULT_THRESHOLD, explain: bool = False) -> Report:
    """Read and extract the given files (or folders); no decks are made. With ``explain``,
    each result also says which section, role and layout made each item, and which role
    sections yielded nothing (``ArticleResult.explained`` and ``silent``)."""
    problems = Problems()
    files = [f for given in paths for f in (find_articles(given) if given.is_dir() else [given])]
    results: list[ArticleResult] = []
    jobs = [Job(str(f), str(f), reader, keep_sections=False) for f in files]
    for path, outcome in zip(files, run_all(jobs)):
        problems.items.extend(outcome.problems)
        article = outcome.article
        series = choose_series(article, path.parent.name, None).name if article else ""
        items = [i for i in outcome.items if i.confidence >= threshold]
        result = ArticleResult(str(path), article, series, items)
        if explain and article is not None:
            _explain(result, path, reader, threshold)
        results.append(result)
    return Report([], problems, results)


def _explain(result: ArticleResult, path: Path, reader: str | None, threshold: float) -> None:
    """Fill in why each item exists (the worker sent back items, not the outline)."""
    from .extract import explain
    from .readers import read_article

    try:
        article = read_article(path, result.path, reader)
    except SourceError:
        return  # already reported by the worker
    result.explained, result.silent = explain(article, threshold)
    result.items = [f.item for f in result.explained]


Progress = Callable[[int, int], None]
"""Called as (done, total) while articles are read."""
Reusable = Callable[[str, dict[str, Any]], bool]
"""Asked whether a series whose inputs are unchanged can keep last build's package and notes."""


def plan(source: Path, options: BuildOptions | None = None, progress: Progress | None = None,
         cache_dir: Path | None = None, keep_sections: bool = False,
         reusable: Reusable | None = None) -> Report:
    """Read, extract and make notes for every article under ``source``, grouped by series.

    Items under the confidence threshold (``options``, else levcards.toml's, else 0.6) become
    suggestions instead of notes, unless ``include_all``. With ``cache_dir``, unchanged articles
    come from the build cache there instead of being read again, and a series whose articles
    and settings are all as last time (and that ``reusable`` accepts) is not even made into
    notes again: it keeps last build's package (``SeriesResult.reused``).
    """
    options = options or BuildOptions()
    planner = _Planner(source, options, cache_dir)
    todo = [p for p in planner.paths if planner.known[p] is None]
    # when every article is read anyway, its notes are made while the workers read the next
    lazy = len(todo) == len(planner.paths)
    unseen = {p for p in todo if planner.content[p] == HASH_WHEN_READ}
    reading = _read(todo, options.reader, progress, keep_sections, lazy, unseen)
    arriving = zip(todo, reading)
    outcomes = {} if lazy else dict(arriving)
    reused = planner.reusable_series(todo, outcomes, reusable) if not lazy else {}
    planner.add_cached(outcomes, reused)
    late = [p for p in planner.paths if planner.known[p] is not None and p not in outcomes
            and planner.slug_of.get(p) not in reused]
    outcomes.update(zip(late, _read(late, options.reader, progress, keep_sections)))
    for path in planner.paths:
        if planner.known[path] is not None and path not in outcomes:
            planner.add_reused(path, reused)
            continue
        outcome = outcomes[path] if path in outcomes else next(arriving)[1]
        if path in unseen:  # hashed by its worker; its series is a touched one, never reused
            planner.content[path] = outcome.key
        planner.add_read(path, outcome)
    if isinstance(reading, Generator):  # every outcome taken: the reading pool can shut down
        reading.close()
    return planner.report()


class _Planner:
    """What ``plan`` knows while it goes through the articles: the listing and its settings,
    the cache's records, and the series and results made so far."""

    def __init__(self, source: Path, options: BuildOptions, cache_dir: Path | None) -> None:
        self.problems = problems = Problems()
        try:
            self.root_config = cfg.load_root(source) if source.is_dir() else cfg.RootConfig()
        except SourceError as err:
            problems.from_error(err)
            self.root_config = cfg.RootConfig()
        self.threshold = options.threshold
        if self.threshold is None:
            self.threshold = 0.0 if options.include_all else self.root_config.threshold
        self.root = root = source if source.is_dir() else source.parent
        self.paths = listing(source, root, problems)
        self.keys = article_keys(self.paths, root)
        self.parent = {p: os.path.dirname(p) for p in self.paths}
        folders = set(self.parent.values())
        # the folder string of a file directly under the root, as os.path.dirname gives it
        self.root_folder = (os.path.dirname(os.path.join("" if str(root) == "." else str(root), "x"))
                            if source.is_dir() else os.path.dirname(str(source)))
        self.cache: Cache | None = None
        if cache_dir is not None:
            settings = json.dumps([options.version, options.include_all])
            self.cache = Cache(cache_dir / CACHE_DIR, _settings_digest(
                root, folders, options.reader, self.threshold, settings))
        sidecars = {s for folder in folders for s in sidecars_in(folder)}
        cache = self.cache
        self.content = {p: cache.key_for(p, p, options.reader, sidecars) if cache else None
                        for p in self.paths}
        self.known = {p: cache.record(p, self.content[p]) if cache else None for p in self.paths}
        self.slug_of: dict[str, str] = {p: r["series"] for p, r in self.known.items() if r is not None}
        self.choices: dict[str, SeriesChoice] = {}
        self.folder_configs: dict[str, cfg.DeckConfig | None] = {}
        self.by_slug: dict[str, SeriesResult] = {}
        self.results: list[ArticleResult] = []
        self.seen_keys: dict[str, dict[tuple[str, str], str]] = {}  # per series: duplicate-key

    def config_of(self, folder: str) -> cfg.DeckConfig | None:
        if folder not in self.folder_configs:
            self.folder_configs[folder] = (None if folder == self.root_folder
                                           else cfg.folder_config(Path(folder), self.problems))
        return self.folder_configs[folder]

    def series_of(self, path: str, article: Article) -> SeriesChoice:
        if path not in self.choices:
            folder = self.parent[path]
            folder_name = (os.path.basename(folder) if folder != self.root_folder
                           else (self.root.resolve().name or "levcards"))
            self.choices[path] = choose_series(article, folder_name, self.config_of(folder))
        return self.choices[path]

    def reusable_series(self, todo: list[str], outcomes: dict[str, Outcome],
                        reusable: Reusable | None) -> dict[str, dict[str, Any]]:
        """The series that keep last build's package: none of their articles was read."""
        for p, o in outcomes.items():
            if o.article is not None and not _is_draft(o.article):
                self.slug_of[p] = slugify(self.series_of(p, o.article).name)
        if self.cache is None or reusable is None or not all(o.article for o in outcomes.values()):
            return {}
        return _reused_series(self.paths, {self.slug_of.get(p) for p in todo}, self.slug_of,
                              self.content, self.cache, reusable)

    def add_cached(self, outcomes: dict[str, Outcome], reused: dict[str, dict[str, Any]]) -> None:
        """Unchanged articles of series that are made again: their outcome from the cache."""
        for p in self.paths:
            if self.known[p] is not None and self.slug_of[p] not in reused and self.cache:
                found = self.cache.outcome(self.content[p], self.slug_of[p])
                if found is not None:
                    outcomes[p] = found

    def add_reused(self, path: str, reused: dict[str, dict[str, Any]]) -> None:
        """An article of a reused series: last build's record stands for it."""
        record, cache = self.known[path], self.cache
        assert record is not None and cache is not None
        slug = record["series"]
        series, created = _join(self.by_slug, slug, reused[slug]["name"], reused[slug]["origin"],
                                self.root_config, self.config_of(self.parent[path]))
        if created:
            series.reused = reused[slug]
            cache.keep_series(slug, reused[slug])
        self.problems.items.extend(problems_from(record["problems"]))
        result = ArticleResult(path, Article(path, "", "", record["reader"], ()), series.name,
                               key=self.keys[path], tally=(record["items"], record["notes"]))
        cache.keep(path, record)
        series.articles.append(result)
        self.results.append(result)

    def add_read(self, path: str, outcome: Outcome) -> None:
        """An article read now (or from the cache): its items, notes and findings."""
        problems, key = self.problems, self.keys[path]
        folder_config = self.config_of(self.parent[path])  # its findings are the folder's
        before = len(problems.items)
        problems.items.extend(outcome.problems)
        article = outcome.article
        if article is None:
            self.results.append(ArticleResult(path, None, "", key=key))
            return
        if _is_draft(article):
            problems.add(path, 1, "info", "draft", "left out: frontmatter marks it as a draft "
                         "('draft: true' or 'levcards: false')")
            self.results.append(ArticleResult(path, article, "", key=key, skipped="draft"))
            if self.cache is not None:
                self.cache.remember(path, self.content[path], "", outcome, problems.items[before:], 0)
            return
        choice = self.series_of(path, article)
        slug = slugify(choice.name)
        series, _ = _join(self.by_slug, slug, choice.name, choice.origin, self.root_config,
                          folder_config)
        threshold = self.threshold or 0.0
        result = ArticleResult(path, article, choice.name, key=key,
                               items=[i for i in outcome.items if i.confidence >= threshold],
                               suggestions=[i for i in outcome.items if i.confidence < threshold])
        if not result.items:
            problems.warning(path, 1, "no-items", "yields no study items; add a definitions, "
                             "FAQ, key takeaways or common mistakes section")
        ctx = NoteContext(article, key, slug, choice.name,
                          tuple(t for t in (tag_safe(x) for x in series.config.tags) if t),
                          key + suffix(path), series.config.base_url)
        result.notes = make_notes(ctx, result.items)
        note_findings(result, series, self.seen_keys.setdefault(slug, {}),
                      self.root_config.max_answer_words, problems)
        if self.cache is not None:
            self.cache.remember(path, self.content[path], slug, outcome, problems.items[before:],
                                len(result.notes))
        series.articles.append(result)
        self.results.append(result)

    def report(self) -> Report:
        for series in self.by_slug.values():
            series.own_css = series.config.css != self.root_config.defaults.css
            distinct_fronts(series.articles)
        check_unique_guids(self.by_slug.values(), self.problems)
        return Report(sorted(self.by_slug.values(), key=lambda s: s.slug), self.problems,
                      self.results, cache=self.cache)


def _reused_series(paths: list[str], touched: set[str | None], slug_of: dict[str, str],
                   content: dict[str, str | None], cache: Cache,
                   reusable: Reusable) -> dict[str, dict[str, Any]]:
    """Series that no read article belongs to, built last time from exactly the same
    (path, content key) members, with settled matching, and that ``reusable`` accepts."""
    members: dict[str, list[list[str]]] = {}
    for p in paths:
        members.setdefault(slug_of.get(p, ""), []).append([p, str(content[p])])
    reused = {}
    for slug, listed in members.items():
        record = cache.series_record(slug, listed) if slug and slug not in touched else None
        if record is not None and record["stable"] and reusable(slug, record):
            reused[slug] = record
    return reused


def _join(by_slug: dict[str, SeriesResult], slug: str, name: str, origin: str,
          root_config: cfg.RootConfig, folder_config: cfg.DeckConfig | None) -> tuple[SeriesResult, bool]:
    """The series ``slug`` (made on first use) with the article's folder settings laid over it;
    True when it was made now."""
    series = by_slug.get(slug)
    created = series is None
    if series is None:
        deck = root_config.per_series.get(slug, cfg.DeckConfig()).over(root_config.defaults)
        series = by_slug[slug] = SeriesResult(slug, name, origin, deck)
    if folder_config is not None:
        series.config = folder_config.over(series.config)
    return series, created


def _settings_digest(root: Path, folders: set[str], reader: str | None, threshold: float,
                     extra: str) -> str:
    """Everything besides the articles themselves that decides a series' notes and package."""
    digest = hashlib.sha256(repr((__version__, reader, threshold, extra)).encode())
    for folder in sorted({root, *map(Path, folders)}):
        with suppress(OSError):
            digest.update(f"\x00{folder}\x00".encode() + (folder / cfg.CONFIG_NAME).read_bytes())
    return digest.hexdigest()


def _read(paths: list[str], reader: str | None, progress: Progress | None,
          keep_sections: bool, lazy: bool = False,
          unseen: frozenset[str] | set[str] = frozenset()) -> Iterable[Outcome]:
    """Outcomes in the order of ``paths``; ``lazy`` yields each as it arrives; the workers
    compute the content keys of the ``unseen`` paths."""
    outcomes = run_all([Job(p, p, reader, keep_sections, p in unseen) for p in paths], progress)
    return outcomes if lazy else list(outcomes)


def _is_draft(article: Article) -> bool:
    return article.meta.get("draft") is True or article.meta.get("levcards") is False


def check(source: Path, reader: str | None = None, include_all: bool = False) -> Report:
    """Everything a build would find (the lint rules included); nothing is written."""
    return plan(source, BuildOptions(reader=reader, include_all=include_all), keep_sections=True)
