"""`build`: plan, match notes to the identity ledger, write one .apkg per series, then the ledger."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config as cfg
from . import forked
from .config import BuildOptions
from .errors import LevcardsError, OutputError, SourceError
from .gc_tuning import collector_paused
from .identity import deck_id
from .ledger import LEDGER_NAME, Ledger
from .ledger import load as load_ledger
from .ledger import save as save_ledger
from .matching import Changes, SeriesChanges, assign, reserve, settled
from .pipeline import Progress, plan
from .results import Report, SeriesResult

FORK_MIN_NOTES = 500
"""A helper's share must hold this many notes: forking one for fewer costs more than it saves.
``LEVCARDS_FORK_MIN_NOTES`` overrides it (bench/README.md; the tests fork for small trees)."""

if TYPE_CHECKING:
    from .cache import Cache
    from .package import DeckSpec

Share = list[tuple[SeriesResult, "_Reserved | None"]]
"""Series to package, each with what ``reserve`` set aside for it (None: matched already)."""


def build_timestamp(report: Report, source: Path) -> int:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the inputs."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env:
        try:
            return int(env)
        except ValueError:
            raise LevcardsError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, found {env!r}") from None
    known = report.cache.stats if report.cache is not None else {}
    times = []
    for a in report.articles:
        stat = known.get(a.path)
        if stat is not None:
            times.append(stat[1] // 1_000_000_000)
        else:
            with suppress(OSError):
                times.append(os.stat(a.path).st_mtime_ns // 1_000_000_000)
    config_file = source / cfg.CONFIG_NAME if source.is_dir() else None
    if config_file is not None and config_file.exists():
        times.append(config_file.stat().st_mtime_ns // 1_000_000_000)
    return max(times, default=0)


def build(source: Path, out: Path, options: BuildOptions | None = None,
          progress: Progress | None = None) -> Report:
    """Plan every series, match notes to the ledger, write one .apkg each, then the ledger.

    ``options`` are the command line's (``BuildOptions``). Nothing is written under ``strict``
    when there are problems, when a levcards.toml is broken, nor under ``frozen`` when the
    ledger would change. The ledger is saved only after every package was written. ``only``
    limits which series' packages are written (the watcher's partial rebuilds). A series whose
    articles, settings, ledger block and package are all as the last build left them is kept
    as it is (see ``plan``).
    """
    course = enclosing_course(source)
    if course is not None:
        folder, marker = course
        raise PartOfCourse(f"{source} is part of the course in {folder} (it holds {marker}); "
                           "built alone it would start a second ledger, and its notes would "
                           f"arrive in Anki as duplicates. Build the course: levcards build {folder}")
    with collector_paused():
        return _build(source, out, options or BuildOptions(), progress)


class PartOfCourse(LevcardsError):
    """The source given to build is a folder or file inside a course's source tree."""

    exit_code = 2  # a usage error: the right command is in the message


def enclosing_course(source: Path) -> tuple[Path, str] | None:
    """The course ``source`` lies inside, if any: the nearest folder above it holding a ledger,
    else the nearest holding a levcards.toml. A folder holding its own ledger is a course."""
    start = source.resolve()
    own = start if start.is_dir() else start.parent  # where build would keep the ledger
    if (own / LEDGER_NAME).exists():
        return None
    for marker in (LEDGER_NAME, cfg.CONFIG_NAME):
        for folder in own.parents:
            if (folder / marker).is_file():
                return _shown(folder, source), marker
    return None


def _shown(folder: Path, source: Path) -> Path:
    """``folder`` as relative to the working directory as ``source`` was given."""
    if source.is_absolute():
        return folder
    try:
        return folder.relative_to(Path.cwd())
    except ValueError:
        return folder


