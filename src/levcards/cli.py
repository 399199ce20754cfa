"""The levcards command line: build decks, extract items. Exit 0 ok, 1 content errors, 2 usage."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__

if TYPE_CHECKING:
    from .config import BuildOptions

INTERNAL_ERROR = 3
"""Exit code for bugs in levcards (1 is for problems in the sources, 2 for usage errors)."""

app = typer.Typer(
    name="levcards",
    help="Turn articles (Markdown, text page exports, prose) into Anki decks.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def run() -> None:
    """The ``levcards`` command: run it, then leave without tearing the interpreter down.

    A large build ends holding hundreds of thousands of objects, and freeing them one by one
    at exit is time the author waits for nothing (bench/README.md has the figure). Every file
    is written and closed by then; only the output streams are flushed here.
    """
    code: str | int | None = 0
    try:
        app(prog_name="levcards")
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # sys.exit("message"): print it and fail, as Python would
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing left to say
            pass
    os._exit(code or 0)


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
AllOpt = Annotated[bool, typer.Option("--all", help="Keep items under the confidence threshold too.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and warnings.")]
VerboseOpt = Annotated[bool, typer.Option(
    "--verbose", "-v", help="Also print info findings and each article's reader.")]


@app.command()
def build(
    source: SourceArg = Path("decks"),
    out: OutOpt = Path("dist"),
    fmt: FormatOpt = Format.table,
    reader: ReaderOpt = None,
    strict: StrictOpt = False,
    frozen: Annotated[bool, typer.Option(help="Fail instead of changing levcards.lock (for CI).")] = False,
    include_all: AllOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Build one .apkg per series from SOURCE into --out.

    Prints what changed (added, updated, retired notes) in an 80-column table.

    Examples:

      levcards build                      # decks/ -> dist/

      levcards build decks --out dist --format json

      levcards build --frozen --strict    # CI: fail on warnings or an outdated levcards.lock
    """
    from .config import BuildOptions

    options = BuildOptions(reader=reader.value if reader else None, strict=strict, frozen=frozen,
                           include_all=include_all)
    _run_build(source, out, options, fmt, quiet, verbose)


@app.command()
def release(
    version: Annotated[str, typer.Option("--version", help="Release version, shown in each deck's description.")],
    source: SourceArg = Path("decks"),
    out: OutOpt = Path("dist"),
    fmt: FormatOpt = Format.table,
    strict: StrictOpt = False,
    frozen: Annotated[bool, typer.Option(help="Fail if levcards.lock is not up to date.")] = True,
    quiet: QuietOpt = False,
) -> None:
    """Build the decks, manifest.json and CHANGELOG.md for a release.

    The changelog lists what changed since the release whose manifest is in --out.

    Example: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) levcards release --version v1.2.0
    """
    from .config import BuildOptions

    _run_build(source, out, BuildOptions(strict=strict, frozen=frozen, version=version), fmt,
               quiet, verbose=False)


def _run_build(source: Path, out: Path, options: BuildOptions, fmt: Format, quiet: bool,
               verbose: bool) -> None:
    from .builder import build as run_build
    from .report import LazyConsole, build_dict, console, print_build, print_problems, progress_bar

    err = LazyConsole(stderr=True)
    with progress_bar(err) as progress:
        report = _guard(lambda: run_build(source, out, options, progress), err)
    if fmt is Format.json:
        import json

        print(json.dumps(build_dict(report, "release" if options.version else "build",
                                    exit_code(report, options.strict) == 0),
                         ensure_ascii=False, indent=2))
    elif not quiet:
        print_build(report, console(), verbose)
    print_problems(report, err, verbose)
    raise typer.Exit(exit_code(report, options.strict))


def exit_code(report, strict: bool) -> int:  # type: ignore[no-untyped-def]
    """1 on errors, and on warnings too under --strict; else 0."""
    if report.problems.errors or (strict and report.problems.warnings):
        return 1
    return 0


