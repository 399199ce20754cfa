"""Definitions: glossary lists, tables and definition lists, and "X is/means Y" sentences."""

from __future__ import annotations

import re

from ..model import Article, Block, Definition, Section, SourceRef
from .sections import matches, titled
from .text import norm, sentences, split_label, words

GLOSSARY = titled(r"^(definitions?|key (terms|concepts|definitions|vocabulary)|glossary|"
                  r"terminology|vocabulary|terms( to know)?|core (terms|concepts)|"
                  r"important terms|jargon)\b")
_NOT_TERMS = {
    "note", "notes", "tip", "tips", "example", "examples", "warning", "caution", "important",
    "step", "answer", "direct answer", "short answer", "mechanism", "implication", "why", "how",
    "what", "when", "where", "who", "summary", "tl dr", "tldr", "source", "sources", "update",
    "edit", "bonus", "pro tip", "key point", "takeaway", "result", "results", "goal", "q", "a",
    "price", "cost", "date", "founded", "location", "age", "born", "died", "year", "time",
    "duration", "author", "size", "level", "status", "phone", "email", "address", "website",
}
_PRONOUNS = {
    "it", "this", "that", "these", "those", "there", "here", "he", "she", "they", "we", "you",
    "i", "his", "her", "their", "our", "your", "my", "its", "what", "which", "who", "one",
    "such", "so", "then", "now", "all", "both", "each", "every", "some", "many", "most", "much",
    "another", "other", "if", "when", "while", "but", "and", "or", "because", "usually", "often",
    "sometimes", "however", "also", "still", "even", "just", "only", "first", "second", "today",
    "everyone", "everything", "nothing", "someone", "something", "anyone", "anything",
}
_PREPOSITIONS = {"of", "in", "for", "to", "with", "by", "on", "at", "from", "about", "as",
                 "than", "into", "over", "after", "before", "between", "through", "without"}
_COPULA = re.compile(r"^(?P<subj>.{1,60}?)\s+(?P<verb>is defined as|is called|refers to|"
                     r"means|is|are)\s+(?P<pred>.+)$")
_BAD_PREDICATE = re.compile(
    r"^(not|also|often|usually|always|never|sometimes|still|just|only|really|very|so|too|"
    r"more|less|most|least|one of|one reason|why|what|how|where|because|different|similar|"
    r"important|powerful|useful|helpful|possible|likely|unlikely|true|false|good|bad|great|"
    r"easy|hard|difficult|simple|expensive|cheap|available|necessary|required|able|about|"
    r"like|here|there|the same|the key|the point|the problem|the reason|the result|the goal|"
    r"the best|the worst|the first|the last|the main|the biggest|probably|perhaps|now|then|to|"
    r"a lot|a bit|an example|the example|it|they|this|that|[0-9])\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS = {"when", "if", "for", "because", "to", "in", "at", "and", "but", "or", "as",
                   "than", "since", "unless", "until", "with", "on", "about", "enough"}
_NOT_CONCEPTS = {"goal", "point", "problem", "key", "idea", "result", "reason", "answer", "truth",
                 "lesson", "trick", "secret", "difference", "question", "solution", "benefit",
                 "downside", "upside", "catch", "rule", "aim", "purpose", "takeaway", "thing",
                 "way", "part", "step", "first", "next", "last", "best", "worst", "same"}
_ADJECTIVE_END = re.compile(r"(ive|ful|ous|able|ible|ic|al|less|ent|ant|ed|ing|ly|y|er)$")


def extract(article: Article) -> list[Definition]:
    found: list[Definition] = []
    for section in article.sections:
        if matches(section, GLOSSARY):
            found.extend(_glossary(article, section.blocks, 1.0))
        else:
            found.extend(_glossary(article, [b for b in section.blocks if b.kind == "term"], 0.95))
            found.extend(_label_list(article, section.blocks))
            found.extend(_tables(article, section.blocks, 0.85))
    defined = {norm(d.term) for d in found}
    found.extend(_best_sentences(article, defined))
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
    """A list of '**Term:** description' items outside a glossary section (two or more)."""
    by_list: dict[int, list[tuple[Block, tuple[str, str]]]] = {}
    for block in blocks:
        if block.kind != "item" or not block.strong or not block.text.startswith(block.strong[0]):
            continue
        pair = split_label(block.text)
        if pair and norm(pair[0]) == norm(block.strong[0]) and len(words(pair[1])) >= 4:
            by_list.setdefault(block.list_id, []).append((block, pair))
    out: list[Definition] = []
    for entries in by_list.values():
        if len(entries) < 2 or any(_is_fact(p[1]) for _, p in entries):
            continue
        for block, (term, text) in entries:
            d = _definition(article, term, text, block.line, 0.75)
            if d:
                out.append(d)
    return out


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


