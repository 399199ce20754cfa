"""`build`: plan, match notes to the identity ledger, write one .apkg per series, then the ledger."""

from __future__ import annotations

import os
from pathlib import Path

from . import config as cfg
from .errors import LevcardsError, OutputError, SourceError
from .identity import deck_id
from .ledger import LEDGER_NAME, Ledger
from .ledger import load as load_ledger
from .ledger import save as save_ledger
from .matching import Changes, assign
from .pipeline import Progress, plan
from .results import Report, SeriesResult


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
    from .notetypes import version_hash
    from .package import DeckSpec, deck_models, package_fingerprint, write_apkg  # genanki only here
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
    if frozen and new_ledger != ledger:
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
            report.ledger_written = save_ledger(new_ledger, ledger_path, ledger)
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
