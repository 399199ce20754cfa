"""The shape of a page export's lines: what a heading, a list line, a labelled line and a
flattened table look like when a browser copied the page as plain text.

A text export keeps no markup, often not even blank lines, so each line is judged by its shape:
its length, its final punctuation, its case, a list marker or a "Label:" prefix.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .common import clean

BULLET = re.compile(r"^(\s*)([•●○◦▪▫■□‣∙·*\-–—])\s+(\S.*)$")
NUMBERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(\S.*)$")

SUBHEADING = re.compile(r"^((mistake|pitfall|trap|error|myth|misconception|step|tip|rule|lesson|"
                         r"principle|question|part|chapter)\s*(no\.?\s*|#\s*)?\d+\s*[:.—–-]?|"
                         r"(mistake|pitfall|trap|myth|misconception|gotcha)\s*:\s*\S)",
                         re.IGNORECASE)
"""'Mistake #1: …', 'Myth No. 3: …', 'Myth3: …': an item heading, even with a colon in it."""
LABEL_VALUE = re.compile(r"^[A-Z][\w ,'’/&()-]{0,40}:\s+\S")
"""'Used by: Aristotle', 'Sweet spot: a separate account': a labelled line, not a heading."""

END_PUNCT = (".", "!", ",", ";", ":", "…", '"', "”", ")")
SENTENCE_END = (".", "!", "?", "…", '"', "”", ")", ":")

MAX_HEADING_WORDS = 12
MAX_ITEM_HEADING_WORDS = 20

def is_heading_line(line: str) -> bool:
    """A short bare line with no sentence-ending punctuation (a question mark is allowed)."""
    s = line.strip()
    if not s or len(s) > 100 or BULLET.match(line) or NUMBERED.match(line):
        return False
    # a closing quote or bracket ends a heading ('Messages like "fix stuff"'), unless a
    # sentence ended just inside it
    if SUBHEADING.match(s) and len(s.split()) <= MAX_ITEM_HEADING_WORDS:
        return True  # "Myth No. 1: Protein builds muscle." heads the paragraph under it
    bare = s.rstrip('"”’)]') if s.endswith(('"', "”", "’", ")", "]")) else s
    if not bare or bare.endswith(END_PUNCT):
        return False
    if LABEL_VALUE.match(s) and not title_case(s.split(":", 1)[1]):
        return False
    words = s.split()
    return len(words) <= MAX_HEADING_WORDS and (s[0].isupper() or s[0].isdigit())



def is_caps_line(line: str) -> bool:
    """'KEY COMPONENTS OF A DRIVETRAIN': a short line in capitals, a heading whatever precedes it."""
    s = line.strip()
    # str.isupper: every cased character is upper case, and there is one
    return (len(s) >= 4 and s.isupper() and sum(c.isalpha() for c in s) >= 4
            and len(s.split()) <= 10 and not s.endswith((".", ",", ";")) and not BULLET.match(line))


def title_case(text: str) -> bool:
    """'How Small Inputs Create Massive Outcomes': every word capitalised but the small ones."""
    words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


_SMALL_WORDS = frozenset(("a", "an", "the", "of", "and", "or", "to", "in", "for", "with", "on",
                          "at", "by", "vs", "from", "into", "your", "you"))


def shaped_headings(lines: list[str]) -> int:
    """Heading-shaped lines (short, bare, capitalised) each followed at once by a sentence: a
    page export that kept no blank lines between a heading and its text."""
    count = 0
    for cur, nxt in pairwise(lines):
        n = nxt.strip()
        opens = (n[:1].isupper() and n.endswith((".", "!", "?", ":")) and len(n.split()) >= 6
                 ) or bool(BULLET.match(nxt))
        if opens and (is_heading_line(cur) or numbered_heading(cur)):
            count += 1
            if count >= 2:
                break
    return count


def has_bullet_run(lines: list[str]) -> int:
    """1 when three or more bullet lines stand one under another (a list the page kept)."""
    run = 0
    for line in lines:
        # the cheap test first: a bullet line holds a marker and a space near its start
        run = run + 1 if " " in line[:8] and BULLET.match(line) else 0
        if run >= MIN_BULLET_RUN:
            return 1
    return 0


MIN_BULLET_RUN = 3


def numbered_heading(line: str) -> bool:
    """'01. First Principles Thinking': a numbered line shaped as a heading."""
    m = NUMBERED.match(line)
    return m is not None and is_heading_line(m.group(3))



_TERM_HEADER = re.compile(r"^(term|terms|concept|word|name|acronym|keyword|symbol|notation|"
                          r"abbreviation)$", re.IGNORECASE)
_MEANING_HEADER = re.compile(r"^(explanation|definition|meaning|description|what it means|"
                             r"what it is|what it stands for|stands for|in plain english)$",
                             re.IGNORECASE)
MAX_CELL_TERM_WORDS = 8
MAX_HEADER_CHARS = 24


def flattened_table(lines: list[tuple[int, str]], start: int, headings: frozenset[str] = frozenset()
                     ) -> tuple[tuple[tuple[str, ...], ...], int] | None:
    """A two-column table a page export flattened into lines: a "Term" and an "Explanation"
    header line, then each term on its line and its explanation on the next (an explanation
    broken by inline code carries on over lines that open in lower case or with punctuation).
    The table ends at a line in ``headings``: the next section's heading, not a term.

    Returns (rows, index after the table), or None when no such header starts at ``start``.
    """
    if start + 3 >= len(lines) or len(lines[start][1]) > MAX_HEADER_CHARS:
        return None  # the cheap test first: a header line is one or two words
    head, meaning = lines[start][1].strip(), lines[start + 1][1].strip()
    if not (_TERM_HEADER.match(head) and _MEANING_HEADER.match(meaning)):
        return None
    rows: list[tuple[str, ...]] = [(head, meaning)]
    i = start + 2
    while i + 1 < len(lines):
        term = lines[i][1].strip()
        if not _cell_term(term) or term.casefold() in headings:
            break
        first = lines[i + 1][1].strip()
        if BULLET.match(first) or NUMBERED.match(first) or is_caps_line(first):
            break
        parts, j = [first], i + 2
        while j < len(lines) and not _ends_cell(lines, j, parts[-1]):
            parts.append(lines[j][1].strip())
            j += 1
        rows.append((term, clean(" ".join(parts))))
        i = j
    return (tuple(rows), i) if len(rows) >= 3 else None


_FRAGMENT = re.compile(r"^([.,;:)(\]/]|[a-z]{2,})")
"""How a line that carries on a cell starts: a browser breaks a cell around inline code
("Example: /users" / "or /products/123" / "."), so the rest opens with punctuation or a word
in lower case; a symbol ("n", "α (alpha)") is a term of its own."""


def tab_table(lines: list[tuple[int, str]], start: int
              ) -> tuple[tuple[tuple[str, ...], ...], int] | None:
    """A table copied with its cells separated by tabs: two or more lines from ``start`` with the
    same number (two or more) of tab-separated cells. Returns (rows, index after the table)."""
    if "\t" not in lines[start][1] or "\t" not in lines[start][1].strip():
        return None
    cells = len(lines[start][1].strip().split("\t"))
    rows: list[tuple[str, ...]] = []
    i = start
    while i < len(lines):
        parts = lines[i][1].strip().split("\t")
        if len(parts) != cells:
            break
        rows.append(tuple(clean(p) for p in parts))
        i += 1
    return (tuple(rows), i) if cells >= 2 and len(rows) >= 2 else None


def named_twice(lines: list[str]) -> frozenset[str]:
    """Short bare lines that stand twice on the page: a section heading and its entry in the
    page's table of contents (case-folded)."""
    seen: set[str] = set()
    twice: set[str] = set()
    for raw in lines:
        line = raw.strip()
        if line and _cell_term(line):
            key = line.casefold()
            (twice if key in seen else seen).add(key)
    return frozenset(twice)


