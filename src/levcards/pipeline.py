"""The glue: sources -> articles -> items -> notes, grouped by series (see builder.py for writing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import config as cfg
from .cache import CACHE_NAME, Cache, key_for
from .cards import NoteContext, make_notes, tag_safe
from .errors import Problems, SourceError
from .model import Article, NoteSpec
from .results import ArticleResult, Report, SeriesResult
from .series import choose_series, find_articles, slugify
from .worker import Job, Outcome, run_all


def extract_paths(paths: Sequence[Path], reader: str | None = None,
                  threshold: float = cfg.DEFAULT_THRESHOLD) -> Report:
    """Read and extract the given files (or folders); no decks are made."""
    problems = Problems()
    files = [f for given in paths for f in (find_articles(given) if given.is_dir() else [given])]
    results: list[ArticleResult] = []
    jobs = [Job(str(f), str(f), reader, keep_sections=False) for f in files]
    for path, outcome in zip(files, run_all(jobs)):
        problems.items.extend(outcome.problems)
        article = outcome.article
        series = choose_series(article, path.parent.name, None).name if article else ""
        items = [i for i in outcome.items if i.confidence >= threshold]
        results.append(ArticleResult(str(path), article, series, items))
    return Report([], problems, results)


Progress = Callable[[int, int], None]
"""Called as (done, total) while articles are read."""


def plan(source: Path, reader: str | None = None, threshold: float | None = None,
         progress: Progress | None = None, include_all: bool = False,
         cache_dir: Path | None = None, keep_sections: bool = False) -> Report:
    """Read, extract and make notes for every article under ``source``, grouped by series.

    Items under the confidence ``threshold`` (levcards.toml, else 0.6) become suggestions
    instead of notes, unless ``include_all``. With ``cache_dir``, unchanged articles come
    from the extraction cache there instead of being read again.
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
    paths = find_articles(source)
    outside = {p for p in paths if _leaves(p, root)}
    for p in sorted(outside):
        problems.error(str(p), 1, "outside-source", "is a link to a file outside the source "
                       "folder; levcards reads only files inside it. Copy the file in instead")
    paths = [p for p in paths if p not in outside]
    keys = article_keys(paths, root)
    cache = Cache(cache_dir / CACHE_NAME) if cache_dir is not None else None
    outcomes = _outcomes(paths, reader, progress, cache, keep_sections)
    folder_configs: dict[Path, cfg.DeckConfig | None] = {}
    by_slug: dict[str, SeriesResult] = {}
    results: list[ArticleResult] = []
    for path, outcome in zip(paths, outcomes):
        shown = str(path)
        folder = path.parent
        if folder not in folder_configs:
            folder_configs[folder] = _folder_config(folder, root, problems)
        problems.items.extend(outcome.problems)
        article = outcome.article
        key = keys[path]
        if article is None:
            results.append(ArticleResult(shown, None, "", key=key))
            continue
        if _is_draft(article):
            problems.add(shown, 1, "info", "draft", "left out: frontmatter marks it as a draft "
                         "('draft: true' or 'levcards: false')")
            results.append(ArticleResult(shown, article, "", key=key, skipped="draft"))
            continue
        folder_name = folder.name if folder != root else (root.resolve().name or "levcards")
        choice = choose_series(article, folder_name, folder_configs[folder])
        slug = slugify(choice.name)
        series = by_slug.get(slug)
        if series is None:
            deck = root_config.per_series.get(slug, cfg.DeckConfig()).over(root_config.defaults)
            series = by_slug[slug] = SeriesResult(slug, choice.name, choice.origin, deck)
        if folder_configs[folder] is not None:
            series.config = folder_configs[folder].over(series.config)  # type: ignore[union-attr]
        result = ArticleResult(shown, article, choice.name, key=key,
                               items=[i for i in outcome.items if i.confidence >= threshold],
                               suggestions=[i for i in outcome.items if i.confidence < threshold])
        if not result.items:
            problems.warning(shown, 1, "no-items", "yields no study items; add a definitions, "
                             "FAQ, key takeaways or common mistakes section")
        ctx = NoteContext(article, key, slug, choice.name,
                          tuple(t for t in (tag_safe(x) for x in series.config.tags) if t),
                          key + path.suffix)
        result.notes = make_notes(ctx, result.items)
        series.articles.append(result)
        results.append(result)
    for series in by_slug.values():
        series.own_css = series.config.css != root_config.defaults.css
    _check_unique_guids(by_slug.values(), problems)
    return Report(sorted(by_slug.values(), key=lambda s: s.slug), problems, results, cache=cache)


def _outcomes(paths: list[Path], reader: str | None, progress: Progress | None,
              cache: Cache | None, keep_sections: bool) -> list[Outcome]:
    """Each path's Outcome, from the cache where its content is unchanged, else read anew."""
    keys = [key_for(p, str(p), reader) if cache else None for p in paths]
    found: list[Outcome | None] = [cache.get(k) if cache else None for k in keys]
    todo = [i for i, f in enumerate(found) if f is None]
    jobs = [Job(str(paths[i]), str(paths[i]), reader, keep_sections) for i in todo]
    for i, outcome in zip(todo, run_all(jobs, progress)):
        found[i] = outcome
        if cache is not None:
            cache.put(keys[i], outcome)
    return [f for f in found if f is not None]


def _is_draft(article: Article) -> bool:
    return article.meta.get("draft") is True or article.meta.get("levcards") is False


def check(source: Path, reader: str | None = None, include_all: bool = False) -> Report:
    """Everything a build would find, plus the lint rules; nothing is written."""
    from .lint import lint

    report = plan(source, reader, include_all=include_all, keep_sections=True)
    root_config = cfg.load_root(source) if source.is_dir() and not report.problems.errors else cfg.RootConfig()
    lint(report, root_config.max_answer_words)
    for result in report.articles:
        for item in result.suggestions:
            report.problems.add(result.path, item.ref.line, "info", "suggestion",
                                f"possible {item.kind} {item.key!r} (confidence "
                                f"{item.confidence:.2f}, under the threshold): not a card; raise "
                                "its confidence by putting it in a titled section, or lower "
                                "'threshold' in levcards.toml")
    return report


def article_keys(paths: Sequence[Path], root: Path) -> dict[Path, str]:
    """Each article's identity: its path under the source root without the file ending
    (with it, where two files differ only in their ending)."""
    bare = {p: _relative(p, root).with_suffix("").as_posix() for p in paths}
    counts: dict[str, int] = {}
    for key in bare.values():
        counts[key] = counts.get(key, 0) + 1
    return {p: key if counts[key] == 1 else _relative(p, root).as_posix() for p, key in bare.items()}


def _relative(path: Path, root: Path) -> Path:
    return path.relative_to(root) if path != root and root in path.parents else Path(path.name)


def _leaves(path: Path, root: Path) -> bool:
    """True for a symlink whose target lies outside ``root``."""
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False  # a broken link or a loop: the reader reports it
    return root.resolve() not in target.parents


def _folder_config(folder: Path, root: Path, problems: Problems) -> cfg.DeckConfig | None:
    if folder == root:
        return None
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
