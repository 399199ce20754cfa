"""Enumerations: "five examples of leverage: delegation, capital, brand, network and technology"."""

from __future__ import annotations

import re

from ..model import Article, Enumeration, SourceRef
from .text import sentences

_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}
_INTRO = re.compile(r"\b(?P<count>two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+"
                    r"(?:main |key |basic |core |common |major |kinds of |types of )?"
                    r"(?P<noun>[a-z]+s)\b[^:]*:\s*(?P<list>[^:]+)$", re.IGNORECASE)


def extract(article: Article) -> list[Enumeration]:
    out: list[Enumeration] = []
    for block in article.blocks():
        if block.kind != "paragraph" or ":" not in block.text:  # each needs a colon
            continue
        for sentence in sentences(block.text):
            found = _enumeration(sentence)
            if found:
                out.append(Enumeration(found[0], found[1], SourceRef(article.path, block.line)))
    return out


def _enumeration(sentence: str) -> tuple[str, tuple[str, ...]] | None:
    if ":" not in sentence:  # cheap test first: the pattern needs a colon
        return None
    m = _INTRO.search(sentence.rstrip("."))
    if not m:
        return None
    count = m.group("count").lower()
    expected = _COUNTS.get(count) or int(count)
    members = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group("list"))]
    members = [p for p in members if p]
    if len(members) != expected or any(len(p.split()) > 5 for p in members):
        return None
    label = sentence[: sentence.index(":")].strip()
    return label, tuple(members)