def _ends_cell(lines: list[tuple[int, str]], j: int, last: str) -> bool:
    """The explanation cell stops before the next term, or at a line that leaves the table."""
    line = lines[j][1].strip()
    if is_caps_line(line) or BULLET.match(line) or NUMBERED.match(line) or SUBHEADING.match(line):
        return True
    return not _FRAGMENT.match(line)


def _cell_term(text: str) -> bool:
    """A line that can be a table's term cell: short and bare, not a list line, not a heading in
    capitals, not an item heading ("Mistake 1: …"); symbols ("α (alpha)", "n") count."""
    return (bool(text) and not _FRAGMENT.match(text)
            and len(text.split()) <= MAX_CELL_TERM_WORDS and not text.endswith((".", ":", ","))
            and not BULLET.match(text) and not NUMBERED.match(text) and not is_caps_line(text)
            and not SUBHEADING.match(text))


MIN_PER_LINE = 3


def paragraph_per_line(lines: list[str]) -> bool:
    """Most lines end a sentence: each line is a paragraph of its own (a page export), not a
    paragraph wrapped at a fixed width."""
    if len(lines) < MIN_PER_LINE:
        return False
    text = [ln.strip() for ln in lines if ln.strip() and not BULLET.match(ln)]
    ends = sum(1 for ln in text if ln.endswith(SENTENCE_END))
    return len(text) >= MIN_PER_LINE and ends * 5 >= len(text) * 3