def _build(source: Path, out: Path, options: BuildOptions, progress: Progress | None) -> Report:
    from .cache import package_digest

    ledger_path = (source if source.is_dir() else source.parent) / LEDGER_NAME
    try:
        ledger = load_ledger(ledger_path)
    except SourceError as err:
        report = plan(source, options, progress)
        report.problems.from_error(err)
        return report

    def reusable(slug: str, record: dict[str, Any]) -> bool:
        return (record["ledger"] == _ledger_digest(ledger, slug)
                and record["package"] == package_digest(out / f"{slug}.apkg"))

    report = plan(source, options, progress, cache_dir=out, reusable=reusable)
    if options.strict and report.problems.items or _config_failed(report):
        return report
    try:
        return _finish(report, source, out, ledger, ledger_path, options)
    except SourceError as err:  # a damaged block of the ledger, found when it was needed
        report.problems.from_error(err)
        return report


def _config_failed(report: Report) -> bool:
    """A levcards.toml that cannot be read: a build without its settings (tags, names, CSS)
    would rewrite every note, and again once the file is fixed, so nothing is written."""
    return any(p.code == "config" for p in report.problems.errors)


def _finish(report: Report, source: Path, out: Path, ledger: Ledger, ledger_path: Path,
            options: BuildOptions) -> Report:
    """Match and write series by series, letting go of each one's notes once its package is
    written; under ``frozen``, match every series first and write only if the ledger holds."""
    now = build_timestamp(report, source)
    failed = {a.key for a in report.articles if a.article is None}
    by_slug = {s.slug: s for s in report.series}
    for slug in ledger.slugs():  # series whose articles all failed or vanished
        if slug not in by_slug and any(not e.retired or e.article in failed
                                       for e in ledger.series(slug).values()):
            name = ledger.decks.get(slug, slug)
            by_slug[slug] = SeriesResult(slug, name, "ledger", cfg.DeckConfig(name=name))
    report.series = sorted(by_slug.values(), key=lambda s: s.slug)
    new_ledger = ledger.copy()
    try:
        return _match_and_write(report, _Target(source, out, ledger_path, now), ledger,
                                new_ledger, options, failed)
    finally:
        new_ledger.close()


@dataclass(frozen=True)
class _Target:
    """Where a build reads and writes, and the time it stamps new content with."""

    source: Path
    out: Path
    ledger_path: Path
    now: int


def _match_and_write(report: Report, target: _Target, ledger: Ledger, new_ledger: Ledger,
                     options: BuildOptions, failed: set[str]) -> Report:
    from .release import write_release_files

    source, out, ledger_path = target.source, target.out, target.ledger_path
    frozen, version = options.frozen, options.version
    report.changes = Changes()
    writer = _SeriesWriter(report, source, out, ledger, new_ledger, target.now, version,
                           options.only, failed, _pins(source))
    if frozen:
        for series in report.series:
            writer.match(series)
            new_ledger.seal(series.slug)
        if new_ledger != ledger:
            report.problems.error(str(ledger_path), 1, "ledger-out-of-date",
                                  "would change, but --frozen forbids it; run 'levcards build' "
                                  "locally and commit levcards.lock")
            return report
    if not writer.write_all(report.series, match=not frozen):
        return report
    try:
        write_release_files(report, new_ledger, out, version)
    except OutputError as err:
        report.problems.error(str(out), 1, "write-error", str(err))
        return report
    if report.cache is not None:
        report.cache.save()
    if not frozen:
        try:
            report.ledger_written = save_ledger(new_ledger, ledger_path, ledger)
        except OutputError as err:
            report.problems.error(str(ledger_path), 1, "write-error", str(err))
    return report


