"""Headingless prose -> Article: one untitled section whose blocks are the paragraphs."""

from __future__ import annotations

from ..model import Article, Block, Section
from .common import clean, title_from_slug


def sniff(text: str) -> bool:
    """Prose is the fallback: it reads anything."""
    return True


def read(text: str, shown: str, slug: str) -> Article:
    blocks: list[Block] = []
    lines = text.split("\n")
    start, current = 0, []
    for n, line in enumerate(lines + [""], 1):
        if line.strip():
            if not current:
                start = n
            current.append(line.strip())
        elif current:
            blocks.append(Block("paragraph", clean(" ".join(current)), start))
            current = []
    return Article(path=shown, slug=slug, title=title_from_slug(slug), reader="prose",
                   sections=(Section("", 0, 1, tuple(blocks)),))
