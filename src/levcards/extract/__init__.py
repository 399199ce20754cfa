"""Extraction: an article's outline (sections with roles) read by the item layouts of each role.

The stages, in order:

1. ``outline.build`` gives every heading a shape and a role (``vocabulary``).
2. Each item heading is read by its role's item layouts, each role section (and each list a
   lead-in sentence opened) by its role's block layouts; sections with no role by the free
   layouts (bold-labelled term lists, Q:/A: lines, "TL;DR:" lines, a question's direct answer).
3. The prose pass finds sentence-level definitions ("X is Y" with a named-concept subject,
   bold terms, "What is X?" titles) outside mistakes, Q&A and example sections.
4. Enumerations ("five examples of leverage: a, b, c") anywhere.

``collect`` returns each item with the role and layout that produced it (``--explain``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article, Item, SourceRef
from . import bold_terms, definitions, enumerations, mistakes, outline, qa, takeaways
from .layout import Found, Rule, Unit
from .outline import Node
from .sentence_defs import best_sentences, key, title_definitions
from .text import norm
from .vocabulary import Role

ITEM_RULES: dict[Role, tuple[Rule, ...]] = {
    "definitions": definitions.ITEM_RULES,
    "qa": qa.ITEM_RULES,
    "takeaways": takeaways.ITEM_RULES,
    "mistakes": mistakes.ITEM_RULES,
    "none": (),
}
"""How an item heading of each role becomes an item; the first rule that yields wins."""
BLOCK_RULES: dict[Role, tuple[Rule, ...]] = {
    "definitions": definitions.BLOCK_RULES,
    "qa": qa.BLOCK_RULES,
    "takeaways": takeaways.BLOCK_RULES,
    "mistakes": mistakes.BLOCK_RULES,
    "none": (),
}
"""How the blocks of a role section become items; every rule runs on what is left."""
FREE_RULES: tuple[Rule, ...] = (*definitions.FREE_RULES, *qa.FREE_RULES, *takeaways.FREE_RULES)
"""Layouts for sections with no role."""
PLAIN_ITEM_RULES: tuple[Rule, ...] = qa.PLAIN_ITEM_RULES
"""How a heading with no role can still be an item (a question title with its direct answer)."""
KINDS = ("definition", "qa", "takeaway", "mistake", "enumeration")
_NOT_PROSE: frozenset[str | None] = frozenset({"mistakes", "qa", "none"})


@dataclass(frozen=True, slots=True)
class Silent:
    """A section with a role that yielded nothing, and why (``--explain``, ``check``)."""

    title: str
    line: int
    role: Role
    reason: str


def collect(article: Article) -> tuple[list[Found], list[Silent]]:
    """Every item with the role and layout that produced it, and the silent role sections."""
    root = outline.build(article)
    claimed: set[int] = set()
    found: list[Found] = []
    for node in root.walk():
        found.extend(_read_node(article, node, claimed))
    silent = _silent_sections(root, found)
    found.extend(_prose(article, root, found))
    found = _without_weaker_repeats(found)
    found.extend(Found(e, "prose", "enumeration") for e in enumerations.extract(article))
    return found, silent


_WEAK_RULES = frozenset({"definition-label-list"})
"""Free layouts whose definition gives way when the article defines the same term elsewhere."""


def _without_weaker_repeats(found: list[Found]) -> list[Found]:
    """One term, one definition: a label-list entry ("Emergency fund: a savings account") is
    dropped when a stronger layout defines the same term ("What is an emergency fund?")."""
    strong = {key(f.item.term) for f in found
              if f.item.kind == "definition" and f.rule not in _WEAK_RULES}
    return [f for f in found if not (f.rule in _WEAK_RULES
                                     and key(f.item.term) in strong)]  # type: ignore[union-attr]


def _read_node(article: Article, node: Node, claimed: set[int]) -> list[Found]:
    out: list[Found] = []
    role = node.role
    if node.shape in ("part",) or role == "none" and node.shape != "plain":
        return out
    for scope in node.scopes if node.shape not in ("item", "part") else ():
        out.extend(_run(BLOCK_RULES[scope.role], Unit(article, node, scope.role, scope.blocks),
                        claimed, every=True))
        if scope.role == "none":  # "Before you subscribe, ask yourself:" over its checklist
            claimed.update(b.line for b in scope.blocks)
    if node.shape == "item" and role is not None:
        out.extend(_run(ITEM_RULES[role], Unit(article, node, role, node.blocks), claimed,
                        every=False))
    elif node.shape in ("role", "group") and role is not None:
        unit = Unit(article, node, role, node.blocks)
        out.extend(_run(takeaways.FREE_RULES, unit, claimed, every=True))  # "TL;DR:" first
        out.extend(_run(BLOCK_RULES[role], unit, claimed, every=True))
    elif node.shape == "plain":
        unit = Unit(article, node, "no role", node.blocks)
        out.extend(_run(PLAIN_ITEM_RULES, unit, claimed, every=False))
        out.extend(_run(FREE_RULES, unit, claimed, every=True))
    return out


def _run(rules: Sequence[Rule], unit: Unit, claimed: set[int], every: bool) -> list[Found]:
    out: list[Found] = []
    for rule in rules:
        found = [Found(f.item, unit.role, rule.name, f.lines, unit.node.title)
                 for f in rule.run(unit, claimed)]
        for f in found:
            claimed.update(f.lines)
        out.extend(found)
        if found and not every:
            break
    return out


_EXPECTED = {
    "definitions": "no 'Term: text' lines, term table, or term headings with a paragraph",
    "qa": "no question followed by its answer",
    "takeaways": "no list items or statements under it",
    "mistakes": "no list items, labelled paragraphs or sub-headings under it",
}


def _silent_sections(root: Node, found: list[Found]) -> list[Silent]:
    """Role sections (outside other role sections) with no item anywhere in their subtree."""
    nodes = list(root.walk())
    lines = sorted(f.item.ref.line for f in found)
    out: list[Silent] = []
    for index, node in enumerate(nodes):
        if node.shape != "role" or node.role in (None, "none"):
            continue
        inside = {id(n) for n in node.walk()}
        end = next((n.line for n in nodes[index + 1:] if id(n) not in inside), 10**9)
        if any(node.line <= line < end for line in lines):
            continue
        blocks = [b for n in node.walk() for b in n.blocks]
        if not blocks and len(inside) == 1:
            reason = "the section is empty"
        elif blocks and all(b.kind == "code" for b in blocks):
            reason = "the section holds only code, which is never studied"
        else:
            reason = _EXPECTED[node.role]
        out.append(Silent(node.section.title, node.line, node.role, reason))
    return out


def _prose(article: Article, root: Node, found: list[Found]) -> list[Found]:
    """Sentence-level definitions outside mistakes, Q&A and example sections."""
    skipped = {n.line for n in root.walk() if n.role in _NOT_PROSE or n.shape == "part"
               and n.role in _NOT_PROSE}
    defined = {key(f.item.term) for f in found
               if f.item.kind == "definition" and f.rule not in _WEAK_RULES}
    out = [Found(d, "prose", "definition-title") for d in title_definitions(article, defined)]
    out += [Found(d, "prose", "definition-bold-term")
            for d in bold_terms.extract(article, defined, skipped)]
    out += [Found(d, "prose", "definition-sentence")
            for d in best_sentences(article, defined, skipped)]
    return out


def extract(article: Article, threshold: float = 0.0) -> list[Item]:
    """Every item at or above ``threshold`` confidence, in source order, exact repeats dropped."""
    return [f.item for f in explain(article, threshold)[0]]


def explain(article: Article, threshold: float = 0.0) -> tuple[list[Found], list[Silent]]:
    """``collect`` filtered by ``threshold``, in source order, exact repeats dropped."""
    found, silent = collect(article)
    kept: list[Found] = []
    seen: set[tuple[str, ...]] = set()
    for f in found:
        item = f.item
        identity = (item.kind, norm(item.key), norm(_body(item)))
        if item.confidence >= threshold and identity not in seen:
            seen.add(identity)
            kept.append(f)
    order = {kind: n for n, kind in enumerate(KINDS)}
    kept.sort(key=lambda f: (f.item.ref.line, order[f.item.kind]))
    return kept, silent


def _body(item: Item) -> str:
    for name in ("definition", "answer", "explanation", "text"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return " ".join(getattr(item, "members", ()))


EXTRACTORS = KINDS

__all__ = ["BLOCK_RULES", "FREE_RULES", "ITEM_RULES", "Found", "Silent", "SourceRef", "collect",
           "explain", "extract"]
