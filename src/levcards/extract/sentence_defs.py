"""Definitions written as prose: "X is / means / refers to Y" sentences, "What is X?" titles and a
frontmatter summary that defines the article's concept.

Most "X is Y" sentences are not definitions ("It is easy", "The ticket money is gone"), so a
sentence must name a concept as its subject and describe it with a noun phrase. Confidence says
how sure the match is: a heading or title that names the term, an explicit "means" and a leading
article ("is a …") raise it.
"""

from __future__ import annotations

import re

from ..model import Article, Definition, Section, SourceRef
from .text import has_phrase, norm, sentences, words

_PRONOUNS = {
    "it", "this", "that", "these", "those", "there", "here", "he", "she", "they", "we", "you",
    "i", "his", "her", "their", "our", "your", "my", "its", "what", "which", "who", "one",
    "such", "so", "then", "now", "all", "both", "each", "every", "some", "many", "most", "much",
    "another", "other", "if", "when", "while", "but", "and", "or", "because", "usually", "often",
    "sometimes", "however", "also", "still", "even", "just", "only", "first", "second", "today",
    "everyone", "everything", "nothing", "someone", "something", "anyone", "anything", "for",
}
_PREPOSITIONS = {"in", "for", "to", "with", "by", "on", "at", "from", "about", "as",
                 "than", "into", "over", "after", "before", "between", "through", "without"}
_ARTICLES = {"a", "an", "the"}
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_POSSESSIVES = {"your", "my", "our", "their", "his", "her", "its"}
"""'Checking your own score is a soft inquiry': a concept's name holds no possessive."""
_REFLEXIVE = {"itself", "themselves", "himself", "herself", "yourself", "ourselves"}
# "A common mistake is …", "A simple example is …": a judgement, not a named concept
_EVALUATIVE = {"good", "better", "best", "common", "simple", "useful", "great", "easy", "quick",
               "big", "bigger", "small", "typical", "classic", "famous", "helpful", "key", "major",
               "important", "real", "true", "related", "similar", "different", "other", "second",
               "third", "final", "last", "first", "next", "bad", "worse", "worst", "nice", "new",
               "powerful", "significant", "rational", "essential", "crucial", "critical",
               "valuable", "effective", "pervasive", "strong", "huge", "vital"}
_COPULA = re.compile(r"^(?P<subj>.{1,60}?)\s+(?P<verb>is defined as|is called|refers to|"
                     r"means|is|are)\s+(?P<pred>.+)$")
_VERB_WORDS = frozenset(("is", "are", "means", "refers"))
"""The first word of each verb _COPULA accepts."""
_VERB_BETWEEN_SPACES = re.compile(r"\s(?:is|are|means|refers)\s")
"""What a paragraph must hold for one of its sentences to match _COPULA after the first word."""
_BAD_PREDICATE = re.compile(
    r"^(not|also|often|usually|always|never|sometimes|still|just|only|really|very|so|too|"
    r"generally|typically|commonly|mostly|largely|the single|the most|the least|the other|"
    r"the (best|worst|biggest|largest|smallest|cheapest|easiest|hardest|simplest|fastest|"
    r"slowest|highest|lowest|greatest|oldest|newest|safest|strongest|quickest)|"
    r"(?!only\b|early\b|family\b|supply\b|daily\b|weekly\b|monthly\b|yearly\b)[a-z]+ly\b|"
    r"more|less|most|least|one of|one reason|why|what|how|where|because|different|similar|"
    r"important|powerful|useful|helpful|possible|likely|unlikely|true|false|good|bad|great|"
    r"easy|hard|difficult|simple|expensive|cheap|available|necessary|required|able|about|"
    r"like|here|there|the same|the key|the point|the problem|the reason|the result|the goal|"
    r"the best|the worst|the first|the last|the main|the biggest|probably|perhaps|now|then|to|"
    r"a lot|a bit|an example|the example|it|they|this|that|enough|gone|over|done|everywhere|"
    r"nowhere|everything(?! that\b| which\b)|nothing|all|the right|the wrong|the only|the real|the whole|"
    r"the opposite|the most|the least|the hardest|the easiest|worth|why|[0-9])\b",
    re.IGNORECASE,
)
# "is defined by", "is made of": a passive verb, not a description of the subject
# "Releases are cut every other Tuesday": a passive verb says what happens to it, not what it is
_PASSIVE = re.compile(r"^(\w+ed|made|known|seen|built|done|given|taken|held|kept|found|shown|"
                      r"led|paid|set|put|driven|written|born|run|cut|sent|spent|sold|bought|"
                      r"left|lost|told|brought|taught|caught|chosen|drawn|grown|thrown|hidden|"
                      r"broken|spoken|frozen|forgotten|shut|hit|split|spread|read)"
                      r"(?:\s+(?:by|in|to|for|with|from|"
                      r"on|at|as|of|into|every|each|once|twice|daily|weekly|monthly|yearly|only|"
                      r"when|if|after|before|during|until|through|and|or)\b|\s*[,.;]|$)",
                      re.IGNORECASE)
