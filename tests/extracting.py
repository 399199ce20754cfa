"""Helpers for extractor tests: an inline article's items, by kind, as plain tuples."""

from __future__ import annotations

from levcards.extract import extract
from levcards.model import Article, Definition, Item, Mistake, QAPair, Takeaway
from levcards.readers import pick_reader


def article(text: str, path: str = "decks/notes/page.txt") -> Article:
    return pick_reader(text).read(text, path, "page")


def items(text: str) -> list[Item]:
    return extract(article(text))


def defs(text: str) -> list[tuple[str, str]]:
    return [(i.term, i.definition) for i in items(text) if isinstance(i, Definition)]


def qas(text: str) -> list[tuple[str, str]]:
    return [(i.question, i.answer) for i in items(text) if isinstance(i, QAPair)]


def takeaways(text: str) -> list[str]:
    return [i.text for i in items(text) if isinstance(i, Takeaway)]


def mistakes(text: str) -> list[tuple[str, str, str]]:
    return [(i.title, i.explanation, i.fix) for i in items(text) if isinstance(i, Mistake)]


def of_kind(kind: str, parsed: Article) -> list[Item]:
    """The items of one kind that extraction finds in ``parsed``."""
    return [i for i in extract(parsed) if i.kind == kind]
