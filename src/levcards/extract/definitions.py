"""Definition layouts: glossary lines, term tables, term headings, "What it means:" labels and
"A X is Y" sentences in a definitions section; bold-labelled term lists anywhere.

Sentence-level definitions in running text (``sentence_defs``, ``bold_terms``) are the prose
pass in ``extract/__init__``; they stay high-precision (named-concept subjects only).
"""

from __future__ import annotations

import re

from ..model import Block, Definition, SourceRef
from .layout import Found, Rule, Unit, first_sentence, free
from .outline import Node
from .sentence_defs import defines, sentence_definition
from .text import norm, sentences, split_label, words
from .vocabulary import MEANING_LABEL, NOT_TERMS, clean_heading, heading_key

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
    "will would should could can must may might shall won't approved moved pending "
    "cancelled canceled postponed scheduled confirmed finished completed delayed rescheduled "
    "assigned submitted blocked merged shipped booked due tbd tba".split()) - {"done"}
_EXAMPLE = re.compile(r"(?i)^(for example|for instance|e\.g\.|say|imagine|suppose)\b")
_TERM_COLUMN = re.compile(r"^(term|concept|word|name|jargon|phrase|acronym|bias|fallacy|model|"
                          r"principle|metric|element|component|type|keyword|symbol|notation|"
                          r"abbreviation)s?$")
_MEANING_COLUMN = re.compile(r"^(definition|meaning|what (it|this|they)( \w+)? (means|is|are|does|"
                             r"do|stands for)|stands for|description|explanation|"
                             r"in plain english|plain english)s?\b")
MIN_DESCRIPTION_WORDS = 3
MAX_TERM_WORDS = 6
MIN_RUN = 3


_LEADING_ARTICLE = re.compile(r"^(a|an|the)\s+(?=\S)(?!(priori|posteriori|fortiori)\b)", re.IGNORECASE)
""""A cognitive bias" is the term "cognitive bias"; in "a priori" (Latin) the "a" is the term's."""


def _definition(unit: Unit, term: str, text: str, line: int, confidence: float,
                whole: bool = False) -> Definition | None:
    """The definition of ``term`` by ``text``: its first sentence (a table cell, ``whole``, is
    taken as it stands), without the term restated at its start."""
    term = clean_heading(term.strip(" *_:"))
    if len(term.split()) > 1:
        term = _LEADING_ARTICLE.sub("", term)
    text = text.strip()
    if not term or not text or norm(term) in NOT_TERMS or len(words(term)) > MAX_TERM_WORDS:
        return None
    if term.endswith((".", "?", "!")):
        return None
    meaning = _predicate(term, text if whole else first_sentence(text))
    return Definition(term, meaning, SourceRef(unit.article.path, line), confidence)


def _predicate(term: str, text: str) -> str:
    """The text without the term restated: "Shares refer to the units …" -> "the units …"."""
    first = (sentences(text) or [text])[0]
    lead = re.sub(r"^(contrary to [^,]{1,60},|unlike [^,]{1,60},)\s*", "", first, flags=re.IGNORECASE)
    bare = re.sub(r"\s*\([^)]*\)", "", term).strip()
    for name in dict.fromkeys((term, bare)):
        pred = defines(lead, name) or _restated(lead, name)
        if pred:
            return f"{pred} {text[len(first):].strip()}".strip()
    return text


_RESTATE_VERBS = (r"is defined as|is called|refers to|refer to|means|describes|is characterized "
                  r"by|are characterized by|is|are")
_SUBJECT = re.compile(rf"^(?P<subj>[^,;:]{{1,60}}?)\s*,?\s+(?:{_RESTATE_VERBS})\s+(?P<pred>.+)$",
                      re.IGNORECASE)
_PRONOUN_SUBJECT = {"it", "this", "they", "these"}


