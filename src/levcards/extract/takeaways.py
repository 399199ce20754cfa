"""Key takeaways: summary sections, TL;DR lines, lists nested under a "Key takeaways:" bullet."""

from __future__ import annotations

import re

from ..model import Article, Block, SourceRef, Takeaway
from .sections import titled, with_children
from .text import norm, sentences, strip_label

TAKEAWAYS = titled(r"^what (i|we|you) (learned|learnt)$|"
                   r"^(the )?(key |main |quick )?(takeaways?|ideas|points|lessons( learned)?|"
                   r"insights)$|^(summary|in summary|tl ?dr|tldr|in short|bottom line|the bottom "
                   r"line|recap|key ideas|key points|key takeaways|main takeaways|what to remember|"
                   r"remember this|in a nutshell)\b")
_INLINE = re.compile(r"^(tl;?dr|in short|bottom line|the bottom line|key takeaway|takeaway|"
                     r"in a nutshell|summary|in summary|to sum up|recap)\s*[:—–-]\s*(.+)$", re.IGNORECASE)
_LESSONS = titled(r"^what (i|we|you) (learned|learnt)$")
_DISCLAIMER = re.compile(r"(?i)\bnot (a |an |your )?(financial|tax|legal|medical|investment)? ?"
                         r"(advi[cs]e|advisor|adviser|doctor|lawyer|attorney|accountant|"
                         r"professional)\b")
_NESTED_LABEL = re.compile(r"^(key )?(takeaways?|key points|key ideas|summary)\s*:?$", re.IGNORECASE)


def extract(article: Article) -> list[Takeaway]:
    found: list[Takeaway] = []
    used: set[int] = set()
    for section, children in with_children(article, TAKEAWAYS):
        # an untitled part (after a thematic break) is a footer, not more of the summary
        parts = [section, *(c for c in children if c.title)]
        blocks = [b for s in parts for b in s.blocks if b.kind in ("item", "paragraph")]
        items = [b for b in blocks if b.kind == "item"]
        if not items and _LESSONS.search(norm(section.title)):
            continue  # "What I learned" over paragraphs is the story going on, not a summary
        if items and any(_NESTED_LABEL.match(b.text) for b in _top(items)):
            continue  # "• Key takeaways" over its own sub-list: taken by _nested below
        chosen = _top(items) if items else [b for b in blocks if _statement(b.text)]
        for block in chosen:
            found.append(_takeaway(article, block, 1.0 if items else 0.9))
            used.add(block.line)
    for block in article.blocks():
        if block.line in used:
            continue
        m = _INLINE.match(block.text)
        if m and block.kind in ("paragraph", "item"):
            found.append(_takeaway(article, block, 0.95, m.group(2)))
    found.extend(_nested(article))
    return found


def _statement(text: str) -> bool:
    """A paragraph that states something: not a lead-in ("Remember:"), not a question to the
    reader ("Would I do it again? Yes."), not a disclaimer ("This is not financial advice")."""
    first = (sentences(text) or [text])[0]
    return not (text.endswith(":") or first.rstrip(" \"”'").endswith("?") or _DISCLAIMER.search(text))


def _top(items: list[Block]) -> list[Block]:
    depth = min(b.depth for b in items)
    return [b for b in items if b.depth == depth]


def _takeaway(article: Article, block: Block, confidence: float, text: str | None = None) -> Takeaway:
    text = text if text is not None else block.text
    highlight = next((s for s in block.strong if s != text and s in text), "")
    if highlight and _is_label(text, highlight):  # a leading "**Label:**" is not the key phrase
        highlight = next((s for s in block.strong[1:] if s in text), "")
    return Takeaway(text, SourceRef(article.path, block.line), strip_label(highlight, ""), confidence)


def _is_label(text: str, bold: str) -> bool:
    """``bold`` opens ``text`` as a label: "**Automate:** move …" or "**Automate** — move …"."""
    if not text.startswith(bold):
        return False
    rest = text[len(bold):].lstrip()
    return bold.rstrip().endswith((":", ".", "—", "–")) or rest.startswith((":", "—", "–", "- "))


def _nested(article: Article) -> list[Takeaway]:
    """Items one level under a bullet that reads "Key takeaways:"."""
    out: list[Takeaway] = []
    for section in article.sections:
        blocks = section.blocks
        for i, block in enumerate(blocks):
            if block.kind != "item" or not _NESTED_LABEL.match(block.text):
                continue
            for child in blocks[i + 1 :]:
                if child.kind != "item" or child.depth <= block.depth:
                    break
                if child.depth == block.depth + 1:
                    out.append(_takeaway(article, child, 0.95))
    return out