class _SeriesWriter:
    """Matches one series' notes to the ledger, then writes its package and cache records."""

    def __init__(self, report: Report, source: Path, out: Path, ledger: Ledger, new_ledger: Ledger,
                 now: int, version: str, only: frozenset[str] | None, failed: set[str],
                 pins: dict[str, str]) -> None:
        from .notetypes import version_hash
        from .package import deck_models  # genanki only here

        self.report, self.source, self.out, self.only = report, source, out, only
        self.ledger, self.new_ledger, self.now = ledger, new_ledger, now
        self.failed, self.pins = failed, pins
        self.changes = report.changes or Changes()
        self.stable: dict[str, bool] = {}
        self.decks: dict[str, DeckSpec] = {}
        self.model_mods: dict[int, int] = {}
        for series in report.series:  # deck names and note types first: every package needs
            deck = _deck_spec(series, version)  # their mods, every series record their digest
            self.decks[series.slug] = deck
            new_ledger.decks[series.slug] = series.deck_name
            for model in deck_models(deck).values():
                self.model_mods[model.model_id] = _model_mod(
                    model.model_id, model.name, version_hash(model), ledger, new_ledger, now,
                    self.changes)

    def match(self, series: SeriesResult, reserved: _Reserved | None = None) -> None:
        """Give the series' notes their GUIDs, IDs and mods; file its block in the new ledger
        (sealed when its package is written). ``reserved``: the match and first note ID that
        ``reserve`` set aside for it, else IDs come from the ledger's counter."""
        slug = series.slug
        if series.reused is not None:
            self.changes.series[slug] = SeriesChanges(
                unchanged=int(series.reused["tally"]["unchanged"]))
        else:
            notes = series.notes
            series.shipped, entries, self.changes.series[slug] = assign(
                notes, self.ledger.series(slug),
                self.new_ledger if reserved is None else _NoteIds(reserved.first_id),
                slug, self.now, self.failed, self.pins,
                None if reserved is None else reserved.found)
            self.new_ledger.set_series(slug, entries)
            self.stable[slug] = settled(notes, series.shipped, entries, self.pins)
        previous = self.ledger.decks.get(slug)
        if previous and previous != series.deck_name:
            self.changes.series[slug].renamed_from = previous

    def reserve(self, series: SeriesResult) -> _Reserved:
        """Match the series and set its new note IDs aside; ``match`` finishes it later."""
        first = self.new_ledger.next_note_id
        found = reserve(series.notes, self.ledger.series(series.slug), self.new_ledger, self.now,
                        self.pins)
        return _Reserved(found, first)

    def write_all(self, all_series: list[SeriesResult], match: bool) -> bool:
        """Package every series (matching each first when ``match``); False on a write error.

        Series are matched in order, but only as far as setting their new note IDs aside
        (``reserve``), which is quick. Where a forked helper can run beside this process and
        the work is large enough, the helper then matches and packages a share of the series,
        about half the notes, while this process does the rest: it holds everything it needs
        from the fork, so no note is pickled, and the IDs set aside give it the very notes this
        process would make. A write error is reported for the first series in order that had
        one, and a helper that fails is replaced by doing its share here, so the outcome never
        depends on the helper.
        """
        work: Share = []
        for series in all_series:
            if match and self._rebuilt(series):
                work.append((series, self.reserve(series)))
                continue
            if match:
                self.match(series)
            if not self._skip(series):
                work.append((series, None))  # matched already (``frozen``)
        mine, theirs = _shares(work)
        spill = None
        if theirs:
            try:  # the helper seals its blocks into this file, where this process adopts them
                spill = self.new_ledger.scratch_file()
            except OSError:
                mine, theirs = work, []
        helper = forked.Forked(lambda: self._helper(theirs, spill)) if theirs else None
        failed = [d for d in self._share(mine, here=True) if d.packaged.error]
        if helper is not None:
            made = helper.result()
            if made is None:  # the helper failed: its share is done here
                failed += [d for d in self._share(theirs, here=True) if d.packaged.error]
            else:
                failed += self._take(theirs, made, spill)
        self.changes.series = {s.slug: self.changes.series[s.slug] for s in all_series
                               if s.slug in self.changes.series}  # in series order
        if failed:
            order = {s.slug: n for n, s in enumerate(all_series)}
            first = min(failed, key=lambda done: order[done.slug])
            self.report.problems.error(str(self.out), 1, "write-error", first.packaged.error)
            return False
        return True

    def _rebuilt(self, series: SeriesResult) -> bool:
        """True for a series whose package this build writes (``_skip`` would say False)."""
        if series.reused is not None or self.only is not None and series.slug not in self.only:
            return False
        return any(a.notes for a in series.articles) or bool(self.ledger.series(series.slug))

    def _helper(self, share: Share, spill: Any) -> list[_Done]:
        """A forked helper's work: its share, with the blocks it seals going to ``spill``."""
        self.new_ledger.seal_into(spill)
        return self._share(share, here=False)

    def _share(self, share: Share, here: bool) -> list[_Done]:
        """Match (where reserved), seal and package each series of ``share`` until a write fails.

        ``here``: this process, which applies each series at once (freeing its notes); a helper
        returns what it made, with where it sealed each block it matched.
        """
        done: list[_Done] = []
        for series, reserved in share:
            if reserved is not None:
                self.match(series, reserved)
            sealed_before = self.new_ledger.sealed(series.slug)  # under ``frozen``, here
            self.new_ledger.seal(series.slug)  # its entries can go before the package is made
            block = None if here or sealed_before else self.new_ledger.sealed_block(series.slug)
            result = _Done(series.slug, self._package(series), self.changes.series[series.slug],
                           self.stable[series.slug], len(series.shipped),
                           sum(n.cards for n in series.shipped), block)
            done.append(result)
            if result.packaged.error:
                break
            if here:
                self._apply(series, result.packaged)
        return done

    def _take(self, share: Share, made: list[_Done], spill: Any) -> list[_Done]:
        """Apply what the helper made of its share, its blocks sealed into ``spill``; return
        the series whose package it could not write."""
        for (series, _), result in zip(share, made):
            if result.packaged.error:
                return [result]
            if result.block is not None:
                self.new_ledger.adopt(series.slug, spill, result.block)
            self.changes.series[series.slug] = result.changes
            self.stable[series.slug] = result.stable
            series.tally = {"notes": result.notes, "cards": result.cards,
                            "items": series.item_counts()}
            # its notes stay until the report goes: the helper is done, so the build is ending,
            # and freeing them one by one now would only make it end later
            self._apply(series, result.packaged, let_go=False)
        return []

    def _skip(self, series: SeriesResult) -> bool:
        """True for a series with no package to write: kept as it was, left out, or empty."""
        if series.reused is not None:
            series.output = self.out / f"{series.slug}.apkg"  # nothing it depends on changed
            return True
        if self.only is not None and series.slug not in self.only:
            self.new_ledger.seal(series.slug)
            return True
        if not series.shipped:
            self.new_ledger.seal(series.slug)
            self.report.problems.warning(
                series.articles[0].path if series.articles else str(self.source), 1,
                "empty-series", f"series {series.name!r} has no notes; no deck written")
            return True
        return False

    def _package(self, series: SeriesResult) -> _Packaged:
        """Write the series' package (unless an identical one is there) and its cache items.

        Runs in a forked helper too, so it changes only files, never this process's state.
        """
        from .cache import package_digest
        from .package import package_fingerprint, write_apkg

        target = self.out / f"{series.slug}.apkg"
        cache = self.report.cache
        fingerprint = package_fingerprint(self.decks[series.slug], series.shipped, self.model_mods,
                                          self.new_ledger.block_digest(series.slug))
        before = cache.series_before.get(series.slug) if cache is not None else None
        try:
            if not (isinstance(before, dict) and before.get("fingerprint") == fingerprint
                    and before.get("package") == package_digest(target)):
                write_apkg(self.decks[series.slug], series.shipped, target, self.model_mods)
        except OutputError as err:
            return _Packaged(fingerprint, None, str(err))
        if cache is not None:
            cache.write_items(series.slug)
        return _Packaged(fingerprint, package_digest(target))

    def _apply(self, series: SeriesResult, packaged: _Packaged, let_go: bool = True) -> None:
        """Record a packaged series in the report and cache, then let go of its notes."""
        series.output = self.out / f"{series.slug}.apkg"
        cache = self.report.cache
        if cache is not None:
            # a rebuild that changes nothing finds every live note it ships unchanged
            live = series.note_count - len(self.changes.series[series.slug].carried)
            _record_series(cache, series, self.new_ledger, packaged.fingerprint,
                           self.stable.get(series.slug, False), live, packaged.package)
            cache.forget_items(series.slug)
        if let_go:
            series.let_go()


