"""`levcards watch`: rebuild the decks and the preview whenever a source file changes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .builder import build
from .config import BuildOptions
from .pipeline import check
from .results import Report


def changed_series(report: Report | None, paths: Iterable[Path]) -> set[str] | None:
    """Slugs of the series the changed files belong to; None means "rebuild everything"."""
    if report is None:
        return None
    by_path = {Path(a.path).resolve(): a.series for a in report.articles}
    slugs: set[str] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved not in by_path and not path.exists() and not path.name.endswith(".toml"):
            continue  # an editor's temporary file, already gone
        if path.name.endswith(".toml") or resolved not in by_path:
            return None  # settings changed, or a new file: its series is unknown until read
        slugs.add(next((s.slug for s in report.series if s.name == by_path[resolved]), ""))
    return slugs


def rebuild(source: Path, out: Path, preview_out: Path | None, only: set[str] | None) -> Report:
    report = build(source, out, BuildOptions(only=frozenset(only) if only is not None else None))
    if preview_out is not None:
        from .preview import write_preview

        linted = check(source)
        write_preview(linted, preview_out)
    return report


def watch(source: Path, out: Path, preview_out: Path | None, say: Callable[[str], None],
          stop_event: object | None = None) -> None:
    """Build once, then rebuild the changed series after every batch of file changes."""
    from watchfiles import watch as watch_files

    started = time.perf_counter()
    report = rebuild(source, out, preview_out, None)
    for line in report_lines(report, None, time.perf_counter() - started):
        say(line)
    ignored = {out.resolve(), *((preview_out.resolve(),) if preview_out else ())}
    for changes in watch_files(source, stop_event=stop_event, debounce=300):  # type: ignore[arg-type]
        paths = [Path(p) for _, p in changes if not Path(p).name.startswith(".")
                 and not Path(p).name.endswith(".lock")
                 and not any(parent in ignored for parent in Path(p).resolve().parents)]
        if not paths:
            continue
        only = changed_series(report, paths)
        started = time.perf_counter()
        report = rebuild(source, out, preview_out, only)
        for line in report_lines(report, only, time.perf_counter() - started):
            say(line)


def report_lines(report: Report, only: set[str] | None, seconds: float) -> list[str]:
    """Every error and warning, as ``build`` and ``check`` print them, then the summary."""
    found = [str(p) for p in report.problems.sorted() if p.severity != "info"]
    return [*found, summary(report, only, seconds)]


def summary(report: Report, only: set[str] | None, seconds: float) -> str:
    """One line: which decks were written, what changed, problems, time."""
    names = [s.deck_name for s in report.series if s.output and (only is None or s.slug in only)]
    counts = {"added": 0, "updated": 0, "retired": 0}
    if report.changes:
        for slug, sc in report.changes.series.items():
            if only is None or slug in only:
                for key in counts:
                    counts[key] += len(getattr(sc, key))
    errors, warnings = len(report.problems.errors), len(report.problems.warnings)
    return (f"rebuilt {', '.join(names) or 'nothing'}: {counts['added']} added, "
            f"{counts['updated']} updated, {counts['retired']} retired; {errors} error(s), "
            f"{warnings} warning(s) in {seconds:.2f}s")
