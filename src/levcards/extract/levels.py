"""Heading levels for a page export, where the reader could only guess them.

A plain-text export keeps no '#' marks, so which heading sits under which is worked out from
what the headings say (``_LevelGuess``): role headings, item headings, parts and capitals.
"""

from __future__ import annotations

import re

from ..model import Section
from .vocabulary import CLOSERS, Role, heading_key, heading_role, is_part_label, item_heading

_NUMBERED_TITLE = re.compile(r"^\s*(?:#{1,6}\s*)?\(?\d{1,3}[.):]?\s*(?=\S)")


def guess_levels(sections: list[Section]) -> list[int]:
    """Heading levels for a page export, where the reader could only guess them."""
    guess = _LevelGuess()
    return [guess.level(s) for s in sections]


class _LevelGuess:
    """Levels from what the headings say, in reading order:

    - the title is 1; role headings ("Common mistakes", "FAQ") and closers are 2;
    - item headings ("Mistake #1: …", "1. Shares", a question under an FAQ) are 3, under the
      section before them; a numbered heading after a role section that has its own list
      ("TL;DR" bullets, then "01. Index fund") is the title's, so it stays at 2;
    - under a labelled item ("Mistake #2: …") every heading is a part (4) until the next item,
      role or closer; under a numbered item only a part label is ("The Fix"), anything else
      starts a section again;
    - under a role heading with no text of its own, the headings that follow are its items (3).
    """

    def __init__(self) -> None:
        self.item = ""  # "labelled" or "numbered" while inside an item heading
        self.role: Role | None = None
        self.empty_role = False  # the role heading has no text: its items follow it
        self.listed = False  # the role heading has its own list: its items are there
        self.promoted = False  # numbered headings after such a list stand at section level

    def level(self, section: Section) -> int:
        title = section.title
        if not title:
            return section.level
        own = heading_role(title)
        labelled = item_heading(title) is not None
        numbered = bool(_NUMBERED_TITLE.match(title))
        if section.level == 1:
            self.__init__()  # type: ignore[misc]
            return 1
        if numbered and not labelled and (self.listed or self.promoted):
            self.item, self.role, self.listed, self.empty_role = "numbered", None, False, False
            self.promoted = True
            return 2
        if labelled or numbered or (self.role == "qa" and title.rstrip().endswith("?")):
            self.item = "labelled" if labelled else "numbered"
            return 3
        if self._opens_section(title, own):
            self.item, self.role, self.promoted = "", own, False
            self.empty_role = own is not None and not section.blocks
            self.listed = own not in (None, "none") and any(b.kind == "item" for b in section.blocks)
            return 2
        if self.item == "labelled" or (self.item and is_part_label(title)):
            return 4
        if self.item:
            self.item = ""
            return 2
        return 3 if self.empty_role else min(section.level, 3)

    def _opens_section(self, title: str, own: Role | None) -> bool:
        """A role heading or a closer; a part label ("Key points") only outside a labelled
        item or when written in capitals like the page's section headings."""
        if CLOSERS.match(heading_key(title)):
            return True
        if own is None:
            return False
        if not is_part_label(title):
            return True
        return own != "none" and (self.item != "labelled" or _capitals(title))


def _capitals(title: str) -> bool:
    """'KEY POINTS': a page export writes its section headings in capitals, never its parts."""
    return title.isupper() and sum(c.isalpha() for c in title) >= 4
