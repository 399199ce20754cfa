"""Takeaway layouts: one item per bullet of a summary list, or per sentence of a summary
paragraph; "TL;DR: …" and "The key takeaway is that …" lines anywhere."""

from __future__ import annotations

import re

from ..model import Block, SourceRef, Takeaway
from .layout import Found, Rule, Unit, free
from .text import sentences, strip_label
from .vocabulary import LESSONS, heading_key, heading_role

_INLINE = re.compile(r"^(tl;?dr|in short|bottom line|the bottom line|key takeaway|takeaway|"
                     r"in a nutshell|summary|in summary|to sum up|recap)\s*[:—–-]\s*(.+)$", re.IGNORECASE)
_KEY_SENTENCE = re.compile(r"^(?:the|my|our|one) (?:key|main|big|biggest|most important) "
                           r"(?:takeaway|lesson|point) (?:here )?is(?: that|:) (.+)$", re.IGNORECASE)
_KEY_WORDS = ("takeaway", "lesson", "point")
_DISCLAIMER = re.compile(r"(?i)\b(not|isn't|aren't) (a |an |your )?(financial|tax|legal|medical|investment)? ?"
                         r"(advi[cs]e|advisor|adviser|doctor|lawyer|attorney|accountant|"
                         r"professional)\b")
MIN_WORDS = 3


def list_items(unit: Unit, claimed: set[int]) -> list[Found]:
    """The top-level bullets of the section: one takeaway each."""
    items = [b for b in free(unit.blocks, claimed) if b.kind == "item"]
    label = items[0] if items and _heads_list(items) else None
    if label is not None:  # "- Key takeaways:" over its own sub-list (or the bullets after it)
        claimed.add(label.line)
        items = items[1:]
    if not items:
        return []
    depth = min(b.depth for b in items)
    return [Found(_takeaway(unit, b, 1.0 if label is None else 0.95), "takeaways",
                  "takeaway-list-item", (b.line,))
            for b in items if b.depth == depth and _statement(b.text)]


def _heads_list(items: list[Block]) -> bool:
    text = items[0].text.strip().rstrip(":")
    return len(items) > 1 and heading_role(text) == "takeaways" and len(text.split()) <= 4


def paragraph_sentences(unit: Unit, claimed: set[int]) -> list[Found]:
    """A summary written as prose: one takeaway per sentence (not when it also has a list,
    where the paragraphs introduce or comment on the list)."""
    blocks = free(unit.blocks, claimed)
    if any(b.kind == "item" for b in unit.blocks) or LESSONS.match(heading_key(unit.node.title)):
        return []
    out: list[Found] = []
    paragraphs = [b for b in blocks if b.kind == "paragraph" and _statement(b.text)]
    for block in paragraphs:
        previous = ""  # the nearest sentence before that names its subject
        for sentence in sentences(block.text):
            if _statement(sentence) and len(sentence.split()) >= MIN_WORDS:
                out.append(Found(_takeaway(unit, block, 0.9, sentence, previous), "takeaways",
                                 "takeaway-sentence", (block.line,)))
            if not _PRONOUN_START.match(sentence):
                previous = sentence
    return out


def inline(unit: Unit, claimed: set[int]) -> list[Found]:
    """'TL;DR: …', 'Bottom line: …' and 'The key takeaway is that …' anywhere."""
    out: list[Found] = []
    for block in free(unit.blocks, claimed):
        if block.kind not in ("paragraph", "item"):
            continue
        m = _INLINE.match(block.text)
        if m:  # "TL;DR: …": one takeaway per sentence, like a summary paragraph
            out.extend(Found(_takeaway(unit, block, 0.95, sentence), "takeaways",
                             "takeaway-inline", (block.line,))
                       for sentence in sentences(m.group(2)) if len(sentence.split()) > 1)
            continue
        lowered = block.text.lower()
        if not any(word in lowered for word in _KEY_WORDS):
            continue  # the cheap test first: _KEY_SENTENCE needs one of these words
        for sentence in sentences(block.text):
            key = _KEY_SENTENCE.match(sentence)
            if key:
                out.append(Found(_takeaway(unit, block, 0.9, key.group(1)), "takeaways",
                                 "takeaway-key-sentence", (block.line,)))
    return out


def _statement(text: str) -> bool:
    """A sentence that states something: not a lead-in ("Remember:"), not a question to the
    reader ("Would I do it again? Yes."), not a disclaimer ("This is not financial advice"),
    not a preview of the page itself ("This chapter reveals …")."""
    first = (sentences(text) or [text])[0]
    return not (text.rstrip().endswith(":") or first.rstrip(" \"”'").endswith("?")
                or _DISCLAIMER.search(text) or _PREVIEW.match(text))


_PREVIEW = re.compile(r"^(this|in this|the following) (chapter|article|post|guide|page|section|"
                      r"lesson|module|course|tutorial|book)\b", re.IGNORECASE)


def _takeaway(unit: Unit, block: Block, confidence: float, text: str | None = None,
              previous: str = "") -> Takeaway:
    """The takeaway, the phrases the author bolded in it (a leading "**Label:**" is no key
    phrase) and, when it opens with a pronoun, the sentence before it for context."""
    text = (text if text is not None else block.text).strip()
    bolded = [s for s in block.strong if s != text and s in text]
    if bolded and _is_label(text, bolded[0]):
        bolded = bolded[1:]
    phrases = tuple(strip_label(s, "") for s in bolded)
    context = previous if _PRONOUN_START.match(text) else ""
    return Takeaway(text, SourceRef(unit.article.path, block.line), phrases[0] if phrases else "",
                    confidence, context=context, phrases=phrases)


_PRONOUN_START = re.compile(r"^(it|this|these|they|that|those|he|she|its|their)\b", re.IGNORECASE)


def _is_label(text: str, bold: str) -> bool:
    """``bold`` opens ``text`` as a label: "**Automate:** move …" or "**Automate** — move …"."""
    if not text.startswith(bold):
        return False
    rest = text[len(bold):].lstrip()
    return bold.rstrip().endswith((":", ".", "—", "–")) or rest.startswith((":", "—", "–", "- "))


def heading_item(unit: Unit, claimed: set[int]) -> list[Found]:
    """A sub-heading of a summary that states a point ("### Leverage compounds over time")."""
    node = unit.node
    parent = node.parent
    if (len(node.title.split()) < MIN_WORDS or node.title.endswith("?") or parent is not None
            and any(b.kind == "item" for b in parent.blocks)):
        return []  # a heading after a summary list is the article going on
    item = Takeaway(node.title, SourceRef(unit.article.path, node.line), "", 0.9)
    return [Found(item, "takeaways", "takeaway-heading", (node.line,))]


ITEM_RULES = (Rule("takeaway-heading", heading_item),)
BLOCK_RULES = (Rule("takeaway-list-item", list_items),
               Rule("takeaway-sentence", paragraph_sentences))
FREE_RULES = (Rule("takeaway-inline", inline),)

__all__ = ["BLOCK_RULES", "FREE_RULES", "ITEM_RULES"]
