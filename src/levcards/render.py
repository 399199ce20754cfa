"""Article text -> safe HTML for Anki fields.

Everything is escaped: no tag, attribute or URL from an article survives as markup. Braces are
written as character references so article text can never open, close or renumber a cloze or
look like template syntax (``{{Front}}``), and control characters (Anki's field separator
``\\x1f`` among them) are dropped.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"),
            ("{", "&#123;"), ("}", "&#125;"))
"""html.escape(quote=True) plus the braces; "&" first, so no reference is escaped twice."""
_SPECIAL = re.compile(r"[&<>\"'{}\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """Escape plain text for an HTML field; braces and control characters neutralised."""
    if _SPECIAL.search(value) is None:
        return value  # most text: nothing to do
    value = _CONTROL.sub(" ", value)
    for char, reference in _ESCAPES:
        value = value.replace(char, reference)
    return value


def cloze_answer(value: str) -> str:
    """Escape text that goes inside ``{{cN::…}}``: colons too, so it cannot start a hint."""
    return text(value).replace(":", "&#58;")


def cloze(number: int, value: str) -> str:
    return f"{{{{c{number}::{cloze_answer(value)}}}}}"


def cloze_sentence(sentence: str, phrase: str, number: int = 1) -> str:
    """``sentence`` with its first occurrence of ``phrase`` hidden as cloze ``number``."""
    start = sentence.find(phrase)
    if start < 0 or not phrase:
        raise ValueError(f"{phrase!r} is not in {sentence!r}")
    end = start + len(phrase)
    return text(sentence[:start]) + cloze(number, phrase) + text(sentence[end:])


def bullet_list(parts: list[str]) -> str:
    """Already-rendered HTML fragments as a list."""
    return "<ul>" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>"


def cloze_phrases(sentence: str, phrases: list[str]) -> str:
    """``sentence`` with each phrase (first occurrence, left to right, never overlapping)
    hidden as c1, c2, …; a phrase not found is left out."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        start = _free(sentence, phrase, spans, whole=True)
        if start < 0:
            start = _free(sentence, phrase, spans, whole=False)
        if phrase and start >= 0:
            spans.append((start, start + len(phrase)))
    if not spans:
        raise ValueError(f"none of {phrases!r} is in {sentence!r}")
    out, last = [], 0
    for number, (start, end) in enumerate(sorted(spans), 1):
        out.append(text(sentence[last:start]) + cloze(number, sentence[start:end]))
        last = end
    return "".join(out) + text(sentence[last:])


def _free(sentence: str, phrase: str, spans: list[tuple[int, int]], whole: bool) -> int:
    """Where ``phrase`` first occurs clear of ``spans``; with ``whole``, only as whole words,
    so "index" hides the word, not the start of "indexed"."""
    start = sentence.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        clear = not any(start < e and end > s for s, e in spans)
        bounded = (start == 0 or not sentence[start - 1].isalnum()) and \
            (end == len(sentence) or not sentence[end].isalnum())
        if clear and (bounded or not whole):
            return start
        start = sentence.find(phrase, start + 1)
    return -1


_URL = re.compile(r"^https?://[^\s<>\"']+$")


def link(url: str, label: str) -> str:
    """``label`` as a link to ``url`` when it is an absolute http(s) URL, else the label alone."""
    if not _URL.match(url.strip()):
        return text(label)
    return f'<a href="{text(url.strip())}">{text(label)}</a>'
