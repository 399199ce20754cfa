"""Pieces every reader shares: building sections, fallback titles."""

from __future__ import annotations

import re

from ..model import Block, Section


def title_from_slug(slug: str) -> str:
    """A readable title made from a file's slug ("why-trust-matters" -> "Why trust matters")."""
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Untitled"


def first_heading(sections: list[Section] | tuple[Section, ...]) -> str:
    return next((s.title for s in sections if s.title), "")


class SectionBuilder:
    """Collects blocks under the current heading; ``finish`` returns the sections in order."""

    def __init__(self) -> None:
        self._sections: list[Section] = []
        self._title, self._level, self._line = "", 0, 1
        self._blocks: list[Block] = []

    def heading(self, title: str, level: int, line: int) -> None:
        self._flush()
        self._title, self._level, self._line = title, level, line

    def add(self, block: Block) -> None:
        self._blocks.append(block)

    def replace_last(self, block: Block) -> None:
        self._blocks[-1] = block

    @property
    def level(self) -> int:
        """Level of the current heading (0 before the first one)."""
        return self._level

    @property
    def last(self) -> Block | None:
        return self._blocks[-1] if self._blocks else None

    def _flush(self) -> None:
        if self._title or self._blocks:
            self._sections.append(Section(self._title, self._level, self._line, tuple(self._blocks)))
        self._blocks = []

    def finish(self) -> tuple[Section, ...]:
        self._flush()
        return tuple(self._sections)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def clean(text: str) -> str:
    """Fold runs of white space (tabs, non-breaking spaces, control characters) into one space
    and drop zero-width characters."""
    if text.isprintable() and "  " not in text:  # every character the patterns touch is
        return text.strip()  # a separator, control or format character, none of them printable
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()
