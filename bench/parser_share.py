"""How much of a build is the Markdown parser: one serial build, on one core, in this process.

    python bench/parser_share.py SOURCE

Runs ``levcards.builder.build`` without worker processes (``LEVCARDS_SERIAL``) on a throw-away
copy of SOURCE without the ledger an earlier build left, and times the CPU spent in
markdown-it-py's calls (the block parse of each Markdown file and the inline parse of the
paragraphs with markup) against the whole build. Then it times, on the same Markdown bodies,
markdown-it-py's block parse as levcards runs it and, when the package is installed,
``markdown_it_pyrs`` (a Rust port of markdown-it, not a levcards dependency) building its tree.
Prints one JSON line. Two cores can give a build at most twice floor A's time: compare that with
``build_cpu_s``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from levcards import builder
from levcards.ledger import LEDGER_NAME
from levcards.readers import markdown, pick_reader
from levcards.readers.source import decode, read_bytes
from levcards.series import list_articles


class _Timed:
    """Wraps a callable and adds up the CPU time spent inside it."""

    def __init__(self, call: Callable[..., Any]) -> None:
        self.call = call
        self.seconds = 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return self.call(*args, **kwargs)
        finally:
            self.seconds += time.process_time() - start


def build_share(source: Path) -> dict[str, float]:
    """CPU of one serial build and of the markdown-it-py calls inside it.

    The build runs on a copy of ``source`` without its ledger: from scratch, and the source
    folder is never written to.
    """
    block, inline = _Timed(markdown._MD.parse), _Timed(markdown._INLINE.parseInline)
    os.environ["LEVCARDS_SERIAL"] = "1"  # no reading workers, no packaging helper
    with tempfile.TemporaryDirectory() as scratch:
        copy, out = Path(scratch) / "source", Path(scratch) / "out"
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns(LEDGER_NAME))
        markdown._MD.parse, markdown._INLINE.parseInline = block, inline  # type: ignore[method-assign]
        try:
            start = time.process_time()
            builder.build(copy, out)
            total = time.process_time() - start
        finally:
            markdown._MD.parse, markdown._INLINE.parseInline = block.call, inline.call  # type: ignore[method-assign]
    return {"build_cpu_s": round(total, 4),
            "markdown_it_py_cpu_s": round(block.seconds + inline.seconds, 4)}


def markdown_bodies(source: Path) -> list[str]:
    """The body (frontmatter blanked) of every file levcards reads as Markdown."""
    bodies = []
    for path, _ in list_articles(source):
        text, _ = decode(read_bytes(Path(path), path), path)
        if pick_reader(text).name == "markdown":
            bodies.append(markdown.split_frontmatter(text, path)[1])
    return bodies


def per_file_ms(parse: Callable[[str], object], bodies: list[str], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for body in bodies:
            parse(body)
        times.append(time.process_time() - start)
    return round(statistics.median(times) * 1000 / max(1, len(bodies)), 3)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[0])
    found: dict[str, Any] = build_share(source)
    bodies = markdown_bodies(source)
    found["markdown_files"] = len(bodies)
    found["markdown_it_py_block_ms_per_file"] = per_file_ms(lambda b: markdown._MD.parse(b, {}), bodies)
    try:
        from markdown_it_pyrs import MarkdownIt as RustMarkdownIt
    except ImportError:
        found["markdown_it_pyrs_tree_ms_per_file"] = None  # pip install markdown-it-pyrs
    else:
        rust = RustMarkdownIt("commonmark").enable_many(["table", "deflist"])
        found["markdown_it_pyrs_tree_ms_per_file"] = per_file_ms(rust.tree, bodies)
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
