"""A cloze that restates another card of its article adds a review, not a fact.

Articles summarise what they explain: a "Key points" list, a TL;DR, the misconceptions named at
the top and then taken one by one. Each summary line is a study item of its own (it is what the
author wants remembered), but its cloze asks again what the explained card already asks. So
the explained card stays and the summary's cloze goes when it restates one basic card of the
same article: what it hides and half of the rest are that card's words, or it names a mistake
that card explains (most of that mistake's own words).
"""

from __future__ import annotations

import html
import re

from .model import NoteSpec
from .phrases import FUNCTION

SHARED_WORDS = 0.5
"""How much of a cloze's wording (or of a claim's) two cards must share to say the same thing."""
_STEM = 5
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}", re.DOTALL)
_SCAFFOLD = re.compile(r'<(span|div) class="lc-(sense|ask|kind)">.*?</\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9]+")


def stems(text: str) -> frozenset[str]:
    """The content words of HTML ``text``, cut to a stem so "absorbs" meets "absorbed"."""
    plain = html.unescape(_TAG.sub(" ", _SCAFFOLD.sub(" ", text))).lower()
    words = (w.rstrip("s") if len(w) > 3 else w for w in _WORD.findall(plain))
    return frozenset(w[:_STEM] for w in words if w not in FUNCTION and len(w) > 2)


def drop_restated(notes: list[NoteSpec]) -> list[NoteSpec]:
    """``notes`` (one article's) without the clozes that another card already asks."""
    basics = [n for n in notes if n.notetype == "basic"]
    words = [stems(" ".join(n.fields[:2])) for n in basics]
    explained = [stems(n.key) for n in basics if n.kind == "mistake"]
    return [n for n in notes if n.notetype != "cloze"
            or not _restates(n.fields[0], words, explained if n.kind == "mistake" else [])]


def _restates(cloze: str, words: list[frozenset[str]], mistakes: list[frozenset[str]]) -> bool:
    hidden = stems(" ".join(_CLOZE.findall(cloze)))
    context = stems(_CLOZE.sub(" ", cloze)) - hidden
    if not hidden:
        return False
    if any(hidden <= w and len(context & w) >= SHARED_WORDS * len(context) for w in words):
        return True
    said = hidden | context
    return any(len(c & said) >= max(2, SHARED_WORDS * len(c)) for c in mistakes)
