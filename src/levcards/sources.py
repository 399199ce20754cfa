"""The article files of a source tree: which files, in what order, and each one's identity.

Paths stay strings here: at 10,000 articles, making Path objects alone is a visible cost. An
article's key (its path under the root without the ending) is what its notes' GUIDs and the
ledger name it by, so it never depends on where levcards was run from.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .errors import Problems
from .overrides import SUFFIX
from .series import list_articles


def listing(source: Path, root: Path, problems: Problems) -> list[str]:
    """The article files to read, as strings (at 10,000 articles, making Path objects alone
    is a visible cost): files that are not articles, and links out of the tree, reported."""
    skipped: list[str] = []
    listed = list_articles(source, skipped)
    for p in skipped:
        problems.add(p, 1, "info", "not-article", "is not an article (an image, document or "
                     "data file); skipped")
    outside = {p for p, link in listed if link and leaves_tree(p, root)}
    for p in sorted(outside):
        problems.error(p, 1, "outside-source", "is a link to a file outside the source "
                       "folder; levcards reads only files inside it. Copy the file in instead")
    return [p for p, _ in listed if p not in outside]


def sidecars_in(folder: str) -> list[str]:
    try:
        with os.scandir(folder or ".") as listing:
            return [os.path.join(folder, e.name) for e in listing if e.name.endswith(SUFFIX)]
    except OSError:
        return []


def suffix(path: str) -> str:
    """The file ending, as ``Path.suffix`` gives it."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def article_keys(paths: Sequence[str], root: Path) -> dict[str, str]:
    """Each article's identity: its path under the source root without the file ending
    (with it, where two files differ only in their ending)."""
    under = {p: _relative(p, root) for p in paths}
    bare = {p: rel[:len(rel) - len(suffix(p))] for p, rel in under.items()}
    counts: dict[str, int] = {}
    for key in bare.values():
        counts[key] = counts.get(key, 0) + 1
    return {p: key if counts[key] == 1 else under[p] for p, key in bare.items()}


def _relative(path: str, root: Path) -> str:
    """``path`` under ``root`` with forward slashes (its bare name when it is not under it)."""
    base = str(root).rstrip(os.sep) + os.sep
    if base == "." + os.sep and not os.path.isabs(path):
        return path.replace(os.sep, "/")
    if path.startswith(base) and len(path) > len(base):
        return path[len(base):].replace(os.sep, "/")
    return os.path.basename(path)


def leaves_tree(path: str, root: Path) -> bool:
    """True for a symlink whose target lies outside ``root``."""
    if not os.path.islink(path):
        return False
    try:
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return False  # a broken link or a loop: the reader reports it
    return root.resolve() not in target.parents
