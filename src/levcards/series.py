"""Find article files in stable order and decide which series (deck) each belongs to."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_NAME, DeckConfig
from .model import Article

IGNORED_NAMES = {CONFIG_NAME, "levcards.lock", "README.md", "readme.md", ".DS_Store"}
NOT_ARTICLES = frozenset(
    ".png .jpg .jpeg .gif .webp .avif .svg .bmp .ico .tif .tiff .heic .pdf .epub .doc .docx .odt "
    ".xls .xlsx .ods .ppt .pptx .odp .key .zip .gz .tgz .bz2 .xz .7z .tar .rar .apkg .colpkg "
    ".mp3 .m4a .wav .ogg .flac .mp4 .m4v .mov .webm .mkv .avi .woff .woff2 .ttf .otf .json "
    ".csv .css .js".split())
"""Endings of files that sit beside articles but are none: images (media in a later issue),
documents, archives, decks, recordings, fonts and data. Articles themselves may have any
other ending, or none: their format is read from their content."""
OUTPUT_MARKER = ".levcards-cache"
"""The build cache's folder name (``cache.CACHE_DIR``): a folder holding it is a build's output,
never read as sources."""


def find_articles(root: Path) -> list[Path]:
    """Every article file under ``root``, sorted by path; hidden files and config skipped.

    Symlinked folders are not followed (no loops); a file given directly is returned as is.
    Symlinked files stay in the list: the reader refuses those that lead outside ``root``.
    """
    return [Path(path) for path, _ in list_articles(root)]


def list_articles(root: Path, skipped: list[str] | None = None) -> list[tuple[str, bool]]:
    """``find_articles`` as (path, is a symlink) pairs of strings: a large tree is listed
    with one ``scandir`` per folder and no ``stat`` or ``Path`` object per file. Files that
    are no articles (``NOT_ARTICLES``) and output folders are left out; the files go to
    ``skipped``, sorted."""
    if not root.is_dir():
        return [(str(root), root.is_symlink())]
    found: list[tuple[str, str, bool]] = []  # (path under root, full path, link): sorted on the first
    others: list[str] = []
    base = str(root)
    _scan(base, "", "" if base == "." else base + os.sep, found, others)
    if skipped is not None:
        skipped.extend(sorted(others))
    return [(full, link) for _, full, link in sorted(found)]


def _scan(folder: str, under: str, shown: str, found: list[tuple[str, str, bool]],
          others: list[str]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    if under and any(entry.name == OUTPUT_MARKER for entry in entries):
        return  # a build's --out inside the source tree
    for entry in entries:
        name = entry.name
        if name.startswith((".", "_")):
            continue
        try:  # like os.walk: a link counts as what it points to; a broken one as a file
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        try:
            is_link = entry.is_symlink()
        except OSError:
            is_link = False
        if is_dir:
            if not is_link:  # a linked folder is not followed: no loops
                _scan(entry.path, under + name + "/", shown + name + os.sep, found, others)
        elif os.path.splitext(name)[1].lower() in NOT_ARTICLES:
            others.append(shown + name)
        elif name not in IGNORED_NAMES and not name.endswith(".levcards.toml"):
            found.append((under + name, shown + name, is_link))


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
