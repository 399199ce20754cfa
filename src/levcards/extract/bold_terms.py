"""Terms set in bold and defined in running text: "The **debt avalanche** is …"."""

from __future__ import annotations

import re

from ..model import Article, Block, Definition, SourceRef
from .sentence_defs import key
from .text import sentences, words

# Bold marks the word a sentence is about, so "The **X** is …" defines X even where a plain
# "The X is …" would be a remark about one particular thing. Only the bold span can be the term.
_LEAD = (r"^(?:(?:at its core|in essence|simply put|put simply|in short|in simple terms|"
         r"essentially|basically|formally|by definition),\s+)?(?:(?:and|but|so|also|now)\s+)?"
         r"(?:(?:a|an|the|your|our|my|their)\s+)?")
_OF = r"(?:\s+of\s+(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?)?"  # "The **throughput** of a network is …"
_ASIDE = r"(?:\s*\([^)]*\))?"  # "The **reservation point** (your walk-away number) is …"
_VERBS = r"(?P<verb>is defined as|is called|refers to|means|describes|is|are)"
# "**active recall**, which is …" and "what's called a **rollover payment**: the money …"
_WHICH = r",\s+which\s+(?P<verb>is|are|means|refers to|describes)\s+(?P<pred>.+)$"
# "is the same idea, except …", "is key": a comparison or a judgement, not what the term is
_WEAK = re.compile(
    r"^(not|also|often|usually|always|never|sometimes|still|just|only|really|very|so|too|more|"
    r"generally|typically|commonly|mostly|largely|"
    r"less|one of|why|what|where|because|like|here|there|the same|the key|key|the point|"
    r"the problem|the reason|the result|the answer|the first|the last|the one|it|they|this|to|"
    r"that|a lot|a bit|an example|the example|important|simple|easy|hard|great|good|bad|"
    r"[0-9])\b", re.IGNORECASE)
# "is a/the/your …", "is how …", "are expenses you …": what the term is, named by a noun phrase
_NOUN_START = re.compile(r"^(a|an|the|your|my|our|their|its|one's|any|how|what|when|where|"
                         r"whatever|anything|something|someone|everything|every|each)\b|"
                         r"^[a-z-]+s\s+(that|which|who|you|we|people)\b", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"^the (most|least|best|worst|biggest|greatest|only|single|"
                          r"\w+est)\b", re.IGNORECASE)
_JUDGEMENT = re.compile(r"^(a|an|the|your|my)\s+((really|very|truly|pretty|super)\s+)?(good|great|"
                        r"nice|bad|big|huge|massive|simple|easy|hard|useful|helpful|powerful|"
                        r"amazing|awesome|wonderful|terrible|fantastic|excellent|solid|fine|"
                        r"common|popular|favou?rite|cool|fun|smart|real|true|key|major|game|"
                        r"must|no-brainer|lifesaver)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(that|which|who|where|whose|in which)\b", re.IGNORECASE)
_NOT_TERMS = {"note", "tip", "warning", "important", "update", "edit", "spoiler", "confession",
              "disclaimer", "example", "this", "that", "it", "they", "you", "we", "i", "key",
              "the key", "the point", "the goal", "the problem", "the catch", "the trick",
              "the secret", "the lesson", "the answer", "the result", "the reason"}
MAX_TERM_WORDS = 5


def extract(article: Article, defined: set[str], skipped: set[int]) -> list[Definition]:
    """One definition per bold term defined in a paragraph, outside the ``skipped`` sections."""
    out: list[Definition] = []
    for section in article.sections:
        if section.line in skipped:
            continue
        for block in section.blocks:
            if block.kind != "paragraph" or not block.strong:
                continue
            for term, pred in _defined_terms(block):
                if key(term) and key(term) not in defined:
                    defined.add(key(term))
                    out.append(Definition(term[:1].upper() + term[1:], pred,
                                          SourceRef(article.path, block.line), 0.85))
    return out


def _defined_terms(block: Block) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for sentence in sentences(block.text):
        for term in block.strong:
            if not _is_term(term) or term not in sentence:
                continue
            pred = _predicate(sentence.strip(), term)
            if pred:
                found.append((term, pred))
                break
    return found


def _is_term(span: str) -> bool:
    """A short name: not a label ("Note:"), a whole sentence or a pronoun."""
    span_words = words(span)
    return (0 < len(span_words) <= MAX_TERM_WORDS
            and not span.rstrip().endswith((":", ".", "?", "!"))
            and span.strip().lower() not in _NOT_TERMS)


# The three forms, split around the term so no pattern is compiled per term: a fresh pattern
# for every bold term was a third of the CPU of a build whose articles bold terms in sentences.
_BEFORE_SUBJECT = re.compile(_LEAD[1:], re.IGNORECASE)
_AFTER_SUBJECT = re.compile(rf"{_OF}{_ASIDE}\s+{_VERBS}\s+(?P<pred>.+)$", re.IGNORECASE)
_AFTER_WHICH = re.compile(_WHICH)
_BEFORE_CALLED = re.compile(r"\b(?:called|known as|named)\s+(?:an?\s+|the\s+)?$")
_AFTER_CALLED = re.compile(r"\s*[:—–]\s*(?P<pred>.+)$")


def _occurrences(text: str, term: str) -> list[int]:
    out, start = [], text.find(term)
    while start >= 0:
        out.append(start)
        start = text.find(term, start + 1)
    return out


def _match(sentence: str, term: str) -> re.Match[str] | None:
    """"{lead}{term} … is Y" (any case), else "{term}, which is Y", else "called {term}: Y"."""
    lowered = sentence.lower()
    if len(lowered) != len(sentence):  # a letter whose lower case is longer ("İ"): rare
        return re.match(rf"{_LEAD}{re.escape(term)}{_OF}{_ASIDE}\s+{_VERBS}\s+(?P<pred>.+)$",
                        sentence, re.IGNORECASE)
    for start in _occurrences(lowered, term.lower()):
        if _BEFORE_SUBJECT.fullmatch(sentence, 0, start):
            m = _AFTER_SUBJECT.match(sentence, start + len(term))
            if m:
                return m
    places = _occurrences(sentence, term)
    for start in places:
        m = _AFTER_WHICH.match(sentence, start + len(term))
        if m:
            return m
    for start in places:
        if _BEFORE_CALLED.search(sentence[:start]):
            m = _AFTER_CALLED.match(sentence, start + len(term))
            if m:
                return m
    return None


def _predicate(sentence: str, term: str) -> str:
    """What ``sentence`` says ``term`` is, when it is built to define it; else ""."""
    m = _match(sentence, term)
    if not m:
        return ""
    pred = m.group("pred").strip()
    if _WEAK.match(pred) or len(words(pred)) < 2 or pred.endswith("?"):
        return ""
    verb = m.groupdict().get("verb") or ""
    if verb == "are" and not term.lower().endswith("s"):
        return ""
    if verb in ("is", "are") and not _NOUN_START.match(pred):
        return ""  # "**Anki**, which is free on desktop": a quality, not what it is
    if _SUPERLATIVE.match(pred) or (_JUDGEMENT.match(pred) and not _RELATIVE.search(pred)):
        return ""  # "the most valuable asset you have", "a great tool": praise, not a definition
    return pred
