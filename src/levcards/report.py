"""Format Reports for people (Rich tables, plain when not a terminal) and for machines (JSON).

Rich is imported only where something is shown with it: a build that prints JSON, or nothing
at all, never imports it (its start-up is a visible share of a small rebuild).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from . import __version__
from .model import ITEM_KINDS, TEXT_FIELDS, Item
from .results import ArticleResult, Report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from .matching import SeriesChanges

_SHORT = ("defs", "q&a", "takeaways", "mistakes", "lists")  # column names for ITEM_KINDS


def console(stderr: bool = False) -> Console:
    """Colour on a terminal; plain, wide, unwrapped text when piped (CI logs, files)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    # None on a terminal lets Rich honour NO_COLOR; False would force colour on
    return Console(stderr=stderr, highlight=False, width=None if tty else 200,
                   no_color=None if tty else True, soft_wrap=not tty)


class LazyConsole:
    """``console(stderr)``, made when it is first used."""

    def __init__(self, stderr: bool = False) -> None:
        self.stderr = stderr
        self._console: Console | None = None

    def get(self) -> Console:
        if self._console is None:
            self._console = console(self.stderr)
        return self._console

    def print(self, *objects: Any, **options: Any) -> None:
        self.get().print(*objects, **options)

    @property
    def is_terminal(self) -> bool:
        """As Rich says; without asking it when the stream is no terminal and no environment
        variable (TTY_COMPATIBLE, FORCE_COLOR) could make Rich say otherwise."""
        stream = sys.stderr if self.stderr else sys.stdout
        if (self._console is None and not stream.isatty() and "TTY_COMPATIBLE" not in os.environ
                and "FORCE_COLOR" not in os.environ):
            return False
        return self.get().is_terminal


