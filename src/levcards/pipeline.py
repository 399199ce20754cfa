"""The glue: sources -> articles -> items -> notes, grouped by series (see builder.py for writing)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from . import __version__
from . import config as cfg
from .cache import CACHE_DIR, HASH_WHEN_READ, Cache, problems_from
from .cards import NoteContext, make_notes, tag_safe
from .errors import Problems, SourceError
from .lint import note_findings
from .model import Article, NoteSpec
from .overrides import SUFFIX
from .restated import distinct_fronts
from .results import ArticleResult, Report, SeriesResult
from .series import SeriesChoice, choose_series, find_articles, list_articles, slugify
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


def plan(source: Path, reader: str | None = None, threshold: float | None = None,
         progress: Progress | None = None, include_all: bool = False,
         cache_dir: Path | None = None, keep_sections: bool = False,
         reusable: Reusable | None = None, settings: str = "") -> Report:
    """Read, extract and make notes for every article under ``source``, grouped by series.

    Items under the confidence ``threshold`` (levcards.toml, else 0.6) become suggestions
    instead of notes, unless ``include_all``. With ``cache_dir``, unchanged articles come
    from the build cache there instead of being read again, and a series whose articles and
    ``settings`` are all as last time (and that ``reusable`` accepts) is not even made into
    notes again: it keeps last build's package (``SeriesResult.reused``).
    """
    problems = Problems()
    try:
        root_config = cfg.load_root(source) if source.is_dir() else cfg.RootConfig()
    except SourceError as err:
        problems.from_error(err)
        root_config = cfg.RootConfig()
    if threshold is None:
        threshold = 0.0 if include_all else root_config.threshold
    root = source if source.is_dir() else source.parent
    # paths are strings here: at 10,000 articles, making Path objects alone is a visible cost
    skipped: list[str] = []
    listed = list_articles(source, skipped)
    for p in skipped:
        problems.add(p, 1, "info", "not-article", "is not an article (an image, document or "
                     "data file); skipped")
    outside = {p for p, link in listed if link and _leaves(p, root)}
    for p in sorted(outside):
        problems.error(p, 1, "outside-source", "is a link to a file outside the source "
                       "folder; levcards reads only files inside it. Copy the file in instead")
    paths = [p for p, _ in listed if p not in outside]
    keys = article_keys(paths, root)
    parent = {p: os.path.dirname(p) for p in paths}
    folders = set(parent.values())
    # the folder string of a file directly under the root, as os.path.dirname gives it
    root_folder = (os.path.dirname(os.path.join("" if str(root) == "." else str(root), "x"))
                   if source.is_dir() else os.path.dirname(str(source)))
    cache = None
    if cache_dir is not None:
        cache = Cache(cache_dir / CACHE_DIR, _settings_digest(root, folders, reader, threshold, settings))
    sidecars = {s for folder in folders for s in _sidecars_in(folder)}
    content = {p: cache.key_for(p, p, reader, sidecars) if cache else None for p in paths}
    known = {p: cache.record(p, content[p]) if cache else None for p in paths}
    todo = [p for p in paths if known[p] is None]
    # when every article is read anyway, its notes are made while the workers read the next
    lazy = len(todo) == len(paths)
    unseen = {p for p in todo if content[p] == HASH_WHEN_READ}
    reading = _read(todo, reader, progress, keep_sections, lazy, unseen)
    arriving = zip(todo, reading)
    outcomes = {} if lazy else dict(arriving)
    folder_configs: dict[str, cfg.DeckConfig | None] = {}

    def config_of(folder: str) -> cfg.DeckConfig | None:
        if folder not in folder_configs:
            folder_configs[folder] = (None if folder == root_folder
                                      else _folder_config(Path(folder), problems))
        return folder_configs[folder]

    def series_of(path: str, article: Article) -> SeriesChoice:
        folder = parent[path]
        folder_name = (os.path.basename(folder) if folder != root_folder
                       else (root.resolve().name or "levcards"))
        return choose_series(article, folder_name, config_of(folder))

    choices = {p: series_of(p, o.article) for p, o in outcomes.items()
               if o.article is not None and not _is_draft(o.article)}
    slug_of = {p: slugify(c.name) for p, c in choices.items()}
    slug_of.update({p: r["series"] for p, r in known.items() if r is not None})
    reused: dict[str, dict[str, Any]] = {}
    if (not lazy and cache is not None and reusable is not None
            and all(o.article for o in outcomes.values())):
        reused = _reused_series(paths, {slug_of.get(p) for p in todo}, slug_of, content, cache,
                                reusable)
    for p in paths:
        if known[p] is not None and slug_of[p] not in reused:
            found = cache.outcome(content[p], slug_of[p]) if cache else None
            if found is not None:
                outcomes[p] = found
    late = [p for p in paths
            if known[p] is not None and p not in outcomes and slug_of.get(p) not in reused]
    outcomes.update(zip(late, _read(late, reader, progress, keep_sections)))
    by_slug: dict[str, SeriesResult] = {}
    results: list[ArticleResult] = []
    seen_keys: dict[str, dict[tuple[str, str], str]] = {}  # per series, for duplicate-key
    for path in paths:
        shown, key = path, keys[path]
        folder_config = config_of(parent[path])
        record = known[path]
        if record is not None and path not in outcomes:  # its series is reused as it was
            slug = record["series"]
            series, created = _join(by_slug, slug, reused[slug]["name"], reused[slug]["origin"],
                                    root_config, folder_config)
            if created:
                series.reused = reused[slug]
                cache.keep_series(slug, reused[slug])  # type: ignore[union-attr]
            problems.items.extend(problems_from(record["problems"]))
            result = ArticleResult(shown, Article(shown, "", "", record["reader"], ()),
                                   series.name, key=key,
                                   tally=(record["items"], record["notes"]))
            cache.keep(shown, record)  # type: ignore[union-attr]
            series.articles.append(result)
            results.append(result)
            continue
        outcome = outcomes[path] if path in outcomes else next(arriving)[1]
        if path in unseen:  # hashed by its worker; its series is a touched one, never reused
            content[path] = outcome.key
        before = len(problems.items)
        problems.items.extend(outcome.problems)
        article = outcome.article
        if article is None:
            results.append(ArticleResult(shown, None, "", key=key))
            continue
        if _is_draft(article):
            problems.add(shown, 1, "info", "draft", "left out: frontmatter marks it as a draft "
                         "('draft: true' or 'levcards: false')")
            results.append(ArticleResult(shown, article, "", key=key, skipped="draft"))
            if cache is not None:
                cache.remember(shown, content[path], "", outcome, problems.items[before:], 0)
            continue
        choice = choices.get(path) or series_of(path, article)
        slug = slugify(choice.name)
        series, _ = _join(by_slug, slug, choice.name, choice.origin, root_config, folder_config)
        result = ArticleResult(shown, article, choice.name, key=key,
                               items=[i for i in outcome.items if i.confidence >= threshold],
                               suggestions=[i for i in outcome.items if i.confidence < threshold])
        if not result.items:
            problems.warning(shown, 1, "no-items", "yields no study items; add a definitions, "
                             "FAQ, key takeaways or common mistakes section")
        ctx = NoteContext(article, key, slug, choice.name,
                          tuple(t for t in (tag_safe(x) for x in series.config.tags) if t),
                          key + _suffix(path), series.config.base_url)
        result.notes = make_notes(ctx, result.items)
        note_findings(result, series, seen_keys.setdefault(slug, {}),
                      root_config.max_answer_words, problems)
        if cache is not None:
            cache.remember(shown, content[path], slug, outcome, problems.items[before:],
                           len(result.notes))
        series.articles.append(result)
        results.append(result)
    if isinstance(reading, Generator):  # every outcome taken: the reading pool can shut down
        reading.close()
    for series in by_slug.values():
        series.own_css = series.config.css != root_config.defaults.css
        distinct_fronts(series.articles)
    _check_unique_guids(by_slug.values(), problems)
    return Report(sorted(by_slug.values(), key=lambda s: s.slug), problems, results, cache=cache)


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


def _sidecars_in(folder: str) -> list[str]:
    try:
        with os.scandir(folder or ".") as listing:
            return [os.path.join(folder, e.name) for e in listing if e.name.endswith(SUFFIX)]
    except OSError:
        return []


def _suffix(path: str) -> str:
    """The file ending, as ``Path.suffix`` gives it."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _is_draft(article: Article) -> bool:
    return article.meta.get("draft") is True or article.meta.get("levcards") is False


