"""Common mistakes and pitfalls: titled sections, "Mistake N:" headings, "**Mistake:**/**Fix:**"
labels and "Title. Why." bullets or paragraphs: the mistake, its explanation and its fix."""

from __future__ import annotations

import re

from ..model import Article, Block, Mistake, Section, SourceRef
from .sections import titled, top_items, with_children
from .text import norm, sentences, split_label, strip_label, words

MISTAKES = titled(r"^((the )?(most )?common (mistakes?|pitfalls?|errors|traps|misconceptions)|"
                  r"mistakes?( to avoid)?|pitfalls?( to avoid)?|common pitfalls|failure modes?|"
                  r"where ([\w'’-]+ ){1,3}breaks? down|when ([\w'’-]+ ){1,3}(goes|go) wrong|"
                  r"traps?( to avoid)?|don['’]?ts|do['’]?s and don['’]?ts|anti ?patterns|what not to do|what to avoid|things to avoid|"
                  r"errors to avoid|watch out for|gotchas|misconceptions|common misconceptions)\b")
NUMBERED = re.compile(r"^(?:mistake|pitfall|trap|error|failure mode)\s*#?\s*\d+\s*[:.—–-]\s*(.+)$",
                       re.IGNORECASE)
_FIX = re.compile(r"^(the fix|fix|the solution|solution|instead|do this instead|what to do instead|"
                  r"better|the better way|the remedy|remedy|how to avoid it|avoid it by)\s*[:—–-]\s*",
                  re.IGNORECASE)
_MISTAKE_LABEL = re.compile(r"^(the mistake|mistake|the problem|problem|why it hurts|why it's a "
                            r"problem)\s*[:—–-]\s*", re.IGNORECASE)
# "**Mistake:** Paying late." names the mistake itself (unlike "The problem:", its explanation)
_TITLE_LABEL = re.compile(r"^(the )?(mistake|pitfall|trap|error)\s*#?\s*\d*\s*[:—–-]\s*", re.IGNORECASE)
_INLINE_FIX = re.compile(r"(?<=[.!?])\s+(?:the fix|fix|the solution|solution|instead|do this instead|"
                         r"what to do instead|better|remedy)\s*:\s*", re.IGNORECASE)
_GERUND = re.compile(r"^(?:(?:not|never|over|under|only|always|too much|too little)\s+)?[A-Za-z]+ing\b",
                     re.IGNORECASE)
MAX_TITLE_WORDS = 10
# a sub-heading for steps or tips under a mistakes section is the article moving on
_HOW_TO = re.compile(r"^(how to|steps?|step by step|tips?|best practices?|checklists?|action plan|"
                     r"what to do|exercises?)\b")


def extract(article: Article) -> list[Mistake]:
    found: list[Mistake] = []
    claimed: set[int] = set()
    for section, children in with_children(article, MISTAKES):
        found.extend(_from_items(article, section))
        for child in children:
            if _HOW_TO.match(norm(child.title)):  # "How to build a forecast": not a mistake
                continue
            found.extend(_from_heading(article, child, _heading_title(child.title)))
            claimed.add(child.line)
    for section in article.sections:
        m = NUMBERED.match(section.title)
        if m and section.line not in claimed:
            found.extend(_from_heading(article, section, m.group(1)))
    return found


def _heading_title(title: str) -> str:
    """"Mistake 2: Paying late" and "2. Paying late" are both the mistake "Paying late"."""
    m = NUMBERED.match(title)
    return m.group(1) if m else re.sub(r"^#?\d{1,2}\s*[.):]\s+", "", title)


def _from_heading(article: Article, section: Section, title: str) -> list[Mistake]:
    """A mistake heading: explanation is its first paragraph, the fix a 'The fix:' paragraph."""
    explanation, fix = "", ""
    for block in section.blocks:
        if block.kind not in ("paragraph", "item"):
            continue
        if _FIX.match(block.text):
            fix = fix or _FIX.sub("", block.text)
        elif not explanation:
            explanation = _MISTAKE_LABEL.sub("", block.text)
    if not title.strip():
        return []
    return [Mistake(title.strip().rstrip("."), explanation, SourceRef(article.path, section.line), fix)]


