"""Reading and extracting one article, as a self-contained job for a worker process.

A job returns plain data (the Article, its items, its problems) so that results can come back
from a process pool in input order, making output independent of scheduling.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from . import overrides
from .errors import Problem, Problems, SourceError
from .extract import explain
from .forked import usable_cpus
from .gc_tuning import pause_collector
from .lint import article_findings
from .outcome import Outcome
from .readers import read_article
from .readers.source import read_bytes

PARALLEL_MIN_ARTICLES = 48
"""Below this many articles to read, a process pool costs more than it saves."""


@dataclass(frozen=True)
class Job:
    path: str
    shown: str
    reader: str | None
    keep_sections: bool
    hash_content: bool = False


def run(job: Job) -> Outcome:
    """Read, extract and apply the article's sidecar controls; every failure becomes a Problem.

    The article and its sidecar are read once, so the content key (``Job.hash_content``) is
    the hash of the very bytes the items were made from.
    """
    files = _Files(job.path, job.shown)
    outcome = _guarded(job, files)
    if job.hash_content and files.data is not None and not isinstance(files.sidecar, OSError):
        from .cache import key_of  # cache imports this module

        outcome.key = key_of(files.data, files.sidecar, job.shown, job.reader)
    return outcome


class _Files:
    """An article's bytes (None and ``error`` when unreadable) and its sidecar's (None when it
    has none, the OSError when it cannot be read)."""

    def __init__(self, path: str, shown: str) -> None:
        self.path = path
        self.data: bytes | None = None
        self.error: SourceError | None = None
        try:
            self.data = read_bytes(Path(path), shown)
        except SourceError as err:
            self.error = err
        self.sidecar: bytes | OSError | None = None
        try:
            self.sidecar = overrides.read_sidecar(path)
        except OSError as err:
            self.sidecar = err


def _guarded(job: Job, files: _Files) -> Outcome:
    try:
        return _run(job, files)
    except (MemoryError, RecursionError):
        message = "is too large or too deeply nested to process; split it into smaller articles"
    except Exception as err:  # a bug in levcards must cost this article only, never the build
        message = (f"made levcards fail ({type(err).__name__}: {err}); this is a bug in "
                   "levcards, please report it with the file attached")
    return Outcome(None, [], [Problem(job.shown, 1, "error", "internal", message)])


def _run(job: Job, files: _Files) -> Outcome:
    problems = Problems()
    try:
        if files.error is not None:
            raise files.error
        article = read_article(Path(job.path), job.shown, job.reader, files.data)
    except SourceError as err:
        problems.from_error(err)
        return Outcome(None, [], problems.items)
    for line, message in article.warnings:
        problems.warning(job.shown, line, "reader", message)
    found, silent = explain(article)
    items = [f.item for f in found]
    article_findings(article, silent, problems)
    try:
        sidecar = _sidecar(files)
    except SourceError as err:
        problems.from_error(err)
        sidecar = None
    if sidecar is not None:
        items = overrides.apply(items, sidecar, problems)
    if not job.keep_sections:
        article = replace(article, sections=())  # the notes need only title and metadata
    return Outcome(article, items, problems.items)


def _sidecar(files: _Files) -> overrides.Overrides | None:
    if files.sidecar is None:
        return None
    shown = str(overrides.sidecar_for(Path(files.path)))  # the path as given, tidied
    if isinstance(files.sidecar, OSError):
        raise SourceError(shown, 1, f"cannot be used ({files.sidecar})", code="sidecar")
    return overrides.parse(shown, files.sidecar)


def run_all(jobs: Sequence[Job], progress: Callable[[int, int], None] | None = None) -> Iterator[Outcome]:
    """Outcomes in the order of ``jobs``; both cores once there are enough of them."""
    workers = min(usable_cpus(), 4)
    if len(jobs) < PARALLEL_MIN_ARTICLES or workers < 2 or os.environ.get("LEVCARDS_SERIAL"):
        for done, job in enumerate(jobs):
            if progress is not None:
                progress(done, len(jobs))
            yield run(job)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=pause_collector) as pool:
        chunk = max(1, min(64, len(jobs) // (workers * 8)))
        for done, outcome in enumerate(pool.map(run, jobs, chunksize=chunk)):
            if progress is not None:
                progress(done, len(jobs))
            yield outcome