@contextmanager
def progress_bar(err: Console | LazyConsole) -> Iterator[Callable[[int, int], None] | None]:
    """A transient bar on a terminal once there are enough articles to wait for; else nothing."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=err.get() if isinstance(err, LazyConsole) else err) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < 50:
                return
            if task is None:
                task = bar.add_task("reading articles", total=total)
            bar.update(task, completed=done + 1)

        yield update


def item_dict(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": item.kind}
    for name in TEXT_FIELDS[item.kind]:
        value = getattr(item, name)
        data[name] = list(value) if isinstance(value, tuple) else value
    data["line"] = item.ref.line
    data["confidence"] = item.confidence
    return data


def article_dict(result: ArticleResult) -> dict[str, Any]:
    article = result.article
    data: dict[str, Any] = {
        "path": result.path,
        "title": article.title if article else None,
        "series": result.series or None,
        "reader": article.reader if article else None,
        "items": [item_dict(i) for i in result.items],
    }
    if result.explained or result.silent:
        data["items"] = [{**item_dict(f.item), "section": f.section, "role": f.role,
                          "rule": f.rule} for f in result.explained]
        data["silent"] = [{"line": s.line, "section": s.title, "role": s.role,
                           "reason": s.reason} for s in result.silent]
    return data


def envelope(command: str, report: Report, ok: bool, **body: Any) -> dict[str, Any]:
    """The shape every command's JSON shares: which command, whether it succeeded (its exit
    code is 0), every finding, then what the command itself reports."""
    return {"command": command, "version": __version__, "ok": ok,
            "problems": [p.as_dict() for p in report.problems.sorted()], **body}


def extract_json(report: Report) -> str:
    readable = [a for a in report.articles if a.article is not None]
    return json.dumps(envelope("extract", report, report.ok,
                               articles=[article_dict(a) for a in readable]),
                      ensure_ascii=False, indent=2)


def build_dict(report: Report, command: str = "build", ok: bool | None = None) -> dict[str, Any]:
    return envelope(
        command, report, report.ok if ok is None else ok,
        series=[
            {
                "slug": s.slug, "name": s.name, "deck": s.deck_name, "origin": s.origin,
                "articles": len(s.articles), "items": s.item_counts(),
                "notes": s.note_count, "cards": s.card_count, "output": str(s.output) if s.output else None,
                "changes": _changes(report, s.slug),
            }
            for s in report.series
        ],
        notetypes_changed=report.changes.notetypes if report.changes else [],
        ledger_written=report.ledger_written,
        skipped=[a.path for a in report.articles if a.article is None],
    )


def _changes(report: Report, slug: str) -> dict[str, Any] | None:
    if report.changes is None or slug not in report.changes.series:
        return None
    sc = report.changes.series[slug]
    notes = {label: [{"guid": g, "key": sc.keys.get(g, g)} for g in guids]
             for label, guids in _changed(sc)}
    return {**sc.counts(), "renamed_from": sc.renamed_from or None, "notes": notes}


def _changed(sc: SeriesChanges) -> tuple[tuple[str, list[str]], ...]:
    return (("added", sc.added), ("updated", sc.updated), ("retired", sc.retired))


def print_problems(report: Report, console: Console | LazyConsole, verbose: bool = False) -> None:
    """One line a finding; coloured only on a terminal that allows it (NO_COLOR), and
    without Rich at all when the stream is a pipe or a file."""
    shown = [p for p in report.problems.sorted() if verbose or p.severity != "info"]
    if isinstance(console, LazyConsole) and not console.is_terminal:
        stream = sys.stderr if console.stderr else sys.stdout
        for problem in shown:
            print(problem, file=stream)
        return
    for problem in shown:
        style = {"error": "bold red", "warning": "yellow"}.get(problem.severity, "")
        console.print(str(problem), style=style, markup=False, highlight=False, soft_wrap=True)


CHANGES_SHOWN = 5
"""Changed notes a build lists per series; ``--verbose`` lists them all."""
_MARK = {"added": "+", "updated": "~", "retired": "-"}


def print_build(report: Report, console: Console, verbose: bool = False) -> None:
    """A table that fits 80 columns (every count with ``--verbose``), then the notes that
    changed: their item keys, the first few per series."""
    if verbose:
        for a in report.articles:
            if a.article is not None:
                console.print(f"{a.path}: {a.article.reader} reader, {a.item_count} item(s), "
                              f"{a.note_count} note(s), series {a.series!r}", markup=False)
    console.print(_detailed_table(report) if verbose else _compact_table(report))
    if report.changes is not None:
        _print_changed_notes(report, console, verbose)
        if report.release_summary:
            console.print(report.release_summary, markup=False, highlight=False)
        for s in report.series:
            sc = report.changes.series.get(s.slug)
            if sc and sc.renamed_from:
                console.print(f"deck {sc.renamed_from!r} is now {s.deck_name!r}: Anki does not move "
                              "cards to a renamed deck", style="yellow", markup=False)
        if report.changes.notetypes:
            console.print(f"note types updated: {', '.join(report.changes.notetypes)}", markup=False)
    skipped = [a.path for a in report.articles if a.article is None]
    if skipped:
        console.print(f"skipped {len(skipped)} unreadable article(s): {', '.join(skipped)}",
                      markup=False)


def _title(report: Report) -> str:
    return "levcards release" if report.release_summary else "levcards build"


def _compact_table(report: Report) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(title=_title(report), title_justify="left", box=box.SIMPLE_HEAD)
    folders = {str(s.output.parent) for s in report.series if s.output}
    if len(folders) == 1:  # the file names fit; the folder they are in is the caption
        table.caption, table.caption_justify = f"in {folders.pop()}", "left"
    for column in ("series", "articles", "notes", "cards", "changes", "output"):
        table.add_column(column, justify="left" if column in ("series", "output") else "right",
                         overflow="fold")
    for s in report.series:
        change = _changes(report, s.slug)
        shown = " ".join(f"{_MARK[k]}{change[k]}" for k in _MARK) if change else "-"
        output = (s.output.name if table.caption else str(s.output)) if s.output else "-"
        table.add_row(s.deck_name, str(len(s.articles)), str(s.note_count), str(s.card_count),
                      shown, output)
    return table


def _detailed_table(report: Report) -> Table:
    from rich.table import Table

    table = Table(title=_title(report), title_justify="left")
    columns = ("series", "articles", *_SHORT, "notes", "cards", "added", "updated", "unchanged",
               "retired", "output")
    for column in columns:
        table.add_column(column, justify="left" if column in ("series", "output") else "right",
                         overflow="fold")
    for s in report.series:
        counts = s.item_counts()
        change = _changes(report, s.slug) or {}
        table.add_row(s.deck_name, str(len(s.articles)), *(str(counts[k]) for k in ITEM_KINDS),
                      str(s.note_count), str(s.card_count),
                      *(str(change.get(k, "-")) for k in ("added", "updated", "unchanged", "retired")),
                      str(s.output) if s.output else "-")
    return table


def _print_changed_notes(report: Report, console: Console, verbose: bool) -> None:
    assert report.changes is not None
    for s in report.series:
        sc = report.changes.series.get(s.slug)
        changed = [(label, g) for label, guids in _changed(sc) for g in guids] if sc else []
        if not sc or not changed:
            continue
        console.print(f"{s.deck_name}:", markup=False, highlight=False)
        shown = changed if verbose else changed[:CHANGES_SHOWN]
        for label, g in shown:
            console.print(f"  {_MARK[label]} {sc.keys.get(g, g)}", markup=False, highlight=False)
        if len(changed) > len(shown):
            console.print(f"  and {len(changed) - len(shown)} more (--verbose lists them all)",
                          markup=False, highlight=False)


def print_extract(report: Report, console: Console) -> None:
    from rich.table import Table

    for result in report.articles:
        if result.article is None:
            continue
        series = f" [{result.series}]" if result.series else ""  # JSON says null: no series
        table = Table(title=f"{result.path} — {result.article.title}{series}",
                      title_justify="left")
        explained = {id(f.item): f for f in result.explained}
        columns = ("line", "kind", "conf", "why", "item") if explained else (
            "line", "kind", "conf", "item")
        for column in columns:
            table.add_column(column)
        for item in result.items:
            data = item_dict(item)
            first, second = TEXT_FIELDS[item.kind][0], TEXT_FIELDS[item.kind][1]
            text = f"{data[first]} → {data[second]}" if data[second] else str(data[first])
            row = [str(item.ref.line), item.kind, f"{item.confidence:.2f}", text]
            found = explained.get(id(item))
            if found is not None:
                where = f" in {found.section!r}" if found.section else ""
                row.insert(3, f"{found.rule} ({found.role}{where})")
            table.add_row(*row)
        console.print(table)
        for silent in result.silent:
            console.print(f"  line {silent.line}: section {silent.title!r} ({silent.role}) gave "
                          f"nothing: {silent.reason}", markup=False, highlight=False)
