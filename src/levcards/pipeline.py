"""The glue: sources -> articles -> items -> notes -> one .apkg per series, and a Report."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import config as cfg
from .cards import NoteContext, make_notes, tag_safe
from .errors import LevcardsError, OutputError, Problems, SourceError
from .identity import deck_id
from .ledger import LEDGER_NAME, Ledger
from .ledger import load as load_ledger
from .ledger import save as save_ledger
from .matching import Changes, assign
from .model import ITEM_KINDS, Article, Item, NoteSpec
from .series import choose_series, find_articles, slugify
from .worker import Job, Outcome, run_all
from .cache import CACHE_NAME, Cache, key_for


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

    @property
    def deck_name(self) -> str:
        return self.config.name or self.name

    @property
    def notes(self) -> list[NoteSpec]:
        return [n for a in self.articles for n in a.notes]

    @property
    def cards(self) -> int:
        return sum(n.cards for n in self.notes)

    def item_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ITEM_KINDS, 0)
        for a in self.articles:
            for item in a.items:
                counts[item.kind] += 1
        return counts


@dataclass
class Report:
    """Everything a command prints: series, problems, and the articles that were skipped."""

    series: list[SeriesResult]
    problems: Problems
    articles: list[ArticleResult]
    changes: Changes | None = None
    ledger_written: bool = False
    cache: Cache | None = None
    """The extraction cache this run filled; build saves it once the packages are written."""

    @property
    def ok(self) -> bool:
        return not self.problems.errors


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


def _check_unique_guids(series: Sequence[SeriesResult] | object, problems: Problems) -> None:
    seen: dict[str, NoteSpec] = {}
    for s in series:  # type: ignore[attr-defined]
        for note in s.notes:
            first = seen.setdefault(note.guid, note)
            if first is not note:
                problems.error(note.ref.path, note.ref.line, "duplicate-guid",
                               f"would get the same note identity as {first.ref}; "
                               "rename one of the two items")


def build_timestamp(report: Report, source: Path) -> int:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the inputs."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        try:
            return int(env)
        except ValueError:
            raise LevcardsError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, found {env!r}") from None
    times = [int(Path(a.path).stat().st_mtime) for a in report.articles if Path(a.path).exists()]
    config_file = source / cfg.CONFIG_NAME if source.is_dir() else None
    if config_file is not None and config_file.exists():
        times.append(int(config_file.stat().st_mtime))
    return max(times, default=0)


def build(source: Path, out: Path, reader: str | None = None, threshold: float | None = None,
          strict: bool = False, progress: Progress | None = None, frozen: bool = False,
          version: str = "", include_all: bool = False, only: set[str] | None = None) -> Report:
    """Plan every series, match notes to the ledger, write one .apkg each, then the ledger.

    Nothing is written under ``strict`` when there are problems, nor under ``frozen`` when the
    ledger would change. The ledger is saved only after every package was written. ``only``
    limits which series' packages are written (the watcher's partial rebuilds).
    """
    from .package import DeckSpec, deck_models, package_fingerprint, write_apkg  # genanki only here
    from .notetypes import version_hash
    from .release import write_release_files

    report = plan(source, reader, threshold, progress, include_all, cache_dir=out)
    if strict and report.problems.items:
        return report
    ledger_path = (source if source.is_dir() else source.parent) / LEDGER_NAME
    try:
        ledger = load_ledger(ledger_path)
    except SourceError as err:
        report.problems.from_error(err)
        return report
    now = build_timestamp(report, source)
    failed = {a.key for a in report.articles if a.article is None}
    by_slug = {s.slug: s for s in report.series}
    for slug, name in ledger.decks.items():  # series whose articles all failed or vanished
        if slug not in by_slug and any(e.series == slug and not e.retired or e.series == slug and
                                       e.article in failed for e in ledger.notes.values()):
            by_slug[slug] = SeriesResult(slug, name, "ledger", cfg.DeckConfig(name=name))
    report.series = sorted(by_slug.values(), key=lambda s: s.slug)
    shipped, new_ledger, changes = assign(
        {s.slug: s.notes for s in report.series}, ledger, now, failed,
        _pins(source), {s.slug: s.deck_name for s in report.series})
    report.changes = changes
    decks: dict[str, DeckSpec] = {}
    model_mods: dict[int, int] = {}
    for series in report.series:
        series.shipped = shipped.get(series.slug, [])
        description = series.config.description or f"{series.deck_name}: cards made by levcards."
        if version:
            description += f" Version {version}."
        deck = DeckSpec(series.config.deck_id or deck_id(series.slug), series.deck_name,
                        description, series.config.css, series.slug if series.own_css else None)
        decks[series.slug] = deck
        for model in deck_models(deck).values():
            model_mods[model.model_id] = _model_mod(model.model_id, model.name, version_hash(model),
                                                    ledger, new_ledger, now, changes)
    if frozen and new_ledger.dumps() != ledger.dumps():
        report.problems.error(str(ledger_path), 1, "ledger-out-of-date",
                              "would change, but --frozen forbids it; run 'levcards build' "
                              "locally and commit levcards.lock")
        return report
    for series in report.series:
        if only is not None and series.slug not in only:
            continue
        if not series.shipped:
            report.problems.warning(series.articles[0].path if series.articles else str(source), 1,
                                    "empty-series", f"series {series.name!r} has no notes; no deck written")
            continue
        target = out / f"{series.slug}.apkg"
        fingerprint = package_fingerprint(decks[series.slug], series.shipped, model_mods)
        if report.cache is not None and report.cache.package_unchanged(target, fingerprint):
            series.output = target  # the same bytes are already there: nothing to repackage
            report.cache.record_package(target, fingerprint)
            continue
        try:
            series.output = write_apkg(decks[series.slug], series.shipped, target, model_mods)
            if report.cache is not None:
                report.cache.record_package(target, fingerprint)
        except OutputError as err:
            report.problems.error(str(out), 1, "write-error", str(err))
            return report
    try:
        write_release_files(report, out, version)
    except OutputError as err:
        report.problems.error(str(out), 1, "write-error", str(err))
        return report
    if report.cache is not None:
        report.cache.save()
    if not frozen:
        try:
            report.ledger_written = save_ledger(new_ledger, ledger_path)
        except OutputError as err:
            report.problems.error(str(ledger_path), 1, "write-error", str(err))
    return report


def _model_mod(model_id: int, name: str, digest: str, ledger: Ledger, new_ledger: Ledger,
               now: int, changes: Changes) -> int:
    """A note type's mod rises only when its templates or CSS change."""
    key = str(model_id)
    old = ledger.notetypes.get(key)
    if key in new_ledger.notetypes and new_ledger.notetypes[key]["hash"] == digest:
        return int(new_ledger.notetypes[key]["mod"])  # type: ignore[call-overload]
    if old is not None and old.get("hash") == digest:
        mod = int(old["mod"])  # type: ignore[call-overload]
    else:
        mod = max(now, int(old["mod"]) + 1) if old else now  # type: ignore[call-overload]
        if old is not None:
            changes.notetypes.append(name)
    new_ledger.notetypes[key] = {"hash": digest, "mod": mod, "name": name}
    return mod


def _pins(source: Path) -> dict[str, str]:
    """``[pins]`` in the root levcards.toml: "series-slug/kind/key" = "GUID"."""
    try:
        return cfg.load_pins(source) if source.is_dir() else {}
    except SourceError:
        return {}  # already reported when the config was read
