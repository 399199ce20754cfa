"""Heading tests: answers are remembered per title and pattern, never across patterns."""

from __future__ import annotations

import re

from levcards.extract.sections import CLOSERS, matches
from levcards.model import Section


def test_a_remembered_answer_is_never_given_for_another_pattern() -> None:
    """Answers are keyed by the pattern's id (hashing a pattern is slow); a pattern created
    after another was freed may get its id, and must not get its answers."""
    heading = Section("Alpha", 2, 1)
    for n in range(300):
        pattern = re.compile(r"^alpha$" if n % 2 == 0 else rf"^beta{n}$")
        re.purge()  # the re module's cache would otherwise keep every pattern alive
        assert matches(heading, pattern) is (n % 2 == 0), n
        del pattern


def test_untitled_sections_match_nothing_and_titles_are_normalised() -> None:
    assert not matches(Section("", 0, 1), CLOSERS)
    assert matches(Section("  KEY Takeaways!", 2, 9), CLOSERS)
    assert not matches(Section("Takeaway pizza", 2, 9), re.compile(r"^pizza"))
