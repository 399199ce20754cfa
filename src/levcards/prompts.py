"""How a mistake card asks: its prompt line, and what its section calls it.

"Common mistake: **X** — Why is it a mistake?", advice written as a warning asked the way it was
meant ("Why shouldn't you move the casualty?"), and a bare item named as its section names it
("Common pitfall:", "Myth:"), with the section's own name only when that says more.
"""

from __future__ import annotations

import re

from . import render
from .extract.vocabulary import heading_role

_DONT = re.compile(r"^(don[’']?t|do not|never|avoid|stop)\s+(.+)$", re.IGNORECASE)


def mistake_prompt(title: str, sense: str, group: str = "") -> str:
    """"Common mistake: **X** — why is it a mistake?", or, for advice written as a warning
    ("Don't move the casualty"), the question it answers ("Why shouldn't you move the casualty?");
    a weak point of an idea asks what the problem is ("Limitation: **Oversimplification**")."""
    kind = kind_word(group)
    if kind in _WEAK_POINTS:
        return (f'{kind}: <b>{render.text(title)}</b>{sense}'
                '<div class="lc-ask">What is the problem?</div>')
    m = _DONT.match(title.strip().rstrip("."))
    if m and not m.group(2).split()[0].lower().endswith("ing"):  # "Never turning the heap" is
        # a mistake named, not an instruction: "Why should you never turning …" reads wrong
        verb, rest = m.group(1).lower(), render.text(m.group(2))
        ask = {"never": "Why should you never", "avoid": "Why avoid", "stop": "Why stop"}.get(
            verb, "Why shouldn't you")
        return f"{ask} <b>{rest}</b>?{sense}"
    return (f'Common mistake: <b>{render.text(title)}</b>{sense}'
            '<div class="lc-ask">Why is it a mistake?</div>')


_KIND_WORDS = re.compile(r"\b(myth|misconception|pitfall|trap|limitation|drawback|misuse|"
                         r"anti-?pattern|gotcha|weakness|criticism)(s|es)?\b", re.IGNORECASE)
_WEAK_POINTS = ("Limitation", "Drawback", "Misuse", "Weakness", "Criticism")


def kind_word(group: str) -> str:
    """What the section calls its items: "Common Pitfalls" holds pitfalls, "Myths" myths;
    anything else is a common mistake."""
    m = _KIND_WORDS.search(group)
    if not m:
        return "Common mistake"
    word = m.group(1).lower()
    return f"Common {word}" if re.search(r"\bcommon\b", group, re.IGNORECASE) else word.capitalize()


def informative(group: str) -> bool:
    """A section name worth showing beside "Common mistake": "Mistakes when rebasing" says
    where, "Common mistakes" or "Pitfalls" only says "mistake" again."""
    return bool(group) and not (len(group.split()) <= 2 and (
        heading_role(group) == "mistakes" or _KIND_WORDS.search(group)))
