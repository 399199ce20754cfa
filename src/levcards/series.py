"""Find article files in stable order and decide which series (deck) each belongs to."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_NAME, DeckConfig
from .model import Article

IGNORED_NAMES = {CONFIG_NAME, "levcards.lock", "README.md", "readme.md", ".DS_Store"}


def find_articles(root: Path) -> list[Path]:
    """Every article file under ``root``, sorted by path; hidden files and config skipped.

    Symlinked folders are not followed (no loops); a file given directly is returned as is.
    Symlinked files stay in the list: the reader refuses those that lead outside ``root``.
    """
    if not root.is_dir():
        return [root]
    found: list[tuple[str, str]] = []  # (path under root, full path): sorting on strings is cheap
    base = str(root)
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        under = os.path.relpath(folder, base).replace(os.sep, "/")
        prefix = "" if under == "." else under + "/"
        for name in files:
            if name.startswith((".", "_")) or name in IGNORED_NAMES or name.endswith(".levcards.toml"):
                continue
            found.append((prefix + name, os.path.join(folder, name)))
    return [Path(full) for _, full in sorted(found)]


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "series"


@dataclass(frozen=True, slots=True)
class SeriesChoice:
    name: str
    origin: str


def choose_series(article: Article, folder_name: str, folder_config: DeckConfig | None) -> SeriesChoice:
    """Folder config ``series``, then frontmatter ``series``, the "Part N of M in …" marker,
    frontmatter ``category``, and finally the folder under the source root."""
    if folder_config is not None and folder_config.series:
        return SeriesChoice(folder_config.series, "config")
    for key, origin in (("series", "frontmatter"), ("series_marker", "marker"), ("category", "category")):
        value = article.meta.get(key)
        if isinstance(value, str) and value.strip():
            return SeriesChoice(value.strip(), origin)
    return SeriesChoice(folder_name, "folder")
