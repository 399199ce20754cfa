"""Mistake layouts: item headings with their parts, list items, labelled paragraphs, myth lines.

The title is the heading or label; the explanation its first paragraph (or a myth's "Truth");
the fix what a "The Fix" / "Fix:" part says. A mistake's sub-parts ("The Problem", "Why It
Fails", "Red flags") stay inside that one mistake.
"""

from __future__ import annotations

import itertools
import re

from ..model import Block, Mistake, SourceRef
from .layout import Found, Rule, Unit, free
from .outline import Node
from .text import sentences, split_label, strip_label, words
from .vocabulary import FIX_LABEL, TRUTH_LABEL, heading_key, item_heading

_FIX = re.compile(r"^(the fix|fix|the solution|solution|instead|do this instead|what to do instead|"
                  r"better|the better way|the remedy|remedy|how to avoid it|avoid it by)\s*[:—–-]\s*",
                  re.IGNORECASE)
_EXPLAIN_LABEL = re.compile(r"^(the mistake|mistake|the problem|problem|why it hurts|why it's a "
                            r"problem|why it fails|the truth|truth|reality|the reality|fact|"
                            r"the fact)\s*[:—–-]\s*", re.IGNORECASE)
# "**Mistake:** Paying late." names the mistake itself (unlike "The problem:", its explanation)
_TITLE_LABEL = re.compile(r"^(the )?(mistake|pitfall|trap|error|myth|misconception)\s*(no\.?|#)?"
                          r"\s*\d*\s*[:—–-]\s*", re.IGNORECASE)
_INLINE_FIX = re.compile(r"(?<=[.!?])\s+(?:the fix|fix|the solution|solution|instead|do this instead|"
                         r"what to do instead|better|remedy)\s*:\s*", re.IGNORECASE)
# "Myth 1: claim. Truth: explanation." on one line
_INLINE_TRUTH = re.compile(r"(?<=[.!?])\s+(?:the )?(?:truth|fact|reality)\s*:\s*", re.IGNORECASE)
_GERUND = re.compile(r"^(?:(?:not|never|over|under|only|always|too much|too little)\s+)?[A-Za-z]+ing\b",
                     re.IGNORECASE)
LIMITS = re.compile(r"\b(limitations?|drawbacks?|misuses?|weakness(es)?|criticisms?)\b", re.IGNORECASE)
"""Sections whose items are weak points of an idea, taken as mistakes (GOLD.md counts them so)."""
MAX_TITLE_WORDS = 10
MAX_LABEL_WORDS = 16
MAX_SHORT_LABEL = 8
CONFIDENCE = 1.0


def _mistake(unit: Unit, title: str, explanation: str, line: int, fix: str = "",
             group: str = "", confidence: float = CONFIDENCE) -> Mistake | None:
    title = title.strip().strip("*").strip()
    if not title or len(words(title)) == 0:
        return None
    return Mistake(title.rstrip(".:").strip(), explanation.strip(),
                   SourceRef(unit.article.path, line), fix.strip(), group, confidence)


def heading_item(unit: Unit, claimed: set[int]) -> list[Found]:
    """A mistake heading ("Mistake #1: …", "### Myth 3: …", a sub-heading of "Pitfalls")."""
    node = unit.node
    labelled = item_heading(node.section.title)
    title = labelled[1] if labelled and labelled[1] else node.title
    explanation, fix = _explain(node)
    found = _mistake(unit, title, explanation, node.line, fix)
    if found is None:
        return []
    lines = tuple(b.line for b in node.text_blocks())
    return [Found(found, "mistakes", "mistake-heading", lines)]


def _explain(node: Node) -> tuple[str, str]:
    """(explanation, fix) of a mistake heading: a "Truth" part wins, then the first text."""
    explanation, fix = "", ""
    for part in node.children:
        if part.shape != "part":
            continue
        text = _first_text(part.blocks)
        key = heading_key(part.section.title)
        if FIX_LABEL.match(key):
            fix = fix or text
        elif TRUTH_LABEL.match(key):
            explanation = text or explanation
    for index, block in enumerate(node.blocks):
        if block.kind not in ("paragraph", "item"):
            continue
        if _FIX.match(block.text):
            fix = fix or with_list(_FIX.sub("", block.text), node.blocks[index + 1:])
        elif not explanation:
            explanation = with_list(_EXPLAIN_LABEL.sub("", block.text), node.blocks[index + 1:])
    if not explanation:  # "The Problem" over bullets: its first bullet says it
        explanation = next((t for p in node.children if p.shape == "part"
                            and not FIX_LABEL.match(heading_key(p.section.title))
                            for t in [_first_text(p.blocks)] if t), "")
    return explanation, fix


