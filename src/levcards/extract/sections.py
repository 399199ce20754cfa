"""Find sections by what their headings promise, and walk the blocks under them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, Block, Section
from .text import norm


def titled(pattern: str) -> re.Pattern[str]:
    """A pattern over a normalised heading (lower-case words separated by single spaces)."""
    return re.compile(pattern)


def matches(section: Section, pattern: re.Pattern[str]) -> bool:
    return bool(section.title) and bool(pattern.search(norm(section.title)))


def with_children(article: Article, pattern: re.Pattern[str]) -> Iterator[tuple[Section, list[Section]]]:
    """Each section whose title matches, with the deeper sections nested under it."""
    sections = article.sections
    for i, section in enumerate(sections):
        if not matches(section, pattern):
            continue
        children: list[Section] = []
        for later in sections[i + 1 :]:
            if later.level <= section.level:
                break
            children.append(later)
        yield section, children


def first_paragraph(section: Section) -> Block | None:
    return next((b for b in section.blocks if b.kind == "paragraph"), None)


def top_items(blocks: tuple[Block, ...] | list[Block]) -> list[Block]:
    """List items of the first list level present in ``blocks``."""
    items = [b for b in blocks if b.kind == "item"]
    if not items:
        return []
    depth = min(b.depth for b in items)
    return [b for b in items if b.depth == depth]