HERE_WEIGHT, TAKE_WEIGHT = 1.05, 0.05
"""What a note costs this process, in the helper's time for it: one of its own share (it also
frees the notes) and one the helper made (taking in its results and freeing the notes)."""


def _shares(work: Share) -> tuple[Share, Share]:
    """(this process's share, a forked helper's): whole series, both in series order, so that
    both finish at about the same time; the helper's share is empty where none can run or it
    would have too little to do."""
    if not forked.available() or len(work) < 2:
        return work, []
    sizes = [sum(len(a.notes) for a in series.articles) for series, _ in work]
    here, there, owner = 0, 0, [0] * len(work)
    for n in sorted(range(len(work)), key=lambda n: (-sizes[n], n)):  # largest first
        if max(HERE_WEIGHT * (here + sizes[n]) + TAKE_WEIGHT * there, there) <= max(
                HERE_WEIGHT * here + TAKE_WEIGHT * (there + sizes[n]), there + sizes[n]):
            here += sizes[n]
        else:
            there += sizes[n]
            owner[n] = 1
    if there < int(os.environ.get("LEVCARDS_FORK_MIN_NOTES", FORK_MIN_NOTES)):
        return work, []
    return ([w for w, o in zip(work, owner) if o == 0], [w for w, o in zip(work, owner) if o == 1])