def _restated(sentence: str, term: str) -> str:
    """The predicate when the sentence's subject is the term (or "It"): "A bond's face value is
    …" under "Face Value/Par Value", "It is the rate …" under "Coupon Rate"."""
    m = _SUBJECT.match(sentence.strip())
    if not m or len(words(m.group("pred"))) < 2:
        return ""
    if re.search(rf"\({re.escape(term)}\)", m.group("subj")):
        return m.group("pred").strip()  # "The annual percentage yield (APY) is …" under "APY"
    subject = {w.lower() for w in words(m.group("subj"))} - {"a", "an", "the", "s"}
    named = {w.lower() for w in words(term.replace("/", " "))}
    if subject & _PRONOUN_SUBJECT and len(subject) == 1 or (subject and subject & named
                                                            and len(subject) <= len(named) + 2):
        return m.group("pred").strip()
    return ""


# --- item layouts (a heading inside a definitions section, or a numbered concept) ---


def term_heading(unit: Unit, claimed: set[int]) -> list[Found]:
    """A term heading defined by the first paragraph under it (or by its "What it means:" part).

    Not a comparison ("ETF vs. mutual fund"), a question, or a heading for steps or examples.
    """
    node = unit.node
    title = node.title
    if (not title or title.endswith(("?", ":")) or re.match(r"(?i)(why|how|what|when|where|who|"
                                                             r"which)\b", title)
            or re.search(r"(?i)\b(vs|versus)\b", title)):
        return []
    block = _meaning_part(node) or next((b for b in node.blocks if b.kind in ("paragraph", "item")),
                                        None)
    if block is None or _EXAMPLE.match(block.text) or block.line in claimed:
        return []
    d = _definition(unit, title, _strip_meaning_label(block.text), block.line, 0.95)
    return [Found(d, "definitions", "definition-term-heading", (block.line,))] if d else []


def _meaning_part(node: Node) -> Block | None:
    for child in node.children:
        if MEANING_LABEL.match(heading_key(child.section.title)):
            return next((b for b in child.blocks if b.kind in ("paragraph", "item")), None)
    return None


_MEANING_PREFIX = re.compile(r"^(what (it|this) (means|is|does)|meaning|definition|explanation)"
                             r"\s*:\s*", re.IGNORECASE)


def _strip_meaning_label(text: str) -> str:
    return _MEANING_PREFIX.sub("", text)


# --- block layouts (the blocks of a definitions section or a list a lead-in opened) ---


def meaning_label(unit: Unit, claimed: set[int]) -> list[Found]:
    """"**What It Means:**" under a term heading: the label's text defines that heading's term."""
    node = unit.node
    parent = node.parent
    if (node.shape != "role" or parent is None or not parent.title
            or not MEANING_LABEL.match(heading_key(node.section.title))):
        return []
    block = next((b for b in free(node.blocks, claimed) if b.kind in ("paragraph", "item")), None)
    if block is None:
        return []
    d = _definition(unit, parent.title, block.text, block.line, 1.0)
    return [Found(d, "definitions", "definition-meaning-label", (block.line,))] if d else []


def meaning_line(unit: Unit, claimed: set[int]) -> list[Found]:
    """"**What It Means:** the tendency to …" as a line under a term heading: the heading's term."""
    node = unit.node
    if not node.title or node.title.endswith("?"):
        return []
    for block in free(node.blocks, claimed):
        if block.kind in ("paragraph", "item") and _MEANING_PREFIX.match(block.text):
            d = _definition(unit, node.title, _strip_meaning_label(block.text), block.line, 0.95)
            return [Found(d, "definitions", "definition-meaning-line", (block.line,))] if d else []
    return []


def glossary_lines(unit: Unit, claimed: set[int]) -> list[Found]:
    """'Term: text', '**Term** — text' items and lines, and definition-list entries."""
    out: list[Found] = []
    # where some entries have bold labels, a line without one is prose between them
    bold = unit.node.shape not in ("role", "group") and any(
        _bold_led(b) for b in unit.blocks if b.kind in ("item", "paragraph"))
    for block in free(unit.blocks, claimed):
        pair: tuple[str, str] | None = None
        if bold and block.kind in ("item", "paragraph") and not _bold_led(block):
            continue
        if block.kind == "term":
            pair = block.rows[0][0], block.rows[0][1]
        elif block.kind in ("item", "paragraph"):
            pair = _glossary_pair(block)
        if pair:
            d = _definition(unit, pair[0], pair[1], block.line, 1.0)
            if d:
                out.append(Found(d, "definitions", "definition-glossary-line", (block.line,)))
    return out


