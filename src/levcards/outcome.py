"""What reading one article yields: a worker's answer, and the build cache's record of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Problem
from .model import Article, Item


@dataclass
class Outcome:
    """The Article (None if unreadable), all its items and its problems."""

    article: Article | None
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    key: str | None = None
    """The file's content key, when the job asked for it (``Job.hash_content``)."""
