"""Q&A pairs: FAQ sections, Q:/A: lines, question headings and a question title's direct answer."""

from __future__ import annotations

import re

from ..model import Article, Block, QAPair, Section, SourceRef
from .sections import EXAMPLES, SELF_CHECK, titled
from .sentence_defs import defines
from .text import norm, sentences, strip_label

FAQ = titled(r"^(quick )?(q ?(and|&)? ?a|q a|faqs?|frequently asked questions|common questions|"
             r"quick answers|questions and answers|questions answers|reader questions|"
             r"your questions answered|people also ask)\b")
# "Q:", "Q3.", "Question 2)", "Q (from Priya):"
_Q_PREFIX = re.compile(r"^(q|question)\s*\d*\s*(\([^)]{0,40}\)\s*)?[:.)]\s*", re.IGNORECASE)
_A_PREFIX = re.compile(r"^(a|answer)\s*\d*\s*[:.)]\s*", re.IGNORECASE)
_DIRECT = re.compile(r"^(direct answer|short answer|quick answer|the short answer|answer|"
                     r"in short|tl;?dr|bottom line)\s*:\s*", re.IGNORECASE)
# "Should you do the same?", "Why does this matter?": the question leans on the text around it
_DEICTIC = re.compile(r"(?i)\b(this|that|these|those|it|them|the same|so what)\b")
MAX_ANSWER_WORDS = 120


def extract(article: Article) -> list[QAPair]:
    found: list[QAPair] = []
    faq_level: int | None = None
    # inside "Questions to ask yourself" or a worked example, and the sections nested under it
    check_level: int | None = None
    for section in article.sections:
        title = section.title
        if check_level is not None and section.level <= check_level:
            check_level = None
        if title and not _is_question(title) and (SELF_CHECK.search(norm(title))
                                                  or EXAMPLES.search(norm(title))):
            check_level, faq_level = section.level, None
            continue
        if check_level is not None:
            continue
        if title and FAQ.search(norm(title)):
            faq_level = section.level
            found.extend(_inline_pairs(article, section.blocks))
            continue
        if faq_level is not None and title and not _is_question(title) and section.level <= faq_level:
            faq_level = None
        if faq_level is not None:
            found.extend(_heading_pair(article, section, 1.0))
            found.extend(_inline_pairs(article, section.blocks))
        elif _is_question(title):
            found.extend(_direct_answer(article, section) or _question_heading(article, section))
        else:
            found.extend(_labelled_pairs(article, section.blocks))
    return found


def _question_heading(article: Article, section: Section) -> list[QAPair]:
    """A question heading outside an FAQ, answered by its first paragraph (less surely).

    Not the article's own title ("What is an index fund?" opens an explainer, not an answer),
    not a question that leans on its context ("Why does this matter?"), and not "What is X?"
    when the paragraph defines X: that is a definition card.
    """
    if section.level == 1 or section.title == article.title or _DEICTIC.search(section.title):
        return []
    m = re.match(r"(?i)^what (?:is|are) (?:an? |the )?(.+?)\??$", section.title)
    first = next((b for b in section.blocks if b.kind == "paragraph"), None)
    if m and first is not None and defines((sentences(first.text) or [""])[0], m.group(1)):
        return []
    return _heading_pair(article, section, 0.7)


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?") or bool(_Q_PREFIX.match(text))


def _pair(article: Article, question: str, answer: str, line: int, confidence: float) -> QAPair | None:
    question = _Q_PREFIX.sub("", question).strip()
    answer = _A_PREFIX.sub("", answer).strip()
    if not question or not answer or len(answer.split()) > MAX_ANSWER_WORDS:
        return None
    return QAPair(question, answer, SourceRef(article.path, line), confidence)


def _heading_pair(article: Article, section: Section, confidence: float) -> list[QAPair]:
    """A question heading answered by the paragraph under it."""
    if not _is_question(section.title) or not section.blocks:
        return []
    first = section.blocks[0]
    if first.kind != "paragraph" or _is_question(first.text):
        return []
    pair = _pair(article, section.title, first.text, section.line, confidence)
    return [pair] if pair else []


def _direct_answer(article: Article, section: Section) -> list[QAPair]:
    """A question title followed by "**Direct answer:** …" (or "Short answer:")."""
    for block in section.blocks[:3]:
        if block.kind == "paragraph" and _DIRECT.match(block.text):
            pair = _pair(article, section.title, _DIRECT.sub("", block.text), block.line, 1.0)
            return [pair] if pair else []
    return []


def _inline_pairs(article: Article, blocks: tuple[Block, ...]) -> list[QAPair]:
    """Question paragraphs (ending in '?' or 'Q:') each followed by an answer paragraph."""
    out: list[QAPair] = []
    for block, following in zip(blocks, blocks[1:] + (None,)):
        bold_question = bool(block.strong) and block.text.startswith(block.strong[0]) and (
            block.strong[0].rstrip().endswith("?"))
        if block.kind not in ("paragraph", "item") or not (_is_question(block.text) or bold_question):
            continue
        question, answer = block.text, ""
        m = re.match(r"^(.*?\?)\s+(?:(?:a|answer)\s*[:.)]\s*)?(.+)$", block.text, re.IGNORECASE)
        if m and (_Q_PREFIX.match(block.text) or block.strong):
            # "**Q: …?** A: …" on one line, or the answer on the bold question's next line
            question, answer = m.group(1), m.group(2)
        elif following is not None and following.kind == "paragraph" and not _is_question(following.text):
            answer = following.text
        pair = _pair(article, question, answer, block.line, 0.95)
        if pair:
            out.append(pair)
    return out


def _labelled_pairs(article: Article, blocks: tuple[Block, ...]) -> list[QAPair]:
    """Explicit 'Q: …?' / 'A: …' paragraphs outside an FAQ section."""
    out: list[QAPair] = []
    for block, following in zip(blocks, blocks[1:] + (None,)):
        if block.kind != "paragraph" or not _Q_PREFIX.match(block.text):
            continue
        pair = None
        m = re.match(r"^(.*?\?)\s+(?:a|answer)\s*[:.)]\s*(.+)$", block.text, re.IGNORECASE)
        if m:
            pair = _pair(article, m.group(1), m.group(2), block.line, 0.9)
        elif following is not None and _A_PREFIX.match(following.text):
            pair = _pair(article, block.text, strip_label(following.text, ""), block.line, 0.9)
        if pair:
            out.append(pair)
    return out
