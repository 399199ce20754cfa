"""Common mistakes and pitfalls: titled sections, "Mistake N:" headings, the mistake and its fix."""

from __future__ import annotations

import re

from ..model import Article, Block, Mistake, Section, SourceRef
from .sections import titled, top_items, with_children
from .text import norm, split_label, strip_label

MISTAKES = titled(r"^((the )?(most )?common (mistakes?|pitfalls?|errors|traps|misconceptions)|"
                  r"mistakes?( to avoid)?|pitfalls?( to avoid)?|common pitfalls|failure modes?|"
                  r"where ([\w'’-]+ ){1,3}breaks? down|when ([\w'’-]+ ){1,3}(goes|go) wrong|"
                  r"traps?( to avoid)?|don['’]?ts|do['’]?s and don['’]?ts|anti ?patterns|what not to do|what to avoid|things to avoid|"
                  r"errors to avoid|watch out for|gotchas|misconceptions|common misconceptions)\b")
_NUMBERED = re.compile(r"^(?:mistake|pitfall|trap|error|failure mode)\s*#?\s*\d+\s*[:.—–-]\s*(.+)$",
                       re.IGNORECASE)
_FIX = re.compile(r"^(the fix|fix|the solution|solution|instead|do this instead|what to do instead|"
                  r"better|the better way|the remedy|remedy|how to avoid it|avoid it by)\s*[:—–-]\s*",
                  re.IGNORECASE)
_MISTAKE_LABEL = re.compile(r"^(the mistake|mistake|the problem|problem|why it hurts|why it's a "
                            r"problem)\s*[:—–-]\s*", re.IGNORECASE)


def extract(article: Article) -> list[Mistake]:
    found: list[Mistake] = []
    claimed: set[int] = set()
    for section, children in with_children(article, MISTAKES):
        found.extend(_from_items(article, section))
        for child in children:
            found.extend(_from_heading(article, child, _heading_title(child.title)))
            claimed.add(child.line)
    for section in article.sections:
        m = _NUMBERED.match(section.title)
        if m and section.line not in claimed:
            found.extend(_from_heading(article, section, m.group(1)))
    return found


def _heading_title(title: str) -> str:
    m = _NUMBERED.match(title)
    return m.group(1) if m else title


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
    """List items (or bold-labelled paragraphs) directly inside a mistakes section."""
    out: list[Mistake] = []
    items = top_items(section.blocks)
    labelled = [b for b in section.blocks if b.kind == "paragraph" and b.strong
                and b.text.startswith(b.strong[0]) and not _FIX.match(b.text)]
    for block in items or labelled:
        title, explanation = block.text, ""
        if block.strong and block.text.startswith(block.strong[0]):
            title = block.strong[0].rstrip(":.—– ")
            explanation = strip_label(block.text, block.strong[0])
        elif block.kind == "item":
            pair = split_label(block.text)
            if pair and len(pair[0].split()) <= 8 and not pair[0].endswith("."):
                title, explanation = pair
        fix = _fix_after(section.blocks, block)
        group = "" if explanation else section.title
        out.append(Mistake(title.rstrip("."), explanation, SourceRef(article.path, block.line), fix,
                           group, 0.95))
    return out


def _fix_after(blocks: tuple[Block, ...], block: Block) -> str:
    """A 'Fix: …' item nested under ``block``."""
    index = blocks.index(block)
    for child in blocks[index + 1 :]:
        if child.kind != "item" or child.depth <= block.depth:
            break
        if _FIX.match(child.text):
            return _FIX.sub("", child.text)
    return ""


__all__ = ["MISTAKES", "extract", "norm"]
