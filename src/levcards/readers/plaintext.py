"""Plain-text page exports -> Article: bare-line headings, bullet and numbered lists, no chrome."""

from __future__ import annotations

import re

from ..model import Article, Block
from .common import SectionBuilder, clean, title_from_slug

_BULLET = re.compile(r"^(\s*)([•●○◦▪▫■□‣∙·*\-–—])\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(\S.*)$")
_PART_OF = re.compile(r"^Part\s+(?:\d+\s+)?of\s+\d+\s+in\b\s*(.*)$", re.IGNORECASE)
_CHROME_LINE = re.compile(
    r"^(back to\b.*|share( this( article| post| page)?)?( on \w+)?:?|share on \w+|tweet|"
    r"print( this page)?|skip to (main )?content|table of contents|menu|home|"
    r"(sign up|subscribe)( (now|today|for free|to our newsletter))?[.!]?|log ?in|sign in|"
    r"(previous|next)( article| post| page| lesson)?:?|accept( all)?( cookies)?|reject( all)?|"
    r"cookie settings|manage cookies|read more|continue reading|copy link|"
    r"\d+ min(ute)?s? read|updated:? .{0,40}|published:? .{0,40}|posted (on|in) .{0,60}|"
    r"by [A-Z][\w.'-]+( [A-Z][\w.'-]+){0,3}|leave a (comment|reply)|post comment|submit)$",
    re.IGNORECASE,
)
_CHROME_SECTION = re.compile(
    r"^(related( pages| posts| articles| reading| series| guides)?|read next|you (may|might) also "
    r"like|more from .{0,40}|share( this)?( article| post)?|comments?|\d+ comments?|leave a "
    r"(comment|reply)|about the author|about me|newsletter|subscribe.{0,40}|sign up.{0,40}|"
    r"footer|tags|categories|recent posts|popular posts|follow us)$",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\b(we use cookies|this (site|website) uses cookies|cookie policy)\b",
                     re.IGNORECASE)
_CODE = re.compile(
    r"^\s*(<\/?script|<\/?style|function\s*\w*\s*\(|var |let |const |window\.|document\.|"
    r"\}\)?;?\s*$|\{\s*$|\w+\s*\(.*\)\s*;\s*$|\w+(\.\w+)+\s*=|if\s*\(|for\s*\(|return\b|import |"
    r"@media|[.#]?[\w-]+\s*\{)"
)
_END_PUNCT = (".", "!", ",", ";", ":", "…", '"', "”", ")")
MAX_HEADING_WORDS = 12


def is_heading_line(line: str) -> bool:
    """A short bare line with no sentence-ending punctuation (a question mark is allowed)."""
    s = line.strip()
    if not s or len(s) > 100 or s.endswith(_END_PUNCT) or _BULLET.match(line) or _NUMBERED.match(line):
        return False
    words = s.split()
    return len(words) <= MAX_HEADING_WORDS and (s[0].isupper() or s[0].isdigit())


def sniff(text: str) -> bool:
    """Bullet characters, chrome, or several bare heading lines between paragraphs."""
    lines = text.split("\n")
    if any(re.match(r"^\s*[•●▪◦]\s", ln) for ln in lines[:2000]):
        return True
    heads = 0
    for prev, cur, nxt in zip([""] + lines, lines, lines[1:] + [""]):
        if not prev.strip() and not nxt.strip() and is_heading_line(cur):
            heads += 1
            if heads >= 2:
                return True
    return False


def _paragraphs(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with their 1-based starting line."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for n, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = n
            current.append(line)
        elif current:
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return runs


def read(text: str, shown: str, slug: str) -> Article:
    lines = text.split("\n")
    builder = SectionBuilder()
    meta: dict[str, object] = {}
    title = ""
    seen_content = False
    skip_section = False
    pending_part_of = False
    next_list = 0
    for start, run in _paragraphs(lines):
        first = clean(run[0])
        if pending_part_of:  # "Part of 18 in" / "Mental Models" split over two lines
            meta.setdefault("series_marker", first)
            pending_part_of = False
            continue
        marker = _PART_OF.match(first)
        if marker and len(run) <= 2:
            rest = clean(marker.group(1)) or (clean(run[1]) if len(run) > 1 else "")
            if rest:
                meta.setdefault("series_marker", rest)
            else:
                pending_part_of = True
            continue
        if len(run) == 1 and (_CHROME_LINE.match(first) or _COOKIE.search(first)):
            continue
        if _COOKIE.search(" ".join(run)) and len(run) <= 3:
            continue
        if sum(1 for ln in run if _CODE.match(ln)) * 2 >= len(run) and _looks_like_code(run):
            builder.add(Block("code", "\n".join(run), start))
            continue
        if len(run) == 1 and is_heading_line(run[0]):
            skip_section = bool(_CHROME_SECTION.match(first))
            if not title and not seen_content:
                title = first
                builder.heading(first, 1, start)
            else:
                builder.heading(first, 2, start)
            continue
        if skip_section:
            continue
        seen_content = True
        next_list = _add_run(builder, run, start, next_list)
    sections = builder.finish()
    return Article(
        path=shown, slug=slug, title=title or title_from_slug(slug), reader="plaintext",
        sections=sections, meta=meta,
    )


def _looks_like_code(run: list[str]) -> bool:
    joined = "\n".join(run)
    return bool(re.search(r"[{};=()]", joined)) and not re.search(r"[.!?]\s+[A-Z]", joined)


def _add_run(builder: SectionBuilder, run: list[str], start: int, next_list: int) -> int:
    """Add a paragraph, or the items of a list (a line starting with a bullet starts an item)."""
    if not (_BULLET.match(run[0]) or _NUMBERED.match(run[0])):
        builder.add(Block("paragraph", clean(" ".join(run)), start))
        return next_list
    last = builder.last
    # a list interrupted only by blank lines continues the same list
    list_id = last.list_id if last is not None and last.kind == "item" else next_list
    indents: list[int] = []
    item: tuple[int, str, int, bool] | None = None  # (line, text, depth, ordered)
    for offset, line in enumerate(run):
        m = _BULLET.match(line) or _NUMBERED.match(line)
        if m:
            if item:
                builder.add(Block("item", clean(item[1]), item[0], depth=item[2], ordered=item[3],
                                  list_id=list_id))
            indent = len(m.group(1).expandtabs(4))
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            item = (start + offset, m.group(3), len(indents) - 1, m.group(2).isdigit())
        elif item:
            item = (item[0], f"{item[1]} {line.strip()}", item[2], item[3])
        else:
            builder.add(Block("paragraph", clean(line), start + offset))
    if item:
        builder.add(Block("item", clean(item[1]), item[0], depth=item[2], ordered=item[3],
                          list_id=list_id))
    return max(next_list, list_id + 1)