def check(source: Path, reader: str | None = None, include_all: bool = False) -> Report:
    """Everything a build would find (the lint rules included); nothing is written."""
    return plan(source, reader, include_all=include_all, keep_sections=True)


def article_keys(paths: Sequence[str], root: Path) -> dict[str, str]:
    """Each article's identity: its path under the source root without the file ending
    (with it, where two files differ only in their ending)."""
    under = {p: _relative(p, root) for p in paths}
    bare = {p: rel[:len(rel) - len(_suffix(p))] for p, rel in under.items()}
    counts: dict[str, int] = {}
    for key in bare.values():
        counts[key] = counts.get(key, 0) + 1
    return {p: key if counts[key] == 1 else under[p] for p, key in bare.items()}


def _relative(path: str, root: Path) -> str:
    """``path`` under ``root`` with forward slashes (its bare name when it is not under it)."""
    base = str(root).rstrip(os.sep) + os.sep
    if base == "." + os.sep and not os.path.isabs(path):
        return path.replace(os.sep, "/")
    if path.startswith(base) and len(path) > len(base):
        return path[len(base):].replace(os.sep, "/")
    return os.path.basename(path)


def _leaves(path: str, root: Path) -> bool:
    """True for a symlink whose target lies outside ``root``."""
    if not os.path.islink(path):
        return False
    try:
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return False  # a broken link or a loop: the reader reports it
    return root.resolve() not in target.parents


def _folder_config(folder: Path, problems: Problems) -> cfg.DeckConfig | None:
    try:
        return cfg.load_folder(folder)
    except SourceError as err:
        problems.from_error(err)
        return None


def _check_unique_guids(series: Iterable[SeriesResult], problems: Problems) -> None:
    seen: dict[str, NoteSpec] = {}
    for s in series:
        for note in s.notes:
            first = seen.setdefault(note.guid, note)
            if first is not note:
                problems.error(note.ref.path, note.ref.line, "duplicate-guid",
                               f"would get the same note identity as {first.ref}; "
                               "rename one of the two items")
