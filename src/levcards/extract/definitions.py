"""Definitions: glossary lists, tables and definition lists, "Term: text" lists, and (through
``sentence_defs``) "X is/means Y" sentences, "What is X?" titles and a defining summary."""

from __future__ import annotations

import re

from ..model import Article, Block, Definition, SourceRef
from .mistakes import MISTAKES
from .qa import FAQ
from .sections import EXAMPLES, FACTS, PROCEDURES, matches, nested_in, titled, top_items
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
}
# "Morning: write for two hours": a schedule or instruction list, not a glossary
_IMPERATIVE = frozenset(
    "use write do make take keep avoid try get go read add set check ask start stop pick choose "
    "review plan run walk eat drink sleep call send put spend save pay buy sell open close turn "
    "cut move track list note block book learn practise practice focus rest repeat wait "
    "leave skip create build find follow remember don't never always".split())
MIN_DESCRIPTION_WORDS = 4


def extract(article: Article) -> list[Definition]:
    found: list[Definition] = []
    # sections whose lists and prose are about something else: mistakes, answers, takeaways
    elsewhere = (nested_in(article, MISTAKES) | nested_in(article, FAQ)
                 | nested_in(article, TAKEAWAYS))
    for section in article.sections:
        if matches(section, GLOSSARY):
            found.extend(_glossary(article, section.blocks, 1.0))
            continue
        found.extend(_glossary(article, [b for b in section.blocks if b.kind == "term"], 0.95))
        found.extend(_tables(article, section.blocks, 0.85))
        if section.line not in elsewhere and not any(
                matches(section, p) for p in (EXAMPLES, FACTS, PROCEDURES)):
            found.extend(_label_list(article, section.blocks))
    defined = {key(d.term) for d in found}
    found.extend(title_definitions(article, defined))
    found.extend(best_sentences(article, defined, elsewhere))
    return found


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
    """A list whose every item reads 'Term: description' (bold or plain), outside a glossary.

    Two or more items, each a short term and a description of four words or more; one fact
    ("Founded: 1998") or instruction ("Morning: write …") among them means the list is not a
    glossary at all. Bold labels are surer than plain ones.
    """
    by_list: dict[int, list[Block]] = {}
    for block in top_items(blocks):
        by_list.setdefault(block.list_id, []).append(block)
    out: list[Definition] = []
    for items in by_list.values():
        pairs = [_label_pair(b) for b in items]
        if len(items) < 2 or any(p is None for p in pairs):
            continue
        bold = all(b.strong and b.text.startswith(b.strong[0]) for b in items)
        for block, pair in zip(items, pairs):
            assert pair is not None
            d = _definition(article, pair[0], pair[1], block.line, 0.75 if bold else 0.7)
            if d:
                out.append(d)
    return out


def _label_pair(block: Block) -> tuple[str, str] | None:
    """(term, description) when an item reads like a glossary entry, else None."""
    pair = split_label(block.text)
    if not pair:
        return None
    term, text = pair
    if block.strong and block.text.startswith(block.strong[0]):
        if norm(term) != norm(block.strong[0]):
            return None
    elif not re.match(r"^[^:]{1,60}:\s", block.text) and not re.search(r"\s[–—]\s", block.text):
        return None  # a plain label needs a colon or a dash between term and text
    term_words = words(term)
    if not term_words or len(term_words) > 5 or not (term[0].isupper() or term[0].isdigit()):
        return None
    if norm(term) in _NOT_TERMS or term.endswith(("?", ".")) or re.search(r"[()%\d]", term):
        return None
    if _is_fact(text) or len(words(text)) < MIN_DESCRIPTION_WORDS:
        return None
    if words(text)[0].lower() in _IMPERATIVE:
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
        def_col = next((i for i, h in enumerate(header) if re.search(
            r"^(definition|meaning|what it means|description|explanation)s?$", h)), None)
        if term_col is None or def_col is None:
            continue
        for n, row in enumerate(block.rows[1:], 2):
            if max(term_col, def_col) < len(row):
                d = _definition(article, row[term_col], row[def_col], block.line + n, confidence)
                if d:
                    out.append(d)
    return out




__all__ = ["GLOSSARY", "extract", "sentence_definition"]
