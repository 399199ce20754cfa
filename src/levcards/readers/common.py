"""Pieces every reader shares: building sections, fallback titles."""

from __future__ import annotations

import re

from ..model import Block, Section


def title_from_slug(slug: str, sections: tuple[Section, ...] | list[Section] = ()) -> str:
    """A readable title made from a file's slug ("why-trust-matters" -> "Why trust matters").

    A slug that is only numbers and a hash ("002-f5f7be7d463f0b2d") names nothing a learner can
    read: the article's first heading, else the start of its first sentence, stands in.
    """
    if _HASHLIKE.search(slug) and sections:
        heading = first_heading(sections)
        if heading:
            return heading
        text = next((b.text for s in sections for b in s.blocks if b.kind == "paragraph"), "")
        if text:
            return _opening(text)
    words = _SERIAL.sub("", slug).replace("-", " ").replace("_", " ").strip() or slug
    return words[:1].upper() + words[1:] if words else "Untitled"


_SERIAL = re.compile(r"^(?:[a-z]\d{2,}|0\d+|(?:ch|part|lesson|ep)\d+)[-_ ]+(?=[a-z])",
                     re.IGNORECASE)
"""A running number that orders files ("07-", "t08-", "ch3_"), not part of what they are about;
"3-body-problem", "2024-goals" and "mp3-players" keep theirs."""
_HASHLIKE = re.compile(r"(^|-)[0-9a-f]{8,}($|-)|^[\d-]+$")
MAX_TITLE_WORDS = 8


def _opening(text: str) -> str:
    """The first sentence, cut to a few words: "If you want to change the world…"."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].rstrip(".!?")
    words = sentence.split()
    if len(words) <= MAX_TITLE_WORDS:
        return sentence
    cut = words[:MAX_TITLE_WORDS]
    while len(cut) > 1 and cut[-1].lower() in _DANGLING:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"


_DANGLING = frozenset("a an the of to and or but then so if that with for in on at by as".split())


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


def indent_of(line: str) -> int:
    """The line's indent in columns, a tab counting four."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())
