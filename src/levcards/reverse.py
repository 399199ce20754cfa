"""When a definition can be asked back for its term ("Which term is this?"), fairly.

The reverse card shows only the definition, so it must point at one term and must not hold
the answer: not too long, no word of the term or its stem, no acronym spelled out, no role
that fits several terms ("a major driver of the fallacy").
"""

from __future__ import annotations

import re

MAX_REVERSE_WORDS = 25
_STEM = 4


def answerable_reverse(term: str, definition: str, title: str = "") -> bool:
    """A definition can be asked back for its term: it is short, it does not give the term
    away (no word of the term, nor its stem, nor an acronym's letters, in it or in the article's
    title shown above it), and the term is a real one."""
    def_words = re.findall(r"[a-z0-9]+", definition.lower())
    term_words = [w for w in re.findall(r"[a-z0-9]+", term.lower()) if len(w) > 2]
    if not def_words or len(def_words) > MAX_REVERSE_WORDS or not term_words:
        return False
    if len(term.split()) > 5 or term.isupper() and len(term) > 6 or term.endswith(":"):
        return False  # a label, not a term
    shown = def_words + re.findall(r"[a-z0-9]+", title.lower())
    stems = {w[:_STEM] for w in shown}
    if any(w[:_STEM] in stems or any(w in s for s in shown) for w in term_words):
        return False
    if _ROLE.match(definition.strip()):
        return False  # "a major driver of the fallacy" fits several terms
    letters = re.sub(r"[^A-Z]", "", term)
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", definition)).upper()
    return not (len(letters) >= 2 and term.strip().isupper()
                and (letters in initials or _spells(letters, definition)))


_ROLE = re.compile(r"^(?:(?:a|an|the|one)\s+)?(?:[a-z]+\s+){0,2}(?:driver|cause|part|factor|"
                   r"component|element|example|aspect|source|sign|form|kind|type|result|"
                   r"consequence)s?\s+of\b", re.IGNORECASE)


def _spells(letters: str, definition: str) -> bool:
    """The definition opens with the words the acronym is made of ("floating point operations
    per second" spells FLOPS): its letters in order, from the first word on."""
    words = re.findall(r"[A-Za-z]+", definition.lower())[:len(letters) + 1]
    if not words or words[0][0] != letters[0].lower():
        return False
    joined, at = "".join(words), 0
    for letter in letters.lower():
        at = joined.find(letter, at) + 1
        if at == 0:
            return False
    return True