def _glossary_pair(block: Block) -> tuple[str, str] | None:
    """(term, text) of a line in a glossary, where any label line is an entry. A bold label
    ("**Power (1 - β):** …") is the term whole, whatever dashes it holds."""
    pair = _bold_label(block) or split_label(block.text)
    if pair is None or norm(pair[0]) in NOT_TERMS or words(pair[0])[:1] and words(
            pair[0])[0].lower() in _ASIDES or (sentences(pair[1]) or [""])[0].endswith("?"):
        return None  # "First principles thinking asks: is it true?" is no entry
    if _is_series(pair[1]):
        return None  # "Tools: chain checker, degreaser, stiff brush": a list of things
    if block.strong and block.text.startswith(block.strong[0]) and norm(pair[0]) != norm(
            block.strong[0]):
        return None  # "**Float** is a cushion: …": the bold term, not a clause, is the label
    return pair


def _bold_label(block: Block) -> tuple[str, str] | None:
    if not _bold_led(block) or not block.strong[0].rstrip().endswith(":"):
        return None
    term = block.strong[0].rstrip()[:-1].strip()
    rest = block.text[len(block.strong[0]):].strip()
    return (term, rest) if term and rest else None


def _bold_led(block: Block) -> bool:
    return bool(block.strong) and block.text.startswith(block.strong[0])


def term_tables(unit: Unit, claimed: set[int]) -> list[Found]:
    """Tables with a term column and a meaning column ("Term | What it is")."""
    out: list[Found] = []
    for block in free(unit.blocks, claimed):
        if block.kind != "table" or len(block.rows) < 2:
            continue
        header = [norm(c) for c in block.rows[0]]
        term_col = next((i for i, h in enumerate(header) if _TERM_COLUMN.search(h)), None)
        def_col = next((i for i, h in enumerate(header) if _MEANING_COLUMN.search(h)), None)
        if def_col is None and term_col is not None and len(header) == 2:
            def_col = 1 - term_col  # "Bias | What your brain is doing": the other column
        if def_col is None:
            continue
        if term_col is None:
            term_col = 0 if def_col != 0 else None
        if term_col is None:
            continue
        confidence = 1.0 if unit.role == "definitions" else 0.85
        for n, row in enumerate(block.rows[1:], 1):
            if max(term_col, def_col) < len(row):
                d = _definition(unit, row[term_col], row[def_col], block.line + n + 1, confidence,
                                whole=True)
                if d:
                    out.append(Found(d, "definitions", "definition-table-row", (block.line,)))
    return out


def concept_sentences(unit: Unit, claimed: set[int]) -> list[Found]:
    """"A cognitive map is …" sentences in a definitions section's paragraphs."""
    out: list[Found] = []
    for block in free(unit.blocks, claimed):
        if block.kind != "paragraph" or _label_pair(block, strict=False):
            continue
        for sentence in sentences(block.text):
            found = sentence_definition(sentence, norm(unit.node.title))
            if found:
                term, _, pred = found
                d = _definition(unit, _LEADING_ARTICLE.sub("", term),
                                pred, block.line, 0.95)
                if d:
                    out.append(Found(d, "definitions", "definition-sentence-in-section",
                                     (block.line,)))
    return out


# --- free layouts (outside any role section) ---