MAX_LISTED = 5
MAX_LISTED_WORDS = 8


def with_list(text: str, after: tuple[Block, ...]) -> str:
    """A sentence that ends in a colon ("this myth is costly for several reasons:") says its
    point in the list after it. Labelled reasons ("**Unpredictability:** the market …") give
    the first reason itself, the other labels after it; short items complete the sentence
    ("Start with any amount: $25 a month and $50 a month."). Longer lists stay in the article."""
    if not text.rstrip().endswith(":"):
        return text
    items = list(itertools.takewhile(lambda b: b.kind == "item", after))
    depth = min((b.depth for b in items), default=0)
    top = [b for b in items if b.depth == depth]
    reasons = [r for r in (_labelled_reason(b) for b in top) if r is not None]
    if top and len(reasons) == len(top):
        first_label, first_reason = reasons[0]
        others = [label for label, _ in reasons[1:MAX_LISTED]]
        also = f" Also: {_listed(others)}." if others else ""
        return f"{first_label[:1].upper()}{first_label[1:]}: {first_reason}{also}"
    names = [n for n in (_item_name(b) for b in top) if n]
    if not names or len(names) > MAX_LISTED:
        return text
    return f"{text.rstrip()} {_listed(names)}."


def _listed(names: list[str]) -> str:
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


def _labelled_reason(block: Block) -> tuple[str, str] | None:
    """("unpredictability", "The stock market is inherently unpredictable …") from a list item
    "**Unpredictability:** The stock market is … Even seasoned investors …"."""
    name = _item_name(block)
    if not name or not block.strong or not block.text.startswith(block.strong[0]):
        return None
    rest = strip_label(block.text, block.strong[0])
    first = (sentences(rest) or [""])[0]
    return (name, first) if len(first.split()) >= MIN_REASON_WORDS else None


MIN_REASON_WORDS = 5


def _item_name(block: Block) -> str:
    if block.strong and block.text.startswith(block.strong[0]):
        name = block.strong[0]
    else:
        pair = split_label(block.text)
        name = pair[0] if pair else block.text
    name = name.strip().rstrip(":.—– ")
    if len(name.split()) > MAX_LISTED_WORDS:
        return ""
    if all(_capitalised(w) for w in name.split() if len(w) > 3):  # Title Case, not "ETFs"
        name = " ".join(w.lower() if _capitalised(w) or w.islower() else w for w in name.split())
    return name


def _capitalised(word: str) -> bool:
    return all(p[:1].isupper() and p[1:].islower() for p in word.split("-") if p)


def _first_text(blocks: tuple[Block, ...]) -> str:
    index = next((i for i, b in enumerate(blocks) if b.kind in ("paragraph", "item")), None)
    if index is None:
        return ""
    return with_list(_EXPLAIN_LABEL.sub("", blocks[index].text), blocks[index + 1:])


def list_items(unit: Unit, claimed: set[int]) -> list[Found]:
    """The top-level items of the section's list: one mistake each."""
    blocks = free(unit.blocks, claimed)
    items = [b for b in blocks if b.kind == "item"]
    if not items:
        return []
    depth = min(b.depth for b in items)
    out: list[Found] = []
    bare = all(not _has_explanation(b) for b in items if b.depth == depth)
    # a limitation is no mistake: its section's name goes with it, so its card can say so
    group = unit.node.title if bare or LIMITS.search(unit.node.title) else ""
    for block in items:
        if block.depth != depth:
            continue
        title, explanation, fix = _parts(block)
        fix = fix or _fix_after(unit.blocks, block)
        found = _mistake(unit, title, explanation, block.line, fix, group, 0.95)
        if found is not None:
            out.append(Found(found, "mistakes", "mistake-list-item", (block.line,)))
    return out


def _has_explanation(block: Block) -> bool:
    return bool(_parts(block)[1])


