"""What an item layout is: a small function that reads one unit of an outline and returns items.

Layouts are registered per role in the order they are tried, like markdown-it-py's rule
tables. A layout sees a ``Unit`` (an item heading, or the blocks of a role section or of a
list a lead-in opened) and the lines other layouts already claimed; it returns ``Found``
records, each naming the blocks it used, so no block becomes two items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Article, Block, Item
from .outline import Node
from .text import sentences, words
from .vocabulary import Role


@dataclass(frozen=True, slots=True)
class Unit:
    """What one layout call reads."""

    article: Article
    node: Node
    role: Role | Literal["no role"]
    """The role the blocks are read in ("no role" for the free layouts)."""
    blocks: tuple[Block, ...]
    """The blocks to read: the node's own, or the list a lead-in gave a role."""


@dataclass(frozen=True, slots=True)
class Found:
    """One item and why it exists (``levcards extract --explain``)."""

    item: Item
    role: str
    """The role of the section it came from ("prose" for sentence-level definitions)."""
    rule: str
    """The layout that produced it."""
    lines: tuple[int, ...] = ()
    """The lines of the blocks it used (no other layout may use them)."""
    section: str = ""
    """The heading of the section it was read from ("" for the prose pass)."""


Layout = Callable[[Unit, set[int]], Sequence[Found]]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    run: Layout


MIN_SENTENCE_WORDS = 5


def first_sentence(text: str) -> str:
    """The text's first sentence, with the next one too when the first is only a few words."""
    parts = sentences(text)
    if not parts:
        return text.strip()
    first = parts[0]
    if len(words(first)) < MIN_SENTENCE_WORDS and len(parts) > 1:
        return f"{first} {parts[1]}"
    return first


def free(blocks: Sequence[Block], claimed: set[int]) -> list[Block]:
    return [b for b in blocks if b.line not in claimed]


__all__ = ["Found", "Layout", "Rule", "Unit", "first_sentence", "free"]