def _from_items(article: Article, section: Section) -> list[Mistake]:
    """List items, bold-labelled paragraphs or "Title. Why." paragraphs inside a mistakes section."""
    out: list[Mistake] = []
    items = top_items(section.blocks)
    labelled = [b for b in section.blocks if b.kind == "paragraph" and b.strong
                and b.text.startswith(b.strong[0]) and not _FIX.match(b.text)]
    chosen = items or labelled or _titled_paragraphs(section.blocks)
    # a "**Mistake:** …" paragraph counts beside a list too
    chosen += [b for b in labelled if _TITLE_LABEL.match(b.text) and b not in chosen]
    for block in sorted(chosen, key=lambda b: b.line):
        title, explanation, fix = _parts(block)
        fix = fix or _fix_after(section.blocks, block)
        if not title:
            continue
        group = "" if explanation or fix else section.title
        out.append(Mistake(title.rstrip("."), explanation, SourceRef(article.path, block.line), fix,
                           group, 0.95))
    return out


def _parts(block: Block) -> tuple[str, str, str]:
    """(title, explanation, fix) of one mistake written on one item or paragraph."""
    text = block.text
    if block.strong and text.startswith(block.strong[0]):
        label = block.strong[0]
        if _TITLE_LABEL.match(label + " "):  # "**Mistake:** Paying late. **Fix:** automate it."
            title, fix = _inline_fix(_TITLE_LABEL.sub("", text))
            return title[:1].upper() + title[1:], "", fix
        explanation, fix = _inline_fix(strip_label(text, label))
        return label.rstrip(":.—– "), explanation, fix
    if _TITLE_LABEL.match(text):
        title, fix = _inline_fix(_TITLE_LABEL.sub("", text))
        return title[:1].upper() + title[1:], "", fix
    if block.kind == "item":
        pair = split_label(text) or _arrow(text)
        if pair and len(pair[0].split()) <= 8 and not pair[0].endswith("."):
            return pair[0], pair[1], ""
    first = _short_first_sentence(text)
    if first:  # "Skipping breaks. It feels productive, but fatigue builds."
        return first, text[len(first):].strip(), ""
    return text, "", ""


def _inline_fix(text: str) -> tuple[str, str]:
    """Split "Paying late. Fix: automate it." into the mistake and its fix."""
    m = _INLINE_FIX.search(text)
    if not m:
        return text.strip(), ""
    return text[: m.start()].strip(), text[m.end():].strip()


def _arrow(text: str) -> tuple[str, str] | None:
    """Notes write a mistake and its consequence with an arrow: "testing internals -> brittle"."""
    m = re.match(r"^(.{3,80}?)\s+(?:->|→|=>)\s+(.+)$", text)
    return (m.group(1).strip(), m.group(2).strip()) if m else None


def _short_first_sentence(text: str) -> str:
    """The first sentence when it is a short title followed by more sentences, else ""."""
    parts = sentences(text)
    if len(parts) < 2:
        return ""
    first = parts[0]
    if not first.endswith(".") or first.endswith(("?", ":")) or len(words(first)) > MAX_TITLE_WORDS:
        return ""
    return first


def _titled_paragraphs(blocks: tuple[Block, ...]) -> list[Block]:
    """Paragraphs that each open with a short mistake title ("Maximizing everything. …").

    The title must read like a mistake (a gerund: "Skipping", "Not saving", "Never checking"),
    and two such paragraphs must stand in the section, so an intro line is never taken.
    """
    found = [b for b in blocks if b.kind == "paragraph" and _short_first_sentence(b.text)
             and _GERUND.match(b.text)]
    return found if len(found) >= 2 else []


def _fix_after(blocks: tuple[Block, ...], block: Block) -> str:
    """A 'Fix: …' item nested under ``block``, or a 'Fix: …' paragraph right after it."""
    index = blocks.index(block)
    if block.kind == "paragraph":
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and following.kind == "paragraph" and _FIX.match(following.text):
            return _FIX.sub("", following.text)
        return ""
    for child in blocks[index + 1 :]:
        if child.kind != "item" or child.depth <= block.depth:
            break
        if _FIX.match(child.text):
            return _FIX.sub("", child.text)
    return ""


__all__ = ["MISTAKES", "extract", "norm"]
