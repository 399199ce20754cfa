"""Every heading and label the extractors recognise, in one table.

A heading (or a bold label line, or a sentence that opens a list) gets a *role*: the kind of
study items its section holds. The role covers the section's subtree: a sub-heading inside a
role section is an item of that role, and that item's own sub-headings are parts of the item.

    definitions   glossary, key terms, key concepts, terminology, "What it means:"
    qa            FAQ, frequently asked questions, common questions, Q&A
    takeaways     key takeaways, key points, summary, TL;DR, in short, bottom line
    mistakes      common mistakes, pitfalls, gotchas, misconceptions, myths, traps, ...
    none          examples, steps, exercises, quizzes, templates, references: never items

Patterns are matched against ``heading_key(title)``: lower-case words with numbering, emoji,
markup and glued page noise removed, so "## 💡Take Away", "3. KEY POINTS" and
"**Common Pitfalls:**" all read as plain phrases. The README's table of study items is tested
against ``ROLE_TABLE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .text import norm

Role = Literal["definitions", "qa", "takeaways", "mistakes", "none"]
ROLES: tuple[Role, ...] = ("definitions", "qa", "takeaways", "mistakes", "none")


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """One role: how its headings read, the phrases that name it inside a lead-in sentence,
    and what a README reader should see (``shown``)."""

    role: Role
    heading: re.Pattern[str]
    lead_in: re.Pattern[str] | None
    shown: tuple[str, ...]


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_MISTAKE_NOUNS = (r"mistakes|pitfalls|gotchas|misconceptions|myths|misapplications|misuses|"
                  r"misuse cases|anti.?patterns|traps|failure modes|errors to avoid|don.?ts|"
                  r"blunders")
"""Anywhere in a heading ("Emergency Fund Mistakes to Avoid"); the singular ("the Sunk Cost
Trap") names the subject of a heading, not a list of mistakes, except as its first word."""
_MISTAKE_LABELS = (r"mistakes?|pitfalls?|gotchas?|misconceptions?|myths?|misapplications?|"
                   r"misuses?|anti.?patterns?|traps?|failure modes?|don.?ts|blunders?")

ROLE_TABLE: tuple[RoleEntry, ...] = (
    RoleEntry(
        "definitions",
        _words(r"^((?!in (simple|plain) terms)(.* )?(terms|concepts|components|elements|"
               r"terminology|vocabulary|glossary|definitions)|(key |main )?(characteristics|types|kinds)( of .*)?|"
               r"definitions?|glossary|terminology|vocabulary|jargon|lingo|"
               r"(key|core|basic|main|important|essential) (terms|concepts|definitions|vocabulary|"
               r"words|components|elements|ideas explained)( .*)?|terms( to know| and definitions)?|"
               r"(.* )?(words|terms|jargon|phrases) (you.?ll|you will|you should|to|worth|every) .*|"
               r"(.* )?(words|terms|jargon) (explained|defined|decoded)|"
               r"words to know|concepts( to know)?|what (it|this|they) (means|is|are|does|do)|meaning|"
               r"(the )?definition)$"),
        _words(r"\b(key|core|basic|essential|important|main|following)( \w+){0,2} (terms|"
               r"concepts|definitions|vocabulary|components|elements)\b|"
               r"\b(two|three|four|five|six|\d) (types|kinds|forms|categories) of\b|\b(terms|definitions|"
               r"vocabulary|jargon)\b"),
        ("Glossary", "Key terms", "Key concepts", "Key components", "Terminology",
         "Definitions", "What it means:", "What it is:"),
    ),
    RoleEntry(
        "qa",
        _words(r"^((quick )?(q ?(and|&)? ?a|q a)( .*)?|faqs?( .*)?|(the )?frequently asked "
               r"questions( .*)?|(quick |common |your |reader |top )?questions( from .*)?|"
               r"quick answers|"
               r"questions and answers|"
               r"questions answers|reader questions|your questions answered|people also ask|"
               r".* (faqs?|frequently asked questions))$"),
        _words(r"\b(frequently asked questions|common questions|faqs?)\b"),
        ("FAQ", "Frequently asked questions", "Common questions", "Q&A", "Quick Q&A"),
    ),
    RoleEntry(
        "takeaways",
        _words(r"^((the )?(key |main |quick )?(take ?aways?|points|lessons( learned)?|insights|"
               r"learnings)|key ideas|keypoints|summary|in summary|summary of key points|"
               r"tl ?dr|tldr|in short|(the )?bottom line|recap|what to remember|remember this|"
               r"in a nutshell|what (i|we|you) (learned|learnt)|(the )?short version|in brief|"
               r"the gist)( .*)?$"),
        _words(r"\b(key (points|takeaways|ideas|lessons)|main (points|takeaways)|takeaways|"
               r"keypoints)\b"),
        ("Key takeaways", "Take away", "Key points", "Key ideas", "Summary", "TL;DR",
         "In short", "Bottom line", "Recap"),
    ),
    RoleEntry(
        "mistakes",
        _words(rf"^(what not to do|(things |what )to avoid|watch out for|do.?s and don.?ts|"
               r"where ([\w'-]+ ){1,3}breaks? down|(when|where) ([\w'-]+ ){1,3}goe?s? wrong|"
               r"what (usually |often |commonly )?goes wrong|"
               rf"(?!(why|what|when|learning|learn)\b)((.* )?({_MISTAKE_NOUNS})( .*)?|"
               rf"(common |typical |frequent )?({_MISTAKE_LABELS})( .*)?))$"),
        _words(rf"\b({_MISTAKE_NOUNS})\b"),
        ("Common mistakes", "Mistakes to avoid", "Pitfalls", "Gotchas", "Misconceptions",
         "Myths", "Misapplications", "Traps", "Failure modes", "Anti-patterns", "Don'ts"),
    ),
    RoleEntry(
        "none",
        _words(r"^((an? |the )?((real life|worked|practical|real world|concrete|quick|simple) )?"
               r"examples?( .*)?|for example|"
               r"illustrations?|case stud(y|ies)|scenarios?|story|anecdote|sample|"
               r"(step|steps)( by step)?( \d+)?|how to .*|best practices?|(practical )?tips?|"
               r"checklists?|instructions|action plan|exercises?|practice|worksheets?|quiz( .*)?|"
               r"quick quiz|test (yourself|your knowledge)|check your understanding|self ?check|"
               r"questions to ask( yourself)?|"
               r"(journal(ing)? )?prompts|discussion( questions)?|reflection|templates?|"
               r"references?|resources|sources|further reading|see also|"
               r"related (pages|posts|articles|reading|links|guides|series|topics)|"
               r"comment bait|in practice|used by|used in|why it matters( .*)?|"
               r"(the )?comparison|code( snippet)?|"
               r"((\d+|different|simple|practical|easy|best|other) )*(steps|ways|tips|strategies|"
               r"techniques|methods|ideas|tricks) (to|for) .*|"
               r"what to do this week|next steps|timeline|schedule)$"),
        _words(r"\b(ask yourself|questions to ask|follow these steps|these steps|you will need|"
               r"you ll need|checklist)\b"),
        ("Examples", "Steps", "Best practices", "Tips", "Exercises", "Quiz", "Templates",
         "References", "Questions to ask yourself"),
    ),
)
"""The roles in the order they are tried: the first whose heading pattern matches wins."""

CLOSERS = _words(r"^(conclusion|in conclusion|final (thoughts|words)|wrapping up|wrap up|"
                 r"closing thoughts|next steps|further reading|resources|references|sources|"
                 r"related( .*)?)$")
"""Headings that end a role section's run of item headings in any article: a plain-text
export cannot tell heading levels apart, so "Conclusion" after "Mistake 3" is not a part of it."""

PART_LABELS = _words(
    r"^(the )?(problem|issue|why it fails|why it happens|why (people|we|you) .*|why it hurts|"
    r"why it matters|why it s (bad|a problem|dangerous)|fix|fixes|solution|remedy|"
    r"how to (fix|avoid) (it|this)|what to do( instead)?|instead|do this instead|better approach|"
    r"better|red flags?|warning signs?|signs|symptoms|truth|reality|fact|facts|the real story|"
    r"key points?|examples?|example|impact|consequences?|cost|risk|result|in practice|"
    r"real life example|note|tip|bottom line)$")
"""Sub-parts of one item ("The Problem", "Why It Fails", "The Fix", "The Truth", "Key Points"):
they belong to the item above them and are never items of their own."""

FIX_LABEL = _words(r"^(the )?(fix|fixes|solution|remedy|how to (fix|avoid) (it|this)|"
                   r"what to do( instead)?|instead|do this instead|better approach)$")
"""The part of a mistake that says what to do instead: it becomes the mistake's fix."""

TRUTH_LABEL = _words(r"^(the )?(truth|reality|fact|facts|real story)$")
"""The part of a myth that corrects it: it becomes the myth's explanation."""

LESSONS = _words(r"^what (i|we|you) (learned|learnt)$")
"""A "What I learned" heading over paragraphs is the story going on, not a summary."""

MEANING_LABEL = _words(r"^(what (it|this|they) (means|is|are|does)|meaning|definition|"
                       r"explanation|in (plain|simple) (english|terms)|description)$")
"""A label whose text says what the term of the section above it is."""

NOT_TERMS = frozenset({
    "note", "notes", "tip", "tips", "example", "examples", "warning", "caution", "important",
    "step", "answer", "direct answer", "short answer", "mechanism", "implication", "why", "how",
    "what", "when", "where", "who", "summary", "tl dr", "tldr", "source", "sources", "update",
    "edit", "bonus", "pro tip", "key point", "key points", "takeaway", "result", "results",
    "goal", "q", "a", "price", "cost", "date", "founded", "location", "age", "born", "died",
    "year", "time", "duration", "author", "authors", "size", "level", "status", "phone", "email",
    "address", "website", "pros", "cons", "pro", "con", "the fix", "the mistake", "mistake",
    "problem", "the problem", "solution", "instead", "why it matters", "in short",
    "bottom line", "reading time", "homework", "todo", "to do", "reminder", "see", "e g", "eg",
    "i e", "ie", "nb", "used by", "used in", "reference", "reference link", "link", "links",
    "remember", "truth", "the truth", "myth", "fact", "reality", "explanation", "definition",
    "meaning", "context", "decision", "consequences", "deciders", "options", "considered options",
    "pros and cons", "drawbacks", "benefits", "advantages", "disadvantages", "in practice",
    "real life example", "best practices", "red flags", "warning signs", "sweet spot",
    "bad locations", "good locations", "question", "questions", "misconception", "pitfall",
    "pitfalls", "common pitfalls", "key concepts", "key terms", "origin", "use", "uses", "usage",
    "tools", "apps", "tags", "platforms", "equipment", "materials", "ingredients",
})
"""Labels that are never a term: section labels, template fields, "Used by:" / "Example:" lines."""

LEAD_IN_END = re.compile(r"((:|\.\.\.|…)|\b(below|following|as follows|these|here)[.!]?)\s*$|"
                         r"^(below|here are|here is|here's|the following|these are)\b",
                         re.IGNORECASE)
"""How a sentence that opens a list reads: it ends in a colon or points below at its end
("… listed below."), or it starts by pointing ("Below, I'll break down …", "Here are …")."""

_ORDINAL = r"(?:\d{1,3}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)"
ITEM_HEADING = re.compile(
    rf"^(?P<kind>mistake|pitfall|trap|error|myth|misconception|gotcha|failure mode|step|tip|rule|"
    rf"lesson|principle|question|q|part|chapter|tool|strategy|habit|law|model|reason|sign|"
    rf"idea|way|method)\s*(?:no\.?|number|#)?\s*{_ORDINAL}\b\s*(?:[:.)—–-]\s*|(?-i:(?=[A-Z\"“])))"
    rf"(?P<rest>.*)$|^(?P<kind2>mistake|pitfall|trap|myth|misconception|gotcha)\s*:\s*"
    rf"(?P<rest2>\S.*)$", re.IGNORECASE)
"""'Mistake #1: Not saving', 'Myth No. 3: …', 'Myth3: …', 'Step 2 - …', and unnumbered
'Misconception: A lie-in repays the debt': an item heading."""

ITEM_KINDS = {"mistake": "mistakes", "pitfall": "mistakes", "trap": "mistakes",
              "error": "mistakes", "myth": "mistakes", "misconception": "mistakes",
              "gotcha": "mistakes", "failure mode": "mistakes", "question": "qa", "q": "qa"}
"""Item headings whose kind is given by their own label (a "Myth 2:" heading is a mistake
wherever it stands)."""

_NUMBERING = re.compile(rf"^(?:#{{1,6}}\s*)?(?:\(?{_ORDINAL}[.):]|\d{{1,3}}(?=[A-Z])|"
                        r"\d{1,3}\s+(?=[A-Z]))\s*", re.IGNORECASE)
# emoji, pictographs, arrows, dingbats and variation selectors that decorate a heading
_DECORATION = re.compile("[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u297f\u2b00-\u2bff"
                         "\u3030\u303d\ufe0f\u200d\U0001f000-\U0001faff]+")
# page widgets whose label sticks to the heading in a text export ("ToggleOverloading …")
_WIDGET = re.compile(r"^(?:Toggle|Expand|Collapse|Copy|Show|Hide)(?=[A-Z][a-z])")


@lru_cache(maxsize=8192)
def clean_heading(title: str) -> str:
    """The heading as a reader would say it: without emoji, leading numbers ("1.", "01.",
    "1What"), '#' marks kept in a text export, glued widget labels and a trailing colon."""
    text = _DECORATION.sub(" ", title).strip()
    text = _WIDGET.sub("", text)
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = text.strip(" *_").strip()
    previous = None
    while previous != text:  # "1. 2) …" and "## 3." both lose every number
        previous = text
        text = _NUMBERING.sub("", text, count=1).strip()
    return text.rstrip(":").strip(" *_").strip()


@lru_cache(maxsize=8192)
def heading_key(title: str) -> str:
    """``clean_heading`` as lower-case words (what the role patterns read)."""
    return norm(clean_heading(title).replace("&", " and "))


@lru_cache(maxsize=8192)
def heading_role(title: str) -> Role | None:
    """The role a heading gives its section, or None (the section inherits its parent's)."""
    key = heading_key(title)
    if not key or len(key.split()) > 14 or title.rstrip().endswith("?"):
        return None
    for entry in ROLE_TABLE:
        if entry.heading.search(key):
            return entry.role
    # "## Here are the main points to remember about compounding:": a lead-in as a heading
    return lead_in_role(clean_heading(title) + (":" if title.rstrip().endswith(":") else ""))


def lead_in_role(sentence: str) -> Role | None:
    """The role of a sentence that opens a list or the headings after it, or None.

    "Here are some key points to understand about X:" (takeaways), "Let's break down the key
    concepts:" (definitions), "Below, I'll break down the most common mistakes ..." (mistakes).
    Only a sentence shaped as a lead-in counts (ending in a colon, or pointing below).
    """
    text = sentence.strip()
    if not text or len(text.split()) > 40 or not LEAD_IN_END.search(text):
        return None
    key = norm(text)
    for entry in ROLE_TABLE:
        if entry.lead_in is not None and entry.lead_in.search(key):
            return entry.role
    return None


def item_heading(title: str) -> tuple[str, str] | None:
    """(label kind, rest) for an item heading such as "Mistake #1: Not saving"."""
    m = ITEM_HEADING.match(clean_heading(title))
    if not m:
        return None
    if m.group("kind2"):
        return m.group("kind2").lower(), m.group("rest2").strip()
    return m.group("kind").lower(), m.group("rest").strip()


_NUMBER_FIRST = re.compile(r"^\s*(?:#{1,6}\s*)?\(?\d{1,3}[.):]?\s*(?=\S)")


def is_numbered(title: str) -> bool:
    """'1. Shares', '## 🔑 2. APY', '01. Term', '1What …?': a heading that counts its items."""
    return bool(_NUMBER_FIRST.match(_DECORATION.sub(" ", title).strip()))


def is_part_label(title: str) -> bool:
    return bool(PART_LABELS.match(heading_key(title)))


__all__ = ["CLOSERS", "ROLES", "ROLE_TABLE", "Role", "clean_heading", "heading_key",
           "heading_role", "item_heading", "lead_in_role"]
