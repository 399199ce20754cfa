"""Find sections by what their headings promise, and walk the blocks under them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, Block, Section
from .text import norm


def titled(pattern: str) -> re.Pattern[str]:
    """A pattern over a normalised heading (lower-case words separated by single spaces)."""
    return re.compile(pattern)


EXAMPLES = titled(r"\b(examples?|an illustration|illustrations?|case stud(y|ies)|scenarios?|"
                  r"for instance|story|anecdote|sample)\b")
"""Worked examples and stories: what they say about one case is not a definition."""
PROCEDURES = titled(r"\b(steps?|how to|best practices?|tips?|checklists?|instructions|"
                    r"routine|schedule|timeline|do this|action plan|exercises?)\b")
"""Lists of things to do, never terms or takeaways."""
FACTS = titled(r"\b(at a glance|quick facts|facts|fact sheet|profile|details|specs|"
               r"specifications|stats|statistics|key figures|metadata|info)\b")
"""'Name: value' lists about one thing."""
SELF_CHECK = titled(r"\b(ask yourself|questions to ask|self ?check|reflect|reflection|"
                    r"exercises?|checklists?|worksheets?|quiz|test yourself|discussion|"
                    r"journal(ing)? prompts|prompts)\b")
"""Questions for the reader to answer, not questions the article answers."""
CLOSERS = titled(r"^(conclusion|in conclusion|final (thoughts|words)|wrapping up|wrap up|"
                 r"next steps|further reading|resources|references|sources|"
                 r"(key )?takeaways?|summary|tl ?dr|faqs?|frequently asked questions|"
                 r"(quick )?q ?(and|&)? ?a|glossary|key terms|definitions|bottom line|"
                 r"in short|related|terms to know|terminology|vocabulary|key concepts)\b")
"""Headings that end a run of sub-headings (one mistake after another) in any article."""


_ANSWERS: dict[tuple[str, int], tuple[re.Pattern[str], bool]] = {}
"""(title, id of pattern) -> (pattern, answer): every extractor asks about the same few titles.
Keyed by the pattern's id because hashing a compiled pattern costs as much as the search; the
entry holds the pattern, so no other pattern can get its id while the answer is remembered."""
_MAX_ANSWERS = 16384


def matches(section: Section, pattern: re.Pattern[str]) -> bool:
    title = section.title
    if not title:
        return False
    known = _ANSWERS.get((title, id(pattern)))
    if known is not None:
        return known[1]
    if len(_ANSWERS) >= _MAX_ANSWERS:
        _ANSWERS.clear()
    answer = pattern.search(norm(title)) is not None
    _ANSWERS[(title, id(pattern))] = (pattern, answer)
    return answer


Nested = tuple[tuple[Section, tuple[Section, ...]], ...]
_asked: list = [None, {}]
"""The last article asked about and its answers by pattern (every extractor asks about the
same few); holding the article keeps its id from being reused by another."""


def with_children(article: Article, pattern: re.Pattern[str]) -> Nested:
    """Each section whose title matches, with the deeper sections nested under it.

    A nested section is never yielded again on its own, and a closing heading ("Conclusion",
    "Key takeaways") ends the children even when it sits at a deeper level, as plain-text
    exports cannot tell heading levels apart.
    """
    if _asked[0] is not article:
        _asked[0], _asked[1] = article, {}
    answers: dict[re.Pattern[str], Nested] = _asked[1]
    found = answers.get(pattern)
    if found is None:
        found = answers[pattern] = tuple(_with_children(article.sections, pattern))
    return found


def _with_children(sections: tuple[Section, ...],
                   pattern: re.Pattern[str]) -> Iterator[tuple[Section, tuple[Section, ...]]]:
    claimed = -1
    for i, section in enumerate(sections):
        if i <= claimed or not matches(section, pattern):
            continue
        children: list[Section] = []
        for later in sections[i + 1 :]:
            if later.level <= section.level or matches(later, CLOSERS):
                break
            children.append(later)
        claimed = i + len(children)
        yield section, tuple(children)


def nested_in(article: Article, pattern: re.Pattern[str]) -> set[int]:
    """Lines of the sections that match ``pattern`` or sit under one that does."""
    return {s.line for section, children in with_children(article, pattern)
            for s in (section, *children)}


def first_paragraph(section: Section) -> Block | None:
    return next((b for b in section.blocks if b.kind == "paragraph"), None)


def top_items(blocks: tuple[Block, ...] | list[Block]) -> list[Block]:
    """List items of the first list level present in ``blocks``."""
    items = [b for b in blocks if b.kind == "item"]
    if not items:
        return []
    depth = min(b.depth for b in items)
    return [b for b in items if b.depth == depth]
