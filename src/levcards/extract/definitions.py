"""Definitions: glossary lists, tables, term headings and definition lists, "Term: text" lists,
bold terms defined in prose (``bold_terms``) and "X is/means Y" sentences (``sentence_defs``)."""

from __future__ import annotations

import re

from ..model import Article, Block, Definition, Section, SourceRef
from . import bold_terms
from .mistakes import MISTAKES
from .qa import FAQ
from .sections import (
    EXAMPLES,
    FACTS,
    PROCEDURES,
    first_paragraph,
    matches,
    nested_in,
    titled,
    with_children,
)
from .sentence_defs import best_sentences, key, sentence_definition, title_definitions
from .takeaways import TAKEAWAYS
from .text import norm, split_label, words

GLOSSARY = titled(r"^(definitions?|key (terms|concepts|definitions|vocabulary|words)|glossary|"
                  r"terminology|vocabulary|terms( to know)?|core (terms|concepts)|"
                  r"important terms|jargon|words to know|lingo)\b")
_NOT_TERMS = {
    "note", "notes", "tip", "tips", "example", "examples", "warning", "caution", "important",
    "step", "answer", "direct answer", "short answer", "mechanism", "implication", "why", "how",
    "what", "when", "where", "who", "summary", "tl dr", "tldr", "source", "sources", "update",
    "edit", "bonus", "pro tip", "key point", "takeaway", "result", "results", "goal", "q", "a",
    "price", "cost", "date", "founded", "location", "age", "born", "died", "year", "time",
    "duration", "author", "size", "level", "status", "phone", "email", "address", "website",
    "pros", "cons", "pro", "con", "fix", "the fix", "the mistake", "mistake", "problem",
    "solution", "instead", "why it matters", "in short", "bottom line", "reading time",
    "homework", "todo", "to do", "reminder", "see", "e g", "eg", "i e", "ie", "nb",
}
# "example from class: …", "note to self: …": a jotting about something, never a term
_ASIDES = {"example", "examples", "note", "notes", "homework", "todo", "reminder", "see", "tip",
           "question", "idea", "thought"}
# "Morning: write for two hours": a schedule or instruction list, not a glossary
_IMPERATIVE = frozenset(
    "use write do make take keep avoid try get go read add set check ask start stop pick choose "
    "review plan run walk eat drink sleep call send put spend save pay buy sell open close turn "
    "cut move track list note block book learn practise practice focus rest repeat wait "
    "leave skip create build find follow remember don't never always".split())
# "Sam: will draft the email", "launch date - moved to May": a status update, not a definition
_STATUS = frozenset(
    "will would should could can must may might shall won't approved moved pending done "
    "cancelled canceled postponed scheduled confirmed finished completed delayed rescheduled "
    "assigned submitted blocked merged shipped booked due tbd tba".split())
MIN_DESCRIPTION_WORDS = 3
MIN_RUN = 3
_EXAMPLE = re.compile(r"(?i)^(for example|for instance|e\.g\.|say|imagine|suppose)\b")


def extract(article: Article) -> list[Definition]:
    found: list[Definition] = []
    # sections whose lists and prose are about something else: mistakes, answers, takeaways
    elsewhere = (nested_in(article, MISTAKES) | nested_in(article, FAQ)
                 | nested_in(article, TAKEAWAYS))
    term_headings = _term_headings(article)
    for section in article.sections:
        if matches(section, GLOSSARY):
            found.extend(_glossary(article, section.blocks, 1.0))
            continue
        if section.line in term_headings:
            found.extend(_heading_definition(article, section))
        found.extend(_glossary(article, [b for b in section.blocks if b.kind == "term"], 0.95))
        found.extend(_tables(article, section.blocks, 0.85))
        if section.line not in elsewhere and not any(
                matches(section, p) for p in (EXAMPLES, FACTS, PROCEDURES)):
            found.extend(_label_list(article, section.blocks))
    defined = {key(d.term) for d in found}
    found.extend(title_definitions(article, defined))
    # a takeaways box's list is its takeaways; a paragraph beside the list is the article going on
    listed = {s.line for s in article.sections if any(b.kind == "item" for b in s.blocks)}
    not_prose = elsewhere - (nested_in(article, TAKEAWAYS) & listed)
    found.extend(bold_terms.extract(article, defined, not_prose))
    found.extend(best_sentences(article, defined, not_prose))
    return found


def _term_headings(article: Article) -> set[int]:
    """Lines of the sub-headings of a glossary ("## Key terms" over "### Expense ratio").

    Only a glossary that lists no terms itself: one with its own list or table ends there, and
    a heading after it ("Working it out") is the article going on.
    """
    return {child.line for section, children in with_children(article, GLOSSARY)
            if not any(b.kind in ("item", "table", "term") for b in section.blocks)
            for child in children}


def _heading_definition(article: Article, section: Section) -> list[Definition]:
    """A term heading inside a glossary, defined by the first paragraph under it.

    Not a comparison ("ETF vs. mutual fund"), a question or a heading for steps or examples.
    """
    title = section.title.strip()
    first = first_paragraph(section)
    if (first is None or title.endswith(("?", ":")) or _EXAMPLE.match(first.text)
            or re.match(r"(?i)(why|how|what|when|where|who|which)\b", title)
            or re.search(r"(?i)\b(vs|versus)\b", title)
            or any(matches(section, p) for p in (EXAMPLES, FACTS, PROCEDURES))):
        return []
    d = _definition(article, title, first.text, first.line, 0.9)
    return [d] if d else []