def sentence_definition(sentence: str) -> tuple[str, str, str] | None:
    """(term, verb, definition) if ``sentence`` defines a named concept, else None."""
    m = _COPULA.match(sentence.strip())
    if not m:
        return None
    subj, verb, pred = m.group("subj").strip(), m.group("verb"), m.group("pred").strip()
    subj_words = subj.split()
    if not 1 <= len(subj_words) <= 4 or not subj[0].isupper():
        return None
    lowered = [w.lower().strip(",") for w in subj_words]
    if lowered[0] in _PRONOUNS or any(w in _PREPOSITIONS for w in lowered):
        return None
    if lowered[0] in ("a", "an", "the") and len(subj_words) == 1:
        return None
    if not all(re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", w) for w in subj_words):
        return None
    if len(subj_words) > 1 and lowered[-1] in ("is", "are", "was", "has", "can", "will"):
        return None
    if _BAD_PREDICATE.match(pred):
        return None
    pred_words = words(pred)
    if verb in ("is", "are") and len(pred_words) < 2:
        return None
    if verb in ("is", "are") and _adjective_phrase(pred):
        return None
    if len(subj_words) > 1 and all(w[0].isupper() for w in subj_words) and lowered[0] != "the":
        return None  # "Carly Rae Jepsen is …": a name, not a concept
    if any(w in _NOT_CONCEPTS for w in lowered):
        return None
    if verb == "are" and not lowered[-1].endswith("s"):
        return None
    if len(pred_words) > 45 or pred.endswith("?"):
        return None
    return subj, verb, pred


def _adjective_phrase(pred: str) -> bool:
    """'optimal when …', 'costly, but …', 'expensive.': a quality, not a definition."""
    m = re.match(r"([A-Za-z-]+)(\W*)\s*([A-Za-z]*)", pred)
    if not m:
        return False
    first, gap, second = m.group(1).lower(), m.group(2), m.group(3).lower()
    if first.endswith("ing") or not _ADJECTIVE_END.search(first):
        return False
    return bool(gap.strip()) or not second or second in _FUNCTION_WORDS


def _best_sentences(article: Article, defined: set[str]) -> list[Definition]:
    """The most convincing "X is Y" sentence for each term not already in a glossary."""
    best: dict[str, Definition] = {}
    for section in article.sections:
        if section.title.endswith("?") and not re.match(r"(?i)what (is|are)\b", section.title):
            continue  # answers to other questions
        for index, block in enumerate(section.blocks):
            if block.kind != "paragraph":
                continue
            for position, sentence in enumerate(sentences(block.text)):
                found = sentence_definition(sentence)
                if not found:
                    continue
                term, verb, pred = found
                key = norm(term)
                if key in defined:
                    continue
                confidence = _sentence_confidence(section, term, verb, pred, index, position)
                current = best.get(key)
                if current is None or confidence > current.confidence:
                    d = _definition(article, term[:1].upper() + term[1:], pred, block.line, confidence)
                    if d:
                        best[key] = d
    return list(best.values())


def _sentence_confidence(section: Section, term: str, verb: str, pred: str, index: int,
                         position: int) -> float:
    """How sure a sentence definition is: where it stands and how it reads."""
    confidence = 0.55
    title = norm(section.title)
    if title and (title == norm(term) or re.fullmatch(rf"what (is|are) {re.escape(norm(term))}", title)):
        confidence += 0.3
    if verb in ("means", "refers to", "is defined as", "is called"):
        confidence += 0.15
    if re.match(r"(?i)(when|anything|any|a|an|the|using|getting|making|how|mechanism)\b", pred):
        confidence += 0.1
    if index == 0 and position == 0:
        confidence += 0.05
    if verb == "are":
        confidence -= 0.1
    if len(words(pred)) > 25:
        confidence -= 0.1
    return round(min(confidence, 0.95), 2)
