"""Q&A layouts: question headings, question lines with the answer after them, Q:/A: pairs,
numbered or bold question lines, and a question title's "Direct answer:".

The answer is the first paragraph after the question (or the rest of its line). A question with
no answer is never paired with the next question, and answers that lost their questions yield
nothing.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..model import Block, QAPair, SourceRef
from .layout import Found, Rule, Unit, free
from .text import strip_label
from .vocabulary import clean_heading

# "Q:", "Q3.", "Question 2)", "Q (from Priya):"
_Q_PREFIX = re.compile(r"^(q|question)\s*\d*\s*(\([^)]{0,40}\)\s*)?[:.)]\s*", re.IGNORECASE)
_A_PREFIX = re.compile(r"^(a|answer)\s*\d*\s*[:.)]\s*", re.IGNORECASE)
_DIRECT = re.compile(r"^(direct answer|short answer|quick answer|the short answer|answer|"
                     r"in short|tl;?dr|bottom line)\s*:\s*", re.IGNORECASE)
# "Should you do the same?", "Why does this matter?": the question leans on the text around it
_DEICTIC = re.compile(r"(?i)\b(this|that|these|those|it|them|the same|so what)\b")
MAX_ANSWER_WORDS = 120
MAX_QUESTION_WORDS = 40
OUTSIDE_FAQ = 0.5
"""A question heading outside a Q&A section: under the default threshold, a suggestion only
(most such headings open an explanation, not a short answer)."""


def is_question(text: str) -> bool:
    text = text.rstrip()
    return (text.endswith("?") and len(text.split()) <= MAX_QUESTION_WORDS) or bool(
        _Q_PREFIX.match(text))


def _pair(unit: Unit, question: str, answer: str, line: int, confidence: float) -> QAPair | None:
    question = _Q_PREFIX.sub("", clean_heading(question)).strip()
    answer = _A_PREFIX.sub("", answer).strip()
    if not question or not answer or len(answer.split()) > MAX_ANSWER_WORDS:
        return None
    if is_question(answer) and not _A_PREFIX.match(answer):
        return None  # the next question, not an answer
    return QAPair(question, answer, SourceRef(unit.article.path, line), confidence)


def heading_item(unit: Unit, claimed: set[int]) -> list[Found]:
    """A question heading inside a Q&A section, answered by the first block under it."""
    node = unit.node
    if not is_question(node.section.title):
        return []
    return _heading_answer(unit, 1.0, "qa-heading", claimed)


def _heading_answer(unit: Unit, confidence: float, rule: str, claimed: set[int]) -> list[Found]:
    node = unit.node
    texts = [b for b in node.blocks if b.kind in ("paragraph", "item")]
    if texts and _lead_in_only(texts[0].text) and len(texts) > 1:
        texts = texts[1:]  # "Books:" over the list that answers
    first = texts[0] if texts else None
    if first is None or first.line in claimed:
        return []
    pair = _pair(unit, node.section.title, first.text, node.line, confidence)
    return [Found(pair, "qa", rule, (first.line,))] if pair else []


def _lead_in_only(text: str) -> bool:
    return text.rstrip().endswith(":") and len(text.split()) <= 6


def direct_answer(unit: Unit, claimed: set[int]) -> list[Found]:
    """A question heading (or title) followed by "**Direct answer:** …" (or "Short answer:")."""
    node = unit.node
    if not is_question(node.section.title):
        return []
    for block in node.blocks[:3]:
        if block.kind == "paragraph" and _DIRECT.match(block.text):
            pair = _pair(unit, node.section.title, _DIRECT.sub("", block.text), block.line, 1.0)
            return [Found(pair, "qa", "qa-direct-answer", (block.line,))] if pair else []
    return []


def question_heading(unit: Unit, claimed: set[int]) -> list[Found]:
    """A question heading outside a Q&A section (a suggestion; see ``OUTSIDE_FAQ``). Not one
    that leans on its context ("Why does this matter?")."""
    node = unit.node
    title = node.section.title
    if (not is_question(title) or node.level <= 1 or title == unit.article.title
            or _DEICTIC.search(title)):
        return []
    return _heading_answer(unit, OUTSIDE_FAQ, "qa-question-heading", claimed)


def question_lines(unit: Unit, claimed: set[int]) -> list[Found]:
    """Question paragraphs or items, each answered on its own line or by the block after it."""
    out: list[Found] = []
    blocks = free(unit.blocks, claimed)
    used: set[int] = set()
    for index, block in enumerate(blocks):
        if block.line in used or block.kind not in ("paragraph", "item"):
            continue
        split = _split_question(block)
        if split is None:
            continue
        question, answer = split
        lines = [block.line]
        if not answer:
            following = _answer_after(blocks, index)
            if following is not None and _lead_in_only(following.text):
                following = blocks[index + 2] if index + 2 < len(blocks) else None
            if following is not None:
                answer = following.text
                lines.append(following.line)
        pair = _pair(unit, question, answer, block.line, 0.95)
        if pair:
            used.update(lines)
            out.append(Found(pair, "qa", "qa-question-line", tuple(lines)))
    return out


def _split_question(block: Block) -> tuple[str, str] | None:
    """(question, answer on the same line) when the block opens with a question, else None."""
    text = block.text
    bold = block.strong[0] if block.strong and text.startswith(block.strong[0]) else ""
    if bold and bold.rstrip().endswith("?"):
        return bold, strip_label(text, bold)  # "**1. Is it …? Are there …?** Answer …"
    if _Q_PREFIX.match(text) or block.kind == "item" or bold:
        m = re.match(r"^(.*?\?)\s+(?:(?:a|answer)\s*[:.)]\s*)?(.+)$", text, re.IGNORECASE)
        if m and is_question(m.group(1)) and not m.group(2).rstrip().endswith("?"):
            return m.group(1), m.group(2)
    if is_question(text):
        return text, ""
    return None


def _answer_after(blocks: list[Block], index: int) -> Block | None:
    """The block answering the question at ``index``: the next paragraph, or the first item
    nested under a question item (a question's answer is never the next question)."""
    block = blocks[index]
    for following in blocks[index + 1 : index + 2]:
        if block.kind == "item" and following.kind == "item" and following.depth > block.depth:
            return following
        if following.kind == "paragraph" and not is_question(following.text):
            return following
        if following.kind == "item" and block.kind == "paragraph" and not is_question(
                following.text):
            return following
    return None


def labelled_pairs(unit: Unit, claimed: set[int]) -> list[Found]:
    """Explicit 'Q: …?' / 'A: …' paragraphs anywhere."""
    out: list[Found] = []
    blocks = free(unit.blocks, claimed)
    for block, following in zip(blocks, blocks[1:] + [None]):
        if block.kind != "paragraph" or not _Q_PREFIX.match(block.text):
            continue
        m = re.match(r"^(.*?\?)\s+(?:a|answer)\s*[:.)]\s*(.+)$", block.text, re.IGNORECASE)
        if m:
            pair = _pair(unit, m.group(1), m.group(2), block.line, 0.9)
            lines: tuple[int, ...] = (block.line,)
        elif following is not None and _A_PREFIX.match(following.text):
            pair = _pair(unit, block.text, strip_label(following.text, ""), block.line, 0.9)
            lines = (block.line, following.line)
        else:
            continue
        if pair:
            out.append(Found(pair, "qa", "qa-labelled", lines))
    return out


MIN_LISTED_RUN = 2
MIN_PLAIN_RUN = 3


def question_runs(unit: Unit, claimed: set[int]) -> list[Found]:
    """A self-interview outside any FAQ: questions written as list items (or bold lines), each
    answered by the paragraph after it, two or more times; bare question paragraphs need three
    such pairs, so a rhetorical question in running prose is never one."""
    blocks = free(unit.blocks, claimed)
    pairs: list[tuple[Block, Block]] = []
    for block, following in pairwise(blocks):
        if (block.kind in ("paragraph", "item") and block.text.rstrip().endswith("?")
                and len(block.text.split()) <= MAX_QUESTION_WORDS and following.kind == "paragraph"
                and not is_question(following.text) and not _lead_in_only(following.text)):
            pairs.append((block, following))
    marked = [p for p in pairs if p[0].kind == "item" or p[0].strong]
    if len(marked) < MIN_LISTED_RUN and len(pairs) < MIN_PLAIN_RUN:
        return []
    out: list[Found] = []
    for question, answer in pairs:
        pair = _pair(unit, question.text, answer.text, question.line, 0.9)
        if pair:
            out.append(Found(pair, "qa", "qa-question-run", (question.line, answer.line)))
    return out


ITEM_RULES = (Rule("qa-direct-answer", direct_answer), Rule("qa-heading", heading_item))
BLOCK_RULES = (Rule("qa-labelled", labelled_pairs), Rule("qa-question-line", question_lines))
FREE_RULES = (Rule("qa-labelled", labelled_pairs), Rule("qa-question-run", question_runs))
PLAIN_ITEM_RULES = (Rule("qa-direct-answer", direct_answer),
                    Rule("qa-question-heading", question_heading))

__all__ = ["BLOCK_RULES", "FREE_RULES", "ITEM_RULES", "PLAIN_ITEM_RULES", "is_question"]
