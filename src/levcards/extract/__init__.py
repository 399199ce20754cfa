"""Extractor registry: each extractor reads an Article and returns items of one kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Article, Item
from . import definitions, enumerations, mistakes, qa, takeaways
from .text import norm

Extractor = Callable[[Article], Sequence[Item]]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("definition", definitions.extract),
    ("qa", qa.extract),
    ("takeaway", takeaways.extract),
    ("mistake", mistakes.extract),
    ("enumeration", enumerations.extract),
)


def extract(article: Article, threshold: float = 0.0) -> list[Item]:
    """Every item at or above ``threshold`` confidence, in source order, exact repeats dropped."""
    items: list[Item] = []
    seen: set[tuple[str, ...]] = set()
    for _, extractor in EXTRACTORS:
        for item in extractor(article):
            identity = (item.kind, norm(item.key), norm(_body(item)))
            if item.confidence >= threshold and identity not in seen:
                seen.add(identity)
                items.append(item)
    order = {kind: n for n, (kind, _) in enumerate(EXTRACTORS)}
    return sorted(items, key=lambda i: (i.ref.line, order[i.kind]))


def _body(item: Item) -> str:
    for name in ("definition", "answer", "explanation", "text"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return " ".join(getattr(item, "members", ()))


__all__ = ["EXTRACTORS", "extract"]
