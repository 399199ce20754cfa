"""Pick the words a cloze hides: one to four words that carry the fact.

In order of preference: what the author bolded, a term the article defines, a number or a
percentage, the object of the sentence's main verb, its subject. A phrase never starts or ends
on a function word ("by", "of", "the"), never splits a list, and is never a trivial word
("things", "people"); when nothing qualifies there is no cloze, rather than a poor one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

MAX_WORDS = 4
FUNCTION = frozenset("""
    a an the of by to in on at for with from and or but as is are was were be been being that
    which so than into onto if about like over under after before between through without
    when while because can could will would should must may might do does did has have had
    not no also just only very more less most much many your my our their its his her this
    these those some any each every such it they them we you i out up off down away both either
    neither all several few""".split())
"""Words a hidden phrase must not start or end with."""
TRIVIAL = frozenset("thing things people way ways lot lots stuff time times something "
                    "everything anything nothing someone everyone one ones part parts".split())
_VERBS = frozenset(
    "is are was were can could will would should must may might does do did has have had "
    "lets let makes make turns turn creates create helps help requires require means mean "
    "matters matter compounds compound amplifies amplify reduces reduce increases increase "
    "improves improve rewards reward beats beat needs need works work gives give keeps keep "
    "depends depend comes come becomes become grows grow costs cost saves save builds build "
    "shows show tells tell protects protect removes remove adds add drives drive changes change "
    "affects affect takes take brings bring leads lead causes cause supports support shapes "
    "shape decides decide tracks track measures measure spreads spread follows follow holds "
    "hold pays pay buys buy sells sell lowers lower raises raise stops stop starts start "
    "trades trade matches match fits fit wins win loses lose beats forces force produces "
    "produce blocks block masks mask clears clear offsets offset".split())
_UNIT = (r"(?:\s?(?:%|percent\b|x\b|times\b|°\s?[CF]\b|(?:years?|months?|weeks?|days?|hours?|"
         r"minutes?|seconds?|km|kg|g|mg|ml|cm|mm|m)\b))?")
_NUMBER = re.compile(rf"(?:[$€£]\s?)?\d[\d,.]*{_UNIT}(?:\s?(?:[-–]|to |and )\s?(?:[$€£]\s?)?"
                     rf"\d[\d,.]*{_UNIT})?")
"""A figure with its unit, or a whole range of them ("24 to 27 °C", "10–15%")."""
_WORD = re.compile(r"[\w'’-]+(?:[.,:;!?)\]\"”]*)")
_CLAUSE_BREAK = re.compile(r"[,;:—–()]$")


def key_phrases(sentence: str, bolded: Sequence[str] = (), terms: Iterable[str] = (),
                known: str = "") -> list[str]:
    """The phrases to hide in ``sentence``, in the order they appear (several only for bolded
    phrases: each becomes its own cloze); [] when no phrase is worth a card.

    Phrases that carry a fact qualify: what the author bolded, a term the article defines, a
    figure or range, a named concept, and the object of the claim, the noun phrase closing its
    clause or its subject, when that is a noun phrase of substance (two content words, or one
    long noun; no judging word such as "essential" at its edges). A phrase whose words all stand in ``known``
    (the article's title) would be guessed, not recalled. Without such a phrase there is no
    cloze: a blank on a filler word teaches nothing.
    """
    if _SUPPOSES.match(sentence):
        return []  # the set-up of a worked example, not a fact
    chosen = [p for p in (_trim(b) for b in bolded) if _usable(p) and p in sentence]
    if chosen:
        return _without_echoes(sorted(dict.fromkeys(chosen), key=sentence.find))[:3]
    strong = (_defined_term(sentence, terms), _number(sentence), _named(sentence))
    judged = _only_judges(sentence)  # nothing but a strong phrase is worth its blank
    weak = ("", "", "") if judged else (_object(sentence), _clause_end(sentence), _subject(sentence))
    for candidate in (*strong, *(w for w in weak if _substantial(w))):
        if (candidate and candidate in sentence and _usable(candidate)
                and not _in_list(sentence, candidate)
                and not _given_away(candidate, sentence, known)):
            return [candidate]
    return []


STEM = 5


def _stems(text: str) -> set[str]:
    return {w[:STEM] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in FUNCTION}


def _given_away(candidate: str, sentence: str, known: str) -> bool:
    """Most of the phrase's words (by stem) stand elsewhere on the card: in the rest of the
    sentence ("… fit their {existing mental models}, they may refine their models"), the title
    or a label shown above it ("Abstraction: … by {abstracting}"). The learner would read the
    answer, not recall it."""
    own = _stems(candidate)
    start = sentence.find(candidate)
    around = _stems(f"{sentence[:start]} {sentence[start + len(candidate):]} {known}")
    return bool(own) and 2 * len(own & around) > len(own)


_SUFFIX = 6


def _without_echoes(phrases: list[str]) -> list[str]:
    """Bolded pairs such as "prospective" / "retrospective": with one shown, the other is its
    opposite, not a recall. Only the first stays."""
    out: list[str] = []
    for phrase in phrases:
        bare = phrase.lower()
        if not any(len(bare) >= _SUFFIX and bare[-_SUFFIX:] == o.lower()[-_SUFFIX:]
                   and " " not in bare + o for o in out):
            out.append(phrase)
    return out


MIN_LONE_WORD = 8
GENERIC = frozenset("other another same way ways part idea ideas thing things lot kind type "
                    "types sort form forms step steps example examples point points fact facts "
                    "result results variant variants option options version versions".split())


EVALUATIVE = frozenset(
    "effective ineffective essential important powerful useful helpful crucial critical key vital "
    "valuable beneficial better best great easy easier hard harder simple simpler possible "
    "necessary significant realistic proper various hardest easiest worst".split())
"""Words that judge rather than say: a blank on "essential" or "powerful tool" tests whether
the learner guesses the author's praise, not a fact. "Good" and "bad" stay out: "bad debt"
and "bad incentives" name things."""
_NOT_A_NOUN = re.compile(r"(ing|ive|ful|ous|able|ible|ly)$")


def _substantial(phrase: str) -> bool:
    """A noun phrase worth recalling: two content words, or one long noun, no generic or
    judging word at the edges ("default choice", "procrastination"; not "limits", "other
    gadget", "powerful tool", "effective", "engaging")."""
    words = [w.lower() for w in phrase.split()]
    if not words or {words[0], words[-1]} & (GENERIC | EVALUATIVE):
        return False
    if len(words) == 1:
        return len(words[0]) >= MIN_LONE_WORD and not _NOT_A_NOUN.search(words[0])
    return True


_NAMED = re.compile(r"(?<=[a-z,;] )((?:[A-Z][\w'’-]+|[A-Z]{2,})(?: (?:[A-Z][\w'’-]+|[A-Z]{2,}|of|the)){1,3})")


def _named(sentence: str) -> str:
    """A named concept inside the sentence: capitalised words past its first ("the Pomodoro
    Technique", "EXPLAIN ANALYZE")."""
    m = _NAMED.search(sentence)
    return _trim(m.group(1)) if m else ""


def key_phrase(sentence: str) -> str:
    """The single phrase ``key_phrases`` would hide, or ""."""
    found = key_phrases(sentence)
    return found[0] if found else ""


def _trim(phrase: str) -> str:
    """The phrase without function words or punctuation at either edge."""
    words = phrase.strip(" .,;:!?\"'“”‘’()").split()
    while words and words[0].lower().strip(".,;:") in FUNCTION:
        words.pop(0)
    while words and words[-1].lower().strip(".,;:!?") in FUNCTION:
        words.pop()
    return " ".join(words).strip(" .,;:!?\"'“”‘’()")


def _usable(phrase: str) -> bool:
    words = phrase.split()
    return (1 <= len(words) <= MAX_WORDS and phrase.lower() not in TRIVIAL
            and any(c.isalnum() for c in phrase))


def _defined_term(sentence: str, terms: Iterable[str]) -> str:
    lowered = sentence.lower()
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = _find_word(lowered, term.lower())
        if start >= 0:
            return _trim(sentence[start:start + len(term)])  # "The X" hides "X"
    return ""


def _find_word(text: str, phrase: str) -> int:
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return start
        start = text.find(phrase, start + 1)
    return -1


_SUPPOSES = re.compile(r"^(?:for (?:simplicity|example|instance|illustration),?\s+)?(?:suppose|"
                       r"imagine|let'?s say|say|assume|pretend)\b", re.IGNORECASE)
_JUDGED = re.compile(r"\b(?:is|are)\s+(?:(?:a|an|the|very|so|really|truly|most)\s+)*(?:"
                     + "|".join(sorted(EVALUATIVE)) + r")\b(?!.*\bthan\b)", re.IGNORECASE)


def _only_judges(sentence: str) -> bool:
    """"Visualization is a powerful tool for learning": the claim is a judgement, so its
    subject is anything the learner likes; "X is more effective than Y" compares, and stays."""
    return bool(_JUDGED.search(sentence))


MIN_NUMBER_CONTEXT = 8
"""A figure is a fact only with enough around it: "The first 20 hours are the hardest" does
not say of what."""


def _number(sentence: str) -> str:
    """'25 minutes', '80%', '$1,000': a figure the sentence states (not one that opens it)."""
    if len(sentence.split()) < MIN_NUMBER_CONTEXT:
        return ""
    for m in _NUMBER.finditer(sentence):
        if m.start() > 0 and any(c.isdigit() for c in m.group(0)):
            return m.group(0).strip(" .,")
    return ""


def _tokens(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def _object(sentence: str) -> str:
    """The words after the main verb up to the end of its clause: up to four, from the first
    content word to the last one before a function word."""
    tokens = _tokens(sentence)
    for i, token in enumerate(tokens[1:], 1):
        if token.lower().strip(".,;:") in _VERBS:
            return _phrase_from(tokens[i + 1:])
    return ""


def _clause_end(sentence: str) -> str:
    """The noun phrase that closes the first clause ("Small buffers prevent {big debts}"):
    the words before its end back to the first function word, up to four."""
    tokens = _tokens(sentence)
    end = next((i for i, t in enumerate(tokens) if _CLAUSE_BREAK.search(t) or t.endswith(
        (".", "!", "?"))), len(tokens) - 1)
    words: list[str] = []
    for token in reversed(tokens[1:end + 1]):
        bare = token.rstrip(".,;:!?)]\"”")
        if bare.lower() in FUNCTION or bare.lower() in _VERBS or len(words) == MAX_END_WORDS:
            break
        words.insert(0, bare)
    return _trim(" ".join(words)) if len(words) < end + 1 else ""


MAX_END_WORDS = 2
"""The closing phrase stays short: without knowing the verb, a longer one would swallow it."""


def _subject(sentence: str) -> str:
    """The words before the main verb, when they are a short noun phrase."""
    tokens = _tokens(sentence)
    for i, token in enumerate(tokens[1:], 1):
        if token.lower().strip(".,;:") in _VERBS:
            if i <= MAX_WORDS and not any(_CLAUSE_BREAK.search(t) for t in tokens[:i]):
                return _trim(" ".join(tokens[:i]))
            return ""
    return ""


def _phrase_from(tokens: list[str]) -> str:
    """The first run of content words in the clause after the verb; a one-word run gives way to
    a longer one later in the clause ("makes saving the {default choice}")."""
    runs = _runs(_clause(tokens))
    if not runs:
        return ""
    chosen = runs[0]
    if len(chosen) == 1:
        chosen = next((run for run in runs[1:] if len(run) > 1), chosen)
    return _trim(" ".join(chosen[:MAX_WORDS]))


def _bare(token: str) -> str:
    return token.rstrip(".,;:!?)]\"”")


def _clause(tokens: list[str]) -> list[str]:
    """The tokens up to the first one that ends the clause (a comma, a full stop, …)."""
    out: list[str] = []
    for token in tokens:
        out.append(token)
        if _bare(token) != token:
            break
    return out


def _runs(tokens: list[str]) -> list[list[str]]:
    """Runs of words that are neither function words nor verbs."""
    runs: list[list[str]] = [[]]
    for token in tokens:
        bare = _bare(token)
        if bare.lower() in FUNCTION or bare.lower() in _VERBS:
            runs.append([])
        else:
            runs[-1].append(bare)
    return [run for run in runs if run]


def _in_list(sentence: str, phrase: str) -> bool:
    """'tools, systems, capital, media': hiding one member would split a list."""
    start = sentence.find(phrase)
    if start < 0:
        return False
    before, after = sentence[:start].rstrip(), sentence[start + len(phrase):].lstrip()
    return after.startswith(",") and sentence.count(",") >= 2 or (
        before.endswith(",") and re.match(r"(and|or)\b", after) is None and sentence.count(",") >= 2)


def term_in(text: str, term: str) -> str:
    """The words of ``text`` that name ``term`` (by stem, so "irrecoverability" names
    "Irrecoverable Costs"): the longest run of words each matching one of the term's; "" when
    none does, or when the text opens with it ("Sunk cost is …" defines, it does not use)."""
    if not text[:1].isupper():
        return ""  # a defining phrase ("the interest paid on …"), not a sentence using the term
    wanted = _stems(term)
    tokens = list(re.finditer(r"[A-Za-z0-9][\w'’-]*", text))
    runs: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if token.group(0).lower()[:STEM] not in wanted:
            continue
        joined = runs and runs[-1][1] == index and not text[  # a run never crosses punctuation
            tokens[index - 1].end():token.start()].strip()
        runs[-1:] = [(runs[-1][0], index + 1)] if joined else [*runs[-1:], (index, index + 1)]
    best = max(runs, key=lambda r: r[1] - r[0], default=(0, 0))  # the first of the longest
    first, end = best
    if end == first or first == 0 or not text[:1].isupper():
        return ""
    if end - first == 1:  # one word: a derived form ("irrecoverability"), not the term's own
        word = tokens[first].group(0).lower().rstrip("s")  # word ("the interest paid on …")
        if len(word) < MIN_DERIVED or word in {w.rstrip("s") for w in term.lower().split()}:
            return ""
    return text[tokens[first].start():tokens[end - 1].end()]


MIN_DERIVED = 7