# "Inversion is a second pass, not a substitute": a contrast, not a definition
_CONTRAST = re.compile(r"^(?:(?:a|an|the)\s+)?[\w-]+(?:\s+[\w-]+)?,\s+not\b", re.IGNORECASE)
# "Profit, by contrast, is …": an aside between the term and its verb
_ASIDE = re.compile(r",\s+(?:by contrast|in contrast|by comparison|on the other hand|however|"
                    r"by definition|in essence|in general|generally|essentially|basically|"
                    r"meanwhile|in turn|though),\s+(?=(?:is|are|means|refers to)\s)", re.IGNORECASE)
_FUNCTION_WORDS = {"when", "if", "for", "because", "to", "in", "at", "and", "but", "or", "as",
                   "than", "since", "unless", "until", "with", "on", "about", "enough"}
_NOT_CONCEPTS = {"goal", "point", "problem", "key", "idea", "result", "reason", "answer", "truth",
                 "lesson", "trick", "secret", "difference", "question", "solution", "benefit",
                 "downside", "upside", "catch", "rule", "aim", "purpose", "takeaway", "thing",
                 "way", "part", "step", "first", "next", "last", "best", "worst", "same", "name",
                 "lot", "mistake", "error", "example", "option", "tip", "rest"}
_INDEFINITES = {"something", "anything", "everything", "nothing", "someone", "anyone", "any",
                "every"}
_ADJECTIVE_END = re.compile(r"(ive|ful|ous|able|ible|ic|al|less|ent|ant|ed|ing|ly|y|er)$")
_RELATIVE = re.compile(r"^(?:[\w'’-]+,?\s+){1,4}(that|which|who|whose|where|in which)\b",
                       re.IGNORECASE)
_WHAT_IS = re.compile(r"^what (?:is|are) (?:an? |the )?(?P<term>.+?)(?: \(.*\))?\s*\??$",
                      re.IGNORECASE)
_WHAT_PREFIX = re.compile(r"what (?:is|are) (.*)", re.DOTALL)
_EXAMPLE_LEAD = re.compile(r"^(for example|for instance|e\.g\.|say|imagine|suppose)\b",
                           re.IGNORECASE)


def sentence_definition(sentence: str, named: str = "") -> tuple[str, str, str] | None:
    """(term, verb, definition) if ``sentence`` defines a named concept, else None.

    ``named`` is normalised text (a title, a heading) whose concepts may be written with a plain
    "the": "The envelope method is …" under the title "The Envelope Method".
    """
    text = sentence.strip()
    if _VERB_BETWEEN_SPACES.search(text) is None:
        return None  # the cheap test first: no verb _COPULA accepts
    text = _MEANING_LABEL.sub("", text)
    quoted = _QUOTED_SUBJECT.match(text)
    if quoted:  # '"The Map Is Not the Territory" is a concept …': the quotes name the concept
        verb, pred = quoted.group("verb"), quoted.group("pred").strip()
        return (quoted.group("subj"), verb, pred) if _describing_predicate(verb, pred) else None
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return None  # the subject must be a capitalised concept (_concept_subject)
    acronym = _ACRONYM.match(text) if "(" in text else None
    if "," in text or "(" in text:
        text = _without_asides(text)
    if _VERB_WORDS.isdisjoint(text.split(None, 5)[1:5]):
        return None  # no verb after one to four words: no subject _concept_subject accepts
    m = _COPULA.match(text)
    if not m:
        return None
    subj, verb, pred = m.group("subj").strip(), m.group("verb"), m.group("pred").strip()
    is_named = bool(named) and has_phrase(key(subj), named) or (
        len(subj.split()) >= 3 and _DEFINING.match(pred) is not None)
    abbreviated = acronym is not None and acronym.group(1).strip() == subj
    if not (_concept_subject(subj, verb, bool(is_named), abbreviated)
            and _describing_predicate(verb, pred)):
        return None
    if verb == "are" and not subj.split()[-1].lower().endswith("s"):
        return None
    return (f"{subj} ({acronym.group(2)})" if abbreviated and acronym else subj), verb, pred