def _definition(article: Article, term: str, text: str, line: int, confidence: float) -> Definition | None:
    term, text = term.strip(" *_:"), text.strip()
    if not term or not text or norm(term) in _NOT_TERMS or len(words(term)) > 6:
        return None
    return Definition(term, text, SourceRef(article.path, line), confidence)


def _glossary(article: Article, blocks: list[Block] | tuple[Block, ...], confidence: float) -> list[Definition]:
    """Every 'Term: text' item, definition-list entry or table row in a glossary."""
    out: list[Definition] = []
    for block in blocks:
        pair: tuple[str, str] | None = None
        if block.kind == "term":
            pair = block.rows[0][0], block.rows[0][1]
        elif block.kind in ("item", "paragraph"):
            pair = split_label(block.text)
        elif block.kind == "table":
            out.extend(_tables(article, [block], confidence))
        if pair:
            d = _definition(article, pair[0], pair[1], block.line, confidence)
            if d:
                out.append(d)
    return out


def _label_list(article: Article, blocks: tuple[Block, ...]) -> list[Definition]:
    """A list of 'Term: description' items (bold or plain), outside a glossary.

    Either every item of a list (two or more) reads so, or three or more in a row do: notes put
    a run of terms among other jottings ("BATNA — …", "ZOPA — …", "Reservation price — …",
    "homework: …"). Each is a short term and a description of three words or more; one fact
    ("Founded: 1998") or instruction ("Morning: write …") among a short list means it is not a
    glossary at all. Bold labels are surer than plain ones. A sub-list is a list of its own.
    """
    out: list[Definition] = []
    for items in _lists(blocks):
        pairs = [_label_pair(b) for b in items]
        chosen = list(zip(items, pairs)) if len(items) >= 2 and all(pairs) else _runs(items, pairs)
        bold = all(b.strong and b.text.startswith(b.strong[0]) for b, _ in chosen)
        for block, pair in chosen:
            assert pair is not None
            d = _definition(article, pair[0], pair[1], block.line, 0.75 if bold else 0.7)
            if d:
                out.append(d)
    return out


def _lists(blocks: tuple[Block, ...]) -> list[list[Block]]:
    """Items grouped by list and depth; a sub-list under each parent item is its own group."""
    groups: list[list[Block]] = []
    open_groups: dict[tuple[int, int], list[Block]] = {}
    for block in blocks:
        if block.kind != "item":
            continue
        for deeper in [k for k in open_groups if k[1] > block.depth]:
            del open_groups[deeper]  # back at a parent item: its sub-list has ended
        group = open_groups.get((block.list_id, block.depth))
        if group is None:
            group = open_groups[(block.list_id, block.depth)] = []
            groups.append(group)
        group.append(block)
    return groups


Labelled = tuple[Block, "tuple[str, str] | None"]


def _runs(items: list[Block], pairs: list[tuple[str, str] | None]) -> list[Labelled]:
    """Label items with capitalised terms standing three or more in a row."""
    chosen: list[Labelled] = []
    run: list[Labelled] = []
    for block, pair in [*zip(items, pairs), (None, None)]:
        # among other jottings only a capitalised term counts ("ZOPA — …", not "velocity: down")
        if block is not None and pair is not None and pair[0][0].isupper():
            run.append((block, pair))
            continue
        if len(run) >= MIN_RUN:
            chosen.extend(run)
        run = []
    return chosen


def _label_pair(block: Block) -> tuple[str, str] | None:
    """(term, description) when an item reads like a glossary entry, else None."""
    pair = split_label(block.text)
    if not pair:
        return None
    term, text = pair
    if block.strong and block.text.startswith(block.strong[0]):
        if norm(term) != norm(block.strong[0]):
            return None
    elif not re.match(r"^[^:=]{1,60}(:|\s=)\s", block.text) and not re.search(r"\s[–—-]\s", block.text):
        return None  # a plain label needs a colon, a dash or "=" between term and text
    term_words = words(term)
    if not term_words or len(term_words) > 5 or not term[0].isalnum():
        return None
    if norm(term) in _NOT_TERMS or term_words[0].lower() in _ASIDES or term.endswith(("?", ".")):
        return None
    if re.search(r"[()%]|\b\d+\b", term):  # "Step 2", "Q3 (draft)": not a term
        return None
    if _is_fact(text) or len(words(text)) < MIN_DESCRIPTION_WORDS:
        return None
    if words(text)[0].lower() in _IMPERATIVE | _STATUS:
        return None
    return term, text


def _is_fact(text: str) -> bool:
    """'1998', '$20', 'Berlin': a value rather than a description."""
    return bool(re.match(r"^[\d$€£]", text)) or len(words(text)) < 3


def _tables(article: Article, blocks: list[Block] | tuple[Block, ...], confidence: float) -> list[Definition]:
    """Tables whose header names a term column and a definition column."""
    out: list[Definition] = []
    for block in blocks:
        if block.kind != "table" or len(block.rows) < 2:
            continue
        header = [norm(c) for c in block.rows[0]]
        term_col = next((i for i, h in enumerate(header) if re.search(
            r"^(term|concept|word|name|jargon|phrase|acronym)s?$", h)), None)
        # "What it means here", "Meaning (plain English)": the column may say more
        def_col = next((i for i, h in enumerate(header) if re.search(
            r"^(definition|meaning|what it means|what it is|description|explanation)s?\b", h)), None)
        if term_col is None or def_col is None:
            continue
        for n, row in enumerate(block.rows[1:], 2):
            if max(term_col, def_col) < len(row):
                d = _definition(article, row[term_col], row[def_col], block.line + n, confidence)
                if d:
                    out.append(d)
    return out




__all__ = ["GLOSSARY", "extract", "sentence_definition"]
