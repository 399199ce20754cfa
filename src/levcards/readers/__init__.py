"""Reader registry: sniff each file's format from its content and parse it into an Article.

The table is ordered; the first reader whose ``sniff`` matches wins and prose always matches.
File endings are never consulted (the bundled Markdown seed is a ``.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import SourceError
from ..model import Article
from . import markdown, plaintext, prose
from .source import decode, read_bytes

Read = Callable[[str, str, str], Article]
"""(text, shown path, slug) -> Article"""


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format: a cheap content test and a parser."""

    name: str
    sniff: Callable[[str], bool]
    read: Read


READERS: tuple[Reader, ...] = (
    Reader("markdown", markdown.sniff, markdown.read),
    Reader("plaintext", plaintext.sniff, plaintext.read),
    Reader("prose", prose.sniff, prose.read),
)
READER_NAMES = tuple(r.name for r in READERS)


def slug_for(path: Path) -> str:
    """A stable, filesystem-safe identifier from the file name."""
    stem = path.name.split(".")[0] or path.name
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "article"


def pick_reader(text: str, name: str | None = None) -> Reader:
    """The reader named ``name``, else the first whose sniff matches."""
    if name is not None:
        for reader in READERS:
            if reader.name == name:
                return reader
        raise ValueError(f"unknown reader {name!r}; choose one of {', '.join(READER_NAMES)}")
    return next(r for r in READERS if r.sniff(text))


def read_article(path: Path, shown: str | None = None, reader: str | None = None,
                 data: bytes | None = None) -> Article:
    """Read one file (or its bytes, ``data``, read already) into an Article; raises SourceError
    for anything wrong with the file."""
    shown = shown if shown is not None else str(path)
    text, warnings = decode(read_bytes(path, shown) if data is None else data, shown)
    if not text.strip():
        raise SourceError(shown, 1, "is empty; write the article or remove the file", code="empty")
    try:
        article = pick_reader(text, reader).read(text, shown, slug_for(path))
    except SourceError:
        raise
    except RecursionError:
        raise SourceError(shown, 1, "is nested too deeply to parse (lists or quotes inside each "
                          "other thousands of levels deep)", code="too-deep") from None
    if warnings:
        article = replace(article, warnings=tuple(warnings) + article.warnings)
    return article


__all__ = ["READERS", "READER_NAMES", "Reader", "pick_reader", "read_article", "slug_for"]