_DEFINING = re.compile(r"^(?:a|an|the) (?:[a-z-]+ ){0,2}[a-z-]+ (?:you|that|which|who|where|"
                       r"in which|of|for|on|by)\b")
"""'The marginal tax rate is the rate you pay on …': a genus and its difference make a plain
'The X' subject a concept, not a particular thing ("The ticket money is gone")."""
_MEANING_LABEL = re.compile(r"^(?:explanation|definition|meaning|in short|simply put)\s*:\s*",
                            re.IGNORECASE)
_QUOTED_SUBJECT = re.compile(r"^[\"“](?P<subj>[A-Z][^\"”]{2,60})[\"”]\s+(?P<verb>is defined as|is "
                             r"called|refers to|means|is|are)\s+(?P<pred>.+)$")
_PAREN_ASIDE = re.compile(r"^([^,()]{1,60}?)\s*\([^()]{1,60}\)(?=\s+(?:is|are|means|refers to)\s)")
# "The Pomodoro Technique, named after the kitchen timer, is …": an aside between the term
# and its verb, set off by commas
_COMMA_ASIDE = re.compile(r"^([^,]{1,60}?),\s+[^,]{3,80},\s+(?=(?:is|are|means|refers to)\s)")
_LEAD_PHRASE = re.compile(r"^(?:at its core|in essence|simply put|put simply|in short|in simple "
                          r"terms|essentially|basically|technically|formally|by definition),\s+",
                          re.IGNORECASE)


def _without_asides(text: str) -> str:
    """The sentence without a leading "At its core," and a parenthesis or comma aside between
    its subject and verb: "Linear Regression (LR) is …", "X, by definition, is …"."""
    text = _LEAD_PHRASE.sub("", text)
    text = text[:1].upper() + text[1:]
    text = _ASIDE.sub(" ", text, count=1)
    text = _PAREN_ASIDE.sub(r"\1", text, count=1)
    return _COMMA_ASIDE.sub(r"\1 ", text, count=1)


_ACRONYM = re.compile(r"^([^(),]{1,60}?)\s*\(([A-Z][A-Za-z]{0,2}[A-Z]{1,5}s?)\)")
"""'Dollar-Cost Averaging (DCA) is …': an abbreviation marks a concept, never a person."""