def labelled_paragraphs(unit: Unit, claimed: set[int]) -> list[Found]:
    """Paragraphs opening with a bold label ("**Overplanning.** It feels …") or "Mistake: …"."""
    out: list[Found] = []
    for block in free(unit.blocks, claimed):
        if block.kind != "paragraph" or _FIX.match(block.text):
            continue
        truth = _TRUTH_LINE.match(block.text)
        if truth and out:  # "**Reality:** …" under "**Myth:** …": the myth's explanation
            last = out[-1]
            item = last.item
            assert isinstance(item, Mistake)
            if not item.explanation:
                out[-1] = Found(Mistake(item.title, block.text[truth.end():].strip(), item.ref,
                                        item.fix, item.group, item.confidence), last.role,
                                last.rule, (*last.lines, block.line))
            continue
        bold = bool(block.strong) and block.text.startswith(block.strong[0]) and len(
            words(block.strong[0])) <= MAX_LABEL_WORDS
        if not bold and not _TITLE_LABEL.match(block.text):
            continue
        title, explanation, fix = _parts(block)
        fix = fix or _fix_after(unit.blocks, block)
        found = _mistake(unit, title, explanation, block.line, fix, "", 0.95)
        if found is not None:
            out.append(Found(found, "mistakes", "mistake-labelled-paragraph", (block.line,)))
    return out


_TRUTH_LINE = re.compile(r"^(the )?(truth|reality|fact|the facts)\s*[:—–-]\s*", re.IGNORECASE)


def titled_paragraphs(unit: Unit, claimed: set[int]) -> list[Found]:
    """Paragraphs that each open with a short mistake title ("Maximizing everything. …").

    The title must read like a mistake (a gerund: "Skipping", "Not saving"), and two such
    paragraphs must stand in the section, so an intro line is never taken.
    """
    chosen = [b for b in free(unit.blocks, claimed) if b.kind == "paragraph"
              and _short_first_sentence(b.text) and _GERUND.match(b.text)]
    if len(chosen) < 2:
        return []
    out: list[Found] = []
    for block in chosen:
        first = _short_first_sentence(block.text)
        found = _mistake(unit, first, block.text[len(first):], block.line, "", "", 0.9)
        if found is not None:
            out.append(Found(found, "mistakes", "mistake-titled-paragraph", (block.line,)))
    return out


def _parts(block: Block) -> tuple[str, str, str]:
    """(title, explanation, fix) of one mistake written on one item or paragraph."""
    text = block.text
    if _TITLE_LABEL.match(text) and not (block.strong and text.startswith(block.strong[0])
                                         and not _TITLE_LABEL.match(block.strong[0] + " ")):
        rest = _TITLE_LABEL.sub("", text)
        claim, truth = _split_truth(rest)
        title, fix = _inline_fix(claim)
        return title[:1].upper() + title[1:], truth, fix
    if block.strong and text.startswith(block.strong[0]):
        label = block.strong[0]
        if _TITLE_LABEL.match(label + " "):  # "**Mistake:** Paying late. **Fix:** automate it."
            title, fix = _inline_fix(_TITLE_LABEL.sub("", text))
            return title[:1].upper() + title[1:], "", fix
        explanation, fix = _inline_fix(strip_label(text, label))
        return label.rstrip(":.—– "), _EXPLAIN_LABEL.sub("", explanation), fix
    claim, truth = _split_truth(text)
    if truth:
        return claim, truth, ""
    if block.kind == "item":
        pair = split_label(text) or _arrow(text)
        # a long clause before a colon is a label only when a new sentence follows it
        if pair and not pair[0].endswith(".") and (len(pair[0].split()) <= MAX_SHORT_LABEL or (
                len(pair[0].split()) <= MAX_LABEL_WORDS and pair[1][:1].isupper())):
            return pair[0], pair[1], ""
    first = _short_first_sentence(text)
    if first:  # "Skipping breaks. It feels productive, but fatigue builds."
        return first, text[len(first):].strip(), ""
    return text, "", ""


def _split_truth(text: str) -> tuple[str, str]:
    m = _INLINE_TRUTH.search(text)
    if not m:
        return text.strip(), ""
    return text[: m.start()].strip(), text[m.end():].strip()


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
    if not first.endswith(".") or len(words(first)) > MAX_TITLE_WORDS:
        return ""
    return first


def _fix_after(blocks: tuple[Block, ...], block: Block) -> str:
    """A 'Fix: …' item nested under ``block``, or a 'Fix: …' paragraph right after it."""
    if block not in blocks:
        return ""
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


ITEM_RULES = (Rule("mistake-heading", heading_item),)
BLOCK_RULES = (Rule("mistake-list-item", list_items),
               Rule("mistake-labelled-paragraph", labelled_paragraphs),
               Rule("mistake-titled-paragraph", titled_paragraphs))

__all__ = ["BLOCK_RULES", "ITEM_RULES"]
