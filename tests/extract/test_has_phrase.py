"""has_phrase is the regex \\bphrase\\b without a pattern per phrase: the two must agree."""

from __future__ import annotations

import random
import re

from levcards.extract.text import has_phrase

WORDS = ["risk", "leverage", "the", "a", "x_y", "é", "café", "on-call", "50/30", "-", "!", "risky"]


def test_has_phrase_agrees_with_the_word_boundary_regex() -> None:
    rng = random.Random(7)
    for _ in range(5000):
        phrase = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 2)))
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 7)))
        expected = re.search(rf"\b{re.escape(phrase)}\b", text) is not None
        assert has_phrase(phrase, text) is expected, (phrase, text)


def test_has_phrase_examples() -> None:
    assert has_phrase("opportunity cost", "the opportunity cost of waiting")
    assert not has_phrase("cost", "costs and benefits")
    assert not has_phrase("", "anything")
