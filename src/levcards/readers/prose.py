"""Headingless prose -> Article: paragraphs as blocks, and jotted notes as one statement a line.

Hand-written notes put one statement on each line ("unit test = tests one piece", "Q: …? A: …",
"- a bullet") with no blank line between them. A run of lines where most lines read so is split
into one block a line instead of being joined into a paragraph: dashed or indented lines and
"term: text" lines become list items (indentation gives the depth), "Q:"/"A:" and other lines
stay paragraphs, and a short lead-in such as "common mistakes he listed:" over a list becomes a
heading.
"""

from __future__ import annotations

import re

from ..model import Article, Block, Section
from .common import SectionBuilder, clean, indent_of, title_from_slug

_BULLET = re.compile(r"^[-*•◦▪–]\s+(?P<text>\S.*)$")
_QA = re.compile(r"^(q|a|question|answer)\s*(\([^)]{0,40}\))?\s*[:.]\s", re.IGNORECASE)
# "term = text", "term: text", "term - text", "term -> text": a short label, then the statement
_LABEL = re.compile(r"^[^\s:=][^:=.!?]{0,40}?(\s(=|-|–|—|->|→)\s|:\s)\S")
_LEAD_IN = re.compile(r"^[^:.!?]{2,60}:$")
# "def f():", "total = cart(items)", "assert x == 1": a code sample, never notes
_CODE = re.compile(r"^(def|class|import|from|return|assert|for|while|if)\b.*[:(=]|\)\s*:$|==|"
                   r"\w\s*=\s*[\w.]+\(|[;{}]$")
MAX_LEAD_IN_WORDS = 6


def sniff(text: str) -> bool:
    """Prose is the fallback: it reads anything."""
    return True


def read(text: str, shown: str, slug: str) -> Article:
    builder = SectionBuilder()
    for start, run in _runs(text.split("\n")):
        if _is_notes(run):
            _add_notes(builder, run, start)
        else:
            builder.add(Block("paragraph", clean(" ".join(line.strip() for line in run)), start))
    sections = builder.finish() or (Section("", 0, 1, ()),)
    return Article(path=shown, slug=slug, title=title_from_slug(slug, sections), reader="prose",
                   sections=sections)


def _runs(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for n, line in enumerate(lines + [""], 1):
        if line.strip():
            if not current:
                start = n
            current.append(line.rstrip())
        elif current:
            runs.append((start, current))
            current = []
    return runs


def _statement(line: str) -> bool:
    s = line.strip()
    return bool(_BULLET.match(s) or _QA.match(s) or _LABEL.match(s) or _lead_in(s))


def _lead_in(s: str) -> bool:
    return bool(_LEAD_IN.match(s)) and len(s.split()) <= MAX_LEAD_IN_WORDS


def _is_notes(run: list[str]) -> bool:
    """Two or more lines, at least half of them (and two) statements of their own."""
    if len(run) < 2:
        return False
    count = sum(1 for line in run if _statement(line))
    if count < 2 or count * 2 < len(run):
        return False
    return not any(_CODE.search(line.strip()) for line in run)  # the slower test last


def _add_notes(builder: SectionBuilder, run: list[str], start: int) -> None:
    list_id = start  # line numbers are unique, so each run's list gets its own id
    indents: list[int] = []
    for offset, line in enumerate(run):
        s, n = line.strip(), start + offset
        bullet = _BULLET.match(s)
        following = run[offset + 1].strip() if offset + 1 < len(run) else ""
        if _lead_in(s) and _BULLET.match(following):
            builder.heading(clean(s.rstrip(":")), 2, n)
            indents = []
            continue
        if _QA.match(s) or not (bullet or _LABEL.match(s) or indent_of(line) >= 2):
            builder.add(Block("paragraph", clean(s), n))
            indents = []
            continue
        indent = indent_of(line)
        while indents and indents[-1] > indent:
            indents.pop()
        if not indents or indents[-1] < indent:
            indents.append(indent)
        text = bullet.group("text") if bullet else s
        builder.add(Block("item", clean(text), n, depth=len(indents) - 1, list_id=list_id))
