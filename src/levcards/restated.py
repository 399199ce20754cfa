"""No card twice: a cloze that restates another card of its article, and a first field that
another note of its series already has.

Articles summarise what they explain: a "Key points" list, a TL;DR, the misconceptions named at
the top and then taken one by one. Each summary line is a study item of its own (it is what the
author wants remembered), but its cloze asks again what the explained card already asks. So
the explained card stays and the summary's cloze goes when it restates one basic card of the
same article: what it hides and half of the rest are that card's words, or it names a mistake
that card explains (most of that mistake's own words). Two notes of one series and note type
with the same first field would be flagged by Anki as duplicates: the second names its article.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from . import render
from .model import NoteSpec
from .phrases import FUNCTION

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .errors import Problems
    from .results import ArticleResult, SeriesResult

SHARED_WORDS = 0.5
"""How much of a cloze's wording (or of a claim's) two cards must share to say the same thing."""
_STEM = 5
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.DOTALL)
_SCAFFOLD = re.compile(r'<(span|div) class="lc-(sense|ask|kind)">.*?</\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+")


def stems(text: str) -> frozenset[str]:
    """The content words of HTML ``text``, cut to a stem so "absorbs" meets "absorbed"."""
    if "<" in text:
        text = _TAG.sub(" ", _SCAFFOLD.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    found = set()
    for word in _WORD.findall(text.lower()):
        if len(word) > 3:
            word = word.rstrip("s")
        if len(word) > 2 and word not in FUNCTION:
            found.add(word[:_STEM])
    return frozenset(found)


def drop_restated(notes: list[NoteSpec]) -> list[NoteSpec]:
    """``notes`` (one article's) without the clozes that another card already asks."""
    if not any(n.notetype == "cloze" for n in notes):
        return notes
    basics = [n for n in notes if n.notetype == "basic"]
    cards = _Cards([" ".join(n.fields[:2]) for n in basics])
    explained = [stems(n.key) for n in basics if n.kind == "mistake"]
    return [n for n in notes if n.notetype != "cloze"
            or not _restates(n.fields[0], cards, explained if n.kind == "mistake" else [])]


class _Cards:
    """The basic cards' words, worked out only for a card whose text holds every hidden stem
    (most clozes share nothing with most cards, and stemming every card costs a build time)."""

    def __init__(self, texts: list[str]) -> None:
        self.lowered = [t.lower() for t in texts]
        self.words: dict[int, frozenset[str]] = {}

    def holding(self, hidden: frozenset[str]) -> list[frozenset[str]]:
        found = []
        for index, text in enumerate(self.lowered):
            if all(stem in text for stem in hidden):
                if index not in self.words:
                    self.words[index] = stems(text)
                found.append(self.words[index])
        return found


def _restates(cloze: str, cards: _Cards, mistakes: list[frozenset[str]]) -> bool:
    hidden = stems(" ".join(_CLOZE.findall(cloze)))
    if not hidden:
        return False
    context = stems(_CLOZE.sub(" ", cloze)) - hidden
    if any(hidden <= w and len(context & w) >= SHARED_WORDS * len(context)
           for w in cards.holding(hidden)):
        return True
    said = hidden | context
    return any(len(c & said) >= max(2, SHARED_WORDS * len(c)) for c in mistakes)


def distinct_fronts(results: list[ArticleResult]) -> None:
    """No two notes of one series and note type share a first field (Anki would flag them as
    duplicates): a repeat names its article too ("(Money · Why Budgets Fail)")."""
    seen: set[tuple[str, str]] = set()
    for result in results:
        title = result.article.title if result.article is not None else ""
        for index, note in enumerate(result.notes):
            key = (note.notetype, note.fields[0])
            if key not in seen:
                seen.add(key)
                continue
            first = _with_article(note.fields[0], render.text(title))
            result.notes[index] = replace(note, fields=(first, *note.fields[1:]))
            seen.add((note.notetype, first))


def _with_article(field: str, title: str) -> str:
    sense = re.search(r'<span class="lc-sense">\((.*?)\)</span>$', field)
    if sense:
        return f'{field[:sense.start()]}<span class="lc-sense">({sense.group(1)} · {title})</span>'
    return f'{field} <span class="lc-sense">({title})</span>'


def check_unique_guids(series: Iterable[SeriesResult], problems: Problems) -> None:
    """Two notes of a build with one GUID would overwrite each other in Anki: an error."""
    seen: dict[str, NoteSpec] = {}
    for s in series:
        for note in s.notes:
            first = seen.setdefault(note.guid, note)
            if first is not note:
                problems.error(note.ref.path, note.ref.line, "duplicate-guid",
                               f"would get the same note identity as {first.ref}; "
                               "rename one of the two items")
