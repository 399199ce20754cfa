"""The levcards command line: build decks, extract items. Exit 0 ok, 1 content errors, 2 usage."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="levcards",
    help="Turn articles (Markdown, text page exports, prose) into Anki decks.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    table = "table"
    json = "json"


class ReaderName(str, Enum):
    markdown = "markdown"
    plaintext = "plaintext"
    prose = "prose"


def _version(value: bool) -> None:
    if value:
        print(f"levcards {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """levcards: spaced-repetition cards from articles."""


SourceArg = Annotated[Path, typer.Argument(help="Folder of articles (one sub-folder per series).",
                                           exists=True, file_okay=True, dir_okay=True)]


OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder for the .apkg files.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table (for people) or json (for CI).")]
ReaderOpt = Annotated[Optional[ReaderName], typer.Option(help="Force one reader instead of sniffing.")]
StrictOpt = Annotated[bool, typer.Option(help="Treat warnings as errors; write nothing then.")]


@app.command()
def build(
    source: SourceArg = Path("decks"),
    out: OutOpt = Path("dist"),
    fmt: FormatOpt = Format.table,
    reader: ReaderOpt = None,
    strict: StrictOpt = False,
    frozen: Annotated[bool, typer.Option(help="Fail instead of changing levcards.lock (for CI).")] = False,
) -> None:
    """Build one .apkg per series from SOURCE into --out, and report what changed.

    Example: levcards build decks --out dist
    """
    _run_build(source, out, fmt, reader, strict, frozen, version=None)


@app.command()
def release(
    version: Annotated[str, typer.Option("--version", help="Release version, shown in each deck's description.")],
    source: SourceArg = Path("decks"),
    out: OutOpt = Path("dist"),
    fmt: FormatOpt = Format.table,
    strict: StrictOpt = False,
    frozen: Annotated[bool, typer.Option(help="Fail if levcards.lock is not up to date.")] = True,
) -> None:
    """Build the decks plus CHANGELOG.md and manifest.json (sha256, counts) for a release.

    Example: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) levcards release --version v1.2.0
    """
    _run_build(source, out, fmt, None, strict, frozen, version=version)


def _run_build(source: Path, out: Path, fmt: Format, reader: ReaderName | None, strict: bool,
               frozen: bool, version: str | None) -> None:
    from .pipeline import build as run_build
    from .release import write_release_files
    from .report import build_dict, console, print_build, print_problems, progress_bar

    err = console(stderr=True)
    with progress_bar(err) as progress:
        report = _guard(lambda: run_build(source, out, reader.value if reader else None,
                                          strict=strict, progress=progress, frozen=frozen,
                                          version=version or ""), err)
    if report.changes is not None and any(s.output for s in report.series):
        _guard(lambda: write_release_files(report, out, version or ""), err)
    if fmt is Format.json:
        import json

        print(json.dumps(build_dict(report), ensure_ascii=False, indent=2))
    else:
        print_build(report, console())
    print_problems(report, err)
    failed = not report.ok or (strict and bool(report.problems.items))
    raise typer.Exit(1 if failed else 0)


@app.command("extract")
def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    fmt: Annotated[Format, typer.Option("--format", help="table (for people) or json (for tools).")] = Format.table,
    reader: Annotated[Optional[ReaderName], typer.Option(help="Force one reader instead of sniffing.")] = None,
) -> None:
    """Print the study items found in each article.

    Example: levcards extract decks/money/*.txt --format json
    """
    from .pipeline import extract_paths
    from .report import console, extract_json, print_extract, print_problems

    err = console(stderr=True)
    report = _guard(lambda: extract_paths(paths, reader.value if reader else None), err)
    if fmt is Format.json:
        sys.stdout.write(extract_json(report) + "\n")
    else:
        print_extract(report, console())
    print_problems(report, err)
    raise typer.Exit(0 if report.ok else 1)


def _guard(run, err):  # type: ignore[no-untyped-def]
    """Run a pipeline call; levcards' own errors become a message and exit 1."""
    from .errors import LevcardsError

    try:
        return run()
    except LevcardsError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted; earlier outputs are unchanged", markup=False)
        raise typer.Exit(130) from None