def label_lists(unit: Unit, claimed: set[int]) -> list[Found]:
    """A list of 'Term: description' items outside a glossary.

    Either every item of a list (two or more) reads so with bold labels, or three or more in a
    row do: notes put a run of terms among other jottings ("BATNA — …", "ZOPA — …"). Each is a
    short term and a description of three words or more; one fact ("Founded: 1998") or
    instruction ("Morning: write …") among a short list means it is not a glossary at all.
    """
    out: list[Found] = []
    for items in _lists(list(unit.blocks)):
        if any(b.ordered for b in items):
            continue  # "1. **Choose a concept:** select …": the steps of a procedure
        pairs = [_label_pair(b, strict=True) for b in items]
        bold = all(b.strong and b.text.startswith(b.strong[0]) for b in items)
        if len(items) >= 2 and all(pairs):
            chosen = list(zip(items, pairs))
        else:
            chosen = _runs(items, pairs)
        for block, pair in chosen:
            assert pair is not None
            if block.line in claimed:
                continue
            d = _definition(unit, pair[0], pair[1], block.line, 0.75 if bold else 0.7)
            if d:
                out.append(Found(d, "prose", "definition-label-list", (block.line,)))
    return out


def definition_lists(unit: Unit, claimed: set[int]) -> list[Found]:
    """Markdown definition lists anywhere ("Term\\n: what it means")."""
    out: list[Found] = []
    for block in free(unit.blocks, claimed):
        if block.kind == "term":
            d = _definition(unit, block.rows[0][0], block.rows[0][1], block.line, 0.95)
            if d:
                out.append(Found(d, "prose", "definition-list-entry", (block.line,)))
    return out


def _lists(blocks: list[Block]) -> list[list[Block]]:
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
        if block is not None and pair is not None and pair[0][0].isupper():
            run.append((block, pair))
            continue
        if len(run) >= MIN_RUN:
            chosen.extend(run)
        run = []
    return chosen


def _label_pair(block: Block, strict: bool) -> tuple[str, str] | None:
    """(term, description) when an item or line reads like a glossary entry, else None.

    ``strict`` (outside a definitions section) also refuses descriptions that open with an
    instruction or a status word.
    """
    text = block.text
    pair = split_label(text)
    if not pair:
        return None
    term, desc = pair
    if block.strong and text.startswith(block.strong[0]):
        if norm(term) != norm(block.strong[0]):
            return None
    elif not re.match(r"^[^:=]{1,60}(:|\s=)\s", text) and not re.search(r"\s[–—-]\s", text):
        return None  # a plain label needs a colon, a dash or "=" between term and text
    term_words = words(term)
    if not term_words or len(term_words) > MAX_TERM_WORDS - 1 or not term[0].isalnum():
        return None
    if norm(term) in NOT_TERMS or term_words[0].lower() in _ASIDES or term.endswith(("?", ".")):
        return None
    if re.search(r"[%]|\b\d+\b", term) or (strict and "(" in term and not re.search(
            r"\([A-Z][A-Za-z]*\)", term)):
        return None  # "Step 2", "Q3 (draft)": not a term; "Value at Risk (VaR)" is
    if re.match(r"^[\d$€£]", desc) or len(words(desc)) < MIN_DESCRIPTION_WORDS:
        return None
    if strict and (words(desc)[0].lower() in _IMPERATIVE | _STATUS or desc[0] in "\"“'‘"
                   or _is_series(desc)):
        return None  # an instruction, a quoted example, or a list of examples
    return term, desc


def _is_series(text: str) -> bool:
    """'Gift cards, wire transfers, cryptocurrency, or money orders.': examples, not a meaning."""
    first = (sentences(text) or [text])[0].rstrip(".")
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", first)]
    return len(parts) >= 3 and all(0 < len(p.split()) <= 3 for p in parts)


ITEM_RULES = (Rule("definition-term-heading", term_heading),)
BLOCK_RULES = (Rule("definition-meaning-label", meaning_label),
               Rule("definition-table-row", term_tables),
               Rule("definition-glossary-line", glossary_lines),
               Rule("definition-sentence-in-section", concept_sentences))
FREE_RULES = (Rule("definition-meaning-label", meaning_label),
              Rule("definition-meaning-line", meaning_line),
              Rule("definition-table-row", term_tables),
              Rule("definition-list-entry", definition_lists),
              Rule("definition-label-list", label_lists))

__all__ = ["BLOCK_RULES", "FREE_RULES", "ITEM_RULES"]