def _concept_subject(subj: str, verb: str, named: bool = False, abbreviated: bool = False) -> bool:
    """A short noun phrase naming a concept: no pronoun, clause, name or judgement."""
    subj_words = subj.split()
    if not 1 <= len(subj_words) <= 4 or not (subj[0].isupper() or subj[0].isdigit()):
        return False
    if not all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9'’/-]*", w) for w in subj_words):
        return False
    lowered = [w.lower() for w in subj_words]
    if lowered[0] in _PRONOUNS or any(w in _PREPOSITIONS or w in _REFLEXIVE or w in _DEMONSTRATIVES
                                      or w in _POSSESSIVES for w in lowered) or lowered[0].endswith("ly"):
        return False
    if any(w in _ARTICLES for w in lowered[1:]) or lowered[-1] == "of" or lowered[0] == "of":
        return False  # "Leaving a salaried job": a clause, not a term
    if lowered[0] in _ARTICLES:
        rest = subj_words[1:]
        if not rest:
            return False
        if lowered[0] == "the" and verb in ("is", "are") and not named and not any(
                w[0].isupper() or w[0].isdigit() for w in rest):
            return False  # "The ticket money is gone": a particular thing, not a named concept
        if lowered[1] in _EVALUATIVE:
            return False
    if len(subj_words) > 1 and lowered[-1] in ("is", "are", "was", "has", "can", "will"):
        return False
    if (len(subj_words) > 1 and all(w[0].isupper() for w in subj_words) and lowered[0] != "the"
            and not abbreviated):
        return False  # "Carly Rae Jepsen is …": a name, not a concept
    # "A perishable thing", "The 50/30/20 rule": a qualified or named concept, not "the rule"
    qualified = (lowered[0] in ("a", "an") and len(lowered) >= 3) or (
        lowered[0] == "the" and any(w[0].isupper() or w[0].isdigit() for w in subj_words[1:]))
    return qualified or not any(w in _NOT_CONCEPTS for w in lowered)


def _describing_predicate(verb: str, pred: str) -> bool:
    """A noun phrase (or "when …" clause) that says what the subject is."""
    if _BAD_PREDICATE.match(pred) or _CONTRAST.match(pred) or pred.endswith("?"):
        return False
    pred_start = pred.lower().split()[:2]
    if (len(pred_start) == 2 and pred_start[0] in ("a", "an") and pred_start[1] in _EVALUATIVE
            and not re.search(r"\b(that|which|who|where|whose|in which)\b", pred)):
        return False  # "Notion is a great tool": a verdict; "a simple method that splits …" defines
    pred_words = words(pred)
    if len(pred_words) > 45:
        return False
    if verb in ("is", "are"):
        if len(pred_words) < 2 or _PASSIVE.match(pred) or _adjective_phrase(pred):
            return False
    return True


def _adjective_phrase(pred: str) -> bool:
    """'optimal when …', 'costly, but …', 'exciting for a day': a quality, not a definition."""
    m = re.match(r"([A-Za-z-]+)(\W*)\s*([A-Za-z]*)", pred)
    if not m:
        return False
    first, gap, second = m.group(1).lower(), m.group(2), m.group(3).lower()
    if first in _INDEFINITES or not _ADJECTIVE_END.search(first):
        return False
    return bool(gap.strip()) or not second or second in _FUNCTION_WORDS


def key(term: str) -> str:
    """A term's identity: lower-case words without a leading article."""
    return re.sub(r"^(a|an|the) ", "", norm(term))


def title_definitions(article: Article, defined: set[str]) -> list[Definition]:
    """"What is X?" headings answered by "X is …", and a frontmatter summary defining the title."""
    out: list[Definition] = []
    for section in article.sections:
        m = _WHAT_IS.match(section.title)
        block = next((b for b in section.blocks if b.kind == "paragraph"), None)
        if not m or block is None or key(m.group("term")) in defined:
            continue
        first = (sentences(block.text) or [""])[0]
        pred = defines(first, m.group("term"))
        if pred:
            out.append(Definition(_cased(m.group("term"), first), pred,
                                  SourceRef(article.path, block.line), 0.95))
            defined.add(key(m.group("term")))
    for name in ("description", "summary"):
        text = article.meta.get(name)
        if not isinstance(text, str) or not text.strip():
            continue
        found = sentence_definition((sentences(text.strip()) or [""])[0])
        if found and key(found[0]) not in defined and key(found[0]) in key(_concept(article.title)):
            out.append(Definition(_strip_article(found[0]), found[2], SourceRef(article.path, 1), 0.9))
            defined.add(key(found[0]))
    return out


_OPENING_ARTICLE = re.compile(r"(?:(?:a|an|the)\s+)?", re.IGNORECASE)
_AFTER_TERM = re.compile(r"(?:\s*\([^)]{1,40}\))?\s+(?:is defined as|is|are|means|refers to)"
                         r"\s+(.+)$", re.IGNORECASE)