@dataclass(slots=True)
class _NoteIds:
    """The note ID counter of one series whose IDs ``reserve`` set aside."""

    next_note_id: int


@dataclass(frozen=True)
class _Reserved:
    """What ``reserve`` set aside for a series: its match to the ledger and its first new ID."""

    found: dict[int, str]
    first_id: int


@dataclass(frozen=True)
class _Done:
    """A series matched and packaged (in a helper or here), with what matching found."""

    slug: str
    packaged: _Packaged
    changes: SeriesChanges
    stable: bool
    notes: int
    cards: int
    block: tuple[int, int, str] | bytes | None
    """Where a helper sealed the block it matched (see ``Ledger.sealed_block``), else None."""


@dataclass(frozen=True)
class _Packaged:
    """What writing a series' package gave: its fingerprint and file digest, or the error."""

    fingerprint: str
    package: str | None
    error: str = ""


def _deck_spec(series: SeriesResult, version: str) -> DeckSpec:
    from .package import DeckSpec

    description = series.config.description or f"{series.deck_name}: cards made by levcards."
    if version:
        description += f" Version {version}."
    return DeckSpec(series.config.deck_id or deck_id(series.slug), series.deck_name,
                    description, series.config.css, series.slug if series.own_css else None)


def _ledger_digest(ledger: Ledger, slug: str) -> str:
    """The parts of the ledger a series' package depends on: its block, note types, deck names."""
    return ledger.block_digest(slug) + json.dumps([ledger.notetypes, ledger.decks], sort_keys=True)


def _record_series(cache: Cache, series: SeriesResult, ledger: Ledger, fingerprint: str,
                   stable: bool, unchanged: int, package: str | None) -> None:
    """What the next build needs to keep this series as it is, if nothing changes
    (``unchanged``: the notes that build will report unchanged)."""
    keys = [cache.articles.get(a.path, {}).get("key") for a in series.articles]
    if package is None or any(k is None for k in keys) or series.origin == "ledger":
        return
    cache.record_series(series.slug, {
        "members": [[a.path, k] for a, k in zip(series.articles, keys)],
        "name": series.name, "origin": series.origin, "ledger": _ledger_digest(ledger, series.slug),
        "package": package, "fingerprint": fingerprint, "stable": stable,
        "tally": {"notes": series.note_count, "cards": series.card_count,
                  "items": series.item_counts(), "unchanged": unchanged}})


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