@app.command()
def check(
    source: SourceArg = Path("decks"),
    fmt: FormatOpt = Format.table,
    reader: ReaderOpt = None,
    strict: StrictOpt = False,
    include_all: AllOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Lint SOURCE without writing anything.

    One line per finding: path:line:col: severity code message.

    Exit 1 on errors (and on warnings with --strict). Suggestions (items under the confidence
    threshold) are info lines, shown with --verbose or --format json.

    Examples:

      levcards check decks

      levcards check decks --strict --format json
    """
    from .pipeline import check as run_check
    from .report import console, print_problems

    err = console(stderr=True)
    report = _guard(lambda: run_check(source, reader.value if reader else None, include_all), err)
    if fmt is Format.json:
        import json

        from .report import envelope

        checked = len([a for a in report.articles if a.article is not None])
        print(json.dumps(envelope("check", report, exit_code(report, strict) == 0,
                                  files=len(report.articles), articles=checked),
                         ensure_ascii=False, indent=2))
    else:
        print_problems(report, console(), verbose)
        counts = {s: len([p for p in report.problems.items if p.severity == s])
                  for s in ("error", "warning", "info")}
        articles = len([a for a in report.articles if a.article is not None])
        console().print(f"checked {len(report.articles)} file(s), {articles} article(s): "
                        f"{counts['error']} error(s), {counts['warning']} warning(s), "
                        f"{counts['info']} suggestion(s)/info", markup=False)
    raise typer.Exit(exit_code(report, strict))


@app.command()
def preview(
    source: SourceArg = Path("decks"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the HTML site.")] = Path("dist/preview"),
    reader: ReaderOpt = None,
    include_all: AllOpt = False,
) -> None:
    """Write a static HTML site of every card, findings beside them.

    Fronts and backs as Anki shows them, at phone or desktop width, light or dark.

    Example: levcards preview decks --out dist/preview && open dist/preview/index.html
    """
    from .pipeline import check as run_check
    from .preview import write_preview
    from .report import console, print_problems

    err = console(stderr=True)
    report = _guard(lambda: run_check(source, reader.value if reader else None, include_all), err)
    index = _guard(lambda: write_preview(report, out), err)
    console().print(f"preview written: {index}", markup=False)
    print_problems(report, err)
    raise typer.Exit(exit_code(report, False))


@app.command()
def watch(
    source: SourceArg = Path("decks"),
    out: OutOpt = Path("dist"),
    preview_out: Annotated[Optional[Path], typer.Option("--preview", help="Also keep a preview site here.")] = None,
) -> None:
    """Rebuild the decks on every change under SOURCE; Ctrl-C stops.

    Also keeps a preview site up to date with --preview.

    Example: levcards watch decks --out dist --preview dist/preview
    """
    from .errors import LevcardsError
    from .report import console
    from .watch import watch as run_watch

    out_console = console()
    try:
        run_watch(source, out, preview_out, lambda line: out_console.print(line, markup=False))
    except KeyboardInterrupt:
        out_console.print("stopped watching", markup=False)
    except LevcardsError as error:
        console(stderr=True).print(f"error: {error}", markup=False)
        raise typer.Exit(getattr(error, "exit_code", 1)) from None


@app.command("extract")
def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    fmt: Annotated[Format, typer.Option("--format", help="table (for people) or json (for tools).")] = Format.table,
    reader: ReaderOpt = None,
    include_all: AllOpt = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Say for each item which section, role and layout made it, and "
        "why a section with a role gave nothing.")] = False,
) -> None:
    """Print the study items found in each article.

    Each with its line and confidence; --explain says which section and layout made it.

    Examples:

      levcards extract decks/money/000_49af584fc83ed8ca.txt

      levcards extract decks --format json --all

      levcards extract article.md --explain
    """
    from .pipeline import extract_paths
    from .report import console, extract_json, print_extract, print_problems

    err = console(stderr=True)
    report = _guard(lambda: extract_paths(paths, reader.value if reader else None,
                                          **({"threshold": 0.0} if include_all else {}),
                                          explain=explain), err)
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
        raise typer.Exit(getattr(error, "exit_code", 1)) from None
    except KeyboardInterrupt:
        err.print("interrupted; earlier outputs are unchanged", markup=False)
        raise typer.Exit(130) from None
    except Exception:  # a bug: say so plainly, keep the traceback for the report
        import traceback

        err.print("internal error: levcards failed unexpectedly. This is a bug, not a problem "
                  "with your files; please report it with the text below.", markup=False)
        err.print(traceback.format_exc(), markup=False)
        raise typer.Exit(INTERNAL_ERROR) from None