def defines(sentence: str, term: str) -> str:
    """The text after "X is/means/refers to" when ``sentence`` opens by defining ``term``
    (any case; split around the term so no pattern is compiled per term)."""
    sentence, term = sentence.strip(), term.strip()
    start = _OPENING_ARTICLE.match(sentence).end()  # type: ignore[union-attr]
    end = start + len(term)
    if not term or sentence[start:end].lower() != term.lower():
        start, end = 0, len(term)  # "The X is …" where the term itself starts with "the"
        if sentence[:end].lower() != term.lower():
            return ""
    m = _AFTER_TERM.match(sentence, end)
    if not m or _BAD_PREDICATE.match(m.group(1)) or len(words(m.group(1))) < 2:
        return ""
    return m.group(1).strip()


def _concept(title: str) -> str:
    m = _WHAT_IS.match(title)
    return m.group("term") if m else title


def _cased(term: str, sentence: str) -> str:
    """The term as the sentence writes it, capitalised."""
    m = re.search(re.escape(term.strip()), sentence, re.IGNORECASE)
    found = m.group(0) if m else term.strip()
    return found[:1].upper() + found[1:]


def _strip_article(term: str) -> str:
    stripped = re.sub(r"^(a|an|the)\s+", "", term, flags=re.IGNORECASE)
    return stripped[:1].upper() + stripped[1:]


def best_sentences(article: Article, defined: set[str], skipped: set[int]) -> list[Definition]:
    """The most convincing "X is Y" sentence for each term not already defined.

    ``skipped`` holds the lines of sections whose prose is not definitional (mistakes, FAQ,
    examples, exercises: the outline's roles).
    """
    best: dict[str, Definition] = {}
    title_key = key(article.title)
    for section in article.sections:
        if section.line in skipped:
            continue
        if section.title.endswith("?") and not _WHAT_IS.match(section.title):
            continue  # answers to other questions
        named = f"{title_key} {norm(section.title)}"
        for index, block in enumerate(section.blocks):
            if (block.kind not in ("paragraph", "item") or _EXAMPLE_LEAD.match(block.text)
                    or not _VERB_BETWEEN_SPACES.search(block.text)):
                continue  # no sentence of it can define (sentence_definition's first tests)
            # a list item defines only in its first sentence ("- Chunking is …")
            parts = sentences(block.text)[: 1 if block.kind == "item" else None]
            for position, sentence in enumerate(parts):
                found = sentence_definition(sentence, named)
                if not found or _EXAMPLE_LEAD.match(sentence):
                    continue
                term, verb, pred = found
                if key(term) in defined:
                    continue
                confidence = _confidence(section, term, verb, pred, index, position, title_key)
                current = best.get(key(term))
                if current is None or confidence > current.confidence:
                    best[key(term)] = Definition(term[:1].upper() + term[1:], pred,
                                                 SourceRef(article.path, block.line), confidence)
    return list(best.values())


def _confidence(section: Section, term: str, verb: str, pred: str, index: int, position: int,
                title_key: str) -> float:
    """How sure a sentence definition is: where it stands and how it reads."""
    confidence = 0.55
    title, term_key = norm(section.title), key(term)
    asked = _WHAT_PREFIX.match(title)
    if title and (key(section.title) == term_key or asked is not None and asked.group(1) in (
            term_key, f"a {term_key}", f"an {term_key}", f"the {term_key}")):
        confidence += 0.3
    elif has_phrase(term_key, title_key):
        confidence += 0.1  # the article is about this term
    if verb in ("means", "refers to", "is defined as", "is called"):
        confidence += 0.15
    if re.match(r"(?i)(when|anything|something|someone|any|a|an|the|using|getting|making|how|"
                r"mechanism)\b", pred):
        confidence += 0.1
    elif _RELATIVE.match(pred):
        confidence += 0.1  # "unused capacity that a system keeps …": a noun and what it does
    if index == 0 and position == 0:
        confidence += 0.05
    if re.match(r"(?i)an? ", pred) and re.match(r"(?i)an? ", term):
        confidence += 0.05  # "A weekly review is a scheduled session …": genus and difference
    if verb == "are":
        confidence -= 0.1
    if len(words(pred)) > 35:
        confidence -= 0.1
    return round(min(confidence, 0.95), 2)
