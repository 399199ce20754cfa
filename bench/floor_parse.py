"""Floor A: the least parsing any levcards build must do, on one core.

    python bench/floor_parse.py SOURCE

Reads every article file under SOURCE (the files levcards would read: hidden and ``_`` names,
``levcards.toml`` and READMEs skipped), runs ``frontmatter.loads`` and
``MarkdownIt("commonmark").parse`` on each whole file whatever its format, and nothing else.
Prints one JSON line with the file and token counts.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import frontmatter
from markdown_it import MarkdownIt

SKIPPED = {"levcards.toml", "levcards.lock", "README.md", "readme.md", ".DS_Store"}


def pin_to_one_core() -> None:
    """Run on a single CPU so the floor never benefits from a second core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def article_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found.extend(Path(folder) / name for name in sorted(files)
                     if not name.startswith((".", "_")) and name not in SKIPPED)
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    pin_to_one_core()
    md = MarkdownIt("commonmark")
    files = tokens = 0
    for path in article_files(Path(argv[0])):
        text = path.read_text(encoding="utf-8")
        frontmatter.loads(text)
        tokens += len(md.parse(text))
        files += 1
    print(json.dumps({"files": files, "tokens": tokens}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
