"""Sentence splitting and small text tests shared by the extractors."""

from __future__ import annotations

import re
from functools import lru_cache

_SENTENCE_END = re.compile(r"[.!?][\"”')\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
"""End punctuation, closing quotes and the white space before the next sentence; a sentence
keeps its punctuation, not the quotes (as it always has: changing it would change cards)."""
_ABBREV = re.compile(r"\b(e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|St|Inc|Ltd|Jr|Sr|No|Fig|approx)\.$",
                     re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split running text into sentences (abbreviations such as "e.g." do not end one)."""
    return list(_sentences(text))


@lru_cache(maxsize=4096)  # several extractors split the same paragraphs
def _sentences(text: str) -> tuple[str, ...]:
    text = text.strip()
    out: list[str] = []
    start = 0
    for gap in _SENTENCE_END.finditer(text):
        part = text[start : gap.start() + 1]
        start = gap.end()
        _add_part(out, part)
    _add_part(out, text[start:])
    return tuple(out)


def _add_part(out: list[str], part: str) -> None:
    tail = out[-1][-8:] if out else ""  # both patterns look at the end only
    if out and tail.endswith(".") and (_ABBREV.search(tail) or _INITIAL.search(tail)):
        out[-1] = f"{out[-1]} {part}"
    elif part:
        out.append(part)


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_INITIAL = re.compile(r"\b[A-Z]\.$")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=8192)  # headings and keys are normalised again and again
def norm(text: str) -> str:
    """Lower-case words only: for comparing titles and keys."""
    return " ".join(_WORD.findall(text.lower()))


def strip_label(text: str, label: str) -> str:
    """``text`` without a leading ``label`` and the separator after it."""
    rest = text[len(label):] if text.startswith(label) else text
    return rest.lstrip(" :–—-.").strip()


def split_label(text: str) -> tuple[str, str] | None:
    """Split "Term: text", "Term — text", "Term - text" or "term = text" into its two sides."""
    m = re.match(r"^([^:–—=]{1,80}?)\s*(?::|\s[–—=-]\s|[–—])\s*(.+)$", text)
    if not m:
        return None
    return m.group(1).strip(" *_"), m.group(2).strip()


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def has_phrase(phrase: str, text: str) -> bool:
    """True when ``phrase`` occurs in ``text`` as whole words (``\\bphrase\\b``, without
    compiling a pattern per phrase)."""
    if not phrase or not (_is_word(phrase[0]) and _is_word(phrase[-1])):
        return bool(phrase) and re.search(rf"\b{re.escape(phrase)}\b", text) is not None
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if (start == 0 or not _is_word(text[start - 1])) and (end == len(text) or not _is_word(text[end])):
            return True
        start = text.find(phrase, start + 1)
    return False


_ABBREVIATION = re.compile(r"\s*\(([^)]*)\)\s*")
_KIND_OF_TERM = re.compile(r"\s+(bias|effect|fallacy|principle|rule|law|theory|model|method|"
                           r"technique|heuristic)$")


def term_names(term: str) -> set[str]:
    """The names one term goes by in an article: "Linear Regression (LR)" is also "linear
    regression" and "lr", "Anchoring bias" also "anchoring"; a second definition under any of
    them is the same card again."""
    inside = _ABBREVIATION.search(term)
    bare = norm(_ABBREVIATION.sub(" ", term))
    names = {norm(term), bare, _KIND_OF_TERM.sub("", bare)}
    if inside:
        names.add(norm(inside.group(1)))
    return {n for n in names if n}
