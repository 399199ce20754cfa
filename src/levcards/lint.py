"""Findings about sources that a build would not stop for, with how to fix them.

``build``, ``check`` and ``watch`` report the same ones: the text rules run where an article is
read (``article_findings``), the item and series rules as its notes are made
(``note_findings``), so the build cache keeps them with the article. The codes:

    empty-section      a heading promises items ("Key takeaways", "FAQ", …) and none were found
    empty-side         a definition or Q&A with one side empty
    duplicate-key      the same term or question twice in one series
    series-case        two series whose names differ only in case
    long-answer        an answer longer than ``max_answer_words`` (levcards.toml, default 60)
    cloze-size         a cloze that hides nothing, or nearly all of its text
    long-list          more than seven members asked on one note
    braces             unbalanced "{{" / "}}" that Anki would read as template syntax
    mathjax            a MathJax delimiter opened and never closed
    suggestion         an item below the confidence threshold (info: not a card unless --all)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import Problems
from .extract.text import norm
from .model import Article, Item
from .phrases import MAX_WORDS

if TYPE_CHECKING:
    from .extract import Silent
    from .results import ArticleResult, SeriesResult

MAX_LIST_MEMBERS = 7
MAX_CLOZE_WORDS = MAX_WORDS
DEFAULT_MAX_ANSWER_WORDS = 60
_PROMISES = {"takeaways": "key takeaways", "qa": "questions and answers",
             "definitions": "definitions", "mistakes": "mistakes"}


def article_findings(article: Article, silent: Sequence[Silent], problems: Problems) -> None:
    """The rules that read an article's text: run where it is read (the worker), so a build
    and ``check`` report them alike and the build cache keeps them with the article."""
    _empty_sections(article, silent, problems)
    _text(article, problems)


def note_findings(result: ArticleResult, series: SeriesResult, seen: dict[tuple[str, str], str],
                  max_answer_words: int, problems: Problems) -> None:
    """The rules that read an article's items and notes, and how they sit in their series
    (``seen``: the definitions and questions of the series' earlier articles)."""
    _items(result.path, result.items, max_answer_words, problems)
    _cloze_sizes(result, problems)
    if result.series != series.name:  # names differing only in case share one deck
        problems.warning(result.path, 1, "series-case", f"series {result.series!r} differs "
                         f"from {series.name!r} only in spelling or case; both go to the "
                         f"deck {series.deck_name!r}. Spell them the same")
    for item in result.items:
        if item.kind not in ("definition", "qa"):
            continue
        key = (item.kind, norm(item.key))
        if key in seen:
            problems.warning(item.ref.path, item.ref.line, "duplicate-key",
                             f"{item.kind} {item.key!r} is already in series {series.name!r} "
                             f"({seen[key]}); learners would study it twice. Merge the two "
                             "or reword one")
        else:
            seen[key] = f"{item.ref.path}:{item.ref.line}"
    for item in result.suggestions:
        problems.add(result.path, item.ref.line, "info", "suggestion",
                     f"possible {item.kind} {item.key!r} (confidence {item.confidence:.2f}, under "
                     "the threshold): not a card; raise its confidence by putting it in a titled "
                     "section, or lower 'threshold' in levcards.toml")


def _cloze_sizes(result: ArticleResult, problems: Problems) -> None:
    """A takeaway cloze must hide something, and not nearly everything."""
    lines = {n.ref.line for n in result.notes if n.kind == "takeaway"}
    for item in result.items:
        if item.kind == "takeaway" and item.ref.line not in lines:
            problems.warning(result.path, item.ref.line, "cloze-size", "no key phrase to hide in "
                             "this takeaway, so it makes no card; bold the phrase to remember")
        long_bold = [p for p in getattr(item, "phrases", ()) if len(p.split()) > MAX_CLOZE_WORDS]
        if long_bold:
            problems.warning(result.path, item.ref.line, "cloze-size", f"the bolded phrase "
                             f"{long_bold[0]!r} is longer than {MAX_CLOZE_WORDS} words, so the "
                             "cloze hides another phrase; bold the one to four words that carry "
                             "the fact")
    for note in result.notes:
        if note.notetype != "cloze" or note.kind != "takeaway":
            continue
        text = re.sub(r"<[^>]+>|&#?\w+;", " ", note.fields[0])
        hidden = " ".join(_DELETION.findall(text))
        shown = _DELETION.sub(" ", text)
        if len(hidden.split()) >= 4 * len(shown.split()):
            problems.warning(result.path, note.ref.line, "cloze-size", "the cloze hides nearly the "
                             "whole sentence; bold a shorter key phrase")


_DELETION = re.compile(r"\{\{c\d+::(.*?)\}\}")


def _empty_sections(article: Article, silent: Sequence[Silent], problems: Problems) -> None:
    """A heading that promises items of a kind with none found under it (the outline's silent
    role sections, with the reason)."""
    for section in silent:
        problems.warning(article.path, section.line, "empty-section",
                         f"section {section.title!r} promises {_PROMISES[section.role]} but none "
                         f"were found ({section.reason}); write them as a list (or 'Question?' "
                         "lines each followed by an answer paragraph), or rename the heading")


def _items(path: str, items: list[Item], max_words: int, problems: Problems) -> None:
    for item in items:
        line = item.ref.line
        if item.kind == "definition" and (not item.term.strip() or not item.definition.strip()):
            problems.warning(path, line, "empty-side", "definition has an empty side; write "
                             "'Term: what it means'")
        if item.kind == "qa" and not item.answer.strip():
            problems.warning(path, line, "empty-side", f"question {item.question!r} has no answer; "
                             "put the answer in the paragraph right after it")
        answer = getattr(item, "answer", None) or getattr(item, "definition", None) or \
            getattr(item, "explanation", None) or ""
        if len(answer.split()) > max_words:
            problems.warning(path, line, "long-answer", f"the answer has {len(answer.split())} "
                             f"words (more than {max_words}); one fact a card is easier to "
                             "remember: split it or shorten it")
        members = getattr(item, "members", ())
        if len(members) > MAX_LIST_MEMBERS:
            problems.warning(path, line, "long-list", f"a list of {len(members)} members on one "
                             f"note (more than {MAX_LIST_MEMBERS}); split it into smaller groups")


_OPEN_MATH = (("\\(", "\\)"), ("\\[", "\\]"))


def _text(article: Article, problems: Problems) -> None:
    for block in article.blocks():
        if block.kind == "code":
            continue
        text = block.text
        if "{" not in text and "}" not in text and "\\" not in text and "$" not in text:
            continue  # nothing any of these rules looks for
        if text.count("{{") != text.count("}}"):
            problems.warning(article.path, block.line, "braces", "unbalanced '{{' / '}}'; Anki "
                             "reads double braces as template or cloze syntax (levcards escapes "
                             "them, but check the text is what you meant)")
        elif "{{" in text:
            problems.warning(article.path, block.line, "braces", "'{{…}}' looks like Anki "
                             "template or cloze syntax; levcards shows it as plain text, so write "
                             "the words you want learners to see")
        for opening, closing in _OPEN_MATH:
            if text.count(opening) > text.count(closing):
                problems.warning(article.path, block.line, "mathjax", f"MathJax {opening!r} is "
                                 f"never closed with {closing!r}; close it or escape the backslash")
        if re.search(r"(?<!\$)\$\$(?!\$)", text) and text.count("$$") % 2:
            problems.warning(article.path, block.line, "mathjax", "'$$' is opened and never "
                             "closed; close it or write a single '$'")
