"""Plain-text page exports -> Article: bare-line headings, bullet and numbered lists, no chrome.

A page saved as text loses its markup, so structure is read from the shape of the lines:

- a heading is a short bare line with no sentence-ending punctuation, alone in its paragraph or
  directly above a list or a paragraph ("Key Takeaways" over "• …" lines);
- the page title is the last such line before the first paragraph or list (the masthead above it
  is navigation), preferably the one right above a byline ("By … · 7 min read");
- a heading that sits directly on running text, a question line, or a "Mistake 2: …" line is a
  sub-heading (level 3); other headings are level 2;
- navigation, share bars, bylines, cookie banners, comment forms and footers are dropped
  (see ``chrome``), and so is every section under a related-links or author-box heading;
- a page script or code block becomes a ``code`` block, which no extractor reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Block, Section
from . import chrome
from .common import SectionBuilder, clean, indent_of, title_from_slug
from .lines import (
    BULLET,
    NUMBERED,
    SENTENCE_END,
    SUBHEADING,
    flattened_table,
    has_bullet_run,
    is_caps_line,
    is_heading_line,
    named_twice,
    numbered_heading,
    paragraph_per_line,
    shaped_headings,
    tab_table,
)

_PART_OF = re.compile(r"^Part\s+(?:\d+\s+)?of\s+\d+\s+in\b\s*(.*)$", re.IGNORECASE)
_CODE = re.compile(
    r"^\s*(<\/?script|<\/?style|function\s*\w*\s*\(|var |let |const |window\.|document\.|"
    r"\}\)?;?\s*$|\{\s*$|\w+\s*\(.*\)\s*;\s*$|\w+(\.\w+)+\s*=|if\s*\(|for\s*\(|return\b|import |"
    r"@media|[.#]?[\w-]+\s*\{)"
)
_SCRIPT_OPEN = re.compile(r"^\s*<(script|style)\b", re.IGNORECASE)
_GENERIC = re.compile(r"^(introduction|intro|overview|background|contents|at a glance|"
                      r"in this (article|post|guide)|summary|tl;? ?dr|key takeaways)$", re.IGNORECASE)
# a line ending in one of these is a sentence wrapped onto the next line, not a heading
_WRAP_END = frozenset("a an the of and or to in with for that is are was by on at as from but "
                      "your our their this its".split())
# "Here are three:" introduces a list inside a section; it is not a heading
_LEAD_INS = frozenset("here this these there it they we you i that those such so".split())
_AUTHOR = re.compile(r"^(?:by|written by)\s+((?-i:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}))",
                     re.IGNORECASE)
# "Pomodoro: one focused interval." or "Inform, negotiate, call back: Cirillo's strategy …"
_LABEL_START = re.compile(r"^[A-Z][\w ,'’/&()-]{0,50}:\s+\S")


_BULLET_CHARS = "•●▪◦"
_BULLET_LINE = re.compile(rf"\s*[{_BULLET_CHARS}]\s")


def sniff(text: str) -> bool:
    """Bullet characters, or several bare heading lines that open a paragraph or a list."""
    lines = text.split("\n")[:2000]
    if any(c in text for c in _BULLET_CHARS) and any(_BULLET_LINE.match(ln) for ln in lines):
        return True
    if shaped_headings(lines) + has_bullet_run(lines) >= 2:
        return True
    heads = 0
    for prev, cur, nxt in zip([""] + lines, lines, lines[1:] + [""]):
        if prev.strip() or not (is_heading_line(cur) or numbered_heading(cur)
                                or (nxt.strip() and _is_label_line(cur))):
            continue
        if not nxt.strip() or BULLET.match(nxt) or NUMBERED.match(nxt) or nxt.strip()[0].isupper():
            heads += 1
            if heads >= 2:
                return True
    return False


@dataclass(slots=True)
class _Element:
    """One line-level piece of the page before it is placed into sections."""

    kind: str  # heading, paragraph, item, code, byline, table
    text: str
    line: int
    run: int
    depth: int = 0
    ordered: bool = False
    follow: str = ""  # for headings: what comes next in the same paragraph run
    rows: tuple[tuple[str, ...], ...] = ()  # for a table: header first


def read(text: str, shown: str, slug: str) -> Article:
    meta: dict[str, object] = {}
    elements = _elements(text.split("\n"), meta)
    title, sections = _sections(elements)
    return Article(
        path=shown, slug=slug, title=title or title_from_slug(slug, sections), reader="plaintext",
        sections=sections, meta=meta,
    )


def _runs(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with their 1-based first line; a <script> block is one run."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    in_script = ""
    for n, line in enumerate(lines, 1):
        if line.strip() or in_script:
            if not current:
                start = n
            current.append(line)
            opened = _SCRIPT_OPEN.match(line)
            if opened and not in_script:
                in_script = opened.group(1).lower()
            if in_script and re.search(rf"</{in_script}\s*>", line, re.IGNORECASE):
                in_script = ""
        elif current:
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return runs


def _elements(lines: list[str], meta: dict[str, object]) -> list[_Element]:
    out: list[_Element] = []
    pending_part_of = False
    runs = _runs(lines)
    headings = named_twice(lines)
    for index, (start, run) in enumerate(runs):
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
        if len(run) <= 3 and chrome.is_cookie_banner(" ".join(run)):
            continue
        if _SCRIPT_OPEN.match(run[0]) or (sum(1 for ln in run if _CODE.match(ln)) * 2 >= len(run)
                                          and _looks_like_code(run)):
            out.append(_Element("code", "\n".join(run), start, index))
            continue
        after = runs[index + 1][1][0] if index + 1 < len(runs) else None
        out.extend(_run_elements(run, start, index, after, headings))
    return out


def _looks_like_code(run: list[str]) -> bool:
    joined = "\n".join(run)
    return bool(re.search(r"[{};=()]", joined)) and not re.search(r"[.!?]\s+[A-Z]", joined)


def _starts_block(line: str) -> bool:
    return bool(line.strip()) and indent_of(line) <= 1


def _run_elements(run: list[str], start: int, index: int, after: str | None,
                  headings: frozenset[str] = frozenset()) -> list[_Element]:
    """Split one paragraph run into headings, list items and paragraphs (``after`` is the
    first line of the next run: a numbered line alone in its run heads the text below it;
    ``headings`` are lines the page names twice, which no flattened table runs on past)."""
    lines: list[tuple[int, str]] = []
    out: list[_Element] = []
    for offset, raw in enumerate(run):
        listed = BULLET.match(raw) or NUMBERED.match(raw)
        page_chrome = not listed and chrome.is_chrome_line(raw)
        if page_chrome and chrome.reads_like_byline(raw):
            out.append(_Element("byline", clean(raw), start + offset, index))
        elif not page_chrome:
            lines.append((start + offset, raw))
    out = [e for e in out if not lines or e.line < lines[0][0]]  # bylines only count at the top
    indents: list[int] = []  # indents of the open list levels
    per_line = paragraph_per_line([raw for _, raw in lines])
    i = 0
    while i < len(lines):
        n, raw = lines[i]
        table = flattened_table(lines, i, headings) or tab_table(lines, i)
        if table is not None:
            rows, i = table
            out.append(_Element("table", " | ".join(rows[0]), n, index, rows=rows))
            continue
        listed = BULLET.match(raw) or NUMBERED.match(raw)
        nxt = lines[i + 1][1] if i + 1 < len(lines) else None
        below = nxt if nxt is not None else (after if len(lines) == 1 else None)
        if listed and numbered_heading(raw) and below is not None and not (
                BULLET.match(below) or NUMBERED.match(below)
                or (nxt is not None and _continues(nxt, indent_of(raw), raw))):
            out.append(_Element("heading", clean(raw), n, index))  # "01. Term" over its text
            i += 1
            continue
        if listed:
            text, j = listed.group(3), i + 1
            while j < len(lines) and _continues(lines[j][1], indent_of(raw), text):
                text, j = f"{text} {lines[j][1].strip()}", j + 1
            indent = indent_of(raw)
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            out.append(_Element("item", clean(text), n, index, len(indents) - 1,
                                listed.group(2).isdigit()))
            i = j
            continue
        indents = []
        prev = out[-1] if out and out[-1].run == index and out[-1].kind != "byline" else None
        if _is_heading(raw, prev, nxt):
            out.append(_Element("heading", clean(raw).rstrip(":").rstrip(), n, index))
            i += 1
            continue
        text, j = raw.strip(), i + 1
        # an indented line that ends a sentence is a line of a box, not a wrapped paragraph
        boxed = indent_of(raw) >= 2 and text.endswith(SENTENCE_END)
        while not boxed and j < len(lines):
            r = lines[j][1]
            if BULLET.match(r) or NUMBERED.match(r) or _box_line_break(raw, text, r):
                break
            after = lines[j + 1][1] if j + 1 < len(lines) else None
            finished = text.endswith(SENTENCE_END) or is_caps_line(r) or (
                j == i + 1 and _LABEL_START.match(text) and r.strip()[:1].isupper()) or (
                after is not None and _reads_as_text(after.strip()) and is_heading_line(r))
            if finished and _is_heading(r, _Element("paragraph", text, n, index), after):
                break
            if j == i + 1 and _LABEL_START.match(text) and r.strip()[:1].isupper() and (
                    _LABEL_START.match(r) or per_line):
                break  # "Tools: a, b, c" is a line of its own
            if text.endswith(SENTENCE_END) and _LABEL_START.match(r):
                break  # "Term: text." and "Used by: …" lines are separate entries
            if per_line and text.endswith(SENTENCE_END) and r.strip()[:1].isupper():
                break  # a page export that puts each paragraph on one line
            text, j = f"{text} {r.strip()}", j + 1
        out.append(_Element("paragraph", clean(text), n, index))
        i = j
    for el, following in zip(out, out[1:] + [None]):
        if el.kind == "heading":
            same_run = following is not None and following.run == el.run
            el.follow = {"paragraph": "text", "item": "list", "heading": "heading"}.get(
                following.kind if following and same_run else "", "blank")
    return out


def _box_line_break(first: str, text: str, line: str) -> bool:
    """In an indented box, a new capitalised line at the same indent starts a new statement."""
    indent = indent_of(first)
    last = text.split()[-1].lower() if text.split() else ""
    return (indent >= 2 and indent_of(line) == indent and line.strip()[:1].isupper()
            and not text.endswith(",") and last not in _WRAP_END)


def _continues(line: str, marker_indent: int, item_text: str) -> bool:
    """A non-bullet line that carries on the list item above it (indented or wrapped)."""
    if BULLET.match(line) or NUMBERED.match(line):
        return False
    indent = indent_of(line)
    if indent > marker_indent and indent >= 2:
        return True
    s = line.strip()
    return s[:1].islower() and not item_text.rstrip().endswith((".", "!", "?"))


def _is_heading(raw: str, prev: _Element | None, nxt: str | None) -> bool:
    """A heading line in context: not a wrapped sentence, and standing at the margin unless it
    heads an indented box ("    Key takeaways" over its own indented lines)."""
    if not is_heading_line(raw) and not (nxt is not None and _is_label_line(raw)):
        return False
    if not _starts_block(raw):
        if nxt is None:
            return False
        listed = BULLET.match(nxt) or NUMBERED.match(nxt)
        if not listed and not (indent_of(nxt) == indent_of(raw) and len(raw.split()) <= 6):
            return False
    if (prev is not None and prev.kind == "paragraph" and not prev.text.endswith(SENTENCE_END)
            and not is_caps_line(raw) and not _LABEL_START.match(prev.text)
            and not (nxt is not None and _reads_as_text(nxt.strip()))):
        return False  # the paragraph's sentence goes on
    if nxt is not None:
        s = nxt.strip()
        if s[:1].islower() and not (BULLET.match(nxt) or NUMBERED.match(nxt)):
            return False  # a wrapped sentence
        last = raw.split()[-1]
        if last.islower() and last in _WRAP_END:
            return False
    return True


def _is_label_line(raw: str) -> bool:
    """'Key takeaways:' or 'In short:' over a list or paragraph: a heading written with a colon."""
    s = raw.strip()
    words = s[:-1].split()
    return (s.endswith(":") and 1 <= len(words) <= 3 and s[0].isupper()
            and words[0].lower() not in _LEAD_INS and not BULLET.match(raw))


def _title_index(elements: list[_Element]) -> int | None:
    """The page title: the heading above the byline, else the last heading before the content,
    else a first line that stands alone and reads as a title, not a sentence."""
    first_content = next((i for i, e in enumerate(elements)
                          if e.kind in ("paragraph", "item", "table")), len(elements))
    heads = [i for i in range(first_content) if elements[i].kind == "heading"]
    for i in heads:
        if i + 1 < len(elements) and elements[i + 1].kind == "byline":
            return i
    # a heading over a list ("At a glance") or a generic one ("Introduction") opens a section;
    # a word or two ("Shop", "Volunteer") is the site's menu, not the page's title
    # a line printed twice above the content ("Deimos Data" over and under the title) is the
    # site's name
    named = [elements[i].text.casefold() for i in heads]
    titles = [i for i in heads if elements[i].follow != "list" and not _GENERIC.match(elements[i].text)
              and named.count(elements[i].text.casefold()) == 1]
    worded = [i for i in titles if len(elements[i].text.split()) >= MIN_TITLE_WORDS]
    if titles:
        return (worded or titles)[-1]
    return 0 if elements and _title_line(elements) else None


def _title_line(elements: list[_Element]) -> bool:
    """The page opens with a line of its own that is no sentence ("VPNs explained: 5 key myths
    debunked, how they work, and usage tips"): the title a heading test missed for its length."""
    first = elements[0]
    nxt = elements[1] if len(elements) > 1 else None
    words = first.text.split()
    return (first.kind == "paragraph" and nxt is not None and nxt.run != first.run
            and MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_LINE_WORDS
            and not first.text.rstrip().endswith((".", "!", ";", ",", ":", "…"))
            and first.text[:1].isupper())


MIN_TITLE_WORDS = 3
MAX_TITLE_LINE_WORDS = 18


def _level(el: _Element) -> int:
    """3 for a sub-heading sitting on its text or numbered like "Mistake 2:", else 2.

    Questions stay at 2 whatever follows them, like the FAQ heading they answer to.
    """
    if SUBHEADING.match(el.text) or (el.follow == "text" and not el.text.endswith("?")):
        return 3
    return 2


def _sections(elements: list[_Element]) -> tuple[str, tuple[Section, ...]]:
    builder = SectionBuilder()
    title_at = _title_index(elements)
    title = ""
    skip_run: int | None = None  # the run that opened the chrome section being skipped
    next_list = 0
    authors = {m.group(1).lower() for el in elements if el.kind == "byline"
               for m in [_AUTHOR.match(el.text)] if m}
    contents = _table_of_contents(elements)
    for i, el in enumerate(elements):
        if el.kind == "byline" or (title_at is not None and i < title_at and el.kind == "heading"):
            continue
        if i in contents:
            continue
        if el.kind == "heading":
            if skip_run is not None and not _opens_content(elements, i):
                continue  # a related-links list printed as bare lines
            if chrome.is_chrome_heading(el.text) or _author_box(el.text, authors):
                skip_run = el.run
                continue
            skip_run = None
            if i == title_at:
                title = el.text
                builder.heading(el.text, 1, el.line)
            else:
                builder.heading(el.text, _level(el), el.line)
            continue
        if i == title_at:  # a first line standing alone as the title
            title = el.text
            builder.heading(el.text, 1, el.line)
            continue
        if skip_run is not None and el.kind != "code":
            continue  # a page script is kept as code wherever it stands
        if el.kind == "item":
            last = builder.last
            list_id = last.list_id if last is not None and last.kind == "item" else next_list
            next_list = max(next_list, list_id + 1)
            builder.add(Block("item", el.text, el.line, depth=el.depth, ordered=el.ordered,
                              list_id=list_id))
        else:
            builder.add(Block(el.kind, el.text, el.line, rows=el.rows))  # type: ignore[arg-type]
    return title, builder.finish()



def _table_of_contents(elements: list[_Element]) -> set[int]:
    """A run of headings one under another, most of which stand again further down the page:
    the page's table of contents, not sections."""
    found: set[int] = set()
    i = 0
    while i < len(elements):
        j = i
        while j < len(elements) and elements[j].kind == "heading":
            j += 1
        if j - i >= MIN_CONTENTS:
            rest = " ".join(el.text.lower() for el in elements[j:])
            again = [k for k in range(i, j) if elements[k].text.lower() in rest]
            short = all(len(el.text.split()) <= MAX_CELL_WORDS for el in elements[i:j])
            if len(again) * 2 >= j - i or (short and j - i >= MIN_CELLS):
                found.update(range(i, j))  # or the cells of a table flattened into lines
        i = max(j, i + 1)
    return found


MIN_CONTENTS = 3
MIN_CELLS = 6
MAX_CELL_WORDS = 4


def _author_box(heading: str, authors: set[str]) -> bool:
    """'About Jordan Lee' when the byline said 'By Jordan Lee': the author box, not content."""
    m = re.match(r"^about\s+(.+)$", heading.strip(), re.IGNORECASE)
    return m is not None and m.group(1).lower() in authors


def _opens_content(elements: list[_Element], index: int) -> bool:
    """A heading in its own run with a paragraph or list under it (not one more bare link)."""
    el = elements[index]
    following = elements[index + 1] if index + 1 < len(elements) else None
    if following is None or following.kind not in ("paragraph", "item"):
        return False
    if following.kind == "paragraph" and not _reads_as_text(following.text):
        return False  # one more link title under a related-links heading
    return el.follow in ("text", "list") or el.follow == "blank"


MIN_TEXT_WORDS = 6


def _reads_as_text(text: str) -> bool:
    return text.endswith(SENTENCE_END) and len(text.split()) >= MIN_TEXT_WORDS
